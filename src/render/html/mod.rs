//! The render stage's HTML machinery, which every page passes through after its template:
//! the one tag [`scan`]ner the others read markup with, the [`minify`]ing of templates and
//! page bodies, the number [`isolate`]s of right-to-left text, the page's last step
//! ([`finish`]: its Content-Security-Policy from its own inline hashes), and the rewrite of a
//! page's `<main>` into a [`section`] of its language's one-file copy.
//!
//! Nothing here knows about pages, languages or clinics: it takes HTML text and gives HTML
//! text. The page kinds that use it are in [`super::pages`].

pub mod finish;
pub mod isolate;
pub mod minify;
pub mod scan;
pub mod section;

pub use finish::{
    CSP_PLACEHOLDER, HashCollector, InlineHashes, fill_policy, finish_rendered, inline_hashes,
    minify_page, policy, self_contained_policy,
};
