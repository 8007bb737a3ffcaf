//! Markdown and front matter cannot inject script: a site whose pages hold the classic
//! cross-site-scripting vectors is built with the real binary, every page is parsed with a
//! real HTML parser (html5ever, through `scraper`), and no page may hold a script the theme
//! did not put there, an event handler attribute, a `javascript:`/`data:`/`vbscript:` URL,
//! or an element that loads or runs active content.

use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The fixture: one vector per page in content/en/, plus a clean home page and a page whose
/// front matter tries to break out of the title and the description.
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/xss");

/// The names of the vector pages (file stems), sorted.
fn vectors() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(FIXTURE).join("content/en"))
        .expect("fixture")
        .filter_map(|e| e.ok())
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .filter(|n| n != "_index" && n != "front")
        .collect();
    names.sort();
    names
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable theme");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Copies the fixture and the shipped theme to a temporary folder, with `extra_config` at
/// the head of site.toml and without the pages in `leave_out`.
fn fixture_copy(extra_config: &str, leave_out: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    copy_dir(Path::new(FIXTURE), root);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/varde"),
        &root.join("themes/varde"),
    );
    let site = std::fs::read_to_string(root.join("site.toml")).expect("site.toml");
    std::fs::write(root.join("site.toml"), format!("{extra_config}{site}")).expect("write");
    for page in leave_out {
        std::fs::remove_file(root.join(page)).expect("fixture page");
    }
    dir
}

fn varde(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_varde"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run varde")
}

/// Builds a copy of the fixture (see [`fixture_copy`]); returns the folder, the output
/// folder and the build's messages.
fn build_site(
    extra_config: &str,
    leave_out: &[&str],
) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = fixture_copy(extra_config, leave_out);
    let run = varde(dir.path(), &["build", "--date", "2026-11-23"]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(
        run.status.code(),
        Some(0),
        "the XSS fixture must build (unsafe links are warnings):\n{stderr}"
    );
    let out = dir.path().join("dist");
    (dir, out, stderr)
}

/// The fixture's pages whose raw HTML does not close what it opens (or opens a comment
/// that tools read differently): with raw HTML
/// allowed, each is an error at its line (a browser and the minifier would read
/// different pages).
const UNBALANCED: [&str; 5] = [
    "content/en/body-onload.md",
    "content/en/comment-break.md",
    "content/en/image-data-svg.md",
    "content/en/math-mxss.md",
    "content/en/svg-onload.md",
];

fn read(out: &Path, rel: &str) -> Html {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// The text of every `<script>` without `src` and not a JSON data block.
fn inline_scripts(doc: &Html) -> BTreeSet<String> {
    doc.select(&sel("script"))
        .filter(|s| !s.value().attr("type").is_some_and(|t| t.contains("json")))
        .map(|s| s.text().collect::<String>())
        .collect()
}

/// Every way the page could run script or load active content.
fn injections(doc: &Html, theme_scripts: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for script in inline_scripts(doc) {
        if !theme_scripts.contains(&script) {
            found.push(format!("a <script> the theme did not write: {script:?}"));
        }
    }
    for s in doc.select(&sel("script[src]")) {
        found.push(format!("an external script: {:?}", s.value().attr("src")));
    }
    let anywhere = [
        "iframe",
        "object",
        "embed",
        "base",
        "frame",
        "frameset",
        "applet",
        "meta[http-equiv=refresh]",
        "link[rel=import]",
    ];
    let in_content = [
        "main form",
        "main svg",
        "main math",
        "main input",
        "main button",
        "main style",
        "main textarea",
        "main select",
    ];
    for bad in anywhere.iter().chain(&in_content) {
        for el in doc.select(&sel(bad)) {
            found.push(format!("a <{}> element", el.value().name()));
        }
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            let name = name.to_ascii_lowercase();
            if name.starts_with("on") {
                found.push(format!("<{} {name}={value:?}>", el.value().name()));
            }
            if [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
                "srcset",
                "poster",
                "background",
            ]
            .contains(&name.as_str())
            {
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    if squeezed.starts_with(scheme) {
                        found.push(format!("<{} {name}={value:?}>", el.value().name()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_vector_injects_script_or_event_handlers() {
    let (_dir, out, _) = build_site("", &[]);
    let home = read(&out, "en/index.html");
    let theme_scripts = inline_scripts(&home);
    assert!(injections(&home, &theme_scripts).is_empty());
    let mut failures = Vec::new();
    let vectors = vectors();
    assert!(vectors.len() >= 50, "{} vectors", vectors.len());
    for name in &vectors {
        let doc = read(&out, &format!("en/{name}/index.html"));
        for problem in injections(&doc, &theme_scripts) {
            failures.push(format!("{name}: {problem}"));
        }
        // The vector's page still exists and shows its title: nothing was swallowed whole.
        let h1: String = doc
            .select(&sel("main h1"))
            .next()
            .map(|h| h.text().collect())
            .unwrap_or_default();
        assert_eq!(&h1, name);
    }
    assert!(
        failures.is_empty(),
        "{} injections:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} XSS vectors tried, none injected anything",
        vectors.len() + 3
    );
}

#[test]
fn front_matter_text_stays_text() {
    let (_dir, out, _) = build_site("", &[]);
    let doc = read(&out, "en/front/index.html");
    let theme_scripts = inline_scripts(&read(&out, "en/index.html"));
    assert_eq!(injections(&doc, &theme_scripts), Vec::<String>::new());
    let titles: Vec<String> = doc
        .select(&sel("title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(
        titles,
        ["</title><script>alert(1)</script> · XSS <script>alert(1)</script> test"]
    );
    let h1: String = doc.select(&sel("h1")).flat_map(|h| h.text()).collect();
    assert_eq!(h1, "</title><script>alert(1)</script>");
    let description: Vec<&str> = doc
        .select(&sel("meta[name=description]"))
        .filter_map(|m| m.value().attr("content"))
        .collect();
    assert_eq!(
        description,
        ["\" onload=\"alert(1)\" x=\"</script><script>alert(2)</script>"]
    );
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .count();
    assert_eq!(csp, 1, "exactly one CSP, before anything the page says");
}

#[test]
fn unsafe_links_are_removed_with_a_warning_naming_file_and_line() {
    let (_dir, out, stderr) = build_site("", &[]);
    assert!(
        stderr.contains("content/en/link-javascript-mixed-case.md:4:1: warning: link with `javascript:` URL removed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/en/link-data-html.md:4:1: warning: link with `data:` URL removed"),
        "{stderr}"
    );
    // The link text stays readable.
    let doc = read(&out, "en/link-javascript/index.html");
    let text: String = doc
        .select(&sel("article p"))
        .flat_map(|p| p.text())
        .collect();
    assert_eq!(text, "x");
}

#[test]
fn with_raw_html_allowed_markdown_links_are_still_filtered() {
    // A site that turns raw HTML on takes responsibility for its HTML; Markdown links and
    // heading attributes are still never executable.
    let (_dir, out, _) = build_site("allow_raw_html = true\n", &UNBALANCED);
    let theme_scripts = inline_scripts(&read(&out, "en/index.html"));
    for name in [
        "link-javascript-entity-tab",
        "reference-javascript",
        "autolink-javascript",
        "image-javascript",
        "heading-attribute-onclick",
        "footnote-id-quote",
        "link-title-quote",
    ] {
        let doc = read(&out, &format!("en/{name}/index.html"));
        assert_eq!(
            injections(&doc, &theme_scripts),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn with_raw_html_allowed_unbalanced_markup_is_an_error_at_its_line() {
    let dir = fixture_copy("allow_raw_html = true\n", &[]);
    let run = varde(dir.path(), &["check"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "content/en/body-onload.md:4:1: error: `<body>` is never closed in the page that holds it",
            "content/en/comment-break.md:4:1: error: `<!-->` is read as a comment by browsers and as the start of one by other tools",
            "content/en/image-data-svg.md:4:25: error: `<svg>` is never closed in the paragraph that holds it",
            "content/en/math-mxss.md:4:14: error: `</form>` closes `<mtext>` (line 4), which is still open",
            "content/en/svg-onload.md:4:1: error: `<svg>` is never closed in the page that holds it",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("help: write `</svg>` before the paragraph ends"),
        "{stderr}"
    );
}
