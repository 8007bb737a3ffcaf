//! End-to-end tests of printing (issue #6): the leaflet of every language printed to PDF by
//! `varde pdf` with headless Chromium, checked with poppler (`pdfinfo`, `pdftotext`,
//! `pdftoppm`) and `zbarimg` the way a volunteer would check a printout: one sheet, the
//! phone numbers there, ink on the paper, a QR code that opens the reader's language.
//!
//! The fixture site `tests/fixtures/site/` (nb, en and the right-to-left draft ar, two
//! clinics) is used with a `base_url` added. `varde pdf` runs once for all tests (6 PDFs).
//! The shipped leaflets of all eleven languages are checked in tests/shipped_print.rs. Needs
//! Debian's chromium, poppler-utils, zbar-tools and fonts-noto-core, which `tests/run`
//! installs.

use crate::common;
use common::TestSite;
use common::print::*;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const BASE_URL: &str = "https://example.org/helse/";
/// The fixture site's languages, in site.toml's order.
const LANGUAGES: [&str; 3] = ["nb", "en", "ar"];

/// The phone number of a fixture clinic, as displayed (from its data file).
fn phone(site: &TestSite, slug: &str) -> String {
    site.toml(&format!("content/clinics/{slug}.toml"))["phone"]["display"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The fixture site with a base_url, built and printed by `varde pdf` once.
fn printed() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::fixture("site");
        assert_eq!(site.declared_languages(), LANGUAGES);
        let config = site.source("site.toml");
        site.write("site.toml", format!("base_url = \"{BASE_URL}\"\n{config}"));
        let r = site.run(&["pdf"]);
        assert_eq!(r.code, 0, "varde pdf failed:\n{}", r.stderr);
        let pdfs = 2 * LANGUAGES.len();
        assert!(
            r.stderr.contains(&format!("printed {pdfs} PDFs in")),
            "{}",
            r.stderr
        );
        site
    })
}

/// Renders page 1 at `dpi` to `<prefix>-1.<ext>` (zero-padded when there are more pages).
fn render(pdf: &str, dpi: u32, args: &[&str], prefix: &Path) -> std::path::PathBuf {
    let dpi = dpi.to_string();
    let mut all = vec!["-r", &dpi, "-f", "1", "-l", "1", "-singlefile"];
    all.extend_from_slice(args);
    let prefix = prefix.to_string_lossy().into_owned();
    all.extend_from_slice(&[pdf, &prefix]);
    tool("pdftoppm", &all);
    let ext = if args.contains(&"-png") { "png" } else { "pgm" };
    std::path::PathBuf::from(format!("{prefix}.{ext}"))
}

/// Share of dark pixels (below mid-grey) in a binary PGM (P5) image.
fn dark_share(pgm: &[u8]) -> f64 {
    // Header: "P5", width, height, maxval, each separated by whitespace, then one byte per pixel.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &pgm[i + 1..i + 1 + w * h];
    pixels.iter().filter(|&&p| p < 128).count() as f64 / (w * h) as f64
}

#[test]
fn every_leaflet_pdf_is_one_a4_page_with_both_clinic_phones_and_the_emergency_numbers() {
    let site = printed();
    let (oslo, bergen) = (phone(site, "oslo"), phone(site, "bergen"));
    for lang in LANGUAGES {
        assert_a4_leaflet(site, lang, [&oslo, &bergen], BASE_URL);
    }
}

#[test]
fn every_leaflet_pdf_tells_the_reader_to_call_before_coming_on_public_holidays() {
    // Both fixture clinics have `public_holidays = "unknown"`, so each clinic on the sheet
    // carries the rule "call before you come" in the reader's language.
    let site = printed();
    for lang in LANGUAGES {
        assert_holiday_rule_for_each_clinic(site, lang);
    }
}

#[test]
fn a_draft_translation_says_so_on_the_printed_leaflet_too() {
    // The site tells readers of a draft translation that no native speaker has checked the
    // text yet; a leaflet handed out on paper must say so as well. In the fixture, nb is the
    // source, en is reviewed and ar is a draft (the front matter of each home page).
    let site = printed();
    for lang in LANGUAGES {
        let home = site.source(&format!("content/{lang}/_index.md"));
        assert_draft_notice(site, lang, home.contains("translation_status = \"draft\""));
    }
}

#[test]
fn every_leaflet_prints_ink_and_a_qr_code_that_opens_the_language_home_page() {
    let site = printed();
    let tmp = tempfile::tempdir().unwrap();
    for lang in LANGUAGES {
        let pdf = pdf_path(site, &format!("{lang}/leaflet.pdf"));
        let pgm = render(
            &pdf,
            40,
            &["-gray"],
            &tmp.path().join(format!("{lang}-gray")),
        );
        let dark = dark_share(&std::fs::read(&pgm).unwrap());
        assert!(
            dark > 0.015,
            "{lang}: the page is (nearly) blank: {:.1} % dark",
            dark * 100.0
        );
        assert!(
            dark < 0.5,
            "{lang}: the page is mostly ink: {:.1} % dark",
            dark * 100.0
        );
        let png = render(&pdf, 150, &["-png"], &tmp.path().join(lang));
        let codes = tool("zbarimg", &["-q", "--raw", &png.to_string_lossy()]);
        assert_eq!(
            codes.trim(),
            format!("{BASE_URL}{lang}/"),
            "{lang}: QR code"
        );
    }
}

#[test]
fn the_two_up_a5_sheet_fits_one_landscape_a4_page_with_two_copies() {
    let site = printed();
    let (oslo, bergen) = (phone(site, "oslo"), phone(site, "bergen"));
    let tmp = tempfile::tempdir().unwrap();
    for lang in LANGUAGES {
        let pdf = assert_two_up_a5(site, lang, [&oslo, &bergen]);
        let png = render(&pdf, 200, &["-png"], &tmp.path().join(lang));
        let codes = tool("zbarimg", &["-q", "--raw", &png.to_string_lossy()]);
        let want = format!("{BASE_URL}{lang}/");
        assert_eq!(
            codes.lines().filter(|l| *l == want).count(),
            2,
            "{lang}: two QR codes: {codes}"
        );
    }
}

#[test]
fn the_arabic_leaflet_embeds_the_noto_font_for_its_script() {
    let site = printed();
    let fonts = tool("pdffonts", &[&pdf_path(site, "ar/leaflet.pdf")]);
    assert!(
        fonts.contains("NotoNaskhArabic"),
        "NotoNaskhArabic not used, so the Arabic letters would be boxes:\n{fonts}"
    );
}

#[test]
fn without_base_url_the_leaflet_has_no_qr_code_and_the_build_warns_once() {
    let site = TestSite::fixture("site");
    let (oslo, bergen) = (phone(&site, "oslo"), phone(&site, "bergen"));
    let r = site.build_ok();
    assert_eq!(r.stderr.matches("no base_url").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("site.toml: warning:") && r.stderr.contains("base_url = \"https://"),
        "{}",
        r.stderr
    );
    for lang in LANGUAGES {
        let a4 = site.read(&format!("{lang}/leaflet/index.html"));
        assert!(!a4.contains("<svg"), "{lang}: no QR code without base_url");
        assert!(
            a4.contains(&oslo) && a4.contains(&bergen) && a4.contains("@page{size:A4;"),
            "{lang}"
        );
        let a5 = site.read(&format!("{lang}/leaflet/a5/index.html"));
        assert!(a5.contains("@page{size:A4 landscape"), "{lang}");
        let home = site.read(&format!("{lang}/index.html"));
        assert!(
            home.contains("href=./leaflet/"),
            "{lang}: the home page links the leaflet"
        );
    }
}

#[test]
fn the_leaflet_page_is_small_and_its_qr_code_is_one_path() {
    let site = printed();
    let html = site.read("nb/leaflet/index.html");
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert_eq!(svg.matches("<path").count(), 1, "{svg}");
    assert!(!svg.contains("<rect"));
    for lang in LANGUAGES {
        for page in ["leaflet/index.html", "leaflet/a5/index.html"] {
            let bytes = std::fs::read(site.path().join("dist").join(lang).join(page)).unwrap();
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            std::io::Write::write_all(&mut gz, &bytes).unwrap();
            let size = gz.finish().unwrap().len();
            assert!(size <= 13 * 1024, "{lang}/{page}: {size} bytes gzipped");
        }
    }
}

#[test]
fn varde_pdf_without_chromium_says_what_to_install() {
    let site = TestSite::fixture("site");
    let out = Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("--root")
        .arg(site.path())
        .arg("pdf")
        .env("VARDE_CHROMIUM", site.path().join("no-such-chromium"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("apt-get install chromium fonts-noto-core"),
        "{stderr}"
    );
    assert!(
        !site.exists("en/index.html"),
        "nothing is built when no PDF can be made"
    );
}

#[test]
fn a_long_page_prints_whole_without_navigation_with_link_targets_and_whole_phone_numbers() {
    let site = printed();
    let chromium = varde::pdf::find_chromium().expect("chromium (tests/run installs it)");
    let page = site.path().join("dist/en/clinics/bergen/index.html");
    let pdf = site.path().join("bergen.pdf");
    varde::pdf::print_page(&chromium, &page, &pdf, 900).unwrap();
    let t = text(&pdf.to_string_lossy());
    let html = std::fs::read_to_string(&page).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let article = doc
        .select(&scraper::Selector::parse("article").unwrap())
        .next()
        .unwrap();
    // Every word of the article meant for paper is on paper: nothing is cut at the page
    // edge. Left out: scripts, hidden parts, buttons, the live "open now" status, and
    // the lists of openings, which next.js computes again from the day of printing (the
    // page was built on 2026-11-23 and is printed today), with their "as of" heading.
    let mut words = 0;
    for node in article.descendants() {
        let Some(text_node) = node.value().as_text() else {
            continue;
        };
        let screen_only = node
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .any(|e| {
                matches!(e.name(), "script" | "style" | "template" | "button")
                    || e.attr("hidden").is_some()
                    || ["data-as-of", "data-list", "data-dates"]
                        .iter()
                        .any(|a| e.attr(a).is_some())
                    || e.classes().any(|c| c == "button" || c == "open-now")
            });
        if screen_only {
            continue;
        }
        for word in text_node.split_whitespace() {
            words += 1;
            assert!(
                t.contains(word),
                "`{word}` is missing from the printout:\n{t}"
            );
        }
    }
    assert!(words > 200, "a long page: {words} words");
    assert!(
        !t.contains("Closed today") && !t.contains("Open now"),
        "no live status on paper:\n{t}"
    );
    // No navigation or buttons on paper; link targets after the link text; numbers whole.
    assert!(
        !t.contains("Norsk bokmål") && !t.contains("Skip to content"),
        "navigation printed:\n{t}"
    );
    assert!(!t.contains("Print leaflet"), "{t}");
    let website = article
        .select(&scraper::Selector::parse("a[href^='https://']").unwrap())
        .next()
        .and_then(|a| a.attr("href"))
        .expect("the page links a website");
    assert!(
        t.contains(&format!("({website})")),
        "link target printed:\n{t}"
    );
    let bergen = phone(site, "bergen");
    assert!(t.contains(&bergen), "the phone number on one line:\n{t}");
}
