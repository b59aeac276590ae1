//! Co-occurrence networks (the theme map, the actor network): nodes counted
//! per passage, edges weighted by the passages two nodes share.

use crate::types::{Network, NetworkEdge, NetworkNode};
use std::collections::{BTreeMap, HashMap};

/// Counts over node numbers; names are given only when the network is built.
#[derive(Debug, Default)]
pub struct NetworkBuilder {
    nodes: BTreeMap<usize, usize>,
    edges: HashMap<(usize, usize), usize>,
}

/// How a node is shown: unique id, label, group.
pub struct NodeName {
    pub id: String,
    pub label: String,
    pub group: String,
}

impl NetworkBuilder {
    /// Count one passage in which all of `nodes` (distinct) occur.
    pub fn add_passage(&mut self, nodes: &[usize]) {
        for (i, &a) in nodes.iter().enumerate() {
            *self.nodes.entry(a).or_default() += 1;
            for &b in &nodes[i + 1..] {
                *self.edges.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }

    /// The network with edges of weight ≥ `min_edge`, heaviest first (ties
    /// by node ids), at most `max_edges` of them.
    pub fn build(
        self,
        min_edge: usize,
        max_edges: usize,
        name: impl Fn(usize) -> NodeName,
    ) -> Network {
        let names: HashMap<usize, NodeName> = self.nodes.keys().map(|&n| (n, name(n))).collect();
        let mut edges: Vec<NetworkEdge> = self
            .edges
            .into_iter()
            .filter(|(_, w)| *w >= min_edge)
            .filter_map(|((a, b), weight)| {
                let (a, b) = (&names.get(&a)?.id, &names.get(&b)?.id);
                let (source, target) = if a < b { (a, b) } else { (b, a) };
                Some(NetworkEdge {
                    source: source.clone(),
                    target: target.clone(),
                    weight,
                })
            })
            .collect();
        edges.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
        });
        edges.truncate(max_edges);
        let mut nodes: Vec<NetworkNode> = self
            .nodes
            .into_iter()
            .filter_map(|(n, weight)| {
                let name = names.get(&n)?;
                Some(NetworkNode {
                    id: name.id.clone(),
                    label: name.label.clone(),
                    group: name.group.clone(),
                    weight,
                })
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        Network { nodes, edges }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nodes_and_shared_passages() {
        let mut b = NetworkBuilder::default();
        b.add_passage(&[1, 0]);
        b.add_passage(&[0, 1, 2]);
        b.add_passage(&[2]);
        let names = ["a", "b", "c"];
        let n = b.build(2, 10, |i| NodeName {
            id: names[i].into(),
            label: names[i].to_uppercase(),
            group: "g".into(),
        });
        assert_eq!(
            n.nodes.iter().map(|n| n.weight).collect::<Vec<_>>(),
            vec![2, 2, 2]
        );
        assert_eq!(n.nodes[0].label, "A");
        assert_eq!(n.edges.len(), 1);
        let e = &n.edges[0];
        assert_eq!(
            (e.source.as_str(), e.target.as_str(), e.weight),
            ("a", "b", 2)
        );
    }
}
