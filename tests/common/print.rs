//! Reading printed PDFs the way a volunteer checks a printout, with poppler's tools
//! (`pdfinfo`, `pdftotext`): shared by tests/print.rs (the fixture site) and
//! tests/shipped_print.rs (the shipped leaflets).

use super::TestSite;
use std::path::Path;
use std::process::Command;

/// Runs a command-line tool; fails the test with its error output when it fails.
pub(crate) fn tool(name: &str, args: &[&str]) -> String {
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
pub(crate) fn pdf_path(site: &TestSite, rel: &str) -> String {
    site.path()
        .join("dist")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// `pdfinfo`'s page count and page size line.
pub(crate) fn pages_and_size(pdf: &str) -> (usize, String) {
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
pub(crate) fn text(pdf: &str) -> String {
    tool("pdftotext", &[pdf, "-"]).replace('\u{a0}', " ")
}

/// `s` without whitespace and without the bidi marks pdftotext puts around punctuation in
/// right-to-left lines, and without Arabic vowel marks (pdftotext moves them onto the next
/// letter), so a sentence broken over two lines still matches its source.
pub(crate) fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
                && !matches!(c, '\u{2060}' | '\u{2066}'..='\u{2069}')
                && !matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}')
        })
        .collect()
}

pub(crate) use super::ui_string;

/// Asserts that the text of the PDF at `pdf` holds each of `needles`.
pub(crate) fn assert_printed(pdf: &str, what: &str, needles: &[&str]) {
    let t = text(pdf);
    for needle in needles {
        assert!(
            t.contains(needle),
            "{what}: `{needle}` missing from the printed text:\n{t}"
        );
    }
}

/// Asserts that `<lang>/leaflet.pdf` of the printed `site` is one portrait A4 page holding
/// both clinics' numbers, the emergency numbers and the language's address.
pub(crate) fn assert_a4_leaflet(site: &TestSite, lang: &str, phones: [&str; 2], base_url: &str) {
    let pdf = pdf_path(site, &format!("{lang}/leaflet.pdf"));
    let (pages, size) = pages_and_size(&pdf);
    assert_eq!(pages, 1, "{lang}: the leaflet must fit one sheet");
    assert!(
        size.contains("(A4)") && size.starts_with("59"),
        "{lang}: portrait A4, got {size}"
    );
    assert_printed(&pdf, lang, &[phones[0], phones[1], "113", "116 117"]);
    // The address is printed in full, large; a long one breaks after a `/` of its path.
    let address = format!("{base_url}{lang}/");
    let t = text(&pdf);
    assert!(
        squeezed(&t).contains(&address),
        "{lang}: the address {address} is not printed:\n{t}"
    );
}

/// Asserts that `<lang>/leaflet-a5.pdf` is one landscape A4 page with two copies of the
/// leaflet (each clinic's number twice). Returns the PDF's path.
pub(crate) fn assert_two_up_a5(site: &TestSite, lang: &str, phones: [&str; 2]) -> String {
    let pdf = pdf_path(site, &format!("{lang}/leaflet-a5.pdf"));
    let (pages, size) = pages_and_size(&pdf);
    assert_eq!(pages, 1, "{lang}: both A5 copies must fit one sheet");
    assert!(
        size.contains("(A4)") && size.starts_with("84"),
        "{lang}: landscape A4, got {size}"
    );
    let t = text(&pdf);
    for phone in phones {
        assert_eq!(t.matches(phone).count(), 2, "{lang}: `{phone}` twice:\n{t}");
    }
    pdf
}

/// Asserts that the A4 leaflet carries the rule "call before you come" on public holidays
/// once for each of its two clinics, in the reader's language.
pub(crate) fn assert_holiday_rule_for_each_clinic(site: &TestSite, lang: &str) {
    let rule = ui_string(lang, "public_holidays_unknown");
    let t = text(&pdf_path(site, &format!("{lang}/leaflet.pdf")));
    assert_eq!(
        squeezed(&t).matches(&squeezed(&rule)).count(),
        2,
        "{lang}: `{rule}` once for each clinic on the printed leaflet:\n{t}"
    );
}

/// Asserts that the A4 leaflet says it is a draft translation exactly when `draft`.
pub(crate) fn assert_draft_notice(site: &TestSite, lang: &str, draft: bool) {
    let notice = ui_string(lang, "notice_draft");
    let t = text(&pdf_path(site, &format!("{lang}/leaflet.pdf")));
    let shown = squeezed(&t).contains(&squeezed(&notice));
    assert_eq!(
        shown, draft,
        "{lang}: draft notice shown: {shown}, draft: {draft}\n{t}"
    );
}

/// The text of the QR codes on page 1 of `pdf`, read by `zbarimg` from a 150 dpi rendering
/// (as a phone camera reads a printout), one per line.
pub(crate) fn qr_codes(pdf: &str, scratch: &Path) -> String {
    let prefix = scratch.to_string_lossy().into_owned();
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-png",
            pdf,
            &prefix,
        ],
    );
    tool("zbarimg", &["-q", "--raw", &format!("{prefix}.png")])
}
