//! `varde status`, all of it ([`run`], [`run_diff`]; `main.rs` only prints): the translation
//! matrix ([`Matrix`], built in [`crate::model::translations`]) as a table ([`as_text`]) or
//! JSON ([`as_json`]), the videos without captions, and `varde status --fill`, which writes
//! the current source hash into translations that have no `translated_from` yet, touching
//! only that one line of each file.

pub mod diff;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::translations::{Matrix, State};
use crate::model::{Site, front_matter};
use std::fmt::Write as _;
use std::path::Path;

/// How `varde status` prints the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Text,
    /// JSON for scripts.
    Json,
}

/// What a `varde status` run prints, and its exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The report.
    pub stdout: String,
    /// Problems and what was written.
    pub stderr: String,
    /// 0, or 1 for a site that does not load, a `--strict` gap or an incomplete `--diff`.
    pub code: u8,
}

impl Outcome {
    fn failed(mut problems: Diagnostics) -> Outcome {
        problems.sort();
        Outcome {
            stderr: problems.to_string(),
            code: 1,
            ..Outcome::default()
        }
    }
}

/// `varde status [--fill] [--strict]`: load the site in `root`, fill in missing
/// `translated_from` lines when asked, and report the matrix and the videos without captions.
pub fn run(root: &Path, fill: bool, strict: bool, format: Format) -> Outcome {
    let mut site = match crate::load_site(root) {
        Ok(s) => s,
        Err(p) => return Outcome::failed(p),
    };
    let mut out = Outcome::default();
    if fill {
        match fill_translated_from(root, &site, &Matrix::of(&site)) {
            Ok(changed) => {
                for f in &changed {
                    let _ = writeln!(out.stderr, "recorded translated_from in {f}");
                }
                if !changed.is_empty() {
                    site = match crate::load_site(root) {
                        Ok(s) => s,
                        Err(p) => return Outcome::failed(p),
                    };
                }
            }
            Err(p) => return Outcome::failed(p),
        }
    }
    let matrix = Matrix::of(&site);
    match format {
        Format::Text => {
            out.stdout = as_text(&matrix);
            out.stdout.push_str(&uncaptioned(&site));
        }
        Format::Json => out.stdout = as_json(&matrix),
    }
    if strict && matrix.has_gaps() {
        out.stderr
            .push_str("status --strict: some pages are missing or outdated\n");
        out.code = 1;
    }
    out
}

/// `varde status --diff`: what changed in the source of each outdated translation, from git.
pub fn run_diff(root: &Path) -> Outcome {
    let site = match crate::load_site(root) {
        Ok(s) => s,
        Err(p) => return Outcome::failed(p),
    };
    let diffs = diff::diffs(root, &Matrix::of(&site));
    Outcome {
        stdout: diffs.text,
        code: if diffs.complete { 0 } else { 1 },
        ..Outcome::default()
    }
}

/// Per language, the videos without captions in it: readers who cannot hear a film, or must
/// keep the sound off, need them. Empty when every video has every language's captions.
fn uncaptioned(site: &Site) -> String {
    let mut text = String::new();
    for lang in &site.config.languages {
        let missing = site.media.uncaptioned(&lang.code);
        if !missing.is_empty() {
            let _ = writeln!(
                text,
                "  {}: {} (add <name>.{}.vtt beside each)",
                lang.code,
                missing.join(", "),
                lang.code
            );
        }
    }
    if text.is_empty() {
        text
    } else {
        format!("videos without captions:\n{text}")
    }
}

/// The matrix as pretty-printed JSON, for scripts.
pub fn as_json(matrix: &Matrix) -> String {
    // Through a `Value`, whose keys are sorted: the output does not move when a field is
    // added in the middle of a struct.
    let value = serde_json::to_value(matrix)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }));
    format!("{value:#}\n")
}

/// The matrix as a plain text table, then totals per language, then what to do about
/// each outdated or untracked translation.
pub fn as_text(matrix: &Matrix) -> String {
    let key_width = matrix
        .rows
        .iter()
        .map(|r| display_key(&r.key).chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    // Wide enough for the longest state and its `*`.
    let width = |lang: &str| lang.chars().count().max(9);
    let mut out = format!("{:key_width$}", "page");
    for lang in &matrix.languages {
        let _ = write!(out, "  {:w$}", lang, w = width(lang));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    for row in &matrix.rows {
        let _ = write!(out, "{:key_width$}", display_key(&row.key));
        for cell in &row.cells {
            let mark = if cell.state != State::Source
                && cell.file.is_some()
                && cell.translated_from.is_none()
            {
                "*"
            } else {
                ""
            };
            let _ = write!(
                out,
                "  {:w$}",
                format!("{}{mark}", cell.state.as_str()),
                w = width(&cell.lang)
            );
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out.push('\n');
    for t in &matrix.totals {
        let _ = writeln!(
            out,
            "{:4} {:2} source, {:2} reviewed, {:2} draft, {:2} outdated, {:2} missing",
            t.lang, t.source, t.reviewed, t.draft, t.outdated, t.missing
        );
    }
    let mut notes = String::new();
    let mut untracked = 0;
    for row in &matrix.rows {
        for cell in &row.cells {
            let Some(file) = &cell.file else { continue };
            if cell.state == State::Outdated {
                let _ = writeln!(
                    notes,
                    "{file}: outdated: {} changed since this translation was made\n  help: bring the translation up to date, then change its line to `translated_from = \"{}\"`",
                    row.source, row.source_hash
                );
            } else if cell.state != State::Source && cell.translated_from.is_none() {
                untracked += 1;
            }
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out.push_str(&strings_text(matrix));
    if untracked > 0 {
        let _ = writeln!(
            out,
            "\n* {untracked} translation{} record no `translated_from`, so varde cannot tell when they get outdated\n  help: run `varde status --fill` to record the current version of their source",
            if untracked == 1 { "" } else { "s" }
        );
    }
    out
}

/// The languages whose interface strings are still partly in English, with the first
/// keys to translate, or nothing when every language has its own.
fn strings_text(matrix: &Matrix) -> String {
    let mut out = String::new();
    for g in matrix.strings.iter().filter(|g| !g.untranslated.is_empty()) {
        let n = g.untranslated.len();
        let mut keys = g
            .untranslated
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if n > 5 {
            keys.push_str(", ...");
        }
        let _ = writeln!(
            out,
            "{}: {n} of {} interface strings are still the same as in {}: {keys}",
            g.file,
            g.total,
            if matrix.source_language == "en" {
                "English".to_string()
            } else {
                format!("English or {}", matrix.source_language)
            },
        );
    }
    if !out.is_empty() {
        out.insert(0, '\n');
        out.push_str("  help: translate each of them in that file; until then readers of the language see them as they are\n");
    }
    out
}

/// `/` for the home page, the key otherwise.
fn display_key(key: &str) -> &str {
    if key.is_empty() { "/" } else { key }
}

/// Writes `translated_from = "<hash>"` into every translation that has no
/// `translated_from` yet, as the last line of its front matter; the rest of each file stays
/// byte for byte as it was. Returns the files changed, from the site root.
pub fn fill_translated_from(
    root: &Path,
    site: &Site,
    matrix: &Matrix,
) -> Result<Vec<String>, Diagnostics> {
    let mut changed = Vec::new();
    let mut problems = Diagnostics::new();
    for row in &matrix.rows {
        for cell in &row.cells {
            let (Some(file), None, State::Draft | State::Reviewed) =
                (&cell.file, &cell.translated_from, cell.state)
            else {
                continue;
            };
            let Some(page) = site.pages.get(&row.key).and_then(|m| m.get(&cell.lang)) else {
                continue;
            };
            let path = root.join(&page.file);
            let result = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read the file: {e}"))
                .and_then(|text| {
                    with_translated_from(file, &text, &row.source_hash).map_err(|d| d.message)
                })
                .and_then(|text| {
                    std::fs::write(&path, text).map_err(|e| format!("cannot write the file: {e}"))
                });
            match result {
                Ok(()) => changed.push(file.clone()),
                Err(message) => problems.push(
                    Diagnostic::error(file, message).hint("check that the file exists and can be written, then run `varde status --fill` again"),
                ),
            }
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(changed)
    }
}

/// The page text with a `translated_from` line added at the end of its front matter,
/// using the file's own line ending.
pub fn with_translated_from(file: &str, text: &str, hash: &str) -> Result<String, Diagnostic> {
    let split = front_matter::split(file, text)?;
    let end = split.front_offset + split.front.len();
    let newline = if text[..split.front_offset].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(&text[..end]);
    if !split.front.is_empty() && !split.front.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&format!("translated_from = \"{hash}\"{newline}"));
    out.push_str(&text[end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_adds_one_line_and_keeps_the_rest() {
        let text = "+++\ntitle = \"A\"\ntranslation_status = \"draft\"\n+++\nBody\n";
        let out = with_translated_from("a.md", text, "0123456789").unwrap();
        assert_eq!(
            out,
            "+++\ntitle = \"A\"\ntranslation_status = \"draft\"\ntranslated_from = \"0123456789\"\n+++\nBody\n"
        );
        let crlf = text.replace('\n', "\r\n");
        let out = with_translated_from("a.md", &crlf, "0123456789").unwrap();
        assert_eq!(
            out,
            crlf.replace(
                "+++\r\nBody",
                "translated_from = \"0123456789\"\r\n+++\r\nBody"
            )
        );
    }
}
