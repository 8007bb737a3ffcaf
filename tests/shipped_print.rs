//! Tests of the shipped content, not of varde: the printed leaflets of all eleven shipped
//! languages. Whether a leaflet fits one sheet depends on the length of its translation and
//! on the real clinics' data; each carries the real phone numbers, the draft notice where the
//! translation is a draft, and glyphs for its script. How varde prints (QR codes, ink, the
//! two-up sheet, long pages) is tested on a fixture site in tests/print.rs.
//!
//! The shipped site is printed with `varde pdf --base-url` (the shipped site.toml has none:
//! the address is given where the site is deployed). `varde pdf` runs once for all tests (22 PDFs, two Chromium processes at a
//! time on two cores). Needs what tests/print.rs needs (`tests/run` installs it).

use crate::common;
use common::TestSite;
use common::print::*;
use std::sync::OnceLock;

/// An address as long as a real GitHub Pages one, so it must break to fit beside the QR code.
const BASE_URL: &str = "https://helse-uten-papirer.github.io/varde/";
const LANGUAGES: [&str; 11] = [
    "nb", "en", "ro", "am", "ti", "so", "fa", "prs", "ps", "ar", "ckb",
];
/// The clinics' phone numbers (/work/shared/facts.md).
const OSLO: &str = "488 90 560";
const BERGEN: &str = "400 49 094";

/// The shipped site, built and printed by `varde pdf --base-url` once.
fn printed() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::shipped();
        assert!(!site.source("site.toml").contains("base_url"));
        let r = site.run(&["pdf", "--base-url", BASE_URL]);
        assert_eq!(r.code, 0, "varde pdf failed:\n{}", r.stderr);
        assert!(r.stderr.contains("printed 22 PDFs in"), "{}", r.stderr);
        site
    })
}

#[test]
fn every_shipped_leaflet_is_one_a4_page_with_both_clinic_phones_and_the_emergency_numbers() {
    let site = printed();
    for lang in LANGUAGES {
        assert_a4_leaflet(site, lang, [OSLO, BERGEN], BASE_URL);
    }
}

#[test]
fn the_qr_code_on_every_shipped_leaflet_opens_its_language_home_page() {
    let site = printed();
    let scratch = tempfile::tempdir().unwrap();
    for lang in LANGUAGES {
        let pdf = pdf_path(site, &format!("{lang}/leaflet.pdf"));
        let codes = qr_codes(&pdf, &scratch.path().join(lang));
        assert_eq!(
            codes.trim(),
            format!("{BASE_URL}{lang}/"),
            "{lang}: QR code"
        );
    }
}

#[test]
fn every_shipped_two_up_a5_sheet_fits_one_landscape_a4_page_with_two_copies() {
    let site = printed();
    for lang in LANGUAGES {
        assert_two_up_a5(site, lang, [OSLO, BERGEN]);
    }
}

#[test]
fn every_shipped_leaflet_tells_the_reader_to_call_before_coming_on_public_holidays() {
    // Neither source gives the centres' hours on public holidays, so each clinic on the
    // sheet carries the rule "call before you come" in the reader's language.
    let site = printed();
    for lang in LANGUAGES {
        assert_holiday_rule_for_each_clinic(site, lang);
    }
}

#[test]
fn the_nine_draft_translations_say_so_on_the_printed_leaflet() {
    // nb is the source and en is reviewed: their sheets carry no such notice.
    let site = printed();
    for lang in LANGUAGES {
        assert_draft_notice(site, lang, !matches!(lang, "nb" | "en"));
    }
}

#[test]
fn rtl_and_ethiopic_leaflets_embed_the_noto_fonts_for_their_script() {
    let site = printed();
    for (lang, font) in [
        ("ar", "NotoNaskhArabic"),
        ("fa", "NotoNaskhArabic"),
        ("ti", "NotoSansEthiopic"),
        ("am", "NotoSansEthiopic"),
    ] {
        let fonts = tool(
            "pdffonts",
            &[&pdf_path(site, &format!("{lang}/leaflet.pdf"))],
        );
        assert!(
            fonts.contains(font),
            "{lang}: {font} not used, so its letters would be boxes:\n{fonts}"
        );
    }
}
