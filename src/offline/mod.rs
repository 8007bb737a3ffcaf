//! Stage 5, offline: everything that keeps a whole language readable without a network,
//! and lets the site run on any free static host.
//!
//! [`prepare`] runs before the pages are rendered: it rasterises the theme's one source
//! image (`static/icon.svg`) into the app icons and gives templates two functions,
//! `offline_script()` (the registration script, inlined by a partial so the CSP hashes it
//! like any other inline script) and `icon(size=192)` (the content-hashed icon file name).
//! [`finish`] runs after the pages and assets are written: it renders the offline pages and
//! `404.html`, writes a web app manifest per language, then reads what the emitter wrote
//! (path, size, SHA-256 of every file) into the precache manifest embedded in `sw.js`, and
//! finally writes `_headers` with the same Content-Security-Policy as the pages.
//!
//! The service worker caches one language pack at a time, all or nothing, verifying each
//! file against the manifest; see `sw.js` beside this file.

pub mod headers;
pub mod icons;
pub mod pages;
pub mod precache;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::Emitter;
use crate::render::Renderer;
use crate::render::html::minify::script;

/// The page-side script that registers the service worker.
pub const REGISTER_JS: &str = include_str!("register.js");

/// What [`prepare`] made for [`finish`].
#[derive(Debug)]
pub struct Offline {
    /// The app icons, rasterised from the theme's `static/icon.svg` (none without it).
    pub icons: Vec<icons::Icon>,
    /// The kill switch: `sw.js` deletes varde's caches and unregisters itself.
    pub unregister: bool,
    /// The theme colour, from the `theme-color` meta element of the theme's templates.
    pub theme_color: String,
    /// The script that registers the service worker (`offline_script()`), empty with the
    /// kill switch.
    pub script: String,
}

/// Makes the icons and the registration script, the values of the template functions
/// `icon(size=N, maskable=false)` and `offline_script()` ([`crate::render::functions`]).
/// Must run before the pages are rendered.
pub fn prepare(renderer: &Renderer<'_>, unregister: bool) -> Result<Offline, Diagnostics> {
    let site = renderer.site;
    let theme_color = theme_color(site);
    let icon_path = format!("themes/{}/static/icon.svg", site.config.theme);
    let icons = match site.assets.iter().find(|a| a.source == icon_path) {
        Some(svg) => icons::rasterise(&svg.source, &svg.bytes, &theme_color)
            .map_err(|d| Diagnostics(vec![d]))?,
        None => Vec::new(),
    };
    let script = if unregister {
        String::new()
    } else {
        script(REGISTER_JS)
    };
    Ok(Offline {
        icons,
        unregister,
        theme_color,
        script,
    })
}

impl Offline {
    /// The icons as `icon()` finds them: size, maskable, path.
    pub fn icon_names(&self) -> Vec<(u32, bool, String)> {
        self.icons
            .iter()
            .map(|i| (i.size, i.maskable, i.path.clone()))
            .collect()
    }
}

/// Writes the icons, manifests, offline pages, `404.html`, `sw.js` and `_headers`. Must run
/// after every other file is written: the service worker's manifest lists them all.
pub fn finish(
    renderer: &Renderer<'_>,
    offline: &Offline,
    out: &Emitter,
) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut results: Vec<Result<(), Diagnostic>> = offline
        .icons
        .iter()
        .map(|i| out.write(&i.path, &i.png))
        .collect();
    results.push(pages::web_manifests(renderer, offline, out));
    results.push(pages::offline_pages(renderer, out));
    results.push(pages::not_found(renderer, out));
    problems
        .0
        .extend(results.into_iter().filter_map(Result::err));
    if problems.has_errors() {
        return Err(problems);
    }
    let written = out.written();
    let languages: Vec<&str> = renderer
        .site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let sw = if offline.unregister {
        script(include_str!("unregister.js"))
    } else {
        // The 512 px icons are for installing (a splash screen, the app list): a reader who
        // only reads offline never needs them, so only "keep all" fetches them.
        let install_only: Vec<&str> = offline
            .icons
            .iter()
            .filter(|i| i.size >= 512)
            .map(|i| i.path.as_str())
            .collect();
        precache::service_worker(&precache::Manifest::new(
            &written,
            &languages,
            &install_only,
        ))
    };
    out.write("sw.js", sw.as_bytes())
        .map_err(|d| Diagnostics(vec![d]))?;
    out.write(
        "_headers",
        headers::headers(
            &renderer.inline_hashes.all(),
            &offline.icons,
            &renderer.site.media,
        )
        .as_bytes(),
    )
    .map_err(|d| Diagnostics(vec![d]))
}

/// The theme colour: the `content` of the `<meta name="theme-color">` in the theme's
/// `base.html` (else any template), so the theme states it once for pages and manifests alike.
fn theme_color(site: &crate::model::Site) -> String {
    const MARK: &str = "name=\"theme-color\" content=\"";
    let mut templates: Vec<&crate::load::SourceFile> = site.templates.iter().collect();
    templates.sort_by_key(|t| !t.path.ends_with("/base.html"));
    templates
        .iter()
        .find_map(|t| {
            let start = t.text.find(MARK)? + MARK.len();
            let end = t.text[start..].find('"')? + start;
            Some(t.text[start..end].to_string())
        })
        .unwrap_or_else(|| "#ffffff".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_js_drops_comments_and_keeps_strings() {
        let js = "// note\nwindow.a = 'varde  ' + b; // why\n  if (x) { y() }\n";
        assert_eq!(script(js), "window.a=`varde  `+b,x&&y();");
    }

    /// The scripts varde ships all parse: each comes out without its comments and smaller.
    #[test]
    fn minify_js_shrinks_every_script() {
        for js in [
            REGISTER_JS,
            include_str!("unregister.js"),
            include_str!("sw.js"),
        ] {
            let small = script(js);
            assert!(!small.contains("// "), "{small}");
            assert!(
                small.len() * 10 < js.len() * 8,
                "{} of {} bytes:\n{small}",
                small.len(),
                js.len()
            );
        }
    }
}
