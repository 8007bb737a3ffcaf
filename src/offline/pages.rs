//! The pages and files of the offline stage other than the service worker: a web app
//! manifest per language, the offline page (rendered by the theme, per language), and the
//! `404.html` that free static hosts serve for a missing path.

use super::Offline;
use crate::config::Language;
use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::render::{LangContext, Renderer, html_lang};
use serde::Serialize;
use std::collections::BTreeMap;

fn lang(l: &Language) -> LangContext<'_> {
    LangContext::from(l)
}

fn strings<'a>(renderer: &'a Renderer<'_>, code: &str) -> &'a BTreeMap<String, String> {
    static EMPTY: BTreeMap<String, String> = BTreeMap::new();
    renderer.site.strings.of(code).unwrap_or(&EMPTY)
}

fn default_language<'a>(renderer: &'a Renderer<'_>) -> Option<&'a Language> {
    let config = &renderer.site.config;
    config
        .language(&config.default_language)
        .or(config.languages.first())
}

/// `<lang>/manifest.webmanifest` for every language (start URL and scope: the language's
/// folder), and `manifest.webmanifest` for the language chooser (scope: the whole site).
/// All URLs are relative to the manifest, so the site installs under any subpath.
pub fn web_manifests(
    renderer: &Renderer<'_>,
    offline: &Offline,
    out: &Emitter,
) -> Result<(), Diagnostic> {
    for l in &renderer.site.config.languages {
        out.write(
            &format!("{}/manifest.webmanifest", l.code),
            manifest(renderer, offline, l, "../")?.as_bytes(),
        )?;
    }
    if let Some(l) = default_language(renderer) {
        out.write(
            "manifest.webmanifest",
            manifest(renderer, offline, l, "")?.as_bytes(),
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct WebManifest<'a> {
    id: &'a str,
    name: &'a str,
    short_name: &'a str,
    lang: &'a str,
    dir: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    background_color: &'a str,
    theme_color: &'a str,
    icons: Vec<IconEntry>,
}

#[derive(Serialize)]
struct IconEntry {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'static str>,
}

fn manifest(
    renderer: &Renderer<'_>,
    offline: &Offline,
    l: &Language,
    root: &str,
) -> Result<String, Diagnostic> {
    let t = strings(renderer, &l.code);
    let icons = offline
        .icons
        .iter()
        .map(|i| IconEntry {
            src: format!("{root}{}", i.path),
            sizes: format!("{0}x{0}", i.size),
            kind: "image/png",
            purpose: i.maskable.then_some("maskable"),
        })
        .collect();
    let m = WebManifest {
        id: "./",
        name: &l.title,
        short_name: t
            .get("app_short_name")
            .map(String::as_str)
            .unwrap_or(&l.title),
        lang: html_lang(&l.code),
        dir: l.dir.as_str(),
        start_url: "./",
        scope: "./",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: &offline.theme_color,
        icons,
    };
    // A struct's fields come out in their order, so the file is the same on every build.
    // An error here would be varde's own fault: say so rather than write an empty manifest.
    serde_json::to_string(&m).map_err(|e| {
        Diagnostic::error(
            if root.is_empty() {
                "dist/manifest.webmanifest".to_string()
            } else {
                format!("dist/{}/manifest.webmanifest", l.code)
            },
            format!("cannot write the web app manifest: {e}"),
        )
        .hint("this is a bug in varde; please report it with your site.toml")
    })
}

#[derive(Serialize)]
struct OfflineContext<'a> {
    lang: LangContext<'a>,
    t: &'a BTreeMap<String, String>,
    site_title: &'a str,
    root: &'a str,
    build_date: String,
}

/// `<lang>/offline.html` for every language (part of the language's pack) and
/// `offline.html` in the default language (in every pack), from the theme's `offline.html`.
/// A theme without that template gets none, and the service worker shows the browser's
/// own offline error instead.
pub fn offline_pages(renderer: &Renderer<'_>, out: &Emitter) -> Result<(), Diagnostic> {
    if !renderer
        .tera
        .get_template_names()
        .any(|n| n == "offline.html")
    {
        return Ok(());
    }
    let render = |l: &Language, root: &str, path: &str| -> Result<(), Diagnostic> {
        let context = OfflineContext {
            lang: lang(l),
            t: strings(renderer, &l.code),
            site_title: &l.title,
            root,
            build_date: renderer.today.to_string(),
        };
        out.write(
            path,
            &renderer.finish_html(&renderer.render_template("offline.html", &context)?),
        )
    };
    for l in &renderer.site.config.languages {
        render(l, "../", &format!("{}/offline.html", l.code))?;
    }
    match default_language(renderer) {
        Some(l) => render(l, "./", "offline.html"),
        None => Ok(()),
    }
}

#[derive(Serialize)]
struct NotFoundLanguage<'a> {
    lang: LangContext<'a>,
    title: &'a str,
    t: &'a BTreeMap<String, String>,
    /// Where the language's home is when the site is at the domain's root, or at
    /// `base_url`: the link that works without JavaScript.
    url: String,
}

#[derive(Serialize)]
struct NotFoundContext<'a> {
    default: LangContext<'a>,
    t: &'a BTreeMap<String, String>,
    languages: Vec<NotFoundLanguage<'a>>,
    /// `base_url`, else `/`.
    base: &'a str,
    /// The language codes, space-separated, for the script that finds the site's root.
    codes: String,
}

/// `404.html`: hosts serve it at any depth, so it uses no relative URL. Links point to
/// `base_url` (or the domain's root); a small script corrects them to the site's real root.
pub fn not_found(renderer: &Renderer<'_>, out: &Emitter) -> Result<(), Diagnostic> {
    let Some(default) = default_language(renderer) else {
        return Ok(());
    };
    if !renderer.tera.get_template_names().any(|n| n == "404.html") {
        return Ok(());
    }
    let config = &renderer.site.config;
    let base = config.base_url.as_deref().unwrap_or("/");
    let context = NotFoundContext {
        default: lang(default),
        t: strings(renderer, &default.code),
        languages: config
            .languages
            .iter()
            .map(|l| NotFoundLanguage {
                lang: lang(l),
                title: &l.title,
                t: strings(renderer, &l.code),
                url: format!("{base}{}/", l.code),
            })
            .collect(),
        base,
        codes: config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    out.write(
        "404.html",
        &renderer.finish_html(&renderer.render_template("404.html", &context)?),
    )
}
