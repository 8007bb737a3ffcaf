//! Numbers in right-to-left text (issue 12): the check shared by tests/rtl.rs (the fixture
//! site) and tests/shipped_languages.rs (the shipped site). The pages are parsed as a
//! browser does (html5ever, through scraper).

use super::TestSite;
use scraper::{ElementRef, Html, Node};

/// Elements whose text is not the page's visible text.
const NOT_TEXT: &[&str] = &["script", "style", "title", "template", "svg", "textarea"];

/// How a text node is laid out, from its nearest ancestor that sets a direction.
#[derive(PartialEq, Debug)]
enum Context {
    RightToLeft,
    /// Left to right, or inside an isolate (any `bdi`, `dir="ltr"`, `dir="auto"`).
    Isolated,
    NotText,
}

fn context(parent: ElementRef<'_>) -> Context {
    let ancestors = parent.ancestors().filter_map(ElementRef::wrap);
    for a in std::iter::once(parent).chain(ancestors) {
        let el = a.value();
        if NOT_TEXT.contains(&el.name()) {
            return Context::NotText;
        }
        match el.attr("dir") {
            // Any bdi is an isolate its author chose (the clinic times read right to left).
            _ if el.name() == "bdi" => return Context::Isolated,
            Some(d) if d.eq_ignore_ascii_case("rtl") => return Context::RightToLeft,
            Some(_) => return Context::Isolated,
            None => {}
        }
    }
    Context::Isolated
}

pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{660}'..='\u{669}').contains(&c)
        || ('\u{6f0}'..='\u{6f9}').contains(&c)
}

/// The text without what a left-to-right or first-strong Unicode isolate (U+2066, U+2068
/// … U+2069) holds.
fn outside_unicode_isolates(text: &str) -> String {
    let mut out = String::new();
    let mut stack: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{2066}' | '\u{2068}' => stack.push(true),
            '\u{2067}' => stack.push(false),
            '\u{2069}' => {
                stack.pop();
            }
            c if !stack.last().copied().unwrap_or(false) => out.push(c),
            _ => {}
        }
    }
    out
}

/// What the check found on a built site.
pub(crate) struct Digits {
    /// Pages whose root is `dir=rtl`.
    pub rtl_pages: usize,
    /// `bdi dir=ltr` elements.
    pub isolated_groups: usize,
    /// Each text with a digit group outside an isolate in right-to-left text.
    pub problems: Vec<String>,
}

impl Digits {
    /// Asserts at least `pages` right-to-left pages and `groups` isolates were seen, and
    /// no digit group outside an isolate.
    pub(crate) fn assert_isolated(&self, pages: usize, groups: usize) {
        assert!(
            self.rtl_pages >= pages,
            "only {} right-to-left pages, expected {pages}",
            self.rtl_pages
        );
        assert!(
            self.isolated_groups >= groups,
            "only {} isolates, expected {groups}",
            self.isolated_groups
        );
        assert!(
            self.problems.is_empty(),
            "{} digit groups outside an isolate in right-to-left text, first ones:\n{}",
            self.problems.len(),
            self.problems[..self.problems.len().min(20)].join("\n")
        );
    }
}

/// Every HTML page of the built `site`: digit groups in right-to-left text, and attributes
/// that got an isolate (a bug in any case: it panics).
pub(crate) fn digits(site: &TestSite) -> Digits {
    let mut problems = Vec::new();
    let (mut rtl_pages, mut isolated_groups) = (0, 0);
    for (path, bytes) in site.dist() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let doc = Html::parse_document(&html);
        if doc.root_element().attr("dir") == Some("rtl") {
            rtl_pages += 1;
        }
        for node in doc.tree.nodes() {
            if let Node::Element(el) = node.value() {
                if el.name() == "bdi" && el.attr("dir") == Some("ltr") {
                    isolated_groups += 1;
                }
                for (name, value) in el.attrs() {
                    assert!(
                        !value.contains("<bdi"),
                        "{path}: attribute {name} got an isolate: {value}"
                    );
                }
                continue;
            }
            let Node::Text(text) = node.value() else {
                continue;
            };
            let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            if !text.chars().any(is_digit) || context(parent) != Context::RightToLeft {
                continue;
            }
            let plain = outside_unicode_isolates(text);
            if plain.chars().any(is_digit) {
                problems.push(format!("{path}: {:?}", plain.trim()));
            }
        }
    }
    Digits {
        rtl_pages,
        isolated_groups,
        problems,
    }
}

/// The texts of the left-to-right isolates (`bdi dir=ltr`) in the `<main>` of page `rel`.
pub(crate) fn isolates_in_main(site: &TestSite, rel: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(&site.read(rel));
    let isolates = scraper::Selector::parse("main bdi[dir=ltr]").unwrap();
    doc.select(&isolates)
        .map(|b| b.text().collect::<String>())
        .collect()
}
