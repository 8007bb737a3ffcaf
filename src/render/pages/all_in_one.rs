//! `dist/<lang>/all-in-one.html`: every page of a language in one self-contained file, to
//! save, send by chat or Bluetooth, and open anywhere, also with no web server and no
//! internet (issue 13).
//!
//! The file is made from the pages already rendered, not by rendering again: each page's
//! `<main>` is kept as it is written ([`Sections::keep`]), then per language the sections
//! are put in menu order and rewritten for one file ([`crate::render::html::section`]). So its
//! cost is a copy and one scan of the language's pages, and it says exactly what the
//! pages say, fallback notices, clinic tables and next openings included.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::emit::Emitter;
use crate::render::html::section::{Target, rewrite};
use crate::render::{Renderer, html};
use base64::Engine as _;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The file's name inside each language folder.
pub const FILE_NAME: &str = "all-in-one.html";

/// Where the sections go in the rendered template: they are already minified, so only
/// the small frame around them goes through the minifier.
const SECTIONS_MARK: &str = "__VARDE_SECTIONS__";

/// The most pages a site may have for the one-file copies to be made. The file is for
/// passing a language on from phone to phone: the shipped site's 12 pages make 60–85 KB,
/// while a 3,000-page language would be a 16 MB file no cheap phone opens, and keeping
/// every page in memory to write it would double a large build's memory. Past this, no
/// file is made or offered, and `varde build` says so.
pub const MAX_PAGES: usize = 300;

/// The inside of every rendered page's `<main>`, by (language, key), kept while pages are
/// rendered; nothing is kept when the site is too large for one-file copies.
#[derive(Debug, Default)]
pub struct Sections {
    offered: bool,
    kept: Mutex<HashMap<(String, String), String>>,
}

impl Sections {
    /// Whether the site gets one-file copies: at most [`MAX_PAGES`] pages.
    pub fn offered(&self) -> bool {
        self.offered
    }

    /// Keeps the `<main>` of a finished page (`page` as written to `dist/`).
    pub fn keep(&self, lang: &str, key: &str, page: &[u8]) {
        if !self.offered {
            return;
        }
        let Ok(html) = std::str::from_utf8(page) else {
            return;
        };
        let Some(inner) = main_of(html) else {
            return;
        };
        let mut map = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        map.insert((lang.to_string(), key.to_string()), inner.to_string());
    }

    fn get(&self, lang: &str, key: &str) -> Option<String> {
        let map = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&(lang.to_string(), key.to_string())).cloned()
    }
}

/// The content of the first `<main …>` element.
fn main_of(html: &str) -> Option<&str> {
    let open = html.find("<main")?;
    let start = open + html[open..].find('>')? + 1;
    let end = html.rfind("</main>")?;
    (end >= start).then(|| &html[start..end])
}

/// The download name of a language's file: `share_file_name` from site.toml (`info` by
/// default) and the language code, `info-ar.html`. Plain ASCII, because Bluetooth and old
/// Android file managers fail on other names; neutral, because the name shows in a Downloads
/// list and a chat, where a name saying "health care without papers" tells anyone who looks.
pub fn download_name(config: &Config, code: &str) -> String {
    format!(
        "{}-{}.html",
        config.share_file_name,
        crate::model::slug::slugify(code)
    )
}

/// Decides whether the site gets one-file copies; templates ask with `pass_on_offered()`
/// and name the file with `pass_on_name(lang=lang.code)` ([`crate::render::functions`]).
pub fn offer(renderer: &mut Renderer<'_>) -> bool {
    let offered = renderer.site.pages.len() <= MAX_PAGES;
    renderer.sections = Sections {
        offered,
        kept: Mutex::default(),
    };
    offered
}

#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    depth: usize,
}

#[derive(Serialize)]
struct Context<'a> {
    lang: crate::render::LangContext<'a>,
    site_title: &'a str,
    t: &'a BTreeMap<String, String>,
    build_date: String,
    built_text: String,
    online: Option<String>,
    contents: Vec<Entry>,
    sections: &'static str,
    /// Every clinic in the language: each one's year of openings for the file's script.
    clinics: Vec<&'a crate::schedule::ClinicView>,
}

/// Writes every language's file into `out`; returns each language's code and size.
pub fn write(renderer: &Renderer<'_>, out: &Emitter) -> Result<Vec<(String, u64)>, Diagnostics> {
    if !renderer.sections.offered() {
        return Ok(Vec::new());
    }
    let site = renderer.site;
    let order = menu_order(&crate::render::children_by_parent(site));
    let results: Vec<Result<(String, u64), Diagnostic>> = site
        .config
        .languages
        .par_iter()
        .map(|lang| {
            let bytes = one_file(renderer, lang, &order)?;
            out.write(&format!("{}/{FILE_NAME}", lang.code), &bytes)?;
            Ok((lang.code.clone(), bytes.len() as u64))
        })
        .collect();
    let mut sizes = Vec::new();
    let mut problems = Diagnostics::new();
    for r in results {
        match r {
            Ok(s) => sizes.push(s),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(sizes)
}

/// Every key in menu order: the home page, then each menu page followed by its pages,
/// depth first, with their depth; pages no menu reaches last, by key.
fn menu_order(children: &BTreeMap<&str, Vec<&str>>) -> Vec<(String, usize)> {
    fn walk(
        key: &str,
        depth: usize,
        ch: &BTreeMap<&str, Vec<&str>>,
        out: &mut Vec<(String, usize)>,
    ) {
        out.push((key.to_string(), depth));
        for k in ch.get(key).into_iter().flatten() {
            walk(k, depth + 1, ch, out);
        }
    }
    let mut order = Vec::new();
    walk("", 0, children, &mut order);
    let mut rest: Vec<&str> = children.values().flatten().copied().collect();
    rest.sort();
    for k in rest {
        if !order.iter().any(|(o, _)| o == k) {
            order.push((k.to_string(), 1));
        }
    }
    order
}

/// The section id of a key: `rights/adults/` → `rights-adults`, the home page `home`;
/// a clash (`a-b/` and `a/b/`) gets a number.
fn section_ids(keys: &[&str]) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    let mut taken = std::collections::HashSet::new();
    for key in keys {
        let base = match key.trim_end_matches('/') {
            "" => "home".to_string(),
            k => k.replace('/', "-"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(key.to_string(), id);
    }
    ids
}

fn one_file(
    renderer: &Renderer<'_>,
    lang: &crate::config::Language,
    order: &[(String, usize)],
) -> Result<Vec<u8>, Diagnostic> {
    let site = renderer.site;
    let pages: Vec<(&str, usize, String, String)> = order
        .iter()
        .filter_map(|(key, depth)| {
            let title = site.resolve(key, lang)?.page.front.title.clone();
            let html = renderer.sections.get(&lang.code, key)?;
            Some((key.as_str(), *depth, title, html))
        })
        .collect();
    let keys: Vec<&str> = pages.iter().map(|p| p.0).collect();
    let ids = section_ids(&keys);
    let data_uris = data_uris(renderer, &lang.code);
    let t = site
        .strings
        .of(&lang.code)
        .unwrap_or_else(|| crate::render::empty_strings());
    let back = t.get("pass_on_contents").map(String::as_str).unwrap_or("");
    let mut sections = String::with_capacity(pages.iter().map(|p| p.3.len() + 64).sum());
    for (key, _, _, html) in &pages {
        let target = Target {
            lang: &lang.code,
            key,
            ids: &ids,
            data_uris: &data_uris,
            base_url: site.config.base_url.as_deref(),
        };
        sections.push_str(&format!("<section id=\"{}\" class=page>", ids[*key]));
        sections.push_str(&rewrite(html, &target));
        sections.push_str(&format!(
            "<p class=back><a href=#contents>{}</a></p></section>",
            tera::escape_html(back)
        ));
    }
    let context = Context {
        lang: lang.into(),
        site_title: &lang.title,
        t,
        build_date: renderer.today.to_string(),
        built_text: crate::render::dates::long_date(&lang.code, renderer.today),
        online: site
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}/", lang.code)),
        contents: pages
            .iter()
            .map(|(key, depth, title, _)| Entry {
                id: ids[*key].clone(),
                title: title.clone(),
                depth: *depth,
            })
            .collect(),
        sections: SECTIONS_MARK,
        clinics: renderer.clinics.all(&lang.code),
    };
    let frame = renderer.render_template("all-in-one.html", &context)?;
    let (frame, hashes) = finish_frame(&frame);
    // Served from the site, the host's policy (`_headers`) applies too: it must allow them.
    renderer.inline_hashes.add(hashes);
    let Some((head, tail)) = frame.split_once(SECTIONS_MARK) else {
        return Err(Diagnostic::error(
            format!("themes/{}/templates/all-in-one.html", site.config.theme),
            "the template does not place the pages: `{{ sections | safe }}` is missing",
        )
        .hint("put `{{ sections | safe }}` inside <main>"));
    };
    let mut bytes = Vec::with_capacity(head.len() + sections.len() + tail.len());
    bytes.extend_from_slice(head.as_bytes());
    bytes.extend_from_slice(sections.as_bytes());
    bytes.extend_from_slice(tail.as_bytes());
    Ok(bytes)
}

/// Minifies the frame and fills in its policy ([`html::self_contained_policy`]), so the
/// file cannot ask for anything, wherever it is opened.
fn finish_frame(frame: &str) -> (String, html::InlineHashes) {
    // The frame's own numbers (the build date) are isolated as on every page; the sections
    // were isolated when their pages were finished.
    let frame = crate::render::html::isolate::isolate_numbers(frame);
    let minified = html::minify_page(&frame);
    let hashes = html::inline_hashes(&minified);
    let page = html::fill_policy(&minified, &html::self_contained_policy(&hashes));
    (page, hashes)
}

/// `data:` URIs for what pages link to inside the language's folder: the clinics'
/// calendars, and images among the site's files.
fn data_uris(renderer: &Renderer<'_>, code: &str) -> BTreeMap<String, String> {
    let site = renderer.site;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut uris = BTreeMap::new();
    let t = |key: &str| site.strings.get(code, key).map(str::to_string);
    for (slug, clinic) in &site.clinics {
        let text = crate::schedule::ics(clinic, code, &t, renderer.today);
        uris.insert(
            format!("{code}/clinics/{slug}.ics"),
            format!(
                "data:text/calendar;charset=utf-8;base64,{}",
                b64(text.as_bytes())
            ),
        );
    }
    for asset in &site.assets {
        let ext = asset
            .output
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let mime = match ext.as_str() {
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            "gif" => "image/gif",
            _ => continue,
        };
        uris.insert(
            asset.output.clone(),
            format!("data:{mime};base64,{}", b64(&asset.bytes)),
        );
    }
    uris
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_neutral_ascii_and_settable() {
        let site = r#"default_language = "nb"
[languages.nb]
name = "Norsk"
title = "Helsehjelp uten papirer"
[languages.fa-AF]
name = "دری"
title = "خدمات صحی بدون اسناد"
dir = "rtl"
"#;
        let config = Config::parse(site).unwrap();
        assert_eq!(download_name(&config, "nb"), "info-nb.html");
        assert_eq!(download_name(&config, "fa-AF"), "info-fa-af.html");
        let config = Config::parse(&format!("share_file_name = \"notes\"\n{site}")).unwrap();
        assert_eq!(download_name(&config, "nb"), "notes-nb.html");
    }

    #[test]
    fn menu_order_is_depth_first_and_ids_are_unique() {
        let children = BTreeMap::from([
            ("", vec!["rights/", "about/"]),
            ("rights/", vec!["rights/adults/"]),
            ("lost/", vec!["lost/page/"]),
        ]);
        let order: Vec<String> = menu_order(&children).into_iter().map(|o| o.0).collect();
        assert_eq!(
            order,
            ["", "rights/", "rights/adults/", "about/", "lost/page/"]
        );
        let ids = section_ids(&["", "a-b/", "a/b/"]);
        assert_eq!(ids["a-b/"], "a-b");
        assert_eq!(ids["a/b/"], "a-b-2");
        assert_eq!(ids[""], "home");
    }

    #[test]
    fn only_the_inside_of_main_is_kept() {
        assert_eq!(
            main_of("<body><main id=main><p>x</p></main><footer>"),
            Some("<p>x</p>")
        );
        assert_eq!(main_of("<body>none"), None);
    }
}
