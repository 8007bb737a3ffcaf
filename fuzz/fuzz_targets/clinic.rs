//! Any UTF-8 text as a clinic file (`content/clinics/x.toml`): parsing must return a clinic or
//! diagnostics inside the file, never panic, and a clinic that parses must expand into
//! openings, a page view, a calendar and JSON-LD without panicking, in a left-to-right and a
//! right-to-left language.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        checks::clinic(text);
    }
});
