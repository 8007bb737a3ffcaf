//! [`ClinicView`]: everything a template needs to show one clinic in one language, with all
//! text already localized.

use jiff::civil::Date;
use serde::Serialize;

use super::expand::{Local, Removed, removed, unsure_holiday};
use super::localize::Localizer;
use super::open_now::open_now_json;
use super::slots::{Repeat, Year};
use super::{Clinic, NEXT_DATES, PublicHolidays, ServiceKind, window_end};

/// How many days ahead a closure is announced on the home page and the leaflet (six weeks:
/// a leaflet is handed out for a while, and a closure is worth knowing before it starts).
pub const SOON_DAYS: i64 = 42;

/// How many openings `next_openings` holds.
pub const NEXT_OPENINGS: usize = 5;
/// One clinic in one language.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicView {
    /// File name without `.toml`.
    pub slug: String,
    /// The site language this was made for.
    pub lang: String,
    /// The clinic's name.
    pub name: String,
    /// The city.
    pub city: String,
    /// The phone number.
    pub phone: PhoneView,
    /// Web site, if any.
    pub website: Option<String>,
    /// Street address, if the clinic publishes one.
    pub address: Option<String>,
    /// How to find the clinic, localized (e.g. "Call for directions").
    pub directions: Option<String>,
    /// Localized notes from the clinic file.
    pub notes: Vec<String>,
    /// The services, in file order, with their weekly tables.
    pub services: Vec<ServiceView>,
    /// The next openings of visit services from the build date (at most [`NEXT_OPENINGS`]).
    pub next_openings: Vec<OpeningView>,
    /// Every opening of every service in the coming year, as
    /// `[start_unix_seconds, end_unix_seconds, service_index]`, sorted; for "open now".
    pub intervals: Vec<[i64; 3]>,
    /// Unix seconds of the end of the computed window (midnight, local, a year after the
    /// build date): after it, `intervals` says nothing.
    pub intervals_end: i64,
    /// Closures from today on: those in the file, and (only for a clinic that closes on
    /// them) public holidays in the coming year that fall on a day with an opening. Sorted
    /// by date.
    pub closures: Vec<ClosureView>,
    /// The closures from the clinic file that have begun or begin within [`SOON_DAYS`] of
    /// the build date: for the home page's card and the leaflet.
    pub closures_soon: Vec<ClosureView>,
    /// What the clinic does on public holidays: `unknown`, `closed` or `open`.
    pub public_holidays: PublicHolidays,
    /// That rule as a localized sentence, e.g. "Public holidays: call before you come."
    pub public_holidays_text: String,
    /// Whether all care is free, if the file says.
    pub free: Option<bool>,
    /// IANA time zone name, e.g. `Europe/Oslo`.
    pub timezone: String,
    /// The build date, localized ("Thursday 3 December"): the lists built are right "as of"
    /// it, which a page read without JavaScript says.
    pub as_of: String,
    /// The data for the page's "open now" script: visit openings as UTC minutes with their
    /// localized texts, one line of JSON safe inside `<script type="application/json">`
    /// (format: `open_now.rs`).
    pub open_now: String,
}

/// A phone number ready for a link.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    /// `+4748890560`.
    pub e164: String,
    /// `488 90 560`.
    pub display: String,
    /// `tel:+4748890560`.
    pub href: String,
}

/// One service and its weekly table.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    /// Index into the clinic's services (and the third number of `intervals`).
    pub index: usize,
    /// The i18n key, e.g. `womens_drop_in`.
    pub key: String,
    /// The localized label.
    pub label: String,
    /// `visit` or `phone`.
    pub kind: ServiceKind,
    /// One row per weekday and time, Monday first.
    pub rows: Vec<WeeklyRow>,
}

/// One row of a weekly table.
#[derive(Debug, Clone, Serialize)]
pub struct WeeklyRow {
    /// ISO weekday, 1 = Monday ... 7 = Sunday.
    pub weekday: i8,
    /// Localized weekday name, e.g. "onsdag".
    pub weekday_name: String,
    /// Localized opening time, e.g. "18:00".
    pub start: String,
    /// Localized closing time, e.g. "20:30".
    pub end: String,
    /// Localized range, e.g. "18:00–20:30".
    pub times: String,
    /// `weekly`, `even_weeks`, `odd_weeks` or `some_weeks`.
    pub repeat: &'static str,
    /// For a rule that is not weekly, the localized note, e.g. "every second week (even weeks)".
    pub note: Option<String>,
    /// For a rule that is not weekly, its next real dates (at most [`NEXT_DATES`]).
    pub next_dates: Vec<DateView>,
}

/// A localized date.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// ISO 8601, e.g. `2026-12-23`.
    pub iso: String,
    /// Weekday, day and month, e.g. "Wednesday 23 December".
    pub text: String,
    /// On a public holiday when the clinic has not said whether it opens: the localized
    /// note, e.g. "Public holiday: call before you come (Maundy Thursday)".
    pub holiday_note: Option<String>,
    /// Unix seconds when that opening closes (so a script can hide it once it is past).
    pub end_unix: i64,
}

/// One coming opening.
#[derive(Debug, Clone, Serialize)]
pub struct OpeningView {
    /// Index of the service.
    pub service: usize,
    /// Localized service label.
    pub label: String,
    /// `visit` or `phone`.
    pub kind: ServiceKind,
    /// Local date, ISO 8601.
    pub iso_date: String,
    /// Localized date, e.g. "Tuesday 24 November".
    pub date_text: String,
    /// Localized time range, e.g. "17:00–20:00".
    pub time_text: String,
    /// Unix seconds when it opens (so a script can hide past openings).
    pub start_unix: i64,
    /// Unix seconds when it closes.
    pub end_unix: i64,
    /// On a public holiday when the clinic has not said whether it opens: the localized
    /// note, e.g. "Public holiday: call before you come (Maundy Thursday)".
    pub holiday_note: Option<String>,
}

/// A coming closure.
#[derive(Debug, Clone, Serialize)]
pub struct ClosureView {
    /// First day, ISO 8601.
    pub from: String,
    /// Last day, ISO 8601.
    pub to: String,
    /// Localized date or date range, e.g. "Thursday 24 December" or "... – ...".
    pub text: String,
    /// Localized reason (a holiday's name for holidays); empty when the file gives none.
    pub reason: String,
    /// Localized labels of the services that are closed; empty when the whole clinic is.
    pub services: Vec<String>,
    /// True for a public holiday, false for a closure from the clinic file.
    pub holiday: bool,
    /// Unix seconds of the start of its first day (so "open now" can say it is closed).
    pub start_unix: i64,
    /// Unix seconds of the end of its last day (so a script can hide it once it is over).
    pub end_unix: i64,
}

/// Builds the view of `clinic` for language `lang` (BCP 47 site code, e.g. `nb`, `prs`),
/// computed from the build date `today` for a year. `t` looks up i18n strings; a key without
/// a string is shown as the key itself. Keys: see the module docs.
pub fn clinic_view(
    clinic: &Clinic,
    lang: &str,
    t: &dyn Fn(&str) -> Option<String>,
    today: Date,
) -> ClinicView {
    let text = |key: &str| t(key).unwrap_or_else(|| key.to_string());
    let loc = Localizer::new(lang);
    let end = window_end(today);
    let label = |i: usize| {
        clinic
            .services
            .get(i)
            .map(|s| text(&s.key))
            .unwrap_or_default()
    };
    let kind = |i: usize| {
        clinic
            .services
            .get(i)
            .map(|s| s.kind)
            .unwrap_or(ServiceKind::Visit)
    };
    let range = |s: String, e: String| {
        fill_placeholders(
            &t("time_range").unwrap_or_else(|| "{start}–{end}".into()),
            &[("start", &s), ("end", &e)],
        )
    };

    let year = Year::new(clinic, today);
    let happening: Vec<&Local> = year
        .window()
        .filter(|l| removed(clinic, l).is_none())
        .collect();
    let unix = |l: &Local| {
        l.zoned(&clinic.timezone)
            .map(|(s, e)| (s.timestamp().as_second(), e.timestamp().as_second()))
    };

    let mut services: Vec<ServiceView> = clinic
        .services
        .iter()
        .enumerate()
        .map(|(index, s)| ServiceView {
            index,
            key: s.key.clone(),
            label: text(&s.key),
            kind: s.kind,
            rows: Vec::new(),
        })
        .collect();
    for slot in &year.slots {
        let (start, end) = (loc.time(slot.start), loc.time(slot.end));
        let weekly = slot.repeat == Repeat::Weekly;
        let next_dates = if weekly {
            Vec::new()
        } else {
            year.of_slot(slot)
                .filter(|l| removed(clinic, l).is_none())
                .filter_map(|l| {
                    Some(DateView {
                        iso: l.date.to_string(),
                        text: loc.date(l.date),
                        holiday_note: unsure_holiday(clinic, l).map(|k| holiday_note(&text, k)),
                        end_unix: unix(l)?.1,
                    })
                })
                .take(NEXT_DATES)
                .collect()
        };
        if let Some(sv) = services.get_mut(slot.service) {
            sv.rows.push(WeeklyRow {
                weekday: slot.weekday.to_monday_one_offset(),
                weekday_name: loc.weekday(slot.weekday),
                times: range(start.clone(), end.clone()),
                start,
                end,
                repeat: slot.repeat.key(),
                note: (!weekly).then(|| text(slot.repeat.key())),
                next_dates,
            });
        }
    }

    let next_openings = happening
        .iter()
        .copied()
        .filter(|l| kind(l.service) == ServiceKind::Visit)
        .filter_map(|l| {
            let (s, e) = unix(l)?;
            Some(OpeningView {
                service: l.service,
                label: label(l.service),
                kind: kind(l.service),
                iso_date: l.date.to_string(),
                date_text: loc.date(l.date),
                time_text: range(loc.time(l.start), loc.time(l.end)),
                start_unix: s,
                end_unix: e,
                holiday_note: unsure_holiday(clinic, l).map(|k| holiday_note(&text, k)),
            })
        })
        .take(NEXT_OPENINGS)
        .collect();

    let mut intervals: Vec<[i64; 3]> = happening
        .iter()
        .copied()
        .filter_map(|l| unix(l).map(|(s, e)| [s, e, l.service as i64]))
        .collect();
    intervals.sort();
    let intervals_end = end
        .to_zoned(clinic.timezone.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);

    let date_range = |from: Date, to: Date| {
        if from == to {
            loc.date(from)
        } else {
            let pattern = t("date_range").unwrap_or_else(|| "{from} – {to}".into());
            fill_placeholders(
                &pattern,
                &[("from", &loc.date(from)), ("to", &loc.date(to))],
            )
        }
    };
    // The end of a closure's last day, as a script compares it with the device clock.
    let midnight = |d: Date| {
        d.to_zoned(clinic.timezone.clone())
            .map(|z| z.timestamp().as_second())
            .unwrap_or(0)
    };
    let day_end = |d: Date| d.tomorrow().map(midnight).unwrap_or(0);
    let mut closures: Vec<ClosureView> = clinic
        .closures
        .iter()
        .filter(|c| c.to >= today)
        .map(|c| ClosureView {
            from: c.from.to_string(),
            to: c.to.to_string(),
            text: date_range(c.from, c.to),
            reason: c.reason.in_language(lang, &text).unwrap_or_default(),
            services: c.services.iter().map(|k| text(k)).collect(),
            holiday: false,
            start_unix: midnight(c.from),
            end_unix: day_end(c.to),
        })
        .collect();
    let horizon = today
        .checked_add(jiff::Span::new().days(SOON_DAYS))
        .unwrap_or(today)
        .to_string();

    let mut holidays: Vec<(Date, &'static str)> = year
        .window()
        .filter_map(|l| match removed(clinic, l) {
            Some(Removed::Holiday(key)) => Some((l.date, key)),
            _ => None,
        })
        .collect();
    holidays.dedup();
    closures.extend(holidays.into_iter().map(|(d, key)| ClosureView {
        from: d.to_string(),
        to: d.to_string(),
        text: loc.date(d),
        reason: text(key),
        services: Vec::new(),
        holiday: true,
        start_unix: midnight(d),
        end_unix: day_end(d),
    }));
    closures.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    let closures_soon: Vec<ClosureView> = closures
        .iter()
        .filter(|c| !c.holiday && c.from <= horizon)
        .cloned()
        .collect();

    let open_now = open_now_json(clinic, &happening, &loc, &text, &range, intervals_end);

    ClinicView {
        slug: clinic.slug.clone(),
        lang: lang.to_string(),
        name: clinic.name.clone(),
        city: clinic.city.clone(),
        phone: PhoneView {
            e164: clinic.phone.e164.clone(),
            display: clinic.phone.display.clone(),
            href: format!("tel:{}", clinic.phone.e164),
        },
        website: clinic.website.clone(),
        address: clinic.address.clone(),
        directions: clinic.directions.as_deref().map(text),
        notes: clinic.notes.iter().map(|n| text(n)).collect(),
        services,
        next_openings,
        intervals,
        intervals_end,
        closures,
        closures_soon,
        public_holidays: clinic.public_holidays,
        public_holidays_text: text(clinic.public_holidays.i18n_key()),
        free: clinic.free,
        timezone: clinic.timezone.iana_name().unwrap_or("UTC").to_string(),
        as_of: loc.date(today),
        open_now,
    }
}

/// The note beside an opening on a public holiday when the clinic has not said whether it
/// opens: "Public holiday: call before you come (Maundy Thursday)". Shared by the page and
/// the calendar so both say the same.
pub(crate) fn holiday_note(text: &dyn Fn(&str) -> String, holiday_key: &str) -> String {
    format!("{} ({})", text("holiday_call_first"), text(holiday_key))
}

/// Replaces `{name}` placeholders in an i18n pattern.
pub(crate) fn fill_placeholders(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
