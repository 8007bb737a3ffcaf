//! `_headers`: HTTP headers for the hosts that read this file (Netlify, Cloudflare Pages;
//! others ignore it, and the pages' own CSP `<meta>` still applies there).
//!
//! - `sw.js` must never be cached by the host or a proxy, or readers would not see updates
//!   (browsers re-check it anyway, up to a day late).
//! - The icons carry a hash in their names, so they may be cached for a year.
//! - Every response gets the same Content-Security-Policy as the pages, allowing the union
//!   of the hashes of every page's inline style and script, so a header CSP never blocks
//!   what a page's `<meta>` CSP allows.
//! - `Referrer-Policy: same-origin`: no address leaves the site, but the service worker still
//!   sees which page a reader came from, to show the offline page in that page's language.

use super::icons::Icon;
use crate::emit::{Emitter, Written};
use crate::render::html::{inline_hashes, policy};

/// The `_headers` file for the site `written` into `out`.
pub fn headers(written: &[Written], out: &Emitter, icons: &[Icon]) -> String {
    let mut styles: Vec<String> = Vec::new();
    let mut scripts: Vec<String> = Vec::new();
    for w in written.iter().filter(|w| w.path.ends_with(".html")) {
        let Some(bytes) = out.read(&w.path) else { continue };
        let (s, j) = inline_hashes(&String::from_utf8_lossy(&bytes));
        styles.extend(s);
        scripts.extend(j);
    }
    for list in [&mut styles, &mut scripts] {
        list.sort();
        list.dedup();
    }
    let mut text = String::from("# Written by varde for hosts that read _headers (Netlify, Cloudflare Pages).\n");
    text.push_str(&format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n",
        policy(&styles, &scripts)
    ));
    text.push_str("/sw.js\n  Cache-Control: no-cache\n");
    for icon in icons {
        text.push_str(&format!("/{}\n  Cache-Control: public, max-age=31536000, immutable\n", icon.path));
    }
    text
}
