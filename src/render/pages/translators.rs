//! `translators/index.html`: the `varde status` matrix as a page, for volunteer
//! translators who do not use a terminal. It is not linked from any reader page and asks
//! search engines not to index it; readers never need it.
//!
//! The page is written only when the theme has a `translators.html` template.

use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::model::translations::{Matrix, State};
use crate::render::{LangContext, Renderer};
use serde::Serialize;

/// Where the page is written, from the output root.
pub const PATH: &str = "translators/index.html";

#[derive(Serialize)]
struct TranslatorsContext<'a> {
    site_title: &'a str,
    /// Relative URL of the site root.
    root: &'a str,
    build_date: String,
    source_language: &'a str,
    languages: Vec<LangContext<'a>>,
    rows: Vec<RowContext<'a>>,
    totals: &'a [crate::model::translations::Totals],
    /// True when nothing is missing or outdated.
    complete: bool,
}

#[derive(Serialize)]
struct RowContext<'a> {
    key: &'a str,
    title: &'a str,
    source: &'a str,
    source_hash: &'a str,
    cells: Vec<CellContext<'a>>,
}

#[derive(Serialize)]
struct CellContext<'a> {
    lang: &'a str,
    state: &'static str,
    file: Option<&'a str>,
    /// The page as readers of this language see it.
    url: String,
    /// True when the translation records no `translated_from`.
    untracked: bool,
}

/// Renders the translators' page into `out`; `Ok(false)` when the theme has no template.
pub fn render(renderer: &Renderer<'_>, out: &Emitter) -> Result<bool, Diagnostic> {
    if !renderer.template_exists("translators.html") {
        return Ok(false);
    }
    let site = renderer.site;
    let matrix = Matrix::of(site);
    let root = "../";
    let rows = matrix
        .rows
        .iter()
        .map(|row| RowContext {
            key: &row.key,
            title: &row.title,
            source: &row.source,
            source_hash: &row.source_hash,
            cells: row
                .cells
                .iter()
                .map(|c| CellContext {
                    lang: &c.lang,
                    state: c.state.as_str(),
                    file: c.file.as_deref(),
                    url: format!("{root}{}/{}", c.lang, row.key),
                    untracked: c.state != State::Source
                        && c.file.is_some()
                        && c.translated_from.is_none(),
                })
                .collect(),
        })
        .collect();
    let default = site.config.language(&site.config.default_language);
    let context = TranslatorsContext {
        site_title: default.map(|l| l.title.as_str()).unwrap_or(""),
        root,
        build_date: renderer.today.to_string(),
        source_language: &matrix.source_language,
        languages: site.config.languages.iter().map(Into::into).collect(),
        rows,
        totals: &matrix.totals,
        complete: !matrix.has_gaps(),
    };
    let html = renderer.render_template("translators.html", &context)?;
    out.write(PATH, &renderer.finish_html(&html))?;
    Ok(true)
}
