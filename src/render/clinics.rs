//! Clinic schedules in pages: each clinic's localized view (computed once per language and
//! shared by its page and the home page), its JSON-LD, and its calendar files
//! `<lang>/clinics/<slug>.ics`.

use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::model::Site;
use crate::schedule::{ClinicView, ics, json_ld};
use std::collections::BTreeMap;

/// Every clinic's view in every language, and its JSON-LD.
#[derive(Debug, Default)]
pub struct ClinicData {
    views: BTreeMap<(String, String), ClinicView>,
    json_ld: BTreeMap<String, String>,
    /// The texts of the pages' placeholders (`{{ bergen.phone }}`), made from the views.
    pub facts: super::facts::Facts,
}

impl ClinicData {
    /// Computes every clinic's schedule in every language for the build date: the
    /// schedule stage of the pipeline.
    pub fn new(site: &Site, today: jiff::civil::Date) -> ClinicData {
        let mut data = ClinicData::default();
        for lang in &site.config.languages {
            let t = |key: &str| site.strings.get(&lang.code, key).map(str::to_string);
            for (slug, clinic) in &site.clinics {
                let view = crate::schedule::clinic_view(clinic, &lang.code, &t, today);
                data.views.insert((lang.code.clone(), slug.clone()), view);
            }
        }
        for (slug, clinic) in &site.clinics {
            data.json_ld.insert(slug.clone(), json_ld(clinic, today));
        }
        data.facts = super::facts::Facts::new(data.views.values());
        data
    }

    /// The view of clinic `slug` in `lang`.
    pub fn view(&self, lang: &str, slug: &str) -> Option<&ClinicView> {
        self.views.get(&(lang.to_string(), slug.to_string()))
    }

    /// Every clinic's view in `lang`, sorted by slug.
    pub fn all(&self, lang: &str) -> Vec<&ClinicView> {
        self.views
            .iter()
            .filter(|((l, _), _)| l == lang)
            .map(|(_, v)| v)
            .collect()
    }

    /// The JSON-LD of clinic `slug`, safe to put inside a `<script>` element.
    pub fn json_ld(&self, slug: &str) -> Option<&str> {
        self.json_ld.get(slug).map(String::as_str)
    }
}

/// Writes `<lang>/clinics/<slug>.ics` for every clinic and language.
pub fn write_calendars(renderer: &Renderer<'_>, out: &Emitter) -> Result<(), Diagnostic> {
    let site = renderer.site;
    for lang in &site.config.languages {
        let t = |key: &str| site.strings.get(&lang.code, key).map(str::to_string);
        for (slug, clinic) in &site.clinics {
            let text = ics(clinic, &lang.code, &t, renderer.today);
            out.write(
                &format!("{}/clinics/{slug}.ics", lang.code),
                text.as_bytes(),
            )?;
        }
    }
    Ok(())
}
