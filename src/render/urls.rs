//! Relative URLs between pages, so one `dist/` works at a domain's root and under any
//! subpath with no setting.

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::Diagnostic;

/// The relative URL from the page at key `from` to the page at key `to`, both keys being
/// folder paths ending in `/` (or `""` for the language's home).
pub fn relative_url(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut url = "../".repeat(from.len() - common);
    for seg in &to[common..] {
        url.push_str(seg);
        url.push('/');
    }
    if url.is_empty() {
        "./".to_string()
    } else {
        url
    }
}

/// The one note of a build without `base_url`: what the site lacks without its public
/// address. Search engines ignore relative hreflang alternates (and Lighthouse fails them),
/// so none are written; canonical links and the leaflets' QR codes need it too.
pub fn base_url_note(config: &Config, leaflets: bool) -> Option<Diagnostic> {
    if config.base_url.is_some() {
        return None;
    }
    let qr = if leaflets {
        ", and the printed leaflets have no QR code to the site"
    } else {
        ""
    };
    Some(
        Diagnostic::warning(
            CONFIG_FILE,
            format!("no base_url: pages have no hreflang alternates or canonical link for search engines, no sitemap.xml and no link previews{qr}"),
        )
        .hint("give the site's public address where it is built, `varde build --base-url https://example.org/helse/`, or in site.toml: `base_url = \"https://example.org/helse/\"`"),
    )
}

/// The relative URL from a page at `depth` folders below the site root back to the root.
pub fn root_of(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative_url("rights/adults/", "clinics/bergen/"),
            "../../clinics/bergen/"
        );
        assert_eq!(relative_url("rights/", "rights/children/"), "children/");
        assert_eq!(relative_url("rights/", ""), "../");
        assert_eq!(relative_url("", ""), "./");
        assert_eq!(relative_url("", "about/"), "about/");
    }
}
