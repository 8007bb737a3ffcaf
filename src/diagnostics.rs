//! Diagnostics: every problem varde finds in a site, with the file and line it is on and
//! what to do about it.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] and go on, so
//! `varde check` can list everything at once (ripgrep's "collect, then fail" discipline).
//! Files are always named by their path from the site root with `/`, and lines are counted
//! from the file's first line (not from the start of a front-matter block).

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on and succeeds; the user is told once.
    Warning,
    /// The build fails with exit code 1 and `dist/` stays as it was.
    Error,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path from the site root with `/`, for example `content/en/rights.md`.
    pub file: String,
    /// 1-based line in the file, if known.
    pub line: Option<usize>,
    /// 1-based column (in characters), if known.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, if there is something to say.
    pub hint: Option<String>,
    /// For a template mistake: the page being rendered when it showed, and how many other
    /// pages it broke too (one template mistake is reported once, not once per page).
    pub rendering: Option<Box<Rendering>>,
}

/// The pages a template mistake broke: the first one, and how many others.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rendering {
    /// The first page's file, from the site root.
    pub page: String,
    /// How many other pages the same mistake broke.
    pub others: usize,
}

impl Diagnostic {
    /// An error in `file`, with no position yet.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            rendering: None,
        }
    }

    /// A warning in `file`, with no position yet.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The `file:line:column` prefix of the message.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.file, l, c),
            (Some(l), None) => format!("{}:{}", self.file, l),
            _ => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.location(), kind, self.message)?;
        if let Some(r) = &self.rendering {
            write!(f, " (while rendering {}", r.page)?;
            match r.others {
                0 => write!(f, ")")?,
                1 => write!(f, " and 1 other page)")?,
                n => write!(f, " and {n} other pages)")?,
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// A list of problems, collected across stages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when at least one problem is an error (warnings don't fail a build).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorts by file, then line, so output is stable whatever order stages ran in.
    pub fn sort(&mut self) {
        self.0.sort();
        self.0.dedup();
    }

    /// The problems, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Converts a byte offset in `text` into a 1-based (line, column) pair, columns counted
/// in characters so a position in Arabic or Ethiopic text points at the right letter.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nسلام x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 6));
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("content/en/a.md", "missing title")
            .at(3, 1)
            .hint("add `title = \"...\"`");
        assert_eq!(
            d.to_string(),
            "content/en/a.md:3:1: error: missing title\n  help: add `title = \"...\"`"
        );
    }
}
