//! HTML minification, done where it pays: the theme's templates once when they load, and
//! per page only the HTML the page brings itself (its Markdown). Minifying every whole
//! page re-minified the same theme markup ten thousand times.
//!
//! A template is minified with its Tera tags hidden behind placeholders the minifier treats
//! as text, so it keeps them byte for byte and never drops a closing tag or whitespace whose
//! need depends on what a tag renders. A start tag with a Tera tag between its attributes
//! (`<a href="x"{% if c %} aria-current="page"{% endif %}>`) is kept as written.

use minify_html::Cfg;

/// Opens a placeholder. Private-use characters: no template has them (checked).
const OPEN: char = '\u{E000}';
/// Closes a placeholder. The space before it makes the minifier keep the double quotes of
/// an attribute value that holds a placeholder, because the rendered value may have spaces.
const CLOSE: &str = " \u{E001}";
/// The attribute that marks a start tag kept as written: `<a data-varde-tag3>`.
const KEPT_TAG: &str = "data-varde-tag";

/// The minifier settings for varde's pages: the `<html>` and `<head>` tags stay (the
/// offline tests and some tools look for them); CSS and JavaScript are left as written (the
/// stylesheet is minified when it loads; scripts are small and hashed as they are).
fn cfg() -> Cfg {
    let mut cfg = Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// Tera's escaping for `.html` templates, minus what minified HTML does not need: `/`, `>`
/// and `'` stay as they are. Every attribute value holding a Tera expression is written
/// bare only when its rendered value allows it, else in double quotes ([`attr_filter`]).
/// For a theme that writes such a value in single quotes, see [`escape_apostrophes`].
pub fn escape(input: &str) -> String {
    escape_chars(input, &['&', '<', '"'])
}

/// [`escape`], also escaping `'`: for themes with a Tera expression in a single-quoted
/// attribute value ([`has_single_quoted_expression`]).
pub fn escape_apostrophes(input: &str) -> String {
    escape_chars(input, &['&', '<', '"', '\''])
}

fn escape_chars(input: &str, chars: &[char]) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut rest = input;
    while let Some(i) = rest.find(chars) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a template has a Tera tag inside a single-quoted attribute value, where a `'`
/// in the rendered value would end the attribute.
pub fn has_single_quoted_expression(template: &str) -> bool {
    start_tags(template).iter().any(|tag| {
        let text = &template[tag.start..tag.end];
        text.split("='").skip(1).any(|v| {
            v.split('\'')
                .next()
                .is_some_and(|v| v.contains("{{") || v.contains("{%"))
        })
    })
}

/// Minifies a fragment of HTML that goes into a page as it is (a page's Markdown). The end
/// of the fragment is not the end of the page, so no closing tag is dropped there.
pub fn fragment(html: &str) -> String {
    let html = html.trim();
    if html.is_empty() || html.contains(OPEN) {
        return html.to_string();
    }
    let mut input = String::with_capacity(html.len() + 3);
    input.push_str(html);
    input.push(OPEN);
    let out = minify_html::minify(input.as_bytes(), &cfg());
    match String::from_utf8(out) {
        Ok(mut s) if s.ends_with(OPEN) => {
            s.truncate(s.len() - OPEN.len_utf8());
            s
        }
        _ => html.to_string(),
    }
}

/// One piece of a template: HTML, or a Tera tag (`{{ }}`, `{% %}`, a `{% raw %}` block)
/// kept as written. Tera comments are dropped; they render nothing.
enum Piece<'a> {
    Html(&'a str),
    Tag(&'a str),
}

/// Minifies a Tera HTML template, keeping its tags as written. `None` when the template
/// cannot be minified safely (the caller uses it as written).
pub fn template(src: &str) -> Option<String> {
    if src.contains(OPEN)
        || src.contains('\u{E001}')
        || src.contains(KEPT_TAG)
        || src.contains("<varde-")
    {
        return None;
    }
    let pieces = split(src)?;
    let mut tags: Vec<&str> = Vec::new();
    let mut hidden = String::with_capacity(src.len());
    let whole_document = {
        let t = src.trim();
        t.get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype"))
            && t.get(t.len().saturating_sub(7)..)
                .is_some_and(|s| s.eq_ignore_ascii_case("</html>"))
    };
    // A template that is a part of a page (a block, an include) neither starts nor ends the
    // page: a placeholder at each end keeps the minifier from trimming or closing there.
    if !whole_document {
        hidden.push_str(EDGE);
    }
    for piece in &pieces {
        match piece {
            Piece::Html(h) => hidden.push_str(h),
            Piece::Tag(t) => {
                push_placeholder(&mut hidden, tags.len(), is_statement_tag(t));
                tags.push(t);
            }
        }
    }
    if !whole_document {
        hidden.push_str(EDGE);
    }
    let (hidden, kept) = prepare(&hidden);
    let out = String::from_utf8(minify_html::minify(hidden.as_bytes(), &cfg())).ok()?;
    // The minifier single-quotes a value with `"` in it; `'` is not escaped in rendered values.
    if start_tags(&out).iter().any(|t| {
        out[t.start..t.end]
            .split("='")
            .skip(1)
            .any(|v| v.split('\'').next().is_some_and(|v| v.contains(OPEN)))
    }) {
        return None;
    }
    let kept: Vec<String> = kept.iter().map(|t| unquote_attributes(t, &tags)).collect();
    let out = drop_optional_ends(&unquote_all(&statements_as_text(&out)?, &tags), &tags);
    restore(&out, &tags, &kept, whole_document)
}

/// Writes placeholder `n`; `s` marks a statement.
fn push_placeholder(out: &mut String, n: usize, statement: bool) {
    out.push(OPEN);
    if statement {
        out.push('s');
    }
    out.push_str(&n.to_string());
    out.push_str(CLOSE);
}

/// Marks an end of a template that is part of a page: an element, so whitespace beside it
/// goes where whitespace between elements goes, and no closing tag before it is left out.
const EDGE: &str = "<varde-e></varde-e>";

/// Whether a Tera tag is a statement (`{% if %}`, `{% include %}`), which renders markup
/// or nothing, unlike an expression (`{{ x }}`) or a raw block, which render text.
fn is_statement_tag(tag: &str) -> bool {
    tag.starts_with("{%") && !is_statement(tag, "raw")
}

/// Splits a template into HTML and Tera tags. `None` on a tag that does not close (Tera
/// reports those; the template is then used as written).
fn split(src: &str) -> Option<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut rest = src;
    while let Some(start) = find_tag_start(rest) {
        if start > 0 {
            pieces.push(Piece::Html(&rest[..start]));
        }
        let kind = rest.as_bytes()[start + 1];
        let end = start + tag_len(&rest[start..], kind)?;
        let tag = &rest[start..end];
        match kind {
            b'#' => {}
            b'%' if is_statement(tag, "raw") => {
                // Everything up to `{% endraw %}` is text Tera does not look at: keep it all.
                let mut at = end;
                loop {
                    let next = at + find_tag_start(&rest[at..])?;
                    let next_end = next + tag_len(&rest[next..], rest.as_bytes()[next + 1])?;
                    at = next_end;
                    if is_statement(&rest[next..next_end], "endraw") {
                        break;
                    }
                }
                pieces.push(Piece::Tag(&rest[start..at]));
                rest = &rest[at..];
                continue;
            }
            _ => pieces.push(Piece::Tag(tag)),
        }
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Html(rest));
    }
    Some(pieces)
}

/// Where the next `{{`, `{%` or `{#` starts.
fn find_tag_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &b[from..]) {
        let i = from + i;
        if matches!(b.get(i + 1), Some(b'{' | b'%' | b'#')) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// The length of the Tera tag at the start of `s`, skipping string literals inside it.
fn tag_len(s: &str, kind: u8) -> Option<usize> {
    let close = match kind {
        b'{' => b'}',
        other => other,
    };
    let b = s.as_bytes();
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if kind != b'#' && matches!(c, b'"' | b'\'' | b'`') => quote = Some(c),
            None if c == close && b.get(i + 1) == Some(&b'}') => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

/// Whether a `{% %}` tag is the statement `word` (`{%- raw -%}` counts).
fn is_statement(tag: &str, word: &str) -> bool {
    let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
    inner.trim_matches(|c: char| c == '-' || c.is_whitespace()) == word
}

/// A start tag found in HTML: `src[start..end]` is `<name ...>`.
struct StartTag {
    start: usize,
    end: usize,
    name: String,
}

/// Every start tag of `src`, skipping comments and the text of `script`, `style`, `title` and
/// `textarea` (which holds no tags), with `>` inside quoted attribute values not ending one.
fn start_tags(src: &str) -> Vec<StartTag> {
    let b = src.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + lt;
        i = lt + 1;
        if src[lt..].starts_with("<!--") {
            i = src[lt..].find("-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        if !b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = src[lt + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(b.len(), |e| lt + 1 + e);
        let name = src[lt + 1..name_end].to_ascii_lowercase();
        let Some(end) = tag_end(src, name_end) else {
            break;
        };
        i = end;
        if matches!(name.as_str(), "script" | "style" | "title" | "textarea") {
            let close = format!("</{name}");
            i = src[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| end + e);
        }
        tags.push(StartTag {
            start: lt,
            end,
            name,
        });
    }
    tags
}

/// The end (after `>`) of a start tag whose attributes begin at `from`.
fn tag_end(src: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    let mut after_eq = false;
    for (j, c) in src[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if after_eq => quote = Some(c),
            (None, '>') => return Some(from + j + 1),
            _ => {}
        }
        if quote.is_none() {
            after_eq = c == '=' || (after_eq && c.is_whitespace());
        }
    }
    None
}

/// Whether a start tag has a placeholder between its attributes, not inside a quoted value.
fn has_dynamic_attributes(tag: &str) -> bool {
    let mut quote = None;
    let mut after_eq = false;
    for c in tag.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if after_eq => quote = Some(c),
            (None, OPEN) => return true,
            _ => {}
        }
        if quote.is_none() {
            after_eq = c == '=' || (after_eq && c.is_whitespace());
        }
    }
    false
}

/// Readies a template with placeholders for the minifier, returning the start tags it must
/// not see. A start tag with a placeholder between its attributes becomes
/// `<name data-varde-tagN>` (the minifier could reorder or unquote across a Tera tag). A
/// statement (`{% %}`) between tags becomes an empty element `<varde-sN></varde-sN>`, so the
/// minifier drops whitespace beside it where it drops whitespace between elements; it also
/// stops a closing tag before it from being left out, as any element but the right one does.
fn prepare(src: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(src.len());
    let mut kept = Vec::new();
    let mut copied = 0;
    let text_between = |out: &mut String, text: &str| {
        let mut rest = text;
        while let Some(p) = rest.find(OPEN) {
            let after = &rest[p + OPEN.len_utf8()..];
            match after
                .strip_prefix('s')
                .and_then(|a| Some((a, a.find(CLOSE)?)))
            {
                Some((a, close)) => {
                    out.push_str(&rest[..p]);
                    let n = &a[..close];
                    out.push_str(&format!("<varde-s{n}></varde-s{n}>"));
                    rest = &a[close + CLOSE.len()..];
                }
                None => {
                    out.push_str(&rest[..p + OPEN.len_utf8()]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    };
    for tag in start_tags(src) {
        text_between(&mut out, &src[copied..tag.start]);
        let text = &src[tag.start..tag.end];
        if has_dynamic_attributes(text) {
            out.push_str(&format!("<{} {KEPT_TAG}{}>", tag.name, kept.len()));
            kept.push(text.to_string());
        } else {
            out.push_str(text);
        }
        copied = tag.end;
        // The text of script, style, title and textarea stays as it is.
        if matches!(tag.name.as_str(), "script" | "style" | "title" | "textarea") {
            let close = format!("</{}", tag.name);
            let end = src[copied..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(src.len(), |e| copied + e);
            out.push_str(&src[copied..end]);
            copied = end;
        }
    }
    text_between(&mut out, &src[copied..]);
    (out, kept)
}

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
fn unquote_attributes(tag: &str, tags: &[&str]) -> String {
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
fn statements_as_text(html: &str) -> Option<String> {
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
fn drop_optional_ends(template: &str, tags: &[&str]) -> String {
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
fn unquote_all(html: &str, tags: &[&str]) -> String {
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

/// Puts the Tera tags and the kept start tags back into the minified text. `None` unless
/// every one of them comes back exactly once (a minifier that dropped an attribute or a
/// comment with a tag in it would change what the template does).
fn restore(min: &str, tags: &[&str], kept: &[String], whole_document: bool) -> Option<String> {
    let mut min = min;
    if !whole_document {
        min = min.strip_prefix(EDGE)?.strip_suffix(EDGE)?;
    }
    let mut out = String::with_capacity(min.len() + tags.iter().map(|t| t.len()).sum::<usize>());
    let mut seen_tags = vec![false; tags.len()];
    let mut seen_kept = vec![false; kept.len()];
    restore_into(&mut out, min, tags, &mut seen_tags, kept, &mut seen_kept)?;
    (seen_tags.iter().all(|s| *s) && seen_kept.iter().all(|s| *s)).then_some(out)
}

fn restore_into(
    out: &mut String,
    text: &str,
    tags: &[&str],
    seen_tags: &mut [bool],
    kept: &[String],
    seen_kept: &mut [bool],
) -> Option<()> {
    let mut rest = text;
    loop {
        let next_tag = rest.find(OPEN);
        let next_kept = rest.find(KEPT_TAG);
        match (next_tag, next_kept) {
            (Some(p), k) if k.is_none_or(|k| p < k) => {
                out.push_str(&rest[..p]);
                let after = &rest[p + OPEN.len_utf8()..];
                let after = after.strip_prefix('s').unwrap_or(after);
                let close = after.find(CLOSE)?;
                let (n, after) = (&after[..close], &after[close + CLOSE.len()..]);
                let n: usize = n.parse().ok()?;
                if std::mem::replace(seen_tags.get_mut(n)?, true) {
                    return None;
                }
                out.push_str(tags[n]);
                rest = after;
            }
            (_, Some(k)) => {
                // `<name data-varde-tagN>`: back to the `<`, on to the `>`.
                let lt = rest[..k].rfind('<')?;
                out.push_str(&rest[..lt]);
                let digits = &rest[k + KEPT_TAG.len()..];
                let gt = digits.find('>')?;
                let n: usize = digits[..gt].parse().ok()?;
                if std::mem::replace(seen_kept.get_mut(n)?, true) {
                    return None;
                }
                restore_into(out, &kept[n], tags, seen_tags, kept, seen_kept)?;
                rest = &digits[gt + 1..];
            }
            _ => {
                out.push_str(rest);
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `src` minified, as `templates::load` does, with `context` (TOML).
    fn render(src: &str, context: &str) -> String {
        let small = template(src).expect("minifiable");
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        tera.register_filter(ATTR_FILTER, attr_filter);
        tera.add_raw_template("t.html", &small).unwrap();
        let value: toml::Table = toml::from_str(context).unwrap();
        let ctx = tera::Context::from_serialize(value).unwrap();
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn markup_is_minified_and_tera_tags_kept() {
        let src = "<div class=\"a\">\n  <p>\n    {{ x }}\n  </p>\n</div>\n";
        assert_eq!(render(src, r#"x = "Hi""#), "<div class=a><p>Hi</div>");
    }

    #[test]
    fn attribute_values_are_quoted_only_when_the_rendered_value_needs_it() {
        let src = "<a href=\"{{ url }}\" title=\"{{ title }}\">x</a>";
        assert_eq!(
            render(
                src,
                r#"url = "a/b/"
title = "two words""#
            ),
            "<a href=a/b/ title=\"two words\">x</a>"
        );
        assert_eq!(
            render(
                src,
                r#"url = 'a" onclick="x'
title = "<>&""#
            ),
            "<a href=\"a&quot; onclick=&quot;x\" title=\"&lt;>&amp;\">x</a>",
            "a quote in a value cannot end the attribute"
        );
    }

    #[test]
    fn a_start_tag_with_a_tera_tag_between_attributes_renders_either_way() {
        let src = "<ul>{% for i in items %}<li><a href=\"{{ i.url }}\"{% if i.current %} aria-current=\"page\"{% endif %}>{{ i.title }}</a></li>{% endfor %}</ul>";
        let out = render(
            src,
            r#"items = [{ url = "a/", current = true, title = "A" }, { url = "b c", current = false, title = "B" }]"#,
        );
        assert_eq!(
            out,
            "<ul><li><a href=a/ aria-current=page>A</a><li><a href=\"b c\">B</a></ul>"
        );
    }

    #[test]
    fn a_closing_tag_is_kept_where_what_follows_is_not_known() {
        // A partial ends where the page goes on, and `{{ }}` may render text.
        assert_eq!(render("<p>a</p>\n", ""), "<p>a</p>");
        assert_eq!(
            render("<div><p>a</p>{{ x }}</div>", r#"x = "more""#),
            "<div><p>a</p>more</div>"
        );
        // Before `{% endif %}` and a block, HTML lets it go.
        assert_eq!(
            render(
                "<div>{% if x %}<p>a</p>{% endif %}<ul><li>b</ul></div>",
                "x = true"
            ),
            "<div><p>a<ul><li>b</ul></div>"
        );
    }

    #[test]
    fn whitespace_beside_statements_goes_where_it_goes_between_elements() {
        let src = "<head>\n{% if a %}<meta name=\"a\">{% endif %}\n{% if b %}<meta name=\"b\">{% endif %}\n</head>";
        let out = render(src, "a = true\nb = true");
        assert!(out.contains("<meta name=a><meta name=b>"), "{out}");
        // In running text a space stays a space.
        assert_eq!(
            render(
                "<p>{{ a }} {% if b %}{{ b }}{% endif %}</p>",
                "a = 'x'\nb = 'y'"
            ),
            "<p>x y</p>"
        );
    }

    #[test]
    fn script_style_and_title_text_is_left_alone() {
        let src =
            "<title>{% block t %}{{ x }}{% endblock t %}</title><script>if (a  </p> b) {}</script>";
        assert_eq!(
            render(src, "x = 'T'"),
            "<title>T</title><script>if (a  </p> b) {}</script>"
        );
    }

    #[test]
    fn a_template_that_cannot_be_minified_safely_is_refused() {
        // The minifier drops comments, and with them the tag inside.
        assert_eq!(template("<p>a</p><!-- {{ x }} -->"), None);
        assert_eq!(template("<p>{{ x </p>"), None, "unclosed tag");
        // A value the minifier would single-quote, where a rendered `'` would end it.
        assert_eq!(template("<a title=\"&quot;{{ x }}&quot;\">x</a>"), None);
    }

    #[test]
    fn raw_blocks_and_string_literals_stay_as_written() {
        let src = "<p>{% raw %}{{  not a tag  }}{% endraw %} {{ \"%}  }}\" }}</p>";
        assert_eq!(render(src, ""), "<p>{{  not a tag  }} %}  }}</p>");
    }

    #[test]
    fn fragment_is_minified_and_keeps_its_last_closing_tag() {
        assert_eq!(
            fragment("<p>One\ntwo</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>end</p>\n"),
            "<p>One two<ul><li>a<li>b</ul><p>end</p>"
        );
    }

    #[test]
    fn escape_keeps_slashes_and_escapes_what_could_end_markup() {
        assert_eq!(
            escape("a/b <c> \"d\" 'e' &"),
            "a/b &lt;c> &quot;d&quot; 'e' &amp;"
        );
        assert_eq!(escape_apostrophes("'e'"), "&#39;e&#39;");
        assert!(has_single_quoted_expression("<a title='{{ t }}'>x</a>"));
        assert!(!has_single_quoted_expression(
            "<a title=\"{{ t }}\" class='a'>x</a>"
        ));
    }
}
