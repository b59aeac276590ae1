//! The codebook's actors as evidence: a category that names an actor
//! among its key terms (regional actors lists "China", threats list
//! "ISIS-K") is also evidenced by the actor's other names ("Beijing",
//! "ISKP"), and terms that name an actor are marked, because who acts is
//! often set by the surrounding paragraphs rather than the passage itself
//! (see [`super::Coder::score_document`]).

use quire_model::{Actor, ActorKind, Category};

/// The categories with every alias of each actor whose canonical name is
/// one of their key terms added to their terms. An alias alone does not
/// pull an actor in: "Doha" (an alias of Qatar) is a peace-process venue
/// in the cooperation category, not a reason to count "Qatar" there.
pub(super) fn with_actor_names(categories: &[Category], actors: &[Actor]) -> Vec<Category> {
    categories
        .iter()
        .map(|cat| {
            let mut cat = cat.clone();
            for actor in actors {
                let named = cat
                    .terms
                    .iter()
                    .any(|t| t.trim().eq_ignore_ascii_case(actor.name.trim()));
                if !named {
                    continue;
                }
                for alias in &actor.aliases {
                    if !cat.terms.iter().any(|t| t.trim() == alias.trim()) {
                        cat.terms.push(alias.clone());
                    }
                }
            }
            cat
        })
        .collect()
}

/// Whether a key term is one of the names of an actor that speaks and
/// acts for itself in the sources: a state, an organisation or a forum.
/// Armed groups and persons are what passages are about (threats), not
/// whose policy a passage states, so their names do not carry over to
/// neighbouring passages.
pub(super) fn names_a_speaking_actor(term: &str, actors: &[Actor]) -> bool {
    actors.iter().any(|a| {
        matches!(
            a.kind,
            ActorKind::State | ActorKind::Organisation | ActorKind::Forum
        ) && std::iter::once(&a.name)
            .chain(&a.aliases)
            .any(|n| n.trim().eq_ignore_ascii_case(term.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coder::test_category;

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: name.to_lowercase(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            kind: ActorKind::State,
        }
    }

    #[test]
    fn a_named_actor_brings_its_aliases_an_alias_does_not() {
        let actors = [
            actor("China", &["Beijing", "Chinese"]),
            actor("Qatar", &["Doha"]),
        ];
        let cats = with_actor_names(
            &[
                test_category("regional", &["China"]),
                test_category("cooperation", &["Doha"]),
            ],
            &actors,
        );
        assert_eq!(cats[0].terms, ["China", "Beijing", "Chinese"]);
        assert_eq!(cats[1].terms, ["Doha"]);
        assert!(names_a_speaking_actor("doha", &actors));
        assert!(!names_a_speaking_actor("talks", &actors));
        let group = Actor {
            kind: ActorKind::ArmedGroup,
            ..actor("TTP", &[])
        };
        assert!(!names_a_speaking_actor("TTP", &[group]));
    }
}
