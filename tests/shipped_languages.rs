//! Tests of the shipped content, not of varde: the shipped site's right-to-left languages
//! (fa, prs, ps, ar, ckb) as built. Their translators write numbers in many ways (phone
//! numbers, dates, "3–4 times", "D-nummer"); every group of digits in right-to-left text must
//! come out isolated left to right, so "488 90 560" never shows as "560 90 488". The check
//! itself is tested on a fixture site in tests/rtl.rs. And in each of the eleven languages,
//! the one-file copy's safety section speaks of the file, not of the website's button and red
//! link (its strings are the theme's, its page text the shipped safety pages').

use crate::common;

use common::TestSite;
use common::rtl::{digits, is_digit};

#[test]
fn no_digit_group_outside_an_isolate_in_the_shipped_right_to_left_pages() {
    let site = TestSite::shipped_built();
    let found = digits(&site);
    // Five right-to-left languages of some 15 pages each, full of numbers; a build that lost
    // them would pass this test for nothing.
    found.assert_isolated(50, 500);
}

#[test]
fn the_clinic_phone_numbers_and_hours_in_the_arabic_text_are_one_isolate_each() {
    let site = TestSite::shipped_built();
    let groups = common::rtl::isolates_in_main(&site, "ar/clinics/index.html");
    for whole in ["488 90 560", "400 49 094", "17:00–20:00", "18:00–20:30"] {
        assert!(
            groups
                .iter()
                .any(|g| g.replace('\u{a0}', " ") == whole && g.chars().any(is_digit)),
            "{whole} in {groups:?}"
        );
    }
}

#[test]
fn every_shipped_one_file_copy_says_what_the_file_has_on_its_safety_page() {
    let site = TestSite::shipped_built();
    let languages = site.languages();
    assert_eq!(languages.len(), 11);
    let text_of = |html: &str, selector: &str| -> String {
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse(selector).expect("selector");
        doc.select(&sel)
            .flat_map(|e| e.text())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for lang in &languages {
        let strings = common::theme_strings(lang);
        let s = |k: &str| strings[k].clone();
        let file = text_of(
            &site.read(&format!("{lang}/all-in-one.html")),
            "section[id=about-safety]",
        );
        assert!(file.contains(&s("file_safety_has")), "{lang}: {file}");
        assert!(file.contains(&s("file_safety_remove")), "{lang}: {file}");
        assert!(!file.contains(&s("forget_nojs")), "{lang}: {file}");
        // Not a sentence of the website's own safety text (the red button, the saved copy).
        let web = site.read(&format!("{lang}/about/safety/index.html"));
        let doc = scraper::Html::parse_document(&web);
        let sel = scraper::Selector::parse("[data-web-only] p").expect("selector");
        let mut paragraphs = 0;
        for p in doc.select(&sel) {
            let p: String = p.text().collect();
            assert!(!file.contains(p.trim()), "{lang}: the file says {p:?}");
            paragraphs += 1;
        }
        assert!(
            paragraphs > 3,
            "{lang}: {paragraphs} paragraphs of the website's text"
        );
    }
}
