//! The report's charts, drawn by hand as plain SVG (no scripts, no external
//! resources) so they embed in the self-contained HTML and print cleanly:
//! the category × year heat map, source types per category, the actor
//! network, the theme co-occurrence map and the PRISMA flow.

pub mod bars;
pub mod heatmap;
pub mod network;
pub mod prisma;
pub mod svg;

/// A rendered chart: the file stem under `out/charts/`, its caption, and
/// the SVG markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub name: String,
    pub title: String,
    pub svg: String,
}

/// Colour-blind-safe palette (Okabe–Ito, then a few darker tones) for
/// categories and actor kinds, assigned in order of first appearance.
pub const PALETTE: [&str; 10] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#6A51A3",
    "#3F7F3F", "#999999",
];

pub fn palette(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}
