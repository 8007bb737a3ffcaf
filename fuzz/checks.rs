//! What every fuzz target asserts, shared with `tests/fuzz_regressions.rs` so each input that
//! ever crashed a target (kept in `fuzz/regressions/<target>/`) is checked the same way by
//! the normal `cargo test`.
#![allow(dead_code)]

use varde::model::front_matter::{parse, split};
use varde::model::{FrontMatter, Page};
use varde::render::{html, markdown};
use varde::schedule::{clinic_view, ics, json_ld, openings, parse_clinic};

/// Number of lines of `text`, the most a diagnostic may point at.
fn lines(text: &str) -> usize {
    text.split('\n').count()
}

/// Splitting and parsing front matter never panics; every diagnostic is inside the file.
pub(crate) fn front_matter(text: &str) {
    let file = "content/en/fuzz.md";
    let n = lines(text);
    match split(file, text) {
        Err(d) => assert!(d.line.unwrap_or(1) <= n, "{d}"),
        Ok(s) => {
            assert!(s.body_line <= n + 1);
            if let Err(ds) = parse(file, text, &s) {
                for d in &ds.0 {
                    assert!(d.line.unwrap_or(1) <= n, "{d} (file has {n} lines)");
                }
            }
        }
    }
}

/// Rendering a body (raw HTML escaped, as by default) and minifying the page never panics,
/// and the page holds no script element and no `javascript:`, `vbscript:` or `data:` URL.
pub(crate) fn markdown(body: &str) {
    let page = Page {
        file: "content/en/rights/fuzz.md".into(),
        lang: "en".into(),
        key: "rights/fuzz/".into(),
        front: FrontMatter {
            title: "t".into(),
            ..FrontMatter::default()
        },
        body: body.into(),
        body_line: 4,
    };
    let exists = |k: &str| k == "rights/" || k == "rights/fuzz/" || k.is_empty();
    let r = markdown::render(
        &page,
        false,
        &exists,
        &varde::render::facts::Facts::default(),
    );
    let page_html = format!(
        "<!doctype html><html lang=en><head><title>t</title></head><body>{}</body></html>",
        r.html
    );
    // The path every page takes: its CSP filled in (the templates are minified when they load).
    let out = String::from_utf8_lossy(&html::finish_rendered(&page_html).0).into_owned();
    // Parsed as a browser parses it (html5ever): what counts is the elements and attributes
    // the reader's browser would see, not strings that merely look like markup in the text.
    let doc = scraper::Html::parse_document(&out);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        assert_ne!(el.name(), "script", "script element in output");
        for (name, value) in el.attrs() {
            assert!(!name.starts_with("on"), "event handler `{name}` in output");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&name) {
                // Browsers ignore ASCII whitespace and control characters around and inside
                // the scheme, and its case.
                let scheme: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .take(12)
                    .collect::<String>()
                    .to_ascii_lowercase();
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(!scheme.starts_with(bad), "{name}=\"{value}\" in output");
                }
            }
        }
    }
    let n = lines(body) + 3;
    for d in &r.problems {
        assert!(d.line.unwrap_or(4) <= n, "{d}");
    }
}

/// Parsing a clinic file never panics and points inside the file; a clinic that parses
/// expands into openings, a view, a calendar and JSON-LD without panicking.
pub(crate) fn clinic(text: &str) {
    let n = lines(text);
    match parse_clinic("content/clinics/x.toml", text) {
        Err(ds) => {
            for d in &ds.0 {
                assert!(d.line.unwrap_or(1) <= n, "{d} (file has {n} lines)");
            }
        }
        Ok(clinic) => {
            let today = jiff::civil::date(2026, 11, 23);
            let _ = openings(&clinic, today, jiff::civil::date(2027, 12, 31));
            for lang in ["en", "ar"] {
                let _ = clinic_view(&clinic, lang, &|_| None, today);
                let _ = ics(&clinic, lang, &|_| None, today);
            }
            let _ = json_ld(&clinic, today);
        }
    }
}
