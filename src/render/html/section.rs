//! Turns the `<main>` of a rendered page into a section of the one-file copy of its
//! language ([`crate::render::pages::all_in_one`]): links between pages become `#id` links, ids get the
//! section's prefix so eleven pages' `#hours` do not clash, headings go one level down
//! (the file has one `<h1>`), scripts go (the file runs only its own), calendar links become
//! `data:` URIs, and nothing is left that would make the browser ask for another file.
//! A template says what is only true of the website or only of the file: an element marked
//! `data-web-only` is left out (the safety page's button and its text about the red button),
//! one marked `data-file-only` (hidden on the website) is shown.
//!
//! Tags and attributes are read with the one scanner of the render stage, [`super::scan`].

use super::scan::{self, Kind};
use std::collections::BTreeMap;

/// What the rewrite needs to know about the page and its language.
pub struct Target<'a> {
    /// The language code, the first folder of every page's URL.
    pub lang: &'a str,
    /// The page's key (`rights/adults/`).
    pub key: &'a str,
    /// The section id of every page of the language, by key.
    pub ids: &'a BTreeMap<String, String>,
    /// `data:` URIs for files of the site by path in `dist/` (the calendars).
    pub data_uris: &'a BTreeMap<String, String>,
    /// The published site (`base_url`), for links to what the file does not hold.
    pub base_url: Option<&'a str>,
}

/// The rewritten `html` (the inside of a page's `<main>`).
pub fn rewrite(html: &str, target: &Target<'_>) -> String {
    let section = target.ids.get(target.key).map(String::as_str).unwrap_or("");
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut scanner = scan::scan(html);
    while let Some(m) = scanner.next() {
        out.push_str(&html[copied..m.start]);
        copied = m.end;
        let tag = &html[m.start..m.end];
        match m.kind {
            // Data blocks and "open now" are for the web page; the file runs only its own
            // script (all-in-one.html), which hides the openings that are over.
            Kind::Start { name, .. } if name.eq_ignore_ascii_case("script") => {
                copied = scanner.skip_element(name);
            }
            Kind::Start { name, self_closing }
                if scan::attribute(tag, "data-web-only").is_some() =>
            {
                if !self_closing && !scan::is_void(name) {
                    copied = scanner.skip_element(name);
                }
            }
            Kind::Start { name, self_closing } => {
                out.push_str(&rewrite_start_tag(tag, name, self_closing, section, target));
            }
            Kind::End { name } => {
                out.push_str("</");
                out.push_str(&demoted(name));
                out.push('>');
            }
            Kind::Comment { .. } => {}
            Kind::Declaration => out.push_str(tag),
        }
    }
    out.push_str(&html[copied..]);
    out
}

fn rewrite_start_tag(
    tag: &str,
    name: &str,
    self_closing: bool,
    section: &str,
    target: &Target<'_>,
) -> String {
    let file_only = scan::attribute(tag, "data-file-only").is_some();
    let mut out = format!("<{}", demoted(name));
    for a in scan::attributes(tag) {
        if file_only && ["hidden", "data-file-only"].contains(&a.name) {
            continue;
        }
        out.push(' ');
        out.push_str(a.name);
        let new = a.value.and_then(|v| new_value(a.name, v, section, target));
        match (new, a.value) {
            (Some(v), _) => {
                out.push_str("=\"");
                out.push_str(&v.replace('"', "&quot;"));
                out.push('"');
            }
            (None, Some(v)) => {
                let q = a.quote.map(String::from).unwrap_or_default();
                out.push('=');
                out.push_str(&q);
                out.push_str(v);
                out.push_str(&q);
            }
            (None, None) => {}
        }
    }
    if self_closing {
        out.push('/');
    }
    out.push('>');
    out
}

/// `h1`…`h5` one level down; other names as they are.
fn demoted(name: &str) -> String {
    match name.as_bytes() {
        [b'h' | b'H', d @ b'1'..=b'5'] => format!("h{}", (d - b'0') + 1),
        _ => name.to_string(),
    }
}

/// The new value of an attribute, or `None` to keep it.
fn new_value(name: &str, value: &str, section: &str, target: &Target<'_>) -> Option<String> {
    let prefixed = |id: &str| format!("{section}.{id}");
    match name.to_ascii_lowercase().as_str() {
        "id" => Some(prefixed(value)),
        "for" | "headers" | "aria-labelledby" | "aria-describedby" | "aria-controls" => Some(
            value
                .split_ascii_whitespace()
                .map(prefixed)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        "href" => Some(new_url(value, section, target)),
        // An image the file cannot hold shows its alt text, never a request.
        "src" => Some(
            Some(new_url(value, section, target))
                .filter(|u| u.starts_with("data:"))
                .unwrap_or_else(|| "data:,".to_string()),
        ),
        _ => None,
    }
}

/// A link as the one file needs it: to a section, a `data:` URI, the published site, or
/// (with no `base_url`) nowhere, so no click opens a missing file.
fn new_url(url: &str, section: &str, target: &Target<'_>) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{section}.{fragment}");
    }
    if has_scheme(url) || url.starts_with("//") {
        return url.to_string();
    }
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let path = path.split_once('?').map(|(p, _)| p).unwrap_or(path);
    let Some(resolved) = resolve(&format!("{}/{}", target.lang, target.key), path) else {
        return "#".to_string();
    };
    let page_key = resolved
        .strip_prefix(target.lang)
        .and_then(|k| k.strip_prefix('/'))
        .filter(|k| k.is_empty() || k.ends_with('/'));
    if let Some(id) = page_key.and_then(|k| target.ids.get(k)) {
        return if fragment.is_empty() {
            format!("#{id}")
        } else {
            format!("#{id}.{fragment}")
        };
    }
    if let Some(data) = target.data_uris.get(&resolved) {
        return data.clone();
    }
    match target.base_url {
        Some(base) => format!("{base}{resolved}"),
        None => "#".to_string(),
    }
}

fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `rel` resolved against the folder `dir` (a path below the site root ending in `/`); a
/// path that ends in a folder keeps its `/`. `None` when it climbs above the root.
fn resolve(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = rel.split('/').collect();
    let folder =
        rel.is_empty() || rel.ends_with('/') || matches!(segments.last(), Some(&"." | &".."));
    for seg in segments {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if folder && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> BTreeMap<String, String> {
        [
            ("", "home"),
            ("rights/", "rights"),
            ("clinics/bergen/", "clinics-bergen"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn target<'a>(
        key: &'a str,
        ids: &'a BTreeMap<String, String>,
        data: &'a BTreeMap<String, String>,
        base: Option<&'a str>,
    ) -> Target<'a> {
        Target {
            lang: "en",
            key,
            ids,
            data_uris: data,
            base_url: base,
        }
    }

    #[test]
    fn links_between_pages_become_section_links_and_ids_get_the_section_prefix() {
        let (ids, data) = (ids(), BTreeMap::new());
        let t = target("rights/", &ids, &data, None);
        let html = r##"<h1 id=x>R</h1><a href=../clinics/bergen/#hours>B</a><a href="../">H</a><a href='#x'>self</a><section aria-labelledby="a b"><h2 id=a>A</h2></section><a href=https://helsenorge.no/>out</a>"##;
        assert_eq!(
            rewrite(html, &t),
            r##"<h2 id="rights.x">R</h2><a href="#clinics-bergen.hours">B</a><a href="#home">H</a><a href="#rights.x">self</a><section aria-labelledby="rights.a rights.b"><h3 id="rights.a">A</h3></section><a href="https://helsenorge.no/">out</a>"##
        );
    }

    #[test]
    fn scripts_go_calendars_become_data_and_other_files_go_online_or_nowhere() {
        let ids = ids();
        let data = BTreeMap::from([(
            "en/clinics/bergen.ics".to_string(),
            "data:text/calendar;base64,QQ==".to_string(),
        )]);
        let html = r#"<p>a<script type=application/ld+json>{"x":"<p>"}</script>b<script>go()</script></p><a class=button href=../bergen.ics download=bergen.ics>cal</a><a href=../../leaflet/>L</a><img src="../../pic.png" alt="">"#;
        let offline = target("clinics/bergen/", &ids, &data, None);
        assert_eq!(
            rewrite(html, &offline),
            r##"<p>ab</p><a class=button href="data:text/calendar;base64,QQ==" download=bergen.ics>cal</a><a href="#">L</a><img src="data:," alt="">"##
        );
        let online = target("clinics/bergen/", &ids, &data, Some("https://x.org/h/"));
        assert!(rewrite(html, &online).contains(r#"href="https://x.org/h/en/leaflet/""#));
    }

    #[test]
    fn what_is_only_true_of_the_website_goes_and_what_is_only_true_of_the_file_shows() {
        let (ids, data) = (ids(), BTreeMap::new());
        let t = target("rights/", &ids, &data, None);
        let html = r#"<p>a</p><div data-web-only><div><p>red button</p></div><script>x="</div>"</script><p>b</p></div><div data-file-only hidden><p>this file</p></div><br data-web-only><p>c</p>"#;
        assert_eq!(
            rewrite(html, &t),
            "<p>a</p><div><p>this file</p></div><p>c</p>"
        );
    }

    #[test]
    fn resolving_relative_paths() {
        assert_eq!(resolve("en/rights/", "../").as_deref(), Some("en/"));
        assert_eq!(resolve("en/", "./").as_deref(), Some("en/"));
        assert_eq!(resolve("en/a/", "b.ics").as_deref(), Some("en/a/b.ics"));
        assert_eq!(resolve("en/", "../../x"), None);
    }
}
