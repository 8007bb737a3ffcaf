//! The pages a site has besides its Markdown pages, each made from what the build already
//! knows: the language [`chooser`] (`dist/index.html`), the printable [`leaflet`] of each
//! language, the [`translators`]' overview, the one-file copy of each language
//! ([`all_in_one`]), and the [`sitemap`] with `robots.txt`.
//!
//! Each renders through the shared [`Renderer`](super::Renderer) and its page's HTML goes
//! through [`super::html`] like any other page.

pub mod all_in_one;
pub mod chooser;
pub mod leaflet;
pub mod sitemap;
pub mod translators;
