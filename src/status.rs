//! `varde status`: which page is translated into which language, and how well.
//!
//! Every page key gets one state per language: `source` for the original (the default
//! language's page), `missing`, `draft`, `reviewed`, or `outdated`. A translation records
//! the version of the source it was made from in its front matter
//! (`translated_from = "3f9a0c1b2d"`, see [`source_hash`]); when the source's title or
//! text changes, the hash changes and the translation shows as outdated until a translator
//! brings it up to date and writes the new hash. `varde status --fill` writes the current
//! hash into translations that have none yet, touching only that one line of each file.
//!
//! The same [`Matrix`] feeds the plain text table, `--format json` and the translators'
//! page built into the site (`translators/index.html`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Page, Site, TranslationStatus, front_matter};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

/// The state of one page in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The original that the other languages translate.
    Source,
    /// Checked by a native speaker, and made from the current source.
    Reviewed,
    /// Not yet checked by a native speaker; readers are told so.
    Draft,
    /// Made from an older version of the source: the source changed since.
    Outdated,
    /// No page in this language; readers get the fallback chain's page.
    Missing,
}

impl State {
    /// The word shown in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Source => "source",
            State::Reviewed => "reviewed",
            State::Draft => "draft",
            State::Outdated => "outdated",
            State::Missing => "missing",
        }
    }
}

/// One page in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Language code.
    pub lang: String,
    /// The state.
    pub state: State,
    /// The page file, from the site root, when it exists.
    pub file: Option<String>,
    /// `translated_from` as written in the file; `None` when not recorded yet (then
    /// `varde status` cannot tell whether the translation is outdated).
    pub translated_from: Option<String>,
}

/// One page key in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Page key (`rights/adults/`, `""` for the home page).
    pub key: String,
    /// Title of the source page.
    pub title: String,
    /// The source page file.
    pub source: String,
    /// [`source_hash`] of the source page as it is now.
    pub source_hash: String,
    /// One cell per language, in `site.toml` order.
    pub cells: Vec<Cell>,
}

/// Number of pages in each state, for one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Language code.
    pub lang: String,
    /// Pages that are the original.
    pub source: usize,
    /// Reviewed and current.
    pub reviewed: usize,
    /// Drafts (current, not yet reviewed).
    pub draft: usize,
    /// Made from an older source.
    pub outdated: usize,
    /// Not there.
    pub missing: usize,
    /// Translations without `translated_from` (their freshness is unknown).
    pub untracked: usize,
}

/// The whole matrix: every page key in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The language translations are made from (`default_language`).
    pub source_language: String,
    /// Language codes in `site.toml` order.
    pub languages: Vec<String>,
    /// Page keys, sorted.
    pub rows: Vec<Row>,
    /// Counts per language, in `site.toml` order.
    pub totals: Vec<Totals>,
}

/// The version stamp of a source page: SHA-256 of its title, a newline and its Markdown
/// body, as the first 10 hex digits. Line endings are normalised to `\n` and trailing
/// whitespace of the body is ignored, so re-saving a file in another editor does not make
/// every translation outdated. Front matter other than the title (weight, dates) does not
/// count: changing it needs no new translation.
pub fn source_hash(page: &Page) -> String {
    let body = page.body.replace("\r\n", "\n");
    let mut hasher = Sha256::new();
    hasher.update(page.front.title.trim().as_bytes());
    hasher.update(b"\n");
    hasher.update(body.trim_end().as_bytes());
    hasher
        .finalize()
        .iter()
        .take(5)
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

impl Matrix {
    /// Builds the matrix of a validated site.
    pub fn of(site: &Site) -> Matrix {
        let config = &site.config;
        let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        let mut rows = Vec::new();
        for (key, by_lang) in &site.pages {
            // The source is the default language's page; a page that exists only in other
            // languages is translated from the first of them in site.toml order.
            let Some(source) = std::iter::once(&config.default_language)
                .chain(&languages)
                .find_map(|l| by_lang.get(l))
            else {
                continue;
            };
            let hash = source_hash(source);
            let cells = languages
                .iter()
                .map(|lang| match by_lang.get(lang) {
                    None => Cell {
                        lang: lang.clone(),
                        state: State::Missing,
                        file: None,
                        translated_from: None,
                    },
                    Some(page) => Cell {
                        lang: lang.clone(),
                        state: state_of(page, source, &hash),
                        file: Some(page.file.clone()),
                        translated_from: page.front.translated_from.clone(),
                    },
                })
                .collect();
            rows.push(Row {
                key: key.clone(),
                title: source.front.title.clone(),
                source: source.file.clone(),
                source_hash: hash,
                cells,
            });
        }
        let totals = languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let mut t = Totals {
                    lang: lang.clone(),
                    ..Totals::default()
                };
                for cell in rows.iter().map(|r| &r.cells[i]) {
                    match cell.state {
                        State::Source => t.source += 1,
                        State::Reviewed => t.reviewed += 1,
                        State::Draft => t.draft += 1,
                        State::Outdated => t.outdated += 1,
                        State::Missing => t.missing += 1,
                    }
                    if cell.state != State::Source
                        && cell.file.is_some()
                        && cell.translated_from.is_none()
                    {
                        t.untracked += 1;
                    }
                }
                t
            })
            .collect();
        Matrix {
            source_language: config.default_language.clone(),
            languages,
            rows,
            totals,
        }
    }

    /// True when some page is missing in some language or some translation is outdated:
    /// what `--strict` fails on. Drafts do not count; readers are told about them.
    pub fn has_gaps(&self) -> bool {
        self.totals.iter().any(|t| t.missing > 0 || t.outdated > 0)
    }

    /// The matrix as pretty-printed JSON, for scripts.
    pub fn to_json(&self) -> String {
        match tera::to_value(self) {
            Ok(v) => format!("{v:#}\n"),
            Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
        }
    }

    /// The matrix as a plain text table, then totals per language, then what to do about
    /// each outdated or untracked translation.
    pub fn to_text(&self) -> String {
        let key_width = self
            .rows
            .iter()
            .map(|r| display_key(&r.key).chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        // Wide enough for the longest state and its `*`.
        let width = |lang: &str| lang.chars().count().max(9);
        let mut out = format!("{:key_width$}", "page");
        for lang in &self.languages {
            let _ = write!(out, "  {:w$}", lang, w = width(lang));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        for row in &self.rows {
            let _ = write!(out, "{:key_width$}", display_key(&row.key));
            for cell in &row.cells {
                let mark = if cell.state != State::Source
                    && cell.file.is_some()
                    && cell.translated_from.is_none()
                {
                    "*"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "  {:w$}",
                    format!("{}{mark}", cell.state.as_str()),
                    w = width(&cell.lang)
                );
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
        out.push('\n');
        for t in &self.totals {
            let _ = writeln!(
                out,
                "{:4} {:2} source, {:2} reviewed, {:2} draft, {:2} outdated, {:2} missing",
                t.lang, t.source, t.reviewed, t.draft, t.outdated, t.missing
            );
        }
        let mut notes = String::new();
        let mut untracked = 0;
        for row in &self.rows {
            for cell in &row.cells {
                let Some(file) = &cell.file else { continue };
                if cell.state == State::Outdated {
                    let _ = writeln!(
                        notes,
                        "{file}: outdated: {} changed since this translation was made\n  help: bring the translation up to date, then change its line to `translated_from = \"{}\"`",
                        row.source, row.source_hash
                    );
                } else if cell.state != State::Source && cell.translated_from.is_none() {
                    untracked += 1;
                }
            }
        }
        if !notes.is_empty() {
            out.push('\n');
            out.push_str(&notes);
        }
        if untracked > 0 {
            let _ = writeln!(
                out,
                "\n* {untracked} translation{} record no `translated_from`, so varde cannot tell when they get outdated\n  help: run `varde status --fill` to record the current version of their source",
                if untracked == 1 { "" } else { "s" }
            );
        }
        out
    }
}

/// `/` for the home page, the key otherwise.
fn display_key(key: &str) -> &str {
    if key.is_empty() { "/" } else { key }
}

fn state_of(page: &Page, source: &Page, hash: &str) -> State {
    if page.file == source.file {
        return State::Source;
    }
    match (&page.front.translated_from, page.front.translation_status) {
        (Some(from), _) if from.trim() != hash => State::Outdated,
        (_, TranslationStatus::Draft) => State::Draft,
        (_, TranslationStatus::Reviewed) => State::Reviewed,
    }
}

/// Writes `translated_from = "<hash>"` into every translation that has no
/// `translated_from` yet, as the last line of its front matter; the rest of each file stays
/// byte for byte as it was. Returns the files changed, from the site root.
pub fn fill(root: &Path, site: &Site, matrix: &Matrix) -> Result<Vec<String>, Diagnostics> {
    let mut changed = Vec::new();
    let mut problems = Diagnostics::new();
    for row in &matrix.rows {
        for cell in &row.cells {
            let (Some(file), None, State::Draft | State::Reviewed) =
                (&cell.file, &cell.translated_from, cell.state)
            else {
                continue;
            };
            let Some(page) = site.pages.get(&row.key).and_then(|m| m.get(&cell.lang)) else {
                continue;
            };
            let path = root.join(&page.file);
            let result = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read the file: {e}"))
                .and_then(|text| {
                    with_translated_from(file, &text, &row.source_hash).map_err(|d| d.message)
                })
                .and_then(|text| {
                    std::fs::write(&path, text).map_err(|e| format!("cannot write the file: {e}"))
                });
            match result {
                Ok(()) => changed.push(file.clone()),
                Err(message) => problems.push(
                    Diagnostic::error(file, message).hint("check that the file exists and can be written, then run `varde status --fill` again"),
                ),
            }
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(changed)
    }
}

/// The page text with a `translated_from` line added at the end of its front matter,
/// using the file's own line ending.
pub fn with_translated_from(file: &str, text: &str, hash: &str) -> Result<String, Diagnostic> {
    let split = front_matter::split(file, text)?;
    let end = split.front_offset + split.front.len();
    let newline = if text[..split.front_offset].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(&text[..end]);
    if !split.front.is_empty() && !split.front.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&format!("translated_from = \"{hash}\"{newline}"));
    out.push_str(&text[end..]);
    Ok(out)
}

/// Loads and validates the site in `root` as `varde build` does, without rendering.
pub fn load_site(root: &Path) -> Result<Site, Diagnostics> {
    let config_file = crate::load::read_config(root)?;
    let config = crate::config::Config::parse(&config_file.text)?;
    let sources = crate::load::load(root, &config.theme)?;
    Site::from_sources(config, sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_adds_one_line_and_keeps_the_rest() {
        let text = "+++\ntitle = \"A\"\ntranslation_status = \"draft\"\n+++\nBody\n";
        let out = with_translated_from("a.md", text, "0123456789").unwrap();
        assert_eq!(
            out,
            "+++\ntitle = \"A\"\ntranslation_status = \"draft\"\ntranslated_from = \"0123456789\"\n+++\nBody\n"
        );
        let crlf = text.replace('\n', "\r\n");
        let out = with_translated_from("a.md", &crlf, "0123456789").unwrap();
        assert_eq!(
            out,
            crlf.replace(
                "+++\r\nBody",
                "translated_from = \"0123456789\"\r\n+++\r\nBody"
            )
        );
    }

    #[test]
    fn hash_ignores_line_endings_and_trailing_space_but_not_words() {
        let page = |title: &str, body: &str| Page {
            file: "content/nb/a.md".into(),
            lang: "nb".into(),
            key: "a/".into(),
            front: crate::model::FrontMatter {
                title: title.into(),
                ..Default::default()
            },
            body: body.into(),
            body_line: 4,
        };
        let h = source_hash(&page("A", "One\ntwo\n"));
        assert_eq!(h.len(), 10);
        assert_eq!(h, source_hash(&page("A", "One\r\ntwo\r\n\n")));
        assert_ne!(h, source_hash(&page("A", "One\nthree\n")));
        assert_ne!(h, source_hash(&page("B", "One\ntwo\n")));
    }
}
