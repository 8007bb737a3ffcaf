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

/// Reads a tag from its name (at `from`) to its `>`: the name, the offset after the `>` (or
/// the text's end), and whether it ends in `/>`. Attribute values in quotes may hold `>`.
fn tag(html: &str, from: usize) -> (&str, usize, bool, bool) {
    let bytes = html.as_bytes();
    let name_end = bytes[from..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .map_or(bytes.len(), |p| from + p);
    let name = &html[from..name_end];
    let mut at = name_end;
    // Inside a tag, a quote opens a value only right after `=` (and spaces): `a"b` is a name.
    let mut after_equals = false;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return (name, at + 1, at > from && bytes[at - 1] == b'/', true),
            q @ (b'"' | b'\'') if after_equals => {
                at = memchr::memchr(q, &bytes[at + 1..]).map_or(bytes.len(), |e| at + 1 + e + 1);
                after_equals = false;
                continue;
            }
            b'=' => after_equals = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        at += 1;
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
