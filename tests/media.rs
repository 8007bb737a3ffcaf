//! End-to-end tests of videos and recordings (issue 24) on the fixture site with the media of
//! `tests/fixtures/media/` laid over it: the player's markup and cost text in the reader's
//! digits, the guards (a file whose contents do not match its extension, an oversized file,
//! a video without captions, `check --strict`), hashed names cached a year, the one-file copy
//! and `varde status`, and no `<iframe>` in any page of any fixture.

use crate::common;

use common::{TestSite, repo};

/// The fixture site with the media fixture's files in `content/`.
fn media_site() -> TestSite {
    let site = TestSite::fixture("site");
    let from = repo().join("tests/fixtures/media");
    for e in walkdir::WalkDir::new(&from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&from).unwrap();
        if e.file_type().is_file() && rel.starts_with("en") {
            site.write(
                &format!("content/{}", rel.to_string_lossy()),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    site
}

/// The `dist/` path of the source file name `stem.*.ext` under `en/media/`.
fn hashed(site: &TestSite, stem: &str, ext: &str) -> String {
    site.dist()
        .keys()
        .find(|p| p.starts_with(&format!("en/media/{stem}.")) && p.ends_with(&format!(".{ext}")))
        .cloned()
        .unwrap_or_else(|| panic!("no {stem}.*.{ext} in dist/en/media/"))
}

#[test]
fn a_video_becomes_a_captioned_player_with_its_cost_and_a_hashed_name_cached_a_year() {
    let site = media_site();
    let run = site.build_ok();
    assert!(
        !run.stderr.contains("video without captions"),
        "{}",
        run.stderr
    );
    let film = hashed(&site, "rights", "webm");
    assert!(regex_like_hash(&film), "a content hash in the name: {film}");
    let html = site.read("en/film/index.html");
    assert!(html.contains(&format!("<video data-web-only controls preload=none poster=\"../../en/media/rights.png\" src=\"../../{film}\"><track kind=captions src=\"../../en/media/rights.en.vtt\" srclang=\"en\" label=\"English\" default></video>")), "{html}");
    assert!(html.contains("<small>Video, 4 s, 0.1 MB</small>"), "{html}");
    // The transcript beside the film (rights.en.md) is shown under it, not made a page.
    assert!(html.contains("<details class=transcript><summary>What is said</summary><p>Your rights, in two seconds.<p>Call the health centre.</details>"), "{html}");
    assert!(!site.exists("en/media/rights-en/index.html") && !site.exists("en/media/rights.en.md"));
    assert!(
        html.contains("<small>Recording, 3 s, 0.1 MB</small>"),
        "{html}"
    );
    assert!(html.contains("media-src 'self'"));
    // The Arabic reader sees the same film (the English page, as a fallback) with the
    // language's own separator and ICU4X's digits and decimal sign for Arabic.
    let ar = site.read("ar/film/index.html");
    assert!(
        ar.contains("<small>فيديو، 4 ثانية، 0.1 ميغابايت</small>"),
        "{ar}"
    );
    // Hosts may keep it a year: an updated film gets a new name.
    let headers = site.read("_headers");
    assert!(
        headers.contains(&format!(
            "/{film}\n  Cache-Control: public, max-age=31536000, immutable\n"
        )),
        "{headers}"
    );
    // Never in a language pack.
    let sw = site.read("sw.js");
    assert!(
        !sw.contains(".webm\"") && !sw.contains(".opus\""),
        "media in sw.js"
    );
    assert!(
        sw.contains("en/media/rights.en.vtt"),
        "captions ride with the language"
    );
}

/// `rights.1a2b3c4d.webm`: eight hex digits between the stem and the extension.
fn regex_like_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3 && parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn the_one_file_copy_and_print_say_where_to_play_it_instead_of_the_player() {
    let site = media_site();
    site.write(
        "site.toml",
        format!(
            "base_url = \"https://example.org/helse/\"\n{}",
            site.source("site.toml")
        ),
    );
    site.build_ok();
    let file = site.read("en/all-in-one.html");
    assert!(
        !file.contains("<video") && !file.contains("<audio"),
        "no player in the file"
    );
    assert!(!file.contains(".webm"), "the film is not carried");
    assert!(
        file.contains("Play it at https://example.org/helse/en/film/"),
        "where to play it"
    );
    assert!(file.contains("A short film about your rights"));
    let page = site.read("en/film/index.html");
    assert!(page.contains("<p class=media-where data-file-only hidden>Play it at https://example.org/helse/en/film/</p>"), "{page}");
}

#[test]
fn a_file_whose_contents_do_not_match_its_extension_is_an_error_naming_it() {
    let site = media_site();
    site.build_ok();
    let before = site.dist();
    site.write(
        "content/en/media/fake.mp4",
        "this is a text file, not a film\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/en/media/fake.mp4: error: this file is not a .mp4 media file (its contents are not a video or recording)"), "{}", r.stderr);
    assert!(
        r.stderr.contains("help: export it again as WebM"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(site.dist(), before, "dist/ untouched");
}

#[test]
fn an_oversized_file_and_a_video_without_captions_are_warnings_and_check_strict_fails_on_them() {
    let site = media_site();
    site.write(
        "site.toml",
        format!("media_max_mb = 0.01\n{}", site.source("site.toml")),
    );
    site.remove("content/en/media/rights.en.vtt");
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/en/media/rights.webm: warning: 0.0 MB: larger than media_max_mb (0.01 MB)"
        ) || r
            .stderr
            .contains("content/en/media/rights.webm: warning: 0.02 MB"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/en/media/rights.webm: warning: video without captions in `en`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: readers who cannot hear it, or must keep the sound off, need them: add rights.en.vtt beside it"), "{}", r.stderr);
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("check --strict:"), "{}", check.stderr);
    // The address known where the site is deployed silences only the base_url warning.
    let deployed = site.run(&[
        "check",
        "--strict",
        "--base-url",
        "https://example.org/helse/",
    ]);
    assert_eq!(deployed.code, 1, "{}", deployed.stderr);
    assert!(
        !deployed.stderr.contains("no base_url"),
        "{}",
        deployed.stderr
    );
    assert!(
        deployed.stderr.contains("video without captions"),
        "{}",
        deployed.stderr
    );
    let status = site.run(&["status"]);
    assert!(
        status.stdout.contains("videos without captions:\n"),
        "{}",
        status.stdout
    );
    for lang in ["nb", "en", "ar"] {
        assert!(
            status.stdout.contains(&format!(
                "  {lang}: content/en/media/rights.webm (add <name>.{lang}.vtt beside each)"
            )),
            "{}",
            status.stdout
        );
    }
}

#[test]
fn no_page_of_any_fixture_has_an_iframe() {
    let mut sites = vec![media_site()];
    for name in ["site", "multilingual", "status", "xss"] {
        sites.push(TestSite::fixture(name));
    }
    for site in &sites {
        site.build_ok();
        for (path, bytes) in site.dist() {
            if path.ends_with(".html") {
                let html = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
                assert!(!html.contains("<iframe"), "{path} has an iframe");
            }
        }
    }
}

#[test]
fn a_page_showing_a_film_that_is_not_there_is_an_error_at_its_line() {
    let site = media_site();
    site.write(
        "content/en/film.md",
        "+++\ntitle = \"A film\"\n+++\nIntro.\n\n![A short film](media/right.webm)\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("content/en/film.md:6:1: error: there is no video or recording `media/right.webm` beside this page"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: put the file at content/en/media/right.webm, or correct its name"),
        "{}",
        r.stderr
    );
}
