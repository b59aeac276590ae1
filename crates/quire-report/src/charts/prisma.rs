//! The PRISMA-style flow: identified → duplicates removed → screened →
//! excluded (with reasons) → included, as boxes and arrows.

use super::svg::{shorten, Svg};
use crate::input::PrismaCounts;

const BOX_W: f64 = 300.0;
const BOX_H: f64 = 54.0;
const STEP: f64 = 96.0;
const SIDE_X: f64 = 390.0;
const SIDE_W: f64 = 300.0;
/// Below a box's top, the middle of the gap to the next box: where a side
/// arrow leaves the column, so that it does not cross the box above.
const GAP_MIDDLE: f64 = (BOX_H + STEP) / 2.0;

/// The flow diagram for the given counts.
pub fn prisma_flow(counts: &PrismaCounts) -> String {
    let reasons = &counts.exclusion_reasons;
    let reason_lines = reasons.len().min(6);
    // The exclusion box grows with its reasons; the included box sits below it.
    let last_step = STEP + 16.0 * reason_lines as f64;
    let fulltext_step = if counts.fulltext_assessed.is_some() {
        STEP
    } else {
        0.0
    };
    let height = 20.0 + STEP + last_step + fulltext_step + BOX_H + 20.0;
    let mut svg = Svg::new(SIDE_X + SIDE_W + 20.0, height);
    svg.raw(concat!(
        r##"<defs><marker id="quire-prisma-arrow" viewBox="0 0 10 10" refX="9" refY="5" "##,
        r##"markerWidth="7" markerHeight="7" orient="auto-start-reverse">"##,
        r##"<path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>"##
    ));
    let x = 20.0;
    let mut y = 20.0;
    // Identified, then screened; exclusions branch off screening.
    draw_box(
        &mut svg,
        x,
        y,
        BOX_W,
        BOX_H,
        "Records identified",
        counts.identified,
        "#e8f0f8",
    );
    side_box(
        &mut svg,
        y + GAP_MIDDLE,
        "Duplicates removed",
        counts.duplicates_removed,
        &[],
    );
    arrow_down(&mut svg, x + BOX_W / 2.0, y + BOX_H, y + STEP);
    y += STEP;
    draw_box(
        &mut svg,
        x,
        y,
        BOX_W,
        BOX_H,
        "Records screened",
        counts.screened,
        "#e8f0f8",
    );
    let shown: Vec<String> = reasons
        .iter()
        .take(6)
        .map(|(r, n)| format!("{}: {n}", shorten(r, 34)))
        .collect();
    side_box(
        &mut svg,
        y + GAP_MIDDLE,
        "Records excluded",
        counts.excluded,
        &shown,
    );
    arrow_down(&mut svg, x + BOX_W / 2.0, y + BOX_H, y + last_step);
    y += last_step;
    if let Some(n) = counts.fulltext_assessed {
        draw_box(
            &mut svg,
            x,
            y,
            BOX_W,
            BOX_H,
            "Full texts assessed",
            n,
            "#e8f0f8",
        );
        arrow_down(&mut svg, x + BOX_W / 2.0, y + BOX_H, y + STEP);
        y += STEP;
    }
    draw_box(
        &mut svg,
        x,
        y,
        BOX_W,
        BOX_H,
        "Included in the review",
        counts.included,
        "#e3f1e3",
    );
    svg.finish("PRISMA flow of records")
}

#[allow(clippy::too_many_arguments)]
fn draw_box(svg: &mut Svg, x: f64, y: f64, w: f64, h: f64, label: &str, n: usize, fill: &str) {
    svg.rect(
        x,
        y,
        w,
        h,
        fill,
        r##"stroke="#4a5a6a" stroke-width="1.2" rx="4""##,
    );
    svg.text(
        x + w / 2.0,
        y + 23.0,
        label,
        13.0,
        "middle",
        r#"font-weight="bold""#,
    );
    svg.text(
        x + w / 2.0,
        y + 41.0,
        &format!("n = {n}"),
        13.0,
        "middle",
        "",
    );
}

/// A box to the right of the main column, joined by a horizontal arrow
/// from the column's connector at height `mid` (between two boxes).
fn side_box(svg: &mut Svg, mid: f64, label: &str, n: usize, lines: &[String]) {
    let h = BOX_H + 16.0 * lines.len() as f64;
    let y = mid - BOX_H / 2.0;
    svg.line(
        20.0 + BOX_W / 2.0,
        mid,
        SIDE_X,
        mid,
        "#555555",
        1.2,
        r#"marker-end="url(#quire-prisma-arrow)""#,
    );
    draw_box(svg, SIDE_X, y, SIDE_W, h, label, n, "#f8ece8");
    for (i, line) in lines.iter().enumerate() {
        svg.text(
            SIDE_X + 14.0,
            y + BOX_H + 8.0 + 16.0 * i as f64,
            line,
            12.0,
            "start",
            "",
        );
    }
}

fn arrow_down(svg: &mut Svg, x: f64, from: f64, to: f64) {
    svg.line(
        x,
        from,
        x,
        to - 1.0,
        "#555555",
        1.2,
        r#"marker-end="url(#quire-prisma-arrow)""#,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_every_count_and_reason() {
        let svg = prisma_flow(&PrismaCounts {
            identified: 120,
            duplicates_removed: 8,
            screened: 112,
            excluded: 70,
            exclusion_reasons: vec![
                ("before 2019 & not seminal".into(), 50),
                ("off topic".into(), 20),
            ],
            included: 42,
            fulltext_assessed: Some(55),
        });
        for n in ["n = 120", "n = 8", "n = 112", "n = 70", "n = 55", "n = 42"] {
            assert!(svg.contains(n), "{n} missing");
        }
        assert!(svg.contains("before 2019 &amp; not seminal: 50"));
        assert!(svg.contains("Full texts assessed"));
    }

    /// Each side arrow leaves the column between two boxes, not across
    /// the box above (it ran through "n = …" of "Records identified").
    #[test]
    fn side_arrows_branch_off_between_the_boxes() {
        let svg = prisma_flow(&PrismaCounts {
            identified: 51,
            screened: 51,
            included: 51,
            ..Default::default()
        });
        let number = |s: &str, attr: &str| -> f64 {
            let at = s.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
            s[at..].split('"').next().unwrap().parse().unwrap()
        };
        let boxes: Vec<(f64, f64)> = svg
            .lines()
            .filter(|l| l.starts_with("<rect") && number(l, "x") == 20.0)
            .map(|l| (number(l, "y"), number(l, "y") + number(l, "height")))
            .collect();
        let side_arrows: Vec<f64> = svg
            .lines()
            .filter(|l| l.starts_with("<line") && number(l, "y1") == number(l, "y2"))
            .map(|l| number(l, "y1"))
            .collect();
        assert_eq!(side_arrows.len(), 2);
        for (arrow, pair) in side_arrows.iter().zip(boxes.windows(2)) {
            assert!(
                *arrow > pair[0].1 && *arrow < pair[1].0,
                "arrow at {arrow}, boxes {pair:?}"
            );
        }
    }
}
