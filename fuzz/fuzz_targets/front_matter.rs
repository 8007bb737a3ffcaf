//! Any bytes as a page file: splitting and parsing its front matter must return a result or
//! diagnostics, never panic, and every diagnostic must point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        checks::front_matter(text);
    }
});
