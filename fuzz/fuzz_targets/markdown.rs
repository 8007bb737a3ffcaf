//! Any UTF-8 text as a page body: rendering it (with raw HTML escaped, as sites do by
//! default) and minifying the page must never panic, and the output must never hold a
//! script element or a `javascript:`, `vbscript:` or `data:` URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        checks::markdown(text);
    }
});
