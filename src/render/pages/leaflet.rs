//! The printable leaflet: one page per language made to be printed and handed out by
//! shelters, clinics and volunteers. `<lang>/leaflet/` is one A4 sheet; `<lang>/leaflet/a5/`
//! holds two A5 copies side by side on one A4 sheet, for cutting.
//!
//! The sheet carries the core message in large type, both clinics' weekly hours and phone
//! numbers (from the same [`ClinicView`]s as the clinic pages), the emergency numbers, the
//! date the facts were checked, and a QR code to the language's home page. The QR code needs
//! an absolute address, so it is drawn only when `site.toml` sets `base_url`; without it the
//! build says so once ([`crate::render::urls::base_url_note`]) and the sheet shows no code. `varde pdf` (see `crate::pdf`) prints these
//! pages to PDF with headless Chromium; the normal build needs nothing but this module.

use crate::config::{CONFIG_FILE, Language};
use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::model::TranslationStatus;
use crate::render::{LangContext, Renderer, dates};
use crate::schedule::ClinicView;
use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The page key of the leaflet below each language (`<lang>/leaflet/`).
pub const KEY: &str = "leaflet/";

/// The two layouts: folder below `<lang>/leaflet/`, and how many copies fit one sheet.
const LAYOUTS: [(&str, &str, usize); 2] = [("a4", "", 1), ("a5", "a5/", 2)];

#[derive(Serialize)]
struct LeafletContext<'a> {
    site_title: &'a str,
    lang: LangContext<'a>,
    t: &'a BTreeMap<String, String>,
    /// Relative URL of the language's home page.
    home: &'a str,
    /// `a4` or `a5`.
    layout: &'a str,
    /// Relative URLs of the two layouts from this page.
    a4_url: &'a str,
    a5_url: &'a str,
    /// One entry per copy on the sheet; only the first is read out and has live links.
    copies: Vec<bool>,
    clinics: Vec<&'a ClinicView>,
    /// The QR code as inline SVG, and the address it holds.
    qr: Option<String>,
    url: Option<String>,
    /// The address as HTML that may break only after a `/` ([`breakable_url`]), so a long
    /// address is printed large on two lines rather than cut inside a word.
    url_html: Option<String>,
    /// The oldest `checked` date of the language's pages, ISO and written out.
    checked: Option<String>,
    checked_text: Option<String>,
    /// The language's own home page is a draft translation: the sheet says so, as the pages do.
    draft: bool,
    build_date: String,
}

/// Writes both leaflet layouts for every language. Returns how many pages it wrote, and
/// its warnings (the missing `base_url` is noted by [`crate::render::urls::base_url_note`]).
pub fn render(
    renderer: &Renderer<'_>,
    out: &Emitter,
) -> Result<(usize, Vec<Diagnostic>), Diagnostic> {
    let site = renderer.site;
    let mut warnings = Vec::new();
    if site.pages.contains_key(KEY) {
        warnings.push(
            Diagnostic::warning(CONFIG_FILE, "a content page `leaflet` takes the address of the printable leaflet; no leaflet was made")
                .hint("rename the page, e.g. content/<lang>/leaflet.md to handout.md"),
        );
        return Ok((0, warnings));
    }
    let empty = BTreeMap::new();
    let mut pages = 0;
    for lang in &site.config.languages {
        let url = site
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}/", lang.code));
        let qr = url.as_deref().and_then(qr_svg);
        let url_html = url.as_deref().map(breakable_url);
        let checked = checked_date(renderer, lang);
        let draft = site
            .pages
            .get("")
            .and_then(|by_lang| by_lang.get(&lang.code))
            .is_some_and(|home| home.front.translation_status == TranslationStatus::Draft);
        for (layout, dir, copies) in LAYOUTS {
            let nested = !dir.is_empty();
            let context = LeafletContext {
                site_title: &lang.title,
                lang: lang.into(),
                t: site.strings.of(&lang.code).unwrap_or(&empty),
                home: if nested { "../../" } else { "../" },
                layout,
                a4_url: if nested { "../" } else { "./" },
                a5_url: if nested { "./" } else { "a5/" },
                copies: (0..copies).map(|i| i == 0).collect(),
                clinics: renderer.clinics.all(&lang.code),
                qr: qr.clone(),
                url: url.clone(),
                url_html: url_html.clone(),
                checked: checked.map(|d| d.to_string()),
                checked_text: checked.map(|d| dates::long_date(&lang.code, d)),
                draft,
                build_date: renderer.today.to_string(),
            };
            let page = renderer.render_template("leaflet.html", &context)?;
            out.write(
                &format!("{}/{KEY}{dir}index.html", lang.code),
                &renderer.finish_html(&page),
            )?;
            pages += 1;
        }
    }
    Ok((pages, warnings))
}

/// The date the leaflet's facts were checked in `lang`: the oldest `checked` date of the
/// pages a reader of `lang` sees, so the sheet never claims more than the site does.
fn checked_date(renderer: &Renderer<'_>, lang: &Language) -> Option<jiff::civil::Date> {
    let site = renderer.site;
    site.pages
        .keys()
        .filter_map(|k| site.resolve(k, lang)?.page.front.checked)
        .min()
}

/// `url` escaped for HTML, printable on paper: a line may break after each `/` of its path
/// (`<wbr>`), never after a `-` or `.` (a word joiner follows them), because a reader copying
/// `helse-` at the end of a line would take the hyphen for a hyphenation and drop it.
fn breakable_url(url: &str) -> String {
    let escaped = url
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('-', "-\u{2060}")
        .replace('.', ".\u{2060}");
    match escaped.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.replace('/', "/<wbr>")),
        None => escaped,
    }
}

/// `text` as a QR code in inline SVG: one `<path>` that strokes each horizontal run of dark
/// modules as a line one module thick (far smaller than a rectangle per module), with the
/// 4-module quiet zone the standard asks for. `None` when the text is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    const QUIET: usize = 4;
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let run = x - start;
            // The line runs through the middle of the row, so its stroke covers the row exactly.
            let _ = write!(d, "M{} {}.5h{run}", start + QUIET, y + QUIET);
        }
    }
    let size = width + 2 * QUIET;
    Some(format!(
        "<svg class=\"qr\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><path stroke=\"#000\" d=\"{d}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_one_path_with_a_quiet_zone() {
        let svg = qr_svg("https://example.org/helse/nb/").unwrap();
        assert_eq!(svg.matches("<path").count(), 1, "{svg}");
        assert!(!svg.contains("<rect"), "{svg}");
        // Version 3 (29 modules) for a URL this long, plus 4 modules on each side.
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        // The finder pattern's top row starts at the quiet zone: a run of 7 dark modules.
        assert!(svg.contains("M4 4.5h7M"), "{svg}");
        assert!(svg.len() < 2500, "{} bytes", svg.len());
    }

    #[test]
    fn a_printed_address_breaks_only_after_a_slash_of_its_path() {
        assert_eq!(
            breakable_url("https://my-site.org/a&b/en/"),
            "https://my-\u{2060}site.\u{2060}org/<wbr>a&amp;b/<wbr>en/<wbr>"
        );
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(qr_svg(&"x".repeat(5000)).is_none());
    }
}
