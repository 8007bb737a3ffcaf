//! Tests of the shipped content with a closure added: the closure example written in the
//! comments of the shipped clinic files (content/clinics/oslo.toml, bergen.toml) must build
//! as a volunteer uncomments it, and a Christmas closure of the real Oslo centre must reach
//! every place a reader looks: the clinic page, the home page, the calendar and the printed
//! leaflet, in the reader's language. Also: a changed Norwegian page tells the readers of its
//! Arabic translation. Needs the shipped site because the clinic files' own comments and the
//! real translations are what is tested. Needs python3 with icalendar and
//! recurring-ical-events, Chromium and poppler (tests/run installs them).

use crate::common;
use common::TestSite;
use common::print::{pages_and_size, pdf_path, squeezed, text};
use std::process::Command;

/// The clinic file with the lines of its commented `# closed = [` ... `# ]` example
/// uncommented, as a volunteer does it: remove `# ` at the start of those lines.
fn uncomment_closures(toml: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in toml.lines() {
        if line.starts_with("# closed = [") {
            inside = true;
        }
        if inside {
            out.push_str(line.strip_prefix("# ").unwrap_or(line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
        if inside && line == "# ]" {
            inside = false;
        }
    }
    out
}

#[test]
fn the_closure_example_in_each_clinic_file_builds_as_written() {
    let site = TestSite::shipped();
    for slug in ["oslo", "bergen"] {
        let rel = format!("content/clinics/{slug}.toml");
        let text = site.source(&rel);
        assert!(
            text.contains("Both the first and the last day of a range are closed"),
            "{rel} says that ranges include both ends"
        );
        let uncommented = uncomment_closures(&text);
        assert!(uncommented.contains("\nclosed = [\n"), "{rel}: no example");
        site.write(&rel, uncommented);
    }
    let r = site.run(&["build", "--date", "2026-12-01"]);
    assert_eq!(r.code, 0, "the uncommented example fails:\n{}", r.stderr);
    // Both examples have a Christmas closure from 21 December to 3 January.
    for slug in ["oslo", "bergen"] {
        let page = site.read(&format!("en/clinics/{slug}/index.html"));
        assert!(
            page.contains("Monday 21 December – Sunday 3 January</time>: Christmas"),
            "{slug}"
        );
    }
    // Oslo's own words for a closure: Norwegian and English as written, and a language
    // without its words gets those of its fallback chain (Arabic falls back to English).
    let page = |lang: &str| site.read(&format!("{lang}/clinics/oslo/index.html"));
    assert!(page("nb").contains("Stengt for oppussing"));
    assert!(page("en").contains("Closed for repairs"));
    assert!(
        page("ar").contains("Closed for repairs") || page("ar").contains("Stengt for oppussing")
    );
}

/// The shipped site with Oslo closed from 2026-12-21 to 2027-01-03 for Christmas.
fn oslo_closed_for_christmas() -> TestSite {
    let site = TestSite::shipped();
    let rel = "content/clinics/oslo.toml";
    let text = site.source(rel);
    let closure = "closed = [{ from = 2026-12-21, to = 2027-01-03, reason = \"christmas\" }]\n";
    site.write(
        rel,
        text.replacen("\nfree = true", &format!("\n{closure}free = true"), 1),
    );
    site
}

#[test]
fn a_christmas_closure_empties_the_calendar_and_the_page_names_the_next_opening() {
    let site = oslo_closed_for_christmas();
    let r = site.run(&["build", "--date", "2026-12-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // The clinic page: the closure with both dates, and the next opening after it is
    // Tuesday 5 January 2027, in English and in Arabic.
    let en = site.read("en/clinics/oslo/index.html");
    assert!(en.contains("Monday 21 December – Sunday 3 January</time>: Christmas"));
    let next = en
        .split("<ol class=next data-list>")
        .nth(1)
        .expect("next openings");
    assert!(
        next.starts_with("<li><time datetime=2027-01-05>Tuesday 5 January</time>"),
        "{}",
        &next[..200]
    );
    let ar = site.read("ar/clinics/oslo/index.html");
    let christmas = common::print::ui_string("ar", "closure_christmas");
    assert!(
        ar.contains(&format!("</time>: {christmas}")),
        "ar: the reason in Arabic"
    );
    assert!(
        ar.contains("<time datetime=2027-01-05>"),
        "ar: next opening 5 January"
    );
    // The home page's card says the clinic is closed, with the dates and the reason.
    let home = site.read("en/index.html");
    assert!(home.contains("<strong>Closed:</strong> <time datetime=2026-12-21>Monday 21 December – Sunday 3 January</time> · Christmas"), "home card");
    // "Open now" gets the closure too (shown by the script while it is on).
    assert!(en.contains("class=closed hidden><strong>Closed:</strong> Monday 21 December – Sunday 3 January · Christmas"));

    // The calendar, read by an independent library: no opening in the closed days (both
    // ends included), the closure as an all-day event, openings before and after it.
    let ics = site.path().join("dist/en/clinics/oslo.ics");
    let out = Command::new("python3")
        .args([
            "-c",
            r#"
import sys, datetime as dt, icalendar, recurring_ical_events
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = recurring_ical_events.of(cal).between(dt.date(2026, 12, 21), dt.date(2027, 1, 4))
for e in events:
    start = e['DTSTART'].dt
    print(type(start).__name__, start.isoformat(), str(e['SUMMARY']))
after = recurring_ical_events.of(cal).between(dt.date(2027, 1, 4), dt.date(2027, 1, 6))
print('after', [e['DTSTART'].dt.isoformat() for e in after])
"#,
            &ics.to_string_lossy(),
        ])
        .output()
        .expect("python3 runs (tests/run installs icalendar)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines[..lines.len() - 1],
        ["date 2026-12-21 Closed: Christmas – Helsesenteret for papirløse migranter"],
        "only the closure itself in the closed days:\n{printed}"
    );
    assert_eq!(
        lines[lines.len() - 1],
        "after ['2027-01-05T17:00:00+01:00']"
    );
}

#[test]
fn a_christmas_closure_is_on_the_printed_leaflet_which_stays_one_sheet() {
    let site = oslo_closed_for_christmas();
    let r = site.run(&["pdf", "--date", "2026-12-10"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (lang, dates) = ("en", "Monday 21 December – Sunday 3 January");
    let html = site.read(&format!("{lang}/leaflet/index.html"));
    assert!(html.contains(dates), "{lang}: leaflet HTML has {dates}");
    let pdf = pdf_path(&site, &format!("{lang}/leaflet.pdf"));
    let (pages, size) = pages_and_size(&pdf);
    assert_eq!(pages, 1, "{lang}: one sheet");
    assert!(
        size.contains("(A4)") && size.starts_with("59"),
        "{lang}: A4, {size}"
    );
    assert!(
        squeezed(&text(&pdf)).contains(&squeezed(dates)),
        "{lang}: the printed leaflet names the closure's dates"
    );
    // Arabic: the closure is there with Arabic month names.
    let ar = site.read("ar/leaflet/index.html");
    assert!(
        ar.contains("lf-closed") && ar.contains("ديسمبر"),
        "ar leaflet"
    );
    let pdf = pdf_path(&site, "ar/leaflet.pdf");
    assert_eq!(pages_and_size(&pdf).0, 1, "ar: one sheet");
    // Six weeks before, not yet: the leaflet carries only closures coming soon.
    let site = oslo_closed_for_christmas();
    let r = site.run(&["build", "--date", "2026-11-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!site.read("en/leaflet/index.html").contains("lf-closed>"));
}

#[test]
fn a_changed_norwegian_page_tells_the_readers_of_its_arabic_translation() {
    let site = TestSite::shipped();
    let rel = "content/nb/rights/payment.md";
    let source = site.source(rel);
    let checked = source
        .lines()
        .find_map(|l| l.strip_prefix("checked = "))
        .expect("the nb page has a checked date")
        .trim()
        .to_string();
    site.write(rel, format!("{source}\nEn ny setning.\n"));
    site.build_ok();
    let notice = common::print::ui_string("ar", "notice_outdated");
    let before_date = notice.split("{date}").next().unwrap();
    let page = site.read("ar/rights/payment/index.html");
    assert!(
        page.contains(&format!("{before_date}<time datetime={checked}>")),
        "the Arabic page says the Norwegian page changed on {checked}"
    );
    // A translation whose source did not change says nothing of the kind.
    let other = site.read("ar/rights/children/index.html");
    assert!(!other.contains(before_date), "children: not outdated");
    // Nor does the Norwegian page itself.
    assert!(
        !site
            .read("nb/rights/payment/index.html")
            .contains("<p class=notice role=note>Den norske siden")
    );
}
