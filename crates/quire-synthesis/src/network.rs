//! Co-occurrence networks (the theme map, the actor network): nodes counted
//! per passage, edges weighted by the passages two nodes share.

use crate::types::{Network, NetworkEdge, NetworkNode};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct NetworkBuilder {
    nodes: BTreeMap<String, usize>,
    edges: BTreeMap<(String, String), usize>,
}

impl NetworkBuilder {
    /// Count one passage in which all of `ids` (distinct) occur.
    pub fn add_passage(&mut self, ids: &[String]) {
        for (i, a) in ids.iter().enumerate() {
            *self.nodes.entry(a.clone()).or_default() += 1;
            for b in &ids[i + 1..] {
                let key = if a < b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                };
                *self.edges.entry(key).or_default() += 1;
            }
        }
    }

    /// The network with edges of weight ≥ `min_edge`, heaviest first, at
    /// most `max_edges` of them. `describe` gives a node's label and group.
    pub fn build(
        self,
        min_edge: usize,
        max_edges: usize,
        describe: impl Fn(&str) -> (String, String),
    ) -> Network {
        let mut edges: Vec<NetworkEdge> = self
            .edges
            .into_iter()
            .filter(|(_, w)| *w >= min_edge)
            .map(|((source, target), weight)| NetworkEdge {
                source,
                target,
                weight,
            })
            .collect();
        // Stable sort: equal weights stay in id order.
        edges.sort_by(|a, b| b.weight.cmp(&a.weight));
        edges.truncate(max_edges);
        let nodes = self
            .nodes
            .into_iter()
            .map(|(id, weight)| {
                let (label, group) = describe(&id);
                NetworkNode {
                    id,
                    label,
                    group,
                    weight,
                }
            })
            .collect();
        Network { nodes, edges }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nodes_and_shared_passages() {
        let mut b = NetworkBuilder::default();
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        b.add_passage(&ids(&["b", "a"]));
        b.add_passage(&ids(&["a", "b", "c"]));
        b.add_passage(&ids(&["c"]));
        let n = b.build(2, 10, |id| (id.to_uppercase(), "g".into()));
        assert_eq!(
            n.nodes.iter().map(|n| n.weight).collect::<Vec<_>>(),
            vec![2, 2, 2]
        );
        assert_eq!(n.nodes[0].label, "A");
        assert_eq!(n.edges.len(), 1);
        assert_eq!(
            (
                n.edges[0].source.as_str(),
                n.edges[0].target.as_str(),
                n.edges[0].weight
            ),
            ("a", "b", 2)
        );
    }
}
