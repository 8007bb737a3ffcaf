//! App icons from one source image: the theme's `static/icon.svg` (a cairn, *varde*),
//! rasterised with `resvg` at build time.
//!
//! Why an SVG and resvg rather than a PNG resized with `image`: the source stays a few
//! lines of reviewable text in the theme, every size is drawn sharp from vectors instead of
//! being scaled from pixels, and the maskable icon is the same drawing placed inside the
//! safe zone on the theme colour. resvg without its default features (no text, fonts or
//! raster-image decoding) is pure Rust and renders deterministically, so `dist/` stays
//! byte-identical between builds.

use crate::diagnostics::Diagnostic;
use resvg::{tiny_skia, usvg};

/// One rasterised icon.
#[derive(Debug, Clone)]
pub struct Icon {
    /// Width and height in pixels.
    pub size: u32,
    /// Drawn inside the safe zone on a full background, for `purpose: maskable`.
    pub maskable: bool,
    /// File name in `dist/`, with a content hash (`icon-192.1a2b3c4d.png`), so hosts may
    /// cache it for a year.
    pub path: String,
    /// The PNG.
    pub png: Vec<u8>,
}

/// The icons a web app manifest needs: 192 and 512 pixels, and a maskable 512.
const SIZES: &[(u32, bool)] = &[(192, false), (512, false), (512, true)];

/// Share of a maskable icon's width the drawing takes. Platforms may crop a maskable icon
/// to a centred circle of 80 % of its width; the drawing's corners are its own background
/// in the theme colour, so only the stones must stay inside that circle, and at 70 % they do.
const MASKABLE_SCALE: f32 = 0.7;

/// Rasterises `svg` (read from `file`) into every icon size.
pub fn rasterise(file: &str, svg: &[u8], theme_color: &str) -> Result<Vec<Icon>, Diagnostic> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default()).map_err(|e| {
        Diagnostic::error(file, format!("cannot read the icon: {e}"))
            .hint("the app icons are drawn from this SVG file; check that it is valid SVG")
    })?;
    let background = parse_color(theme_color);
    SIZES
        .iter()
        .map(|&(size, maskable)| {
            let mut pixmap = tiny_skia::Pixmap::new(size, size)
                .ok_or_else(|| Diagnostic::error(file, "cannot make an icon canvas"))?;
            let tree_size = tree.size();
            let side = tree_size.width().max(tree_size.height());
            let (scale, offset) = if maskable {
                pixmap.fill(background);
                let s = size as f32 * MASKABLE_SCALE / side;
                (s, size as f32 * (1.0 - MASKABLE_SCALE) / 2.0)
            } else {
                (size as f32 / side, 0.0)
            };
            let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, offset, offset);
            resvg::render(&tree, transform, &mut pixmap.as_mut());
            let png = pixmap.encode_png().map_err(|e| {
                Diagnostic::error(file, format!("cannot encode the icon as PNG: {e}"))
            })?;
            let kind = if maskable { "icon-maskable" } else { "icon" };
            Ok(Icon {
                size,
                maskable,
                path: crate::model::hashed_name(&format!("{kind}-{size}"), &png, "png"),
                png,
            })
        })
        .collect()
}

/// `#rrggbb` as a colour; anything else is white.
fn parse_color(hex: &str) -> tiny_skia::Color {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (h.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => tiny_skia::Color::from_rgba8(r, g, b, 255),
        _ => tiny_skia::Color::WHITE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#f00"/></svg>"##;

    #[test]
    fn icons_have_their_sizes_and_a_maskable_one_fills_its_background() {
        let icons = rasterise("icon.svg", SVG, "#0b4f6c").unwrap();
        assert_eq!(
            icons
                .iter()
                .map(|i| (i.size, i.maskable))
                .collect::<Vec<_>>(),
            [(192, false), (512, false), (512, true)]
        );
        for i in &icons {
            assert_eq!(&i.png[..8], b"\x89PNG\r\n\x1a\n");
            assert_eq!(
                u32::from_be_bytes(i.png[16..20].try_into().unwrap()),
                i.size,
                "width in IHDR"
            );
            assert!(
                i.path.ends_with(".png")
                    && i.path.starts_with(if i.maskable {
                        "icon-maskable-"
                    } else {
                        "icon-"
                    })
            );
        }
        assert_eq!(
            rasterise("icon.svg", SVG, "#0b4f6c").unwrap()[2].png,
            icons[2].png,
            "deterministic"
        );
        assert_ne!(icons[1].png, icons[2].png);
    }

    #[test]
    fn a_broken_svg_names_its_file() {
        let d = rasterise("themes/varde/static/icon.svg", b"<svg", "#000000").unwrap_err();
        assert!(
            d.to_string().starts_with("themes/varde/static/icon.svg"),
            "{d}"
        );
    }
}
