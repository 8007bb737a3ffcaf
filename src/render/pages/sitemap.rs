//! `sitemap.xml` and `robots.txt`, written only when the site's address is known
//! (`base_url` or `--base-url`): search engines take only absolute addresses.
//!
//! The sitemap lists every page that has a canonical link (every content page in every
//! language, fallback pages included, and the language chooser) once, each with its
//! alternates in every language and `x-default` (the chooser), as Zola and Hugo write them.
//! The leaflets, the translators' overview and the offline pages are not for search.

use crate::diagnostics::Diagnostic;
use crate::emit::Emitter;
use crate::render::Renderer;
use std::fmt::Write as _;

/// Writes `sitemap.xml` and `robots.txt` when the address is known; nothing otherwise.
pub fn write(renderer: &Renderer<'_>, out: &Emitter) -> Result<(), Diagnostic> {
    let Some(base) = renderer.site.config.base_url.as_deref() else {
        return Ok(());
    };
    out.write("sitemap.xml", sitemap(renderer, base).as_bytes())?;
    out.write(
        "robots.txt",
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n").as_bytes(),
    )
}

/// The sitemap of the site at `base`.
fn sitemap(renderer: &Renderer<'_>, base: &str) -> String {
    let site = renderer.site;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let homes: Vec<(&str, String)> = site
        .config
        .languages
        .iter()
        .map(|l| (l.code.as_str(), format!("{base}{}/", l.code)))
        .collect();
    url(&mut xml, base, &homes, base);
    for key in site.pages.keys() {
        // The languages the page is built in: its own and those that fall back to it.
        let alternates: Vec<(&str, String)> = site
            .config
            .languages
            .iter()
            .filter(|l| site.resolve(key, l).is_some())
            .map(|l| (l.code.as_str(), format!("{base}{}/{key}", l.code)))
            .collect();
        for (_, loc) in &alternates {
            url(&mut xml, loc, &alternates, base);
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One `<url>` entry with its alternates and `x-default`.
fn url(xml: &mut String, loc: &str, alternates: &[(&str, String)], x_default: &str) {
    let _ = writeln!(xml, "<url>\n<loc>{}</loc>", escape(loc));
    for (lang, href) in alternates
        .iter()
        .map(|(l, h)| (*l, h.as_str()))
        .chain([("x-default", x_default)])
    {
        let _ = writeln!(
            xml,
            "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
            escape(href)
        );
    }
    xml.push_str("</url>\n");
}

/// `text` safe in XML text and in a double-quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
