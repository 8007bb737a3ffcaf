//! Markdown to HTML: CommonMark with tables and footnotes, stable heading ids in every
//! script, links by source path turned into relative URLs, and nothing that can run script.

use super::facts::Facts;
pub use super::media::MediaShow;
use super::urls::relative_url;
use crate::diagnostics::{Diagnostic, line_col};
use crate::model::media::Media;
use crate::model::{Page, page_key};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

mod raw_html;
mod writer;
use std::collections::HashSet;
use std::ops::Range;

/// Ids the theme uses itself; headings never take them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "nav",
    "languages",
    "footer",
    "offline",
    "open-now",
    "notice",
];

/// The HTML of one page's body, minified, and the problems found in it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Broken links (errors) and removed unsafe links (warnings).
    pub problems: Vec<Diagnostic>,
}

/// Renders `page`'s body. `page_exists` tells whether a page key exists in any language;
/// `facts` fills the placeholders (`{{ bergen.phone }}`) in the page's language. Media files
/// are shown as images would be: [`render_with_media`] gives them players.
pub fn render(
    page: &Page,
    allow_raw_html: bool,
    page_exists: &dyn Fn(&str) -> bool,
    facts: &Facts,
) -> Rendered {
    let find = |_: &str| None;
    let show = |_: &Media, _: &str, _: bool| String::new();
    let media = MediaShow {
        find: &find,
        show: &show,
    };
    render_with_media(page, allow_raw_html, page_exists, facts, &media)
}

/// [`render`], with the page's videos and recordings shown by `media`.
pub fn render_with_media(
    page: &Page,
    allow_raw_html: bool,
    page_exists: &dyn Fn(&str) -> bool,
    facts: &Facts,
    media: &MediaShow<'_>,
) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let body = without_control_chars(&page.body);
    // Placeholders are filled before parsing: a filled one is Markdown (a phone link), and
    // each is one line, so later problems keep their line numbers.
    let filled = match facts.expand(&body, &page.lang) {
        Ok(std::borrow::Cow::Owned(filled)) => Some(filled),
        Ok(std::borrow::Cow::Borrowed(_)) => None,
        Err(bad) => {
            return Rendered {
                html: String::new(),
                problems: facts.errors(&page.file, page.body_line, &body, &bad),
            };
        }
    };
    let body = match filled {
        Some(filled) => std::borrow::Cow::Owned(filled),
        None => body,
    };
    let mut events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(&body, options).into_offset_iter().collect();
    let mut problems = Vec::new();
    let at = |range: &Range<usize>| {
        let (line, col) = line_col(&body, range.start);
        (page.body_line + line - 1, col)
    };

    if let Some(range) = too_deep(&events) {
        let (line, col) = at(&range);
        let problem = Diagnostic::error(&page.file, format!("blocks are nested more than {MAX_NESTING} levels deep"))
            .at(line, col)
            .hint("lists, quotes and emphasis this deep are a mistake (a run of `>` or of indented `-`?); flatten them");
        return Rendered {
            html: String::new(),
            problems: vec![problem],
        };
    }
    if allow_raw_html {
        let at_offset = |offset: usize| at(&(offset..offset));
        problems.extend(raw_html::first_problem(
            &events, &body, &page.file, &at_offset,
        ));
    }
    assign_heading_ids(&mut events);

    // An image whose file is a video or a recording beside the page becomes its player.
    let in_lang = page.file.splitn(3, '/').nth(2).unwrap_or("");
    let dir = in_lang.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let find = |url: &str| {
        let target = join_path(dir, url)?;
        (media.find)(&format!("content/{}/{target}", page.lang))
    };
    // One entry per open link or image, so nesting stays right: `None` when its start was
    // dropped (its end goes too), else whether it is a phone link, whose text is isolated
    // left to right, so "488 90 560" never shows as "560 90 488" in Arabic-script pages.
    let mut open: Vec<Option<bool>> = Vec::new();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for (event, range) in events {
        match event {
            // Links and images: a page link becomes a relative URL; a broken or unsafe one
            // is dropped, with its end, and its text stays (an image's alt text as text).
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let is_link = matches!(tag, Tag::Link { .. });
                let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut tag else {
                    continue;
                };
                match check_url(dest_url, page, page_exists) {
                    // A film or recording the page shows must be there: a reader would
                    // get a broken image where the player should be.
                    UrlCheck::Keep(url)
                        if !is_link
                            && crate::model::media::is_media_path(&url)
                            && scheme_of(&url).is_none()
                            && find(&url).is_none() =>
                    {
                        let (line, col) = at(&range);
                        problems.push(
                            Diagnostic::error(
                                &page.file,
                                format!("there is no video or recording `{url}` beside this page"),
                            )
                            .at(line, col)
                            .hint(format!(
                                "put the file at content/{}/{}, or correct its name (a path from this page)",
                                page.lang,
                                join_path(dir, &url).unwrap_or_else(|| url.to_string())
                            )),
                        );
                        open.push(None);
                    }
                    UrlCheck::Keep(url) => {
                        let phone = is_link && url.starts_with("tel:");
                        *dest_url = url;
                        open.push(Some(phone));
                        out.push(Event::Start(tag));
                        if phone {
                            out.push(Event::InlineHtml("<bdi dir=ltr>".into()));
                        }
                    }
                    UrlCheck::Drop(problem) => {
                        let (line, col) = at(&range);
                        problems.push(problem.at(line, col));
                        open.push(None);
                    }
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if let Some(Some(phone)) = open.pop() {
                    if phone {
                        out.push(Event::InlineHtml("</bdi>".into()));
                    }
                    out.push(Event::End(end));
                }
            }
            // `{#id .class}` is kept; any other `{key=value}` would become a raw attribute
            // (`{onclick=alert(1)}` an event handler), so it is dropped.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if let Some((key, _)) = attrs.first() {
                    let (line, col) = at(&range);
                    problems.push(
                        Diagnostic::warning(
                            &page.file,
                            format!("heading attribute `{key}` removed"),
                        )
                        .at(line, col)
                        .hint("headings take only `{#id}` and `{.class}`"),
                    );
                }
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            // The info string of a fence becomes a class name: keep a plain language name
            // only (```` ```<script> ```` would put markup in an attribute).
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => out.push(Event::Start(
                Tag::CodeBlock(CodeBlockKind::Fenced(code_language(&info).into())),
            )),
            Event::Html(raw) | Event::InlineHtml(raw) if !allow_raw_html => {
                out.push(Event::Text(raw))
            }
            Event::Text(text) => out.push(Event::Text(keep_numbers_together(text))),
            other => out.push(other),
        }
    }
    let out = super::media::replace_images(out, &find, media.show);
    let mut html_out = String::with_capacity(page.body.len() * 3 / 2);
    if allow_raw_html {
        // Raw HTML may be anything: written as it is, then minified as a whole.
        html::push_html(&mut html_out, out.into_iter());
        html_out = super::html::minify::fragment(&html_out);
    } else {
        writer::write_html(&out, &mut html_out);
    }
    Rendered {
        html: html_out,
        problems,
    }
}

/// The language of a fenced code block, for its `language-…` class: the info string's
/// first word, if it is a plain name (`rust`, `c++`, `objective-c`, `c#`); else none.
fn code_language(info: &str) -> String {
    let word = info.split_whitespace().next().unwrap_or("");
    let plain = word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(c));
    if plain {
        word.to_string()
    } else {
        String::new()
    }
}

/// A space between two digits ("116 117", "459 974") becomes a no-break space: the number
/// never wraps in the middle, and in right-to-left text its groups keep their order, because
/// to the Unicode bidi algorithm a no-break space between digits is part of the number and
/// an ordinary space is not ("116 117" would show as "117 116").
fn keep_numbers_together(text: CowStr<'_>) -> CowStr<'_> {
    // Byte offsets of the spaces to replace; most text has none, and then costs no allocation.
    // Only the characters around each space are looked at: a text is mostly not spaces.
    let mut joins: Vec<usize> = Vec::new();
    for at in memchr::memchr_iter(b' ', text.as_bytes()) {
        let before = text[..at].chars().next_back();
        let after = text[at + 1..].chars().next();
        if before.is_some_and(char::is_numeric) && after.is_some_and(char::is_numeric) {
            joins.push(at);
        }
    }
    if joins.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + joins.len());
    let mut from = 0;
    for at in joins {
        out.push_str(&text[from..at]);
        out.push('\u{a0}');
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out.into()
}

/// How deep blocks and inline elements may nest. Real pages nest a handful of levels;
/// thousands (`>` repeated) would overflow the stack of the HTML minifier, and browsers
/// stop nesting at a few hundred anyway.
pub const MAX_NESTING: usize = 100;

/// Where the nesting of `events` first goes deeper than [`MAX_NESTING`], if it does.
fn too_deep(events: &[(Event<'_>, Range<usize>)]) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(range.clone());
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The text without control characters other than tab, line feed, form feed and carriage
/// return: HTML forbids them, and they are never meant (a stray escape code pasted from a
/// terminal, a NUL from a broken editor). Lines stay where they were.
fn without_control_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r');
    // Control characters are the bytes below 0x20 and 0x7F, and U+0080-U+009F, which
    // UTF-8 writes as 0xC2 0x80-0x9F: a byte scan finds them without decoding the text.
    let bytes = text.as_bytes();
    let may_have_control = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    });
    if may_have_control && text.contains(bad) {
        text.replace(bad, "").into()
    } else {
        text.into()
    }
}

enum UrlCheck<'a> {
    Keep(CowStr<'a>),
    Drop(Diagnostic),
}

/// Decides what a link or image URL becomes: a relative URL for a page link, itself for a
/// safe external URL, nothing for a broken or unsafe one.
fn check_url<'a>(
    url: &CowStr<'a>,
    page: &Page,
    page_exists: &dyn Fn(&str) -> bool,
) -> UrlCheck<'a> {
    // Browsers ignore tabs, newlines and leading control characters inside URLs, so
    // `java\tscript:` must be judged as `javascript:`.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    if let Some(scheme) = scheme_of(&cleaned) {
        return match scheme.to_ascii_lowercase().as_str() {
            // The scheme is written in lower case (`TEL:113` -> `tel:113`): it is what makes
            // a phone link a phone link here and in the number isolation of the page.
            "http" | "https" | "mailto" | "tel" if scheme.bytes().any(|b| b.is_ascii_uppercase()) => {
                UrlCheck::Keep(format!("{}{}", scheme.to_ascii_lowercase(), &cleaned[scheme.len()..]).into())
            }
            "http" | "https" | "mailto" | "tel" => UrlCheck::Keep(url.clone()),
            other => UrlCheck::Drop(
                Diagnostic::warning(&page.file, format!("link with `{other}:` URL removed"))
                    .hint("only http:, https:, mailto: and tel: links are kept; link pages by their .md path"),
            ),
        };
    }
    // For the path only what browsers drop is dropped: a file name may hold spaces.
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.starts_with('/') {
        return UrlCheck::Drop(
            Diagnostic::error(
                &page.file,
                format!("link `{url}` starts with `/` and breaks when the site is under a subpath"),
            )
            .hint("link the page by its source path, for example `../clinics/bergen.md`"),
        );
    }
    let (path, fragment) = match cleaned.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (cleaned, None),
    };
    if !path.ends_with(".md") {
        return UrlCheck::Keep(url.clone());
    }
    let in_lang = page.file.splitn(3, '/').nth(2).unwrap_or("");
    let dir = in_lang.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let Some(target) = join_path(dir, path) else {
        return UrlCheck::Drop(
            Diagnostic::error(
                &page.file,
                format!("link `{url}` points outside content/{}/", page.lang),
            )
            .hint("link pages of the same language by a path relative to this file"),
        );
    };
    let key = page_key(&target);
    if !page_exists(&key) {
        return UrlCheck::Drop(
            Diagnostic::error(
                &page.file,
                format!(
                    "link to a missing page: `{url}` (content/{}/{target})",
                    page.lang
                ),
            )
            .hint("fix the path (relative to this file), or create the page"),
        );
    }
    let mut rel = relative_url(&page.key, &key);
    if let Some(f) = fragment {
        rel.push('#');
        rel.push_str(f);
    }
    UrlCheck::Keep(CowStr::from(rel))
}

/// The scheme of an absolute URL (`https` of `https://x`), if it has one.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url[end..].starts_with(':') && end > 0 {
        let scheme = &url[..end];
        if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Some(scheme);
        }
    }
    None
}

/// Joins a relative path onto a folder, resolving `.` and `..`; `None` if it climbs out.
fn join_path(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique in
/// the page. Letters of every script are kept, so Arabic and Ethiopic headings get
/// readable, stable ids.
fn assign_heading_ids(events: &mut [(Event<'_>, Range<usize>)]) {
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    for (event, _) in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i].0 {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = heading_id(&text);
            let mut id = base.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id));
            }
            i = j;
        }
        i += 1;
    }
}

/// A heading's id: lowercase letters and digits of any script, words joined by `-`
/// (`## حقوق شما` -> `حقوق-شما`). Unlike a page's URL slug ([`crate::model::slug`]), which
/// is ASCII, an id keeps the heading's own script.
pub fn heading_id(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders with no clinics: placeholders are tested in `render::facts`.
    fn render(page: &Page, raw: bool, exists: &dyn Fn(&str) -> bool) -> Rendered {
        super::render(page, raw, exists, &Facts::default())
    }
    use crate::model::FrontMatter;

    fn page(file: &str, key: &str, body: &str) -> Page {
        Page {
            file: file.into(),
            lang: file.split('/').nth(1).unwrap().into(),
            key: key.into(),
            front: FrontMatter::default(),
            body: body.into(),
            body_line: 5,
        }
    }

    fn exists(k: &str) -> bool {
        ["", "rights/", "clinics/bergen/", "rights/children/"].contains(&k)
    }

    #[test]
    fn source_path_links_become_relative_urls() {
        let p = page(
            "content/en/rights/_index.md",
            "rights/",
            "[B](../clinics/bergen.md#hours) [C](children.md) [H](../_index.md)",
        );
        let r = render(&p, false, &exists);
        assert!(
            r.html.contains(r##"href=../clinics/bergen/#hours>"##),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"href=children/>"#), "{}", r.html);
        assert!(r.html.contains(r#"href=../>"#), "{}", r.html);
        assert!(r.problems.is_empty());
    }

    #[test]
    fn missing_page_is_an_error_at_its_line() {
        let p = page("content/en/a.md", "a/", "text\n\nsee [x](nowhere.md)\n");
        let r = render(&p, false, &exists);
        assert_eq!(
            r.problems[0].to_string(),
            "content/en/a.md:7:5: error: link to a missing page: `nowhere.md` (content/en/nowhere.md)\n  help: fix the path (relative to this file), or create the page"
        );
        assert!(!r.html.contains("href"));
    }

    #[test]
    fn script_urls_and_raw_html_never_pass() {
        let body = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:x) ![i](data:image/svg+xml,x)\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<svg onload=alert(1)>";
        let r = render(&page("content/en/a.md", "a/", body), false, &exists);
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(!r.html.contains("<svg"), "{}", r.html);
        assert!(r.html.contains("&lt;script>alert(1)&lt;/script>"));
        assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    }

    #[test]
    fn heading_ids_are_unique_in_every_script() {
        let body = "## حقوق شما\n## ሕክምና መብት\n## Main\n## Rights\n## Rights\n";
        let r = render(&page("content/ar/a.md", "a/", body), false, &exists);
        assert!(r.html.contains("id=حقوق-شما>"), "{}", r.html);
        assert!(r.html.contains("id=ሕክምና-መብት>"));
        assert!(r.html.contains("id=main-2>"));
        assert!(r.html.contains("id=rights>") && r.html.contains("id=rights-2>"));
    }

    #[test]
    fn phone_numbers_are_isolated_left_to_right() {
        let p = page(
            "content/ar/a.md",
            "a/",
            "اتصل على [488 90 560](tel:+4748890560) الآن\n",
        );
        let r = render(&p, false, &exists);
        assert!(
            r.html
                .contains("<a href=tel:+4748890560><bdi dir=ltr>488\u{a0}90\u{a0}560</bdi></a>"),
            "{}",
            r.html
        );
        let p = page(
            "content/ar/a.md",
            "a/",
            "459 974 كرونة، 3 أيام في 2025 و 5 مرات\n",
        );
        assert!(
            render(&p, false, &exists)
                .html
                .contains("459\u{a0}974 كرونة، 3 أيام في 2025 و 5 مرات")
        );
    }

    #[test]
    fn a_phone_link_in_capitals_is_a_phone_link() {
        let p = page(
            "content/ar/a.md",
            "a/",
            "[113](TEL:113) [116 117](Tel:116117)\n",
        );
        let html = render(&p, false, &exists).html;
        assert!(
            html.contains("<a href=tel:113><bdi dir=ltr>113</bdi></a>")
                && html.contains("<a href=tel:116117><bdi dir=ltr>116\u{a0}117</bdi></a>"),
            "{html}"
        );
    }

    #[test]
    fn unbalanced_raw_html_is_an_error_only_where_raw_html_is_allowed() {
        let p = page("content/en/a.md", "a/", "> <div>\n\nAfter the quote.\n");
        let allowed = render(&p, true, &exists);
        let messages: Vec<String> = allowed
            .problems
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect();
        assert_eq!(
            messages,
            ["content/en/a.md:5:3: `<div>` is never closed in the quote that holds it"]
        );
        assert!(render(&p, false, &exists).problems.is_empty());
    }

    #[test]
    fn spaces_between_digits_in_any_script_become_no_break_spaces() {
        let k = |s: &str| keep_numbers_together(CowStr::from(s.to_string())).to_string();
        assert_eq!(k("1 2 3"), "1\u{a0}2\u{a0}3");
        assert_eq!(
            k("۴۸۸ ۹۰ ۵۶۰ و ٤٥٩ ٩٧٤"),
            "۴۸۸\u{a0}۹۰\u{a0}۵۶۰ و ٤٥٩\u{a0}٩٧٤"
        );
        assert_eq!(k("a 1 b  2 3"), "a 1 b  2\u{a0}3");
        assert_eq!(k(" 1 "), " 1 ");
        assert!(matches!(
            keep_numbers_together(CowStr::Borrowed("no digits here")),
            CowStr::Borrowed(_)
        ));
    }

    #[test]
    fn a_fence_info_string_gives_a_plain_class_name_or_none() {
        let body = "```<script>alert(1)</script>\nx\n```\n\n```rust ignore\ny\n```\n";
        let r = render(&page("content/en/a.md", "a/", body), false, &exists);
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(r.html.contains("<pre><code>x"), "{}", r.html);
        assert!(
            r.html.contains("<pre><code class=language-rust>y"),
            "{}",
            r.html
        );
    }

    #[test]
    fn control_characters_are_removed_and_lines_kept() {
        let r = render(
            &page(
                "content/en/a.md",
                "a/",
                "a\u{0}b\u{7}c\u{1b}[31m\u{85}\n\n[x](gone.md)\n",
            ),
            false,
            &exists,
        );
        assert!(r.html.contains("<p>abc[31m<p>"), "{}", r.html);
        assert_eq!(r.problems[0].line, Some(7));
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_at_its_line() {
        let ok = format!("{} fine", ">".repeat(MAX_NESTING - 2));
        assert!(
            render(&page("content/en/a.md", "a/", &ok), false, &exists)
                .problems
                .is_empty()
        );
        let deep = format!("text\n\n{} deep", ">".repeat(100_000));
        let r = render(&page("content/en/a.md", "a/", &deep), false, &exists);
        assert_eq!(
            r.problems[0].to_string().lines().next(),
            Some("content/en/a.md:7:101: error: blocks are nested more than 100 levels deep")
        );
        assert!(r.html.is_empty());
    }

    #[test]
    fn tables_and_footnotes() {
        let r = render(
            &page(
                "content/en/a.md",
                "a/",
                "|a|b|\n|-|-|\n|1|2|\n\nText[^1]\n\n[^1]: Note\n",
            ),
            false,
            &exists,
        );
        assert!(
            r.html.contains("<table>") && r.html.contains("footnote"),
            "{}",
            r.html
        );
    }
}
