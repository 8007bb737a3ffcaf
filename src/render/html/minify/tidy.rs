//! What the minifier could not decide because a Tera tag stood in its way, decided after it
//! ran: which attribute values may lose their quotes, and which closing tags HTML lets a
//! page leave out before an `{% endif %}` or `{% endfor %}`.

use super::{CLOSE, OPEN, is_statement, start_tags};

/// The filter that quotes an attribute value only when it needs quotes:
/// `href={% filter varde_attr %}{{ url }}{% endfilter %}`.
pub const ATTR_FILTER: &str = "varde_attr";

/// [`ATTR_FILTER`]: the rendered (already escaped) value, bare when HTML allows it, else in
/// double quotes (escaping turned every `"` in it into `&quot;`).
pub fn attr_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let v = value.as_str().unwrap_or_default();
    Ok(tera::Value::String(if can_be_unquoted(v) {
        v.to_string()
    } else {
        format!("\"{v}\"")
    }))
}

/// Whether an attribute value may be written without quotes.
fn can_be_unquoted(v: &str) -> bool {
    !v.is_empty()
        && !v.bytes().any(|c| {
            c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`')
        })
}

/// Drops the quotes of the attribute values of a start tag where it can: a static value
/// that needs none loses them; a value with Tera tags gets [`ATTR_FILTER`], which decides
/// when the page renders. Only values followed by a space or the tag's end are touched, so
/// a value never runs into what a Tera tag after it renders.
pub(super) fn unquote_attributes(tag: &str, tags: &[&str]) -> String {
    let mut out = String::with_capacity(tag.len() + 32);
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        // `="` inside another quoted value is not an attribute: values in a start tag
        // from the minifier or a theme are quoted, so count the quotes before.
        let before = &rest[..eq];
        if before.matches('"').count() % 2 == 1 || before.matches('\'').count() % 2 == 1 {
            break;
        }
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        let after = &rest[value_start + len + 1..];
        out.push_str(&rest[..eq + 1]);
        let ends = space_follows(after, tags);
        if ends && value.contains(OPEN) {
            out.push_str(&format!(
                "{{% filter {ATTR_FILTER} %}}{value}{{% endfilter %}}"
            ));
        } else if ends && can_be_unquoted(value) {
            out.push_str(value);
        } else {
            out.push('"');
            out.push_str(value);
            out.push('"');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Turns the statements the minifier saw as elements, `<varde-sN></varde-sN>`, back into
/// placeholders. `None` if one lost its closing tag.
pub(super) fn statements_as_text(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<varde-s") {
        out.push_str(&rest[..at]);
        let el = &rest[at + 8..];
        let gt = el.find('>')?;
        let n = &el[..gt];
        rest = el[gt + 1..].strip_prefix(format!("</varde-s{n}>").as_str())?;
        out.push(OPEN);
        out.push('s');
        out.push_str(n);
        out.push_str(CLOSE);
    }
    out.push_str(rest);
    Some(out)
}

/// Whether what renders after an attribute value, whose template text after it is `after`,
/// surely starts with a space or the tag's end: directly, after an `{% endif %}`, or after
/// an `{% if %}` whose body starts with a space and whose `{% endif %}` is followed by one.
fn space_follows(after: &str, tags: &[&str]) -> bool {
    let mut rest = after;
    loop {
        if rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            return true;
        }
        let Some((n, next)) = statement_at(rest) else {
            return false;
        };
        let Some(tag) = tags.get(n) else { return false };
        if is_statement(tag, "endif") {
            rest = next;
            continue;
        }
        if !is_if(tag) || !next.starts_with(|c: char| c.is_ascii_whitespace()) {
            return false;
        }
        // The next statement in the body must be its `{% endif %}`.
        let Some(at) = next.find(&format!("{OPEN}s")) else {
            return false;
        };
        match statement_at(&next[at..]) {
            Some((m, _)) if tags.get(m).is_some_and(|t| is_statement(t, "endif")) => {
                rest = &next[at..];
            }
            _ => return false,
        }
    }
}

/// The statement placeholder at the start of `s` (its number), and the text after it.
fn statement_at(s: &str) -> Option<(usize, &str)> {
    let a = s.strip_prefix(OPEN)?.strip_prefix('s')?;
    let close = a.find(CLOSE)?;
    Some((a[..close].parse().ok()?, &a[close + CLOSE.len()..]))
}

/// Whether a tag is `{% if ... %}`.
fn is_if(tag: &str) -> bool {
    let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
    inner
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .starts_with("if ")
}

/// Leaves out closing tags HTML lets a page leave out, where the minifier could not see
/// what follows because a Tera tag stood there: `</li>` before an `{% endfor %}` whose loop
/// body starts with `<li` and which is followed by `</ul>`, `</ol>` or `<li`; `</p>` before
/// `{% endif %}`s followed by a tag that ends a paragraph.
pub(super) fn drop_optional_ends(template: &str, tags: &[&str]) -> String {
    // Only between tags: the text of scripts and styles is left alone.
    let mut out = String::with_capacity(template.len());
    let mut copied = 0;
    for tag in start_tags(template) {
        if matches!(tag.name.as_str(), "script" | "style") {
            let close = format!("</{}", tag.name);
            let end = template[tag.end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(template.len(), |e| tag.end + e);
            drop_ends_in(&mut out, &template[copied..tag.end], tags);
            out.push_str(&template[tag.end..end]);
            copied = end;
        }
    }
    drop_ends_in(&mut out, &template[copied..], tags);
    out
}

/// [`drop_optional_ends`] over HTML without script or style text, appending to `out`.
fn drop_ends_in(out: &mut String, template: &str, tags: &[&str]) {
    let mut rest = template;
    while let Some(at) = rest.find("</") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let (end, droppable) = if let Some(next) = after.strip_prefix("</li>") {
            let ok = statement_at(next).is_some_and(|(n, next)| {
                tags.get(n).is_some_and(|t| is_statement(t, "endfor"))
                    && ["</ul>", "</ol>", "<li"]
                        .iter()
                        .any(|e| next.starts_with(e))
                    && loop_body_starts_with_li(out, tags)
            });
            (5, ok)
        } else if let Some(mut next) = after.strip_prefix("</p>") {
            while let Some((n, after_endif)) = statement_at(next) {
                if !tags.get(n).is_some_and(|t| is_statement(t, "endif")) {
                    break;
                }
                next = after_endif;
            }
            (4, ends_paragraph(next))
        } else {
            (2, false)
        };
        if !droppable {
            out.push_str(&after[..end]);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
}

/// Whether `html` starts with a tag before which `</p>` may be left out: the start of a
/// block, or the end of a parent that is not `a`, `audio`, `del`, `ins`, `map`, `noscript`
/// or `video` (HTML's rules for `</p>`).
fn ends_paragraph(html: &str) -> bool {
    const STARTS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "search",
        "section",
        "table",
        "ul",
    ];
    const NOT_ENDING: &[&str] = &["a", "audio", "del", "ins", "map", "noscript", "video"];
    let (closing, rest) = match html.strip_prefix("</") {
        Some(r) => (true, r),
        None => match html.strip_prefix('<') {
            Some(r) => (false, r),
            None => return false,
        },
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if !rest[name_len..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
        return false;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    if closing {
        !name.is_empty() && !NOT_ENDING.contains(&name.as_str())
    } else {
        STARTS.contains(&name.as_str())
    }
}

/// Whether the innermost `{% for %}` open at the end of `before` has a body starting `<li`.
fn loop_body_starts_with_li(before: &str, tags: &[&str]) -> bool {
    let mut depth = 0;
    let mut rest = before;
    while let Some(at) = rest.rfind(&format!("{OPEN}s")) {
        let Some((n, body)) = statement_at(&rest[at..]) else {
            return false;
        };
        let tag = tags.get(n).copied().unwrap_or("");
        let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
        let word = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if word == "endfor" {
            depth += 1;
        } else if word.starts_with("for ") {
            if depth == 0 {
                return body.starts_with("<li");
            }
            depth -= 1;
        }
        rest = &rest[..at];
    }
    false
}

/// [`unquote_attributes`] over every start tag of minified HTML.
pub(super) fn unquote_all(html: &str, tags: &[&str]) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    for tag in start_tags(html) {
        out.push_str(&html[copied..tag.start]);
        out.push_str(&unquote_attributes(&html[tag.start..tag.end], tags));
        copied = tag.end;
    }
    out.push_str(&html[copied..]);
    out
}
