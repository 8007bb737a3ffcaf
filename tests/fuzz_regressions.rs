//! Every input in `fuzz/regressions/<target>/` (inputs that once crashed a fuzz target or
//! broke a build, kept small) goes through the same checks as the fuzz targets
//! (`fuzz/checks.rs`), so CI guards against the crashes coming back without running the
//! fuzzer itself.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Runs `check` on every file of `fuzz/regressions/<target>/`; returns how many there were.
fn each(target: &str, check: fn(&str)) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable").path())
        .collect();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        // The targets only look at UTF-8 input, like varde, which rejects other files first.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            eprintln!("{}", file.display());
            check(text);
        }
    }
    files.len()
}

#[test]
fn front_matter_regressions() {
    assert!(each("front_matter", checks::front_matter) >= 1);
}

#[test]
fn markdown_regressions() {
    assert!(each("markdown", checks::markdown) >= 1);
}

#[test]
fn clinic_regressions() {
    assert!(each("clinic", checks::clinic) >= 1);
}
