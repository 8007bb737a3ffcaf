//! Any UTF-8 text as a clinic file (`content/clinics/x.toml`): parsing must return a clinic or
//! diagnostics inside the file, never panic, and a clinic that parses must expand into
//! openings, a page view, a calendar and JSON-LD without panicking, in a left-to-right and a
//! right-to-left language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use varde::schedule::{clinic_view, ics, json_ld, openings, parse_clinic};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count();
    match parse_clinic("content/clinics/x.toml", text) {
        Err(ds) => {
            for d in &ds.0 {
                assert!(d.line.unwrap_or(1) <= lines, "{d} (file has {lines} lines)");
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
});
