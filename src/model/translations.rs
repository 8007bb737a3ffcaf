//! Which page is translated into which language, and how well: the translation matrix.
//!
//! Every page key gets one state per language: `source` for the original (the default
//! language's page), `missing`, `draft`, `reviewed`, or `outdated`. A translation records
//! the version of the source it was made from in its front matter
//! (`translated_from = "3f9a0c1b2d"`, see [`source_hash`]); when the source's title or
//! text changes, the hash changes and the translation shows as outdated until a translator
//! brings it up to date and writes the new hash.
//!
//! This is model, not a command: `varde status` prints the [`Matrix`] and the renderer
//! builds the translators' page (`translators/index.html`) from it.

use crate::model::{Page, Site, TranslationStatus};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

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
    /// Interface strings still in English, per language (see [`super::untranslated`]).
    pub strings: Vec<super::untranslated::StringGaps>,
}

/// The version stamp of a source page: SHA-256 of its title, a newline and its Markdown
/// body, as the first 10 hex digits. Line endings are normalised to `\n` and trailing
/// whitespace of the body is ignored, so re-saving a file in another editor does not make
/// every translation outdated. Front matter other than the title (weight, dates) does not
/// count: changing it needs no new translation.
pub fn source_hash(page: &Page) -> String {
    version_hash(&page.front.title, &page.body)
}

/// [`source_hash`] of a title and a Markdown body (for versions of a page that are not
/// loaded as pages, e.g. from git history).
pub fn version_hash(title: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let mut hasher = Sha256::new();
    hasher.update(title.trim().as_bytes());
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

/// The page that translations of `key` are made from: the default language's page, else
/// (a page that exists only in other languages) the first of them in `site.toml` order.
pub fn source_of<'a>(site: &'a Site, key: &str) -> Option<&'a Page> {
    let by_lang = site.pages.get(key)?;
    std::iter::once(&site.config.default_language)
        .chain(site.config.languages.iter().map(|l| &l.code))
        .find_map(|l| by_lang.get(l))
}

/// The source of `page` when `page` is a translation made from an older version of it
/// (its `translated_from` is not the source's [`source_hash`] now): what readers of the
/// page are told about. One hash of one source page, only for pages that record
/// `translated_from`.
pub fn outdated_source<'a>(site: &'a Site, page: &Page) -> Option<&'a Page> {
    let from = page.front.translated_from.as_deref()?;
    let source = source_of(site, &page.key)?;
    (source.file != page.file && from.trim() != source_hash(source)).then_some(source)
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
            let Some(source) = source_of(site, key) else {
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
            strings: super::untranslated::string_gaps(site),
        }
    }

    /// True when some page is missing in some language or some translation is outdated:
    /// what `--strict` fails on. Drafts do not count; readers are told about them.
    pub fn has_gaps(&self) -> bool {
        self.totals.iter().any(|t| t.missing > 0 || t.outdated > 0)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
