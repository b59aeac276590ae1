//! A minimal SVG writer: shapes and text with escaped content, enough for
//! the report's charts. Plain strings, no scripts, no external resources.

use crate::escape::xml;
use std::fmt::Write;

/// An SVG canvas being drawn on.
pub struct Svg {
    width: f64,
    height: f64,
    body: String,
}

/// Approximate width of a label in pixels (sans-serif, average glyph at
/// 0.55 em), used to leave room for labels without a font engine.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.55
}

/// Shorten a label to at most `max` characters, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}" {extra}/>"#
        );
    }

    /// A rectangle with a tooltip (shown on hover in browsers).
    pub fn rect_titled(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tip: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}"><title>{}</title></rect>"#,
            xml(tip)
        );
    }

    // The SVG element's own attributes, in its order: a struct would only
    // rename them.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &str,
        width: f64,
        extra: &str,
    ) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width:.2}" {extra}/>"#
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, tip: &str) {
        let _ = writeln!(
            self.body,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{fill}" stroke="#ffffff" stroke-width="1.5"><title>{}</title></circle>"##,
            xml(tip)
        );
    }

    /// Text; `anchor` is start, middle or end. `extra` carries attributes
    /// such as font-weight.
    pub fn text(&mut self, x: f64, y: f64, text: &str, size: f64, anchor: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}" {extra}>{}</text>"#,
            xml(text)
        );
    }

    /// Text with a white halo, legible on top of lines and shapes.
    pub fn label(&mut self, x: f64, y: f64, text: &str, size: f64, anchor: &str) {
        self.text(
            x,
            y,
            text,
            size,
            anchor,
            r##"stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round""##,
        );
    }

    /// Raw markup the caller built (already escaped), e.g. `<defs>`.
    pub fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
        self.body.push('\n');
    }

    /// The finished document; `title` becomes the accessible name.
    pub fn finish(self, title: &str) -> String {
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" "#,
                r#"width="{w:.0}" height="{h:.0}" role="img" aria-label="{t}" "#,
                r##"font-family="Helvetica, Arial, sans-serif" fill="#222222">"##,
                "\n<title>{t}</title>\n{body}</svg>\n"
            ),
            w = self.width,
            h = self.height,
            t = xml(title),
            body = self.body
        )
    }
}
