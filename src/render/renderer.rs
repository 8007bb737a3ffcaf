//! The render stage's hub: the [`Renderer`], the context every page's render shares (the
//! site, the parsed templates, the clinic schedules, the build date), and its one way of
//! rendering a template and finishing a page's HTML.

use super::html::{self, isolate};
use super::pages::all_in_one;
use super::strings_context::StringsContext;
use super::{clinics, templates};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Tera;

/// The render context: the validated site, the parsed (minified) templates, the clinic
/// schedules and the build date, shared by every page's render (and lent to `varde serve`).
pub struct Renderer<'a> {
    /// The site.
    pub site: &'a Site,
    /// Parsed templates.
    pub tera: Tera,
    /// The build date (`SOURCE_DATE_EPOCH` or today), for "checked" and schedules.
    pub today: jiff::civil::Date,
    /// Every clinic's schedule, localized per language.
    pub clinics: clinics::ClinicData,
    /// The inline style and script hashes of every page rendered, for `_headers`.
    pub inline_hashes: html::HashCollector,
    /// Every page's `<main>`, for the one-file copy of each language.
    pub sections: all_in_one::Sections,
    /// Each language's interface strings (`t`) as a template context, made once and lent
    /// to each page's render.
    pub(super) strings: BTreeMap<String, StringsContext>,
}

impl<'a> Renderer<'a> {
    /// Parses the theme's templates.
    pub fn new(
        site: &'a Site,
        today: jiff::civil::Date,
        clinics: clinics::ClinicData,
    ) -> Result<Renderer<'a>, Diagnostics> {
        let tera = templates::load(&site.templates, &site.config.theme)
            .map_err(|d| Diagnostics(vec![d]))?;
        Ok(Renderer::with_templates(site, tera, today, clinics))
    }

    /// A render context with templates already parsed (`varde serve` keeps them).
    pub fn with_templates(
        site: &'a Site,
        tera: Tera,
        today: jiff::civil::Date,
        clinics: clinics::ClinicData,
    ) -> Renderer<'a> {
        let strings = site
            .config
            .languages
            .iter()
            .map(|l| {
                let strings = site
                    .strings
                    .of(&l.code)
                    .unwrap_or_else(|| super::empty_strings());
                (l.code.clone(), StringsContext::new(strings))
            })
            .collect();
        Renderer {
            site,
            tera,
            today,
            clinics,
            inline_hashes: Default::default(),
            sections: Default::default(),
            strings,
        }
    }

    /// Renders a page template for `lang`: `context`, and the language's strings as `t`.
    pub(super) fn render_page_template(
        &self,
        name: &str,
        lang: &str,
        context: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        let Some(strings) = self.strings.get(lang) else {
            return self.render_onto(tera::Context::new(), name, context);
        };
        let error =
            |e: &tera::Error| templates::error(e, &self.site.templates, &self.site.config.theme);
        let page = match serde_json::to_value(context) {
            Ok(serde_json::Value::Object(page)) => page,
            // Not an object (never, for the page contexts): tera says why.
            _ => return self.render_onto(tera::Context::new(), name, context),
        };
        strings
            .with_page(page, |c| self.tera.render(name, c))
            .and_then(|rendered| rendered)
            .map_err(|e| error(&e))
    }

    /// Renders a template with a serializable context, mapping errors to the template.
    pub fn render_template(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        self.render_onto(tera::Context::new(), name, context)
    }

    /// Renders `name` with `base` extended by `context`.
    fn render_onto(
        &self,
        mut base: tera::Context,
        name: &str,
        context: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        let error =
            |e: &tera::Error| templates::error(e, &self.site.templates, &self.site.config.theme);
        base.extend(tera::Context::from_serialize(context).map_err(|e| error(&e))?);
        self.tera.render(name, &base).map_err(|e| error(&e))
    }

    /// Isolates the numbers in its right-to-left text ([`isolate::isolate_numbers`]), then
    /// fills in the CSP of a page rendered from the (minified) templates
    /// ([`html::finish_rendered`]), noting its inline hashes for the site-wide policy. Every
    /// HTML page of a build passes through here.
    pub fn finish_html(&self, page: &str) -> Vec<u8> {
        let page = isolate::isolate_numbers(page);
        let (bytes, hashes) = html::finish_rendered(&page);
        self.inline_hashes.add(hashes);
        bytes
    }

    pub(super) fn template_exists(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}
