//! Pass it on (issue 13): every language as one self-contained file, offered on every
//! page with a plain ASCII download name, kept by the service worker with its language,
//! within 150 KB. On the fixture site `tests/fixtures/site/`; the budget of the shipped
//! languages' files is in tests/shipped_budget.rs.

use crate::common;
use common::{TestSite, links};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn every_language_is_one_file_of_at_most_150_kb_holding_every_page() {
    let site = TestSite::fixture("site");
    let run = site.build_ok();
    let mut languages = site.languages();
    let mut declared = site.declared_languages();
    languages.sort();
    declared.sort();
    assert_eq!(languages, declared);
    let dist = site.dist();
    for lang in &languages {
        let path = format!("{lang}/all-in-one.html");
        let bytes = dist.get(&path).unwrap_or_else(|| panic!("no dist/{path}"));
        assert!(
            bytes.len() <= 150 * 1024,
            "dist/{path} is {} bytes, over the 150 KB budget",
            bytes.len()
        );
        // The build reports its size.
        let kb = format!("{lang} {} KB", bytes.len().div_ceil(1024));
        assert!(run.stderr.contains(&kb), "no `{kb}` in:\n{}", run.stderr);

        let html = String::from_utf8(bytes.clone()).unwrap();
        let doc = Html::parse_document(&html);
        let root = doc.select(&sel("html")).next().unwrap();
        assert_eq!(root.attr("lang"), Some(common_tag(lang)));
        // One h1 (the site), each page a section with its own id and its title as h2.
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}");
        let pages: Vec<&String> = dist
            .keys()
            .filter(|p| p.starts_with(&format!("{lang}/")) && p.ends_with("/index.html"))
            .filter(|p| !p.contains("/leaflet/"))
            .collect();
        let sections: Vec<_> = doc.select(&sel("main > section.page[id]")).collect();
        assert_eq!(sections.len(), pages.len(), "{path}: one section per page");
        for page in pages {
            let page_doc = Html::parse_document(&String::from_utf8_lossy(&dist[page]));
            let title = page_doc
                .select(&sel("main h1"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            assert!(
                sections.iter().any(|s| s
                    .select(&sel("h2"))
                    .next()
                    .is_some_and(|h| h.text().collect::<String>() == title)),
                "{path}: no section headed {title:?} (from dist/{page})"
            );
        }
        // Every link inside the file points at an id it has; nothing else is fetched.
        let ids: std::collections::HashSet<&str> = doc
            .select(&sel("[id]"))
            .filter_map(|e| e.attr("id"))
            .collect();
        for a in doc.select(&sel("a[href^='#']")) {
            let target = &a.attr("href").unwrap()[1..];
            assert!(ids.contains(target), "{path}: link to missing #{target}");
        }
        for url in links(&html) {
            assert!(
                ["#", "https:", "http:", "tel:", "mailto:", "data:"]
                    .iter()
                    .any(|p| url.starts_with(p)),
                "{path}: `{url}` would need another file"
            );
        }
        assert!(
            doc.select(&sel("script[src], link, img:not([src^='data:'])"))
                .next()
                .is_none()
        );
        let csp = doc
            .select(&sel("meta[http-equiv=Content-Security-Policy]"))
            .next()
            .and_then(|m| m.attr("content"))
            .unwrap();
        // One script of its own, the one that computes the next openings from the device's
        // clock, allowed by hash, and one data block per clinic (the year of openings); the
        // pages' scripts (open now, the registration) are not carried over.
        let scripts: Vec<String> = doc
            .select(&sel("script:not([type])"))
            .map(|s| s.text().collect())
            .collect();
        assert_eq!(scripts.len(), 1, "{path}: {scripts:?}");
        assert!(scripts[0].contains("data-next"), "{path}: {scripts:?}");
        let data: Vec<&str> = doc
            .select(&sel("script[type='application/json']"))
            .filter_map(|s| s.attr("id"))
            .collect();
        assert_eq!(data, ["nx-bergen", "nx-oslo"], "{path}");
        let hash = {
            use base64::Engine as _;
            use sha2::Digest as _;
            base64::engine::general_purpose::STANDARD
                .encode(sha2::Sha256::digest(scripts[0].as_bytes()))
        };
        assert!(
            csp.contains(&format!("script-src 'sha256-{hash}'")),
            "{path}: {csp}"
        );
        assert!(
            csp.starts_with("default-src 'none'; style-src 'sha256-"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe") && !csp.contains("'self'"), "{csp}");
        // The emergency numbers, and when it was made.
        assert!(html.contains("href=tel:113") || html.contains("href=\"tel:113\""));
        assert!(
            html.contains("<time datetime=2026-11-23>"),
            "{path}: build date"
        );
    }
    let sw = site.read("sw.js");
    for lang in &languages {
        let start = sw.find(&format!("\"{lang}\":[")).unwrap();
        let pack = &sw[start..start + sw[start..].find("]]").unwrap()];
        assert!(
            pack.contains(&format!("[\"{lang}/all-in-one.html\"")),
            "the {lang} pack of sw.js lacks its file"
        );
    }
}

/// The `lang` attribute of a site language (Dari is `fa-AF`, see src/render/mod.rs).
fn common_tag(code: &str) -> &str {
    if code == "prs" { "fa-AF" } else { code }
}

#[test]
fn every_page_offers_the_file_under_a_neutral_ascii_name() {
    let site = TestSite::fixture_built("site");
    let languages = site.languages();
    let mut checked = 0;
    for (path, bytes) in site.dist() {
        let lang = path.split('/').next().unwrap();
        if !path.ends_with("index.html")
            || !languages.iter().any(|l| l == lang)
            || path.contains("/leaflet/")
        {
            continue;
        }
        checked += 1;
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let a = doc
            .select(&sel("footer a[download][href$='all-in-one.html']"))
            .next()
            .unwrap_or_else(|| panic!("dist/{path} has no link to the one file"));
        let name = a.attr("download").unwrap();
        assert!(
            name.is_ascii() && name.ends_with(&format!("-{lang}.html")),
            "dist/{path}: download name {name}"
        );
        let depth = path.matches('/').count() - 1;
        assert_eq!(
            a.attr("href").unwrap(),
            format!(
                "{}all-in-one.html",
                if depth == 0 {
                    "./".to_string()
                } else {
                    "../".repeat(depth)
                }
            )
        );
        assert!(!a.text().collect::<String>().trim().is_empty());
    }
    // Every page of every language: the fixture's pages in content/nb/, in each language.
    let per_language = common::markdown_files(&site.path().join("content/nb"));
    assert!(
        per_language >= 8 && checked >= languages.len() * per_language,
        "checked {checked} pages"
    );
    // A neutral name, the same in every language but for the code: a Downloads list or a
    // chat shows it to whoever looks at the phone (site.toml sets no share_file_name).
    assert_eq!(
        Html::parse_document(&site.read("ar/rights/index.html"))
            .select(&sel("a[download$='.html']"))
            .next()
            .and_then(|a| a.attr("download")),
        Some("info-ar.html")
    );
}

#[test]
fn a_page_named_with_spaces_and_letters_like_a_gets_an_ascii_slug_in_the_file_too() {
    let site = TestSite::fixture("multilingual");
    site.write(
        "content/nb/Blåbær og tøy.md",
        "+++\ntitle = \"Blåbær og tøy\"\n+++\nSe [om oss](about.md).\n",
    );
    site.build_ok();
    assert!(
        site.read("nb/blabaer-og-toy/index.html")
            .contains("Blåbær og tøy")
    );
    let file = site.read("nb/all-in-one.html");
    assert!(file.contains("<section id=\"blabaer-og-toy\""), "{file}");
    assert!(file.contains("href=\"#about\""), "{file}");
}

#[test]
fn share_file_name_in_site_toml_names_the_saved_file() {
    let site = TestSite::fixture("site");
    let toml = site.source("site.toml");
    site.write(
        "site.toml",
        toml.replacen(
            "default_language",
            "share_file_name = \"notes\"\ndefault_language",
            1,
        ),
    );
    site.build_ok();
    for lang in site.languages() {
        let html = site.read(&format!("{lang}/index.html"));
        let name = Html::parse_document(&html)
            .select(&sel("a[download]"))
            .next()
            .and_then(|a| a.attr("download").map(str::to_string));
        assert_eq!(name, Some(format!("notes-{lang}.html")));
    }
}

#[test]
fn a_site_too_large_for_one_file_gets_none_and_is_told_so() {
    let site = TestSite::fixture("multilingual");
    let offered = |site: &TestSite| site.read("nb/index.html").contains("all-in-one.html");
    let run = site.build_ok();
    assert!(site.exists("nb/all-in-one.html") && offered(&site));
    assert!(
        !run.stderr.contains("too many for one-file copies"),
        "{}",
        run.stderr
    );
    for n in 0..300 {
        site.write(
            &format!("content/nb/p{n}.md"),
            format!("+++\ntitle = \"Side {n}\"\n+++\nTekst.\n"),
        );
    }
    let run = site.build_ok();
    assert!(
        run.stderr.contains(
            "pages: too many for one-file copies (all-in-one.html), so none are made or offered"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.exists("nb/all-in-one.html") && !site.exists("en/all-in-one.html"));
    assert!(!offered(&site), "no page links to a file that is not there");
}
