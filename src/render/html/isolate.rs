//! Numbers in right-to-left text keep their order: every run of digits in right-to-left
//! text is wrapped in `<bdi dir="ltr">`, at build time, on each rendered page.
//!
//! To the Unicode bidi algorithm a space or a dash between two numbers is neutral, and in
//! right-to-left text the numbers around it are laid out right to left: "459 974" shows as
//! "974 459", "17:00–20:00" as "20:00–17:00". A left-to-right isolate keeps the group whole.
//! A group is digits (ASCII, Arabic-Indic `٠`–`٩` and Persian `۰`–`۹`) with up to
//! [`MAX_JOIN`] separators between two digits (spaces, no-break spaces, `.` `,` `:` `/`,
//! dashes), and a `+` right before the first digit, so "488 90 560", "16.11.2022" and
//! "+47 22 …" are each one isolate.
//!
//! One linear pass over the page's HTML, before minification (the templates close every
//! element then, so the direction of each text is known from its open elements). Only text
//! is touched: never attributes, `<script>`, `<style>`, `<title>`, form fields or SVG, and
//! never text that is already isolated (inside a `bdi`, an element with `dir="ltr"` or
//! `dir="auto"`, or between U+2066/U+2068 and U+2069). The direction comes
//! from `dir` attributes, so right-to-left parts of a left-to-right page (the 404 page's
//! sections) are covered too.

use super::scan::{self, Kind as Markup};
use memchr::memmem;
use std::borrow::Cow;

/// Whether the tag `tag` holds `dir` in any case (and so may have a `dir` attribute). A tag is
/// short: a byte loop beats setting up a substring search for each one.
fn may_name_dir(tag: &[u8]) -> bool {
    tag.windows(3)
        .any(|w| w[0] | 0x20 == b'd' && w[1] | 0x20 == b'i' && w[2] | 0x20 == b'r')
}

/// The most separator characters joined between two digits: " – " is three.
pub const MAX_JOIN: usize = 3;

const OPEN: &str = "<bdi dir=\"ltr\">";
const CLOSE: &str = "</bdi>";

/// `html` with every digit group in right-to-left text wrapped in `<bdi dir="ltr">`.
/// Borrows when nothing changes (every page without right-to-left text). A page is read only
/// if it holds `rtl` in lower case, as the theme writes it (`dir` itself is read in any case).
pub fn isolate_numbers(html: &str) -> Cow<'_, str> {
    if memmem::find(html.as_bytes(), b"rtl").is_none() {
        return Cow::Borrowed(html);
    }
    let mut pass = Pass {
        html,
        out: String::new(),
        copied: 0,
        frames: Vec::new(),
    };
    pass.run();
    if pass.copied == 0 {
        return Cow::Borrowed(html);
    }
    pass.out.push_str(&html[pass.copied..]);
    Cow::Owned(pass.out)
}

/// An open element that sets the direction of the text inside it.
struct Frame<'a> {
    /// The tag name, as written.
    name: &'a str,
    /// Right to left, where digits need isolating; otherwise left to right or isolated.
    rtl: bool,
    /// Open elements of the same name inside it, so the right end tag closes it.
    depth: u32,
}

struct Pass<'a> {
    html: &'a str,
    /// The output so far, holding `html[..copied]` with isolates added.
    out: String,
    copied: usize,
    frames: Vec<Frame<'a>>,
}

impl<'a> Pass<'a> {
    fn run(&mut self) {
        let html = self.html;
        let mut text_start = 0;
        let mut scanner = scan::scan(html);
        while let Some(m) = scanner.next() {
            self.text(text_start, m.start);
            text_start = m.end;
            match m.kind {
                Markup::End { name } => self.close(name),
                Markup::Start { name, self_closing } => {
                    let lower = |s: &str| name.eq_ignore_ascii_case(s);
                    if SKIPPED.iter().any(|s| lower(s)) {
                        // Raw text or foreign content: nothing in it is the page's visible text.
                        scanner.skip_to_end_tag(name);
                        text_start = scanner.offset();
                    } else if !self_closing && !scan::is_void(name) {
                        self.open(name, &html[m.start..m.end]);
                    }
                }
                Markup::Comment { .. } | Markup::Declaration => {}
            }
        }
        self.text(text_start, html.len());
    }

    fn rtl(&self) -> bool {
        self.frames.last().is_some_and(|f| f.rtl)
    }

    /// A start tag (`tag`, named `name`) that may set the direction of what it holds.
    fn open(&mut self, name: &'a str, tag: &str) {
        let lower = |s: &str| name.eq_ignore_ascii_case(s);
        // Most tags have no `dir`: a byte search spares reading their attributes.
        let dir = (tag.len() > name.len() + 2 && may_name_dir(tag.as_bytes()))
            .then(|| scan::attribute(tag, "dir"))
            .flatten()
            .and_then(|a| a.value);
        if dir.is_some() || lower("bdi") {
            // A `bdi` is left as its author made it, even a right-to-left one: the clinic
            // times are in `<bdi dir="rtl">` so a range reads in right-to-left order.
            self.frames.push(Frame {
                name,
                rtl: !lower("bdi") && dir.is_some_and(|d| d.eq_ignore_ascii_case("rtl")),
                depth: 0,
            });
        } else if let Some(top) = self.frames.last_mut()
            && top.name.eq_ignore_ascii_case(name)
        {
            top.depth += 1;
        }
    }

    /// An end tag: closes the frame it belongs to, and any left open inside it.
    fn close(&mut self, name: &str) {
        let Some(pos) = self
            .frames
            .iter()
            .rposition(|f| f.name.eq_ignore_ascii_case(name))
        else {
            return;
        };
        if self.frames[pos].depth > 0 {
            self.frames.truncate(pos + 1);
            self.frames[pos].depth -= 1;
        } else {
            self.frames.truncate(pos);
        }
    }

    /// Isolates the digit groups of the text `html[start..end]` when it is right to left.
    fn text(&mut self, start: usize, end: usize) {
        if start >= end || !self.rtl() {
            return;
        }
        let html = self.html;
        let mut group: Option<Group> = None;
        // Unicode isolates opened in this text: true for a left-to-right or first-strong
        // one, whose digits are already isolated.
        let mut isolates: Vec<bool> = Vec::new();
        let mut plus: Option<usize> = None;
        let mut i = start;
        while i < end {
            let (kind, len) = classify(&html[i..end]);
            let isolated = isolates.last().copied().unwrap_or(false);
            match kind {
                Kind::Digit if !isolated => {
                    let g = group.get_or_insert(Group {
                        start: plus.unwrap_or(i),
                        end: i,
                        separators: 0,
                    });
                    g.end = i + len;
                    g.separators = 0;
                }
                Kind::Separator if group.is_some() => {
                    if let Some(g) = group.as_mut() {
                        g.separators += 1;
                        if g.separators > MAX_JOIN {
                            self.wrap(group.take());
                        }
                    }
                }
                Kind::Plus => {
                    self.wrap(group.take());
                    plus = Some(i);
                    i += len;
                    continue;
                }
                Kind::Open(ltr) => {
                    self.wrap(group.take());
                    isolates.push(ltr);
                }
                Kind::Pop => {
                    self.wrap(group.take());
                    isolates.pop();
                }
                _ => self.wrap(group.take()),
            }
            plus = None;
            i += len;
        }
        self.wrap(group);
    }

    fn wrap(&mut self, group: Option<Group>) {
        let Some(g) = group else { return };
        if self.out.capacity() == 0 {
            self.out.reserve(self.html.len() + self.html.len() / 8);
        }
        self.out.push_str(&self.html[self.copied..g.start]);
        self.out.push_str(OPEN);
        self.out.push_str(&self.html[g.start..g.end]);
        self.out.push_str(CLOSE);
        self.copied = g.end;
    }
}

/// A digit group being read: where it starts, where its last digit ends, and how many
/// separators follow that digit.
struct Group {
    start: usize,
    end: usize,
    separators: usize,
}

/// Elements whose content is not the page's visible text, or cannot hold a `bdi`.
const SKIPPED: &[&str] = &[
    "script", "style", "title", "textarea", "select", "svg", "math", "template", "iframe",
    "noembed", "noframes", "xmp",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Digit,
    Separator,
    Plus,
    /// A Unicode isolate opens: true when left to right or first strong (U+2066, U+2068),
    /// false when right to left (U+2067).
    Open(bool),
    /// U+2069, the end of an isolate.
    Pop,
    Other,
}

/// What the text at the start of `s` is, and its length in bytes (a character or an
/// entity: `&nbsp;`, and Tera's `&#x2F;` for `/`, are separators).
fn classify(s: &str) -> (Kind, usize) {
    let bytes = s.as_bytes();
    match bytes[0] {
        b'0'..=b'9' => return (Kind::Digit, 1),
        b' ' | b'\n' | b'\t' | b'\r' | b'.' | b',' | b':' | b'/' | b'-' => {
            return (Kind::Separator, 1);
        }
        b'+' => return (Kind::Plus, 1),
        b'&' => return entity(bytes),
        b if b < 0x80 => return (Kind::Other, 1),
        _ => {}
    }
    let Some(c) = s.chars().next() else {
        return (Kind::Other, 1);
    };
    let kind = match c {
        '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}' => Kind::Digit,
        // No-break, narrow no-break and thin spaces; figure and en dashes; the Arabic
        // decimal and thousands separators.
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2012}' | '\u{2013}' | '\u{66b}' | '\u{66c}' => {
            Kind::Separator
        }
        '\u{2066}' | '\u{2068}' => Kind::Open(true),
        '\u{2067}' => Kind::Open(false),
        '\u{2069}' => Kind::Pop,
        _ => Kind::Other,
    };
    (kind, c.len_utf8())
}

/// A character reference at the start of `bytes`.
fn entity(bytes: &[u8]) -> (Kind, usize) {
    let Some(semi) = bytes.iter().take(12).position(|&b| b == b';') else {
        return (Kind::Other, 1);
    };
    let name = &bytes[1..semi];
    let separator = [
        &b"nbsp"[..],
        b"#160",
        b"#xa0",
        b"#x2f",
        b"#47",
        b"sol",
        b"ndash",
        b"#8211",
        b"#x2013",
    ]
    .iter()
    .any(|s| name.eq_ignore_ascii_case(s));
    let kind = if separator {
        Kind::Separator
    } else {
        Kind::Other
    };
    (kind, semi + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rtl(body: &str) -> String {
        let page = format!("<html dir=\"rtl\"><body>{body}</body></html>");
        let out = isolate_numbers(&page).into_owned();
        out.strip_prefix("<html dir=\"rtl\"><body>")
            .and_then(|s| s.strip_suffix("</body></html>"))
            .unwrap_or(&out)
            .to_string()
    }

    #[test]
    fn digit_groups_with_their_separators_are_one_isolate() {
        assert_eq!(
            rtl("<p>اتصل 488 90 560 الآن</p>"),
            "<p>اتصل <bdi dir=\"ltr\">488 90 560</bdi> الآن</p>"
        );
        assert_eq!(
            rtl("<td>17:00–20:00 و 16.11.2022</td>"),
            "<td><bdi dir=\"ltr\">17:00–20:00</bdi> و <bdi dir=\"ltr\">16.11.2022</bdi></td>"
        );
        assert_eq!(
            rtl("<p>١٢ / ۳۴ +47\u{a0}22</p>"),
            "<p><bdi dir=\"ltr\">١٢ / ۳۴</bdi> <bdi dir=\"ltr\">+47\u{a0}22</bdi></p>"
        );
    }

    #[test]
    fn a_separator_that_ends_the_sentence_stays_outside() {
        assert_eq!(
            rtl("<p>عام 2025. ثم</p>"),
            "<p>عام <bdi dir=\"ltr\">2025</bdi>. ثم</p>"
        );
        // More than MAX_JOIN separators split the groups.
        assert_eq!(
            rtl("<p>1 ,  2</p>"),
            "<p><bdi dir=\"ltr\">1</bdi> ,  <bdi dir=\"ltr\">2</bdi></p>"
        );
    }

    #[test]
    fn entities_are_read_as_their_characters_and_never_split() {
        assert_eq!(
            rtl("<p>16&#x2F;11&nbsp;2022 &#160; &amp;</p>"),
            "<p><bdi dir=\"ltr\">16&#x2F;11&nbsp;2022</bdi> &#160; &amp;</p>"
        );
    }

    #[test]
    fn attributes_scripts_and_isolated_text_are_left_alone() {
        let untouched = [
            "<a href=\"tel:113\" title=\"1 2\">x</a>",
            "<script>var a = 1 + 2;</script>",
            "<style>p{margin:0 1rem}</style>",
            "<a href=\"tel:113\"><bdi dir=\"ltr\">116 117</bdi></a>",
            "<bdi>5 6</bdi>",
            "<span dir=\"ltr\">5 <b>6</b> 7</span>",
            "<p>\u{2066}113\u{2069}</p>",
            "<svg><text>12</text></svg>",
            "<img alt=\"3\" src=\"a.png\"><!-- 4 -->",
        ];
        for html in untouched {
            assert_eq!(rtl(html), html);
        }
    }

    #[test]
    fn text_after_an_isolated_element_is_right_to_left_again() {
        assert_eq!(
            rtl("<p><span dir=\"ltr\"><span>1</span></span> 2 \u{2066}3\u{2069} 4</p>"),
            "<p><span dir=\"ltr\"><span>1</span></span> <bdi dir=\"ltr\">2</bdi> \u{2066}3\u{2069} <bdi dir=\"ltr\">4</bdi></p>"
        );
        // Any bdi is left as it is, a right-to-left one too; a right-to-left span is not.
        assert_eq!(
            rtl("<bdi dir=\"rtl\">۱۷:۰۰–۲۰:۰۰</bdi>"),
            "<bdi dir=\"rtl\">۱۷:۰۰–۲۰:۰۰</bdi>"
        );
        assert_eq!(
            rtl("<bdi><span dir=\"rtl\">5 6</span></bdi>"),
            "<bdi><span dir=\"rtl\"><bdi dir=\"ltr\">5 6</bdi></span></bdi>"
        );
    }

    #[test]
    fn only_right_to_left_text_changes() {
        let ltr =
            "<html dir=\"ltr\"><body><p>459 974</p><a dir=\"rtl\">عربي</a><p>1</p></body></html>";
        assert!(matches!(isolate_numbers(ltr), Cow::Borrowed(_)));
        assert_eq!(
            isolate_numbers("<html dir=ltr><section dir=rtl><h2>404 عربي</h2></section><p>404</p>"),
            "<html dir=ltr><section dir=rtl><h2><bdi dir=\"ltr\">404</bdi> عربي</h2></section><p>404</p>"
        );
        assert_eq!(
            isolate_numbers("<html dir=\"rtl\"><head><title>1 2</title></head><body>a < 3</body>"),
            "<html dir=\"rtl\"><head><title>1 2</title></head><body>a < <bdi dir=\"ltr\">3</bdi></body>"
        );
    }

    #[test]
    fn dir_is_read_in_any_case_and_anywhere_in_the_tag() {
        assert_eq!(
            rtl("<p class=\"x\" DIR=LTR>1 2</p><P Dir='Ltr'>3</P><p>4</p>"),
            "<p class=\"x\" DIR=LTR>1 2</p><P Dir='Ltr'>3</P><p><bdi dir=\"ltr\">4</bdi></p>"
        );
    }
}
