//! One RFC 5545 calendar per clinic and language (`dist/<lang>/clinics/<slug>.ics`).
//!
//! - Weekly slots are one event with `RRULE:FREQ=WEEKLY;UNTIL=<end of the year computed>`
//!   and an `EXDATE` for each closure or public holiday that cancels one. An opening on a
//!   public holiday when the clinic has not said whether it opens then stays, overridden by
//!   its own `VEVENT` (same `UID`, `RECURRENCE-ID`, `STATUS:TENTATIVE`) whose `DESCRIPTION`
//!   starts with the note "Public holiday: call before you come (...)".
//! - Any other slot (even weeks, ...) is one event per real date. `FREQ=WEEKLY;INTERVAL=2`
//!   would be wrong across week 53 (2026-12-23 and 2027-01-13 are three weeks apart), and
//!   `BYWEEKNO`/`RDATE` are poorly supported by common calendar apps. Such an event on an
//!   unsure public holiday carries the same note in its `DESCRIPTION` and is `TENTATIVE`.
//! - The `VTIMEZONE` lists the clinic zone's real transitions (from tzdb, via jiff) in the
//!   computed year, e.g. 2026-10-25 and 2027-03-28 for Europe/Oslo.
//! - Each closure in the clinic file is an all-day event ("Closed: Christmas – ...") over
//!   its days, both ends included; the openings it cancels are `EXDATE`s (weekly) or left
//!   out (other slots).
//! - Phone hours are not in the calendar: it answers "when can I go?".
//! - Output is deterministic: `DTSTAMP` is the build date, UIDs are made from the slug,
//!   service key, and weekday/time or date; lines end in CRLF and are folded at 75 octets.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan};

use super::expand::{Local, removed, unsure_holiday};
use super::slots::{Repeat, Year};
use super::view::holiday_note;
use super::{Clinic, ServiceKind, window_end};

/// The calendar of `clinic`'s visit services for a year from the build date `today`, with
/// event titles in language `lang` (`t` looks up i18n strings; see the module docs).
pub fn ics(clinic: &Clinic, lang: &str, t: &dyn Fn(&str) -> Option<String>, today: Date) -> String {
    let text = |key: &str| t(key).unwrap_or_else(|| key.to_string());
    let tz = &clinic.timezone;
    let tzid = tz.iana_name().unwrap_or("UTC").to_string();
    let end = window_end(today);
    let start_ts = today
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let end_ts = end
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(start_ts);
    let stamp = format!("{}T000000Z", basic_date(today));
    let location = match (&clinic.address, &clinic.directions) {
        (Some(a), _) => a.clone(),
        (None, Some(d)) => format!("{} – {}", clinic.city, text(d)),
        (None, None) => clinic.city.clone(),
    };
    let mut description = format!("{} ({})", clinic.phone.display, clinic.phone.e164);
    if let Some(w) = &clinic.website {
        description.push('\n');
        description.push_str(w);
    }

    let mut out: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//varde//clinic hours//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("NAME:{}", escape(&clinic.name)),
        format!("X-WR-CALNAME:{}", escape(&clinic.name)),
        format!("X-WR-TIMEZONE:{tzid}"),
    ];
    out.extend(vtimezone(tz, &tzid, start_ts, end_ts));

    let year = Year::new(clinic, today);
    for slot in &year.slots {
        let Some(service) = clinic.services.get(slot.service) else {
            continue;
        };
        if service.kind != ServiceKind::Visit {
            continue;
        }
        let mine: Vec<&Local> = year.of_slot(slot).collect();
        let summary = format!(
            "SUMMARY;LANGUAGE={lang}:{}",
            escape(&format!("{} – {}", text(&service.key), clinic.name))
        );
        // The note for an opening on a public holiday the clinic has not spoken about.
        let note = |l: &Local| unsure_holiday(clinic, l).map(|k| holiday_note(&text, k));
        let event = |uid: &str, first: &Local, note: Option<String>| -> Option<Vec<String>> {
            let description = match note {
                Some(n) => format!("{n}\n{description}"),
                None => description.clone(),
            };
            Some(vec![
                "BEGIN:VEVENT".into(),
                format!("UID:{uid}"),
                format!("DTSTAMP:{stamp}"),
                format!("DTSTART;TZID={tzid}:{}", basic(first.at(first.start)?)),
                format!("DTEND;TZID={tzid}:{}", basic(first.at(first.end)?)),
                summary.clone(),
                format!("LOCATION:{}", escape(&location)),
                format!("DESCRIPTION:{}", escape(&description)),
            ])
        };
        // An opening on an unsure holiday is TENTATIVE: it may not happen.
        let tail = |lines: &mut Vec<String>, sure: bool| {
            if let Some(w) = &clinic.website {
                lines.push(format!("URL:{w}"));
            }
            let status = if sure { "CONFIRMED" } else { "TENTATIVE" };
            lines.push(format!("STATUS:{status}"));
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("END:VEVENT".into());
        };
        let times = format!("{}-{}", hhmm(slot.start), hhmm(slot.end));
        if slot.repeat == Repeat::Weekly {
            let Some(first) = mine.first() else { continue };
            let wd = slot.weekday.to_monday_one_offset();
            let uid = format!("{}-{}-w{wd}-{times}@varde", clinic.slug, service.key);
            let Some(mut lines) = event(&uid, first, None) else {
                continue;
            };
            let until = end_ts.checked_sub(1.second()).unwrap_or(end_ts);
            lines.push(format!(
                "RRULE:FREQ=WEEKLY;UNTIL={}",
                until.strftime("%Y%m%dT%H%M%SZ")
            ));
            for l in mine.iter().filter(|l| removed(clinic, l).is_some()) {
                if let Some(dt) = l.at(l.start) {
                    lines.push(format!("EXDATE;TZID={tzid}:{}", basic(dt)));
                }
            }
            tail(&mut lines, true);
            out.extend(lines);
            // The unsure holiday openings: the same occurrence, with the note.
            for l in &mine {
                let (Some(n), Some(dt)) = (note(l), l.at(l.start)) else {
                    continue;
                };
                let Some(mut lines) = event(&uid, l, Some(n)) else {
                    continue;
                };
                lines.insert(3, format!("RECURRENCE-ID;TZID={tzid}:{}", basic(dt)));
                tail(&mut lines, false);
                out.extend(lines);
            }
        } else {
            for l in mine.iter().filter(|l| removed(clinic, l).is_none()) {
                let uid = format!(
                    "{}-{}-{}-{times}@varde",
                    clinic.slug,
                    service.key,
                    basic_date(l.date)
                );
                let note = note(l);
                let sure = note.is_none();
                let Some(mut lines) = event(&uid, l, note) else {
                    continue;
                };
                tail(&mut lines, sure);
                out.extend(lines);
            }
        }
    }
    out.extend(closure_events(clinic, lang, &text, today, end, &stamp));
    out.push("END:VCALENDAR".into());
    out.iter().map(|l| fold(l)).collect()
}

/// One all-day event per closure in the clinic file that is not over by `today` and starts
/// before `end`: "Closed: Christmas – <clinic>", from its first day to its last, both
/// included (`DTEND` is the day after, as RFC 5545 says for dates). It is transparent, so a
/// reader's calendar does not show them as busy.
fn closure_events(
    clinic: &Clinic,
    lang: &str,
    text: &dyn Fn(&str) -> String,
    today: Date,
    end: Date,
    stamp: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for c in clinic
        .closures
        .iter()
        .filter(|c| c.to >= today && c.from < end)
    {
        let Ok(after) = c.to.tomorrow() else { continue };
        let mut title = text("closure_label");
        if let Some(reason) = c.reason.in_language(lang, text) {
            title = format!("{title}: {reason}");
        }
        if !c.services.is_empty() {
            let labels: Vec<String> = c.services.iter().map(|k| text(k)).collect();
            title = format!("{title} ({})", labels.join(", "));
        }
        out.extend([
            "BEGIN:VEVENT".to_string(),
            format!(
                "UID:{}-closed-{}-{}@varde",
                clinic.slug,
                basic_date(c.from),
                basic_date(c.to)
            ),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", basic_date(c.from)),
            format!("DTEND;VALUE=DATE:{}", basic_date(after)),
            format!(
                "SUMMARY;LANGUAGE={lang}:{}",
                escape(&format!("{title} – {}", clinic.name))
            ),
            format!(
                "DESCRIPTION:{}",
                escape(&format!("{} ({})", clinic.phone.display, clinic.phone.e164))
            ),
            "STATUS:CONFIRMED".into(),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
    }
    out
}

/// `VTIMEZONE` with one observance per transition of `tz` in effect between `from` and `to`.
fn vtimezone(tz: &TimeZone, tzid: &str, from: Timestamp, to: Timestamp) -> Vec<String> {
    let mut out = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{tzid}")];
    let mut transitions: Vec<(Timestamp, Offset, String, bool)> = Vec::new();
    if let Some(p) = tz
        .preceding(from.checked_add(1.second()).unwrap_or(from))
        .next()
    {
        transitions.push((
            p.timestamp(),
            p.offset(),
            p.abbreviation().to_string(),
            p.dst().is_dst(),
        ));
    }
    for t in tz.following(from) {
        if t.timestamp() > to {
            break;
        }
        transitions.push((
            t.timestamp(),
            t.offset(),
            t.abbreviation().to_string(),
            t.dst().is_dst(),
        ));
    }
    if transitions.is_empty() {
        let info = tz.to_offset_info(from);
        let off = offset(info.offset());
        out.extend([
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            format!("TZOFFSETFROM:{off}"),
            format!("TZOFFSETTO:{off}"),
            format!("TZNAME:{}", info.abbreviation()),
            "END:STANDARD".into(),
        ]);
    }
    for (ts, to_offset, name, dst) in transitions {
        let before = tz.to_offset(ts.checked_sub(1.second()).unwrap_or(ts));
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        out.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", basic(before.to_datetime(ts))),
            format!("TZOFFSETFROM:{}", offset(before)),
            format!("TZOFFSETTO:{}", offset(to_offset)),
            format!("TZNAME:{}", escape(&name)),
            format!("END:{kind}"),
        ]);
    }
    out.push("END:VTIMEZONE".into());
    out
}

fn offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

fn basic_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn basic(dt: DateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}",
        basic_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}{:02}", minutes / 60, minutes % 60)
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_counts_octets_not_chars() {
        let line = format!("SUMMARY:{}", "ሰ".repeat(40)); // 8 + 120 octets
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
