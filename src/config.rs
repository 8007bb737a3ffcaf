//! `site.toml`: the languages of a site, their directions and fallback chains, and the few
//! settings a site has; parsed at the start of stage 2 (model), and read by every stage after.
//!
//! ```toml
//! default_language = "nb"
//! title = "Health care without papers"     # optional: site title for languages without one
//! base_url = "https://example.org/helse/"   # optional: canonical and hreflang links, QR codes
//! theme = "varde"                           # optional, `themes/<theme>/`
//! allow_raw_html = false                    # optional: raw HTML in Markdown is escaped
//! quick_exit_url = "https://www.yr.no/"     # optional: where "Leave this site" goes
//! share_file_name = "info"                  # optional: one-file copies save as info-<lang>.html
//! media_max_mb = 25                         # optional: a video or recording over this is a warning
//!
//! [languages.nb]
//! name = "Norsk bokmål"                     # the language's own name in its own script
//! title = "Helsehjelp uten papirer"         # the site title in this language
//! dir = "ltr"                               # or "rtl"
//! fallback = ["en"]                         # where a missing page is taken from
//! ```

use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use crate::toml_hints::{Dates, explain};
use indexmap::IndexMap;
use serde::Deserialize;

/// Path of the site configuration, from the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// Text direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Dari, Pashto, Sorani...).
    Rtl,
}

impl Direction {
    /// `"ltr"` or `"rtl"`, as written in `dir` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One language of the site, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 tag, also the folder name under `content/` and in `dist/`.
    pub code: String,
    /// The language's own name in its own script ("العربية").
    pub name: String,
    /// The site title in this language.
    pub title: String,
    /// Text direction.
    pub dir: Direction,
    /// Languages to take a missing page from, first match wins. The default language is
    /// always tried last, so every page resolves.
    pub fallback: Vec<String>,
}

/// The validated `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Code of the language that has every page and is shown first.
    pub default_language: String,
    /// Absolute URL the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Whether raw HTML in Markdown passes through (escaped when false).
    pub allow_raw_html: bool,
    /// The neutral everyday site the quick exit ("Leave this site") goes to; without it,
    /// pages have no quick exit.
    pub quick_exit_url: Option<String>,
    /// The first part of the name a one-file copy is saved under (`info` gives
    /// `info-ar.html`): neutral, because the name shows in a Downloads list and a chat.
    pub share_file_name: String,
    /// A video or recording larger than this many bytes (`media_max_mb` megabytes of 10^6
    /// bytes) is a warning: each reader who taps play pays for it in data.
    pub media_max_bytes: u64,
    /// The languages in the order `site.toml` lists them.
    pub languages: Vec<Language>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    default_language: toml::Spanned<String>,
    title: Option<String>,
    base_url: Option<toml::Spanned<String>>,
    theme: Option<String>,
    #[serde(default)]
    allow_raw_html: bool,
    quick_exit_url: Option<toml::Spanned<String>>,
    share_file_name: Option<toml::Spanned<String>>,
    media_max_mb: Option<f64>,
    languages: toml::Spanned<IndexMap<String, toml::Spanned<RawLanguage>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: Option<String>,
    #[serde(default)]
    dir: Direction,
    #[serde(default)]
    fallback: Vec<toml::Spanned<String>>,
}

impl Config {
    /// Parses and validates `site.toml`, reporting every problem with its line.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| Diagnostics(vec![toml_error(CONFIG_FILE, text, 0, &e)]))?;
        let mut problems = Diagnostics::new();
        let at = |span: std::ops::Range<usize>| line_col(text, span.start);

        let mut languages = Vec::new();
        for (code, lang) in raw.languages.get_ref() {
            let (line, col) = at(lang.span());
            if !is_language_tag(code) {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("`{code}` is not a BCP 47 language tag"),
                    )
                    .at(line, col)
                    .hint("use a tag such as `nb`, `en`, `fa-AF` or `prs`"),
                );
            }
            let lang = lang.get_ref();
            let title = lang.title.clone().or_else(|| raw.title.clone()).unwrap_or_else(|| {
                problems.push(
                    Diagnostic::error(CONFIG_FILE, format!("language `{code}` has no site title"))
                        .at(line, col)
                        .hint(format!("add `title = \"...\"` under `[languages.{code}]`, or a top-level `title`")),
                );
                String::new()
            });
            languages.push(Language {
                code: code.clone(),
                name: lang.name.clone(),
                title,
                dir: lang.dir,
                fallback: lang.fallback.iter().map(|f| f.get_ref().clone()).collect(),
            });
        }
        if languages.is_empty() {
            let (line, col) = at(raw.languages.span());
            problems.push(
                Diagnostic::error(CONFIG_FILE, "no languages are declared")
                    .at(line, col)
                    .hint("add a table such as `[languages.en]` with `name` and `title`"),
            );
        }
        let known = |c: &str| languages.iter().any(|l| l.code == c);
        for (code, lang) in raw.languages.get_ref() {
            for f in &lang.get_ref().fallback {
                if !known(f.get_ref()) {
                    let (line, col) = at(f.span());
                    problems.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            format!(
                                "language `{code}` falls back to `{}`, which is not declared",
                                f.get_ref()
                            ),
                        )
                        .at(line, col)
                        .hint(format!(
                            "declare `[languages.{}]` or remove it from `fallback`",
                            f.get_ref()
                        )),
                    );
                }
            }
        }
        let default_language = raw.default_language.get_ref().clone();
        if !known(&default_language) {
            let (line, col) = at(raw.default_language.span());
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("default_language `{default_language}` is not declared"),
                )
                .at(line, col)
                .hint(format!(
                    "add `[languages.{default_language}]` or pick a declared language"
                )),
            );
        }
        let base_url = raw.base_url.as_ref().map(|u| {
            let url = u.get_ref().clone();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                let (line, col) = at(u.span());
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("base_url `{url}` is not an absolute http(s) URL"),
                    )
                    .at(line, col)
                    .hint(
                        "write it in full, for example `base_url = \"https://example.org/helse/\"`",
                    ),
                );
            }
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        });
        let quick_exit_url = raw.quick_exit_url.as_ref().map(|u| {
            let url = u.get_ref().clone();
            if !is_https_url(&url) {
                let (line, col) = at(u.span());
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("quick_exit_url `{url}` is not an absolute https URL"),
                    )
                    .at(line, col)
                    .hint("write the full address of a neutral everyday site, for example `quick_exit_url = \"https://www.yr.no/\"`"),
                );
            }
            url
        });
        let share_file_name = match &raw.share_file_name {
            None => DEFAULT_SHARE_FILE_NAME.to_string(),
            Some(n) => {
                if !is_plain_file_name(n.get_ref()) {
                    let (line, col) = at(n.span());
                    problems.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            format!(
                                "share_file_name `{}` is not a plain file name",
                                n.get_ref()
                            ),
                        )
                        .at(line, col)
                        .hint("use 1 to 40 ASCII letters, digits, `-` and `_`, starting with a letter or digit, for example `share_file_name = \"info\"` (saved as `info-<lang>.html`)"),
                    );
                }
                n.get_ref().clone()
            }
        };
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Config {
            default_language,
            base_url,
            theme: raw.theme.unwrap_or_else(|| "varde".to_string()),
            allow_raw_html: raw.allow_raw_html,
            quick_exit_url,
            share_file_name,
            media_max_bytes: (raw.media_max_mb.unwrap_or(DEFAULT_MEDIA_MAX_MB).max(0.0)
                * 1_000_000.0) as u64,
            languages,
        })
    }

    /// The language with this code, if declared.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The languages to try, in order, for a page shown to readers of `code`: the language
    /// itself, its fallback chain, then the default language.
    pub fn resolution_chain<'a>(&'a self, code: &'a str) -> Vec<&'a str> {
        let mut chain: Vec<&str> = vec![code];
        if let Some(lang) = self.language(code) {
            for f in &lang.fallback {
                if !chain.contains(&f.as_str()) {
                    chain.push(f);
                }
            }
        }
        if !chain.contains(&self.default_language.as_str()) {
            chain.push(&self.default_language);
        }
        chain
    }
}

/// The name one-file copies are saved under when `share_file_name` is not set: says nothing
/// of the topic to someone who sees the phone's Downloads list or a chat.
pub const DEFAULT_SHARE_FILE_NAME: &str = "info";

/// The size in megabytes over which a media file is a warning, unless `site.toml` sets
/// `media_max_mb`: a 2-minute film at 360p is 3 to 5 MB, so 25 MB is a long or oversized one.
pub const DEFAULT_MEDIA_MAX_MB: f64 = 25.0;

/// A name that is the same file name everywhere (Bluetooth and old Android file managers fail
/// on others): ASCII letters, digits, `-` and `_`, no path, no dot, no leading `-`.
fn is_plain_file_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A BCP 47 language tag as ICU reads it (`nb`, `fa-AF`, `sr-Latn`), with its language
/// subtag in lower case as folder names are written.
fn is_language_tag(code: &str) -> bool {
    let language = code.split('-').next().unwrap_or("");
    icu::locale::LanguageIdentifier::try_from_str(code).is_ok()
        && !language.is_empty()
        && language.bytes().all(|c| c.is_ascii_lowercase())
}

/// An absolute `https://` URL with a host and nothing a browser would read differently
/// from how it is written (spaces, quotes, angle brackets, backslashes, control characters).
fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && url.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        })
}

/// Turns a TOML error into a diagnostic at the right line of the whole file. `offset` is
/// where the TOML text starts inside the file (front matter starts after `+++`).
pub fn toml_error(file: &str, file_text: &str, offset: usize, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(file, format!("invalid TOML: {message}"));
    if let Some(span) = e.span() {
        let (line, col) = line_col(file_text, offset + span.start);
        d = d.at(line, col);
        let span = offset + span.start..offset + span.end;
        if let Some(x) = explain(file_text, offset, span, &message, Dates::Bare) {
            d.message = format!("invalid TOML: {}", x.message);
            return d.hint(x.hint);
        }
    }
    let hint = if message.starts_with("unknown field") {
        "remove the key or fix its spelling; the expected keys are listed above"
    } else if message.contains("missing field") {
        "add the missing key"
    } else {
        "check quotes around text (`key = \"text\"`), `=` between key and value, and dates as 2026-11-23"
    };
    d.hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = r#"default_language = "nb"

[languages.nb]
name = "Norsk bokmål"
title = "Helse"

[languages.fa]
name = "فارسی"
title = "سلامت"
dir = "rtl"

[languages.prs]
name = "دری"
title = "صحت"
dir = "rtl"
fallback = ["fa"]
"#;

    #[test]
    fn language_tags_are_read_as_icu_reads_them() {
        for good in ["nb", "en", "fa-AF", "prs", "sr-Latn", "ckb", "zh-Hant-TW"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "EN",
            "english",
            "en_GB",
            "en--x",
            "fa-",
            "1a",
            "en-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn keeps_language_order_and_builds_fallback_chains() {
        let c = Config::parse(SITE).unwrap();
        let codes: Vec<_> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["nb", "fa", "prs"]);
        assert_eq!(c.resolution_chain("prs"), ["prs", "fa", "nb"]);
        assert_eq!(c.language("fa").unwrap().dir, Direction::Rtl);
    }

    #[test]
    fn undeclared_fallback_names_the_line() {
        let text = SITE.replace("fallback = [\"fa\"]", "fallback = [\"xx\"]");
        let e = Config::parse(&text).unwrap_err();
        assert_eq!(
            e.0[0].to_string(),
            "site.toml:16:13: error: language `prs` falls back to `xx`, which is not declared\n  help: declare `[languages.xx]` or remove it from `fallback`"
        );
    }

    #[test]
    fn quick_exit_url_must_be_an_absolute_https_url() {
        let ok = format!("quick_exit_url = \"https://www.yr.no/\"\n{SITE}");
        assert_eq!(
            Config::parse(&ok).unwrap().quick_exit_url.as_deref(),
            Some("https://www.yr.no/")
        );
        assert_eq!(Config::parse(SITE).unwrap().quick_exit_url, None);
        for bad in [
            "http://www.yr.no/",
            "www.yr.no",
            "https://",
            "https:// yr.no",
            "javascript:alert(1)",
        ] {
            let text = SITE.replacen(
                "default_language = \"nb\"\n",
                &format!("default_language = \"nb\"\nquick_exit_url = \"{bad}\"\n"),
                1,
            );
            let e = Config::parse(&text).unwrap_err();
            assert_eq!(
                e.0[0].to_string(),
                format!(
                    "site.toml:2:18: error: quick_exit_url `{bad}` is not an absolute https URL\n  help: write the full address of a neutral everyday site, for example `quick_exit_url = \"https://www.yr.no/\"`"
                ),
            );
        }
    }

    #[test]
    fn share_file_name_is_a_plain_name() {
        assert_eq!(Config::parse(SITE).unwrap().share_file_name, "info");
        let ok = format!("share_file_name = \"notes_2\"\n{SITE}");
        assert_eq!(Config::parse(&ok).unwrap().share_file_name, "notes_2");
        for bad in ["", "a/b", "..\\x", "-x", "info.html", "ødegård", "a b"] {
            let text = SITE.replacen(
                "default_language = \"nb\"\n",
                &format!("default_language = \"nb\"\nshare_file_name = {bad:?}\n"),
                1,
            );
            let e = Config::parse(&text).unwrap_err();
            assert_eq!(
                e.0[0].to_string(),
                format!(
                    "site.toml:2:19: error: share_file_name `{bad}` is not a plain file name\n  help: use 1 to 40 ASCII letters, digits, `-` and `_`, starting with a letter or digit, for example `share_file_name = \"info\"` (saved as `info-<lang>.html`)"
                ),
            );
        }
    }

    #[test]
    fn unknown_key_is_reported_with_line() {
        let text = SITE.replace(
            "dir = \"rtl\"\n\n[languages.prs]",
            "dir = \"rtl\"\ndirection = \"rtl\"\n\n[languages.prs]",
        );
        let e = Config::parse(&text).unwrap_err();
        let msg = e.0[0].to_string();
        assert!(
            msg.starts_with("site.toml:11:1: error: invalid TOML: unknown field `direction`"),
            "{msg}"
        );
    }
}
