//! Reading and validating `content/clinics/<slug>.toml`.
//!
//! The file is read with toml's spanned document tree (`DeTable`), so every problem names the
//! line and column of the key or value at fault, and every problem is reported, not just the
//! first.

use std::ops::Range;

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::hours::parse_hours;
use super::{Clinic, Closure, Phone, Service, ServiceKind};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};

const CLINIC_KEYS: &[&str] = &[
    "name",
    "city",
    "phone",
    "website",
    "address",
    "directions",
    "timezone",
    "closed_on_public_holidays",
    "free",
    "notes",
    "services",
    "closed",
];
const PHONE_KEYS: &[&str] = &["e164", "display"];
const SERVICE_KEYS: &[&str] = &["key", "hours", "kind"];
const CLOSURE_KEYS: &[&str] = &["date", "from", "to", "reason", "services"];

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates one clinic file. `file` is the path from the site root
/// (`content/clinics/oslo.toml`); the slug is its file name without `.toml`.
///
/// All problems are returned at once, each with file, line, column and a hint.
pub fn parse_clinic(file: &str, text: &str) -> Result<Clinic, Diagnostics> {
    let mut r = Reader { file, text, diags: Diagnostics::new() };
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let msg = e.message().trim().to_string();
            r.error(at, format!("this is not valid TOML: {msg}"), "see https://toml.io; strings need quotes, e.g. `city = \"Oslo\"`, dates are written `2026-12-24`");
        }
        return Err(r.diags);
    }
    let root = doc.get_ref();
    r.check_keys(root, CLINIC_KEYS, "the clinic file");

    let slug = slug_of(file);
    if slug.is_empty()
        || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        r.diags.push(
            Diagnostic::error(file, format!("the clinic file name `{slug}` cannot be used in a web address"))
                .hint("name the file with lowercase letters, digits and `-`, e.g. `content/clinics/bergen.toml`"),
        );
    }

    let name =
        r.string(root, "name", Some((0, "name = \"Helsesenteret for papirløse migranter\"")));
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
    let closed_on_public_holidays = r.bool(root, "closed_on_public_holidays").unwrap_or(true);
    let free = r.bool(root, "free");
    let notes = r.key_list(root, "notes");
    let services = r.services(root);
    let keys: Vec<String> = services.iter().map(|s| s.key.clone()).collect();
    let closures = r.closures(root, &keys);

    if r.diags.has_errors() {
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
            closed_on_public_holidays,
            free,
            notes,
        }),
        // Unreachable in practice: a missing value always pushed an error above.
        _ => Err(r.diags),
    }
}

fn slug_of(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".toml").unwrap_or(name).to_string()
}

/// True for an i18n key: `[a-z0-9_]+`.
pub(crate) fn is_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(_, v)| v)
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    diags: Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>, hint: impl Into<String>) {
        let (line, col) = line_col(self.text, offset);
        self.diags.push(Diagnostic::error(self.file, message).at(line, col).hint(hint));
    }

    fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], place: &str) {
        for (k, _) in table.iter() {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) {
                continue;
            }
            let hint = match nearest(key, allowed) {
                Some(near) => format!("did you mean `{near}`?"),
                None if place != "the clinic file" && CLINIC_KEYS.contains(&key) => format!(
                    "`{key}` belongs to the clinic, not to {place}: move it above the first `[...]` table (in TOML, keys after a table header belong to that table)"
                ),
                None => format!("the keys allowed in {place} are: {}", allowed.join(", ")),
            };
            self.error(k.span().start, format!("unknown key `{key}` in {place}"), hint);
        }
    }

    fn wrong_type(&mut self, key: &str, v: &Value<'_>, want: &str, example: &str) {
        let got = v.get_ref().type_str();
        self.error(
            v.span().start,
            format!("`{key}` must be {want}, not {got}"),
            format!("write it like `{example}`"),
        );
    }

    /// A string value; `required` gives (offset to blame, example) when it must be there.
    fn string(
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
                        format!("write a value, e.g. `{}`", required.map(|r| r.1).unwrap_or("...")),
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
    fn key_string(&mut self, table: &DeTable<'_>, key: &str) -> Option<(String, Range<usize>)> {
        let (s, span) = self.string(table, key, None)?;
        if !is_key(&s) {
            self.error(span.start, format!("`{key}` must be a key of the theme's strings, not `{s}`"), format!("use lowercase letters, digits and `_`, e.g. `{key} = \"call_for_directions\"`, and put the text in themes/varde/i18n/<lang>.toml"));
            return None;
        }
        Some((s, span))
    }

    fn key_list(&mut self, table: &DeTable<'_>, key: &str) -> Vec<String> {
        let Some(v) = get(table, key) else { return Vec::new() };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(key, v, "a list of keys", &format!("{key} = [\"note_phone_line\"]"));
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

    fn bool(&mut self, table: &DeTable<'_>, key: &str) -> Option<bool> {
        let v = get(table, key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(key, v, "true or false", &format!("{key} = true"));
                None
            }
        }
    }

    fn phone(&mut self, root: &DeTable<'_>) -> Option<Phone> {
        let Some(v) = get(root, "phone") else {
            self.error(
                0,
                "missing `phone`",
                "add\n[phone]\ne164 = \"+4748890560\"\ndisplay = \"488 90 560\"",
            );
            return None;
        };
        let Some(table) = v.get_ref().as_table() else {
            self.wrong_type(
                "phone",
                v,
                "a table",
                "phone = { e164 = \"+4748890560\", display = \"488 90 560\" }",
            );
            return None;
        };
        self.check_keys(table, PHONE_KEYS, "[phone]");
        let at = v.span().start;
        let e164 = self.string(table, "e164", Some((at, "e164 = \"+4748890560\"")));
        let display = self.string(table, "display", Some((at, "display = \"488 90 560\"")));
        let (Some((e164, e_span)), Some((display, d_span))) = (e164, display) else { return None };
        let digits = &e164.get(1..).unwrap_or("");
        if !(e164.starts_with('+')
            && (8..=16).contains(&e164.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0'))
        {
            self.error(
                e_span.start,
                format!("`e164` must be the number in E.164 form, not `{e164}`"),
                "write `+`, the country code and the number, no spaces: `e164 = \"+4748890560\"`",
            );
            return None;
        }
        let shown: String = display.chars().filter(char::is_ascii_digit).collect();
        if shown.len() < 3 || !digits.ends_with(&shown) {
            self.error(
                d_span.start,
                format!("`display` ({display}) is not the same number as `e164` ({e164})"),
                "check both: `display` is how people write it, e.g. `488 90 560` for `+4748890560`",
            );
            return None;
        }
        Some(Phone { e164, display })
    }

    fn services(&mut self, root: &DeTable<'_>) -> Vec<Service> {
        let Some(v) = get(root, "services") else {
            self.error(
                0,
                "the clinic has no `services`",
                "add\n[[services]]\nkey = \"drop_in\"\nhours = \"Tu 17:00-20:00\"",
            );
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type("services", v, "a list of [[services]] tables", "[[services]]");
            return Vec::new();
        };
        let mut out: Vec<Service> = Vec::new();
        for item in items.iter() {
            let at = item.span().start;
            let Some(t) = item.get_ref().as_table() else {
                self.wrong_type(
                    "services",
                    item,
                    "a table",
                    "{ key = \"drop_in\", hours = \"Tu 17:00-20:00\" }",
                );
                continue;
            };
            self.check_keys(t, SERVICE_KEYS, "[[services]]");
            let key = self.string(t, "key", Some((at, "key = \"drop_in\"")));
            if let Some((k, span)) = &key {
                if !is_key(k) {
                    self.error(
                        span.start,
                        format!("`key` must be a key of the theme's strings, not `{k}`"),
                        "use lowercase letters, digits and `_`, e.g. `key = \"womens_drop_in\"`",
                    );
                } else if out.iter().any(|s| &s.key == k) {
                    self.error(
                        span.start,
                        format!("the service `{k}` is listed twice"),
                        "put all its hours in one `hours` value, separated by `;`",
                    );
                }
            }
            let kind = match self.string(t, "kind", None) {
                None => Some(ServiceKind::Visit),
                Some((k, _)) if k == "visit" => Some(ServiceKind::Visit),
                Some((k, _)) if k == "phone" => Some(ServiceKind::Phone),
                Some((k, span)) => {
                    let near = nearest(&k, &["visit", "phone"]).unwrap_or("visit");
                    self.error(
                        span.start,
                        format!("unknown service kind `{k}`"),
                        format!("write `kind = \"{near}\"` (`visit` or `phone`)"),
                    );
                    None
                }
            };
            let hours = self.string(t, "hours", Some((at, "hours = \"Tu 17:00-20:00\"")));
            let oh = hours.as_ref().and_then(|(h, span)| match parse_hours(h) {
                Ok(oh) => Some(oh),
                Err(e) => {
                    let offset =
                        e.at.map(|c| self.offset_in_string(span, h, c)).unwrap_or(span.start);
                    self.error(offset, e.message, e.hint);
                    None
                }
            });
            if let (Some((key, _)), Some(kind), Some((hours, span)), Some(oh)) =
                (key, kind, hours, oh)
            {
                let line = line_col(self.text, span.start).0;
                out.push(Service { key, hours, kind, line, oh });
            }
        }
        out
    }

    /// Byte offset in the file of character `col` (0-based) of the string value at `span`,
    /// when the value is written without escapes; else the start of the value.
    fn offset_in_string(&self, span: &Range<usize>, value: &str, col: usize) -> usize {
        let raw = self.text.get(span.clone()).unwrap_or("");
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        if inner != value {
            return span.start;
        }
        let byte = value.char_indices().nth(col).map(|(b, _)| b).unwrap_or(value.len());
        span.start + 1 + byte
    }

    fn closures(&mut self, root: &DeTable<'_>, services: &[String]) -> Vec<Closure> {
        let Some(v) = get(root, "closed") else { return Vec::new() };
        let example = "closed = [{ date = \"2026-12-24\", reason = \"closure_christmas\" }]";
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type("closed", v, "a list of closures", example);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let at = item.span().start;
            let Some(t_table) = item.get_ref().as_table() else {
                self.wrong_type(
                    "closed",
                    item,
                    "a table",
                    "{ date = \"2026-12-24\", reason = \"closure_christmas\" }",
                );
                continue;
            };
            self.check_keys(t_table, CLOSURE_KEYS, "a closure");
            let date = get(t_table, "date").map(|v| self.date(v, "date"));
            let from = get(t_table, "from").map(|v| self.date(v, "from"));
            let to = get(t_table, "to").map(|v| self.date(v, "to"));
            let range = match (date, from, to) {
                (Some(d), None, None) => d.map(|d| (d, d)),
                (None, Some(f), Some(t)) => match (f, t) {
                    (Some(f), Some(t)) if f <= t => Some((f, t)),
                    (Some(f), Some(t)) => {
                        let span = get(t_table, "to").map(|v| v.span().start).unwrap_or(at);
                        self.error(
                            span,
                            format!("the closure ends ({t}) before it starts ({f})"),
                            format!("write `from = \"{t}\", to = \"{f}\"`"),
                        );
                        None
                    }
                    _ => None,
                },
                _ => {
                    self.error(at, "a closure needs either `date` or both `from` and `to`", "write `{ date = \"2026-12-24\", reason = \"...\" }` or `{ from = \"2027-07-05\", to = \"2027-08-01\", reason = \"...\" }`");
                    None
                }
            };
            let reason =
                self.string(t_table, "reason", Some((at, "reason = \"closure_christmas\"")));
            let mut keys = Vec::new();
            if let Some(v) = get(t_table, "services") {
                match v.get_ref().as_array() {
                    None => self.wrong_type(
                        "services",
                        v,
                        "a list of service keys",
                        "services = [\"drop_in\"]",
                    ),
                    Some(list) => {
                        for s in list.iter() {
                            match s.get_ref().as_str() {
                                Some(k) if services.iter().any(|x| x == k) => {
                                    keys.push(k.to_string())
                                }
                                other => {
                                    let known: Vec<&str> =
                                        services.iter().map(String::as_str).collect();
                                    let hint = match other.and_then(|o| nearest(o, &known)) {
                                        Some(n) => format!("did you mean `{n}`?"),
                                        None => format!(
                                            "the services of this clinic are: {}",
                                            known.join(", ")
                                        ),
                                    };
                                    self.error(
                                        s.span().start,
                                        format!(
                                            "`{}` is not a service of this clinic",
                                            other.unwrap_or("?")
                                        ),
                                        hint,
                                    );
                                }
                            }
                        }
                    }
                }
            }
            if let (Some((from, to)), Some((reason, _))) = (range, reason) {
                let line = line_col(self.text, at).0;
                out.push(Closure { from, to, reason, services: keys, line });
            }
        }
        out
    }

    fn date(&mut self, v: &Value<'_>, key: &str) -> Option<Date> {
        let hint = format!("write the date as YYYY-MM-DD, e.g. `{key} = \"2026-12-24\"`");
        match v.get_ref() {
            DeValue::String(s) => match parse_date(s) {
                Ok(d) => Some(d),
                Err(why) => {
                    self.error(
                        v.span().start,
                        format!("`{key}` is not a date: `{s}` ({why})"),
                        hint,
                    );
                    None
                }
            },
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let (y, m, dd) = (
                        i16::try_from(d.year).ok()?,
                        i8::try_from(d.month).ok()?,
                        i8::try_from(d.day).ok()?,
                    );
                    match Date::new(y, m, dd) {
                        Ok(date) => Some(date),
                        Err(_) => {
                            self.error(
                                v.span().start,
                                format!("`{key}` is not a date: `{dt}`"),
                                hint,
                            );
                            None
                        }
                    }
                }
                _ => {
                    self.error(
                        v.span().start,
                        format!("`{key}` must be a day, without a time: `{dt}`"),
                        hint,
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(key, v, "a date", &format!("{key} = \"2026-12-24\""));
                None
            }
        }
    }
}

/// Parses `YYYY-MM-DD` strictly, explaining what is wrong.
fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err("not in the form YYYY-MM-DD".into());
    }
    let num = |r: Range<usize>| s.get(r).and_then(|x| x.parse::<i16>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&m) {
        return Err(format!("there is no month {m}"));
    }
    let (m, d8) = (m as i8, i8::try_from(d).unwrap_or(0));
    Date::new(y, m, d8).map_err(|_| {
        let days = Date::new(y, m, 1).map(|f| f.days_in_month()).unwrap_or(31);
        format!("that month has {days} days")
    })
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
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}
