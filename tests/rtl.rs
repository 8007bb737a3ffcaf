//! Numbers in right-to-left text (issue 12): on the built fixture site `tests/fixtures/site/`
//! (Arabic, a right-to-left draft with phone numbers, times and dates), every group of digits
//! in right-to-left text is isolated left to right, so "222 33 444" never shows as
//! "444 33 222". The same check runs over the shipped site in tests/shipped_languages.rs.

use crate::common;

use common::TestSite;
use common::rtl::{digits, is_digit};

#[test]
fn no_digit_group_outside_an_isolate_in_right_to_left_text() {
    let site = TestSite::fixture_built("site");
    let found = digits(&site);
    // Every Arabic page is right to left and has numbers (the phone numbers of the footer
    // and the leaflet, times, dates); a build that lost them would pass for nothing.
    let arabic = site
        .dist()
        .keys()
        .filter(|p| p.starts_with("ar/") && p.ends_with(".html"))
        .count();
    assert!(arabic >= 8, "{arabic} Arabic pages");
    found.assert_isolated(arabic, 2 * arabic);
}

#[test]
fn a_phone_number_and_a_time_range_in_arabic_text_are_one_isolate_each() {
    let site = TestSite::fixture_built("site");
    let clinic = site.toml("content/clinics/oslo.toml");
    let display = clinic["phone"]["display"].as_str().unwrap();
    let groups = common::rtl::isolates_in_main(&site, "ar/clinics/index.html");
    // Multi-group numbers stay whole: the phone number written in the page's text, a time
    // range of the next openings.
    assert!(
        groups.iter().any(|g| g.replace('\u{a0}', " ") == display),
        "{display} in {groups:?}"
    );
    assert!(
        groups.iter().any(|g| g.contains('–')
            && g.chars().filter(|c| *c == ':').count() == 2
            && g.chars().any(is_digit)),
        "{groups:?}"
    );
}
