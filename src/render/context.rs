//! What a page template sees: the language, the page, its translations, the menu and
//! the clinics, built once per page from the site and the render context.

use super::urls::{relative_url, root_of};
use super::{Renderer, dates};
use crate::config::Language;
use crate::model::{Resolved, TranslationStatus, translations};
use serde::Serialize;
use std::collections::BTreeMap;

/// A language as every template sees it (`lang.code`, `lang.tag`, `lang.name`, `lang.dir`).
#[derive(Serialize)]
pub struct LangContext<'a> {
    code: &'a str,
    /// The tag for `lang` attributes: the code, except where screen readers, fonts and
    /// hyphenation know the language under another tag ([`html_lang`]).
    tag: &'a str,
    name: &'a str,
    dir: &'a str,
}

impl<'a> From<&'a Language> for LangContext<'a> {
    fn from(l: &'a Language) -> Self {
        LangContext {
            code: &l.code,
            tag: html_lang(&l.code),
            name: &l.name,
            dir: l.dir.as_str(),
        }
    }
}

pub use crate::schedule::html_lang;

#[derive(Serialize)]
pub(super) struct Link {
    title: String,
    url: String,
    current: bool,
    description: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Alternate<'a> {
    lang: LangContext<'a>,
    url: String,
    absolute: Option<String>,
    current: bool,
}

#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content: String,
    /// Whether the page has a film or recording player (its script and styles come only then).
    has_media: bool,
    key: &'a str,
    is_home: bool,
    is_section: bool,
    /// The page's sources joined by `; `, for a line such as "Source: A; B".
    source: Option<String>,
    /// The page's sources one by one (a theme that lists them, or picks "Sources" for more
    /// than one).
    sources: &'a [String],
    checked: Option<String>,
    /// `checked` written out in the reader's language, from CLDR.
    checked_text: Option<String>,
    draft: bool,
    /// Set when the page is shown in another language than the reader's.
    shown_in: Option<LangContext<'a>>,
    /// Set when the page is a translation of an older version of its source: readers are
    /// told, with the source's `checked` date when it has one.
    outdated: Option<Outdated>,
    clinic: Option<&'a str>,
}

/// A translation's source changed after it was made (`translated_from`). The date is the
/// source's `checked`: the build cannot know when a file was edited (no git at build time
/// for every volunteer, and file times change with every copy), and a volunteer who changes
/// what a page says checks its facts and sets `checked`, so that is the date readers need.
#[derive(Serialize)]
pub(super) struct Outdated {
    /// ISO 8601, e.g. `2026-12-01`, if the source has a `checked` date.
    date: Option<String>,
    /// The same date written out in the reader's language.
    date_text: Option<String>,
}

/// The whole context of one page template, but for the language's strings `t`, which
/// [`Renderer`] adds.
#[derive(Serialize)]
pub(super) struct Context<'a> {
    site_title: &'a str,
    lang: LangContext<'a>,
    /// Relative URL of the site root (`../../`), for sw.js, icons, the language chooser.
    root: String,
    /// Relative URL of the reader's language home.
    home: String,
    page: PageContext<'a>,
    translations: Vec<Alternate<'a>>,
    canonical: Option<String>,
    /// `base_url` from site.toml: the chooser's absolute address, the `x-default` alternate.
    /// Without it pages have no hreflang alternates, as relative ones are ignored.
    base_url: Option<&'a str>,
    nav: Vec<Link>,
    children: Vec<Link>,
    build_date: String,
    /// The clinic this page is about (front matter `clinic`), localized.
    clinic: Option<&'a crate::schedule::ClinicView>,
    /// Its schema.org JSON-LD, safe inside `<script>`.
    clinic_json_ld: Option<&'a str>,
    /// Every clinic, on the home page only (for "next opening").
    clinics: Vec<&'a crate::schedule::ClinicView>,
}

pub(super) fn page_context<'a>(
    renderer: &'a Renderer<'_>,
    children: &BTreeMap<&str, Vec<&str>>,
    resolved: &Resolved<'a>,
    content: String,
    has_media: bool,
    depth: usize,
) -> Context<'a> {
    let site = renderer.site;
    let lang = resolved.lang;
    let page = resolved.page;
    let key = page.key.as_str();
    let root = root_of(depth);
    let link_to = |k: &str| -> Option<Link> {
        let r = site.resolve(k, lang)?;
        Some(Link {
            title: r.page.front.title.clone(),
            url: relative_url(key, k),
            current: k == key,
            description: r.page.front.description.clone(),
        })
    };
    let nav = children
        .get("")
        .map(|top| top.iter().filter_map(|k| link_to(k)).collect())
        .unwrap_or_default();
    let kids = children
        .get(key)
        .map(|c| c.iter().filter_map(|k| link_to(k)).collect())
        .unwrap_or_default();
    let absolute = |code: &str| {
        site.config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{code}/{key}"))
    };
    let translations = site
        .config
        .languages
        .iter()
        .map(|l| Alternate {
            lang: l.into(),
            url: format!("{root}{}/{key}", l.code),
            absolute: absolute(&l.code),
            current: l.code == lang.code,
        })
        .collect();
    let shown_in = resolved
        .is_fallback()
        .then(|| site.config.language(&page.lang))
        .flatten()
        .map(Into::into);
    Context {
        site_title: &lang.title,
        lang: lang.into(),
        home: relative_url(key, ""),
        root,
        page: PageContext {
            title: &page.front.title,
            description: page.front.description.as_deref(),
            content,
            has_media,
            key,
            is_home: key.is_empty(),
            is_section: page.is_section(),
            source: (!page.front.source.is_empty()).then(|| page.front.source.join("; ")),
            sources: &page.front.source,
            checked: page.front.checked.map(|d| d.to_string()),
            checked_text: page.front.checked.map(|d| dates::long_date(&lang.code, d)),
            draft: page.front.translation_status == TranslationStatus::Draft,
            shown_in,
            outdated: translations::outdated_source(site, page).map(|source| Outdated {
                date: source.front.checked.map(|d| d.to_string()),
                date_text: source
                    .front
                    .checked
                    .map(|d| dates::long_date(&lang.code, d)),
            }),
            clinic: page.front.clinic.as_deref(),
        },
        translations,
        canonical: absolute(&lang.code),
        base_url: site.config.base_url.as_deref(),
        nav,
        children: kids,
        build_date: renderer.today.to_string(),
        clinic: page
            .front
            .clinic
            .as_deref()
            .and_then(|slug| renderer.clinics.view(&lang.code, slug)),
        clinic_json_ld: page
            .front
            .clinic
            .as_deref()
            .and_then(|slug| renderer.clinics.json_ld(slug)),
        clinics: if key.is_empty() {
            renderer.clinics.all(&lang.code)
        } else {
            Vec::new()
        },
    }
}
