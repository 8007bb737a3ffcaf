//! Publishing: `varde build --base-url URL` (the address known only where the site is
//! deployed) on the fixture site: absolute canonical and hreflang links on every page type,
//! `sitemap.xml` and `robots.txt`, Open Graph tags, the leaflets' QR codes and address,
//! `404.html` and the one-file copy; a malformed address refused before anything is written.
//! The deploy workflows themselves are run on the shipped site in tests/shipped_deploy.rs.

use crate::common;
use common::TestSite;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};

/// The stand-in address, without its trailing slash, as GitHub's configure-pages gives it.
const GIVEN: &str = "https://volunteers.example.net/health";
const BASE: &str = "https://volunteers.example.net/health/";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

/// The fixture site (no `base_url` in its site.toml) built with `--base-url`.
fn built_with_address() -> TestSite {
    let site = TestSite::fixture("site");
    assert!(!site.source("site.toml").contains("base_url"));
    let r = site.run(&["build", "--base-url", GIVEN]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("no base_url"), "{}", r.stderr);
    site
}

/// Every HTML page of dist/ that has a canonical link: its URL, and its hreflang alternates.
fn canonical_pages(site: &TestSite) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut pages = BTreeMap::new();
    for (path, bytes) in site.dist() {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let alternates: BTreeSet<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().into(),
                    v.attr("href").unwrap().into(),
                )
            })
            .collect();
        let url = match attr(&doc, "link[rel=canonical]", "href") {
            Some(url) => url,
            // The language chooser is the x-default of every page: its own address.
            None if path == "index.html" => BASE.to_string(),
            None => continue,
        };
        pages.insert(url, alternates);
    }
    pages
}

#[test]
fn with_base_url_every_page_type_has_absolute_canonical_hreflang_and_link_preview() {
    let site = built_with_address();
    let languages = site.declared_languages();
    let mut checked = BTreeSet::new();
    for (path, bytes) in site.dist() {
        let is_page = path.ends_with("/index.html")
            && !path.contains("leaflet/")
            && !path.starts_with("translators/");
        if !is_page {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let own = format!("{BASE}{}", path.trim_end_matches("index.html"));
        assert_eq!(
            attr(&doc, "link[rel=canonical]", "href").as_deref(),
            Some(own.as_str()),
            "{path}: canonical"
        );
        let alternates: Vec<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                let v = l.value();
                (
                    v.attr("hreflang").unwrap().into(),
                    v.attr("href").unwrap().into(),
                )
            })
            .collect();
        let (_, key) = path.trim_end_matches("index.html").split_once('/').unwrap();
        let mut expected: Vec<(String, String)> = languages
            .iter()
            .map(|l| (l.clone(), format!("{BASE}{l}/{key}")))
            .collect();
        expected.push(("x-default".into(), BASE.into()));
        assert_eq!(alternates, expected, "{path}: alternates");
        // Open Graph: the page's own title and address, in its language.
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        let og = |p: &str| attr(&doc, &format!("meta[property=\"og:{p}\"]"), "content");
        assert_eq!(og("title").as_deref(), Some(h1.trim()), "{path}: og:title");
        assert_eq!(og("url").as_deref(), Some(own.as_str()), "{path}: og:url");
        assert_eq!(og("type").as_deref(), Some("website"), "{path}");
        let lang = attr(&doc, "html", "lang").unwrap();
        let shown_in = attr(&doc, "article[lang]", "lang").unwrap_or(lang);
        assert_eq!(og("locale"), Some(shown_in.replace('-', "_")), "{path}");
        if let Some(d) = attr(&doc, "meta[name=description]", "content") {
            assert_eq!(og("description"), Some(d), "{path}: og:description");
        }
        // Page types: a home, a section, a page, a clinic page, the safety page.
        let kind = match key {
            "" => "home",
            k if k.starts_with("clinics/") && k != "clinics/" => "clinic",
            k if k.contains("safety") => "safety",
            k if k.matches('/').count() == 1 => "section or top page",
            _ => "page",
        };
        checked.insert(kind);
    }
    assert_eq!(checked.len(), 5, "page types checked: {checked:?}");
    // The language chooser: every language's home and itself as x-default.
    let chooser = Html::parse_document(&site.read("index.html"));
    let alternates: Vec<String> = chooser
        .select(&sel("link[rel=alternate][hreflang]"))
        .map(|l| l.value().attr("href").unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = languages.iter().map(|l| format!("{BASE}{l}/")).collect();
    expected.push(BASE.into());
    assert_eq!(alternates, expected, "index.html");
}

#[test]
fn with_base_url_the_leaflets_404_and_one_file_copy_lead_to_the_address() {
    let site = built_with_address();
    for lang in site.declared_languages() {
        let home = format!("{BASE}{lang}/");
        let leaflet = site.read(&format!("{lang}/leaflet/index.html"));
        assert!(leaflet.contains("<svg class=\"qr\""), "{lang}: QR code");
        // Printed whole: it may break after a `/`, never after a `-` or `.` (word joiners).
        let printed = leaflet.replace("<wbr>", "").replace('\u{2060}', "");
        assert!(
            printed.contains(&format!("<p class=lf-url dir=ltr>{home}<")),
            "{lang}: the address printed with the QR code"
        );
        // Strips to cut off, on the A4 sheet only: both clinics' numbers, 113, the address.
        let strips = &printed[printed.find("class=lf-strips").expect("strips")..];
        // The fixture's numbers are made up: read from its clinic files.
        for slug in ["oslo", "bergen"] {
            let phone = site.toml(&format!("content/clinics/{slug}.toml"))["phone"]["display"]
                .as_str()
                .unwrap()
                .to_string();
            assert!(strips.contains(&phone), "{lang}: {phone} on the strips");
        }
        assert!(strips.contains("113") && strips.contains(&home), "{lang}");
        let a5 = site.read(&format!("{lang}/leaflet/a5/index.html"));
        assert!(
            !a5.contains("class=lf-strips"),
            "{lang}: the A5 copies are handed out whole"
        );
        let copy = site.read(&format!("{lang}/all-in-one.html"));
        assert!(
            copy.contains(&home),
            "{lang}: the one-file copy names the site"
        );
    }
    let not_found = site.read("404.html");
    assert!(
        not_found.contains(&format!("href={BASE}en/")),
        "{not_found}"
    );
}

#[test]
fn the_sitemap_lists_every_page_once_with_its_alternates_and_robots_txt_points_to_it() {
    let site = built_with_address();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"));
    assert!(sitemap.ends_with("</urlset>\n"));
    let mut listed: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for entry in sitemap.split("<url>").skip(1) {
        let entry = &entry[..entry.find("</url>").expect("</url>")];
        let loc = &entry[entry.find("<loc>").unwrap() + 5..entry.find("</loc>").unwrap()];
        let alternates = entry
            .split("<xhtml:link ")
            .skip(1)
            .map(|l| {
                let value = |name: &str| {
                    let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    l[start..start + l[start..].find('"').unwrap()].to_string()
                };
                assert_eq!(value("rel"), "alternate");
                (value("hreflang"), value("href"))
            })
            .collect();
        assert!(
            listed.insert(loc.to_string(), alternates).is_none(),
            "{loc} listed twice"
        );
    }
    // Exactly the pages that have a canonical address, each with the alternates it has.
    let pages = canonical_pages(&site);
    assert_eq!(
        listed.keys().collect::<Vec<_>>(),
        pages.keys().collect::<Vec<_>>()
    );
    assert_eq!(listed, pages);
    // Every page of the source language in every language, and the chooser.
    let languages = site.declared_languages().len();
    let sources = common::markdown_files(&site.path().join("content/nb"));
    assert_eq!(pages.len(), sources * languages + 1);
    assert_eq!(
        site.read("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    // Search engines' files are not kept on readers' phones.
    let sw = site.read("sw.js");
    assert!(!sw.contains("sitemap.xml") && !sw.contains("robots.txt"));
}

#[test]
fn the_address_given_at_build_time_overrides_site_toml_and_without_one_nothing_is_absolute() {
    let site = TestSite::fixture("multilingual");
    assert!(
        site.source("site.toml")
            .contains("base_url = \"https://example.org/helse/\"")
    );
    let r = site.run(&["build", "--base-url", "http://127.0.0.1:8000/preview"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let en = site.read("en/index.html");
    assert!(
        en.contains("href=http://127.0.0.1:8000/preview/en/ rel=canonical"),
        "{en}"
    );
    assert!(!en.contains("example.org/helse"), "{en}");
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>http://127.0.0.1:8000/preview/en/</loc>")
    );

    let plain = TestSite::fixture_built("site");
    assert!(!plain.exists("sitemap.xml") && !plain.exists("robots.txt"));
    for (path, bytes) in plain.dist() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("og:"),
            "{path}: Open Graph without an address"
        );
    }
}

#[test]
fn a_malformed_address_is_a_usage_error_and_dist_stays_untouched() {
    let site = TestSite::fixture_built("site");
    let before = site.dist();
    for (url, says) in [
        ("example.org/helse/", "is not an absolute http(s) address"),
        ("ftp://example.org/", "is not an absolute http(s) address"),
        ("https://", "has no host name"),
        ("https:///helse/", "has no host name"),
        ("https://example.org/a b/", "contains ` `"),
        ("https://example.org/?lang=en", "contains `?`"),
        ("https://example.org/#top", "contains `#`"),
    ] {
        for command in ["build", "pdf"] {
            let r = site.run(&[command, "--base-url", url]);
            assert_eq!(r.code, 2, "{command} --base-url {url}: {}", r.stderr);
            assert!(
                r.stderr.contains(&format!(
                    "error: invalid value '{url}' for '--base-url <URL>': `{url}` {says}"
                )),
                "{url}: {}",
                r.stderr
            );
            assert!(
                r.stderr.contains("e.g. https://example.org/helse/"),
                "{}",
                r.stderr
            );
            assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        }
    }
    assert!(site.dist() == before, "dist/ changed");
}
