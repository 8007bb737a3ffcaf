//! The three answers a clinic file can give for public holidays (`unknown`, the default;
//! `closed`; `open`) and what each does to openings, the page, "open now" and the calendar.
//! Maundy Thursday 2027-03-25 and Ascension Day 2027-05-06 are Thursdays, a drop-in day.

use jiff::civil::date;

use super::tests::{MINIMAL, dates_of, en, expand_ics, oslo};
use super::*;

fn with(rule: &str) -> Clinic {
    let text = format!("public_holidays = \"{rule}\"\n{MINIMAL}");
    parse_clinic("content/clinics/test.toml", &text).unwrap()
}

/// The `unsure_holiday` of each opening of the clinic's first service on `day`.
fn marks_on(c: &Clinic, day: jiff::civil::Date) -> Vec<Option<&'static str>> {
    openings(c, day, day)
        .into_iter()
        .map(|o| o.unsure_holiday)
        .collect()
}

#[test]
fn the_file_gives_one_of_three_answers_and_unknown_is_the_default() {
    let silent = parse_clinic("content/clinics/test.toml", MINIMAL).unwrap();
    assert_eq!(silent.public_holidays, PublicHolidays::Unknown);
    assert_eq!(with("unknown").public_holidays, PublicHolidays::Unknown);
    assert_eq!(with("closed").public_holidays, PublicHolidays::Closed);
    assert_eq!(with("open").public_holidays, PublicHolidays::Open);
    // Whole files that write the default out read the same. (That the shipped clinics have not
    // said, so the site does not decide for the reader, is pinned in tests/shipped_clinics.rs.)
    assert_eq!(oslo().public_holidays, PublicHolidays::Unknown);
    assert_eq!(
        super::tests::bergen().public_holidays,
        PublicHolidays::Unknown
    );
}

#[test]
fn unknown_keeps_holiday_openings_and_marks_them() {
    let c = with("unknown");
    let th = dates_of(&c, "drop_in", date(2027, 3, 18), date(2027, 5, 13));
    assert!(th.contains(&"2027-03-25".into()) && th.contains(&"2027-05-06".into()));
    assert_eq!(
        marks_on(&c, date(2027, 3, 25)),
        [Some("holiday_maundy_thursday")]
    );
    assert_eq!(
        marks_on(&c, date(2027, 5, 6)),
        [Some("holiday_ascension_day")]
    );
    // Ordinary days, and Christmas Eve (not a public holiday), carry no mark.
    assert_eq!(marks_on(&c, date(2027, 3, 18)), [None]);
    assert_eq!(marks_on(&c, date(2026, 12, 24)), [None]);
}

#[test]
fn closed_removes_holiday_openings() {
    let c = with("closed");
    let th = dates_of(&c, "drop_in", date(2027, 3, 18), date(2027, 5, 13));
    assert!(!th.contains(&"2027-03-25".into()) && !th.contains(&"2027-05-06".into()));
    assert!(th.contains(&"2027-03-18".into()) && th.contains(&"2027-05-13".into()));
    assert_eq!(
        dates_of(&c, "drop_in", date(2026, 12, 24), date(2026, 12, 24)),
        ["2026-12-24"]
    );
}

#[test]
fn open_keeps_holiday_openings_unmarked() {
    let c = with("open");
    assert_eq!(marks_on(&c, date(2027, 3, 25)), [None]);
    assert_eq!(marks_on(&c, date(2027, 5, 6)), [None]);
}

#[test]
fn a_closure_on_a_holiday_wins_over_unknown() {
    let text = format!("closed = [{{ date = \"2027-03-25\", reason = \"Easter\" }}]\n{MINIMAL}");
    let c = parse_clinic("content/clinics/test.toml", &text).unwrap();
    assert!(marks_on(&c, date(2027, 3, 25)).is_empty());
}

#[test]
fn the_page_says_the_rule_and_marks_the_opening() {
    // The Saturday before Easter week 2027: the next openings reach Maundy Thursday.
    let today = date(2027, 3, 20);
    let v = clinic_view(&with("unknown"), "en", &en, today);
    let next: Vec<(&str, Option<&str>)> = v
        .next_openings
        .iter()
        .map(|o| (o.iso_date.as_str(), o.holiday_note.as_deref()))
        .collect();
    assert_eq!(
        next,
        [
            ("2027-03-23", None),
            (
                "2027-03-25",
                Some("Public holiday: call before you come (Maundy Thursday)")
            ),
            ("2027-03-30", None),
            ("2027-04-01", None),
            ("2027-04-06", None),
        ]
    );
    assert_eq!(
        v.public_holidays_text,
        "Public holidays: call before you come."
    );
    assert!(
        v.closures.iter().all(|c| !c.holiday),
        "no holiday is called closed: {:?}",
        v.closures
    );

    let closed = clinic_view(&with("closed"), "en", &en, today);
    let days: Vec<&str> = closed
        .next_openings
        .iter()
        .map(|o| o.iso_date.as_str())
        .collect();
    assert_eq!(
        days,
        [
            "2027-03-23",
            "2027-03-30",
            "2027-04-01",
            "2027-04-06",
            "2027-04-08"
        ]
    );
    assert!(
        closed
            .next_openings
            .iter()
            .all(|o| o.holiday_note.is_none())
    );
    assert_eq!(closed.public_holidays_text, "Closed on public holidays.");
    assert_eq!(closed.closures[0].reason, "Maundy Thursday");
    assert!(closed.closures[0].holiday);

    let open = clinic_view(&with("open"), "en", &en, today);
    assert_eq!(open.next_openings[1].iso_date, "2027-03-25");
    assert_eq!(open.next_openings[1].holiday_note, None);
    assert_eq!(open.public_holidays_text, "Open on public holidays too.");
    assert!(open.closures.is_empty());
}

#[test]
fn open_now_data_flags_only_unsure_holiday_openings() {
    let v = clinic_view(&with("unknown"), "en", &en, date(2027, 3, 20));
    let json = &v.open_now;
    assert!(
        json.contains(
            r#""Maybe open: call first. Public holiday, usual hours {time}","Public holiday: call before you come"]"#
        ),
        "{json}"
    );
    // Rows: 8 numbers, 10 for an unsure holiday (the indexes of its time range and note).
    let rows = row_lengths(json);
    assert_eq!(&rows[..3], [8, 10, 8], "{json}");
    // Tuesdays and Thursdays on a holiday in the year from 2027-03-20: Maundy Thursday and
    // Ascension Day (1 May and Christmas 2027 fall on a weekend, 17 May on a Monday).
    assert_eq!(rows.iter().filter(|n| **n == 10).count(), 2, "{json}");
    for rule in ["closed", "open"] {
        let v = clinic_view(&with(rule), "en", &en, date(2027, 3, 20));
        let rows = row_lengths(&v.open_now);
        assert!(
            rows.len() > 90 && rows.iter().all(|n| *n == 8),
            "{rule}: {}",
            v.open_now
        );
    }
}

/// How many numbers each row of the open-now data's `i` has.
fn row_lengths(json: &str) -> Vec<usize> {
    json.split("\"i\":[[")
        .nth(1)
        .unwrap()
        .trim_end_matches("]]}")
        .split("],[")
        .map(|r| r.split(',').count())
        .collect()
}

#[test]
fn the_calendar_keeps_the_unsure_holiday_with_the_note() {
    let today = date(2026, 11, 23);
    let at = |cal: &str, day: &str| -> Vec<String> {
        expand_ics(&cal.replace("\r\n ", ""))
            .into_iter()
            .filter(|(_, d, _)| d.starts_with(day))
            .map(|(_, _, desc)| desc)
            .collect()
    };
    let unknown = ics(&with("unknown"), "en", &en, today);
    assert_eq!(
        at(&unknown, "20270325"),
        [
            "DESCRIPTION:Public holiday: call before you come (Maundy Thursday)\\n111 22 333 (+4711122333)"
        ]
    );
    assert_eq!(
        at(&unknown, "20270318"),
        ["DESCRIPTION:111 22 333 (+4711122333)"]
    );
    let unfolded = unknown.replace("\r\n ", "");
    assert!(
        unfolded.contains("RECURRENCE-ID;TZID=Europe/Oslo:20270325T110000"),
        "an override of the weekly event"
    );
    let overrides: Vec<&str> = unfolded
        .split("BEGIN:VEVENT")
        .filter(|e| e.contains("RECURRENCE-ID"))
        .collect();
    assert_eq!(overrides.len(), 2, "Maundy Thursday and Ascension Day");
    assert!(overrides.iter().all(|e| e.contains("STATUS:TENTATIVE")));
    assert_eq!(unfolded.matches("STATUS:TENTATIVE").count(), 2);
    assert!(!unfolded.contains("EXDATE"));

    let closed = ics(&with("closed"), "en", &en, today);
    assert!(at(&closed, "20270325").is_empty());
    assert!(closed.contains("EXDATE;TZID=Europe/Oslo:20270325T110000"));
    assert!(!closed.contains("RECURRENCE-ID"));

    let open = ics(&with("open"), "en", &en, today);
    assert_eq!(
        at(&open, "20270325"),
        ["DESCRIPTION:111 22 333 (+4711122333)"]
    );
    assert!(!open.contains("RECURRENCE-ID") && !open.contains("EXDATE"));
}

#[test]
fn a_dated_event_on_an_unsure_holiday_carries_the_note() {
    // Thursdays of even weeks only: one event per date, no RRULE. Week 12 of 2027 holds
    // Maundy Thursday.
    let text = format!("public_holidays = \"unknown\"\n{MINIMAL}").replace(
        "Tu 17:00-20:00; Th 11:00-15:00",
        "week 02-52/2 Th 11:00-15:00",
    );
    let c = parse_clinic("content/clinics/test.toml", &text).unwrap();
    let cal = ics(&c, "en", &en, date(2026, 11, 23)).replace("\r\n ", "");
    assert!(!cal.contains("RRULE"), "dated events");
    let event = cal
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("DTSTART;TZID=Europe/Oslo:20270325T110000"))
        .expect("Maundy Thursday stays");
    assert!(
        event.contains(
            "DESCRIPTION:Public holiday: call before you come (Maundy Thursday)\\n111 22 333"
        ),
        "{event}"
    );
    assert!(event.contains("STATUS:TENTATIVE"), "{event}");
    let v = clinic_view(&c, "en", &en, date(2027, 3, 1));
    let row = &v.services[0].rows[0];
    let notes: Vec<(&str, Option<&str>)> = row
        .next_dates
        .iter()
        .map(|d| (d.iso.as_str(), d.holiday_note.as_deref()))
        .collect();
    assert_eq!(notes[1].0, "2027-03-25");
    assert!(notes[1].1.unwrap().starts_with("Public holiday: call"));
    assert_eq!(notes[0].1, None);
}
