//! Heat map of a count matrix (rows × columns), used for categories ×
//! years. Empty cells are drawn pale so the gaps stand out.

use super::svg::{shorten, text_width, Svg};

const CELL_W: f64 = 54.0;
const CELL_H: f64 = 32.0;
const FONT: f64 = 13.0;

/// A heat map; `values[r][c]` is the count for row `r`, column `c`, and
/// `unit` names what is counted ("works").
pub fn heatmap(
    title: &str,
    rows: &[String],
    columns: &[String],
    values: &[Vec<usize>],
    unit: &str,
) -> String {
    let labels: Vec<String> = rows.iter().map(|r| shorten(r, 34)).collect();
    let left = labels
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(60.0, f64::max)
        + 14.0;
    let top = 34.0;
    let width = left + CELL_W * columns.len().max(1) as f64 + 20.0;
    let height = top + CELL_H * rows.len() as f64 + 44.0;
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut svg = Svg::new(width, height);
    for (c, col) in columns.iter().enumerate() {
        let x = left + CELL_W * (c as f64 + 0.5);
        svg.text(x, top - 10.0, col, 11.0, "middle", "");
    }
    for (r, label) in labels.iter().enumerate() {
        let y = top + CELL_H * r as f64;
        svg.text(left - 8.0, y + CELL_H / 2.0 + 4.0, label, FONT, "end", "");
        for (c, column) in columns.iter().enumerate() {
            let v = values
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0);
            let x = left + CELL_W * c as f64;
            let tip = format!("{}, {column}: {v} {unit}", rows[r]);
            svg.rect_titled(
                x + 1.0,
                y + 1.0,
                CELL_W - 2.0,
                CELL_H - 2.0,
                &shade(v, max),
                &tip,
            );
            let ink = if v as f64 / max as f64 > 0.55 {
                "#ffffff"
            } else {
                "#333333"
            };
            let shown = if v == 0 {
                "·".to_string()
            } else {
                v.to_string()
            };
            svg.text(
                x + CELL_W / 2.0,
                y + CELL_H / 2.0 + 4.0,
                &shown,
                11.0,
                "middle",
                &format!(r#"fill="{ink}""#),
            );
        }
    }
    let legend_y = top + CELL_H * rows.len() as f64 + 26.0;
    svg.text(
        left,
        legend_y,
        &format!("Cell = number of {unit}; darker = more; · = none (a gap)"),
        11.0,
        "start",
        r##"fill="#555555""##,
    );
    svg.finish(title)
}

/// Blue scale from pale to dark; zero is a neutral pale grey.
fn shade(v: usize, max: usize) -> String {
    if v == 0 {
        return "#f1f1f1".to_string();
    }
    let t = (v as f64 / max as f64).clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        lerp(222.0, 8.0),
        lerp(235.0, 69.0),
        lerp(247.0, 148.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_cell_and_escapes_labels() {
        let svg = heatmap(
            "Categories × years",
            &["Threats <TTP>".into(), "Trade".into()],
            &["2021".into(), "2022".into()],
            &[vec![3, 0], vec![1, 2]],
            "works",
        );
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("Threats &lt;TTP&gt;"));
        assert!(svg.contains("Threats &lt;TTP&gt;, 2022: 0 works"));
        assert_eq!(shade(0, 3), "#f1f1f1");
        assert_eq!(shade(3, 3), "#084594");
    }
}
