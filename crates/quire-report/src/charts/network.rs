//! Network drawings (the actor co-occurrence network and the theme map):
//! a deterministic force-directed layout (Fruchterman–Reingold, started on
//! a circle, fixed iteration count), then spread evenly over the drawing
//! (each node keeps its direction from the centre, its distance becomes
//! its rank: a dense core no longer piles its labels on top of each other
//! while a few loose nodes take the edges of the canvas), node area by
//! mentions, edge width by weight, labels with a halo, and a legend of the
//! groups. The actor network draws only its backbone, each node's few
//! strongest ties (see `backbone`): in a corpus where every actor meets
//! every other, all edges make a hairball that shows nothing.

use super::palette;
use super::svg::{shorten, text_width, Svg};
use quire_synthesis::Network;
use std::collections::HashMap;

const WIDTH: f64 = 780.0;
const ITERATIONS: usize = 300;
/// Ties drawn per actor in the actor network (the strongest by
/// `association`).
pub const TIES_PER_ACTOR: usize = 3;

/// Draw the `max_nodes` heaviest nodes of a network and, among them, the
/// `ties_per_node` strongest ties of each (see `backbone`; `usize::MAX`
/// draws every edge). `group_label` turns a group id into the legend's
/// words.
pub fn network(
    title: &str,
    net: &Network,
    max_nodes: usize,
    ties_per_node: usize,
    group_label: &dyn Fn(&str) -> String,
) -> String {
    let mut nodes: Vec<usize> = (0..net.nodes.len()).collect();
    nodes.sort_by(|&a, &b| {
        net.nodes[b]
            .weight
            .cmp(&net.nodes[a].weight)
            .then_with(|| net.nodes[a].id.cmp(&net.nodes[b].id))
    });
    nodes.truncate(max_nodes);
    // Lay out groups together on the starting circle so clusters start near.
    nodes.sort_by(|&a, &b| {
        (&net.nodes[a].group, &net.nodes[a].id).cmp(&(&net.nodes[b].group, &net.nodes[b].id))
    });
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, &n)| (net.nodes[n].id.as_str(), i))
        .collect();
    let edges: Vec<(usize, usize, usize)> = net
        .edges
        .iter()
        .filter_map(|e| {
            let a = *index.get(e.source.as_str())?;
            let b = *index.get(e.target.as_str())?;
            (a != b).then_some((a, b, e.weight))
        })
        .collect();
    let weights: Vec<usize> = nodes.iter().map(|&n| net.nodes[n].weight).collect();
    let edges = backbone(&edges, &weights, ties_per_node);
    let positions = layout(nodes.len(), &edges);
    // Few nodes spread over a tall canvas look lost; shrink it.
    let height = if nodes.len() <= 8 { 400.0 } else { 560.0 };

    let mut groups: Vec<&str> = Vec::new();
    for &n in &nodes {
        if !groups.contains(&net.nodes[n].group.as_str()) {
            groups.push(net.nodes[n].group.as_str());
        }
    }
    let colour = |g: &str| palette(groups.iter().position(|x| *x == g).unwrap_or(0));

    // The bottom margin holds the legend and the largest node's radius.
    let (left, right, top, bottom) = (50.0, 170.0, 40.0, 95.0);
    let place = |(x, y): (f64, f64)| {
        (
            left + x * (WIDTH - left - right),
            top + y * (height - top - bottom),
        )
    };
    let max_w = nodes
        .iter()
        .map(|&n| net.nodes[n].weight)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let max_e = edges.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    let radius = |w: usize| 5.0 + 17.0 * (w as f64 / max_w).sqrt();

    let mut svg = Svg::new(WIDTH, height);
    if nodes.is_empty() {
        svg.text(
            WIDTH / 2.0,
            height / 2.0,
            "Nothing to draw: no mentions were found.",
            14.0,
            "middle",
            "",
        );
        return svg.finish(title);
    }
    let labels: Vec<String> = nodes
        .iter()
        .map(|&n| shorten(&net.nodes[n].label, 28))
        .collect();
    let radii: Vec<f64> = nodes.iter().map(|&n| radius(net.nodes[n].weight)).collect();
    let boxes: Vec<LabelledNode> = labels
        .iter()
        .zip(&radii)
        .map(|(label, &r)| LabelledNode {
            radius: r,
            label_width: text_width(label, 12.0),
        })
        .collect();
    let mut points: Vec<(f64, f64)> = positions.iter().map(|&p| place(p)).collect();
    separate(
        &mut points,
        &boxes,
        (10.0, WIDTH - 10.0, 20.0, height - bottom + 20.0),
    );
    for &(a, b, w) in &edges {
        let (x1, y1) = points[a];
        let (x2, y2) = points[b];
        let width = 0.8 + 6.0 * (w as f64 / max_e);
        svg.line(
            x1,
            y1,
            x2,
            y2,
            "#7a8794",
            width,
            r#"stroke-opacity="0.45" stroke-linecap="round""#,
        );
    }
    for (i, &n) in nodes.iter().enumerate() {
        let node = &net.nodes[n];
        let (x, y) = points[i];
        let tip = format!("{}: {} passages", node.label, node.weight);
        svg.circle(x, y, radii[i], colour(&node.group), &tip);
    }
    for (i, label) in labels.iter().enumerate() {
        let (x, y) = points[i];
        svg.label(x + radii[i] + 4.0, y + 4.0, label, 12.0, "start");
    }
    legend(&mut svg, height, &groups, &colour, group_label);
    svg.finish(title)
}

/// How strongly two nodes go together beyond how often each occurs:
/// shared passages over the geometric mean of their passages (Salton's
/// cosine), so that the most named actor is not everyone's strongest tie.
fn association(shared: usize, a: usize, b: usize) -> f64 {
    shared as f64 / ((a.max(1) * b.max(1)) as f64).sqrt()
}

/// The edges among the `per_node` strongest ties (by [`association`]) of
/// either of their nodes, in the given order.
fn backbone(
    edges: &[(usize, usize, usize)],
    weights: &[usize],
    per_node: usize,
) -> Vec<(usize, usize, usize)> {
    let strength = |&(a, b, w): &(usize, usize, usize)| association(w, weights[a], weights[b]);
    let mut keep = vec![false; edges.len()];
    for node in 0..weights.len() {
        let mut ties: Vec<usize> = (0..edges.len())
            .filter(|&e| edges[e].0 == node || edges[e].1 == node)
            .collect();
        // Ties broken by edge order, which is deterministic.
        ties.sort_by(|&x, &y| {
            strength(&edges[y])
                .total_cmp(&strength(&edges[x]))
                .then(x.cmp(&y))
        });
        for &e in ties.iter().take(per_node) {
            keep[e] = true;
        }
    }
    edges
        .iter()
        .zip(keep)
        .filter_map(|(e, kept)| kept.then_some(*e))
        .collect()
}

fn legend(
    svg: &mut Svg,
    height: f64,
    groups: &[&str],
    colour: &dyn Fn(&str) -> &'static str,
    group_label: &dyn Fn(&str) -> String,
) {
    let (mut x, mut y) = (20.0, height - 40.0);
    for g in groups {
        let name = shorten(&group_label(g), 30);
        let w = 18.0 + text_width(&name, 12.0) + 20.0;
        if x + w > WIDTH - 10.0 {
            x = 20.0;
            y += 18.0;
        }
        svg.circle(x + 6.0, y - 4.0, 6.0, colour(g), &name);
        svg.text(x + 16.0, y, &name, 12.0, "start", "");
        x += w;
    }
}

/// A node as drawn: its circle and its label to the right.
struct LabelledNode {
    radius: f64,
    label_width: f64,
}

impl LabelledNode {
    /// (left, right, top, bottom) of circle and label around centre (x, y).
    fn extent(&self, (x, y): (f64, f64)) -> (f64, f64, f64, f64) {
        let half_height = self.radius.max(8.0);
        (
            x - self.radius,
            x + self.radius + 4.0 + self.label_width,
            y - half_height,
            y + half_height,
        )
    }
}

/// Passes of [`separate`]; each moves every overlapping pair apart.
const SEPARATION_PASSES: usize = 200;

/// Move nodes apart, each pair along the axis where they overlap least,
/// until no node's circle and label cover another's (or the passes run
/// out), keeping every node inside `bounds` (left, right, top, bottom):
/// the layout places centres, and a label 100 pixels wide needs room that
/// the layout never saw.
fn separate(points: &mut [(f64, f64)], nodes: &[LabelledNode], bounds: (f64, f64, f64, f64)) {
    let (min_x, max_x, min_y, max_y) = bounds;
    for _ in 0..SEPARATION_PASSES {
        let mut moved = false;
        for i in 0..points.len() {
            for j in (i + 1)..points.len() {
                let a = nodes[i].extent(points[i]);
                let b = nodes[j].extent(points[j]);
                let overlap_x = a.1.min(b.1) - a.0.max(b.0);
                let overlap_y = a.3.min(b.3) - a.2.max(b.2);
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                moved = true;
                // Labels are wide and short: moving up or down is usually
                // the smaller step.
                let (dx, dy) = if overlap_y <= overlap_x {
                    let sign = if points[i].1 <= points[j].1 {
                        -1.0
                    } else {
                        1.0
                    };
                    (0.0, sign * (overlap_y / 2.0 + 0.5))
                } else {
                    let sign = if points[i].0 <= points[j].0 {
                        -1.0
                    } else {
                        1.0
                    };
                    (sign * (overlap_x / 2.0 + 0.5), 0.0)
                };
                points[i].0 += dx;
                points[i].1 += dy;
                points[j].0 -= dx;
                points[j].1 -= dy;
            }
        }
        for (p, node) in points.iter_mut().zip(nodes) {
            let right_edge = max_x - node.radius - 4.0 - node.label_width;
            p.0 =
                p.0.clamp(min_x + node.radius, right_edge.max(min_x + node.radius));
            p.1 = p.1.clamp(min_y + node.radius, max_y - node.radius);
        }
        if !moved {
            break;
        }
    }
}

/// Fruchterman–Reingold in the unit square; returns positions in 0..1.
/// Deterministic: the same network always gives the same picture.
fn layout(n: usize, edges: &[(usize, usize, usize)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64;
            (a.cos(), a.sin())
        })
        .collect();
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let k = (4.0 / n as f64).sqrt() * 0.9;
    let max_e = edges.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    for iter in 0..ITERATIONS {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k * (0.5 + w as f64 / max_e);
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        let t = 0.12 * (1.0 - iter as f64 / ITERATIONS as f64) + 0.002;
        for i in 0..n {
            // Gravity keeps unconnected nodes from drifting off.
            disp[i].0 -= pos[i].0 * k * 0.6;
            disp[i].1 -= pos[i].1 * k * 0.6;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1)
                .sqrt()
                .max(1e-9);
            let step = len.min(t);
            pos[i].0 += disp[i].0 / len * step;
            pos[i].1 += disp[i].1 / len * step;
        }
    }
    normalise(spread(pos))
}

/// Keep each node's direction from the centroid but give it the distance
/// of its rank among all distances, filling a disc evenly (radius ∝
/// √rank): the layout's neighbourhoods stay, its crowding goes.
fn spread(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let n = pos.len() as f64;
    let (cx, cy) = pos
        .iter()
        .fold((0.0, 0.0), |(x, y), &(px, py)| (x + px / n, y + py / n));
    let mut order: Vec<usize> = (0..pos.len()).collect();
    let dist = |i: usize| ((pos[i].0 - cx).powi(2) + (pos[i].1 - cy).powi(2)).sqrt();
    order.sort_by(|&a, &b| dist(a).total_cmp(&dist(b)).then(a.cmp(&b)));
    let mut out = vec![(0.0, 0.0); pos.len()];
    for (rank, &i) in order.iter().enumerate() {
        let angle = (pos[i].1 - cy).atan2(pos[i].0 - cx);
        let r = ((rank as f64 + 0.5) / n).sqrt();
        out[i] = (r * angle.cos(), r * angle.sin());
    }
    out
}

/// Scale positions to fill 0..1 on both axes.
fn normalise(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let sx = (x1 - x0).max(1e-9);
    let sy = (y1 - y0).max(1e-9);
    pos.into_iter()
        .map(|(x, y)| ((x - x0) / sx, (y - y0) / sy))
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_backbone_keeps_each_nodes_strongest_ties_beyond_frequency() {
        // Node 0 is named everywhere and shares passages with all; 1 and 2
        // go together more than either goes with 0.
        let weights = [100, 10, 10, 10, 10];
        let edges = [
            (0, 1, 8),
            (0, 2, 8),
            (0, 3, 8),
            (0, 4, 8),
            (1, 2, 6),
            (3, 4, 2),
        ];
        let kept = backbone(&edges, &weights, 1);
        assert!(kept.contains(&(1, 2, 6)), "{kept:?}");
        assert!(
            kept.contains(&(3, 4, 2)) || kept.contains(&(0, 3, 8)),
            "{kept:?}"
        );
        assert!(kept.len() < edges.len(), "{kept:?}");
        // With room for every tie, nothing is dropped.
        assert_eq!(backbone(&edges, &weights, 5), edges);
    }

    use super::*;
    use quire_synthesis::{NetworkEdge, NetworkNode};

    fn node(id: &str, group: &str, weight: usize) -> NetworkNode {
        NetworkNode {
            id: id.into(),
            label: id.to_uppercase(),
            group: group.into(),
            weight,
        }
    }

    #[test]
    fn draws_the_heaviest_nodes_deterministically() {
        let net = Network {
            nodes: vec![
                node("pk", "state", 9),
                node("af", "state", 7),
                node("ttp", "armed_group", 5),
                node("x", "forum", 1),
            ],
            edges: vec![
                NetworkEdge {
                    source: "af".into(),
                    target: "pk".into(),
                    weight: 6,
                },
                NetworkEdge {
                    source: "pk".into(),
                    target: "ttp".into(),
                    weight: 3,
                },
                NetworkEdge {
                    source: "pk".into(),
                    target: "x".into(),
                    weight: 1,
                },
            ],
        };
        let label = |g: &str| g.replace('_', " ");
        let a = network("Actors", &net, 3, TIES_PER_ACTOR, &label);
        assert_eq!(a, network("Actors", &net, 3, TIES_PER_ACTOR, &label));
        assert_eq!(
            a.matches("<circle").count(),
            3 + 2,
            "3 nodes + 2 legend dots"
        );
        assert_eq!(
            a.matches("<line").count(),
            2,
            "the edge to the dropped node is gone"
        );
        assert!(a.contains("armed group"));
        let positions = layout(3, &[(0, 1, 6), (0, 2, 3)]);
        assert!(positions
            .iter()
            .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)));
    }

    /// A dense core and a few loose nodes: the core's nodes are not piled
    /// on each other (the loose ones used to take the canvas's edges and
    /// squeeze the core into a corner of it).
    #[test]
    fn a_dense_core_is_spread_out() {
        let mut edges = Vec::new();
        for a in 0..12 {
            for b in (a + 1)..12 {
                edges.push((a, b, 1 + (a + b) % 3));
            }
        }
        let pos = layout(16, &edges);
        let mut closest = f64::MAX;
        for a in 0..12 {
            for b in (a + 1)..12 {
                let d = ((pos[a].0 - pos[b].0).powi(2) + (pos[a].1 - pos[b].1).powi(2)).sqrt();
                closest = closest.min(d);
            }
        }
        assert!(closest > 0.08, "core nodes {closest:.3} apart");
    }

    #[test]
    fn labels_do_not_cover_each_other() {
        // Twelve nodes piled on three spots, with long labels.
        let nodes: Vec<LabelledNode> = (0..12)
            .map(|i| LabelledNode {
                radius: 5.0 + i as f64,
                label_width: 60.0 + 8.0 * i as f64,
            })
            .collect();
        let mut points: Vec<(f64, f64)> = (0..12)
            .map(|i| (300.0 + (i % 3) as f64, 200.0 + (i % 3) as f64 * 2.0))
            .collect();
        let bounds = (10.0, 770.0, 20.0, 480.0);
        separate(&mut points, &nodes, bounds);
        for i in 0..12 {
            let a = nodes[i].extent(points[i]);
            assert!(a.0 >= bounds.0 - 1e-6 && a.1 <= bounds.1 + 1e-6, "{a:?}");
            for j in (i + 1)..12 {
                let b = nodes[j].extent(points[j]);
                let apart = a.1 <= b.0 || b.1 <= a.0 || a.3 <= b.2 || b.3 <= a.2;
                assert!(apart, "{i} {a:?} and {j} {b:?} overlap");
            }
        }
    }
}
