//! varde is unbreakable by bad input: a table of broken sites, each made from one small
//! working site in a temporary folder. Every case either builds correctly or fails with exit
//! code 1 and a message naming the file (and line, when the problem has one), never a panic
//! (exit code 101) or a crash (a signal), and a failed build leaves the previous `dist/`
//! byte-identical.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a broken site must do.
enum Expect {
    /// Exit 1, and stderr holds each of these lines exactly (`*` matches any text).
    Fails(&'static [&'static str]),
    /// Exit 0, and the check on the new `dist/` passes.
    Builds(fn(&Path)),
}

/// One broken site: a name, how to break the base site, what must happen.
struct Case {
    name: &'static str,
    breaks: fn(&Path),
    expect: Expect,
}

const SITE: &str = r#"default_language = "en"

[languages.en]
name = "English"
title = "Test site"

[languages.nb]
name = "Norsk bokmål"
title = "Testside"
fallback = ["en"]
"#;

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

fn append(root: &Path, rel: &str, text: &str) {
    let mut old = std::fs::read(root.join(rel)).expect("read");
    old.extend_from_slice(text.as_bytes());
    write(root, rel, old);
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let old = std::fs::read_to_string(root.join(rel)).expect("read");
    assert!(old.contains(from), "{rel} has no {from:?}");
    write(root, rel, old.replacen(from, to, 1));
}

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

/// The small working site every case starts from, with the shipped theme.
fn base_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/varde");
    for entry in walkdir::WalkDir::new(&theme) {
        let entry = entry.expect("theme readable");
        let target = root
            .join("themes/varde")
            .join(entry.path().strip_prefix(&theme).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    write(root, "site.toml", SITE);
    write(
        root,
        "content/en/_index.md",
        page(
            "Home",
            "Read [about us](about.md) and [your rights](rights/_index.md).",
        ),
    );
    write(
        root,
        "content/en/about.md",
        page("About", "Who we are.\n\n## Contact\n\nCall us."),
    );
    write(
        root,
        "content/en/rights/_index.md",
        page("Rights", "See [adults](adults.md)."),
    );
    write(
        root,
        "content/en/rights/adults.md",
        page("Adults", "Emergency help, always.\n\n[Home](../_index.md)"),
    );
    write(
        root,
        "content/nb/_index.md",
        page("Hjem", "Les [om oss](about.md)."),
    );
    dir
}

/// SHA-256 of every file below `dir`, by relative path (symlinks and folders included).
fn tree_hash(dir: &Path) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("dist readable");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let value = if entry.file_type().is_file() {
            format!(
                "{:?}",
                Sha256::digest(std::fs::read(entry.path()).expect("read")).as_slice()
            )
        } else {
            "dir".to_string()
        };
        map.insert(rel, value);
    }
    map
}

/// Runs `varde build` on `root` with a time limit; returns (exit code or None for a
/// signal, stderr).
fn build(root: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("--root")
        .arg(root)
        .args(["build", "--date", "2026-11-23"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run varde");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("varde took more than 2 minutes on {}", root.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), reader.join().unwrap_or_default())
}

/// True if `line` matches `pattern`, where `*` stands for any text.
fn matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first)
        || !line[first.len()..].ends_with(last)
        || line.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Runs one case; returns what went wrong, if anything.
fn check(case: &Case) -> Result<(), String> {
    let site = base_site();
    let root = site.path();
    let (code, stderr) = build(root);
    if code != Some(0) {
        return Err(format!("the base site does not build:\n{stderr}"));
    }
    let dist = root.join("dist");
    let before = tree_hash(&dist);
    (case.breaks)(root);
    let (code, stderr) = build(root);
    match code {
        None => return Err(format!("crashed with a signal\n{stderr}")),
        Some(101) => return Err(format!("panicked\n{stderr}")),
        _ => {}
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Err(format!("printed a panic\n{stderr}"));
    }
    match &case.expect {
        Expect::Fails(lines) => {
            if code != Some(1) {
                return Err(format!("exit code {code:?}, expected 1\n{stderr}"));
            }
            for want in *lines {
                if !stderr.lines().any(|l| matches(want, l)) {
                    return Err(format!(
                        "stderr lacks the line\n  {want}\nit was:\n{stderr}"
                    ));
                }
            }
            if tree_hash(&dist) != before {
                return Err("the failed build changed dist/".to_string());
            }
            let leftovers: Vec<_> = std::fs::read_dir(root)
                .expect("read root")
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".dist"))
                .collect();
            if !leftovers.is_empty() {
                return Err(format!("the failed build left {leftovers:?} behind"));
            }
        }
        Expect::Builds(verify) => {
            if code != Some(0) {
                return Err(format!(
                    "exit code {code:?}, expected a successful build\n{stderr}"
                ));
            }
            let verify = *verify;
            let dist = dist.clone();
            std::panic::catch_unwind(move || verify(&dist)).map_err(|e| {
                let why = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
                format!(
                    "built, but wrongly: {}",
                    why.unwrap_or_default()
                        .chars()
                        .take(2000)
                        .collect::<String>()
                )
            })?;
        }
    }
    Ok(())
}

fn read_page(dist: &Path, rel: &str) -> String {
    std::fs::read_to_string(dist.join(rel)).unwrap_or_else(|e| panic!("dist/{rel}: {e}"))
}

#[path = "broken_sites/cases.rs"]
mod cases;

#[test]
fn every_broken_site_fails_cleanly_or_builds() {
    let cases = cases::all();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("--- {}: {e}", c.name)))
        .collect();
    eprintln!(
        "{} broken sites tried, {} failed",
        cases.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn wildcard_matching() {
    assert!(matches("a:*: error: x", "a:3: error: x"));
    assert!(matches("a*b*c", "a-b-c"));
    assert!(!matches("a*b", "a-c"));
    assert!(!matches("ab*ba", "aba"));
    assert!(matches("exact", "exact"));
}
