//! `varde status --diff`: what changed in the source of each outdated translation since the
//! version it was made from, as a line diff, so a translator updates only what changed.
//!
//! `translated_from` is a hash ([`version_hash`]), so the old text is not in the site: it is
//! looked up in git, the one history a site folder usually has. Each committed version of
//! the source file (`git log`) is hashed until one matches; that version is compared with
//! the file as it is now. Without git, outside a repository, or when no committed version
//! matches (the translation was made from an edit never committed), the translator is told
//! so and what to do instead.

use crate::model::front_matter;
use crate::model::translations::{Matrix, State, version_hash};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// The diffs of every outdated translation, as text, and whether each could be shown.
pub struct Diffs {
    /// What to print.
    pub text: String,
    /// False when some diff could not be shown (no git, no history, no matching version).
    pub complete: bool,
}

/// Shows, for every outdated translation in `matrix`, the lines of its source that changed
/// since the version named by its `translated_from`. `root` is the site folder.
pub fn diffs(root: &Path, matrix: &Matrix) -> Diffs {
    let mut text = String::new();
    let mut complete = true;
    let mut git_checked = None;
    for row in &matrix.rows {
        // Translations made from the same version share one diff.
        let mut by_version: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for cell in &row.cells {
            if let (Some(file), Some(from), State::Outdated) =
                (&cell.file, &cell.translated_from, cell.state)
            {
                by_version.entry(from.trim()).or_default().push(file);
            }
        }
        for (from, files) in by_version {
            let git = git_checked.get_or_insert_with(|| git_available(root));
            if let Err(why) = git {
                let _ = writeln!(text, "{why}");
                return Diffs {
                    text,
                    complete: false,
                };
            }
            let _ = writeln!(
                text,
                "{}: changed from version {from} to {}, outdating {}",
                row.source,
                row.source_hash,
                files.join(", ")
            );
            match old_version(root, &row.source, from) {
                Ok((commit, old)) => {
                    let now = std::fs::read_to_string(root.join(&row.source)).unwrap_or_default();
                    let _ = writeln!(text, "  (version {from} is in commit {commit})");
                    text.push_str(&line_diff(&old, &now));
                    let _ = writeln!(
                        text,
                        "  help: translate what changed, then change the line of each to `translated_from = \"{}\"`",
                        row.source_hash
                    );
                }
                Err(why) => {
                    complete = false;
                    let _ = writeln!(text, "  {why}");
                }
            }
            text.push('\n');
        }
    }
    if text.is_empty() {
        text.push_str("no translation is outdated\n");
    }
    Diffs { text, complete }
}

/// Ok when git runs and `root` is inside a repository; else what to tell the translator.
fn git_available(root: &Path) -> Result<(), String> {
    match git(root, &["rev-parse", "--is-inside-work-tree"]) {
        Err(e) => Err(format!(
            "error: cannot run git ({e}), so varde cannot show what changed\n  help: install git, or compare the source with the translation by hand"
        )),
        Ok(None) => Err(format!(
            "error: {} is not in a git repository, so there is no earlier version of the source to compare with\n  help: keep the site in git (`git init`, then commit) so later changes can be shown; for now compare by hand",
            root.display()
        )),
        Ok(Some(_)) => Ok(()),
    }
}

/// The committed version of `source` whose hash is `hash`: (short commit, file text).
fn old_version(root: &Path, source: &str, hash: &str) -> Result<(String, String), String> {
    let log = git(root, &["log", "--format=%h", "--", source])
        .ok()
        .flatten()
        .unwrap_or_default();
    for commit in log.lines().map(str::trim).filter(|c| !c.is_empty()) {
        let Ok(Some(text)) = git(root, &["show", &format!("{commit}:./{source}")]) else {
            continue;
        };
        if hash_of_text(source, &text).as_deref() == Some(hash) {
            return Ok((commit.to_string(), text));
        }
    }
    Err(format!(
        "no committed version of {source} has the hash {hash}, so varde cannot show what changed\n  help: the translation was perhaps made from an edit that was never committed; compare the source with the translation by hand"
    ))
}

/// The version hash of a page file's text, or `None` when it has no readable front matter.
fn hash_of_text(file: &str, text: &str) -> Option<String> {
    let split = front_matter::split(file, text).ok()?;
    let table: toml::Table = toml::from_str(split.front).ok()?;
    let title = table.get("title")?.as_str()?;
    Some(version_hash(title, split.body))
}

/// Runs git in `root`: `Ok(Some(stdout))` on success, `Ok(None)` when git ran but failed,
/// `Err` when git could not be started.
fn git(root: &Path, args: &[&str]) -> std::io::Result<Option<String>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// A line diff of `old` and `new`: lines only in `old` start with `-`, only in `new` with
/// `+`, with one unchanged line of context around each change, each group after its line
/// number in the new text. Pages are short, so the quadratic longest common subsequence
/// is fine.
pub fn line_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // (mark, text, line in new) for every line, in order.
    let mut ops: Vec<(char, &str, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i], j + 1));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i], j + 1));
            i += 1;
        } else {
            ops.push(('+', b[j], j + 1));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        let lo = k.saturating_sub(1);
        let hi = (k + 1).min(ops.len().saturating_sub(1));
        (lo..=hi).any(|x| ops[x].0 != ' ')
    };
    let mut out = String::new();
    let mut shown_last = false;
    for (k, (mark, line, at)) in ops.iter().enumerate() {
        if !near_change(k) {
            shown_last = false;
            continue;
        }
        if !shown_last {
            let _ = writeln!(out, "  @@ line {at}");
        }
        let _ = writeln!(out, "  {mark} {line}");
        shown_last = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_with_one_line_of_context() {
        let old = "a\nb\nc\nd\ne\nf\n";
        let new = "a\nb\nC\nd\ne\nf\ng\n";
        assert_eq!(
            line_diff(old, new),
            "  @@ line 2\n    b\n  - c\n  + C\n    d\n  @@ line 6\n    f\n  + g\n"
        );
        assert_eq!(line_diff(old, old), "");
    }
}
