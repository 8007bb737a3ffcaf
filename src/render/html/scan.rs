//! An HTML tag scanner that reads markup the way the HTML tokenizer does: where a tag starts
//! and ends (a `>` inside a quoted attribute value does not end it), comments (with the
//! spec's abrupt forms `<!-->` and `<!--->`), declarations and processing instructions, and
//! the raw-text elements (`<script>`, `<style>`, …) whose content holds no tags.
//!
//! It is a scanner, not a parser: it builds no tree and never allocates. Callers that need a
//! tree keep their own stack (see `markdown::raw_html`).

/// One piece of markup found in the text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Markup<'a> {
    /// Byte offset of the `<` that starts it.
    pub start: usize,
    /// Byte offset just after it (after the `>`, or the end of the text if it never closes).
    pub end: usize,
    /// What it is.
    pub kind: Kind<'a>,
    /// Whether the text ended before its closing `>` (or `-->`).
    pub unterminated: bool,
}

/// The kinds of markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A start tag; `name` as written (compare with `eq_ignore_ascii_case`).
    Start {
        /// The element name.
        name: &'a str,
        /// Written `<name … />`.
        self_closing: bool,
    },
    /// An end tag.
    End {
        /// The element name.
        name: &'a str,
    },
    /// `<!-- … -->`, or an abrupt `<!-->` / `<!--->` (`abrupt`), which the HTML spec reads
    /// as an empty comment and other tools as the start of one.
    Comment {
        /// Written `<!-->` or `<!--->`.
        abrupt: bool,
    },
    /// `<!DOCTYPE …>`, `<![CDATA[…]]>`, `<?…>` and other `<!…>`: nothing a page's tree holds.
    Declaration,
}

/// Elements with no end tag.
pub fn is_void(name: &str) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    ];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose content is text up to their end tag (no tags inside).
fn is_raw_text(name: &str) -> bool {
    const RAW: &[&str] = &[
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "plaintext",
    ];
    RAW.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// Every piece of markup in `html`, in order.
pub fn scan(html: &str) -> Scanner<'_> {
    Scanner { html, at: 0 }
}

/// The iterator [`scan`] returns.
#[derive(Debug, Clone)]
pub struct Scanner<'a> {
    html: &'a str,
    at: usize,
}

impl Scanner<'_> {
    /// Where scanning goes on from: after the last markup returned (for a raw-text element's
    /// start tag, at its end tag), so `html[last.end..offset()]` is the raw text.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Skips to the end tag `</name` (any case) of an element whose content is not the
    /// page's markup (`<svg>`, `<math>`, `<template>`): the next markup is that end tag.
    pub fn skip_to_end_tag(&mut self, name: &str) {
        self.at = raw_text_end(self.html, self.at, name);
    }

    /// Skips the rest of the element whose start tag `name` was the last markup returned,
    /// through its matching end tag (elements of the same name inside it are counted), and
    /// returns where it ends: the text's end when it is never closed.
    pub fn skip_element(&mut self, name: &str) -> usize {
        let mut depth = 1;
        for m in self.by_ref() {
            match m.kind {
                Kind::Start {
                    name: n,
                    self_closing: false,
                } if n.eq_ignore_ascii_case(name) => depth += 1,
                Kind::End { name: n } if n.eq_ignore_ascii_case(name) => {
                    depth -= 1;
                    if depth == 0 {
                        return m.end;
                    }
                }
                _ => {}
            }
        }
        self.html.len()
    }
}

/// One attribute of a start tag, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Its name (compare with `eq_ignore_ascii_case`).
    pub name: &'a str,
    /// Its value without quotes (entities not decoded), or `None` for a bare `hidden`.
    pub value: Option<&'a str>,
    /// The quote around the value: `"`, `'`, or `None` when unquoted.
    pub quote: Option<char>,
}

/// The attributes of the start tag `tag` (its text from `<` through `>`), in order, read as
/// the HTML tokenizer reads them.
pub fn attributes(tag: &str) -> Attributes<'_> {
    let inner = tag.strip_suffix('>').unwrap_or(tag);
    let name_len = inner
        .bytes()
        .skip(1)
        .position(|c| !is_name_byte(c))
        .map_or(inner.len(), |p| p + 1);
    Attributes {
        tag: inner,
        at: name_len,
    }
}

/// The iterator [`attributes`] returns.
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    tag: &'a str,
    at: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attribute<'a>;

    fn next(&mut self) -> Option<Attribute<'a>> {
        let tag = self.tag;
        let b = tag.as_bytes();
        let is_space = |i: usize| b.get(i).is_some_and(u8::is_ascii_whitespace);
        while self.at < b.len() && (is_space(self.at) || b[self.at] == b'/') {
            self.at += 1;
        }
        if self.at >= b.len() {
            return None;
        }
        let start = self.at;
        // A name may start with `=` (the tokenizer's rule); after that, `=` ends it.
        self.at += 1;
        while self.at < b.len() && !is_space(self.at) && !matches!(b[self.at], b'/' | b'=') {
            self.at += 1;
        }
        let name = &tag[start..self.at];
        let mut after = self.at;
        while is_space(after) {
            after += 1;
        }
        if b.get(after) != Some(&b'=') {
            return Some(Attribute {
                name,
                value: None,
                quote: None,
            });
        }
        self.at = after + 1;
        while is_space(self.at) {
            self.at += 1;
        }
        let (value, quote) = match b.get(self.at) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = self.at + 1;
                let to = memchr::memchr(q, &b[from..]).map_or(b.len(), |e| from + e);
                self.at = (to + 1).min(b.len());
                (&tag[from..to], Some(q as char))
            }
            _ => {
                let from = self.at;
                while self.at < b.len() && !is_space(self.at) {
                    self.at += 1;
                }
                (&tag[from..self.at], None)
            }
        };
        Some(Attribute {
            name,
            value: Some(value),
            quote,
        })
    }
}

/// The value of the attribute `name` of the start tag `tag`, if it has one.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<Attribute<'a>> {
    attributes(tag).find(|a| a.name.eq_ignore_ascii_case(name))
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Markup<'a>;

    fn next(&mut self) -> Option<Markup<'a>> {
        let html = self.html;
        let bytes = html.as_bytes();
        loop {
            let start = self.at + memchr::memchr(b'<', &bytes[self.at..])?;
            let rest = &bytes[start + 1..];
            let markup = match rest.first() {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end, self_closing, closed) = tag(html, start + 1);
                    Markup {
                        start,
                        end,
                        kind: Kind::Start { name, self_closing },
                        unterminated: !closed,
                    }
                }
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let (name, end, _, closed) = tag(html, start + 2);
                    Markup {
                        start,
                        end,
                        kind: Kind::End { name },
                        unterminated: !closed,
                    }
                }
                Some(b'!') if rest.starts_with(b"!--") => {
                    let body = start + 4;
                    let (end, abrupt, closed) = if bytes[body..].starts_with(b">") {
                        (body + 1, true, true)
                    } else if bytes[body..].starts_with(b"->") {
                        (body + 2, true, true)
                    } else {
                        match memchr::memmem::find(&bytes[body..], b"-->") {
                            Some(c) => (body + c + 3, false, true),
                            None => (html.len(), false, false),
                        }
                    };
                    Markup {
                        start,
                        end,
                        kind: Kind::Comment { abrupt },
                        unterminated: !closed,
                    }
                }
                Some(b'!' | b'?' | b'/') => {
                    // `<!…>`, `<?…>` and `</` + a non-letter: bogus comments up to the next `>`.
                    let close = memchr::memchr(b'>', &bytes[start..]);
                    Markup {
                        start,
                        end: close.map_or(html.len(), |e| start + e + 1),
                        kind: Kind::Declaration,
                        unterminated: close.is_none(),
                    }
                }
                _ => {
                    // A `<` that starts nothing is text.
                    self.at = start + 1;
                    continue;
                }
            };
            self.at = markup.end;
            if let Kind::Start { name, .. } = markup.kind
                && is_raw_text(name)
            {
                self.at = raw_text_end(html, markup.end, name);
            }
            return Some(markup);
        }
    }
}

/// Whether `c` continues an element's name. Names of HTML, SVG, MathML and custom elements
/// use only these; stopping at anything else also ends a name before a template's
/// `{% if %}` (`<body{% if home %} class=home{% endif %}>`), which the minifier reads with
/// this scanner.
fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')
}

/// Reads a tag from its name (at `from`) to its `>`: the name, the offset after the `>` (or
/// the text's end), and whether it ends in `/>`. Attribute values in quotes may hold `>`.
fn tag(html: &str, from: usize) -> (&str, usize, bool, bool) {
    let bytes = html.as_bytes();
    let name_end = bytes[from..]
        .iter()
        .position(|&c| !is_name_byte(c))
        .map_or(bytes.len(), |p| from + p);
    let name = &html[from..name_end];
    let mut at = name_end;
    // Outside a value only `>` and `=` matter; after `=` (and spaces) a value starts: in
    // quotes it may hold `>`, unquoted it runs to a space or `>` and may end in `/`
    // (`href=https://x.org/>` is not self-closing).
    while let Some(p) = memchr::memchr2(b'>', b'=', &bytes[at..]) {
        at += p;
        if bytes[at] == b'>' {
            let self_closing = at > from && bytes[at - 1] == b'/';
            return (name, at + 1, self_closing, true);
        }
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at) {
            None => break,
            // `x= >`: no value; the `>` ends the tag (read by the loop).
            Some(b'>') => {}
            Some(&q @ (b'"' | b'\'')) => {
                at = memchr::memchr(q, &bytes[at + 1..]).map_or(bytes.len(), |e| at + 2 + e);
            }
            Some(_) => {
                while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'>') {
                    return (name, at + 1, false, true);
                }
            }
        }
    }
    (name, bytes.len(), false, false)
}

/// Where a raw-text element's content ends: at its end tag (`</script`, any case), or the
/// text's end.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(p) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag_at = at + p;
        let candidate = &bytes[tag_at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && candidate
                .get(name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return tag_at;
        }
        at = tag_at + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<String> {
        scan(html)
            .map(|m| match m.kind {
                Kind::Start { name, self_closing } => {
                    format!("<{name}{}>", if self_closing { "/" } else { "" })
                }
                Kind::End { name } => format!("</{name}>"),
                Kind::Comment { abrupt } => format!("comment{}", if abrupt { "!" } else { "" }),
                Kind::Declaration => "decl".into(),
            })
            .collect()
    }

    #[test]
    fn tags_comments_and_text() {
        assert_eq!(
            kinds("a < b <p class=\"x>y\" title='a>b'>t</P><br/><!-- c > d -->"),
            ["<p>", "</P>", "<br/>", "comment"]
        );
        assert_eq!(
            kinds("<!DOCTYPE html><?xml x?></3>"),
            ["decl", "decl", "decl"]
        );
    }

    #[test]
    fn abrupt_comments_are_told_apart() {
        assert_eq!(kinds("<!--><p>"), ["comment!", "<p>"]);
        assert_eq!(kinds("<!---><p>"), ["comment!", "<p>"]);
        assert_eq!(kinds("<!----><p>"), ["comment", "<p>"]);
    }

    #[test]
    fn raw_text_holds_no_tags() {
        assert_eq!(
            kinds("<script>if (a<b) x='</p>'</script ><p>"),
            ["<script>", "</script>", "<p>"]
        );
        assert_eq!(
            kinds("<style>p{}</STYLE><b>"),
            ["<style>", "</STYLE>", "<b>"]
        );
    }

    #[test]
    fn attributes_are_read_as_written() {
        let tag = "<a href=\"x>y\" data-x='1 2' hidden title=t dir = rtl/>";
        let got: Vec<_> = attributes(tag)
            .map(|a| (a.name, a.value, a.quote))
            .collect();
        assert_eq!(
            got,
            [
                ("href", Some("x>y"), Some('"')),
                ("data-x", Some("1 2"), Some('\'')),
                ("hidden", None, None),
                ("title", Some("t"), None),
                ("dir", Some("rtl/"), None),
            ]
        );
        assert_eq!(
            attribute("<p DIR=rtl>", "dir").and_then(|a| a.value),
            Some("rtl")
        );
        assert_eq!(attributes("<br/>").count(), 0);
        assert_eq!(
            kinds("<a href=https://x.org/>x</a><br/>"),
            ["<a>", "</a>", "<br/>"]
        );
    }

    #[test]
    fn an_element_is_skipped_through_its_matching_end_tag() {
        let html = "<div data-web-only><div>a</div><br></div><p>after";
        let mut s = scan(html);
        assert!(matches!(
            s.next().unwrap().kind,
            Kind::Start { name: "div", .. }
        ));
        let end = s.skip_element("div");
        assert_eq!(&html[end..], "<p>after");
        let html = "<svg><p>not html</p></svg>x";
        let mut s = scan(html);
        s.next();
        s.skip_to_end_tag("svg");
        assert_eq!(s.next().unwrap().kind, Kind::End { name: "svg" });
    }

    #[test]
    fn an_unterminated_tag_or_comment_runs_to_the_end() {
        let html = "<p>a <!-- never closed <b>";
        let last = scan(html).last().unwrap();
        assert_eq!(last.kind, Kind::Comment { abrupt: false });
        assert!(last.unterminated);
        let html = "<div class=\"a>";
        assert!(scan(html).next().unwrap().unterminated);
        let html = "<div>";
        assert!(!scan(html).next().unwrap().unterminated);
    }
}
