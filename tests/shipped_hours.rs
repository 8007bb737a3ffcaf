//! Tests of the shipped content: a clinic's days and hours are written once, in its clinic
//! file. Moving Bergen's women's drop-in from Wednesday to Monday in `bergen.toml` alone
//! must leave no Norwegian or English page saying Wednesday for it (tables, next dates,
//! leaflet and every sentence), and `varde check` must find no page text left behind.

use crate::common;

use common::TestSite;
use common::visible_text as text;

/// Each place in `text` where `day` is followed, within 45 characters, by a time of day
/// ("18:00", "18.00") first of all times: that time, with what lies between.
fn times_after(text: &str, day: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices(day) {
        let after: String = lower[at + day.len()..].chars().take(45).collect();
        let chars: Vec<char> = after.chars().collect();
        let time = (0..chars.len().saturating_sub(4)).find(|&i| {
            chars[i].is_ascii_digit()
                && chars[i + 1].is_ascii_digit()
                && matches!(chars[i + 2], ':' | '.')
                && chars[i + 3].is_ascii_digit()
        });
        if let Some(i) = time {
            found.push(chars[..i + 5].iter().collect());
        }
    }
    found
}

/// The women's drop-in's time, after `day`, on every nb and en page of `site`: "page: text".
fn womens_drop_in_on(site: &TestSite, day_nb: &str, day_en: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in site.dist() {
        let day = match path.split('/').next() {
            Some("nb") => day_nb,
            Some("en") => day_en,
            _ => continue,
        };
        if !path.ends_with(".html") {
            continue;
        }
        let page = text(&String::from_utf8_lossy(&bytes));
        for t in times_after(&page, day) {
            if t.ends_with("18:00") || t.ends_with("18.00") {
                found.push(format!("{path}: {day}{t}"));
            }
        }
    }
    found
}

/// The nb and en pages that name the women's drop-in and its day.
const WOMENS_DROP_IN_PAGES: [&str; 6] = [
    "nb/clinics/bergen/index.html",
    "en/clinics/bergen/index.html",
    "nb/clinics/index.html",
    "en/clinics/index.html",
    "nb/rights/pregnancy/index.html",
    "en/rights/pregnancy/index.html",
];

#[test]
fn moving_the_womens_drop_in_in_the_clinic_file_alone_moves_it_on_every_page() {
    let site = TestSite::shipped_built();
    let before = womens_drop_in_on(&site, "onsdag", "wednesday");
    for page in WOMENS_DROP_IN_PAGES {
        assert!(
            before.iter().any(|f| f.starts_with(page)),
            "{page} names the women's drop-in on Wednesday before the move: {before:#?}"
        );
    }

    let file = "content/clinics/bergen.toml";
    let toml = site.source(file);
    let moved = toml.replace(
        "hours = \"week 02-52/2 We 18:00-20:30\"",
        "hours = \"week 02-52/2 Mo 18:00-20:30\"",
    );
    assert_ne!(
        moved, toml,
        "the shipped file has the women's drop-in on Wednesday"
    );
    site.write(file, moved);
    let r = site.build_ok();
    assert!(!r.stderr.contains("the text names"), "{}", r.stderr);

    let wednesday = womens_drop_in_on(&site, "onsdag", "wednesday");
    assert!(wednesday.is_empty(), "still Wednesday: {wednesday:#?}");
    let monday = womens_drop_in_on(&site, "mandag", "monday");
    for page in WOMENS_DROP_IN_PAGES {
        assert!(
            monday.iter().any(|f| f.starts_with(page)),
            "{page} names Monday: {monday:#?}"
        );
    }
    let pregnancy = text(&site.read("en/rights/pregnancy/index.html"));
    assert!(
        pregnancy.contains(
            "In Bergen there is a free drop-in for women Monday 18:00–20:30, every second \
             week (even weeks)."
        ),
        "{pregnancy}"
    );
}

#[test]
fn the_shipped_pages_write_no_day_or_hours_the_clinic_files_contradict() {
    let site = TestSite::shipped();
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("the text names"), "{}", r.stderr);

    // A sentence left behind by hand is found, in every language that writes it.
    let file = "content/nb/rights/pregnancy.md";
    let source = site.source(file);
    let line = source
        .lines()
        .position(|l| l.contains("{{ bergen.womens_drop_in }}"))
        .expect("the pregnancy page names the women's drop-in")
        + 1;
    site.write(
        file,
        source.replace(
            "{{ bergen.womens_drop_in }}",
            "annenhver mandag kl. 18.00–20.30",
        ),
    );
    let r = site.run(&["check"]);
    assert!(
        r.stderr.contains(&format!(
            "{file}:{line}:78: warning: the text names \"mandag 18:00–20:30\", which \
             content/clinics/bergen.toml does not have"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn week_numbers_written_by_hand_are_warned_about_when_the_clinic_moves_to_odd_weeks() {
    let site = TestSite::shipped();
    let clinic = "content/clinics/bergen.toml";
    let even = "week 02-52/2 We";
    let source = site.source(clinic);
    assert!(
        source.contains(even),
        "Bergen's women's drop-in is in even weeks"
    );
    site.write(clinic, source.replace(even, "week 01-53/2 We"));
    let r = site.run(&["check"]);
    assert_eq!(r.code, 0, "a warning, not an error: {}", r.stderr);
    // Every language explains "even weeks" after the placeholder, on the clinic page and
    // the pregnancy page: each of those sentences is now wrong, and named at its line.
    let languages = site.declared_languages();
    assert_eq!(languages.len(), 11);
    for lang in languages {
        for page in ["clinics/bergen.md", "rights/pregnancy.md"] {
            let file = format!("content/{lang}/{page}");
            let line = site
                .source(&file)
                .lines()
                .position(|l| l.contains("{{ bergen.womens_drop_in }}"))
                .unwrap_or_else(|| panic!("{file} names the women's drop-in"))
                + 1;
            let warning = format!("{file}:{line}:");
            assert!(
                r.stderr.lines().any(|l| l.starts_with(&warning)
                    && l.ends_with("warning: the text names the weeks \"2, 4, 6\" (even weeks), which content/clinics/bergen.toml does not have")),
                "{file}:{line}: {}",
                r.stderr
            );
        }
    }
}
