//! Reading and validating `content/clinics/<slug>.toml`.
//!
//! The file is read with toml's spanned document tree (`DeTable`), so every problem names the
//! line and column of the key or value at fault, and every problem is reported, not just the
//! first.

mod items;

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Clinic, PublicHolidays};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::toml_hints::{Dates, explain};

pub(super) const CLINIC_KEYS: &[&str] = &[
    "name",
    "city",
    "phone",
    "website",
    "address",
    "directions",
    "timezone",
    "public_holidays",
    "free",
    "notes",
    "services",
    "closed",
];
pub(super) const PHONE_KEYS: &[&str] = &["e164", "display"];
pub(super) const SERVICE_KEYS: &[&str] = &["key", "hours", "kind", "past_midnight"];
pub(super) const CLOSURE_KEYS: &[&str] = &["date", "from", "to", "reason", "services"];

/// The old yes/no holiday key: reported by [`Reader::public_holidays`], not as unknown.
const RETIRED_HOLIDAY_KEY: &str = "closed_on_public_holidays";

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates one clinic file. `file` is the path from the site root
/// (`content/clinics/oslo.toml`); the slug is its file name without `.toml`.
///
/// All problems are returned at once, each with file, line, column and a hint.
pub fn parse_clinic(file: &str, text: &str) -> Result<Clinic, Diagnostics> {
    let mut r = Reader {
        file,
        text,
        diags: Diagnostics::new(),
    };
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            match explain(text, 0, span.clone(), &msg, Dates::Quoted) {
                Some(x) => r.error(span.start, format!("this is not valid TOML: {}", x.message), x.hint),
                None => r.error(span.start, format!("this is not valid TOML: {msg}"), "see https://toml.io; strings need quotes, e.g. `city = \"Oslo\"`, dates are written `2026-12-24`"),
            }
        }
        r.diags.sort();
        return Err(r.diags);
    }
    let root = doc.get_ref();
    r.check_keys(root, CLINIC_KEYS, "the clinic file");

    let slug = slug_of(file);
    if slug.is_empty()
        || !slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        r.diags.push(
            Diagnostic::error(file, format!("the clinic file name `{slug}` cannot be used in a web address"))
                .hint("name the file with lowercase letters, digits and `-`, e.g. `content/clinics/bergen.toml`"),
        );
    }

    let name = r.string(
        root,
        "name",
        Some((0, "name = \"Helsesenteret for papirløse migranter\"")),
    );
    let city = r.string(root, "city", Some((0, "city = \"Oslo\"")));
    let phone = r.phone(root);
    let website = r.string(root, "website", None);
    if let Some((w, span)) = &website
        && !(w.starts_with("https://") || w.starts_with("http://"))
    {
        r.error(
            span.start,
            format!("`website` must be a full address, not `{w}`"),
            format!("write `website = \"https://{w}\"`"),
        );
    }
    let address = r.string(root, "address", None);
    let directions = r.key_string(root, "directions");
    if address.is_none()
        && directions.is_none()
        && get(root, "address").is_none()
        && get(root, "directions").is_none()
    {
        r.error(0, "the clinic has neither `address` nor `directions`", "add `address = \"Street 1, 0150 Oslo\"`, or `directions = \"call_for_directions\"` when the address is given by phone");
    }
    let timezone = match r.string(root, "timezone", None) {
        None => jiff::tz::TimeZone::get("Europe/Oslo").ok(),
        Some((tz, span)) => match jiff::tz::TimeZone::get(&tz) {
            Ok(z) => Some(z),
            Err(_) => {
                r.error(span.start, format!("unknown time zone `{tz}`"), "write an IANA time zone name, e.g. `timezone = \"Europe/Oslo\"` (or leave it out: that is the default)");
                None
            }
        },
    };
    let public_holidays = r.public_holidays(root);
    let free = r.bool(root, "free");
    let notes = r.key_list(root, "notes");
    let services = r.services(root);
    let keys: Vec<String> = services.iter().map(|s| s.key.clone()).collect();
    let closures = r.closures(root, &keys);

    if r.diags.has_errors() {
        r.diags.sort();
        return Err(r.diags);
    }
    match (name, city, phone, timezone) {
        (Some((name, _)), Some((city, _)), Some(phone), Some(timezone)) => Ok(Clinic {
            slug,
            file: file.to_string(),
            name,
            city,
            phone,
            website: website.map(|w| w.0),
            address: address.map(|a| a.0),
            directions: directions.map(|d| d.0),
            timezone,
            services,
            closures,
            public_holidays,
            free,
            notes,
            warnings: r.diags,
        }),
        // Unreachable in practice: a missing value always pushed an error above.
        _ => {
            r.diags.sort();
            Err(r.diags)
        }
    }
}

fn slug_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name).to_string()
}

/// True for an i18n key: `[a-z0-9_]+`.
pub(crate) fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub(super) fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// Collects diagnostics while reading one file.
pub(super) struct Reader<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diags: Diagnostics,
}

impl Reader<'_> {
    /// An error at `offset` of the file, with its line and column and a hint.
    pub(super) fn error(
        &mut self,
        offset: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::error(self.file, message), offset, hint);
    }

    /// A problem that does not stop the build, told once with its place and a hint.
    pub(super) fn warning(
        &mut self,
        offset: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(self.file, message), offset, hint);
    }

    fn push(&mut self, diagnostic: Diagnostic, offset: usize, hint: impl Into<String>) {
        let (line, col) = line_col(self.text, offset);
        self.diags.push(diagnostic.at(line, col).hint(hint));
    }

    pub(super) fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], place: &str) {
        for (k, _) in table.iter() {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) || (place == "the clinic file" && key == RETIRED_HOLIDAY_KEY)
            {
                continue;
            }
            let hint = match nearest(key, allowed) {
                Some(near) => format!("did you mean `{near}`?"),
                None if place != "the clinic file" && CLINIC_KEYS.contains(&key) => format!(
                    "`{key}` belongs to the clinic, not to {place}: move it above the first `[...]` table (in TOML, keys after a table header belong to that table)"
                ),
                None => format!("the keys allowed in {place} are: {}", allowed.join(", ")),
            };
            self.error(
                k.span().start,
                format!("unknown key `{key}` in {place}"),
                hint,
            );
        }
    }

    pub(super) fn wrong_type(&mut self, key: &str, v: &Value<'_>, want: &str, example: &str) {
        let got = v.get_ref().type_str();
        self.error(
            v.span().start,
            format!("`{key}` must be {want}, not {got}"),
            format!("write it like `{example}`"),
        );
    }

    /// A string value; `required` gives (offset to blame, example) when it must be there.
    pub(super) fn string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        required: Option<(usize, &str)>,
    ) -> Option<(String, Range<usize>)> {
        match get(table, key) {
            None => {
                if let Some((at, example)) = required {
                    self.error(at, format!("missing `{key}`"), format!("add `{example}`"));
                }
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => {
                    self.error(
                        v.span().start,
                        format!("`{key}` is empty"),
                        format!(
                            "write a value, e.g. `{}`",
                            required.map(|r| r.1).unwrap_or("...")
                        ),
                    );
                    None
                }
                DeValue::String(s) => Some((s.to_string(), v.span())),
                _ => {
                    self.wrong_type(key, v, "a string in quotes", &format!("{key} = \"...\""));
                    None
                }
            },
        }
    }

    /// An optional string that must be an i18n key.
    pub(super) fn key_string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
    ) -> Option<(String, Range<usize>)> {
        let (s, span) = self.string(table, key, None)?;
        if !is_key(&s) {
            self.error(span.start, format!("`{key}` must be a key of the theme's strings, not `{s}`"), format!("use lowercase letters, digits and `_`, e.g. `{key} = \"call_for_directions\"`, and put the text in themes/varde/i18n/<lang>.toml"));
            return None;
        }
        Some((s, span))
    }

    pub(super) fn key_list(&mut self, table: &DeTable<'_>, key: &str) -> Vec<String> {
        let Some(v) = get(table, key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(
                key,
                v,
                "a list of keys",
                &format!("{key} = [\"note_phone_line\"]"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) if is_key(s) => out.push(s.to_string()),
                _ => self.error(item.span().start, format!("every entry of `{key}` must be a key of the theme's strings"), format!("write e.g. `{key} = [\"note_phone_line\"]` (lowercase letters, digits and `_`)")),
            }
        }
        out
    }

    /// `public_holidays`: `"unknown"` (also when missing), `"closed"` or `"open"`. The old
    /// `closed_on_public_holidays` is an error that says what to write instead.
    fn public_holidays(&mut self, root: &DeTable<'_>) -> PublicHolidays {
        if let Some((k, v)) = root
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == RETIRED_HOLIDAY_KEY)
        {
            let instead = match v.get_ref().as_bool() {
                Some(true) => {
                    "`public_holidays = \"closed\"` if the clinic has said it closes on public holidays"
                }
                Some(false) => {
                    "`public_holidays = \"open\"` if the clinic has said it opens on public holidays"
                }
                None => "`public_holidays = \"closed\"` or `\"open\"`, as the clinic has said",
            };
            self.error(
                k.span().start,
                format!("`{RETIRED_HOLIDAY_KEY}` is no longer read: it was replaced by `public_holidays`"),
                format!("write {instead}; when the sources do not say, remove the line (the default, `public_holidays = \"unknown\"`, tells readers to call before they come)"),
            );
        }
        let allowed = ["unknown", "closed", "open"];
        let Some(v) = get(root, "public_holidays") else {
            return PublicHolidays::Unknown;
        };
        let Some(s) = v.get_ref().as_str() else {
            self.wrong_type(
                "public_holidays",
                v,
                "one of \"unknown\", \"closed\" or \"open\"",
                "public_holidays = \"unknown\"",
            );
            return PublicHolidays::Unknown;
        };
        match s {
            "unknown" => PublicHolidays::Unknown,
            "closed" => PublicHolidays::Closed,
            "open" => PublicHolidays::Open,
            other => {
                let near = match nearest(other, &allowed) {
                    Some(n) => format!("did you mean `public_holidays = \"{n}\"`? "),
                    None => String::new(),
                };
                self.error(
                    v.span().start,
                    format!("unknown `public_holidays` value `{other}`"),
                    format!("{near}write `\"closed\"` or `\"open\"` only as the clinic has said, else `\"unknown\"` (the default)"),
                );
                PublicHolidays::Unknown
            }
        }
    }

    pub(super) fn bool(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let v = get(table, key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(key, v, "true or false", &format!("{key} = true"));
                None
            }
        }
    }
}

/// The allowed word closest to `word` (optimal string alignment distance, so a swap of two
/// letters costs 1), if it is close enough to be a likely typo.
pub(crate) fn nearest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    allowed
        .iter()
        .map(|a| (osa_distance(word, a), *a))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}
