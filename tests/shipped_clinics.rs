//! Tests of the shipped content, not of varde: the two real clinics as readers of the built
//! site see them, in every shipped language. The expected facts are those of
//! /work/shared/facts.md (Helsedirektoratet's page and the Oslo centre's annual report); when a
//! fact changes, `content/clinics/*.toml`, the pages and this file change together. How
//! varde renders a schedule is tested on a fixture site in tests/clinics.rs.

use crate::common;

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
        "<a href=tel:+4748890560 class=tel><small>Oslo</small> <span><span aria-hidden=true>☎ </span><bdi dir=ltr>488 90 560</bdi></span></a><small>Next opening</small><div data-n=1 data-next=oslo class=next-box><p data-as-of>As of Monday 23 November:<ol class=next data-list><li><time datetime=2026-11-24>Tuesday 24 November</time>"
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
    assert!(home.contains("<a href=tel:+4740049094 class=tel><small>Bergen</small> <span><span aria-hidden=true>☎ </span><bdi dir=ltr>400 49 094</bdi></span></a><small>Next opening</small><div data-n=1 data-next=bergen class=next-box><p data-as-of>As of Monday 23 November:<ol class=next data-list><li><time datetime=2026-11-25>Wednesday 25 November</time>"));
}

/// One reader, one page, one clock: every generated time of every language (weekly tables,
/// next openings, the home cards, the leaflet, the "open now" data) is on the 24-hour clock
/// the clinics and helsenorge use, as the page text is ("17:00–20:00"), never CLDR's
/// 12-hour default of am, ti, so, ar and ckb ("6:00 ከሰዓት", "6:00 م", "10:00 GH"); a weekday
/// in the tables is spelled as in the dates beside it; Norwegian dates as CLDR writes them.
#[test]
fn every_language_has_one_clock_and_one_weekday_spelling() {
    let site = TestSite::shipped_built();
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let digit = |c: char| {
        c.to_digit(10)
            .or_else(|| {
                ('\u{0660}'..='\u{0669}')
                    .contains(&c)
                    .then(|| c as u32 - 0x660)
            })
            .or_else(|| {
                ('\u{06F0}'..='\u{06F9}')
                    .contains(&c)
                    .then(|| c as u32 - 0x6F0)
            })
    };
    // "18:00–20:30" in any digits, nothing else: hours past 12 prove the 24-hour clock.
    let range = |lang: &str, text: &str| -> Vec<u32> {
        let hours: Vec<u32> = text
            .split('–')
            .map(|t| {
                let (h, m) = t
                    .trim()
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{lang}: {text}"));
                assert!(
                    m.chars().count() == 2
                        && h.chars().chain(m.chars()).all(|c| digit(c).is_some()),
                    "{lang}: not a 24-hour time: {text:?}"
                );
                h.chars().filter_map(digit).fold(0, |a, d| a * 10 + d)
            })
            .collect();
        assert_eq!(hours.len(), 2, "{lang}: {text}");
        hours
    };
    for lang in LANGUAGES {
        let mut evening = false;
        for path in [
            format!("{lang}/clinics/oslo/index.html"),
            format!("{lang}/clinics/bergen/index.html"),
            format!("{lang}/index.html"),
            format!("{lang}/leaflet/index.html"),
        ] {
            let doc = scraper::Html::parse_document(&site.read(&path));
            let times: Vec<String> = doc
                .select(&sel("td > bdi, .next li > bdi, .usual bdi, dd > bdi"))
                .map(|e| e.text().collect())
                .filter(|t: &String| t.contains(':') || t.contains('–'))
                .collect();
            assert!(
                !times.is_empty() || path.contains("leaflet"),
                "{path}: no times"
            );
            for t in &times {
                evening |= range(lang, t)[1] >= 13;
            }
            // The tables' weekday names are those inside the dates of the next openings.
            let names: Vec<String> = doc
                .select(&sel("tbody th[scope=row]"))
                .map(|e| e.text().next().unwrap_or("").trim().to_string())
                .collect();
            for date in doc.select(&sel(".next time")) {
                let date: String = date.text().collect();
                // Norwegian as CLDR writes it: "torsdag 3. desember".
                assert!(lang != "nb" || date.contains(". "), "{path}: {date:?}");
                assert!(
                    names.is_empty() || names.iter().any(|n| date.contains(n.as_str())),
                    "{path}: no weekday of the tables {names:?} in {date:?}"
                );
            }
            // The "open now" data: every time it holds.
            for data in doc.select(&sel("script[type='application/json']")) {
                let json: serde_json::Value =
                    serde_json::from_str(&data.text().collect::<String>()).unwrap();
                for s in json["s"].as_array().into_iter().flatten() {
                    let s = s.as_str().unwrap_or("");
                    if s.contains(':') && s.chars().next().is_some_and(|c| digit(c).is_some()) {
                        match s.contains('–') {
                            true => range(lang, s),
                            false => range(lang, &format!("{s}–{s}")),
                        };
                    }
                }
            }
        }
        assert!(evening, "{lang}: the evening openings in 24-hour time");
    }
}
