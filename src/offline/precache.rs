//! The precache manifest: every file of the site with a short hash and its size, grouped
//! into packs (the shared files, and one pack per language), embedded into `sw.js`.
//!
//! Hashes are the first 12 characters of the base64 SHA-256 (72 bits): the manifest guards
//! against truncated, corrupted or mixed-version responses, not against an attacker, who
//! could change `sw.js` itself; 72 bits make an accidental match impossible in practice
//! while keeping the manifest, which is mostly incompressible hash text, small.

use crate::emit::Written;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Characters of the base64 SHA-256 kept per file.
pub const HASH_CHARS: usize = 12;

/// Files that are never precached: the service worker itself, host configuration, the
/// not-found page (hosts serve it; the service worker serves the offline page instead), and
/// the files for search engines, which no reader needs.
const NOT_CACHED: &[&str] = &["sw.js", "_headers", "404.html", "sitemap.xml", "robots.txt"];

/// The pack of the files only an app install needs; no language tag or folder varde
/// writes can have this name.
pub const INSTALL_PACK: &str = "+install";

/// One file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// URL relative to the site root, percent-encoded, with `index.html` left off
    /// (`en/rights/`, and `""` for the language chooser), as readers and links ask for it.
    pub url: String,
    /// The first [`HASH_CHARS`] characters of the base64 SHA-256.
    pub hash: String,
    /// Size in bytes.
    pub size: u64,
}

/// The packs: `""` for shared files, else a language code, each sorted by URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Pack name → files.
    pub packs: BTreeMap<String, Vec<Entry>>,
}

impl Manifest {
    /// Groups `written` into packs: a file in a folder belongs to the pack named after the
    /// folder (a language, or another section such as `translators`), a file at the root
    /// to the shared pack that every language needs, except `install_only` files (the large
    /// app icons, which browsers fetch themselves when installing), which go to the pack
    /// [`INSTALL_PACK`]. A reader's first visit keeps the shared pack and their language's;
    /// "keep all languages" keeps every pack.
    pub fn new(written: &[Written], languages: &[&str], install_only: &[&str]) -> Manifest {
        let mut packs: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for lang in languages {
            packs.insert(lang.to_string(), Vec::new());
        }
        packs.insert(String::new(), Vec::new());
        for w in written {
            // Media (videos, recordings) never ride in a pack: a film on every reader's
            // first visit would cost megabytes nobody asked for. Readers keep them one by one.
            if NOT_CACHED.contains(&w.path.as_str())
                || w.path.starts_with('.')
                || crate::model::media::is_media_path(&w.path)
            {
                continue;
            }
            let pack = match w.path.split_once('/') {
                Some((folder, _)) => folder,
                None if install_only.contains(&w.path.as_str()) => INSTALL_PACK,
                None => "",
            };
            let b64 = base64::engine::general_purpose::STANDARD.encode(w.sha256);
            let entry = Entry {
                url: pretty_url(&w.path),
                hash: b64[..HASH_CHARS].to_string(),
                size: w.size,
            };
            packs.entry(pack.to_string()).or_default().push(entry);
        }
        for list in packs.values_mut() {
            list.sort_by(|a, b| a.url.cmp(&b.url));
        }
        Manifest { packs }
    }

    /// The manifest as a JavaScript object literal: `{"":[["",hash,size],...],"en":[...]}`.
    pub fn to_js(&self) -> String {
        let packs: BTreeMap<&str, Vec<(&str, &str, u64)>> = self
            .packs
            .iter()
            .map(|(pack, entries)| {
                let entries = entries
                    .iter()
                    .map(|e| (e.url.as_str(), e.hash.as_str(), e.size))
                    .collect();
                (pack.as_str(), entries)
            })
            .collect();
        crate::script_json::to_script_json(&packs)
    }
}

/// `sw.js` for `manifest`. Its version is [`version`] of the final script with the version
/// left out, so it changes with any file of the site and with the worker's own code: a
/// varde release that changes only the worker, on unchanged content, is a new version too.
pub fn service_worker(manifest: &Manifest) -> String {
    let code = crate::render::html::minify::script(include_str!("sw.js"))
        .replacen("__FILES__", &manifest.to_js(), 1)
        .replacen(
            "__MEDIA__",
            &crate::model::media::MEDIA_EXTENSIONS.join("|"),
            1,
        );
    let version = version(&code);
    code.replacen(VERSION, &format!("\"{version}\""), 1)
}

/// Where the version stands in `sw.js` before it is known.
pub const VERSION: &str = "__VERSION__";

/// The version of a service worker: a short hash of its final bytes with the version itself
/// left as [`VERSION`].
pub fn version(code_without_version: &str) -> String {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(code_without_version.as_bytes()));
    b64[..HASH_CHARS].to_string()
}

/// The URL a reader asks for: `en/rights/index.html` → `en/rights/`, percent-encoded so
/// it is safe inside the manifest's strings and matches what the browser requests.
pub fn pretty_url(path: &str) -> String {
    let path = if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map(|p| &path[..p.len() + 1])
            .unwrap_or(path)
    };
    let mut url = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(path: &str, bytes: &[u8]) -> Written {
        Written {
            path: path.into(),
            size: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    fn site() -> Vec<Written> {
        vec![
            w("index.html", b"chooser"),
            w("offline.html", b"offline"),
            w("icon-192.abcd.png", b"png"),
            w("icon-512.abcd.png", b"big png"),
            w("translators/index.html", b"status"),
            w("en/index.html", b"home"),
            w("en/rights/index.html", b"rights"),
            w("en/manifest.webmanifest", b"{}"),
            w("nb/index.html", b"hjem"),
            w("nb/fil med mellomrom.pdf", b"pdf"),
            w("sw.js", b"old"),
            w("_headers", b"h"),
            w("404.html", b"nf"),
        ]
    }

    #[test]
    fn files_go_to_their_language_pack_or_the_shared_pack() {
        let m = Manifest::new(&site(), &["nb", "en"], &["icon-512.abcd.png"]);
        let urls = |p: &str| {
            m.packs[p]
                .iter()
                .map(|e| e.url.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(urls(""), ["", "icon-192.abcd.png", "offline.html"]);
        assert_eq!(urls("en"), ["en/", "en/manifest.webmanifest", "en/rights/"]);
        assert_eq!(urls("nb"), ["nb/", "nb/fil%20med%20mellomrom.pdf"]);
        assert_eq!(
            urls("translators"),
            ["translators/"],
            "a section outside the languages is a pack of its own"
        );
        assert_eq!(
            urls(INSTALL_PACK),
            ["icon-512.abcd.png"],
            "kept only when every pack is"
        );
        let home = &m.packs["en"][0];
        assert_eq!(home.size, 4);
        let full = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"home"));
        assert_eq!(home.hash, full[..12]);
    }

    #[test]
    fn same_files_give_the_same_service_worker_and_any_change_a_new_version() {
        let a = service_worker(&Manifest::new(
            &site(),
            &["nb", "en"],
            &["icon-512.abcd.png"],
        ));
        let mut shuffled = site();
        shuffled.reverse();
        assert_eq!(
            a,
            service_worker(&Manifest::new(
                &shuffled,
                &["nb", "en"],
                &["icon-512.abcd.png"]
            )),
            "order of writing does not matter"
        );
        let mut changed = site();
        changed[4] = w("en/rights/index.html", b"rights, corrected");
        let b = service_worker(&Manifest::new(
            &changed,
            &["nb", "en"],
            &["icon-512.abcd.png"],
        ));
        assert_ne!(version_in(&a), version_in(&b));
        assert!(!a.contains("__"), "every placeholder is filled");
        assert!(a.contains("[\"en/rights/\",\""), "{a}");
    }

    /// The version written in a built `sw.js`.
    fn version_in(sw: &str) -> String {
        sw.split("V=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    }

    /// The version hashes the final script with the version left out: the same files with
    /// changed worker code (a varde release that changes only the worker, on a site built
    /// the same day) give a new version, so its install never reuses the live cache's name.
    #[test]
    fn the_version_is_the_hash_of_the_final_worker_without_its_version() {
        let sw = service_worker(&Manifest::new(&site(), &["nb", "en"], &[]));
        let v = version_in(&sw);
        let blanked = sw.replacen(&format!("V=\"{v}\""), &format!("V={VERSION}"), 1);
        assert_eq!(
            version(&blanked),
            v,
            "the whole final script, manifest included"
        );
        let code_changed = format!("{blanked};S.x=1");
        assert_ne!(version(&code_changed), v);
        assert_eq!(v.len(), HASH_CHARS);
    }
}
