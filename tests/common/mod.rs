//! The harness for end-to-end tests: copy a fixture site (with the shipped theme) into a
//! temporary folder, run the real `varde` binary on it, and read what it wrote.
//!
//! Tests of varde's code use `TestSite::fixture` (most use `tests/fixtures/site/`); only the
//! tests of the shipped content (`tests/shipped_*.rs`) use `TestSite::shipped`.
#![allow(dead_code)]

pub(crate) mod print;
pub(crate) mod rtl;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The build date every test uses: 2026-11-23 00:00 UTC.
pub(crate) const SOURCE_DATE_EPOCH: &str = "1795392000";

/// A site in a temporary folder.
pub(crate) struct TestSite {
    pub dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// `tests/fixtures/<name>` plus the shipped theme.
    pub(crate) fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        TestSite { dir }
    }

    /// `tests/fixtures/<name>` plus the shipped theme, built.
    pub(crate) fn fixture_built(name: &str) -> TestSite {
        let site = TestSite::fixture(name);
        site.build_ok();
        site
    }

    /// The shipped site itself (site.toml, content/, themes/): for the tests of the shipped
    /// content only, so that correcting a fact never breaks a test of the code.
    pub(crate) fn shipped() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        for p in ["content", "themes"] {
            copy_dir(&repo().join(p), &dir.path().join(p));
        }
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        TestSite { dir }
    }

    /// The shipped site, built.
    pub(crate) fn shipped_built() -> TestSite {
        let site = TestSite::shipped();
        site.build_ok();
        site
    }

    /// The built site's languages: every folder of dist/ with a web app manifest.
    pub(crate) fn languages(&self) -> Vec<String> {
        self.dist()
            .keys()
            .filter_map(|p| p.strip_suffix("/manifest.webmanifest").map(str::to_string))
            .collect()
    }

    /// The language codes declared in the site's site.toml, in its order.
    pub(crate) fn declared_languages(&self) -> Vec<String> {
        self.toml("site.toml")["languages"]
            .as_table()
            .expect("site.toml declares languages")
            .keys()
            .cloned()
            .collect()
    }

    /// A TOML file of the site's sources (e.g. `content/clinics/oslo.toml`), parsed.
    pub(crate) fn toml(&self, rel: &str) -> toml::Table {
        let text =
            std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        text.parse().unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// A source file of the site, as text.
    pub(crate) fn source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).unwrap();
    }

    /// Runs `varde --root <site> <args>`.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_varde"))
            .arg("--root")
            .arg(self.path())
            .args(args)
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Builds and asserts success.
    pub(crate) fn build_ok(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
        r
    }

    /// A file of dist/, as text.
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join("dist").join(rel))
            .unwrap_or_else(|e| panic!("dist/{rel}: {e}"))
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path().join("dist").join(rel).exists()
    }

    /// Every file of dist/ with its bytes.
    pub(crate) fn dist(&self) -> BTreeMap<String, Vec<u8>> {
        let root = self.path().join("dist");
        let mut files = BTreeMap::new();
        for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        files
    }
}

/// Every `href` and `src` value of an HTML page, read by an HTML5 parser (scraper, on
/// html5ever), never by varde's own scanner: a script's text is not markup, and a value
/// holds what a browser would read.
pub(crate) fn links(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let linked = scraper::Selector::parse("[href], [src]").expect("selector");
    doc.select(&linked)
        .flat_map(|e| ["href", "src"].map(|name| e.value().attr(name)))
        .flatten()
        .map(str::to_string)
        .collect()
}

/// The text of an HTML page a reader sees: the text of every element but scripts and
/// styles, each text one word apart (as tags part words), runs of white space (no-break
/// spaces too) one space. Read by an HTML5 parser, as [`links`].
pub(crate) fn visible_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::with_capacity(html.len());
    for node in doc.tree.nodes() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style"))
        });
        if !hidden {
            out.push(' ');
            out.push_str(text);
        }
    }
    out.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of the first `<script>` whose HTML, as the parser writes it again (attribute
/// values in double quotes: `id="x"`), holds `marker`.
pub(crate) fn script(html: &str, marker: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let scripts = scraper::Selector::parse("script").expect("selector");
    doc.select(&scripts)
        .find(|s| s.html().contains(marker))
        .map(|s| s.text().collect())
        .unwrap_or_else(|| panic!("no <script> holding {marker} in the page"))
}

/// How many Markdown pages there are below `dir`.
pub(crate) fn markdown_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count()
}

/// The interface strings of `lang` in the shipped theme (`themes/varde/i18n/<lang>.toml`), by
/// key: the one way the tests read what readers see in a language.
pub(crate) fn theme_strings(lang: &str) -> BTreeMap<String, String> {
    let path = repo().join(format!("themes/varde/i18n/{lang}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table: toml::Table = text.parse().expect("the strings are TOML");
    table
        .into_iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
        .collect()
}

/// The interface string `key` of `lang`, from the shipped theme.
pub(crate) fn ui_string(lang: &str, key: &str) -> String {
    theme_strings(lang)
        .remove(key)
        .unwrap_or_else(|| panic!("no string `{key}` in {lang}"))
}
