//! Reading printed PDFs the way a volunteer checks a printout, with poppler's tools
//! (`pdfinfo`, `pdftotext`): shared by tests/print.rs (the fixture site) and
//! tests/shipped_print.rs (the shipped leaflets).

use super::TestSite;
use std::path::Path;
use std::process::Command;

/// Runs a command-line tool; fails the test with its error output when it fails.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (tests/run installs it)"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The path of `dist/<rel>` of the built site.
pub fn pdf_path(site: &TestSite, rel: &str) -> String {
    site.path()
        .join("dist")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// `pdfinfo`'s page count and page size line.
pub fn pages_and_size(pdf: &str) -> (usize, String) {
    let info = tool("pdfinfo", &[pdf]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

/// The text of a PDF, with no-break spaces as spaces.
pub fn text(pdf: &str) -> String {
    tool("pdftotext", &[pdf, "-"]).replace('\u{a0}', " ")
}

/// `s` without whitespace and without the bidi marks pdftotext puts around punctuation in
/// right-to-left lines, and without Arabic vowel marks (pdftotext moves them onto the next
/// letter), so a sentence broken over two lines still matches its source.
pub fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
                && !matches!(c, '\u{2066}'..='\u{2069}')
                && !matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}')
        })
        .collect()
}

/// The interface string `key` of `lang`, from the shipped theme.
pub fn ui_string(lang: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/varde/i18n/{lang}.toml"));
    let table: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    table[key].as_str().unwrap().to_string()
}

/// Asserts that the text of the PDF at `pdf` holds each of `needles`.
pub fn assert_printed(pdf: &str, what: &str, needles: &[&str]) {
    let t = text(pdf);
    for needle in needles {
        assert!(
            t.contains(needle),
            "{what}: `{needle}` missing from the printed text:\n{t}"
        );
    }
}
