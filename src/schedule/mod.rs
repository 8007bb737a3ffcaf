//! Stage 3, schedule: the pure stage that turns `content/clinics/<slug>.toml` into opening
//! times a reader can trust ("is the clinic open, and when can I go?").
//!
//! It is entered twice: in stage 2 [`model`](crate::model) reads and checks each clinic file
//! with it (so a broken file is one error at its line), and at the start of stage 3
//! [`ClinicData::new`](crate::render::clinics::ClinicData::new) asks it for every clinic's
//! views for the build date, once, before any page renders.
//!
//! Nothing here touches the disk or the clock: the caller passes the file text and the build
//! date, and gets back data ([`Clinic`], [`Opening`]), a localized [`ClinicView`] for the
//! templates, an RFC 5545 calendar ([`ics`]) and schema.org JSON-LD ([`json_ld`]).
//!
//! # The data file
//!
//! ```toml
//! name = "Helsesenteret for papirløse migranter"
//! city = "Oslo"
//! directions = "call_for_directions"   # an i18n key; or `address = "Street 1, 0150 Oslo"`
//! website = "https://kirkensbymisjon.no/helsesenteret"
//! timezone = "Europe/Oslo"             # optional, this is the default
//! public_holidays = "unknown"         # optional: "unknown" (the default), "closed" or "open"
//! free = true                          # optional: all care is free (JSON-LD isAccessibleForFree)
//! notes = ["note_phone_line"]          # optional i18n keys shown under the hours
//! closed = [                           # optional; before the first [table], like all of these
//!   { date = 2026-12-24 },                                  # one day, no reason given
//!   { from = 2026-12-21, to = 2027-01-03, reason = "christmas" },  # both ends closed
//!   { from = 2027-07-05, to = 2027-08-01, reason = "summer", services = ["drop_in"] },
//!   { date = 2027-02-10, reason = { nb = "Stengt for oppussing", en = "Closed for repairs" } },
//! ]
//!
//! [phone]
//! e164 = "+4748890560"
//! display = "488 90 560"
//!
//! [[services]]
//! key = "drop_in"                      # i18n label key
//! hours = "Tu 17:00-20:00; Th 11:00-15:00"   # OpenStreetMap opening_hours syntax
//! kind = "visit"                       # or "phone"; default "visit"
//! # past_midnight = true               # optional: a closing time past 24:00 is meant
//! ```
//!
//! A closing time past 24:00 (`Fr 22:00-26:00`, open until 02:00) is how OpenStreetMap
//! writes hours after midnight; since it is far more often a typo (`11:00-25:00` for
//! `11:00-15:00`), it is a warning unless the service says `past_midnight = true`.
//!
//! Dates are ISO (`YYYY-MM-DD`, quoted or as TOML dates), ranges include both `from` and
//! `to`, and a closure without `services` closes the whole clinic. A closure's `reason` is
//! optional ([`Reason`]): one of the built-in kinds `christmas`, `easter`, `summer`, `other`
//! (translated in every language as `closure_<kind>`; any other i18n key works too), or free
//! text per language as a table (`{ nb = "...", en = "..." }`), where a language without its
//! text gets the first of its fallback chain that has one. A plain string that is not a key is
//! free text shown as written in every language.
//!
//! # Time
//!
//! Opening hours are wall-clock times in the clinic's time zone. They are evaluated per local
//! date and only then turned into instants with `jiff`, so "Tu 17:00" in Oslo is 15:00 UTC
//! in summer time (until 2026-10-25) and 16:00 UTC in winter time (until 2027-03-28). Week
//! rules use ISO 8601 weeks, so `week 02-52/2` skips week 53 (2026 has one) and week 1.
//! Public holidays are computed ([`norwegian_public_holidays`]).
//!
//! # Public holidays
//!
//! `public_holidays` says what the clinic does on a Norwegian public holiday, and only what
//! it has published ([`PublicHolidays`]):
//!
//! - `"unknown"` (the default, and what a file that says nothing gets): the site does not
//!   decide for the reader. An opening on a holiday stays everywhere (next openings, "open
//!   now", the calendar), marked "Public holiday: call before you come"; the page says the
//!   rule in words ("Public holidays: call before you come") and lists no holiday as closed.
//! - `"closed"`: openings on holidays are removed and the holidays listed as closed days.
//! - `"open"`: holidays are ordinary days.
//!
//! The old `closed_on_public_holidays = true|false` is an error that says what to write: it
//! defaulted to closed, a guess the sources never made.
//!
//! # i18n keys
//!
//! Every text that is not CLDR data is looked up with the caller's `t(key)`; when it returns
//! `None` the key itself is shown. Keys used by this module (see also [`I18N_KEYS`] and
//! [`clinic_i18n_keys`] for the keys a clinic file brings):
//!
//! - service labels, from each `[[services]] key`: `drop_in`, `womens_drop_in`, `phone_hours`
//! - `directions` and `notes` values, e.g. `call_for_directions`, `note_phone_line`
//! - closure reasons: `closure_christmas`, `closure_easter`, `closure_summer`,
//!   `closure_other` ([`CLOSURE_KINDS`]); `closure_label` ("Closed") before a closure's dates
//!   on the home page and the leaflet
//! - rule notes: `even_weeks` ("every second week (even weeks)"), `odd_weeks`, `some_weeks`
//!   ("only in some weeks, see the dates")
//! - `time_range` = `"{start}–{end}"`, `date_range` = `"{from} – {to}"` (optional; these are
//!   the fallbacks)
//! - the public-holiday rule (see above): `public_holidays_unknown`, `public_holidays_closed`,
//!   `public_holidays_open` (a sentence for the page); `holiday_call_first` ("Public holiday:
//!   call before you come", next to an opening on a holiday when the rule is unknown) and
//!   `open_now_maybe` ("Maybe open: call first. ...", see [`OPEN_NOW_KEYS`])
//! - holidays: `holiday_new_years_day`, `holiday_maundy_thursday`, `holiday_good_friday`,
//!   `holiday_easter_sunday`, `holiday_easter_monday`, `holiday_labour_day`,
//!   `holiday_constitution_day`, `holiday_ascension_day`, `holiday_whit_sunday`,
//!   `holiday_whit_monday`, `holiday_christmas_day`, `holiday_boxing_day`

mod clinic;
mod clinic_file;
mod expand;
mod holidays;
mod hours;
mod ics;
mod jsonld;
pub(crate) mod localize;
mod open_now;
mod slots;
mod view;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_holidays;
#[cfg(test)]
mod tests_validation;

use jiff::civil::Date;

pub use clinic::{
    ANY_LANGUAGE, CLOSURE_KINDS, Clinic, Closure, Opening, Phone, PublicHolidays, Reason, Service,
    ServiceKind,
};
pub use clinic_file::parse_clinic;
pub use expand::openings;
pub use holidays::{HOLIDAY_KEYS, easter_sunday, norwegian_public_holidays};
pub use ics::ics;
pub use jsonld::json_ld;
pub use localize::{html_lang, icu_locale, weekday_names};
pub use open_now::OPEN_NOW_KEYS;
pub use view::{
    ClinicView, ClosureView, DateView, NEXT_OPENINGS, OpeningView, PhoneView, SOON_DAYS,
    ServiceView, WeeklyRow, clinic_view,
};

/// How many dates of a rule that is not weekly (even weeks, …) are shown: on the clinic
/// page's weekly table and in the JSON-LD, which must agree.
pub const NEXT_DATES: usize = 4;

/// The fixed i18n keys this module may look up besides the holidays' ([`HOLIDAY_KEYS`]) and
/// the keys named in clinic files (see [`clinic_i18n_keys`]). Each has a usable fallback,
/// but every language should define them.
pub const I18N_KEYS: &[&str] = &[
    "closure_label",
    "even_weeks",
    "odd_weeks",
    "some_weeks",
    "time_range",
    "date_range",
    "public_holidays_unknown",
    "public_holidays_closed",
    "public_holidays_open",
];

/// Every i18n key a clinic file refers to: service labels, `directions` and `notes`. The
/// model stage can check they exist. Closure reasons are checked apart, at their lines.
pub fn clinic_i18n_keys(clinic: &Clinic) -> Vec<String> {
    let mut keys: Vec<String> = clinic.services.iter().map(|s| s.key.clone()).collect();
    keys.extend(clinic.directions.iter().cloned());
    keys.extend(clinic.notes.iter().cloned());
    keys.sort();
    keys.dedup();
    keys
}

/// The built-in closure reason closest to `word` (a kind or its key), if it looks like a typo.
pub fn nearest_kind(word: &str) -> Option<&'static str> {
    let kinds: Vec<&str> = CLOSURE_KINDS.iter().map(|(k, _)| *k).collect();
    let bare = word.strip_prefix("closure_").unwrap_or(word);
    clinic_file::nearest(bare, &kinds)
}

/// The computed window: from the build date to the same date a year later (exclusive).
pub(crate) fn window_end(today: Date) -> Date {
    today
        .checked_add(jiff::Span::new().years(1))
        .unwrap_or(today)
}
