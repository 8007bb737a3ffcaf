//! Facts written once: a page's text names a clinic's days, hours and phone number through
//! placeholders (`{{ bergen.drop_in }}`, `{{ bergen.phone }}`), which varde fills from the
//! clinic file in the page's language and clock. A change in `content/clinics/<slug>.toml`
//! then reaches every sentence of every language, not only the tables.
//!
//! The texts are made once per clinic and language, from the clinic views the schedule
//! stage already localized (the same weekday names and times as the weekly tables); filling
//! a page is a lookup. `\{{` writes a literal `{{` (Markdown drops the backslash).

pub mod check;

use crate::diagnostics::{Diagnostic, line_col};
use crate::schedule::{ClinicView, ServiceView, icu_locale};
use std::borrow::Cow;
use std::collections::HashMap;

/// The filled texts of every placeholder, per language.
#[derive(Debug, Default)]
pub struct Facts {
    /// language → placeholder name (`bergen.phone`) → Markdown text.
    by_lang: HashMap<String, HashMap<String, String>>,
    /// Every placeholder name, sorted: for the error listing the valid ones.
    names: Vec<String>,
}

/// A placeholder that could not be filled: where it starts in the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPlaceholder {
    /// Byte offset of its `{{`.
    pub offset: usize,
    /// What is wrong, for the error message.
    pub message: String,
}

impl Facts {
    /// The placeholder texts of these clinic views (every clinic in every language).
    pub fn new<'a>(views: impl Iterator<Item = &'a ClinicView>) -> Facts {
        let mut facts = Facts::default();
        let mut lists: HashMap<String, Option<icu::list::ListFormatter>> = HashMap::new();
        let mut names = std::collections::BTreeSet::new();
        for view in views {
            let list = lists.entry(view.lang.clone()).or_insert_with(|| {
                icu::list::ListFormatter::try_new_and(
                    icu_locale(&view.lang).into(),
                    icu::list::options::ListFormatterOptions::default(),
                )
                .ok()
            });
            let comma = comma(&view.lang);
            let texts = facts.by_lang.entry(view.lang.clone()).or_default();
            let phone = format!(
                "[{}]({})",
                escape_markdown(&view.phone.display),
                view.phone.href
            );
            let mut put = |name: String, text: String| {
                names.insert(name.clone());
                texts.insert(name, text);
            };
            put(format!("{}.phone", view.slug), phone);
            for service in &view.services {
                let text = escape_markdown(&service_text(service, list.as_ref(), comma));
                put(format!("{}.{}", view.slug, service.key), text);
            }
        }
        facts.names = names.into_iter().collect();
        facts
    }

    /// Every placeholder name, sorted (`bergen.drop_in`, `bergen.phone`, ...).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The Markdown text of placeholder `name` in `lang`.
    pub fn get(&self, lang: &str, name: &str) -> Option<&str> {
        self.by_lang.get(lang)?.get(name).map(String::as_str)
    }

    /// `text` with every placeholder filled in `lang`, or every placeholder that cannot be.
    /// Text without `{{` is returned as it is, without a copy.
    pub fn expand<'t>(
        &self,
        text: &'t str,
        lang: &str,
    ) -> Result<Cow<'t, str>, Vec<BadPlaceholder>> {
        if memchr::memmem::find(text.as_bytes(), b"{{").is_none() {
            return Ok(Cow::Borrowed(text));
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut bad = Vec::new();
        let mut from = 0;
        for (start, end, name) in placeholders(text) {
            out.push_str(&text[from..start]);
            from = end;
            match name {
                Err(message) => bad.push(BadPlaceholder {
                    offset: start,
                    message,
                }),
                Ok(name) => match self.get(lang, name) {
                    Some(fill) => out.push_str(fill),
                    None => bad.push(BadPlaceholder {
                        offset: start,
                        message: format!("unknown placeholder `{{{{ {name} }}}}`"),
                    }),
                },
            }
        }
        out.push_str(&text[from..]);
        if bad.is_empty() {
            Ok(Cow::Owned(out))
        } else {
            Err(bad)
        }
    }
    /// One error per placeholder that cannot be filled, at its line and column in `file`
    /// (whose body starts on line `body_line`), listing the valid names.
    pub fn errors(
        &self,
        file: &str,
        body_line: usize,
        body: &str,
        bad: &[BadPlaceholder],
    ) -> Vec<Diagnostic> {
        bad.iter()
            .map(|b| {
                let (line, col) = line_col(body, b.offset);
                Diagnostic::error(file, b.message.clone())
                    .at(body_line + line - 1, col)
                    .hint(format!(
                        "the placeholders are {{{{ {} }}}} (made from the clinic files in content/clinics/); write \\{{{{ for a literal {{{{",
                        self.names.join(" }}, {{ ")
                    ))
            })
            .collect()
    }
}

/// Every placeholder in `text`: its byte range and its name (or why it is malformed).
/// `\{{` is an escape, not a placeholder; a placeholder ends on its own line.
pub fn placeholders(text: &str) -> Vec<(usize, usize, Result<&str, String>)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[at..], b"{{") {
        let start = at + i;
        if start > 0 && text.as_bytes()[start - 1] == b'\\' {
            at = start + 2;
            continue;
        }
        let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        match text[start + 2..line_end].find("}}") {
            None => {
                found.push((
                    start,
                    start + 2,
                    Err("`{{` without `}}` on the same line".to_string()),
                ));
                at = start + 2;
            }
            Some(n) => {
                let end = start + 2 + n + 2;
                let name = text[start + 2..end - 2].trim();
                let plain = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
                let name = if plain {
                    Ok(name)
                } else {
                    Err(format!("unknown placeholder `{}`", &text[start..end]))
                };
                found.push((start, end, name));
                at = end;
            }
        }
    }
    found
}

/// A service's days and times, e.g. "Tuesday 17:00–20:00 and Thursday 11:00–15:00", each
/// day followed by its week rule when it is not weekly ("Wednesday 18:00–20:30, every
/// second week (even weeks)").
fn service_text(
    service: &ServiceView,
    list: Option<&icu::list::ListFormatter>,
    comma: &str,
) -> String {
    let items: Vec<String> = service
        .rows
        .iter()
        .map(|row| match &row.note {
            Some(note) => format!("{} {}{comma}{note}", row.weekday_name, row.times),
            None => format!("{} {}", row.weekday_name, row.times),
        })
        .collect();
    match list {
        Some(list) => list.format_to_string(items.iter().map(String::as_str)),
        None => items.join(", "),
    }
}

/// The comma that parts a day's time from its week rule: Arabic script and Ethiopic have
/// their own.
fn comma(lang: &str) -> &'static str {
    match icu_locale(lang).id.language.as_str() {
        "ar" | "fa" | "ps" | "ckb" | "ur" => "، ",
        "am" | "ti" => "፣ ",
        _ => ", ",
    }
}

/// `text` with the ASCII characters Markdown could read as markup escaped, so a filled
/// placeholder reads exactly as it was made.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]()<>#!|~{}&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{clinic_view, parse_clinic};

    const BERGEN: &str = include_str!("../../../tests/fixtures/site/content/clinics/bergen.toml");
    const OSLO: &str = include_str!("../../../tests/fixtures/site/content/clinics/oslo.toml");

    /// The fixture clinics' placeholders in English and Norwegian, on a Thursday.
    fn facts() -> Facts {
        let t = |key: &str| match key {
            "even_weeks" => Some("every second week (even weeks)".to_string()),
            _ => None,
        };
        let today = jiff::civil::date(2026, 12, 3);
        let mut views = Vec::new();
        for (file, text) in [("bergen.toml", BERGEN), ("oslo.toml", OSLO)] {
            let clinic = parse_clinic(&format!("content/clinics/{file}"), text).unwrap();
            for lang in ["en", "nb", "ar"] {
                views.push(clinic_view(&clinic, lang, &t, today));
            }
        }
        Facts::new(views.iter())
    }

    #[test]
    fn every_kind_of_placeholder_reads_as_the_weekly_tables_do() {
        let f = facts();
        assert_eq!(f.get("en", "bergen.drop_in"), Some("Thursday 18:00–20:30"));
        assert_eq!(f.get("nb", "bergen.drop_in"), Some("torsdag 18:00–20:30"));
        assert_eq!(
            f.get("en", "oslo.drop_in"),
            Some("Tuesday 17:00–20:00 and Thursday 11:00–15:00")
        );
        assert_eq!(
            f.get("nb", "oslo.drop_in"),
            Some("tirsdag 17:00–20:00 og torsdag 11:00–15:00")
        );
        assert_eq!(
            f.get("en", "bergen.womens_drop_in"),
            Some("Wednesday 18:00–20:30, every second week \\(even weeks\\)"),
            "the week rule follows the time, its brackets escaped for Markdown"
        );
        assert_eq!(
            f.get("en", "bergen.phone_hours"),
            Some(
                "Tuesday 10:00–13:00, Wednesday 10:00–13:00, Thursday 18:00–20:30 and Friday \
                 10:00–14:00"
            )
        );
        assert_eq!(
            f.get("ar", "bergen.womens_drop_in"),
            Some("الأربعاء 18:00–20:30، every second week \\(even weeks\\)"),
            "Arabic's own comma"
        );
        assert_eq!(
            f.get("en", "bergen.phone"),
            Some("[555 66 777](tel:+4755566777)")
        );
        assert_eq!(
            f.names(),
            [
                "bergen.drop_in",
                "bergen.phone",
                "bergen.phone_hours",
                "bergen.womens_drop_in",
                "oslo.drop_in",
                "oslo.phone"
            ]
        );
    }

    #[test]
    fn placeholders_are_filled_with_or_without_spaces_and_an_escaped_one_stays() {
        let f = facts();
        assert_eq!(
            f.expand("Open {{ bergen.drop_in }}. Call {{bergen.phone}}.", "en")
                .unwrap(),
            "Open Thursday 18:00–20:30. Call [555 66 777](tel:+4755566777)."
        );
        assert_eq!(
            f.expand(r"Write \{{ bergen.phone }} for the number.", "en")
                .unwrap(),
            r"Write \{{ bergen.phone }} for the number."
        );
        let plain = "No placeholder { here }.";
        assert!(matches!(f.expand(plain, "en"), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn an_unknown_or_unclosed_placeholder_is_an_error_at_its_place() {
        let f = facts();
        let text = "a {{ bergen.nope }} b\n{{ tromso.phone }}\nc {{ bergen.phone\n{{ <b> }}";
        let bad = f.expand(text, "en").unwrap_err();
        let got: Vec<(usize, &str)> = bad.iter().map(|b| (b.offset, b.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "unknown placeholder `{{ bergen.nope }}`"),
                (22, "unknown placeholder `{{ tromso.phone }}`"),
                (43, "`{{` without `}}` on the same line"),
                (59, "unknown placeholder `{{ <b> }}`"),
            ]
        );
        let errors = f.errors("content/en/a.md", 5, text, &bad);
        assert_eq!(errors[1].location(), "content/en/a.md:6:1");
        assert_eq!(
            errors[0].hint.as_deref(),
            Some(
                "the placeholders are {{ bergen.drop_in }}, {{ bergen.phone }}, \
                 {{ bergen.phone_hours }}, {{ bergen.womens_drop_in }}, {{ oslo.drop_in }}, \
                 {{ oslo.phone }} (made from the clinic files in content/clinics/); write \\{{ \
                 for a literal {{"
            )
        );
    }
}
