//! Any bytes as a page file: splitting and parsing its front matter must return a result or
//! diagnostics, never panic, and every diagnostic must point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use varde::model::front_matter::{parse, split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = "content/en/fuzz.md";
    let lines = text.split('\n').count();
    match split(file, text) {
        Err(d) => assert!(d.line.unwrap_or(1) <= lines, "{d}"),
        Ok(s) => {
            assert!(s.body_line <= lines + 1);
            if let Err(ds) = parse(file, text, &s) {
                for d in &ds.0 {
                    assert!(d.line.unwrap_or(1) <= lines, "{d} (file has {lines} lines)");
                }
            }
        }
    }
});
