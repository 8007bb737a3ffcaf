//! The last step of every HTML page: minify, then fill in the Content-Security-Policy with
//! the hashes of the page's own inline style and script, so no `unsafe-inline` is needed.

use base64::Engine as _;
use memchr::memmem;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::sync::Mutex;

/// The placeholder a template writes as the `content` of its CSP `<meta>` element.
pub const CSP_PLACEHOLDER: &str = "__VARDE_CSP__";

/// Fills in the CSP of a page rendered from minified templates ([`crate::render::templates::load`]),
/// which needs no minifying as a whole; also returns its inline hashes.
pub fn finish_rendered(html: &str) -> (Vec<u8>, InlineHashes) {
    let hashes = inline_hashes(html);
    let policy = policy(&hashes.styles, &hashes.scripts);
    (fill_policy(html, &policy).into_bytes(), hashes)
}

/// A whole page through minify-html (inline CSS and JS as they are: the theme's are
/// written small).
pub fn minify_page(html: &str) -> String {
    let minified = minify_html::minify(html.as_bytes(), &super::minify::cfg());
    // minify-html passes valid UTF-8 through unchanged; the lossy path is for safety only.
    match String::from_utf8(minified) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Replaces the CSP placeholder with `policy` (for a page: [`policy`], exactly its inline
/// styles and scripts by hash; JSON data blocks are not scripts and need no hash).
pub fn fill_policy(html: &str, policy: &str) -> String {
    let Some(at) = memmem::find(html.as_bytes(), CSP_PLACEHOLDER.as_bytes()) else {
        return html.to_string();
    };
    // The minifier may drop the quotes around a placeholder value; a policy has spaces.
    let quoted = at > 0 && html.as_bytes()[at - 1] == b'"';
    let mut out = String::with_capacity(html.len() + policy.len() + 2);
    out.push_str(&html[..at]);
    if quoted {
        out.push_str(policy);
    } else {
        out.push('"');
        out.push_str(policy);
        out.push('"');
    }
    out.push_str(&html[at + CSP_PLACEHOLDER.len()..]);
    out
}

/// The Content-Security-Policy of a site page for the given style and script hashes.
pub fn policy(styles: &[String], scripts: &[String]) -> String {
    format!(
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'{}; script-src 'self'{}; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self'; manifest-src 'self'; worker-src 'self'",
        quoted(styles),
        quoted(scripts)
    )
}

/// The policy of a file that must stand alone (a language's one-file copy): nothing but its
/// own inline styles and scripts, by hash, and `data:` images, wherever it is opened.
pub fn self_contained_policy(hashes: &InlineHashes) -> String {
    let mut policy = format!(
        "default-src 'none'; style-src{}; img-src data:; base-uri 'none'; form-action 'none'",
        quoted(&hashes.styles)
    );
    if !hashes.scripts.is_empty() {
        policy.push_str(&format!("; script-src{}", quoted(&hashes.scripts)));
    }
    policy
}

/// ` 'sha256-…'` for each hash, as a policy lists them.
fn quoted(hashes: &[String]) -> String {
    hashes.iter().map(|h| format!(" '{h}'")).collect()
}

/// The `sha256-...` hashes of a page's inline `<style>` and executable inline `<script>`
/// elements, in the order they appear.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InlineHashes {
    /// Hashes of `<style>` bodies.
    pub styles: Vec<String>,
    /// Hashes of `<script>` bodies that run (not JSON data blocks, not `src=` scripts).
    pub scripts: Vec<String>,
}

/// The hashes of every inline `<style>` and executable inline `<script>` of `html`.
pub fn inline_hashes(html: &str) -> InlineHashes {
    let mut hashes = InlineHashes::default();
    for (tag, list) in [
        ("style", &mut hashes.styles),
        ("script", &mut hashes.scripts),
    ] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        let open_finder = memmem::Finder::new(open.as_bytes());
        let close_finder = memmem::Finder::new(close.as_bytes());
        let mut rest = html;
        while let Some(start) = open_finder.find(rest.as_bytes()) {
            let after = &rest[start..];
            // The tag itself is read by the one scanner (quotes may hold `>`); the elements
            // are found with memchr's finder, as a page is mostly not `<script` or `<style`.
            let Some(m) = super::scan::scan(after).next() else {
                break;
            };
            let is_this = matches!(m.kind, super::scan::Kind::Start { name, .. } if name.eq_ignore_ascii_case(tag));
            if m.start != 0 || m.unterminated || !is_this {
                rest = &after[open.len()..];
                continue;
            }
            let start_tag = &after[..m.end];
            let Some(end) = close_finder.find(&after.as_bytes()[m.end..]) else {
                break;
            };
            let body = &after[m.end..m.end + end];
            let is_data = super::scan::attribute(start_tag, "type")
                .and_then(|a| a.value)
                .is_some_and(|v| v.contains("json"));
            let external = super::scan::attribute(start_tag, "src").is_some();
            if !is_data && !external {
                let h = hash_of(body);
                if !list.contains(&h) {
                    list.push(h);
                }
            }
            rest = &after[m.end + end + close.len()..];
        }
    }
    hashes
}

/// The `sha256-...` source of an inline body. Every page carries the same stylesheet and
/// scripts, so each rayon worker remembers the last few bodies it hashed: comparing bytes
/// costs a fraction of hashing them again.
fn hash_of(body: &str) -> String {
    use std::cell::RefCell;
    const KEEP: usize = 8;
    thread_local! {
        static SEEN: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some((_, h)) = seen.iter().find(|(b, _)| b == body) {
            return h.clone();
        }
        let hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()));
        let h = format!("sha256-{hash}");
        if seen.len() == KEEP {
            seen.remove(0);
        }
        seen.push((body.to_string(), h.clone()));
        h
    })
}

/// The union of the inline hashes of every page of a build, for the site-wide policy of
/// `_headers`; collected while pages are rendered, so no page is read back.
#[derive(Debug, Default)]
pub struct HashCollector(Mutex<(BTreeSet<String>, BTreeSet<String>)>);

impl HashCollector {
    /// Adds one page's hashes.
    pub fn add(&self, hashes: InlineHashes) {
        let mut sets = self.0.lock().unwrap_or_else(|p| p.into_inner());
        sets.0.extend(hashes.styles);
        sets.1.extend(hashes.scripts);
    }

    /// Every style and script hash seen so far, sorted.
    pub fn all(&self) -> InlineHashes {
        let sets = self.0.lock().unwrap_or_else(|p| p.into_inner());
        InlineHashes {
            styles: sets.0.iter().cloned().collect(),
            scripts: sets.1.iter().cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_holds_the_hash_of_the_minified_inline_code() {
        let page = "<!doctype html><html lang=en><head><meta http-equiv=Content-Security-Policy content=\"__VARDE_CSP__\"><style>p{color:red}</style></head><body><p>x</p><script>let a=1</script><script type=application/ld+json>{}</script></body></html>";
        let out = String::from_utf8(finish_rendered(&minify_page(page)).0).unwrap();
        let h = inline_hashes(&out);
        assert_eq!(h.styles.len(), 1);
        assert_eq!(h.scripts.len(), 1, "the JSON-LD block is not hashed");
        assert!(out.contains(&format!("'{}'", h.styles[0])), "{out}");
        assert!(out.contains(&format!("'{}'", h.scripts[0])), "{out}");
        assert!(!out.contains("unsafe-inline"));
    }

    #[test]
    fn remembered_hashes_are_the_hashes_of_their_own_bodies() {
        let direct = |b: &str| {
            format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b.as_bytes()))
            )
        };
        // More bodies than are remembered, twice over, so both paths are taken.
        let bodies: Vec<String> = (0..12).map(|i| format!("p{{order:{i}}}")).collect();
        for _ in 0..2 {
            for b in &bodies {
                let page = format!("<style>{b}</style>");
                assert_eq!(inline_hashes(&page).styles, vec![direct(b)]);
            }
        }
    }
}
