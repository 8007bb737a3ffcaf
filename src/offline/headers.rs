//! `_headers`: HTTP headers for the hosts that read this file (Netlify, Cloudflare Pages;
//! others ignore it, and the pages' own CSP `<meta>` still applies there).
//!
//! - `sw.js` must never be cached by the host or a proxy, or readers would not see updates
//!   (browsers re-check it anyway, up to a day late).
//! - The icons and the media files (videos, recordings) carry a hash in their names, so
//!   they may be cached for a year: an updated film has a new name and is fetched again.
//! - Every response gets the same Content-Security-Policy as the pages, allowing the union
//!   of the hashes of every page's inline style and script, so a header CSP never blocks
//!   what a page's `<meta>` CSP allows.
//! - `Referrer-Policy: same-origin`: no address leaves the site, but the service worker still
//!   sees which page a reader came from, to show the offline page in that page's language.

use super::icons::Icon;
use crate::model::media::MediaIndex;
use crate::render::html::{InlineHashes, policy};

/// The `_headers` file, for a site whose pages' inline code has `hashes`.
pub fn headers(hashes: &InlineHashes, icons: &[Icon], media: &MediaIndex) -> String {
    let mut text = String::from(
        "# Written by varde for hosts that read _headers (Netlify, Cloudflare Pages).\n",
    );
    text.push_str(&format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n",
        policy(&hashes.styles, &hashes.scripts)
    ));
    text.push_str("/sw.js\n  Cache-Control: no-cache\n");
    let hashed = icons
        .iter()
        .map(|i| i.path.as_str())
        .chain(media.files.values().map(|m| m.output.as_str()));
    for path in hashed {
        text.push_str(&format!(
            "/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    text
}
