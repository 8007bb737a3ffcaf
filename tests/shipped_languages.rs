//! Tests of the shipped content, not of varde: the shipped site's right-to-left languages
//! (fa, prs, ps, ar, ckb) as built. Their translators write numbers in many ways (phone
//! numbers, dates, "3–4 times", "D-nummer"); every group of digits in right-to-left text must
//! come out isolated left to right, so "488 90 560" never shows as "560 90 488". The check
//! itself is tested on a fixture site in tests/rtl.rs.

mod common;

use common::TestSite;
use common::rtl::{digits, is_digit};

#[test]
fn no_digit_group_outside_an_isolate_in_the_shipped_right_to_left_pages() {
    let site = TestSite::shipped_built();
    let found = digits(&site);
    // Five right-to-left languages of some 15 pages each, full of numbers; a build that lost
    // them would pass this test for nothing.
    found.assert_isolated(50, 500);
}

#[test]
fn the_clinic_phone_numbers_and_hours_in_the_arabic_text_are_one_isolate_each() {
    let site = TestSite::shipped_built();
    let groups = common::rtl::isolates_in_main(&site, "ar/clinics/index.html");
    for whole in ["488 90 560", "400 49 094", "17:00–20:00", "18:00–20:30"] {
        assert!(
            groups
                .iter()
                .any(|g| g.replace('\u{a0}', " ") == whole && g.chars().any(is_digit)),
            "{whole} in {groups:?}"
        );
    }
}
