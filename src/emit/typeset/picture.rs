//! A figure as a picture, for the Word files.
//!
//! Word cannot run typst, and a second drawing of each figure in DrawingML would soon drift from
//! the PDF's. So the figure's own typst code is laid out alone, on a page as wide as the PDF's
//! text and as tall as the figure, drawn to SVG by typst and to PNG by resvg (both already in the
//! build through typst). Text in the SVG is glyph outlines: no font is looked up.

use super::{TypesetError, MINCHO};
use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree};

/// A figure drawn to PNG, with its printed size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Picture {
    /// The PNG bytes.
    pub png: Vec<u8>,
    /// Printed width and height, in points.
    pub width_pt: f64,
    /// See `width_pt`.
    pub height_pt: f64,
}

/// Pixels per SVG unit (typst's SVG counts CSS pixels, 96 per inch): 1.875 is 180 dpi, sharp on
/// paper at a few hundred KB per figure.
const SCALE: f32 = 1.875;

/// Points per SVG unit (a CSS pixel is 3/4 of a point).
const POINTS: f64 = 0.75;

/// Draws `code` (a figure's typst code, as [`super::diagram`] writes it) to a PNG.
pub(crate) fn figure_picture(ident: &str, code: &str, date: chrono::NaiveDate) -> Result<Picture, TypesetError> {
    let failed = |message: String| TypesetError::Compile { document: ident.to_owned(), message };
    let source = format!(
        "#set page(width: 170mm, height: auto, margin: 2mm)\n\
         #set text(lang: \"ja\", region: \"JP\", font: ({MINCHO},), size: 10pt)\n{code}\n"
    );
    let document = super::layout(ident, source, date)?;
    let page = document.pages().first().ok_or_else(|| failed("the figure has no page".to_owned()))?;
    let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
    let tree = Tree::from_str(&svg, &Options::default()).map_err(|e| failed(e.to_string()))?;
    let size = tree.size();
    let (width, height) = ((size.width() * SCALE).ceil() as u32, (size.height() * SCALE).ceil() as u32);
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| failed("the figure is empty".to_owned()))?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::from_scale(SCALE, SCALE), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| failed(e.to_string()))?;
    Ok(Picture { png, width_pt: f64::from(size.width()) * POINTS, height_pt: f64::from(size.height()) * POINTS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_becomes_a_png_of_its_printed_size() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let code = "#figure(caption: [連絡体制図], block(width: 100mm, height: 30mm, stroke: 1pt)[院長])";
        let picture = figure_picture("test", code, date).unwrap();
        assert!(picture.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // 170 mm wide (482 pt); as tall as the block, its caption and the margins.
        assert!((picture.width_pt - 481.9).abs() < 1.0, "{}", picture.width_pt);
        assert!(picture.height_pt > 85.0 && picture.height_pt < 140.0, "{}", picture.height_pt);
        assert_eq!(figure_picture("test", code, date).unwrap(), picture, "deterministic");
        assert!(figure_picture("test", "#nonexistent()", date).is_err());
    }
}
