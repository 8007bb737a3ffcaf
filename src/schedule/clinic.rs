//! The schedule stage's domain types: a [`Clinic`] as its file describes it (services,
//! phone, closures, public holiday policy) and one concrete [`Opening`].

use jiff::Zoned;
use jiff::civil::Date;

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
