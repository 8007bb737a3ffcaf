//! Tests of the shipped content, not of varde: the two real clinics as readers of the built
//! site see them, in every shipped language. The expected facts are those of
//! /work/shared/facts.md (Helsedirektoratet's page and the Oslo centre's annual report); when a
//! fact changes, `content/clinics/*.toml`, the pages and this file change together. How
//! varde renders a schedule is tested on a fixture site in tests/clinics.rs.

mod common;

use common::TestSite;

/// The shipped site's languages.
const LANGUAGES: [&str; 11] = [
    "nb", "en", "ro", "am", "ti", "so", "fa", "prs", "ps", "ar", "ckb",
];

#[test]
fn the_shipped_site_is_in_eleven_languages_each_with_both_clinics_and_their_calendars() {
    let site = TestSite::shipped_built();
    let mut built = site.languages();
    built.sort();
    let mut expected: Vec<String> = LANGUAGES.iter().map(|l| l.to_string()).collect();
    expected.sort();
    assert_eq!(built, expected);
    for lang in LANGUAGES {
        for slug in ["oslo", "bergen"] {
            assert!(
                site.exists(&format!("{lang}/clinics/{slug}/index.html")),
                "{lang}/{slug}: page"
            );
            let ics = site.read(&format!("{lang}/clinics/{slug}.ics"));
            assert!(
                ics.contains(&format!("SUMMARY;LANGUAGE={lang}")),
                "{lang}/{slug}: calendar"
            );
        }
    }
}

#[test]
fn oslo_opens_tuesday_evening_and_thursday_and_answers_488_90_560() {
    let site = TestSite::shipped_built();
    for lang in LANGUAGES {
        let page = site.read(&format!("{lang}/clinics/oslo/index.html"));
        assert!(page.contains("href=tel:+4748890560"), "{lang}: call link");
        assert!(
            page.contains("<bdi dir=ltr>488 90 560</bdi>"),
            "{lang}: number"
        );
    }
    let en = site.read("en/clinics/oslo/index.html");
    assert!(en.contains("<th scope=row>Tuesday<td><bdi dir=ltr>17:00–20:00</bdi>"));
    assert!(en.contains("<th scope=row>Thursday<td><bdi dir=ltr>11:00–15:00</bdi>"));
    assert!(
        en.contains(
            "The centre also has a phone line for advice, open 5 days a week. Ask for its \
             number when you call."
        ),
        "{en}: the report gives no number for the advice line"
    );
    assert!(en.contains("Call for the address and directions."), "{en}");
    let bergen = site.read("en/clinics/bergen/index.html");
    assert!(
        bergen.contains("Call for the address and information about the service."),
        "{bergen}"
    );
    assert!(en.contains("Free and confidential. You can come whatever your legal status."));
    // The sources do not say what the centre does on public holidays.
    assert!(en.contains("<p class=holidays>Public holidays: call before you come."));
    let home = site.read("en/index.html");
    assert!(home.contains(
        "<a href=tel:+4748890560 class=tel><small>Oslo</small> <span><span aria-hidden=true>☎ </span><bdi dir=ltr>488 90 560</bdi></span></a><small>Next opening</small><div data-first><p data-end=1795546800><time datetime=2026-11-24>Tuesday 24 November</time>"
    ));
}

#[test]
fn bergen_has_a_thursday_drop_in_a_womens_drop_in_in_even_weeks_and_phone_hours() {
    let site = TestSite::shipped_built();
    for lang in LANGUAGES {
        let page = site.read(&format!("{lang}/clinics/bergen/index.html"));
        assert!(page.contains("href=tel:+4740049094"), "{lang}: call link");
    }
    let en = site.read("en/clinics/bergen/index.html");
    assert!(en.contains("<caption>Drop-in</caption>"), "{en}");
    assert!(en.contains("<th scope=row>Thursday<td><bdi dir=ltr>18:00–20:30</bdi>"));
    assert!(en.contains("<caption>Drop-in for women</caption>"));
    assert!(en.contains("every second week (even weeks)"));
    assert!(en.contains("<caption>Phone hours</caption>"));
    for (day, hours) in [
        ("Tuesday", "10:00–13:00"),
        ("Wednesday", "10:00–13:00"),
        ("Friday", "10:00–14:00"),
    ] {
        assert!(
            en.contains(&format!(
                "<th scope=row>{day}<td><bdi dir=ltr>{hours}</bdi>"
            )),
            "{day}"
        );
    }
    assert!(en.contains("<p class=holidays>Public holidays: call before you come."));
    let home = site.read("en/index.html");
    assert!(home.contains("<a href=tel:+4740049094 class=tel><small>Bergen</small> <span><span aria-hidden=true>☎ </span><bdi dir=ltr>400 49 094</bdi></span></a><small>Next opening</small><div data-first><p data-end=1795635000><time datetime=2026-11-25>Wednesday 25 November</time>"));
}
