//! End-to-end tests of `varde build` on a small multilingual fixture (issue #3): URLs,
//! relative links, alternates, fallback and draft notices, determinism, the staging swap.

use crate::common;
use common::{TestSite, links};

#[test]
fn every_page_exists_in_every_language_with_trailing_slash_urls() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    for lang in ["nb", "en"] {
        for page in ["", "about/", "clinics/", "clinics/bergen/"] {
            assert!(
                site.exists(&format!("{lang}/{page}index.html")),
                "{lang}/{page}"
            );
        }
    }
    let chooser = site.read("index.html");
    assert!(
        chooser.contains(r#"href=nb/"#) && chooser.contains(r#"href=en/"#),
        "{chooser}"
    );
    assert!(chooser.contains("Norsk bokmål") && chooser.contains("English"));
}

#[test]
fn source_path_links_become_relative_urls_that_work_under_any_subpath() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let home = site.read("en/index.html");
    assert!(home.contains(r##"href=clinics/bergen/#hours"##), "{home}");
    let bergen = site.read("nb/clinics/bergen/index.html");
    assert!(bergen.contains("href=../../about/"), "{bergen}");
    assert!(
        bergen.contains("href=./") || bergen.contains("href=../"),
        "{bergen}"
    );
    for (path, bytes) in site.dist() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with("https://example.org/helse/") && html.contains("rel=canonical") {
                continue; // canonical and hreflang alternates are absolute when base_url is set
            }
            assert!(
                !link.starts_with('/') && !link.starts_with("http://"),
                "{path}: absolute link {link} breaks under a subpath"
            );
        }
    }
}

#[test]
fn pages_have_lang_dir_alternates_canonical_and_a_skip_link() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let about = site.read("en/about/index.html");
    assert!(about.contains("<html dir=ltr lang=en>"), "{about}");
    assert!(
        about.contains("<link href=https://example.org/helse/nb/about/ hreflang=nb rel=alternate>"),
        "{about}"
    );
    assert!(
        about.contains("<link href=https://example.org/helse/en/about/ hreflang=en rel=alternate>")
    );
    assert!(about.contains("hreflang=x-default"));
    assert!(
        about.contains("<link href=https://example.org/helse/en/about/ rel=canonical>"),
        "{about}"
    );
    assert!(about.contains("href=#main") && about.contains("id=main"));
    // The language switcher links the same page in every language.
    assert!(about.contains("href=../../nb/about/") && about.contains(">Norsk bokmål<"));
}

#[test]
fn missing_translation_is_shown_from_the_fallback_with_a_notice_in_the_readers_language() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let bergen = site.read("en/clinics/bergen/index.html");
    assert!(bergen.contains("<html dir=ltr lang=en>"));
    assert!(bergen.contains("This page is not translated into English yet. It is shown in <bdi lang=nb>Norsk bokmål</bdi>."), "{bergen}");
    // The article's start tag, whatever the order of its attributes.
    let article = bergen
        .split("<article ")
        .nth(1)
        .and_then(|a| a.split('>').next())
        .unwrap_or_default();
    let mut attributes: Vec<&str> = article.split(' ').collect();
    attributes.sort();
    assert_eq!(
        attributes,
        ["dir=ltr", "lang=nb"],
        "the fallback text is marked as Norwegian: {bergen}"
    );
    assert!(bergen.contains("Helsesenteret i Bergen"));
    let own = site.read("nb/clinics/bergen/index.html");
    assert!(!own.contains("ikke oversatt"));
}

#[test]
fn draft_translation_says_so() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let about = site.read("en/about/index.html");
    assert!(
        about.contains("This translation has not yet been checked by a native speaker."),
        "{about}"
    );
    let nb = site.read("nb/about/index.html");
    assert!(!nb.contains("ikke kontrollert av en morsmålsbruker"));
}

#[test]
fn checked_date_source_and_unique_heading_ids() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let home = site.read("en/index.html");
    assert!(home.contains("<time datetime=2026-11-20>"), "{home}");
    assert!(
        home.contains("id=your-rights") && home.contains("id=your-rights-2"),
        "{home}"
    );
    let nb = site.read("nb/index.html");
    assert!(nb.contains("Helsedirektoratet, 16. november 2022"));
}

/// A page whose facts come from two documents names both, under the plural label, with the
/// language's separator; a page with one source keeps the singular label.
#[test]
fn a_page_names_one_source_or_a_list_of_sources() {
    let site = TestSite::fixture("site");
    site.write(
        "content/en/two.md",
        "+++\ntitle = \"Two\"\nsource = [\"Helsenorge, 16 November 2022\", \"Annual report 2025\"]\n+++\nText.\n",
    );
    site.write(
        "content/ar/two.md",
        "+++\ntitle = \"اثنان\"\nsource = [\"Helsenorge، 2022\", \"التقرير السنوي 2025\"]\n+++\nنص.\n",
    );
    site.write(
        "content/en/one.md",
        "+++\ntitle = \"One\"\nsource = [\"Helsenorge, 16 November 2022\"]\n+++\nText.\n",
    );
    site.build_ok();
    let two = site.read("en/two/index.html");
    assert!(
        two.contains("Sources: Helsenorge, 16 November 2022; Annual report 2025"),
        "{two}"
    );
    let ar = site.read("ar/two/index.html");
    assert!(
        ar.contains("المصادر: Helsenorge، <bdi dir=\"ltr\">2022</bdi>؛ التقرير"),
        "{ar}"
    );
    let one = site.read("en/one/index.html");
    assert!(
        one.contains("Source: Helsenorge, 16 November 2022<"),
        "{one}"
    );
    assert!(!one.contains("Sources:"), "{one}");
}

#[test]
fn same_input_and_date_give_byte_identical_output() {
    let a = TestSite::fixture("multilingual");
    let b = TestSite::fixture("multilingual");
    a.build_ok();
    b.build_ok();
    assert_eq!(a.dist(), b.dist());
    let first = a.dist();
    a.build_ok();
    assert_eq!(first, a.dist(), "a rebuild in place is identical too");
}

#[test]
fn a_build_over_the_spare_of_an_older_build_equals_a_fresh_one() {
    // Three builds: the third writes over the first one's files (kept as `.dist.spare`).
    let site = TestSite::fixture("site");
    site.write(
        "content/nb/ekstra.md",
        "+++\ntitle = \"Ekstra\"\n+++\nTekst.\n",
    );
    site.build_ok();
    site.build_ok();
    assert!(
        site.path()
            .join(".dist.spare/ar/ekstra/index.html")
            .exists()
    );
    // What changed since the spare was written: a page gone (in every language), a page
    // new, a page changed.
    site.remove("content/nb/ekstra.md");
    site.write(
        "content/nb/ny-side.md",
        "+++\ntitle = \"Ny side\"\n+++\nTekst.\n",
    );
    let home = site.source("content/nb/_index.md");
    site.write("content/nb/_index.md", format!("{home}\nEn ny setning.\n"));
    site.build_ok();
    let fresh = TestSite::fixture("site");
    fresh.write(
        "content/nb/ny-side.md",
        "+++\ntitle = \"Ny side\"\n+++\nTekst.\n",
    );
    fresh.write("content/nb/_index.md", format!("{home}\nEn ny setning.\n"));
    fresh.build_ok();
    assert!(site.exists("nb/ny-side/index.html") && !site.path().join("dist/ar/ekstra").exists());
    assert_eq!(
        site.dist(),
        fresh.dist(),
        "the same files, byte for byte, and no others"
    );
    let empty: Vec<_> = walkdir::WalkDir::new(site.path().join("dist"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .filter(|e| std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(empty.is_empty(), "folders left empty: {empty:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_dist_untouched() {
    let site = TestSite::fixture("multilingual");
    site.build_ok();
    let before = site.dist();
    site.write(
        "content/en/about.md",
        "+++\ntitle = \"About\"\nweight = twenty\n+++\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    assert_eq!(before, site.dist());
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !leftovers
            .iter()
            .any(|n| n.to_string_lossy().contains(".tmp")),
        "{leftovers:?}"
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("multilingual");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!site.path().join("dist").exists());
}

#[test]
fn new_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("my-site");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = TestSite {
        dir: tempfile::TempDir::new_in(dir.path()).unwrap(),
    };
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_varde"))
        .args(["--root".as_ref(), target.as_os_str(), "build".as_ref()])
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(target.join("dist/en/about/index.html").exists());
    drop(site);
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1), "refuses to overwrite");
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("bild")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_varde"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Build the site into dist/") && text.contains("--output"),
        "{text}"
    );
}

#[test]
fn the_build_that_makes_the_spare_says_what_it_is_once() {
    let site = TestSite::fixture("site");
    let note = "note: the previous output is kept in ";
    let first = site.build_ok();
    assert!(
        !first.stderr.contains(note),
        "no spare yet:\n{}",
        first.stderr
    );
    let second = site.build_ok();
    let spare = site.path().join(".dist.spare");
    assert!(spare.is_dir());
    assert!(
        second.stderr.contains(&format!(
            "{note}{} so the next build is faster; it is not part of the site (publish only the output folder) and may be deleted at any time\n",
            spare.display()
        )),
        "{}",
        second.stderr
    );
    assert!(!site.build_ok().stderr.contains(note), "said once");
    std::fs::remove_dir_all(&spare).unwrap();
    assert!(
        site.build_ok().stderr.contains(note),
        "said again when the spare was deleted and is made anew"
    );
}
