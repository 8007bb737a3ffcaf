//! JSON to put inside a `<script>` element (JSON-LD, the open-now data, the service worker's
//! manifest, `varde serve`'s reload messages): written by serde_json, then made script-safe in
//! one pass.
//!
//! In JSON, `<`, `>` and `&` can only stand inside strings, so writing them as `\u003c`,
//! `\u003e` and `\u0026` keeps the same value while no `</script>` or `<!--` can end or
//! change the element. U+2028 and U+2029 are escaped too: older JavaScript parsers read them
//! as line ends inside a string.

use serde::Serialize;

/// `value` as one line of script-safe JSON.
pub fn to_script_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain data (strings, numbers, derived structs) into a String cannot fail;
    // `null` keeps a script valid should it ever.
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_inside_can_end_the_script_element() {
        let s = to_script_json(&["</script><!--", "a & b", "\"q\"\\", "\u{2028}"]);
        assert_eq!(
            s,
            r#"["\u003c/script\u003e\u003c!--","a \u0026 b","\"q\"\\","\u2028"]"#
        );
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "</script><!--");
    }
}
