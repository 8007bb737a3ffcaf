//! `varde status`: prints the translation matrix ([`Matrix`], built in
//! [`crate::model::translations`]) as a table or JSON, and `varde status --fill` writes the
//! current source hash into translations that have no `translated_from` yet, touching only
//! that one line of each file.

pub mod diff;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::translations::{Matrix, State};
use crate::model::{Site, front_matter};
use std::fmt::Write as _;
use std::path::Path;

impl Matrix {
    /// The matrix as pretty-printed JSON, for scripts.
    pub fn to_json(&self) -> String {
        // Through a `Value`, whose keys are sorted: the output does not move when a field is
        // added in the middle of a struct.
        let value = serde_json::to_value(self)
            .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }));
        format!("{value:#}\n")
    }

    /// The matrix as a plain text table, then totals per language, then what to do about
    /// each outdated or untracked translation.
    pub fn to_text(&self) -> String {
        let key_width = self
            .rows
            .iter()
            .map(|r| display_key(&r.key).chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        // Wide enough for the longest state and its `*`.
        let width = |lang: &str| lang.chars().count().max(9);
        let mut out = format!("{:key_width$}", "page");
        for lang in &self.languages {
            let _ = write!(out, "  {:w$}", lang, w = width(lang));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        for row in &self.rows {
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
        for t in &self.totals {
            let _ = writeln!(
                out,
                "{:4} {:2} source, {:2} reviewed, {:2} draft, {:2} outdated, {:2} missing",
                t.lang, t.source, t.reviewed, t.draft, t.outdated, t.missing
            );
        }
        let mut notes = String::new();
        let mut untracked = 0;
        for row in &self.rows {
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
        out.push_str(&self.strings_text());
        if untracked > 0 {
            let _ = writeln!(
                out,
                "\n* {untracked} translation{} record no `translated_from`, so varde cannot tell when they get outdated\n  help: run `varde status --fill` to record the current version of their source",
                if untracked == 1 { "" } else { "s" }
            );
        }
        out
    }
}

impl Matrix {
    /// The languages whose interface strings are still partly in English, with the first
    /// keys to translate, or nothing when every language has its own.
    fn strings_text(&self) -> String {
        let mut out = String::new();
        for g in self.strings.iter().filter(|g| !g.untranslated.is_empty()) {
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
                if self.source_language == "en" {
                    "English".to_string()
                } else {
                    format!("English or {}", self.source_language)
                },
            );
        }
        if !out.is_empty() {
            out.insert(0, '\n');
            out.push_str("  help: translate each of them in that file; until then readers of the language see them as they are\n");
        }
        out
    }
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
