//! The quick exit and the safety page (issue 14): the values of two template functions
//! every page's templates can call, whatever their context ([`super::functions`]).
//!
//! - `quick_exit_url()`: `quick_exit_url` from `site.toml`, or `""` when the site has none
//!   (then the theme shows no quick exit).
//! - `safety_page()`: the key (`about/safety/`) of the page that renders with the theme's
//!   `safety.html` template, the "forget this site on this phone" page, or `""`. Templates
//!   link to it from each language's home (`{{ home }}{{ safety_page() }}`), so no page
//!   links to a safety page the site does not have.

use crate::model::Site;

/// The theme template of the safety page.
pub const SAFETY_TEMPLATE: &str = "safety.html";

/// The values of `quick_exit_url()` and `safety_page()` (see [`super::functions`]).
pub fn values(site: &Site) -> (String, String) {
    (
        site.config.quick_exit_url.clone().unwrap_or_default(),
        safety_key(site).unwrap_or_default(),
    )
}

/// The first key (in key order, so every build picks the same) of a page whose default
/// language version, else any version, uses the safety template.
fn safety_key(site: &Site) -> Option<String> {
    site.pages
        .iter()
        .find(|(_, by_lang)| {
            let uses =
                |p: &crate::model::Page| p.front.template.as_deref() == Some(SAFETY_TEMPLATE);
            match by_lang.get(&site.config.default_language) {
                Some(p) => uses(p),
                None => by_lang.values().any(uses),
            }
        })
        .map(|(key, _)| key.clone())
}
