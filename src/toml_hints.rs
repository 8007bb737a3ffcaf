//! Plain words for the TOML parser's terse errors, which a volunteer editing `site.toml`,
//! front matter or a clinic file otherwise has to decode: "duplicate key" without the key
//! or its table, "invalid float" for a date written `29.11.2026`, "expected a sequence" for
//! `fallback = "en"`.
//!
//! [`explain`] looks at the text around the error's position and returns a better message
//! and hint when it recognises the mistake; the callers keep their own generic hint
//! otherwise. Positions stay the parser's, so every error keeps its `file:line:col`.

use crate::diagnostics::line_col;
use std::ops::Range;

/// A clearer message and hint for one TOML error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What is wrong, in the user's terms (their key, their table, their value).
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// How dates are written in the file: front matter uses TOML dates (`checked =
/// 2026-11-29`), clinic files strings (`date = "2026-12-24"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Bare TOML dates.
    Bare,
    /// Dates in quotes.
    Quoted,
}

/// Explains the TOML error `message` at `span` (byte offsets into `text`, the whole file;
/// `start` is where the TOML part begins, after a front matter's `+++`).
pub fn explain(
    text: &str,
    start: usize,
    span: Range<usize>,
    message: &str,
    dates: Dates,
) -> Option<Explained> {
    let toml_text = text.get(start..)?;
    let span = span.start.checked_sub(start)?..span.end.checked_sub(start)?;
    if message.starts_with("duplicate key") {
        return duplicate(text, toml_text, start, span);
    }
    let (key, value) = key_and_value(toml_text, span.start);
    if let Some(iso) = european_date(value) {
        let example = match dates {
            Dates::Bare => iso.clone(),
            Dates::Quoted => format!("\"{iso}\""),
        };
        return Some(Explained {
            message: format!("`{value}` is not a date varde can read"),
            hint: format!("write dates as {iso}, year-month-day: `{key} = {example}`"),
        });
    }
    if message.contains("expected a sequence") && !key.is_empty() {
        let example = if value.starts_with('"') && value.len() > 1 && value.ends_with('"') {
            format!("{key} = [{value}]")
        } else {
            format!("{key} = [\"...\"]")
        };
        return Some(Explained {
            message: format!("`{key}` must be a list in square brackets"),
            hint: format!(
                "write `{example}`: square brackets even for one entry, several separated by commas"
            ),
        });
    }
    None
}

/// "duplicate key": names the key or table written twice, and where it first was.
fn duplicate(text: &str, toml_text: &str, start: usize, span: Range<usize>) -> Option<Explained> {
    let line_no = |offset: usize| line_col(text, start + offset).0;
    let this_line_start = toml_text[..span.start.min(toml_text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let this = line_at(toml_text, span.start).trim();
    if this.starts_with('[') {
        // A table header written twice: `[languages.en]`.
        let header = strip_comment(this).trim();
        let first = lines_with_offsets(&toml_text[..this_line_start])
            .find(|(_, l)| strip_comment(l).trim() == header)
            .map(|(o, _)| line_no(o));
        return Some(Explained {
            message: match first {
                Some(n) => format!("the table `{header}` is written twice (first on line {n})"),
                None => format!("the table `{header}` is written twice"),
            },
            hint: format!(
                "a table may appear once: put all its keys under the first `{header}` and remove this one"
            ),
        });
    }
    let key = this.split('=').next()?.trim().trim_matches('"');
    if key.is_empty() {
        return None;
    }
    // The table the key is in: the last header above it, if any.
    let before = &toml_text[..this_line_start];
    let header = lines_with_offsets(before)
        .filter(|(_, l)| l.trim_start().starts_with('['))
        .last();
    let table_start = header.map_or(0, |(o, _)| o);
    let place = match header {
        Some((_, h)) => format!("in `{}`", strip_comment(h).trim()),
        None => "at the top of the file".to_string(),
    };
    let first = lines_with_offsets(&before[table_start..])
        .find(|(_, l)| {
            l.split_once('=')
                .is_some_and(|(k, _)| k.trim().trim_matches('"') == key)
        })
        .map(|(o, _)| line_no(table_start + o));
    let first = first.map_or(String::new(), |n| format!(" (first on line {n})"));
    Some(Explained {
        message: format!("`{key}` is set twice {place}{first}"),
        hint: "keep one of the two lines: a key may be set once in each table".to_string(),
    })
}

/// The value written around byte `offset` (up to a space, comma or bracket) and the key it
/// is given to (`checked` in `checked = 29.11.2026`, `date` in `{ date = 24.12.2026 }`).
fn key_and_value(text: &str, offset: usize) -> (&str, &str) {
    let offset = offset.min(text.len());
    let ends = |c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}' | '=' | '#');
    let from = text[..offset].rfind(ends).map_or(0, |i| i + 1);
    let to = text[offset..].find(ends).map_or(text.len(), |i| offset + i);
    let value = &text[from..to];
    let line_start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..from]
        .trim_end()
        .strip_suffix('=')
        .map(|k| {
            let k = k.trim_end();
            let start = k
                .rfind(|c: char| c.is_whitespace() || matches!(c, '{' | ','))
                .map_or(0, |i| i + 1);
            k[start..].trim_matches('"')
        })
        .unwrap_or("");
    (key, value)
}

/// The line of `text` that holds byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let from = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let to = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[from..to]
}

/// Each line of `text` with the byte offset it starts at.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let at = offset;
        offset += l.len();
        (at, l.trim_end_matches(['\n', '\r']))
    })
}

/// `value` without a trailing `# comment` (outside quotes).
fn strip_comment(value: &str) -> &str {
    let mut quoted = false;
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &value[..i],
            _ => {}
        }
    }
    value
}

/// `29.11.2026`, `29/11/2026` or `29-11-2026` (day first, as written in Norway and most of
/// Europe), with or without quotes, as `2026-11-29`; `None` for anything else.
fn european_date(value: &str) -> Option<String> {
    let v = value.trim_matches('"');
    let parts: Vec<&str> = v.split(['.', '/', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    let (day, month) = (d.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    Some(format!("{y}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str, message: &str) -> Option<Explained> {
        let i = text.find(needle).unwrap();
        explain(text, 0, i..i + needle.len(), message, Dates::Bare)
    }

    #[test]
    fn dates_day_first_become_iso() {
        assert_eq!(european_date("29.11.2026").as_deref(), Some("2026-11-29"));
        assert_eq!(european_date("1/2/2027").as_deref(), Some("2027-02-01"));
        assert_eq!(european_date("2026-11-29"), None);
        assert_eq!(european_date("13.13.2026"), None);
        let e = at(
            "title = \"A\"\nchecked = 29.11.2026\n",
            ".2026",
            "invalid float",
        )
        .unwrap();
        assert_eq!(e.message, "`29.11.2026` is not a date varde can read");
        assert_eq!(
            e.hint,
            "write dates as 2026-11-29, year-month-day: `checked = 2026-11-29`"
        );
    }

    #[test]
    fn duplicate_keys_and_tables_are_named() {
        let text = "a = 1\n[languages.en]\nname = \"x\" # n\ndir = \"ltr\"\nname = \"y\"\n";
        let e = at(text, "name = \"y\"", "duplicate key").unwrap();
        assert_eq!(
            e.message,
            "`name` is set twice in `[languages.en]` (first on line 3)"
        );
        let text = "[languages.en]\nname = \"x\"\n\n[languages.en]\nname = \"y\"\n";
        let i = text.rfind("en]").unwrap();
        let e = explain(text, 0, i..i + 2, "duplicate key", Dates::Bare).unwrap();
        assert_eq!(
            e.message,
            "the table `[languages.en]` is written twice (first on line 1)"
        );
        let e = at(
            "free = true\nfree = false\n",
            "free = false",
            "duplicate key",
        )
        .unwrap();
        assert_eq!(
            e.message,
            "`free` is set twice at the top of the file (first on line 1)"
        );
    }

    #[test]
    fn a_date_inside_an_inline_table() {
        let text = "closed = [{ date = 24.12.2026, reason = \"x\" }]\n";
        let i = text.find(".12").unwrap();
        let e = explain(text, 0, i..i + 1, "invalid float", Dates::Quoted).unwrap();
        assert_eq!(
            e.hint,
            "write dates as 2026-12-24, year-month-day: `date = \"2026-12-24\"`"
        );
    }

    #[test]
    fn a_string_where_a_list_is_wanted() {
        let e = at(
            "[languages.nb]\nfallback = \"en\"\n",
            "\"en\"",
            "invalid type: string \"en\", expected a sequence",
        )
        .unwrap();
        assert_eq!(e.message, "`fallback` must be a list in square brackets");
        assert!(
            e.hint.starts_with("write `fallback = [\"en\"]`"),
            "{}",
            e.hint
        );
    }
}
