//! The language chooser, `dist/index.html`: every language in its own name and script,
//! the first page of the site and where `x-default` points.

use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::render::{LangContext, Renderer, empty_strings};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct ChooserContext<'a> {
    languages: Vec<ChooserLanguage<'a>>,
    default: LangContext<'a>,
    /// `base_url`, as for pages: hreflang alternates only with it.
    base_url: Option<&'a str>,
    site_title: &'a str,
    t: &'a BTreeMap<String, String>,
    root: &'a str,
    build_date: String,
    /// Every clinic in the default language: its city and phone number for the first
    /// screen, which needs no words.
    clinics: Vec<&'a crate::schedule::ClinicView>,
}

#[derive(Serialize)]
struct ChooserLanguage<'a> {
    lang: LangContext<'a>,
    title: &'a str,
    url: String,
    /// Its absolute address, with `base_url`.
    absolute: Option<String>,
    /// "Continue in English", in the language itself, for the remembered choice.
    continue_in: &'a str,
    /// "Leave this site" in the language itself: the quick exit's label once the reader's
    /// language is known.
    exit_link: &'a str,
}

/// `dist/index.html`: every language in its own name and script.
pub(crate) fn render(renderer: &Renderer<'_>, out: &Emitter) -> Result<(), Diagnostic> {
    let site = renderer.site;
    let Some(default) = site.config.language(&site.config.default_language) else {
        return Ok(());
    };
    let context = ChooserContext {
        languages: site
            .config
            .languages
            .iter()
            .map(|l| ChooserLanguage {
                lang: l.into(),
                title: &l.title,
                url: format!("{}/", l.code),
                absolute: site
                    .config
                    .base_url
                    .as_ref()
                    .map(|b| format!("{b}{}/", l.code)),
                continue_in: site.strings.get(&l.code, "continue_in").unwrap_or(&l.name),
                exit_link: site.strings.get(&l.code, "exit_link").unwrap_or_default(),
            })
            .collect(),
        default: default.into(),
        base_url: site.config.base_url.as_deref(),
        site_title: &default.title,
        t: site
            .strings
            .of(&default.code)
            .unwrap_or_else(|| empty_strings()),
        root: "./",
        build_date: renderer.today.to_string(),
        clinics: renderer.clinics.all(&default.code),
    };
    let html = renderer.render_template("chooser.html", &context)?;
    out.write("index.html", &renderer.finish_html(&html))
}
