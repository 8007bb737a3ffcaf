//! The reader's language, one tap away, and hreflang alternates (issue 12), on built sites:
//! every page type links the list of languages before `<main>`; alternates are absolute
//! with `base_url` and absent without it. On fixture sites (`tests/fixtures/site/`, three
//! languages, and `multilingual/`, which has a base_url).

use crate::common;

use common::TestSite;
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The HTML pages of a built site, parsed, by path below `dist/`.
fn pages(site: &TestSite) -> Vec<(String, Html)> {
    site.dist()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            (
                path,
                Html::parse_document(&String::from_utf8(bytes).unwrap()),
            )
        })
        .collect()
}

/// Where `href` on the page at `path` leads, as a path below `dist/` without `index.html`
/// (`""` is the language chooser), or `#id` for a link within the page. Root-relative links
/// (the 404 page's, which a script corrects) are taken from the domain's root.
fn target(path: &str, href: &str) -> String {
    if href.starts_with('#') {
        return href.to_string();
    }
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        path.split('/').collect()
    };
    parts.pop(); // the file name
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The links before `<main>`, in document order.
fn links_before_main(doc: &Html) -> Vec<ElementRef<'_>> {
    let mut links = Vec::new();
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "main" => return links,
            "a" if el.value().attr("href").is_some() => links.push(el),
            _ => {}
        }
    }
    links
}

#[test]
fn every_page_type_links_the_languages_before_main() {
    let site = TestSite::fixture_built("site");
    let pages = pages(&site);
    let lists = sel("#languages a[hreflang]");
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (path, doc) in &pages {
        // The chooser is itself the list of languages, in their own names and scripts. The
        // one-file copy of a language is one language by design: passed on from phone to
        // phone, it links only inside itself.
        if path == "index.html" || path.ends_with("/all-in-one.html") {
            continue;
        }
        let links = links_before_main(doc);
        let language_link = links.iter().position(|a| {
            let to = target(path, a.value().attr("href").unwrap_or_default());
            to.is_empty() || (to == "#languages" && doc.select(&lists).count() >= 2)
        });
        let Some(at) = language_link else {
            problems.push(format!("{path}: no link to the languages before <main>"));
            continue;
        };
        checked.push(path.as_str());
        if links[0].value().attr("href") != Some("#main") {
            problems.push(format!("{path}: the skip link is not the first link"));
        }
        let brand = links.iter().position(|a| {
            a.value()
                .has_class("brand", scraper::CaseSensitivity::CaseSensitive)
        });
        if brand.is_some_and(|b| b > at) {
            problems.push(format!("{path}: the language link comes before the brand"));
        }
        let link = links[at];
        if link.text().collect::<String>().trim().is_empty() {
            problems.push(format!("{path}: the language link has no text"));
        }
        // A reader who cannot read the page finds "Language" in English too.
        let english_page = doc.root_element().value().attr("lang") == Some("en");
        let english_word = link.select(&sel("[lang=en]")).next().is_some();
        if english_page == english_word {
            problems.push(format!(
                "{path}: English word {} on a page in {:?}",
                if english_word { "repeated" } else { "missing" },
                doc.root_element().value().attr("lang")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for page_type in [
        "nb/index.html",
        "ar/rights/adults/index.html",
        "en/clinics/oslo/index.html",
        "ar/clinics/bergen/index.html",
        "ar/about/safety/index.html",
        "offline.html",
        "ar/offline.html",
        "404.html",
        "translators/index.html",
        "en/leaflet/index.html",
        "ar/leaflet/a5/index.html",
    ] {
        assert!(checked.contains(&page_type), "{page_type} not checked");
    }
}

#[test]
fn with_base_url_every_alternate_is_absolute_and_x_default_is_the_chooser() {
    let site = TestSite::fixture("multilingual");
    let r = site.build_ok();
    assert!(!r.stderr.contains("no base_url"), "{}", r.stderr);
    let base = "https://example.org/helse/";
    let alternates = sel("link[rel=alternate][hreflang]");
    let mut with_alternates = 0;
    for (path, doc) in pages(&site) {
        let links: Vec<(String, String)> = doc
            .select(&alternates)
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().to_string(),
                    v.attr("href").unwrap().to_string(),
                )
            })
            .collect();
        for (lang, href) in &links {
            assert!(
                href.starts_with(base),
                "{path}: {lang} alternate {href} is not absolute"
            );
        }
        let is_page = path.ends_with("index.html")
            && !path.contains("leaflet/")
            && !path.starts_with("translators/");
        if is_page {
            with_alternates += 1;
            let langs: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
            assert_eq!(langs, ["nb", "en", "x-default"], "{path}");
            assert_eq!(
                links[2].1, base,
                "{path}: x-default is the language chooser"
            );
        }
    }
    assert!(
        with_alternates >= 7,
        "only {with_alternates} pages with alternates"
    );
    let about = site.read("en/about/index.html");
    assert!(
        about.contains("<link href=https://example.org/helse/nb/about/ hreflang=nb rel=alternate>"),
        "{about}"
    );
}

#[test]
fn without_base_url_no_page_has_hreflang_alternates_and_the_build_says_so_once() {
    let site = TestSite::fixture("site");
    let r = site.build_ok();
    assert_eq!(r.stderr.matches("no base_url").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "site.toml: warning: no base_url: pages have no hreflang alternates or canonical link for search engines, no sitemap.xml and no link previews, and the printed leaflets have no QR code to the site"
        ),
        "{}",
        r.stderr
    );
    let alternates = sel("link[hreflang], link[rel=canonical]");
    let pages = pages(&site);
    let languages = site.declared_languages();
    assert!(
        pages.len() > 8 * languages.len(),
        "{} pages, 8 sources in each language",
        pages.len()
    );
    for (path, doc) in &pages {
        assert_eq!(doc.select(&alternates).count(), 0, "{path}");
    }
    // The language links of the footer and the chooser keep their hreflang.
    let home = site.read("nb/index.html");
    assert!(home.contains("hreflang=ar"), "{home}");
}
