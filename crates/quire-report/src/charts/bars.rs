//! Stacked horizontal bars: per category, how many coded passages rest on
//! primary, secondary and unclassified sources.

use super::svg::{shorten, text_width, Svg};

const BAR_H: f64 = 22.0;
const GAP: f64 = 10.0;
const FONT: f64 = 12.0;
const PLOT_W: f64 = 460.0;

/// One bar: a label and its stacked segments, in the order of `series`.
pub struct Bar {
    pub label: String,
    pub values: Vec<usize>,
}

/// Stacked bars; `series` are (name, colour) pairs, one per segment.
pub fn stacked_bars(title: &str, bars: &[Bar], series: &[(&str, &str)], unit: &str) -> String {
    let labels: Vec<String> = bars.iter().map(|b| shorten(&b.label, 34)).collect();
    let left = labels
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(60.0, f64::max)
        + 14.0;
    let top = 40.0;
    let width = left + PLOT_W + 70.0;
    let height = top + (BAR_H + GAP) * bars.len() as f64 + 30.0;
    let max = bars
        .iter()
        .map(|b| b.values.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = Svg::new(width, height);
    legend(&mut svg, left, series);
    for (i, (bar, label)) in bars.iter().zip(&labels).enumerate() {
        let y = top + (BAR_H + GAP) * i as f64;
        svg.text(left - 8.0, y + BAR_H / 2.0 + 4.0, label, FONT, "end", "");
        let mut x = left;
        for (v, (name, colour)) in bar.values.iter().zip(series) {
            let w = PLOT_W * *v as f64 / max as f64;
            if w > 0.0 {
                let tip = format!("{}: {v} {unit} from {name} sources", bar.label);
                svg.rect_titled(x, y, w, BAR_H, colour, &tip);
                if w > 24.0 {
                    svg.text(
                        x + w / 2.0,
                        y + BAR_H / 2.0 + 4.0,
                        &v.to_string(),
                        11.0,
                        "middle",
                        r##"fill="#ffffff""##,
                    );
                }
            }
            x += w;
        }
        let total: usize = bar.values.iter().sum();
        svg.text(
            x + 6.0,
            y + BAR_H / 2.0 + 4.0,
            &total.to_string(),
            11.0,
            "start",
            r##"fill="#555555""##,
        );
    }
    svg.line(left, top - 4.0, left, height - 26.0, "#999999", 1.0, "");
    svg.finish(title)
}

fn legend(svg: &mut Svg, left: f64, series: &[(&str, &str)]) {
    let mut x = left;
    for (name, colour) in series {
        svg.rect(x, 12.0, 12.0, 12.0, colour, "");
        svg.text(x + 17.0, 22.0, name, 12.0, "start", "");
        x += 17.0 + text_width(name, 12.0) + 22.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_segments_scale_to_the_longest_bar() {
        let svg = stacked_bars(
            "Source types",
            &[
                Bar {
                    label: "Threats".into(),
                    values: vec![2, 2],
                },
                Bar {
                    label: "Trade".into(),
                    values: vec![0, 1],
                },
            ],
            &[("primary", "#0072B2"), ("secondary", "#E69F00")],
            "passages",
        );
        // The first bar fills the plot: two segments of half its width.
        assert!(svg.contains(r#"width="230.0""#));
        assert!(svg.contains("Trade: 1 passages from secondary sources"));
        assert!(!svg.contains("Trade: 0 passages"));
    }
}
