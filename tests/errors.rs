//! Every content error names its file and line and says what to do; `varde check` lists
//! them all at once (issue #3). The messages are pinned here, so a change to one is seen.

use crate::common;
use common::TestSite;

fn errors_of(site: &TestSite) -> String {
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "expected content errors, got:\n{}", r.stderr);
    r.stderr
}

#[test]
fn broken_front_matter_toml_is_reported_at_the_line_of_the_file() {
    let site = TestSite::fixture("multilingual");
    site.write(
        "content/en/about.md",
        "+++\ntitle = \"About\"\nweight = twenty\n+++\nText\n",
    );
    let e = errors_of(&site);
    assert!(
        e.starts_with("content/en/about.md:3:10: error: invalid TOML:"),
        "{e}"
    );
    assert!(e.contains("help: check quotes around text"), "{e}");
}

#[test]
fn yaml_front_matter_says_varde_uses_toml() {
    let site = TestSite::fixture("multilingual");
    site.write("content/en/about.md", "---\ntitle: About\n---\nText\n");
    assert_eq!(
        errors_of(&site),
        "content/en/about.md:1:1: error: front matter is YAML (`---`), but varde uses TOML between `+++` lines\n  help: replace both `---` lines with `+++` and write `title = \"...\"` instead of `title: ...`\n1 error; nothing was written, dist/ is unchanged\n"
    );
}

#[test]
fn missing_title() {
    let site = TestSite::fixture("multilingual");
    site.write("content/en/about.md", "+++\nweight = 1\n+++\nText\n");
    assert!(errors_of(&site).starts_with(
        "content/en/about.md:1:1: error: the page has no title\n  help: add `title = \"Page title\"` between the `+++` lines\n"
    ));
}

#[test]
fn undeclared_language_folder() {
    let site = TestSite::fixture("multilingual");
    site.write("content/de/_index.md", "+++\ntitle = \"Hallo\"\n+++\n");
    assert!(errors_of(&site).starts_with(
        "content/de/_index.md: error: content/de/ is not a language declared in site.toml\n  help: declare it with `[languages.de]` in site.toml, or move the page into one of: nb, en\n"
    ));
}

#[test]
fn missing_interface_string_names_the_key_and_the_text_to_translate() {
    let site = TestSite::fixture("multilingual");
    let path = site.path().join("themes/varde/i18n/en.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("menu ="))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, without).unwrap();
    let e = errors_of(&site);
    assert!(e.contains("themes/varde/i18n/en.toml:"), "{e}");
    assert!(e.contains("error: missing string `menu`\n  help: add `menu = \"...\"`, translating themes/varde/i18n/nb.toml:"), "{e}");
}

#[test]
fn template_errors_name_template_and_line() {
    let site = TestSite::fixture("multilingual");
    site.write("themes/varde/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.titel }}\n{% endblock content %}\n");
    let e = errors_of(&site);
    assert!(
        e.starts_with("themes/varde/templates/page.html:3: error: template error:"),
        "{e}"
    );
    assert!(e.contains("page.titel"), "{e}");

    site.write("themes/varde/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title }\n{% endblock content %}\n");
    let e = errors_of(&site);
    assert!(e.starts_with("themes/varde/templates/page.html:3:"), "{e}");
}

#[test]
fn non_utf8_file_is_reported_at_its_line() {
    let site = TestSite::fixture("multilingual");
    site.write(
        "content/en/about.md",
        b"+++\ntitle = \"About\"\n+++\nBl\xe5b\xe6r\n",
    );
    assert!(errors_of(&site).starts_with(
        "content/en/about.md:4:3: error: file is not UTF-8 text\n  help: save the file as UTF-8"
    ));
}

#[test]
fn link_to_a_missing_page_names_file_line_and_column() {
    let site = TestSite::fixture("multilingual");
    site.write(
        "content/en/about.md",
        "+++\ntitle = \"About\"\n+++\nFirst line.\n\nSee [Oslo](clinics/oslo.md).\n",
    );
    assert!(errors_of(&site).starts_with(
        "content/en/about.md:6:5: error: link to a missing page: `clinics/oslo.md` (content/en/clinics/oslo.md)\n"
    ));
}

#[test]
fn check_lists_every_error_at_once() {
    let site = TestSite::fixture("multilingual");
    site.write("content/en/about.md", "---\ntitle: About\n---\n");
    site.write("content/nb/about.md", "+++\nweight = 1\n+++\n");
    site.write("content/de/_index.md", "+++\ntitle = \"Hallo\"\n+++\n");
    let e = errors_of(&site);
    assert!(
        e.contains("content/en/about.md:1:1")
            && e.contains("content/nb/about.md:1:1")
            && e.contains("content/de/_index.md"),
        "{e}"
    );
    assert!(
        e.ends_with("3 errors; nothing was written, dist/ is unchanged\n"),
        "{e}"
    );
}

#[test]
fn site_toml_errors_name_their_line() {
    let site = TestSite::fixture("multilingual");
    let text = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        text.replace("fallback = [\"en\"]", "fallback = [\"fa\"]"),
    );
    assert!(errors_of(&site).starts_with(
        "site.toml:7:13: error: language `nb` falls back to `fa`, which is not declared\n"
    ));
}

#[test]
fn a_template_error_is_reported_once_for_all_pages() {
    let site = TestSite::fixture("multilingual");
    site.write("themes/varde/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ nothing.here }}{% endblock content %}\n");
    let e = errors_of(&site);
    assert_eq!(e.matches("templates/page.html").count(), 1, "{e}");
    assert!(
        e.contains("(while rendering content/en/_index.md and 5 other pages)"),
        "{e}"
    );
}

#[test]
fn a_closing_time_past_midnight_is_a_warning_unless_meant() {
    let site = TestSite::fixture("site");
    let file = "content/clinics/oslo.toml";
    let text = site.source(file);
    site.write(file, text.replace("Th 11:00-15:00", "Th 11:00-25:00"));
    let r = site.run(&["build"]);
    assert_eq!(
        r.code, 0,
        "a warning does not stop the build:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "content/clinics/oslo.toml:19:35: warning: `11:00-25:00` runs past midnight: open until 01:00 the next day\n  help: did you mean `11:00-15:00`? If the clinic really is open past midnight, keep the time and add `past_midnight = true` to this service (OpenStreetMap writes hours after midnight past 24:00, e.g. `22:00-26:00` for 22:00 to 02:00)\n"
        ),
        "{}",
        r.stderr
    );
    // Said on purpose: no warning.
    site.write(
        file,
        text.replace(
            "hours = \"Tu 17:00-20:00; Th 11:00-15:00\"",
            "hours = \"Tu 17:00-20:00; Th 22:00-26:00\"\npast_midnight = true",
        ),
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("past midnight"), "{}", r.stderr);
}
