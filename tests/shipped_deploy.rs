//! Tests of the shipped repository, not of varde's code: the deploy workflows a volunteer's
//! fork runs (`.github/workflows/pages.yml`, `.gitlab-ci.yml`). GitHub and GitLab cannot
//! run here, so each file is read as YAML (PyYAML, which `tests/run` installs), its actions
//! and permissions checked, and its `varde` lines run as written on a copy of the shipped
//! site, with a stand-in for the address the host gives. How `--base-url` works is tested
//! on the fixture site in tests/publish.rs.

use crate::common;
use common::{SOURCE_DATE_EPOCH, TestSite, repo};
use std::process::Command;

/// The workflow file at `rel` in the repository, as JSON (through PyYAML): fails the test
/// when it is not valid YAML.
fn yaml(rel: &str) -> serde_json::Value {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        ])
        .arg(repo().join(rel))
        .output()
        .expect("python3 (tests/run installs PyYAML)");
    assert!(
        out.status.success(),
        "{rel} is not valid YAML:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The commands of a list of steps (`run:`) or a script (strings).
fn commands(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str().or_else(|| s["run"].as_str()))
        .flat_map(|s| s.lines().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Runs each `varde` line of `lines` with `sh` in a copy of the shipped site, the binary
/// under test in place of `target/release/varde`, and `vars` set (the host's variables).
fn run_varde_lines(lines: &[String], vars: &[(&str, &str)]) -> TestSite {
    let site = TestSite::shipped();
    let varde: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("target/release/varde "))
        .collect();
    assert!(varde.len() >= 2, "check and build: {lines:?}");
    for line in varde {
        let line = line.replacen("target/release/varde", env!("CARGO_BIN_EXE_varde"), 1);
        let out = Command::new("sh")
            .args(["-c", &line])
            .current_dir(site.path())
            .envs(vars.iter().copied())
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{line}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    site
}

/// The published folder holds the whole site for `address`: every language with absolute
/// canonical links, the sitemap, the leaflets' QR codes.
fn assert_published(site: &TestSite, folder: &str, address: &str) {
    let read = |rel: &str| {
        std::fs::read_to_string(site.path().join(folder).join(rel))
            .unwrap_or_else(|e| panic!("{folder}/{rel}: {e}"))
    };
    for lang in site.declared_languages() {
        let home = read(&format!("{lang}/index.html"));
        assert!(
            home.contains(&format!("<link href={address}{lang}/ rel=canonical>")),
            "{folder}/{lang}/index.html has no canonical link to {address}{lang}/"
        );
        assert!(read(&format!("{lang}/leaflet/index.html")).contains("<svg class=\"qr\""));
        assert!(read("sitemap.xml").contains(&format!("<loc>{address}{lang}/rights/</loc>")));
    }
    assert!(read("robots.txt").contains(&format!("Sitemap: {address}sitemap.xml")));
}

#[test]
fn the_github_pages_workflow_is_valid_pinned_least_privileged_and_builds_the_site() {
    let flow = yaml(".github/workflows/pages.yml");
    // YAML 1.1 reads the key `on` as true; GitHub reads it as `on`.
    let on = flow.get("on").or_else(|| flow.get("true")).unwrap();
    assert_eq!(on["push"]["branches"], serde_json::json!(["main"]));
    assert_eq!(
        flow["permissions"],
        serde_json::json!({"contents": "read", "pages": "write", "id-token": "write"})
    );
    let build = &flow["jobs"]["build"]["steps"];
    let deploy = &flow["jobs"]["deploy"]["steps"];
    let uses: Vec<&str> = [build, deploy]
        .iter()
        .flat_map(|s| s.as_array().unwrap())
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert_eq!(
        uses,
        [
            "actions/checkout@v4",
            "actions/configure-pages@v5",
            "Swatinem/rust-cache@v2",
            "actions/upload-pages-artifact@v3",
            "actions/deploy-pages@v4"
        ]
    );
    assert_eq!(flow["jobs"]["deploy"]["needs"], "build");
    assert_eq!(
        flow["jobs"]["deploy"]["environment"]["name"],
        "github-pages"
    );
    let upload = build.as_array().unwrap().last().unwrap();
    assert_eq!(upload["with"]["path"], "dist");
    let lines = commands(build);
    assert!(lines.contains(&"cargo build --release --locked".to_string()));
    assert!(lines.contains(&"target/release/varde check".to_string()));
    // GitHub gives the address without its trailing slash; GitHub's expression syntax is
    // replaced by the stand-in, the rest of the line runs as written.
    let given = "https://volunteer.github.io/varde";
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.replace("${{ steps.pages.outputs.base_url }}", given))
        .collect();
    assert!(lines.iter().all(|l| !l.contains("${{")), "{lines:?}");
    let site = run_varde_lines(&lines, &[]);
    assert_published(&site, "dist", &format!("{given}/"));
}

#[test]
fn the_gitlab_pages_job_is_valid_and_publishes_the_site_into_public() {
    let ci = yaml(".gitlab-ci.yml");
    let pages = &ci["pages"];
    assert_eq!(pages["artifacts"]["paths"], serde_json::json!(["public"]));
    let lines = commands(&pages["script"]);
    assert!(
        lines.contains(
            &"target/release/varde build --output public --base-url \"$CI_PAGES_URL\"".to_string()
        ),
        "{lines:?}"
    );
    let address = "https://volunteers.gitlab.io/varde/";
    let site = run_varde_lines(&lines, &[("CI_PAGES_URL", address)]);
    assert_published(&site, "public", address);
}
