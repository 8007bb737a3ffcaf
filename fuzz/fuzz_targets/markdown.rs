//! Any UTF-8 text as a page body: rendering it (with raw HTML escaped, as sites do by
//! default) and minifying the page must never panic, and the output must never hold a
//! script element or an event handler attribute.
#![no_main]

use libfuzzer_sys::fuzz_target;
use varde::model::{FrontMatter, Page};
use varde::render::{html, markdown};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let page = Page {
        file: "content/en/rights/fuzz.md".into(),
        lang: "en".into(),
        key: "rights/fuzz/".into(),
        front: FrontMatter { title: "t".into(), ..FrontMatter::default() },
        body: body.into(),
        body_line: 4,
    };
    let exists = |k: &str| k == "rights/" || k == "rights/fuzz/" || k.is_empty();
    let r = markdown::render(&page, false, &exists);
    let out = html::finish(&format!("<!doctype html><html lang=en><head><title>t</title></head><body>{}</body></html>", r.html));
    let out = String::from_utf8_lossy(&out).to_ascii_lowercase();
    assert!(!out.contains("<script"), "script element in output");
    for attr in ["href=", "src="] {
        for (i, _) in out.match_indices(attr) {
            let value: String = out[i + attr.len()..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take(20)
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.starts_with(scheme), "{attr}{value}... in output");
            }
        }
    }
    let lines = body.split('\n').count() + 3;
    for d in &r.problems {
        assert!(d.line.unwrap_or(4) <= lines, "{d}");
    }
});
