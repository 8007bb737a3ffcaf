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

use jiff::Zoned;
use jiff::civil::Date;

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

/// One clinic, parsed and validated from `content/clinics/<slug>.toml`.
#[derive(Debug, Clone)]
pub struct Clinic {
    /// The file name without `.toml`, used in URLs (`dist/<lang>/clinics/<slug>.ics`).
    pub slug: String,
    /// Path from the site root, e.g. `content/clinics/oslo.toml`.
    pub file: String,
    /// The clinic's own name (a proper name, not translated).
    pub name: String,
    /// The city, e.g. `Oslo`.
    pub city: String,
    /// The phone number.
    pub phone: Phone,
    /// The clinic's web site, `https://...`.
    pub website: Option<String>,
    /// Street address, when the clinic publishes one.
    pub address: Option<String>,
    /// An i18n key saying how to find the clinic instead, e.g. `call_for_directions`.
    pub directions: Option<String>,
    /// The clinic's time zone (default `Europe/Oslo`); all hours are local to it.
    pub timezone: jiff::tz::TimeZone,
    /// What the clinic offers and when, in file order (indices are used everywhere).
    pub services: Vec<Service>,
    /// Days or ranges of days when the clinic (or some services) is closed.
    pub closures: Vec<Closure>,
    /// What the clinic does on Norwegian public holidays (default: not known).
    pub public_holidays: PublicHolidays,
    /// Whether all care is free (`isAccessibleForFree` in JSON-LD), if the file says.
    pub free: Option<bool>,
    /// i18n keys of short notes shown with the hours, e.g. about a phone line.
    pub notes: Vec<String>,
    /// What in the file looks wrong but may be meant (hours past midnight): told by every
    /// build, which goes on.
    pub warnings: crate::diagnostics::Diagnostics,
}

/// What a clinic does on Norwegian public holidays, as its file says (`public_holidays`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PublicHolidays {
    /// The clinic has not said (the default): openings on holidays stay, marked "call first".
    #[default]
    Unknown,
    /// Closed on public holidays: their openings are removed.
    Closed,
    /// Open on public holidays as on any other day.
    Open,
}

impl PublicHolidays {
    /// The value as written in the clinic file (`unknown`, `closed`, `open`).
    pub fn as_str(self) -> &'static str {
        match self {
            PublicHolidays::Unknown => "unknown",
            PublicHolidays::Closed => "closed",
            PublicHolidays::Open => "open",
        }
    }

    /// The i18n key of the sentence that says the rule on the clinic page.
    pub fn i18n_key(self) -> &'static str {
        match self {
            PublicHolidays::Unknown => "public_holidays_unknown",
            PublicHolidays::Closed => "public_holidays_closed",
            PublicHolidays::Open => "public_holidays_open",
        }
    }
}

/// A phone number, as machines and as people write it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Phone {
    /// E.164, e.g. `+4748890560`.
    pub e164: String,
    /// As written in Norway, e.g. `488 90 560`.
    pub display: String,
}

/// Whether a service is something you go to or a phone line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    /// Come in person (drop-in, appointments).
    Visit,
    /// Call during these hours.
    Phone,
}

/// One service of a clinic and its hours.
#[derive(Debug, Clone)]
pub struct Service {
    /// i18n label key, e.g. `drop_in`, `womens_drop_in`, `phone_hours`.
    pub key: String,
    /// The hours as written, in OpenStreetMap `opening_hours` syntax.
    pub hours: String,
    /// Visit or phone.
    pub kind: ServiceKind,
    /// Line of the `hours` value in the clinic file (for later diagnostics).
    pub line: usize,
    /// The parsed hours.
    pub(crate) oh: opening_hours::OpeningHours,
}

/// A day or an inclusive range of days when the clinic is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    /// First closed day.
    pub from: Date,
    /// Last closed day (equal to `from` for one day).
    pub to: Date,
    /// Why, if the file says.
    pub reason: Reason,
    /// Keys of the services that are closed; empty means the whole clinic.
    pub services: Vec<String>,
    /// Line of the closure in the clinic file.
    pub line: usize,
}

impl Closure {
    /// True when this closure closes `service` on `date`.
    pub fn covers(&self, service: &str, date: Date) -> bool {
        self.from <= date
            && date <= self.to
            && (self.services.is_empty() || self.services.iter().any(|s| s == service))
    }
}

/// Why a clinic is closed, as its file says (`reason`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reason {
    /// No reason given: only the dates are shown.
    #[default]
    None,
    /// An i18n key: a built-in kind (`christmas` is read as `closure_christmas`, see
    /// [`CLOSURE_KINDS`]) or any other key of the theme's strings.
    Key(String),
    /// Free text by language code. [`ANY_LANGUAGE`] holds a plain string written for all
    /// languages; the model stage fills in every site language from its fallback chain.
    Text(std::collections::BTreeMap<String, String>),
}

/// The built-in closure reasons a clinic file may name, and their i18n keys.
pub const CLOSURE_KINDS: &[(&str, &str)] = &[
    ("christmas", "closure_christmas"),
    ("easter", "closure_easter"),
    ("summer", "closure_summer"),
    ("other", "closure_other"),
];

/// The key of [`Reason::Text`] for a plain string given for every language.
pub const ANY_LANGUAGE: &str = "*";

impl Reason {
    /// The reason in language `lang`, localized with `text` (i18n keys); `None` when the
    /// file gives no reason.
    pub fn in_language(&self, lang: &str, text: &dyn Fn(&str) -> String) -> Option<String> {
        match self {
            Reason::None => None,
            Reason::Key(k) => Some(text(k)),
            Reason::Text(by_lang) => by_lang
                .get(lang)
                .or_else(|| by_lang.get(ANY_LANGUAGE))
                .or_else(|| by_lang.values().next())
                .cloned(),
        }
    }
}

/// One concrete opening of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// Index into [`Clinic::services`].
    pub service: usize,
    /// When it opens, in the clinic's time zone.
    pub start: Zoned,
    /// When it closes, in the clinic's time zone.
    pub end: Zoned,
    /// The i18n key of the public holiday it falls on, when the clinic has not said whether
    /// it opens on holidays (so the reader must call first); `None` otherwise.
    pub unsure_holiday: Option<&'static str>,
}

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
