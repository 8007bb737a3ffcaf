//! Facts written once: placeholders in page text (`{{ bergen.drop_in }}`) are filled from the
//! clinic file in the page's language, an unknown one stops the build at its place, and a
//! day or hours written by hand that the clinic file contradicts is a warning naming page
//! and line. On the fixture site; the shipped content's conversion is tested in
//! tests/shipped_hours.rs.

use crate::common;

use common::TestSite;

/// Puts `text` after the last line starting with `after` in `file` of `site`'s sources
/// (for `+++`, the end of the front matter); returns the 1-based line it starts on.
fn insert(site: &TestSite, file: &str, after: &str, text: &str) -> usize {
    let source = site.source(file);
    let mut lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.starts_with(after))
        .expect("the line")
        + 1;
    lines.insert(at, text);
    site.write(file, lines.join("\n") + "\n");
    at + 1
}

#[test]
fn a_placeholder_reads_in_the_pages_language_and_follows_the_clinic_file() {
    let site = TestSite::fixture("site");
    let sentence =
        "Women: {{ bergen.womens_drop_in }}. Call {{ bergen.phone }}, {{ bergen.phone_hours }}.";
    insert(
        &site,
        "content/en/clinics/bergen.md",
        "+++",
        &format!("{sentence}\n"),
    );
    insert(
        &site,
        "content/ar/clinics/bergen.md",
        "+++",
        &format!("{sentence}\n"),
    );
    site.build_ok();
    let en = site.read("en/clinics/bergen/index.html");
    assert!(
        en.contains(
            "<p>Women: Wednesday 18:00–20:30, every second week (even weeks). Call \
             <a href=tel:+4755566777><bdi dir=ltr>555\u{a0}66\u{a0}777</bdi></a>, Tuesday 10:00–13:00, \
             Wednesday 10:00–13:00, Thursday 18:00–20:30 and Friday 10:00–14:00."
        ),
        "{en}"
    );
    let ar = site.read("ar/clinics/bergen/index.html");
    assert!(
        ar.contains("Women: الأربعاء <bdi dir=\"ltr\">18:00–20:30</bdi>، كل أسبوعين"),
        "Arabic day names, comma, and the times isolated left to right: {ar}"
    );

    // Moving the women's drop-in in the clinic file alone moves it in the sentence.
    let file = "content/clinics/bergen.toml";
    let toml = site
        .source(file)
        .replace("/2 We 18:00-20:30", "/2 Mo 18:00-20:30");
    site.write(file, toml);
    site.build_ok();
    let en = site.read("en/clinics/bergen/index.html");
    assert!(
        en.contains("<p>Women: Monday 18:00–20:30, every second week"),
        "{en}"
    );
    assert!(!en.contains("Women: Wednesday"), "{en}");
}

#[test]
fn an_unknown_placeholder_stops_the_build_at_its_place_listing_the_valid_ones() {
    let site = TestSite::fixture_built("site");
    let before = site.dist();
    let line = insert(
        &site,
        "content/en/about.md",
        "+++",
        "Open {{ bergen.nope }} and {{ tromso.phone }}, but \\{{ this }} is text.",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let hint = "  help: the placeholders are {{ bergen.drop_in }}, {{ bergen.phone }}, \
                {{ bergen.phone_hours }}, {{ bergen.womens_drop_in }}, {{ oslo.drop_in }}, \
                {{ oslo.phone }} (made from the clinic files in content/clinics/); write \\{{ \
                for a literal {{";
    assert!(
        r.stderr.contains(&format!(
            "content/en/about.md:{line}:6: error: unknown placeholder `{{{{ bergen.nope }}}}`\n{hint}"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "content/en/about.md:{line}:28: error: unknown placeholder `{{{{ tromso.phone }}}}`"
        )),
        "{}",
        r.stderr
    );
    assert_eq!(site.dist(), before, "the previous dist/ stays");

    // The escaped one is text.
    let source = site.source("content/en/about.md");
    site.write(
        "content/en/about.md",
        source.replace("Open {{ bergen.nope }} and {{ tromso.phone }}, but ", ""),
    );
    site.build_ok();
    assert!(
        site.read("en/about/index.html")
            .contains("{{ this }} is text.")
    );
}

#[test]
fn a_day_or_hours_written_by_hand_that_the_clinic_file_contradicts_is_a_warning_at_its_line() {
    let site = TestSite::fixture("site");
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("the text names"), "{}", r.stderr);

    let file = "content/en/clinics/bergen.md";
    let a = insert(
        &site,
        file,
        "## When and where",
        "\nDrop-in every Wednesday 17:00–20:30.",
    );
    let b = insert(
        &site,
        "content/nb/_index.md",
        "+++",
        "I [Bergen](clinics/bergen.md): drop-in søndag.\n",
    );
    let c = insert(
        &site,
        "content/nb/_index.md",
        "+++",
        "[Oslo](clinics/oslo.md) har åpent kl. 9.00–11.00.\n",
    );
    let d = insert(
        &site,
        "content/en/about.md",
        "+++",
        "Our office opens Sunday 9:00–11:00.\n",
    );
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    for expected in [
        format!(
            "{file}:{}:15: warning: the text names \"Wednesday 17:00–20:30\", which \
             content/clinics/bergen.toml does not have",
            a + 1
        ),
        format!(
            "content/nb/_index.md:{}:40: warning: the text names \"søndag\" as an opening \
             day, which content/clinics/bergen.toml does not have",
            b + 2
        ),
        format!(
            "content/nb/_index.md:{c}:39: warning: the text names the hours \"09:00–11:00\", \
             which content/clinics/oslo.toml does not have"
        ),
    ] {
        assert!(r.stderr.contains(&expected), "{expected}\n{}", r.stderr);
    }
    assert!(
        r.stderr
            .contains("  help: write the placeholder instead (e.g. {{ bergen.drop_in }}), so the text follows content/clinics/bergen.toml"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(&format!("content/en/about.md:{d}:")),
        "text near no clinic is not checked: {}",
        r.stderr
    );
}
