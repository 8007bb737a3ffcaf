//! Behaviour of the whole stage on whole clinic files and on small broken ones. The whole files
//! are the fixture site's (tests/fixtures/site/content/clinics/, made-up names and numbers), not
//! the shipped ones: a fact corrected in content/ must not break a test of the code.

use jiff::civil::{Date, date};

use super::*;

/// Weekly drop-in on Tuesday evenings (across the change of time) and Thursdays.
const OSLO: &str = include_str!("../../tests/fixtures/site/content/clinics/oslo.toml");
/// A weekly drop-in, one in even ISO weeks (2026 has a week 53) and phone hours.
const BERGEN: &str = include_str!("../../tests/fixtures/site/content/clinics/bergen.toml");

pub(super) fn oslo() -> Clinic {
    parse_clinic("content/clinics/oslo.toml", OSLO).unwrap()
}

pub(super) fn bergen() -> Clinic {
    parse_clinic("content/clinics/bergen.toml", BERGEN).unwrap()
}

pub(super) fn en(key: &str) -> Option<String> {
    let s = match key {
        "drop_in" => "Drop-in",
        "womens_drop_in" => "Drop-in for women",
        "phone_hours" => "Phone hours",
        "call_for_directions" => "Call for directions",
        "even_weeks" => "every second week (even weeks)",
        "holiday_maundy_thursday" => "Maundy Thursday",
        "holiday_ascension_day" => "Ascension Day",
        "holiday_call_first" => "Public holiday: call before you come",
        "public_holidays_unknown" => "Public holidays: call before you come.",
        "public_holidays_closed" => "Closed on public holidays.",
        "public_holidays_open" => "Open on public holidays too.",
        "open_now_maybe" => "Maybe open: call first. Public holiday, usual hours {time}",
        _ => return None,
    };
    Some(s.to_string())
}

/// Local start dates of service `key`'s openings in `from..=to`.
pub(super) fn dates_of(c: &Clinic, key: &str, from: Date, to: Date) -> Vec<String> {
    let i = c.services.iter().position(|s| s.key == key).unwrap();
    openings(c, from, to)
        .into_iter()
        .filter(|o| o.service == i)
        .map(|o| o.start.date().to_string())
        .collect()
}

/// The messages of a file that must fail, one per line, as `varde check` prints them.
pub(super) fn errors(file: &str, text: &str) -> Vec<String> {
    match parse_clinic(file, text) {
        Ok(_) => panic!("{file} should not parse"),
        Err(d) => d.iter().map(|d| d.to_string()).collect(),
    }
}

pub(super) const MINIMAL: &str = r#"name = "Test clinic"
city = "Oslo"
directions = "call_for_directions"

[phone]
e164 = "+4711122333"
display = "111 22 333"

[[services]]
key = "drop_in"
hours = "Tu 17:00-20:00; Th 11:00-15:00"
"#;

#[test]
fn whole_clinic_files_parse() {
    let o = oslo();
    assert_eq!(
        (o.slug.as_str(), o.city.as_str(), o.phone.e164.as_str()),
        ("oslo", "Oslo", "+4722233444")
    );
    assert_eq!(o.timezone.iana_name(), Some("Europe/Oslo"));
    let b = bergen();
    let keys: Vec<&str> = b.services.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["drop_in", "womens_drop_in", "phone_hours"]);
    assert_eq!(b.services[2].kind, ServiceKind::Phone);
    assert_eq!(b.phone.display, "555 66 777");
    assert_eq!(
        clinic_i18n_keys(&b),
        [
            "call_for_directions",
            "drop_in",
            "phone_hours",
            "womens_drop_in"
        ]
    );
}

#[test]
fn bergen_womens_drop_in_follows_iso_weeks_across_week_53() {
    let got = dates_of(
        &bergen(),
        "womens_drop_in",
        date(2026, 12, 1),
        date(2027, 1, 31),
    );
    assert_eq!(
        got,
        ["2026-12-09", "2026-12-23", "2027-01-13", "2027-01-27"]
    );
    assert!(!got.contains(&"2026-12-30".to_string())); // week 53
    assert!(!got.contains(&"2027-01-06".to_string())); // week 1
}

#[test]
fn openings_are_local_and_right_across_dst() {
    let o = oslo();
    // Summer time (UTC+2) until 2026-10-25, then UTC+1 until 2027-03-28: Tuesdays 17:00-20:00.
    for (day, start, end) in [
        ("2026-10-20", "15:00", "18:00"),
        ("2026-10-27", "16:00", "19:00"),
        ("2027-03-23", "16:00", "19:00"),
        ("2027-03-30", "15:00", "18:00"),
    ] {
        let d: Date = day.parse().unwrap();
        let op = openings(&o, d, d);
        assert_eq!(op.len(), 1, "{d}");
        let utc = (
            op[0].start.timestamp().to_string(),
            op[0].end.timestamp().to_string(),
        );
        let want = (format!("{day}T{start}:00Z"), format!("{day}T{end}:00Z"));
        assert_eq!(utc, want, "{d}");
    }
    // Wall-clock times stay 17:00-20:00 on both sides.
    for op in openings(&o, date(2026, 10, 20), date(2026, 10, 27)) {
        assert!(op.start.hour() == 17 || op.start.hour() == 11);
        assert_eq!(op.start.time_zone().iana_name(), Some("Europe/Oslo"));
    }
}

#[test]
fn overnight_hours_are_one_opening_even_on_the_dst_night() {
    let text = MINIMAL.replace("Tu 17:00-20:00; Th 11:00-15:00", "Sa 22:00-26:00");
    let c = parse_clinic("content/clinics/night.toml", &text).unwrap();
    // Night of 24-25 October 2026: at 03:00 summer time the clocks go back to 02:00, so the
    // wall clock first shows 02:00 at 00:00 UTC; that is when it closes (4 hours, not 5).
    let op = openings(&c, date(2026, 10, 24), date(2026, 10, 24));
    assert_eq!(op.len(), 1);
    assert_eq!(op[0].start.timestamp().to_string(), "2026-10-24T20:00:00Z");
    assert_eq!(op[0].end.timestamp().to_string(), "2026-10-25T00:00:00Z");
    assert_eq!(op[0].end.duration_since(&op[0].start).as_secs(), 4 * 3600);
    // A normal Saturday night is 4 hours too, and ends on Sunday.
    let op = openings(&c, date(2026, 10, 31), date(2026, 10, 31));
    assert_eq!(
        op[0].end.to_string(),
        "2026-11-01T02:00:00+01:00[Europe/Oslo]"
    );
    // The part after midnight is not a separate opening on Sunday.
    assert!(openings(&c, date(2026, 11, 1), date(2026, 11, 1)).is_empty());
}

#[test]
fn wall_times_in_the_spring_gap_move_forward_as_in_rfc_5545() {
    // 2028-03-26: clocks jump from 02:00 to 03:00 (2027-03-28 is Easter Sunday). 02:15 does
    // not exist; like RFC 5545 (offset from before the gap) and jiff's "compatible" rule,
    // it is read as 03:15 summer time, so the calendar and the page agree.
    let text = MINIMAL.replace(
        "Tu 17:00-20:00; Th 11:00-15:00",
        "Su 02:15-02:45, 10:00-11:00",
    );
    let c = parse_clinic("content/clinics/gap.toml", &text).unwrap();
    let op = openings(&c, date(2028, 3, 26), date(2028, 3, 26));
    let utc: Vec<String> = op
        .iter()
        .map(|o| format!("{}/{}", o.start.timestamp(), o.end.timestamp()))
        .collect();
    assert_eq!(
        utc,
        [
            "2028-03-26T01:15:00Z/2028-03-26T01:45:00Z",
            "2028-03-26T08:00:00Z/2028-03-26T09:00:00Z"
        ]
    );
}

#[test]
fn closures_remove_openings() {
    let text = format!(
        "closed = [\n  {{ from = \"2026-12-21\", to = \"2027-01-03\", reason = \"closure_christmas\" }},\n  \
         {{ date = 2027-01-05, reason = \"Staff training\", services = [\"drop_in\"] }},\n]\n{MINIMAL}\n\
         [[services]]\nkey = \"phone_hours\"\nkind = \"phone\"\nhours = \"Mo-Fr 10:00-12:00\"\n"
    );
    let text = format!("public_holidays = \"closed\"\n{text}");
    let c = parse_clinic("content/clinics/test.toml", &text).unwrap();
    assert_eq!(c.closures.len(), 2);
    assert_eq!(c.closures[0].line, 3);
    let drop_in = dates_of(&c, "drop_in", date(2026, 12, 15), date(2027, 1, 8));
    assert_eq!(drop_in, ["2026-12-15", "2026-12-17", "2027-01-07"]);
    // The second closure is for drop-in only: the phone line is open that day.
    let phone = dates_of(&c, "phone_hours", date(2027, 1, 4), date(2027, 1, 6));
    assert_eq!(phone, ["2027-01-04", "2027-01-05", "2027-01-06"]);

    let v = clinic_view(&c, "en", &en, date(2026, 12, 1));
    let reasons: Vec<(&str, &str, bool)> = v
        .closures
        .iter()
        .map(|c| (c.from.as_str(), c.reason.as_str(), c.holiday))
        .collect();
    assert_eq!(reasons[0], ("2026-12-21", "closure_christmas", false));
    assert_eq!(v.closures[0].text, "Monday 21 December – Sunday 3 January");
    assert!(reasons.contains(&("2027-01-05", "Staff training", false)));
    assert!(reasons.contains(&("2027-03-25", "Maundy Thursday", true)));
}

#[test]
fn view_of_bergen_in_english() {
    let v = clinic_view(&bergen(), "en", &en, date(2026, 11, 23));
    assert_eq!(v.phone.href, "tel:+4755566777");
    assert_eq!(v.directions.as_deref(), Some("Call for directions"));
    let women = &v.services[1];
    assert_eq!(
        (women.label.as_str(), women.rows.len()),
        ("Drop-in for women", 1)
    );
    let row = &women.rows[0];
    assert_eq!(
        (row.weekday, row.weekday_name.as_str(), row.times.as_str()),
        (3, "Wednesday", "18:00–20:30")
    );
    assert_eq!(row.repeat, "even_weeks");
    assert_eq!(row.note.as_deref(), Some("every second week (even weeks)"));
    let next: Vec<&str> = row.next_dates.iter().map(|d| d.iso.as_str()).collect();
    assert_eq!(
        next,
        ["2026-11-25", "2026-12-09", "2026-12-23", "2027-01-13"]
    );
    assert_eq!(row.next_dates[2].text, "Wednesday 23 December");
    let drop_in = &v.services[0].rows[0];
    assert_eq!(
        (
            drop_in.weekday_name.as_str(),
            drop_in.repeat,
            drop_in.note.clone()
        ),
        ("Thursday", "weekly", None)
    );
    let phone: Vec<(i8, &str)> = v.services[2]
        .rows
        .iter()
        .map(|r| (r.weekday, r.times.as_str()))
        .collect();
    assert_eq!(
        phone,
        [
            (2, "10:00–13:00"),
            (3, "10:00–13:00"),
            (4, "18:00–20:30"),
            (5, "10:00–14:00")
        ]
    );

    let next: Vec<(&str, &str, &str)> = v
        .next_openings
        .iter()
        .map(|o| (o.iso_date.as_str(), o.label.as_str(), o.time_text.as_str()))
        .collect();
    assert_eq!(
        next,
        [
            ("2026-11-25", "Drop-in for women", "18:00–20:30"),
            ("2026-11-26", "Drop-in", "18:00–20:30"),
            ("2026-12-03", "Drop-in", "18:00–20:30"),
            ("2026-12-09", "Drop-in for women", "18:00–20:30"),
            ("2026-12-10", "Drop-in", "18:00–20:30"),
        ]
    );
    assert_eq!(v.next_openings[0].date_text, "Wednesday 25 November");
    // 2026-11-25 18:00 in Bergen (UTC+1) is 17:00 UTC.
    assert_eq!(v.next_openings[0].start_unix, 1_795_626_000);

    // Intervals: sorted, all services, the whole year, within the window.
    assert!(v.intervals.windows(2).all(|w| w[0] <= w[1]));
    assert!(
        v.intervals
            .iter()
            .all(|i| i[0] < i[1] && i[1] <= v.intervals_end)
    );
    let womens = v.intervals.iter().filter(|i| i[2] == 1).count();
    assert!((24..=27).contains(&womens), "{womens}");
    assert_eq!(
        v.intervals_end,
        date(2027, 11, 23)
            .to_zoned(bergen().timezone)
            .unwrap()
            .timestamp()
            .as_second()
    );
}

#[test]
fn view_texts_in_other_languages() {
    let v = clinic_view(&oslo(), "nb", &|_| None, date(2026, 11, 23));
    let rows: Vec<(&str, &str)> = v.services[0]
        .rows
        .iter()
        .map(|r| (r.weekday_name.as_str(), r.times.as_str()))
        .collect();
    assert_eq!(
        rows,
        [("tirsdag", "17:00–20:00"), ("torsdag", "11:00–15:00")]
    );
    assert_eq!(v.services[0].label, "drop_in"); // no string: the key
    assert_eq!(v.next_openings[0].date_text, "tirsdag 24. november");
    let ar = clinic_view(&oslo(), "ar", &|_| None, date(2026, 11, 23));
    assert_eq!(ar.services[0].rows[0].weekday_name, "الثلاثاء");
}

#[test]
fn ics_for_bergen() {
    let cal = ics(&bergen(), "en", &en, date(2026, 11, 23));
    assert!(cal.ends_with("END:VCALENDAR\r\n"));
    assert!(!cal.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(cal.split("\r\n").all(|l| l.len() <= 75));
    assert_eq!(
        cal,
        ics(&bergen(), "en", &en, date(2026, 11, 23)),
        "deterministic"
    );
    let unfolded = cal.replace("\r\n ", "");
    assert!(unfolded.contains("DTSTAMP:20261123T000000Z"));
    assert!(unfolded.contains("SUMMARY;LANGUAGE=en:Drop-in for women – Testsenteret Bergen"));
    assert!(unfolded.contains("LOCATION:Bergen – Call for directions"));
    // The time zone's real transitions in the window.
    assert!(unfolded.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT"));
    assert!(unfolded.contains(
        "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"
    ));
    assert!(
        !unfolded.contains("Phone hours"),
        "phone hours are not calendar events"
    );

    let got = expand_ics(&unfolded);
    let womens: Vec<&str> = got
        .iter()
        .filter(|(s, _, _)| s.contains("for women"))
        .map(|(_, d, _)| d.as_str())
        .collect();
    assert!(womens.contains(&"20261223T180000"));
    assert!(!womens.contains(&"20261230T180000"));
    assert!(!womens.contains(&"20270106T180000"));
    assert!(womens.contains(&"20270113T180000"));
    let thursdays: Vec<&str> = got
        .iter()
        .filter(|(s, _, _)| s.contains(":Drop-in –"))
        .map(|(_, d, _)| d.as_str())
        .collect();
    assert!(thursdays.contains(&"20261126T180000") && thursdays.contains(&"20261224T180000"));
    // The file does not say whether Bergen opens on public holidays: Maundy Thursday stays,
    // once, with the note first in its description.
    let maundy: Vec<&(String, String, String)> = got
        .iter()
        .filter(|(s, d, _)| s.contains(":Drop-in –") && d == "20270325T180000")
        .collect();
    assert_eq!(maundy.len(), 1, "{maundy:?}");
    assert!(
        maundy[0].2.starts_with(
            "DESCRIPTION:Public holiday: call before you come (Maundy Thursday)\\n555 66 777"
        ),
        "{maundy:?}"
    );
    assert!(
        !unfolded.contains("EXDATE"),
        "no closure, no holiday removed"
    );
    assert!(
        thursdays.iter().all(|d| *d < "20271123"),
        "{:?}",
        thursdays.last()
    );
}

/// Expands the VEVENTs of a calendar this module wrote: DTSTART, weekly RRULE with UNTIL
/// (UTC, compared by date), EXDATEs, and overrides (RECURRENCE-ID) that replace the
/// occurrence they name. Returns (SUMMARY line, local start, DESCRIPTION line) triples.
pub(super) fn expand_ics(cal: &str) -> Vec<(String, String, String)> {
    let events: Vec<&str> = cal
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|ev| ev.split("END:VEVENT").next().unwrap())
        .collect();
    let prop = |ev: &str, name: &str| {
        ev.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l.trim_end().to_string())
    };
    let value = |line: String| line.rsplit(':').next().unwrap().to_string();
    // (UID, RECURRENCE-ID value) of every override.
    let overridden: Vec<(String, String)> = events
        .iter()
        .filter_map(|ev| Some((prop(ev, "UID:")?, value(prop(ev, "RECURRENCE-ID")?))))
        .collect();
    let mut out = Vec::new();
    for ev in events {
        let summary = prop(ev, "SUMMARY").unwrap();
        let description = prop(ev, "DESCRIPTION").unwrap();
        let uid = prop(ev, "UID:").unwrap();
        let start = value(prop(ev, "DTSTART").unwrap());
        let exdates: Vec<String> = ev
            .lines()
            .filter(|l| l.starts_with("EXDATE"))
            .map(|l| l.trim_end().rsplit(':').next().unwrap().to_string())
            .collect();
        let Some(rrule) = prop(ev, "RRULE:") else {
            out.push((summary, start, description));
            continue;
        };
        assert!(rrule.starts_with("RRULE:FREQ=WEEKLY;UNTIL="));
        let until = &rrule["RRULE:FREQ=WEEKLY;UNTIL=".len()..][..8];
        let mut d: Date = format!("{}-{}-{}", &start[..4], &start[4..6], &start[6..8])
            .parse()
            .unwrap();
        loop {
            let stamp = format!(
                "{:04}{:02}{:02}{}",
                d.year(),
                d.month(),
                d.day(),
                &start[8..]
            );
            if stamp[..8] > *until {
                break;
            }
            let replaced = overridden.contains(&(uid.clone(), stamp.clone()));
            if !exdates.contains(&stamp) && !replaced {
                out.push((summary.clone(), stamp, description.clone()));
            }
            d = d.checked_add(jiff::ToSpan::weeks(1)).unwrap();
        }
    }
    out
}

#[test]
fn json_ld_for_bergen() {
    let j = json_ld(&bergen(), date(2026, 11, 23));
    assert!(j.starts_with(r#"{"@context":"https://schema.org","@type":"MedicalClinic","name":"Testsenteret Bergen","telephone":"+4755566777","url":"https://example.org/bergen/","isAccessibleForFree":true,"address":{"@type":"PostalAddress","addressLocality":"Bergen","addressCountry":"NO"},"areaServed":{"@type":"City","name":"Bergen"}"#), "{j}");
    assert!(j.contains(r#"{"@type":"OpeningHoursSpecification","dayOfWeek":"https://schema.org/Thursday","opens":"18:00","closes":"20:30"}"#));
    assert!(j.contains(r#""dayOfWeek":"https://schema.org/Wednesday","opens":"18:00","closes":"20:30","validFrom":"2026-12-23","validThrough":"2026-12-23"}"#));
    assert!(!j.contains(r#""validFrom":"2026-12-30""#));
    // Public holidays are not closed days when the clinic has not said so; only "closed" says it.
    assert!(!j.contains("specialOpeningHoursSpecification"), "{j}");
    let mut closed = bergen();
    closed.public_holidays = PublicHolidays::Closed;
    let j = json_ld(&closed, date(2026, 11, 23));
    assert!(j.contains(r#""specialOpeningHoursSpecification":[{"@type":"OpeningHoursSpecification","opens":"00:00","closes":"00:00","validFrom":"2027-03-25","validThrough":"2027-03-25"}"#), "{j}");
    assert!(j.contains(r#""contactPoint":{"@type":"ContactPoint","telephone":"+4755566777","hoursAvailable":[{"@type":"OpeningHoursSpecification","dayOfWeek":"https://schema.org/Tuesday","opens":"10:00","closes":"13:00"}"#));
}

#[test]
fn a_year_of_openings_is_fast() {
    let b = bergen();
    let t = std::time::Instant::now();
    let n = openings(&b, date(2026, 1, 1), date(2026, 12, 31)).len();
    assert!(n > 200, "{n}");
    assert!(t.elapsed().as_millis() < 2000, "{:?}", t.elapsed());
}

#[test]
fn the_documented_example_parses() {
    let doc: Vec<&str> = include_str!("mod.rs")
        .lines()
        .skip_while(|l| !l.starts_with("//! ```toml"))
        .skip(1)
        .take_while(|l| !l.starts_with("//! ```"))
        .map(|l| {
            l.strip_prefix("//! ")
                .or(l.strip_prefix("//!"))
                .unwrap_or(l)
        })
        .collect();
    let c = parse_clinic("content/clinics/example.toml", &doc.join("\n")).unwrap();
    assert_eq!(
        (c.services.len(), c.closures.len(), c.notes.len()),
        (1, 4, 1)
    );
    assert_eq!(c.closures[0].reason, crate::schedule::Reason::None);
    assert_eq!(
        c.closures[1].reason,
        crate::schedule::Reason::Key("closure_christmas".into())
    );
    assert_eq!(c.closures[2].services, ["drop_in"]);
    let crate::schedule::Reason::Text(texts) = &c.closures[3].reason else {
        panic!("{:?}", c.closures[3].reason)
    };
    assert_eq!(texts["en"], "Closed for repairs");
}
