//! Finding the codebook's actors in text by name or alias: whole words,
//! longest name first ("Pakistani Taliban" is the TTP, not Pakistan), and
//! acronyms ("US", "UN", "ISI") only in capitals so that "us" is no actor.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::Actor;

/// One mention of an actor: byte span in the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into the codebook's actors.
    pub actor: usize,
    pub start: usize,
    pub end: usize,
}

pub struct ActorMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (actor index, whether it must match case-exactly).
    patterns: Vec<(usize, bool, String)>,
}

impl ActorMatcher {
    pub fn new(actors: &[Actor]) -> ActorMatcher {
        let mut patterns = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let name = name.trim();
                if !name.is_empty() {
                    patterns.push((i, is_acronym(name), name.to_string()));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|p| &p.2))
            .ok();
        ActorMatcher {
            automaton,
            patterns,
        }
    }

    /// Every actor mention in `text`, in order. A plural or possessive "s"
    /// after a name still counts ("Afghans", "Pakistans").
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in automaton.find_iter(text) {
            let (actor, exact, pattern) = &self.patterns[m.pattern().as_usize()];
            let found = &text[m.start()..m.end()];
            if *exact && found != pattern {
                continue;
            }
            let end = if !*exact && text[m.end()..].starts_with('s') {
                m.end() + 1
            } else {
                m.end()
            };
            let whole = crate::text::at_word_boundary(text, m.start(), m.end())
                || crate::text::at_word_boundary(text, m.start(), end);
            if whole {
                out.push(Mention {
                    actor: *actor,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        out
    }

    /// True when `name` is exactly a name or alias of some actor (any case
    /// for ordinary names, exact case for acronyms).
    pub fn is_known(&self, name: &str) -> bool {
        self.patterns.iter().any(|(_, exact, p)| {
            if *exact {
                p == name
            } else {
                p.eq_ignore_ascii_case(name)
            }
        })
    }

    /// Whether `name` is part of a longer known name or alias, as whole
    /// words ("West African States" of "Economic Community of West African
    /// States"): a name of two words or more only.
    pub fn inside_known(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        name.split_whitespace().count() >= 2
            && self.patterns.iter().any(|(_, _, p)| {
                let p = p.to_lowercase();
                p.len() > name.len()
                    && p.match_indices(name.as_str()).any(|(i, _)| {
                        let before = p[..i].chars().next_back();
                        let after = p[i + name.len()..].chars().next();
                        !before.is_some_and(char::is_alphanumeric)
                            && !after.is_some_and(char::is_alphanumeric)
                    })
            })
    }

    /// Whether `name` opens a known name or alias, cut before its last
    /// words ("United Nations Multidimensional Integrated Stabilization
    /// Mission" of "… Mission in Mali"): a name of two words or more only.
    pub fn opens_known(&self, name: &str) -> bool {
        name.split_whitespace().count() >= 2
            && self.patterns.iter().any(|(_, _, p)| {
                p.len() > name.len()
                    && p.is_char_boundary(name.len())
                    && p[..name.len()].eq_ignore_ascii_case(name)
                    && p[name.len()..].starts_with(' ')
            })
    }
}

/// "US", "U.S.", "ISI", "ISIS-K": short and all capitals.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_known_name_cut_short_opens_it() {
        let actors = vec![quire_model::Actor {
            id: "minusma".into(),
            name: "MINUSMA".into(),
            aliases: vec!["United Nations Stabilization Mission in Mali".into()],
            ..Default::default()
        }];
        let m = ActorMatcher::new(&actors);
        assert!(m.opens_known("United Nations Stabilization Mission"));
        assert!(!m.opens_known("United"));
        assert!(!m.opens_known("United Nations Stabilization Missions"));
        assert!(m.inside_known("Stabilization Mission"));
        assert!(!m.inside_known("Mission"));
        assert!(!m.inside_known("Stabilization Missions"));
    }

    #[test]
    fn names_in_scripts_without_spaces_are_found_inside_a_run() {
        let m = ActorMatcher::new(&[actor("pakistan", "Pakistan", &["巴基斯坦"])]);
        let found: Vec<usize> = m
            .find("巴基斯坦和阿富汗的安全合作")
            .iter()
            .map(|f| f.start)
            .collect();
        assert_eq!(found, [0]);
    }

    #[test]
    fn longest_whole_word_mentions() {
        let m = ActorMatcher::new(&[
            actor("pakistan", "Pakistan", &["Pakistani", "Islamabad"]),
            actor(
                "ttp",
                "Tehrik-i-Taliban Pakistan",
                &["TTP", "Pakistani Taliban"],
            ),
            actor("us", "United States", &["US", "U.S."]),
        ]);
        let text = "The Pakistani Taliban told us that Islamabad and the US disagree; Pakistanis.";
        let found: Vec<(usize, &str)> = m
            .find(text)
            .iter()
            .map(|x| (x.actor, &text[x.start..x.end]))
            .collect();
        assert_eq!(
            found,
            vec![
                (1, "Pakistani Taliban"),
                (0, "Islamabad"),
                (2, "US"),
                (0, "Pakistani")
            ]
        );
        assert!(m.is_known("islamabad") && m.is_known("TTP") && !m.is_known("ttp"));
        assert!(m.find("Pakistanistan").is_empty());
    }
}
