//! Stage 4, render: every page in every language through Markdown and the theme's
//! templates, minified, into the emitter, in parallel.
//!
//! A page missing in a language is rendered at that language's URL from the first
//! language of its fallback chain, with a notice in the reader's language. All URLs are
//! relative, so the output works under any subpath.
//!
//! This file is the stage's flow ([`render_pages`], then the site's other pages). Around it:
//! - the hub: the [`Renderer`] every render shares (`renderer.rs`), the page context
//!   (`context.rs`), the templates and the functions they call ([`templates`],
//!   [`functions`]), dates and relative URLs ([`dates`], [`urls`]);
//! - a page's body: [`markdown`], with the clinic [`facts`] filled in (and hand-written hours
//!   [`facts::check`]ed) and [`media`] players; the clinic views ([`clinics`]) and the quick
//!   exit ([`exit`]);
//! - [`pages`]: the page kinds besides Markdown pages (chooser, leaflet, translators' overview,
//!   one-file copy, sitemap);
//! - [`html`]: the HTML machinery every page goes through (one tag scanner, minify, number
//!   isolation, CSP, the one-file copy's section rewrite).

pub mod clinics;
mod context;
pub mod dates;
pub mod exit;
pub mod facts;
pub mod functions;
pub mod html;
pub mod markdown;
pub mod media;
pub mod pages;
mod renderer;
mod strings_context;
pub mod templates;
pub mod urls;

pub use renderer::Renderer;

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::Emitter;
use crate::model::Site;
use context::page_context;
pub use context::{LangContext, html_lang};
use pages::{chooser, leaflet, sitemap, translators};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What the render stage tells the rest of the build.
#[derive(Debug, Default)]
pub struct RenderReport {
    /// HTML pages written.
    pub pages: usize,
    /// Warnings found while rendering (errors make the stage fail).
    pub warnings: Diagnostics,
}

/// Renders every page of every language and the language chooser into `out`.
pub fn render(renderer: &Renderer<'_>, out: &Emitter) -> Result<RenderReport, Diagnostics> {
    let site = renderer.site;
    let children = children_by_parent(site);
    let jobs: Vec<(&String, &Language)> = site
        .pages
        .keys()
        .flat_map(|k| site.config.languages.iter().map(move |l| (k, l)))
        .collect();
    // The site-wide pages (the translators' overview reads every page) render beside the
    // pages, not after them, so no core waits at the end.
    let (mut problems, (side_problems, extra_pages)) = rayon::join(
        || render_jobs(renderer, &children, &jobs, out),
        || render_site_pages(renderer, out),
    );
    problems.0.extend(side_problems);
    problems.sort();
    let problems = merge_template_errors(problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(RenderReport {
        pages: jobs.len() + extra_pages,
        warnings: problems,
    })
}

/// The pages that are not one page in one language: the language chooser, the clinics'
/// calendars, the translators' overview and the leaflets. Returns the problems and how many
/// HTML pages were written.
fn render_site_pages(renderer: &Renderer<'_>, out: &Emitter) -> (Vec<Diagnostic>, usize) {
    let mut problems = Vec::new();
    let mut pages = 0;
    match chooser::render(renderer, out) {
        Ok(()) => pages += 1,
        Err(d) => problems.push(d),
    }
    if let Err(d) = clinics::write_calendars(renderer, out) {
        problems.push(d);
    }
    match translators::render(renderer, out) {
        Ok(written) => pages += usize::from(written),
        Err(d) => problems.push(d),
    }
    let mut leaflets = false;
    match leaflet::render(renderer, out) {
        Ok((written, warnings)) => {
            pages += written;
            leaflets = written > 0;
            problems.extend(warnings);
        }
        Err(d) => problems.push(d),
    }
    if let Err(d) = sitemap::write(renderer, out) {
        problems.push(d);
    }
    problems.extend(urls::base_url_note(&renderer.site.config, leaflets));
    (problems, pages)
}

/// One template mistake fails every page that uses the template: report it once, with the
/// first page and how many others, instead of ten thousand times.
fn merge_template_errors(problems: Diagnostics) -> Diagnostics {
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in problems.0 {
        let same = out.iter_mut().find(|o| {
            o.rendering.is_some()
                && d.rendering.is_some()
                && o.file == d.file
                && o.line == d.line
                && o.message == d.message
        });
        match same.and_then(|o| o.rendering.as_mut()) {
            Some(first) => first.others += 1,
            None => out.push(d),
        }
    }
    Diagnostics(out)
}

/// Renders only the chosen pages, each a (key, reader's language) pair, into `out`:
/// `varde serve` re-renders what an edit changed into memory. Keys the site does not have
/// are skipped. Errors make it fail, like [`render`].
pub fn render_pages(
    renderer: &Renderer<'_>,
    pages: &[(&str, &Language)],
    out: &Emitter,
) -> Result<RenderReport, Diagnostics> {
    let children = children_by_parent(renderer.site);
    let mut problems = render_jobs(renderer, &children, pages, out);
    problems.sort();
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(RenderReport {
        pages: pages.len(),
        warnings: problems,
    })
}

/// Renders each (key, language) job in parallel, collecting every problem.
fn render_jobs<K: AsRef<str> + Sync>(
    renderer: &Renderer<'_>,
    children: &BTreeMap<&str, Vec<&str>>,
    jobs: &[(K, &Language)],
    out: &Emitter,
) -> Diagnostics {
    let results: Vec<Result<Vec<Diagnostic>, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|(key, lang)| render_page(renderer, children, key.as_ref(), lang, out))
        .collect();
    let mut problems = Diagnostics::new();
    for r in results {
        match r {
            Ok(w) | Err(w) => problems.0.extend(w),
        }
    }
    problems
}

/// Keys of the direct children of each section key, sorted by weight then key.
fn children_by_parent(site: &Site) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for key in site.pages.keys() {
        if key.is_empty() {
            continue;
        }
        let trimmed = &key[..key.len() - 1];
        let parent = trimmed.rfind('/').map(|i| &key[..=i]).unwrap_or("");
        map.entry(parent).or_default().push(key);
    }
    let weight = |k: &str| {
        site.pages
            .get(k)
            .and_then(|m| m.values().next())
            .map(|p| p.front.weight)
            .unwrap_or(0)
    };
    for list in map.values_mut() {
        list.sort_by_key(|k| (weight(k), k.to_string()));
    }
    map
}

fn render_page(
    renderer: &Renderer<'_>,
    children: &BTreeMap<&str, Vec<&str>>,
    key: &str,
    lang: &Language,
    out: &Emitter,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let site = renderer.site;
    let Some(resolved) = site.resolve(key, lang) else {
        return Ok(Vec::new());
    };
    let page = resolved.page;
    let exists = |k: &str| site.pages.contains_key(k);
    let path = format!("{}/{}", lang.code, key);
    let depth = path.matches('/').count();
    let find = |source: &str| site.media.get(source);
    // Only a page that has a film pays for its player's context.
    let player_page = || media::PlayerPage {
        lang: &lang.code,
        to_root: "../".repeat(depth),
        address: site.config.base_url.as_ref().map(|b| format!("{b}{path}")),
        strings: &site.strings,
        languages: site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.name.as_str()))
            .collect(),
    };
    // The players on the page, for one button that keeps them all.
    let players: std::cell::RefCell<Vec<(String, u64)>> = Default::default();
    let show = |m: &crate::model::media::Media, title: &str, alone: bool| {
        if alone {
            players.borrow_mut().push((m.output.clone(), m.size));
            media::player(m, title, &player_page())
        } else {
            media::inline_link(m, title, &player_page())
        }
    };
    let shown = markdown::MediaShow {
        find: &find,
        show: &show,
    };
    let mut md = markdown::render_with_media(
        page,
        site.config.allow_raw_html,
        &exists,
        &renderer.clinics.facts,
        &shown,
    );
    let players = players.into_inner();
    let has_media = !players.is_empty();
    if players.len() > 1 {
        md.html = media::with_keep_all(&md.html, &players, &page.front.title, &player_page());
    }
    // A fallback page repeats its source's problems; report them once, from the source.
    let mut problems = if resolved.is_fallback() {
        Vec::new()
    } else {
        md.problems
    };
    if problems
        .iter()
        .any(|p| p.severity == crate::diagnostics::Severity::Error)
    {
        return Err(problems);
    }
    // The templates were minified when they loaded; the Markdown is written minified.
    let context = page_context(renderer, children, &resolved, md.html, has_media, depth);
    let template = match &page.front.template {
        Some(t) if !renderer.template_exists(t) => {
            if !resolved.is_fallback() {
                let mut names: Vec<&str> = renderer
                    .tera
                    .get_template_names()
                    .filter(|n| n.ends_with(".html"))
                    .collect();
                names.sort();
                problems.push(
                    Diagnostic::error(&page.file, format!("template `{t}` does not exist"))
                        .at_line(page.front.template_line)
                        .hint(format!(
                            "use one of the theme's templates: {}",
                            names.join(", ")
                        )),
                );
            }
            return Err(problems);
        }
        Some(t) => t.as_str(),
        None if key.is_empty() && renderer.template_exists("home.html") => "home.html",
        None => "page.html",
    };
    let html = match renderer.render_page_template(template, &lang.code, &context) {
        Ok(h) => h,
        Err(mut d) => {
            d.rendering = Some(Box::new(crate::diagnostics::Rendering {
                page: page.file.clone(),
                others: 0,
            }));
            problems.push(d);
            return Err(problems);
        }
    };
    let bytes = renderer.finish_html(&html);
    renderer.sections.keep(&lang.code, key, &bytes);
    if let Err(d) = out.write(&format!("{path}index.html"), &bytes) {
        problems.push(d);
        return Err(problems);
    }
    Ok(problems)
}

fn empty_strings() -> &'static BTreeMap<String, String> {
    static EMPTY: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(BTreeMap::new)
}
