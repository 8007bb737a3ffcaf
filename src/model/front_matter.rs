//! Front matter: the TOML block between `+++` lines at the top of every page.
//!
//! Errors point at lines of the whole file (a TOML error on the third line of the block is
//! reported on line 4 of the file), unlike Zola (zola#1133).

use crate::config::toml_error;
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use serde::Deserialize;

/// Whether a translation has been checked by a native speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    /// Written or machine-assisted by us; not yet reviewed. The page says so to the reader.
    Draft,
    /// Checked by a native speaker (or the original text).
    #[default]
    Reviewed,
}

/// The validated front matter of one page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    /// Page title (required).
    pub title: String,
    /// One sentence for search results and link previews.
    pub description: Option<String>,
    /// Order among siblings, smaller first.
    pub weight: i64,
    /// Draft or reviewed.
    pub translation_status: TranslationStatus,
    /// Where the facts come from, each source with its date: `source = "..."` or, for a page
    /// whose facts come from more than one document, `source = ["...", "..."]`. Empty when
    /// the page names no source.
    pub source: Vec<String>,
    /// When the facts were last checked against the source (`YYYY-MM-DD`).
    pub checked: Option<jiff::civil::Date>,
    /// Short hash of the source-language text this translation was made from.
    pub translated_from: Option<String>,
    /// Slug of a clinic in `content/clinics/` whose schedule this page shows.
    pub clinic: Option<String>,
    /// Template to render with instead of `page.html`.
    pub template: Option<String>,
    /// 1-based line of the `template` key, for errors about a missing template.
    pub template_line: usize,
    /// 1-based line of the `clinic` key, for errors about an unknown clinic.
    pub clinic_line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    translation_status: TranslationStatus,
    source: Option<toml::Spanned<toml::Value>>,
    checked: Option<toml::Spanned<toml::Value>>,
    translated_from: Option<String>,
    clinic: Option<toml::Spanned<String>>,
    template: Option<toml::Spanned<String>>,
}

/// A page split into its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Splits a page into front matter and body.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    if first_line == "---" {
        return Err(Diagnostic::error(file, "front matter is YAML (`---`), but varde uses TOML between `+++` lines")
            .at(1, 1)
            .hint("replace both `---` lines with `+++` and write `title = \"...\"` instead of `title: ...`"));
    }
    if first_line != "+++" {
        return Err(Diagnostic::error(file, "the page has no front matter")
            .at(1, 1)
            .hint("start the file with three lines: `+++`, `title = \"Page title\"`, `+++`"));
    }
    let front_offset = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            let body_line = text[..body_offset].matches('\n').count() + 1;
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_offset..],
                body_line,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, "the front matter is never closed")
        .at(1, 1)
        .hint("add a line with only `+++` after the last front matter key"))
}

/// Parses and validates the front matter of `file`; `text` is the whole file.
pub fn parse(file: &str, text: &str, split: &Split<'_>) -> Result<FrontMatter, Diagnostics> {
    let raw: RawFrontMatter = toml::from_str(split.front)
        .map_err(|e| Diagnostics(vec![toml_error(file, text, split.front_offset, &e)]))?;
    let mut problems = Diagnostics::new();
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            problems.push(
                Diagnostic::error(file, "the page has no title")
                    .at(1, 1)
                    .hint("add `title = \"Page title\"` between the `+++` lines"),
            );
            String::new()
        }
    };
    let checked = raw.checked.and_then(|c| {
        let (line, col) = line_col(text, split.front_offset + c.span().start);
        let as_text = match c.get_ref() {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match as_text.parse::<jiff::civil::Date>() {
            Ok(d) if as_text.len() == 10 => Some(d),
            _ => {
                problems.push(
                    Diagnostic::error(file, format!("`checked = {as_text}` is not a date"))
                        .at(line, col)
                        .hint("write the day the facts were checked as `checked = 2026-11-23`"),
                );
                None
            }
        }
    });
    let source = match raw.source {
        None => Vec::new(),
        Some(value) => {
            let span = value.span();
            match sources(value.into_inner()) {
                Some(list) => list,
                None => {
                    let (line, col) = line_col(text, split.front_offset + span.start);
                    problems.push(
                        Diagnostic::error(file, "`source` must be text or a list of texts")
                            .at(line, col)
                            .hint("write `source = \"Name of the document, date\"`, or for two documents `source = [\"First, date\", \"Second, date\"]`"),
                    );
                    Vec::new()
                }
            }
        }
    };
    let clinic_line = raw
        .clinic
        .as_ref()
        .map(|c| line_col(text, split.front_offset + c.span().start).0)
        .unwrap_or(1);
    let template_line = raw
        .template
        .as_ref()
        .map(|t| line_col(text, split.front_offset + t.span().start).0)
        .unwrap_or(1);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title,
        description: raw.description,
        weight: raw.weight,
        translation_status: raw.translation_status,
        source,
        checked,
        translated_from: raw.translated_from,
        clinic: raw.clinic.map(|c| c.into_inner()),
        template: raw.template.map(|t| t.into_inner()),
        template_line,
        clinic_line,
    })
}

/// The sources a `source` value names: one text, or a list of texts; `None` for anything
/// else (a number, a table, a list holding something other than text, an empty text).
fn sources(value: toml::Value) -> Option<Vec<String>> {
    let list = match value {
        toml::Value::String(s) => vec![s],
        toml::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                toml::Value::String(s) => Some(s),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()?,
        _ => return None,
    };
    let list: Vec<String> = list.into_iter().map(|s| s.trim().to_string()).collect();
    (!list.is_empty() && list.iter().all(|s| !s.is_empty())).then_some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<String>> {
        let f = "content/en/a.md";
        let s = split(f, text).map_err(|d| vec![d.to_string()])?;
        parse(f, text, &s).map_err(|d| d.0.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn splits_and_counts_body_line_from_file_start() {
        let text = "+++\ntitle = \"A\"\n+++\n# Hi\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(parse_text(text).unwrap().title, "A");
    }

    #[test]
    fn toml_error_line_is_a_line_of_the_file() {
        let e = parse_text("+++\ntitle = \"A\"\nweight = ten\n+++\n").unwrap_err();
        assert!(
            e[0].starts_with("content/en/a.md:3:10: error: invalid TOML"),
            "{e:?}"
        );
    }

    #[test]
    fn yaml_front_matter_says_to_use_toml() {
        let e = parse_text("---\ntitle: A\n---\n").unwrap_err();
        assert_eq!(
            e[0],
            "content/en/a.md:1:1: error: front matter is YAML (`---`), but varde uses TOML between `+++` lines\n  help: replace both `---` lines with `+++` and write `title = \"...\"` instead of `title: ...`"
        );
    }

    #[test]
    fn missing_title_and_bad_date() {
        let e = parse_text("+++\nchecked = \"23.11.2026\"\n+++\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(e[0].contains("a.md:1:1: error: the page has no title"));
        assert!(
            e[1].starts_with("content/en/a.md:2:11: error: `checked = 23.11.2026` is not a date"),
            "{e:?}"
        );
    }

    #[test]
    fn unclosed_front_matter() {
        let e = parse_text("+++\ntitle = \"A\"\n").unwrap_err();
        assert!(e[0].contains("never closed"));
    }

    #[test]
    fn accepts_toml_dates() {
        let fm = parse_text(
            "+++\ntitle = \"A\"\nchecked = 2026-11-23\ntranslation_status = \"draft\"\n+++\n",
        )
        .unwrap();
        assert_eq!(fm.checked.unwrap().to_string(), "2026-11-23");
        assert_eq!(fm.translation_status, TranslationStatus::Draft);
    }
}
