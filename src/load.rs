//! Stage 1, load: read everything a build needs from disk into memory, as text, once.
//!
//! This stage knows where files live (`site.toml`, `content/`, `themes/<theme>/`) but not
//! what they mean: front matter, schedules and templates are parsed by later stages. It
//! reports files it cannot read (not UTF-8, unreadable, symlink loops) and reads the rest,
//! so one bad file never hides another.

use crate::diagnostics::{Diagnostic, Diagnostics, line_col};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A text file, named by its path from the site root with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path from the site root, for example `content/en/rights.md`.
    pub path: String,
    /// The whole file, with a leading byte-order mark removed.
    pub text: String,
}

/// A file copied to the output as it is (icons, images).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path from the site root of the source, for example `themes/varde/static/icon.svg`.
    pub source: String,
    /// Path of the copy inside `dist/`, for example `icon.svg`.
    pub output: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Everything read from disk for one build.
#[derive(Debug, Default)]
pub struct SourceTree {
    /// Markdown pages under `content/<lang>/`, sorted by path.
    pub pages: Vec<SourceFile>,
    /// Clinic data, `content/clinics/*.toml`, sorted by path.
    pub clinics: Vec<SourceFile>,
    /// Tera templates, `themes/<theme>/templates/*.{html,css,js}` (CSS and scripts are
    /// included inline by the page templates).
    pub templates: Vec<SourceFile>,
    /// Interface strings, `themes/<theme>/i18n/<lang>.toml`.
    pub strings: Vec<SourceFile>,
    /// Files copied as they are: `themes/<theme>/static/**` and non-Markdown files under
    /// `content/<lang>/`.
    pub assets: Vec<Asset>,
}

/// The folder under `content/` that holds clinic data rather than a language.
pub const CLINICS_DIR: &str = "clinics";

/// Reads `site.toml` from `root`.
pub fn read_config(root: &Path) -> Result<SourceFile, Diagnostics> {
    let path = root.join(crate::config::CONFIG_FILE);
    if !path.is_file() {
        return Err(Diagnostics(vec![
            Diagnostic::error(crate::config::CONFIG_FILE, format!("no site.toml in {}", root.display()))
                .hint("run varde in the folder of a site, pass `--root DIR`, or create one with `varde new my-site`"),
        ]));
    }
    read_text(root, &path).map_err(|d| Diagnostics(vec![d]))
}

/// Reads the content and the theme `theme` of the site at `root`.
pub fn load(root: &Path, theme: &str) -> Result<SourceTree, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut tree = SourceTree::default();

    let content = list_files(root, &root.join("content"), &mut problems);
    // A transcript beside a film (`rights.en.md` beside `rights.webm`) is part of the film,
    // not a page of its own.
    let names: std::collections::HashSet<PathBuf> = content.iter().cloned().collect();
    let is_transcript = |path: &Path| {
        let first = path.file_stem().map(Path::new);
        let stem = first
            .filter(|f| f.extension().is_some())
            .and_then(Path::file_stem);
        stem.is_some_and(|stem| {
            crate::model::media::MEDIA_EXTENSIONS
                .iter()
                .any(|ext| names.contains(&path.with_file_name(stem).with_extension(ext)))
        })
    };
    let mut page_paths = Vec::new();
    let mut content_assets = Vec::new();
    for path in content {
        let rel = site_path(root, &path);
        let in_clinics = rel.starts_with(&format!("content/{CLINICS_DIR}/"));
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (in_clinics, ext) {
            (true, "toml") => match read_text(root, &path) {
                Ok(f) => tree.clinics.push(f),
                Err(d) => problems.push(d),
            },
            (true, _) => problems.push(
                Diagnostic::error(rel, "content/clinics/ holds clinic data only")
                    .hint("name clinic files `<slug>.toml`; pages about clinics go in content/<lang>/clinics/"),
            ),
            (false, "md") if is_transcript(&path) => content_assets.push(path),
            (false, "md") => page_paths.push(path),
            (false, _) if rel.matches('/').count() >= 2 => content_assets.push(path),
            (false, _) => problems.push(
                Diagnostic::error(rel, "files directly in content/ are not part of any language")
                    .hint("move it into a language folder such as content/en/"),
            ),
        }
    }
    let pages: Vec<Result<SourceFile, Diagnostic>> =
        page_paths.par_iter().map(|p| read_text(root, p)).collect();
    for page in pages {
        match page {
            Ok(f) => tree.pages.push(f),
            Err(d) => problems.push(d),
        }
    }
    for path in content_assets {
        let rel = site_path(root, &path);
        match std::fs::read(&path) {
            Ok(bytes) => tree.assets.push(Asset {
                output: rel["content/".len()..].to_string(),
                source: rel,
                bytes,
            }),
            Err(e) => problems.push(Diagnostic::error(rel, format!("cannot read file: {e}"))),
        }
    }

    let theme_dir = root.join("themes").join(theme);
    if !theme_dir.is_dir() {
        problems.push(
            Diagnostic::error(crate::config::CONFIG_FILE, format!("theme `{theme}` not found: no folder themes/{theme}/"))
                .hint("set `theme` in site.toml to a folder under themes/, or copy themes/varde from the varde repository"),
        );
        return Err(problems);
    }
    for path in list_files(root, &theme_dir.join("templates"), &mut problems) {
        if path
            .extension()
            .is_some_and(|e| e == "html" || e == "css" || e == "js")
        {
            match read_text(root, &path) {
                Ok(f) => tree.templates.push(f),
                Err(d) => problems.push(d),
            }
        }
    }
    for path in list_files(root, &theme_dir.join("i18n"), &mut problems) {
        if path.extension().is_some_and(|e| e == "toml") {
            match read_text(root, &path) {
                Ok(f) => tree.strings.push(f),
                Err(d) => problems.push(d),
            }
        }
    }
    let static_dir = theme_dir.join("static");
    for path in list_files(root, &static_dir, &mut problems) {
        let rel = site_path(root, &path);
        let output = site_path(&static_dir, &path);
        match std::fs::read(&path) {
            Ok(bytes) => tree.assets.push(Asset {
                source: rel,
                output,
                bytes,
            }),
            Err(e) => problems.push(Diagnostic::error(rel, format!("cannot read file: {e}"))),
        }
    }

    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(tree)
    }
}

/// Every file below `dir` (following symlinks, reporting loops), sorted, skipping hidden
/// files and editor leftovers. A missing folder is simply empty.
fn list_files(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| site_path(root, p))
                    .unwrap_or_else(|| site_path(root, dir));
                let hint = if e.loop_ancestor().is_some() {
                    "a symbolic link points back to a folder that contains it; remove or replace the link"
                } else {
                    "check that the file exists and can be read"
                };
                let what = if e.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    e.to_string()
                };
                problems.push(Diagnostic::error(at, what).hint(hint));
            }
        }
    }
    files
}

/// True for a file or folder name that is never part of the site: hidden (`.git`,
/// `.a.md.swp`, Emacs' lock `.#a.md`) and editors' leftovers (`a.md~`, Emacs' `#a.md#`, the
/// `4913` Vim writes to test a folder, `*.swp`/`*.swo`/`*.swx`, `*.tmp`, Kate's
/// `*.kate-swp`, JetBrains' `*___jb_tmp___` and `*___jb_old___`). `varde build` skips them
/// and `varde serve` does not rebuild for them: one rule, so the two never disagree.
pub fn is_ignored_name(name: &str) -> bool {
    const LEFTOVERS: [&str; 8] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name.starts_with('.')
        || name.starts_with('#')
        || name == "4913"
        || LEFTOVERS.iter().any(|end| name.ends_with(end))
}

/// Path of `path` relative to `root`, with `/` on every platform.
pub fn site_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a UTF-8 text file; a file that is not UTF-8 is reported at the line of its first
/// bad byte.
pub fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = site_path(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&rel, format!("cannot read file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(SourceFile { path: rel, text })
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let (line, col) = line_col(&prefix, prefix.len());
            Err(Diagnostic::error(rel, "file is not UTF-8 text")
                .at(line, col)
                .hint("save the file as UTF-8 in your editor (\"Save with encoding: UTF-8\")"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_reported_at_its_line() {
        let dir = std::env::temp_dir().join(format!("varde-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.md");
        std::fs::write(&file, b"+++\ntitle = \"x\"\n+++\nbl\xe5b\xe6r\n").unwrap();
        let d = read_text(&dir, &file).unwrap_err();
        assert_eq!(d.location(), "bad.md:4:3");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
