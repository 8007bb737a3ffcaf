//! Raw HTML in Markdown (`allow_raw_html = true`) must close what it opens inside the
//! Markdown block that holds it. An element left open, or an end tag that closes something
//! else, makes browsers and the minifier read different trees: a `<div>` left open in a
//! quote swallowed the rest of the page into the quote. So unbalanced raw HTML is an error at
//! its line, not a guess; so are `<!-->` (an empty comment to browsers, the start of one to
//! other tools) and a tag or comment that never ends.

use crate::diagnostics::Diagnostic;
use crate::render::html::scan::{self, Kind, is_void};
use pulldown_cmark::{Event, Tag};
use std::ops::Range;

/// A Markdown block or span that raw HTML must stay inside, and the raw elements open in it.
struct Frame {
    what: &'static str,
    open: Vec<(String, usize)>,
}

/// The first unbalanced raw HTML in `events` (over `body`), as an error in `file`; `at`
/// turns a byte offset of `body` into the file's line and column.
pub(super) fn first_problem(
    events: &[(Event<'_>, Range<usize>)],
    body: &str,
    file: &str,
    at: &dyn Fn(usize) -> (usize, usize),
) -> Option<Diagnostic> {
    let mut frames = vec![Frame {
        what: "page",
        open: Vec::new(),
    }];
    let error = |offset: usize, message: String, hint: String| {
        let (line, col) = at(offset);
        Some(Diagnostic::error(file, message).at(line, col).hint(hint))
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {}
            Event::Start(tag) => frames.push(Frame {
                what: block_name(tag),
                open: Vec::new(),
            }),
            Event::End(_) => {
                let frame = frames.pop()?;
                if let Some(problem) = left_open(&frame, &error) {
                    return problem;
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let frame = frames.last_mut()?;
                let mut cursor = range.start;
                for markup in scan::scan(raw) {
                    let written = &raw[markup.start..markup.end];
                    let offset = locate(body, range, &mut cursor, written);
                    let shown: String = written
                        .lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(40)
                        .collect();
                    if markup.unterminated {
                        let close = if matches!(markup.kind, Kind::Comment { .. }) {
                            "-->"
                        } else {
                            ">"
                        };
                        return error(
                            offset,
                            format!("`{shown}` never ends"),
                            format!("add `{close}` where it should end"),
                        );
                    }
                    match markup.kind {
                        Kind::Start { name, self_closing } => {
                            if !self_closing && !is_void(name) {
                                frame.open.push((name.to_ascii_lowercase(), offset));
                            }
                        }
                        Kind::End { name } if is_void(name) => {}
                        Kind::End { name } => {
                            let name = name.to_ascii_lowercase();
                            match frame.open.last() {
                                Some((top, _)) if *top == name => {
                                    frame.open.pop();
                                }
                                Some((top, opened)) => {
                                    let (line, _) = at(*opened);
                                    return error(
                                        offset,
                                        format!(
                                            "`</{name}>` closes `<{top}>` (line {line}), which is still open"
                                        ),
                                        format!(
                                            "close `<{top}>` first: write `</{top}>` before `</{name}>`"
                                        ),
                                    );
                                }
                                None => {
                                    return error(
                                        offset,
                                        format!(
                                            "`</{name}>` closes nothing opened in this {}",
                                            frame.what
                                        ),
                                        format!(
                                            "remove it, or write its `<{name}>` in the same {} (raw HTML must close inside the paragraph, quote or list item where it starts)",
                                            frame.what
                                        ),
                                    );
                                }
                            }
                        }
                        Kind::Comment { abrupt: true } => {
                            return error(
                                offset,
                                format!(
                                    "`{shown}` is read as a comment by browsers and as the start of one by other tools"
                                ),
                                "write a comment as `<!-- text -->`, or remove it".into(),
                            );
                        }
                        Kind::Comment { .. } | Kind::Declaration => {}
                    }
                }
            }
            _ => {}
        }
    }
    left_open(frames.last()?, &error)?
}

/// The error for the first element `frame` leaves open, if any.
fn left_open(
    frame: &Frame,
    error: &dyn Fn(usize, String, String) -> Option<Diagnostic>,
) -> Option<Option<Diagnostic>> {
    let (name, offset) = frame.open.first()?;
    Some(error(
        *offset,
        format!(
            "`<{name}>` is never closed in the {} that holds it",
            frame.what
        ),
        format!(
            "write `</{name}>` before the {} ends (a blank line ends a paragraph; each line of a quote starts with `>`)",
            frame.what
        ),
    ))
}

/// Where `written` (a piece of an HTML event's text) is in `body`: searched from `cursor`
/// inside the event's source range, as a quote's or list's markers (`> `) are not in the
/// event's text. Falls back to the range's start.
fn locate(body: &str, range: &Range<usize>, cursor: &mut usize, written: &str) -> usize {
    let first_line = written.lines().next().unwrap_or(written);
    let source = body.get(*cursor..range.end).unwrap_or("");
    match memchr::memmem::find(source.as_bytes(), first_line.as_bytes()) {
        Some(p) => {
            *cursor += p + first_line.len();
            *cursor - first_line.len()
        }
        None => range.start,
    }
}

/// What a reader of an error calls the Markdown block or span `tag` makes.
fn block_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Paragraph => "paragraph",
        Tag::Heading { .. } => "heading",
        Tag::BlockQuote(_) => "quote",
        Tag::List(_) => "list",
        Tag::Item => "list item",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow => "table",
        Tag::TableCell => "table cell",
        Tag::Emphasis => "emphasis",
        Tag::Strong => "bold text",
        Tag::Strikethrough => "struck-out text",
        Tag::Link { .. } => "link",
        Tag::Image { .. } => "image",
        Tag::FootnoteDefinition(_) => "footnote",
        _ => "block",
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    /// The error for `md` as `line:col: message`, or `ok`.
    fn check(md: &str) -> String {
        let events: Vec<_> = Parser::new_ext(md, Options::ENABLE_TABLES)
            .into_offset_iter()
            .collect();
        let at = |o: usize| crate::diagnostics::line_col(md, o);
        match super::first_problem(&events, md, "content/en/a.md", &at) {
            Some(d) => format!("{}: {}", d.location(), d.message),
            None => "ok".into(),
        }
    }

    #[test]
    fn balanced_raw_html_passes() {
        assert_eq!(check("<div>\n\n*Markdown* inside\n\n</div>\n"), "ok");
        assert_eq!(check("a <span class=\"x>y\">b</span> c<br>\n"), "ok");
        assert_eq!(check("> <b>quoted</b>\n\n<!-- note -->\n"), "ok");
        assert_eq!(check("<script>let a = '</p>'</script>\n"), "ok");
        assert_eq!(check("<img src=x.png alt=\"\"> <svg/>\n"), "ok");
    }

    #[test]
    fn a_div_left_open_in_a_quote_is_an_error_at_its_line() {
        assert_eq!(
            check("Intro\n\n> <div>\n\nAfter the quote.\n"),
            "content/en/a.md:3:3: `<div>` is never closed in the quote that holds it"
        );
    }

    #[test]
    fn an_end_tag_that_closes_something_else_is_an_error() {
        assert_eq!(
            check("> x </em> y\n"),
            "content/en/a.md:1:5: `</em>` closes nothing opened in this paragraph"
        );
        assert_eq!(
            check("<div><p>a</div>\n"),
            "content/en/a.md:1:10: `</div>` closes `<p>` (line 1), which is still open"
        );
        assert_eq!(
            check("a\n\n</div>\n\nb\n"),
            "content/en/a.md:3:1: `</div>` closes nothing opened in this page"
        );
    }

    #[test]
    fn abrupt_and_unterminated_comments_are_errors() {
        assert_eq!(
            check("<!-->\n\nSwallowed?\n"),
            "content/en/a.md:1:1: `<!-->` is read as a comment by browsers and as the start of one by other tools"
        );
        assert_eq!(
            check("a\n\n<!-- never closed\n\nb\n"),
            "content/en/a.md:3:1: `<!-- never closed` never ends"
        );
    }

    #[test]
    fn an_element_left_open_at_the_end_is_an_error() {
        assert_eq!(
            check("Text\n\n<section>\n\nMore\n"),
            "content/en/a.md:3:1: `<section>` is never closed in the page that holds it"
        );
    }
}
