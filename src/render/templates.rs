//! The theme's Tera templates: loading them, and turning Tera's errors into diagnostics
//! that name the template file and line.

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::render::html::minify;
use std::error::Error as _;
use tera::Tera;

/// Loads every template of the theme. Names are paths below `templates/`
/// (`page.html`, `style.css`), so templates can `{% include "style.css" %}`.
///
/// The stylesheets and the scripts without Tera tags are minified here, and the HTML
/// templates are minified here too, once, with their Tera tags kept intact
/// ([`minify::template`]), so a rendered page needs no whole-page minification: only the
/// parts a page brings itself (its Markdown) are minified per page. Errors are reported
/// against the templates as written, which are parsed first.
pub fn load(templates: &[SourceFile], theme: &str) -> Result<Tera, Diagnostic> {
    let prefix = format!("themes/{theme}/templates/");
    let named: Vec<(String, &SourceFile)> = templates
        .iter()
        .map(|f| {
            (
                f.path.strip_prefix(&prefix).unwrap_or(&f.path).to_string(),
                f,
            )
        })
        .collect();
    let written: Vec<(String, String)> = named
        .iter()
        .map(|(name, f)| {
            let text = if name.ends_with(".css") {
                minify_css(&f.text)
            } else if name.ends_with(".js") && !f.text.contains("{{") && !f.text.contains("{%") {
                // A script without Tera tags, included in every page that uses it: made
                // small once here, not per page.
                minify::script(&f.text)
            } else {
                f.text.clone()
            };
            (name.clone(), text)
        })
        .collect();
    // A theme that puts a Tera tag in a single-quoted attribute needs `'` escaped.
    let apostrophes = written
        .iter()
        .any(|(name, text)| name.ends_with(".html") && minify::has_single_quoted_expression(text));
    let mut tera = new_tera(apostrophes);
    tera.add_raw_templates(written.clone())
        .map_err(|e| error(&e, templates, theme))?;
    let minified: Vec<(String, String)> = written
        .into_iter()
        .map(|(name, text)| match name.ends_with(".html") {
            true => {
                let small = minify::template(&text).unwrap_or(text);
                (name, small)
            }
            false => (name, text),
        })
        .collect();
    // The minified set parses whenever the written one did (tags are kept byte for byte);
    // should it ever not, the templates as written render the same pages, only larger.
    let mut small = new_tera(apostrophes);
    match small.add_raw_templates(minified) {
        Ok(()) => Ok(small),
        Err(_) => Ok(tera),
    }
}

/// A Tera instance that escapes only what HTML needs escaped.
fn new_tera(apostrophes: bool) -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(if apostrophes {
        minify::escape_apostrophes
    } else {
        minify::escape
    });
    tera.register_filter(minify::ATTR_FILTER, minify::attr_filter);
    tera
}

/// Minifies a stylesheet once at load time, so pages include it small without paying for
/// CSS minification on every page.
fn minify_css(css: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    let wrapped = format!("<style>{css}</style>");
    let out = String::from_utf8_lossy(&minify_html::minify(wrapped.as_bytes(), &cfg)).into_owned();
    out.strip_prefix("<style>")
        .and_then(|s| s.strip_suffix("</style>"))
        .map(str::to_string)
        .unwrap_or_else(|| css.to_string())
}

/// A Tera error as a diagnostic on `themes/<theme>/templates/<name>:<line>`. Parse errors
/// carry their line; for render errors the line of the first use of the failing variable
/// is found in the template text.
pub fn error(e: &tera::Error, templates: &[SourceFile], theme: &str) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let full = chain.join("\n");
    let name = quoted_after(&full, "'")
        .or_else(|| quoted_after(&full, "\""))
        .unwrap_or_default();
    let file = format!("themes/{theme}/templates/{name}");
    let message = chain
        .iter()
        .map(|s| {
            s.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(": ");
    let mut d = Diagnostic::error(
        &file,
        format!("template error: {}", message.replace('\n', " ")),
    );
    if let Some((line, col)) = parse_position(&full) {
        d = d.at(line, col);
    } else if let Some(var) = quoted_after(&full, "`") {
        // "Variable `page.titel` not found": find where the template uses it.
        let text = templates
            .iter()
            .find(|t| t.path == file)
            .map(|t| t.text.as_str());
        if let Some(line) = text.and_then(|t| t.lines().position(|l| l.contains(&var))) {
            d = d.at_line(line + 1);
        } else if let Some(t) = templates.iter().find(|t| t.text.contains(&var)) {
            let line = t.text.lines().position(|l| l.contains(&var)).unwrap_or(0) + 1;
            d.file = t.path.clone();
            d = d.at_line(line);
        }
    }
    let pest_detail: Vec<&str> = full
        .lines()
        .filter(|l| l.trim_start().starts_with('='))
        .collect();
    let hint = if let Some(expected) = pest_detail.first() {
        format!(
            "{}; see https://keats.github.io/tera/docs/ for the template syntax",
            expected.trim().trim_start_matches('=').trim()
        )
    } else {
        "check the variable names against the template context listed in README.md".to_string()
    };
    d.hint(hint)
}

/// The text between the first pair of `quote` characters in `s`.
fn quoted_after(s: &str, quote: &str) -> Option<String> {
    let start = s.find(quote)? + quote.len();
    let end = s[start..].find(quote)? + start;
    Some(s[start..end].to_string())
}

/// Pest's ` --> line:col` marker.
fn parse_position(s: &str) -> Option<(usize, usize)> {
    let rest = &s[s.find("--> ")? + 4..];
    let pos = rest.split_whitespace().next()?;
    let (l, c) = pos.split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tpl(text: &str) -> Vec<SourceFile> {
        vec![SourceFile {
            path: "themes/varde/templates/page.html".into(),
            text: text.into(),
        }]
    }

    #[test]
    fn parse_error_names_template_line_and_column() {
        let files = tpl("<p>\n{{ page.title }\n</p>");
        let d = load(&files, "varde").unwrap_err();
        assert!(
            d.to_string()
                .starts_with("themes/varde/templates/page.html:2:"),
            "{d}"
        );
    }

    #[test]
    fn render_error_finds_the_line_of_the_variable() {
        let files = tpl("<p>\n\n{{ page.titel }}\n</p>");
        let tera = load(&files, "varde").unwrap();
        let e = tera.render("page.html", &tera::Context::new()).unwrap_err();
        let d = error(&e, &files, "varde");
        assert!(
            d.to_string()
                .starts_with("themes/varde/templates/page.html:3: error: template error:"),
            "{d}"
        );
        assert!(d.message.contains("page.titel"), "{d}");
    }

    #[test]
    fn a_theme_script_is_minified_once_unless_it_holds_tera_tags() {
        let file = |name: &str, text: &str| SourceFile {
            path: format!("themes/varde/templates/{name}"),
            text: text.into(),
        };
        let files = vec![
            file(
                "page.html",
                "<script>{% include \"a.js\" %}</script><script>{% include \"b.js\" %}</script>",
            ),
            file("a.js", "// why\nvar answer = 'forty two';\n"),
            file("b.js", "var lang = \"{{ lang }}\"; // kept as written\n"),
        ];
        let tera = load(&files, "varde").unwrap();
        let mut context = tera::Context::new();
        context.insert("lang", "ar");
        assert_eq!(
            tera.render("page.html", &context).unwrap(),
            "<script>var answer=`forty two`;</script><script>var lang = \"ar\"; // kept as written\n</script>"
        );
    }
}
