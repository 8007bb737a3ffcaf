//! Writes a page's Markdown events as minified HTML in one pass: what pulldown-cmark's HTML
//! writer gives, already as small as minify-html made it (no line breaks between blocks,
//! attribute values bare where HTML allows, runs of spaces as one, and the end tags HTML
//! lets out left out: `</p>` before a block or at the end of its parent, `</li>`, table
//! cells, rows and sections).
//!
//! Why by hand: minifying the writer's output meant parsing every page's HTML back into a
//! tree and writing it again, a fifth of a build's time, for HTML varde had just written
//! itself. Raw HTML from Markdown (`allow_raw_html`) is the one input this writer does not
//! take: it may be anything, so it still goes through pulldown-cmark and minify-html.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};
use std::collections::HashMap;

/// Appends the minified HTML of `events` to `out`. The events hold no raw HTML but the
/// inline HTML varde adds itself (`<bdi dir=ltr>` around phone numbers), written as given.
pub(super) fn write_html<'a>(events: &[Event<'a>], out: &mut String) {
    let mut writer = Writer {
        events,
        out,
        alignments: Vec::new(),
        in_head: false,
        cell: 0,
        footnotes: HashMap::new(),
    };
    let mut i = 0;
    while i < events.len() {
        i = writer.event(i);
    }
}

struct Writer<'e, 'a, 'o> {
    events: &'e [Event<'a>],
    out: &'o mut String,
    /// The column alignments of the table being written.
    alignments: Vec<Alignment>,
    /// Whether the table's cells are header cells.
    in_head: bool,
    /// The index of the next cell in its row.
    cell: usize,
    /// Footnote numbers, in the order their names first appear.
    footnotes: HashMap<&'e str, usize>,
}

impl<'e, 'a> Writer<'e, 'a, '_> {
    /// Writes the event at `i`; returns the index of the next one to write.
    fn event(&mut self, i: usize) -> usize {
        match &self.events[i] {
            Event::Start(tag) => return self.start(tag, i),
            Event::End(tag) => self.end(*tag, i),
            Event::Text(text) => push_text(self.out, text),
            Event::Code(text) => {
                self.out.push_str("<code>");
                push_escaped(self.out, text);
                self.out.push_str("</code>");
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => push_text(self.out, text),
            Event::Html(html) | Event::InlineHtml(html) => self.out.push_str(html),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("<br>"),
            Event::Rule => self.out.push_str("<hr>"),
            Event::FootnoteReference(name) => {
                let number = self.footnote_number(name);
                self.out.push_str("<sup class=footnote-reference><a");
                let mut href = String::with_capacity(name.len() + 1);
                href.push('#');
                href.push_str(name);
                push_attr(self.out, "href", &href);
                self.out.push('>');
                self.out.push_str(&number.to_string());
                self.out.push_str("</a></sup>");
            }
            Event::TaskListMarker(checked) => self.out.push_str(if *checked {
                "<input disabled type=checkbox checked>"
            } else {
                "<input disabled type=checkbox>"
            }),
        }
        i + 1
    }

    fn start(&mut self, tag: &'e Tag<'a>, i: usize) -> usize {
        let out = &mut *self.out;
        match tag {
            Tag::Paragraph => out.push_str("<p>"),
            Tag::Heading {
                level, id, classes, ..
            } => {
                out.push('<');
                out.push_str(heading_name(*level));
                if let Some(id) = id {
                    push_attr(out, "id", id);
                }
                if !classes.is_empty() {
                    let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    push_attr(out, "class", &classes.join(" "));
                }
                out.push('>');
            }
            Tag::BlockQuote(_) => out.push_str("<blockquote>"),
            Tag::CodeBlock(kind) => {
                out.push_str("<pre><code");
                if let CodeBlockKind::Fenced(info) = kind {
                    let language = info.split(' ').next().unwrap_or("");
                    if !language.is_empty() {
                        push_attr(out, "class", &format!("language-{language}"));
                    }
                }
                out.push('>');
                // Code keeps its spaces and line breaks: its text is written as it is.
                let mut j = i + 1;
                while let Some(Event::Text(text)) = self.events.get(j) {
                    push_escaped(self.out, text);
                    j += 1;
                }
                return j;
            }
            Tag::List(Some(1)) => out.push_str("<ol>"),
            Tag::List(Some(start)) => {
                out.push_str("<ol");
                push_attr(out, "start", &start.to_string());
                out.push('>');
            }
            Tag::List(None) => out.push_str("<ul>"),
            Tag::Item => out.push_str("<li>"),
            Tag::FootnoteDefinition(name) => {
                out.push_str("<div class=footnote-definition");
                push_attr(out, "id", name);
                out.push_str("><sup class=footnote-definition-label>");
                let number = self.footnote_number(name);
                self.out.push_str(&number.to_string());
                self.out.push_str("</sup>");
            }
            Tag::Table(alignments) => {
                self.alignments = alignments.clone();
                out.push_str("<table>");
            }
            Tag::TableHead => {
                self.in_head = true;
                self.cell = 0;
                out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                self.cell = 0;
                out.push_str("<tr>");
            }
            Tag::TableCell => {
                out.push_str(if self.in_head { "<th" } else { "<td" });
                match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => out.push_str(" style=\"text-align: left\""),
                    Some(Alignment::Center) => out.push_str(" style=\"text-align: center\""),
                    Some(Alignment::Right) => out.push_str(" style=\"text-align: right\""),
                    _ => {}
                }
                out.push('>');
            }
            Tag::Emphasis => out.push_str("<em>"),
            Tag::Strong => out.push_str("<strong>"),
            Tag::Strikethrough => out.push_str("<del>"),
            Tag::Superscript => out.push_str("<sup>"),
            Tag::Subscript => out.push_str("<sub>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                out.push_str("<a");
                let mut href = String::with_capacity(dest_url.len() + 8);
                if *link_type == LinkType::Email {
                    href.push_str("mailto:");
                }
                escape_href(&mut href, dest_url);
                push_attr(out, "href", &href);
                if !title.is_empty() {
                    push_attr(out, "title", title);
                }
                out.push('>');
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let mut src = String::with_capacity(dest_url.len());
                escape_href(&mut src, dest_url);
                out.push_str("<img");
                push_attr(out, "src", &src);
                let (alt, next) = self.alt_text(i + 1);
                push_attr(self.out, "alt", &alt);
                if !title.is_empty() {
                    push_attr(self.out, "title", title);
                }
                self.out.push('>');
                return next;
            }
            // Not enabled in varde's Markdown options; their text is still written.
            Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
        i + 1
    }

    fn end(&mut self, tag: TagEnd, i: usize) {
        let next = self.events.get(i + 1);
        let out = &mut *self.out;
        match tag {
            TagEnd::Paragraph if !paragraph_end_implied(next) => out.push_str("</p>"),
            TagEnd::Heading(level) => {
                out.push_str("</");
                out.push_str(heading_name(level));
                out.push('>');
            }
            TagEnd::BlockQuote(_) => out.push_str("</blockquote>"),
            TagEnd::CodeBlock => out.push_str("</code></pre>"),
            TagEnd::List(true) => out.push_str("</ol>"),
            TagEnd::List(false) => out.push_str("</ul>"),
            TagEnd::FootnoteDefinition => out.push_str("</div>"),
            TagEnd::TableHead => {
                self.in_head = false;
                out.push_str("<tbody>");
            }
            TagEnd::TableCell => self.cell += 1,
            TagEnd::Table => out.push_str("</table>"),
            TagEnd::Emphasis => out.push_str("</em>"),
            TagEnd::Strong => out.push_str("</strong>"),
            TagEnd::Strikethrough => out.push_str("</del>"),
            TagEnd::Superscript => out.push_str("</sup>"),
            TagEnd::Subscript => out.push_str("</sub>"),
            TagEnd::Link => out.push_str("</a>"),
            // HTML lets these end tags out: an item ends at the next item or the list's
            // end, a cell at the next cell or the row's end, a row at the next row or its
            // section's end, the head at the body.
            TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::Image
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    /// An image's alt text: the plain text of the events up to the image's end, as
    /// pulldown-cmark writes it. Returns it and the index after the image's end.
    fn alt_text(&mut self, mut i: usize) -> (String, usize) {
        let mut alt = String::new();
        let mut depth = 0usize;
        while let Some(event) = self.events.get(i) {
            i += 1;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(t),
                Event::InlineMath(t) | Event::DisplayMath(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                Event::FootnoteReference(name) => {
                    let number = self.footnote_number(name);
                    alt.push_str(&format!("[{number}]"));
                }
                Event::TaskListMarker(checked) => {
                    alt.push_str(if *checked { "[x]" } else { "[ ]" })
                }
                Event::Html(_) => {}
            }
        }
        (alt, i)
    }

    fn footnote_number(&mut self, name: &'e str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(name).or_insert(next)
    }
}

/// Whether HTML implies the end of a paragraph before `next`: a block that closes it, or
/// the end of the item, quote or footnote around it. At the end of the Markdown the
/// paragraph keeps its `</p>`, since what the template puts after it is not known here.
fn paragraph_end_implied(next: Option<&Event<'_>>) -> bool {
    matches!(
        next,
        Some(
            Event::Start(
                Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::FootnoteDefinition(_)
            ) | Event::Rule
                | Event::End(TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition)
        )
    )
}

fn heading_name(level: pulldown_cmark::HeadingLevel) -> &'static str {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => "h1",
        H2 => "h2",
        H3 => "h3",
        H4 => "h4",
        H5 => "h5",
        H6 => "h6",
    }
}

/// Text outside code: `<` and a `&` that could start a character reference escaped,
/// every run of spaces, tabs and line breaks one space (as the browser shows it). The
/// characters it changes are ASCII, so the text between them is copied as it is.
fn push_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let replacement = match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c => {
                let mut end = i + 1;
                while end < bytes.len() && matches!(bytes[end], b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
                {
                    end += 1;
                }
                if b == b' ' && end == i + 1 {
                    i += 1;
                    continue;
                }
                out.push_str(&text[copied..i]);
                out.push(' ');
                copied = end;
                i = end;
                continue;
            }
            // At the end of a text the next one may go on with `amp;`: escape it there.
            b'&' if bytes
                .get(i + 1)
                .is_none_or(|&n| may_start_reference(n as char)) =>
            {
                "&amp;"
            }
            b'<' => "&lt;",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += 1;
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// Code text: `<` and a `&` that could start a character reference escaped, everything
/// else as it is.
fn push_escaped(out: &mut String, text: &str) {
    push_with_escapes(out, text, &['&', '<']);
}

/// `text` with each of `special` (`&`, `<`) escaped, but a `&` only where it could start a
/// character reference: `&` before a space is just `&`; at the end it is escaped, since
/// what comes after it is not known here.
fn push_with_escapes(out: &mut String, text: &str, special: &[char]) {
    let mut rest = text;
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        let after = rest[at + 1..].chars().next();
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "&lt;",
            _ if after.is_none_or(may_start_reference) => "&amp;",
            _ => "&",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Whether a `&` followed by `c` could be read as a character reference (`&amp;`, `&#38;`).
fn may_start_reference(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '#'
}

/// ` name=value`, the value escaped, in quotes only where HTML needs them, and then in
/// whichever quote the value does not hold (double when it holds both, `"` escaped).
fn push_attr(out: &mut String, name: &str, value: &str) {
    let mut escaped = String::with_capacity(value.len());
    push_with_escapes(&mut escaped, value, &['&']);
    out.push(' ');
    out.push_str(name);
    if escaped.is_empty() {
        return;
    }
    out.push('=');
    if !needs_quotes(&escaped) {
        out.push_str(&escaped);
    } else if escaped.contains('"') && !escaped.contains('\'') {
        out.push('\'');
        out.push_str(&escaped);
        out.push('\'');
    } else {
        out.push('"');
        out.push_str(&escaped.replace('"', "&quot;"));
        out.push('"');
    }
}

/// Whether an attribute value must be quoted: HTML's unquoted values hold none of these.
fn needs_quotes(value: &str) -> bool {
    value.bytes().any(|b| {
        matches!(
            b,
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'
        )
    })
}

/// A URL as pulldown-cmark writes it: bytes unsafe in a URL percent-encoded. Its `&amp;`
/// and `&#x27;` are turned back into `&` and `'`: [`push_attr`] escapes what the attribute needs.
fn escape_href(out: &mut String, url: &str) {
    let mut escaped = String::with_capacity(url.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut escaped, url);
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (plain, len) = if rest.starts_with("&amp;") {
            ('&', 5)
        } else if rest.starts_with("&#x27;") {
            ('\'', 6)
        } else {
            ('&', 1)
        };
        out.push(plain);
        rest = &rest[len..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests;
