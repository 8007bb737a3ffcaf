//! Tests of the shipped content, not of varde's messages: one slip in a real clinic file
//! gives one error at its line. It needs the shipped site because the cascade it guards
//! against came from the shipped content itself (every language has a page showing the Oslo
//! clinic, so one broken `oslo.toml` once gave twelve errors, eleven of them a false "there is
//! no content/clinics/oslo.toml"). The messages themselves are pinned on the fixture site in
//! tests/broken_sites/cases.rs and tests/errors.rs.

use crate::common;

use common::TestSite;

/// In the last `hours` line of `text` that has one, the last `HH:MM-HH:MM` with its opening
/// written without minutes (`11:00-15:00` → `11-15:00`): the new text, the 1-based line
/// and column of the broken time, and the broken and the intended range.
fn drop_minutes(text: &str) -> (String, usize, usize, String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let (n, line) = lines
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| l.trim_start().starts_with("hours = ") && l.contains(":00-"))
        .expect("the clinic file has hours");
    let dash = line.rfind(":00-").expect("a range") + 3;
    let start = dash - 5;
    let intended = &line[start..dash + 6];
    let broken = format!("{}-{}", &line[start..start + 2], &line[dash + 1..dash + 6]);
    let mut fixed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    fixed[n] = format!("{}{}{}", &line[..start], broken, &line[dash + 6..]);
    let column = line[..start].chars().count() + 1;
    (
        fixed.join("\n") + "\n",
        n + 1,
        column,
        broken,
        intended.to_string(),
    )
}

#[test]
fn a_time_without_minutes_in_the_oslo_clinic_is_one_error_at_its_line() {
    let site = TestSite::shipped();
    let file = "content/clinics/oslo.toml";
    let (text, line, column, broken, intended) = drop_minutes(&site.source(file));
    site.write(file, text);
    let r = site.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains(": error:"))
        .collect();
    assert_eq!(
        errors,
        [format!(
            "{file}:{line}:{column}: error: `hours` is not valid opening_hours syntax at `{broken}`"
        )],
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("  help: did you mean `{intended}`?")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .ends_with("1 error; nothing was written, dist/ is unchanged\n")
    );
}

#[test]
fn the_shipped_site_passes_check_strict_with_the_address_it_is_deployed_at() {
    let site = TestSite::shipped();
    let r = site.run(&[
        "check",
        "--strict",
        "--base-url",
        "https://example.org/helse/",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    // Without it, the one warning is the missing address, and --strict says so.
    let r = site.run(&["check", "--strict"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("site.toml: warning: no base_url"),
        "{}",
        r.stderr
    );
}
