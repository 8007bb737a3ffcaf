//! The last step of every HTML page: minify, then fill in the Content-Security-Policy with
//! the hashes of the page's own inline style and script, so no `unsafe-inline` is needed.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The placeholder a template writes as the `content` of its CSP `<meta>` element.
pub const CSP_PLACEHOLDER: &str = "__VARDE_CSP__";

/// Minifies `html` and fills in its CSP.
pub fn finish(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    let minified = minify_html::minify(html.as_bytes(), &cfg);
    let text = String::from_utf8_lossy(&minified);
    fill_csp(&text).into_bytes()
}

/// Replaces the CSP placeholder with a policy that allows exactly the inline styles and
/// scripts of this page, by hash. JSON data blocks are not scripts and need no hash.
pub fn fill_csp(html: &str) -> String {
    if !html.contains(CSP_PLACEHOLDER) {
        return html.to_string();
    }
    let (styles, scripts) = inline_hashes(html);
    let policy = policy(&styles, &scripts);
    html.replacen(&format!("\"{CSP_PLACEHOLDER}\""), &format!("\"{policy}\""), 1)
        .replacen(CSP_PLACEHOLDER, &format!("\"{policy}\""), 1)
}

/// The Content-Security-Policy for the given style and script hashes.
pub fn policy(styles: &[String], scripts: &[String]) -> String {
    let quote = |v: &[String]| v.iter().map(|h| format!(" '{h}'")).collect::<String>();
    format!(
        "default-src 'self'; img-src 'self' data:; style-src 'self'{}; script-src 'self'{}; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self'; manifest-src 'self'; worker-src 'self'",
        quote(styles),
        quote(scripts)
    )
}

/// `sha256-...` hashes of every inline `<style>` and executable inline `<script>`.
pub fn inline_hashes(html: &str) -> (Vec<String>, Vec<String>) {
    let mut styles = Vec::new();
    let mut scripts = Vec::new();
    for (tag, list) in [("style", &mut styles), ("script", &mut scripts)] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        let mut rest = html;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start..];
            let Some(gt) = after.find('>') else { break };
            let attrs = &after[open.len()..gt];
            let body_start = gt + 1;
            let Some(end) = after[body_start..].find(&close) else { break };
            let body = &after[body_start..body_start + end];
            let is_data = attrs.contains("json");
            let external = attrs.contains("src=");
            if !is_data && !external {
                let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()));
                let h = format!("sha256-{hash}");
                if !list.contains(&h) {
                    list.push(h);
                }
            }
            rest = &after[body_start + end + close.len()..];
        }
    }
    (styles, scripts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_holds_the_hash_of_the_minified_inline_code() {
        let page = "<!doctype html><html lang=en><head><meta http-equiv=Content-Security-Policy content=\"__VARDE_CSP__\"><style>p{color:red}</style></head><body><p>x</p><script>let a=1</script><script type=application/ld+json>{}</script></body></html>";
        let out = String::from_utf8(finish(page)).unwrap();
        let (styles, scripts) = inline_hashes(&out);
        assert_eq!(styles.len(), 1);
        assert_eq!(scripts.len(), 1, "the JSON-LD block is not hashed");
        assert!(out.contains(&format!("'{}'", styles[0])), "{out}");
        assert!(out.contains(&format!("'{}'", scripts[0])), "{out}");
        assert!(!out.contains("unsafe-inline"));
    }
}
