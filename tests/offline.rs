//! End-to-end tests of the offline stage on the fixture site `tests/fixtures/site/`: the service worker's manifest
//! lists every file exactly once with its true size and hash, the build is deterministic,
//! the kill switch, `_headers`, the web app manifests, the offline and not-found pages.

use crate::common;

use base64::Engine as _;
use common::TestSite;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Pack → [(url, hash, size)], read from the `F={...}` literal of sw.js.
fn packs(sw: &str) -> BTreeMap<String, Vec<(String, String, u64)>> {
    let start = sw.find("F={").expect("sw.js embeds its manifest") + 2;
    let end = sw
        .find(",S=self")
        .expect("manifest is followed by the code");
    let mut packs: BTreeMap<String, Vec<(String, String, u64)>> = BTreeMap::new();
    let (mut depth, mut pack, mut fields) = (0, String::new(), Vec::<String>::new());
    let mut chars = sw[start..end].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let s: String = chars.by_ref().take_while(|&c| c != '"').collect();
                if depth == 1 {
                    pack = s.clone();
                    packs.insert(s, Vec::new());
                } else {
                    fields.push(s);
                }
            }
            '0'..='9' => {
                let mut n = c.to_string();
                for d in chars.by_ref() {
                    if d == ']' {
                        fields.push(n.clone());
                        let size = fields[2].parse().unwrap();
                        packs.get_mut(&pack).unwrap().push((
                            fields[0].clone(),
                            fields[1].clone(),
                            size,
                        ));
                        fields.clear();
                        depth -= 1;
                        break;
                    }
                    n.push(d);
                }
            }
            '{' | '[' => depth += 1,
            ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    packs
}

#[test]
fn the_service_worker_lists_every_file_once_with_its_size_and_hash() {
    let site = TestSite::fixture_built("site");
    let dist = site.dist();
    let langs = site.languages();
    assert!(langs.len() >= 2, "{langs:?}");
    let packs = packs(&site.read("sw.js"));
    let mut listed = BTreeMap::new();
    for (pack, entries) in &packs {
        for (url, hash, size) in entries {
            let path = if url.is_empty() || url.ends_with('/') {
                format!("{url}index.html")
            } else {
                url.clone()
            };
            assert!(
                listed
                    .insert(path.clone(), (pack.clone(), hash.clone(), *size))
                    .is_none(),
                "{path} listed twice"
            );
        }
    }
    for (path, bytes) in &dist {
        if ["sw.js", "_headers", "404.html", "sitemap.xml", "robots.txt"].contains(&path.as_str()) {
            assert!(!listed.contains_key(path), "{path} is not precached");
            continue;
        }
        let (pack, hash, size) = listed
            .remove(path)
            .unwrap_or_else(|| panic!("{path} is missing from the manifest"));
        let expected_pack = match path.split_once('/') {
            Some((folder, _)) => folder,
            None if path.starts_with("icon-512") || path.starts_with("icon-maskable-512") => {
                "+install"
            }
            None => "",
        };
        assert_eq!(pack, expected_pack, "{path}");
        assert_eq!(size, bytes.len() as u64, "{path}");
        let full = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes));
        assert_eq!(hash, full[..12], "{path}");
    }
    assert!(listed.is_empty(), "listed but not written: {listed:?}");
    for lang in &langs {
        let urls: Vec<&str> = packs[lang].iter().map(|e| e.0.as_str()).collect();
        assert!(
            urls.contains(&format!("{lang}/").as_str())
                && urls.contains(&format!("{lang}/offline.html").as_str()),
            "{lang}: {urls:?}"
        );
    }
    let shared: Vec<&str> = packs[""].iter().map(|e| e.0.as_str()).collect();
    assert!(
        shared.contains(&"") && shared.contains(&"offline.html"),
        "{shared:?}"
    );
}

#[test]
fn same_sources_give_a_byte_identical_service_worker_and_a_change_a_new_version() {
    let a = TestSite::fixture_built("site");
    let b = TestSite::fixture_built("site");
    assert_eq!(a.read("sw.js"), b.read("sw.js"));
    assert_eq!(a.read("_headers"), b.read("_headers"));
    assert_eq!(a.dist(), b.dist(), "the whole dist/ is byte-identical");
    let page = b.path().join("content/en/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text + "\nOne more sentence.\n").unwrap();
    b.build_ok();
    let version = |s: &str| {
        s.split("V=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_ne!(version(&a.read("sw.js")), version(&b.read("sw.js")));
}

#[test]
fn the_kill_switch_builds_a_service_worker_that_removes_itself_and_pages_that_do_not_register() {
    let site = TestSite::fixture("site");
    let r = site.run(&["build", "--unregister-sw"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sw = site.read("sw.js");
    assert!(
        sw.contains("caches.delete") && sw.contains("registration.unregister()"),
        "{sw}"
    );
    assert!(sw.contains("skipWaiting()"), "takes over at once: {sw}");
    assert!(
        !sw.contains("F={") && !sw.contains("fetch("),
        "caches nothing: {sw}"
    );
    for (path, bytes) in site.dist() {
        if path.ends_with(".html") {
            // The safety page's "forget" script may unregister; nothing may register.
            assert!(
                !String::from_utf8_lossy(&bytes).contains(".register("),
                "{path} registers nothing"
            );
        }
    }
    assert!(
        site.exists("en/index.html") && site.exists("404.html"),
        "the site itself is still there"
    );
}

#[test]
fn headers_allow_what_every_page_runs_and_keep_sw_js_uncached() {
    let site = TestSite::fixture_built("site");
    let headers = site.read("_headers");
    let csp = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap();
    let mut pages = 0;
    for (path, bytes) in site.dist() {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(&bytes);
        let varde::render::html::InlineHashes { styles, scripts } =
            varde::render::html::inline_hashes(&html);
        for h in styles.iter().chain(&scripts) {
            assert!(
                csp.contains(&format!("'{h}'")),
                "{path}: {h} not allowed by _headers"
            );
        }
        let meta = html
            .split("Content-Security-Policy\" content=\"")
            .nth(1)
            .or_else(|| html.split("content=\"default-src").nth(1));
        assert!(meta.is_some(), "{path} has its own CSP");
    }
    // Every page of the fixture's content, plus the pages varde adds (offline, 404, ...).
    let sources = common::markdown_files(&site.path().join("content"));
    assert!(
        sources >= 20 && pages > sources,
        "{pages} pages, {sources} sources"
    );
    assert!(
        headers.contains("/sw.js\n  Cache-Control: no-cache\n"),
        "{headers}"
    );
    let icons: Vec<&str> = headers.lines().filter(|l| l.starts_with("/icon")).collect();
    assert_eq!(icons.len(), 3, "{headers}");
    for icon in icons {
        assert!(site.exists(&icon[1..]), "{icon}");
        assert!(headers.contains(&format!(
            "{icon}\n  Cache-Control: public, max-age=31536000, immutable"
        )));
    }
    assert!(
        !csp.contains("unsafe-inline") && csp.contains("default-src 'self'"),
        "{csp}"
    );
}

#[test]
fn every_language_has_an_installable_manifest_with_icons_from_the_one_svg() {
    let site = TestSite::fixture_built("site");
    let config = site.toml("site.toml");
    for lang in site.languages() {
        let m = site.read(&format!("{lang}/manifest.webmanifest"));
        let tag = varde::render::html_lang(&lang);
        for field in [
            format!("\"lang\":\"{tag}\""),
            "\"start_url\":\"./\"".into(),
            "\"scope\":\"./\"".into(),
            "\"display\":\"standalone\"".into(),
        ] {
            assert!(m.contains(&field), "{lang}: {field} in {m}");
        }
        let rtl = config["languages"][&lang]["dir"].as_str() == Some("rtl");
        assert!(
            m.contains(if rtl {
                "\"dir\":\"rtl\""
            } else {
                "\"dir\":\"ltr\""
            }),
            "{m}"
        );
        assert!(m.contains("\"purpose\":\"maskable\""), "{m}");
        for (size, src) in m
            .split("\"src\":\"../")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .map(|s| {
                (
                    s.split(['-', '.'])
                        .find_map(|p| p.parse::<u32>().ok())
                        .unwrap(),
                    s,
                )
            })
        {
            let png = std::fs::read(site.path().join("dist").join(src)).unwrap();
            assert_eq!(&png[1..4], b"PNG", "{src}");
            assert_eq!(
                u32::from_be_bytes(png[16..20].try_into().unwrap()),
                size,
                "{src} is {size} px wide"
            );
        }
        let home = site.read(&format!("{lang}/index.html"));
        assert!(
            home.contains("manifest.webmanifest"),
            "{lang} home links its manifest"
        );
    }
}

#[test]
fn offline_pages_are_localized_and_404_uses_no_relative_url() {
    let site = TestSite::fixture_built("site");
    for lang in site.languages() {
        let page = site.read(&format!("{lang}/offline.html"));
        let head = page.split("<head>").next().unwrap();
        let tag = varde::render::html_lang(&lang);
        assert!(
            head.contains(&format!("lang={tag}")) || head.contains(&format!("lang=\"{tag}\"")),
            "{lang}: {head}"
        );
        assert!(
            page.contains("id=cached") && page.contains("id=nojs"),
            "lists kept pages, says something without JS"
        );
    }
    assert!(site.exists("offline.html"));
    let not_found = site.read("404.html");
    for link in common::links(&not_found) {
        // A fragment (the skip link) stays on the page at any depth.
        assert!(
            link.starts_with('/') || link.starts_with("http") || link.starts_with('#'),
            "404.html: relative link {link}"
        );
    }
    for lang in site.languages() {
        assert!(
            not_found.contains(&format!("data-to={lang}/")),
            "404.html links to {lang}"
        );
    }
}
