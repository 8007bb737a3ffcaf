//! Stage 2, model: the validated, immutable site. No I/O happens here.
//!
//! Pages are keyed by their path under `content/<lang>/` (`rights/adults/`), so the same
//! key in two language folders is the same page in two languages, and a page missing in
//! one language can be taken from its fallback chain at the same URL.

mod closures;
pub mod front_matter;
pub mod media;
pub mod slug;
pub mod strings;
pub mod translations;
pub mod untranslated;

use crate::config::{Config, Language};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Asset, SourceFile, SourceTree};
use crate::schedule::{Clinic, clinic_i18n_keys, parse_clinic};
pub use front_matter::{FrontMatter, TranslationStatus};
use rayon::prelude::*;
use std::collections::BTreeMap;
pub use strings::Strings;

/// One source page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path from the site root, `content/en/rights/adults.md`.
    pub file: String,
    /// Language code (the folder under `content/`).
    pub lang: String,
    /// Key shared by all translations: the URL path below the language, `rights/adults/`;
    /// `""` for the home page.
    pub key: String,
    /// Validated front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

impl Page {
    /// True for a section's own page (`_index.md`).
    pub fn is_section(&self) -> bool {
        self.file.ends_with("/_index.md")
    }
}

/// The site: configuration, pages by key and language, strings, templates, assets.
#[derive(Debug)]
pub struct Site {
    /// `site.toml`.
    pub config: Config,
    /// key → language → page, both sorted, so every walk over the site is deterministic.
    pub pages: BTreeMap<String, BTreeMap<String, Page>>,
    /// Interface strings per language.
    pub strings: Strings,
    /// Theme templates, as text.
    pub templates: Vec<SourceFile>,
    /// Files copied as they are (media files under their hashed names).
    pub assets: Vec<Asset>,
    /// The videos and recordings among the assets.
    pub media: media::MediaIndex,
    /// Clinics from `content/clinics/<slug>.toml`, by slug.
    pub clinics: BTreeMap<String, Clinic>,
}

/// Which page a reader of one language sees at one key.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The reader's language.
    pub lang: &'a Language,
    /// The page shown: in the reader's language, or from the fallback chain.
    pub page: &'a Page,
}

impl Resolved<'_> {
    /// True when the page is shown in another language than the reader's.
    pub fn is_fallback(&self) -> bool {
        self.page.lang != self.lang.code
    }
}

impl Site {
    /// Validates the loaded sources into a site, reporting every problem at once.
    pub fn from_sources(config: Config, sources: SourceTree) -> Result<Site, Diagnostics> {
        let mut problems = Diagnostics::new();
        let strings = Strings::from_sources(&sources.strings, &config);
        let parsed: Vec<Result<Page, Diagnostics>> = sources
            .pages
            .into_par_iter()
            .map(|f| parse_page(&config, f))
            .collect();
        let mut pages: BTreeMap<String, BTreeMap<String, Page>> = BTreeMap::new();
        for page in parsed {
            match page {
                Ok(page) => {
                    let by_lang = pages.entry(page.key.clone()).or_default();
                    if let Some(other) = by_lang.get(&page.lang) {
                        problems.push(same_url(&page, other));
                    } else {
                        by_lang.insert(page.lang.clone(), page);
                    }
                }
                Err(d) => problems.extend(d),
            }
        }
        let strings = strings.map_err(|d| problems.extend(d)).ok();
        let mut clinics = load_clinics(&sources.clinics, &mut problems);
        closures::check_and_fill_reasons(&config, strings.as_ref(), &mut clinics, &mut problems);
        let broken = broken_clinics(&sources.clinics, &clinics);
        check_clinic_references(&pages, &clinics, &broken, &mut problems);
        if let Some(strings) = &strings {
            check_clinic_strings(&config, strings, &clinics, &mut problems);
        }
        let mut assets = sources.assets;
        let media = media::MediaIndex::new(&config, &mut assets, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Site {
            config,
            pages,
            strings: strings.unwrap_or_default(),
            templates: sources.templates,
            assets,
            media,
            clinics,
        })
    }

    /// The page a reader of `lang` sees at `key`: their own, else the first of the fallback
    /// chain, else any language that has it (so every key exists in every language).
    pub fn resolve<'a>(&'a self, key: &str, lang: &'a Language) -> Option<Resolved<'a>> {
        let by_lang = self.pages.get(key)?;
        let page = self
            .config
            .resolution_chain(&lang.code)
            .into_iter()
            .find_map(|code| by_lang.get(code))
            .or_else(|| {
                self.config
                    .languages
                    .iter()
                    .find_map(|l| by_lang.get(&l.code))
            })?;
        Some(Resolved { lang, page })
    }

    /// Parses and validates one page file against this site's languages and clinics, for
    /// `varde serve`, which reads again only the files that changed.
    pub fn reparse_page(&self, file: SourceFile) -> Result<Page, Diagnostics> {
        let page = parse_page(&self.config, file)?;
        let (key, lang) = (page.key.clone(), page.lang.clone());
        let one = BTreeMap::from([(key.clone(), BTreeMap::from([(lang.clone(), page)]))]);
        let mut problems = Diagnostics::new();
        check_clinic_references(&one, &self.clinics, &[], &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        let mut one = one;
        one.remove(&key)
            .and_then(|mut m| m.remove(&lang))
            .ok_or(problems)
    }
}

/// Two files of one language that map to one URL: a section written both ways
/// (`name.md` and `name/_index.md`), or two names with the same slug.
fn same_url(page: &Page, other: &Page) -> Diagnostic {
    let stem = |p: &Page| {
        let f = p.file.strip_suffix(".md").unwrap_or(&p.file);
        f.strip_suffix("/_index").unwrap_or(f).to_string()
    };
    if stem(page) == stem(other) {
        return Diagnostic::error(
            &page.file,
            format!("this page has the same URL as {}", other.file),
        )
        .at_line(1)
        .hint("a section is either `name.md` or `name/_index.md`: keep one of the two");
    }
    Diagnostic::error(
        &page.file,
        format!("this page has the same URL as {}: both are {}/{}", other.file, page.lang, page.key),
    )
    .at_line(1)
    .hint("rename one of the two files: URLs are file names in lower case ASCII, with spaces and punctuation as `-`")
}

/// Parses every clinic file; the slug is the file name without `.toml`.
fn load_clinics(files: &[SourceFile], problems: &mut Diagnostics) -> BTreeMap<String, Clinic> {
    let mut clinics = BTreeMap::new();
    for file in files {
        match parse_clinic(&file.path, &file.text) {
            Ok(c) => {
                clinics.insert(c.slug.clone(), c);
            }
            Err(d) => problems.extend(d),
        }
    }
    clinics
}

/// The slugs of the clinic files that exist but did not parse: their own errors say what is
/// wrong, so the pages naming them must not add "there is no content/clinics/oslo.toml"
/// (one mistake in `oslo.toml` once gave twelve errors, eleven of them false).
fn broken_clinics(files: &[SourceFile], clinics: &BTreeMap<String, Clinic>) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            let slug = name.strip_suffix(".toml").unwrap_or(name);
            (!clinics.contains_key(slug)).then(|| slug.to_string())
        })
        .collect()
}

/// Every `clinic = "slug"` in front matter names a clinic file that exists. A file that
/// exists but is `broken` is reported by itself, once, not again from every page using it.
fn check_clinic_references(
    pages: &BTreeMap<String, BTreeMap<String, Page>>,
    clinics: &BTreeMap<String, Clinic>,
    broken: &[String],
    problems: &mut Diagnostics,
) {
    for page in pages.values().flat_map(|m| m.values()) {
        if let Some(slug) = &page.front.clinic
            && !clinics.contains_key(slug)
            && !broken.contains(slug)
        {
            let known: Vec<&str> = clinics.keys().map(String::as_str).collect();
            problems.push(
                Diagnostic::error(
                    &page.file,
                    format!("no clinic `{slug}`: there is no content/clinics/{slug}.toml"),
                )
                .at_line(page.front.clinic_line)
                .hint(if known.is_empty() {
                    format!("create content/clinics/{slug}.toml, or remove the `clinic` line")
                } else {
                    format!("use one of: {}", known.join(", "))
                }),
            );
        }
    }
}

/// The interface strings a clinic's data refers to (service labels, directions) exist in
/// the default language; `Strings` already makes every language have every default key.
fn check_clinic_strings(
    config: &Config,
    strings: &Strings,
    clinics: &BTreeMap<String, Clinic>,
    problems: &mut Diagnostics,
) {
    let lang = &config.default_language;
    for clinic in clinics.values() {
        for key in clinic_i18n_keys(clinic) {
            if strings.get(lang, &key).is_none() {
                problems.push(
                    Diagnostic::error(&clinic.file, format!("the interface string `{key}` does not exist"))
                        .hint(format!(
                            "add `{key} = \"...\"` to every file in themes/{}/i18n/, or use an existing key",
                            config.theme
                        )),
                );
            }
        }
    }
}

/// Parses one page file: language from its folder, key from its path, front matter.
fn parse_page(config: &Config, file: SourceFile) -> Result<Page, Diagnostics> {
    let rel = file.path.strip_prefix("content/").unwrap_or(&file.path);
    let (lang, path) = rel.split_once('/').unwrap_or(("", rel));
    let (lang, path) = (lang.to_string(), path.to_string());
    let lang = lang.as_str();
    if config.language(lang).is_none() {
        let declared: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(Diagnostics(vec![
            Diagnostic::error(&file.path, format!("content/{lang}/ is not a language declared in site.toml"))
                .hint(format!(
                    "declare it with `[languages.{lang}]` in site.toml, or move the page into one of: {}",
                    declared.join(", ")
                )),
        ]));
    }
    let key = page_key(&path);
    let split = front_matter::split(&file.path, &file.text).map_err(|d| Diagnostics(vec![d]))?;
    let front = front_matter::parse(&file.path, &file.text, &split)?;
    let body_start = file.text.len() - split.body.len();
    let body_line = split.body_line;
    let lang = lang.to_string();
    // The body keeps the file's own allocation: no second copy of every page in memory.
    let mut body = file.text;
    body.drain(..body_start);
    Ok(Page {
        file: file.path,
        lang,
        key,
        front,
        body,
        body_line,
    })
}

/// The name a file gets in `dist/` when browsers may keep it a year (`_headers`): `stem`,
/// the first 8 hex digits of the SHA-256 of its `bytes`, and `ext`
/// (`icon-192.1a2b3c4d.png`), so a changed file is a new name.
pub fn hashed_name(stem: &str, bytes: &[u8], ext: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash: String = Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{stem}.{hash}.{ext}")
}

/// `rights/adults.md` → `rights/adults/`, `rights/_index.md` → `rights/`, `_index.md` → ``;
/// every folder and file name as its [`slug::slugify`] (`Blåbær og tøy.md` →
/// `blabaer-og-toy/`), so URLs need no quoting. A name with nothing left is kept as `-`.
pub fn page_key(path_in_lang: &str) -> String {
    let stem = path_in_lang.strip_suffix(".md").unwrap_or(path_in_lang);
    if stem == "_index" {
        return String::new();
    }
    let stem = stem.strip_suffix("/_index").unwrap_or(stem);
    let mut key = String::with_capacity(stem.len() + 1);
    for segment in stem.split('/') {
        if slug::is_slug(segment) {
            key.push_str(segment);
        } else {
            let s = slug::slugify(segment);
            key.push_str(if s.is_empty() { "-" } else { &s });
        }
        key.push('/');
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_url_paths() {
        assert_eq!(page_key("_index.md"), "");
        assert_eq!(page_key("rights/_index.md"), "rights/");
        assert_eq!(page_key("rights/adults.md"), "rights/adults/");
        assert_eq!(page_key("about.md"), "about/");
        assert_eq!(page_key("Blåbær og tøy.md"), "blabaer-og-toy/");
        assert_eq!(page_key("Mine Rettigheter/_index.md"), "mine-rettigheter/");
        assert_eq!(page_key("!!.md"), "-/");
    }
}
