//! `varde status` end to end on `tests/fixtures/status`, a site with each state on purpose:
//!
//! | page     | nb     | en                  | fa          | prs     |
//! |----------|--------|---------------------|-------------|---------|
//! | `/`      | source | reviewed, untracked | draft, CRLF | missing |
//! | `about/` | source | outdated            | missing     | draft   |

use crate::common;
use common::TestSite;

/// The JSON output without whitespace, so tests can look for one cell as one string.
fn compact(json: &str) -> String {
    json.chars().filter(|c| !c.is_whitespace()).collect()
}

fn cell(lang: &str, state: &str, file: Option<&str>, from: Option<&str>) -> String {
    let q = |v: Option<&str>| {
        v.map(|s| format!("\"{s}\""))
            .unwrap_or_else(|| "null".into())
    };
    // Keys come out in alphabetical order.
    format!(
        "{{\"file\":{},\"lang\":\"{lang}\",\"state\":\"{state}\",\"translated_from\":{}}}",
        q(file),
        q(from)
    )
}

#[test]
fn each_state_is_detected_in_json() {
    let site = TestSite::fixture("status");
    let r = site.run(&["status", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = compact(&r.stdout);
    for expected in [
        cell("nb", "source", Some("content/nb/_index.md"), None),
        cell("en", "reviewed", Some("content/en/_index.md"), None),
        cell("fa", "draft", Some("content/fa/_index.md"), None),
        cell("prs", "missing", None, None),
        cell("nb", "source", Some("content/nb/about.md"), None),
        cell(
            "en",
            "outdated",
            Some("content/en/about.md"),
            Some("0000000000"),
        ),
        cell("fa", "missing", None, None),
        cell("prs", "draft", Some("content/prs/about.md"), None),
    ] {
        assert!(json.contains(&expected), "{expected}\nnot in\n{}", r.stdout);
    }
    assert!(json.contains("\"source_language\":\"nb\""), "{}", r.stdout);
    assert!(
        json.contains("{\"draft\":0,\"lang\":\"en\",\"missing\":0,\"outdated\":1,\"reviewed\":1,\"source\":0,\"untracked\":1}"),
        "{}",
        r.stdout
    );
}

#[test]
fn text_table_names_states_and_says_what_to_do() {
    let site = TestSite::fixture("status");
    let r = site.run(&["status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["page", "nb", "en", "fa", "prs"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["/", "source", "reviewed*", "draft*", "missing"]
    );
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        ["about/", "source", "outdated", "missing", "draft*"]
    );
    assert!(r.stdout.contains("content/en/about.md: outdated: content/nb/about.md changed since this translation was made"), "{}", r.stdout);
    assert!(
        r.stdout.contains("run `varde status --fill`"),
        "{}",
        r.stdout
    );
}

#[test]
fn strict_fails_on_missing_or_outdated_and_passes_when_complete() {
    let site = TestSite::fixture("status");
    let r = site.run(&["status", "--strict"]);
    assert_eq!(r.code, 1, "missing and outdated pages: {}", r.stdout);
    assert!(r.stderr.contains("missing or outdated"), "{}", r.stderr);

    // Translate the missing pages; drafts and untracked translations do not fail --strict.
    site.write(
        "content/prs/_index.md",
        "+++\ntitle = \"کمک صحی\"\ntranslation_status = \"draft\"\n+++\nهمه حق کمک عاجل دارند.\n",
    );
    site.write(
        "content/fa/about.md",
        "+++\ntitle = \"دربارهٔ این صفحه‌ها\"\ntranslation_status = \"draft\"\n+++\nداوطلبان.\n",
    );
    assert_eq!(
        site.run(&["status", "--strict"]).code,
        1,
        "en/about.md is still outdated"
    );
    let en_about = std::fs::read_to_string(site.path().join("content/en/about.md")).unwrap();
    site.write(
        "content/en/about.md",
        en_about.replace("translated_from = \"0000000000\"\n", ""),
    );
    let r = site.run(&["status", "--strict"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn fill_records_the_source_version_and_a_changed_source_makes_translations_outdated() {
    let site = TestSite::fixture("status");
    let fa_before = std::fs::read(site.path().join("content/fa/_index.md")).unwrap();
    let outdated_before = std::fs::read(site.path().join("content/en/about.md")).unwrap();
    let r = site.run(&["status", "--fill", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "content/en/_index.md",
        "content/fa/_index.md",
        "content/prs/about.md",
    ] {
        assert!(
            r.stderr
                .contains(&format!("recorded translated_from in {f}")),
            "{}",
            r.stderr
        );
    }
    assert!(
        !r.stderr.contains("content/nb/"),
        "sources are never touched: {}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(site.path().join("content/en/about.md")).unwrap(),
        outdated_before,
        "--fill does not hide an outdated translation"
    );

    // One line added at the end of the front matter, in the file's own line ending.
    let json = compact(&r.stdout);
    let hash_at = json
        .find("\"key\":\"\"")
        .and_then(|i| json[i..].find("\"source_hash\":\"").map(|j| i + j + 15))
        .unwrap();
    let hash = &json[hash_at..hash_at + 10];
    let fa_after = std::fs::read(site.path().join("content/fa/_index.md")).unwrap();
    let expected = String::from_utf8(fa_before).unwrap().replacen(
        "\"draft\"\r\n+++",
        &format!("\"draft\"\r\ntranslated_from = \"{hash}\"\r\n+++"),
        1,
    );
    assert_eq!(String::from_utf8(fa_after).unwrap(), expected);
    assert!(
        json.contains(&cell(
            "fa",
            "draft",
            Some("content/fa/_index.md"),
            Some(hash)
        )),
        "{}",
        r.stdout
    );
    assert!(
        json.contains(&cell(
            "en",
            "reviewed",
            Some("content/en/_index.md"),
            Some(hash)
        )),
        "{}",
        r.stdout
    );

    // A second --fill changes nothing.
    let again = site.run(&["status", "--fill"]);
    assert!(!again.stderr.contains("recorded"), "{}", again.stderr);

    // Editing the source's front matter other than the title is no new version ...
    let nb = std::fs::read_to_string(site.path().join("content/nb/_index.md")).unwrap();
    site.write(
        "content/nb/_index.md",
        nb.replace("+++\nAlle", "weight = 3\n+++\nAlle"),
    );
    assert!(
        compact(&site.run(&["status", "--format", "json"]).stdout).contains(&cell(
            "en",
            "reviewed",
            Some("content/en/_index.md"),
            Some(hash)
        ))
    );
    // ... but changing its text is.
    site.write(
        "content/nb/_index.md",
        nb.replace(
            "øyeblikkelig hjelp",
            "øyeblikkelig hjelp og nødvendig helsehjelp",
        ),
    );
    let r = site.run(&["status", "--format", "json"]);
    let json = compact(&r.stdout);
    assert!(
        json.contains(&cell(
            "en",
            "outdated",
            Some("content/en/_index.md"),
            Some(hash)
        )),
        "{}",
        r.stdout
    );
    assert!(
        json.contains(&cell(
            "fa",
            "outdated",
            Some("content/fa/_index.md"),
            Some(hash)
        )),
        "{}",
        r.stdout
    );
}

#[test]
fn a_broken_site_is_reported_not_guessed() {
    let site = TestSite::fixture("status");
    site.write(
        "content/en/about.md",
        "+++\ntitle = \"About\"\ntranslation_status = \"finished\"\n+++\n",
    );
    let r = site.run(&["status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("content/en/about.md:3:"), "{}", r.stderr);
}

#[test]
fn the_translators_page_is_built_but_not_linked_for_readers() {
    let site = TestSite::fixture("status");
    site.build_ok();
    let page = site.read("translators/index.html");
    assert!(page.contains("noindex"), "{page}");
    assert!(
        page.contains("outdated") && page.contains("missing") && page.contains("draft"),
        "{page}"
    );
    assert!(page.contains("content/en/about.md"), "{page}");
    for (file, bytes) in site.dist() {
        if file.ends_with(".html") && !file.starts_with("translators/") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(
                !html.contains("translators/"),
                "{file} links the translators' page"
            );
        }
    }
}

/// Runs git in the site's folder, as a volunteer would.
fn git(site: &TestSite, args: &[&str]) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(site.path())
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn diff_shows_translators_what_changed_in_the_source_since_their_version() {
    let site = TestSite::fixture("status");
    // Outside a repository there is no earlier version: say so, and what to do.
    let r = site.run(&["status", "--diff"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("is not in a git repository, so there is no earlier version of the source to compare with\n  help: keep the site in git"),
        "{}",
        r.stdout
    );
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-qm", "first"]);
    // The English translation was made from a version no commit holds.
    let r = site.run(&["status", "--diff"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("content/nb/about.md: changed from version 0000000000 to "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("no committed version of content/nb/about.md has the hash 0000000000"),
        "{}",
        r.stdout
    );

    // Bring it up to date (as `varde status` says), commit, then change the source.
    let json = site.run(&["status", "--format", "json"]).stdout;
    let now = compact(&json)
        .split("\"source\":\"content/nb/about.md\",\"source_hash\":\"")
        .nth(1)
        .expect("about's source hash")[..10]
        .to_string();
    let en = site
        .source("content/en/about.md")
        .replace("0000000000", &now);
    site.write("content/en/about.md", en);
    git(&site, &["commit", "-qam", "translated"]);
    let nb = site.source("content/nb/about.md");
    site.write(
        "content/nb/about.md",
        nb.replace(
            "Sidene er laget av frivillige.",
            "Sidene er laget av frivillige.\n\nRing oss.",
        ),
    );
    let r = site.run(&["status", "--diff"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(&format!(
            "content/nb/about.md: changed from version {now} to "
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("outdating content/en/about.md\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  @@ line 5\n    Sidene er laget av frivillige.\n  + \n  + Ring oss.\n"),
        "{}",
        r.stdout
    );
    // The untouched home page is not listed.
    assert!(!r.stdout.contains("_index.md"), "{}", r.stdout);
}

#[test]
fn a_language_whose_strings_are_copied_from_english_is_counted_per_language() {
    let site = TestSite::fixture("status");
    let en = site.source("themes/varde/i18n/en.toml");
    let total = en.lines().filter(|l| l.contains(" = \"")).count();
    // One string translated: the rest is still English.
    let uk = en.replacen("= \"Call", "= \"Зателефонуйте", 1);
    site.write("themes/varde/i18n/uk.toml", uk);
    let toml = site.source("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[languages.uk]\nname = \"Українська\"\ntitle = \"Здоров'я\"\nfallback = [\"en\"]\n"),
    );
    let r = site.run(&["status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Not counted: the one translated string and those without words once their
    // placeholders are left out ({start}–{end}, {from} – {to}, "; "), which may be the same in
    // every language.
    let wordless = en
        .lines()
        .filter_map(|l| l.split_once(" = \""))
        .filter(|(_, v)| {
            let mut in_brace = false;
            !v.chars().any(|c| {
                in_brace = (in_brace || c == '{') && c != '}';
                !in_brace && c.is_alphabetic()
            })
        })
        .count();
    assert!(wordless >= 2, "{wordless}");
    let same = total - 1 - wordless;
    let line = format!(
        "themes/varde/i18n/uk.toml: {same} of {total} interface strings are still the same as in English or nb: "
    );
    assert!(r.stdout.contains(&line), "{line}\nnot in\n{}", r.stdout);
    assert!(
        !r.stdout.contains("i18n/fa.toml") && !r.stdout.contains("i18n/en.toml"),
        "translated languages and English itself are not listed:\n{}",
        r.stdout
    );
    let json = compact(&site.run(&["status", "--format", "json"]).stdout);
    assert!(
        json.contains(&format!(
            "\"file\":\"themes/varde/i18n/uk.toml\",\"lang\":\"uk\",\"total\":{total},\"untranslated\":[\"all_languages\""
        )),
        "{json}"
    );
    assert!(
        json.contains("\"lang\":\"fa\",\"total\":"),
        "every language is listed in JSON: {json}"
    );
}
