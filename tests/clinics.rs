//! End-to-end tests of the clinic schedules on the fixture site `tests/fixtures/site/` (build
//! date 2026-11-23), whose two made-up clinics hold the cases: the
//! clinic pages in the reader's language, their call and calendar links, JSON-LD, the "open
//! now" data and script, the home page's next openings, and the `.ics` files, expanded with
//! an independent iCalendar library (Python's `icalendar` + `recurring_ical_events`,
//! installed by tests/run). The public-holiday tests also build on 2027-03-20, so the next
//! openings reach Maundy Thursday (2027-03-25). The real clinics' hours are tested in
//! tests/shipped_clinics.rs.

use crate::common;

use common::{TestSite, script};
use std::io::Write as _;
use std::process::Command;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

/// Runs a Python program; fails the test with its output when it fails.
fn python(program: &str, args: &[&str]) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(program)
        .args(args)
        .output()
        .expect("python3 runs (tests/run installs icalendar and recurring-ical-events)");
    assert!(
        out.status.success(),
        "python check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The clinic's phone number from its data file: (E.164, as displayed).
fn phone(site: &TestSite, slug: &str) -> (String, String) {
    let clinic = site.toml(&format!("content/clinics/{slug}.toml"));
    let field = |k: &str| clinic["phone"][k].as_str().unwrap().to_string();
    (field("e164"), field("display"))
}

#[test]
fn clinic_pages_show_the_week_in_the_readers_language() {
    let site = TestSite::fixture("site");
    // Persian, added here: Persian digits from CLDR (the fixture's Arabic uses Latin ones).
    let config = site.source("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[languages.fa]\nname = \"فارسی\"\ntitle = \"سلامت\"\ndir = \"rtl\"\nfallback = [\"en\"]\n"),
    );
    site.build_ok();
    let (e164, display) = phone(&site, "oslo");
    for (lang, tuesday, thursday) in [
        ("nb", "tirsdag", "torsdag"),
        ("en", "Tuesday", "Thursday"),
        ("ar", "الثلاثاء", "الخميس"),
    ] {
        let page = site.read(&format!("{lang}/clinics/oslo/index.html"));
        assert!(
            page.contains(&format!("<th scope=row>{tuesday}")),
            "{lang}: no {tuesday} row"
        );
        assert!(
            page.contains(&format!("<th scope=row>{thursday}")),
            "{lang}: no {thursday} row"
        );
        assert!(
            page.contains("<caption>") && page.contains("<th scope=col>"),
            "{lang}: table"
        );
        assert!(
            page.contains(&format!("href=tel:{e164}")),
            "{lang}: call link"
        );
    }
    let en = site.read("en/clinics/oslo/index.html");
    assert!(
        en.contains("<bdi dir=ltr>17:00–20:00</bdi>"),
        "Tuesday hours"
    );
    assert!(
        en.contains("<bdi dir=ltr>11:00–15:00</bdi>"),
        "Thursday hours"
    );
    // The first opening after the build date (Monday 23 November) leads the list.
    assert!(
        next_openings(&en)[0].starts_with("<time datetime=2026-11-24>Tuesday 24 November</time>"),
        "next openings"
    );
    assert!(
        en.contains("Free and confidential. You can come whatever your legal status."),
        "free, confidential"
    );
    assert!(
        en.contains("The centre also has a phone line for advice, open 5 days a week."),
        "Oslo's phone line note"
    );
    // Persian: Persian digits from CLDR, and the range follows the right-to-left reading order.
    let fa = site.read("fa/clinics/oslo/index.html");
    assert!(
        fa.contains("<bdi dir=rtl>۱۷:۰۰–۲۰:۰۰</bdi>"),
        "Persian times"
    );
    assert!(
        fa.contains(&format!("<bdi dir=ltr>{display}</bdi>")),
        "phone number isolated left to right"
    );
}

#[test]
fn bergen_says_even_weeks_in_words_with_dates_that_skip_week_53() {
    let site = TestSite::fixture_built("site");
    let page = site.read("en/clinics/bergen/index.html");
    assert!(page.contains("<caption>Drop-in for women</caption>"));
    assert!(page.contains("every second week (even weeks)"));
    let dates = page
        .split("Next dates:")
        .nth(1)
        .expect("next dates of the even-week rule");
    let dates = &dates[..dates.find("</small>").unwrap()];
    assert!(dates.contains("datetime=2026-12-23"), "week 52: {dates}");
    assert!(
        !dates.contains("datetime=2026-12-30"),
        "week 53 is odd: {dates}"
    );
    assert!(
        !dates.contains("datetime=2027-01-06"),
        "week 1 is odd: {dates}"
    );
    assert!(dates.contains("datetime=2027-01-13"), "week 2: {dates}");
    assert!(page.contains("<caption>Phone hours</caption>"));
    // The sources do not say what Bergen does on public holidays: the page says so in words
    // and calls no holiday closed (Christmas Day 2026 is a Friday, a phone day).
    assert!(page.contains("<p class=holidays>Public holidays: call before you come."));
    assert!(
        !page.contains("Christmas Day") && !page.contains("Closed on these days"),
        "no holiday listed as closed"
    );
    let nb = site.read("nb/clinics/bergen/index.html");
    assert!(
        nb.contains("annenhver uke (partallsuker)")
            && nb.contains("<p class=holidays>Helligdager: ring før du kommer."),
        "Norwegian"
    );
}

#[test]
fn the_calendar_link_points_at_the_calendar_file() {
    let site = TestSite::fixture_built("site");
    for lang in ["nb", "en", "ar"] {
        for slug in ["oslo", "bergen"] {
            let page = site.read(&format!("{lang}/clinics/{slug}/index.html"));
            let href = common::links(&page)
                .into_iter()
                .find(|l| l.ends_with(".ics"))
                .unwrap_or_else(|| panic!("{lang}/{slug}: no calendar link"));
            assert!(
                !href.starts_with('/') && !href.contains("://"),
                "relative: {href}"
            );
            // Resolve it against the page's folder, as a browser would.
            let mut parts: Vec<&str> = vec![lang, "clinics", slug];
            for seg in href.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    s => parts.push(s),
                }
            }
            assert_eq!(parts.join("/"), format!("{lang}/clinics/{slug}.ics"));
        }
    }
}

#[test]
fn every_language_has_a_calendar_per_clinic() {
    let site = TestSite::fixture_built("site");
    let mut langs = site.languages();
    let mut declared = site.declared_languages();
    langs.sort();
    declared.sort();
    assert_eq!(langs, declared);
    for lang in &langs {
        for slug in ["oslo", "bergen"] {
            let ics = site.read(&format!("{lang}/clinics/{slug}.ics"));
            assert!(
                ics.starts_with("BEGIN:VCALENDAR\r\n") || ics.starts_with("BEGIN:VCALENDAR\n"),
                "{lang}/{slug}"
            );
            assert!(
                ics.contains(&format!("SUMMARY;LANGUAGE={lang}")),
                "{lang}/{slug}: localized titles"
            );
        }
    }
}

#[test]
fn json_ld_is_a_free_medical_clinic() {
    let site = TestSite::fixture_built("site");
    for slug in ["oslo", "bergen"] {
        let (phone, _) = phone(&site, slug);
        let page = site.read(&format!("nb/clinics/{slug}/index.html"));
        let json = script(&page, "application/ld+json");
        python(
            "import json, sys\n\
             d = json.loads(sys.argv[1])\n\
             assert d['@context'] == 'https://schema.org', d['@context']\n\
             assert d['@type'] == 'MedicalClinic', d['@type']\n\
             assert d['telephone'] == sys.argv[2], d['telephone']\n\
             assert d['isAccessibleForFree'] is True\n\
             assert d['openingHoursSpecification'], 'opening hours'\n",
            &[&json, &phone],
        );
    }
}

#[test]
fn open_now_is_a_small_script_with_build_time_data() {
    let site = TestSite::fixture_built("site");
    let mut biggest = 0;
    for lang in site.languages() {
        for slug in ["oslo", "bergen"] {
            let page = site.read(&format!("{lang}/clinics/{slug}/index.html"));
            assert!(page.contains("aria-live=polite"), "{lang}/{slug}");
            let data = script(&page, &format!("id=\"nx-{slug}\""));
            assert!(
                data.starts_with("{\"b\":") && data.contains("\"i\":[["),
                "{lang}/{slug}: {data:.80}"
            );
            let code = script(&page, "JSON.parse");
            biggest = biggest.max(gzip_len(code.as_bytes()));
            let page_gz = gzip_len(page.as_bytes());
            assert!(
                page_gz <= 13 * 1024,
                "{lang}/{slug}: {page_gz} bytes gzipped"
            );
        }
    }
    assert!(
        biggest > 0 && biggest <= 1024,
        "open-now script: {biggest} bytes gzipped"
    );
}

#[test]
fn the_home_page_shows_each_clinics_next_opening() {
    let site = TestSite::fixture_built("site");
    let home = site.read("en/index.html");
    // The card: the call link (city, then the number of the clinic file), then the box of
    // next opening (as built, headed "as of" the build date, then the
    // usual weekly hours; next.js fills it again on the device), then the link to the clinic's page.
    for (city, tel) in [("Oslo", "+4722233444"), ("Bergen", "+4755566777")] {
        let call = format!(
            "<a href=tel:{tel} class=tel><small>{city}</small> <span><span aria-hidden=true>☎ </span><bdi dir=ltr>"
        );
        assert!(home.contains(&call), "{city}: {call}\n{home}");
        let page = format!("<a href=clinics/{}/>Opening hours", city.to_lowercase());
        assert!(home.contains(&page), "{city}: {page}");
    }
    let card = |city: &str| -> Vec<String> {
        let start = format!("<small>{city}</small>");
        let rest = home.split(&start).nth(1).expect("the clinic's card");
        let rest = rest
            .split("class=next-box>")
            .nth(1)
            .expect("the card's next openings");
        let card = rest.split("</div>").next().unwrap_or("");
        assert!(
            card.contains("<p data-as-of>As of Monday 23 November:")
                && card.contains("<b>Usual hours:</b>"),
            "{city}: {card}"
        );
        card.split("<li>").skip(1).map(str::to_string).collect()
    };
    let oslo = card("Oslo");
    assert!(
        oslo[0].starts_with("<time datetime=2026-11-24>Tuesday 24 November</time>")
            && oslo.len() == 1,
        "Oslo: {oslo:?}"
    );
    let bergen = card("Bergen");
    assert!(
        bergen[0].starts_with("<time datetime=2026-11-25>Wednesday 25 November</time>"),
        "Bergen: {bergen:?}"
    );
    assert!(
        site.exists("en/clinics/oslo/index.html") && site.exists("en/clinics/bergen/index.html")
    );
    let nb = site.read("nb/index.html");
    assert!(
        nb.contains("tirsdag 24. november"),
        "Norwegian date on the home page"
    );
}

#[test]
fn calendars_expand_to_the_schedule_with_an_independent_library() {
    let site = TestSite::fixture_built("site");
    let bergen = site.path().join("dist/en/clinics/bergen.ics");
    let oslo = site.path().join("dist/en/clinics/oslo.ics");
    python(
        r#"
import sys, datetime as dt
from zoneinfo import ZoneInfo
import icalendar, recurring_ical_events
oslo_tz = ZoneInfo("Europe/Oslo")
def events(path, a, b):
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    return recurring_ical_events.of(cal).between(a, b)
# Bergen, women's drop-in: even ISO weeks, and 2026 has 53 weeks.
women = sorted(e["DTSTART"].dt for e in events(sys.argv[1], dt.date(2026, 12, 20), dt.date(2027, 1, 20))
               if str(e["SUMMARY"]).startswith("Drop-in for women"))
days = [d.date().isoformat() for d in women]
assert days == ["2026-12-23", "2027-01-13"], days
for d in women:
    assert (d.hour, d.minute) == (18, 0), d
# Oslo, Tuesdays 17:00 Oslo time on both sides of the change to summer time (2027-03-28).
tues = sorted(e["DTSTART"].dt for e in events(sys.argv[2], dt.date(2027, 3, 15), dt.date(2027, 4, 10))
              if e["DTSTART"].dt.weekday() == 1)
assert [d.date().isoformat() for d in tues] == ["2027-03-16", "2027-03-23", "2027-03-30", "2027-04-06"], tues
for d in tues:
    local = d.astimezone(oslo_tz)
    assert (local.hour, local.minute) == (17, 0), local
utc = [d.astimezone(dt.timezone.utc).hour for d in tues]
assert utc == [16, 16, 15, 15], utc
# The sources do not say whether the centres open on public holidays: Maundy Thursday
# 2027-03-25 (a Thursday, drop-in day at both) stays, once, with the note in its description.
for path, hour in [(sys.argv[1], 18), (sys.argv[2], 11)]:
    thu = events(path, dt.date(2027, 3, 25), dt.date(2027, 3, 26))
    assert len(thu) == 1, (path, thu)
    start = thu[0]["DTSTART"].dt.astimezone(oslo_tz)
    assert (start.date().isoformat(), start.hour) == ("2027-03-25", hour), start
    desc = str(thu[0]["DESCRIPTION"])
    assert desc.startswith("Public holiday: call before you come (Maundy Thursday)\n"), desc
    # The Thursday before is an ordinary opening, without the note.
    before = events(path, dt.date(2027, 3, 18), dt.date(2027, 3, 19))
    assert len(before) == 1 and "Public holiday" not in str(before[0]["DESCRIPTION"]), before
"#,
        &[bergen.to_str().unwrap(), oslo.to_str().unwrap()],
    );
}

#[test]
fn a_clinic_with_only_phone_hours_has_no_open_now_box() {
    let site = TestSite::fixture("site");
    let oslo = std::fs::read_to_string(site.path().join("content/clinics/oslo.toml")).unwrap();
    let phone_only = oslo.replace(
        "key = \"drop_in\"\n",
        "key = \"drop_in\"\nkind = \"phone\"\n",
    );
    assert_ne!(oslo, phone_only, "the fixture edit applies");
    site.write("content/clinics/oslo.toml", phone_only);
    site.build_ok();
    let page = site.read("en/clinics/oslo/index.html");
    assert!(
        !page.contains("id=on") && !page.contains("id=nx-"),
        "no empty status box or data"
    );
    assert!(
        page.contains("<th scope=row>Tuesday"),
        "the hours are still shown"
    );
    assert!(
        !page.contains("<ol class=next>"),
        "phone hours are not openings to go to"
    );
}

/// Builds `site` with build date `epoch` (seconds) instead of the tests' 2026-11-23.
fn build_on(site: &TestSite, epoch: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 2027-03-20 00:00 UTC, the Saturday before Easter week: five openings reach past Maundy
/// Thursday (from 2026-11-23 they only reach mid-December).
const EPOCH_2027_03_20: &str = "1805500800";

/// The items of the page's "next opening times" list.
fn next_openings(page: &str) -> Vec<&str> {
    let list = page
        .split("<ol class=next data-list>")
        .nth(1)
        .and_then(|l| l.split("</ol>").next())
        .expect("a list of next openings");
    list.split("<li")
        .filter(|i| !i.is_empty())
        .map(|i| i.split_once('>').map_or(i, |(_, item)| item))
        .collect()
}

#[test]
fn an_opening_on_a_public_holiday_stays_in_the_next_openings_marked_call_first() {
    let site = TestSite::fixture("site");
    build_on(&site, EPOCH_2027_03_20);
    for (lang, note) in [
        (
            "en",
            "Public holiday: call before you come (Maundy Thursday)",
        ),
        ("nb", "Helligdag: ring før du kommer (Skjærtorsdag)"),
        ("ar", "عطلة رسمية: اتصل قبل أن تأتي (خميس العهد)"),
    ] {
        for slug in ["oslo", "bergen"] {
            let page = site.read(&format!("{lang}/clinics/{slug}/index.html"));
            let items = next_openings(&page);
            let marked: Vec<&&str> = items.iter().filter(|i| i.contains(note)).collect();
            assert_eq!(marked.len(), 1, "{lang}/{slug}: {items:?}");
            assert!(
                marked[0].starts_with("<time datetime=2027-03-25>"),
                "{lang}/{slug}: {marked:?}"
            );
            assert!(
                !page.contains("Closed on these days") && !page.contains("Stengt disse dagene"),
                "{lang}/{slug}: a holiday called closed"
            );
        }
    }
    let en = site.read("en/clinics/oslo/index.html");
    assert!(en.contains("<time datetime=2027-03-25>Thursday 25 March</time>, <bdi dir=ltr>11:00–15:00</bdi> · Drop-in · <strong>Public holiday: call before you come (Maundy Thursday)</strong>"));
    assert!(
        next_openings(&en)[0].starts_with("<time datetime=2027-03-23>"),
        "an ordinary opening, unmarked: {:?}",
        next_openings(&en)
    );
    assert!(!next_openings(&en)[0].contains("Public holiday"));
}

/// The fixture site with `public_holidays = "<rule>"` for Oslo, built on 2027-03-20.
fn oslo_with(rule: &str) -> TestSite {
    let site = TestSite::fixture("site");
    let oslo = std::fs::read_to_string(site.path().join("content/clinics/oslo.toml")).unwrap();
    let edited = oslo.replace(
        "public_holidays = \"unknown\"",
        &format!("public_holidays = \"{rule}\""),
    );
    assert_ne!(oslo, edited, "the fixture edit applies");
    site.write("content/clinics/oslo.toml", edited);
    build_on(&site, EPOCH_2027_03_20);
    site
}

/// Checks the Oslo calendar's event on Maundy Thursday with Python's icalendar:
/// `expect` is `None` for no event, else the start of its description.
fn maundy_thursday_in_calendar(site: &TestSite, expect: Option<&str>) {
    let oslo = site.path().join("dist/en/clinics/oslo.ics");
    python(
        r#"
import sys, datetime as dt
import icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
thu = recurring_ical_events.of(cal).between(dt.date(2027, 3, 25), dt.date(2027, 3, 26))
if sys.argv[2] == "-":
    assert thu == [], thu
else:
    assert len(thu) == 1, thu
    desc = str(thu[0]["DESCRIPTION"])
    assert desc.startswith(sys.argv[2]), desc
    assert ("Public holiday" in desc) == ("Public holiday" in sys.argv[2]), desc
"#,
        &[oslo.to_str().unwrap(), expect.unwrap_or("-")],
    );
}

#[test]
fn a_clinic_that_says_closed_on_public_holidays_drops_them() {
    let site = oslo_with("closed");
    let page = site.read("en/clinics/oslo/index.html");
    let items = next_openings(&page);
    assert!(items.iter().all(|i| !i.contains("2027-03-25")), "{items:?}");
    assert!(page.contains("<p class=holidays>Closed on public holidays."));
    assert!(page.contains("<h2>Closed on these days</h2>"));
    assert!(page.contains("<time datetime=2027-03-25>Thursday 25 March</time>: Maundy Thursday"));
    maundy_thursday_in_calendar(&site, None);
}

#[test]
fn a_clinic_that_says_open_on_public_holidays_keeps_them_unmarked() {
    let site = oslo_with("open");
    let page = site.read("en/clinics/oslo/index.html");
    let items = next_openings(&page);
    assert!(
        items[1].starts_with("<time datetime=2027-03-25>") && !items[1].contains("Public holiday"),
        "{items:?}"
    );
    assert!(page.contains("<p class=holidays>Open on public holidays too."));
    assert!(!page.contains("Closed on these days"));
    let (_, display) = phone(&site, "oslo");
    maundy_thursday_in_calendar(&site, Some(&display));
}

#[test]
fn the_old_holiday_key_fails_the_build_with_what_to_write() {
    let site = TestSite::fixture("site");
    let oslo = std::fs::read_to_string(site.path().join("content/clinics/oslo.toml")).unwrap();
    let line = oslo
        .lines()
        .position(|l| l.starts_with("public_holidays"))
        .expect("the fixture's line")
        + 1;
    site.write(
        "content/clinics/oslo.toml",
        oslo.replace(
            "public_holidays = \"unknown\"",
            "closed_on_public_holidays = true",
        ),
    );
    let r = site.run(&["build"]);
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "content/clinics/oslo.toml:{line}:1: error: `closed_on_public_holidays` is no longer read: it was replaced by `public_holidays`\n  help: write `public_holidays = \"closed\"` if the clinic has said it closes on public holidays; when the sources do not say, remove the line"
        )),
        "{}",
        r.stderr
    );
}
