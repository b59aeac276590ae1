//! The actor map: for each codebook actor, the interests the sources
//! attribute to it ("Pakistan seeks a friendly government in Kabul"), which
//! actors are mentioned together, and which frequent names are missing from
//! the codebook.

use crate::corpus::Corpus;
use crate::mentions::Mention;
use crate::network::{NetworkBuilder, NodeName};
use crate::text;
use crate::types::{ActorMap, ActorProfile, Interest};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::ActorKind;
use std::collections::{BTreeSet, HashSet};

/// At most this many interests are listed per actor.
const MAX_INTERESTS: usize = 25;
/// The subject must end at most this many words before the marker.
const SUBJECT_WINDOW: usize = 8;
/// The object phrase is cut after this many words.
const OBJECT_WORDS: usize = 20;

pub fn actor_map(corpus: &Corpus, mentions: &[Vec<Mention>]) -> ActorMap {
    let actors = &corpus.protocol.actors;
    let markers = MarkerMatcher::new(&corpus.protocol.interests.markers);
    let mut profiles: Vec<ActorProfile> = actors
        .iter()
        .map(|a| ActorProfile {
            actor: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            ..Default::default()
        })
        .collect();
    let mut works_of: Vec<HashSet<usize>> = vec![HashSet::new(); actors.len()];
    let mut seen_objects: Vec<HashSet<String>> = vec![HashSet::new(); actors.len()];
    let mut network = NetworkBuilder::default();
    for (p, found) in mentions.iter().enumerate() {
        let present: BTreeSet<usize> = found.iter().map(|m| m.actor).collect();
        for &a in &present {
            profiles[a].passages += 1;
            works_of[a].insert(corpus.passage_work[p]);
        }
        network.add_passage(&present.iter().copied().collect::<Vec<_>>());
        for (s, &(start, end)) in corpus.sentences[p].iter().enumerate() {
            let in_sentence: Vec<Mention> = found
                .iter()
                .filter(|m| m.start >= start && m.end <= end)
                .map(|m| Mention {
                    start: m.start - start,
                    end: m.end - start,
                    ..*m
                })
                .collect();
            let sentence = corpus.sentence(p, s);
            for (a, marker, object) in markers.interests(sentence, &in_sentence) {
                let profile = &mut profiles[a];
                if profile.interests.len() < MAX_INTERESTS
                    && seen_objects[a].insert(object.to_lowercase())
                {
                    profile.interests.push(Interest {
                        marker,
                        object,
                        source: corpus.passage_ref(p, sentence),
                    });
                }
            }
        }
    }
    for (profile, works) in profiles.iter_mut().zip(&works_of) {
        profile.works = works.len();
    }
    let name = |a: usize| NodeName {
        id: actors[a].id.clone(),
        label: actors[a].name.clone(),
        group: kind_name(actors[a].kind).to_string(),
    };
    ActorMap {
        actors: profiles,
        network: network.build(1, usize::MAX, name),
        unknown: crate::unknown_actors::propose(corpus),
    }
}

/// The snake_case name of an actor kind, as in review.toml.
fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::ArmedGroup => "armed_group",
        ActorKind::Organisation => "organisation",
        ActorKind::Forum => "forum",
        ActorKind::Person => "person",
    }
}

/// Interest markers ("seeks", "aims to", ...) as whole words, any case.
struct MarkerMatcher {
    automaton: Option<AhoCorasick>,
}

impl MarkerMatcher {
    fn new(markers: &[String]) -> MarkerMatcher {
        let markers: Vec<&str> = markers
            .iter()
            .map(|m| m.trim())
            .filter(|m| !m.is_empty())
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&markers)
            .ok();
        MarkerMatcher { automaton }
    }

    /// (actor, marker, object) for every marker in `sentence` with an actor
    /// as its subject-ish: the nearest actor mention shortly before it that
    /// is not the object of a preposition ("the government in Kabul").
    fn interests(&self, sentence: &str, mentions: &[Mention]) -> Vec<(usize, String, String)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in automaton.find_iter(sentence) {
            if !text::at_word_boundary(sentence, m.start(), m.end())
                || negated(&sentence[..m.start()])
            {
                continue;
            }
            let Some(actor) = subject_before(sentence, mentions, m.start()) else {
                continue;
            };
            if let Some(object) = object_after(sentence, m.end()) {
                out.push((actor, sentence[m.start()..m.end()].to_lowercase(), object));
            }
        }
        out
    }
}

/// "did not want", "never sought", "doesn't seek": what an actor does not
/// want is no interest of it.
fn negated(before: &str) -> bool {
    let words = text::words(before);
    words.iter().rev().take(2).any(|&(s, e)| {
        let w = before[s..e].to_lowercase();
        matches!(w.as_str(), "not" | "never" | "no" | "nor")
            || w.ends_with("n't")
            || w.ends_with("n’t")
    })
}

/// Pronouns and relative words that open a clause of their own.
const SUBJECTS: &[&str] = &[
    "i", "we", "you", "he", "she", "they", "it", "who", "which", "that", "whom", "whose",
];

fn subject_before(sentence: &str, mentions: &[Mention], marker: usize) -> Option<usize> {
    const PREPOSITIONS: &[&str] = &[
        "in", "of", "from", "to", "with", "against", "on", "by", "for", "into", "toward",
        "towards", "about", "at", "than", "between",
    ];
    for m in mentions.iter().rev().filter(|m| m.end <= marker) {
        let between = &sentence[m.end..marker];
        if between.contains([';', ':', '.', '?', '!']) {
            return None;
        }
        let words = text::words(between);
        if words.len() > SUBJECT_WINDOW {
            return None;
        }
        // "I call on the Assembly to demand …": the actor is asked to
        // want it, by someone else.
        if words.len() == 1 && between[words[0].0..words[0].1].eq_ignore_ascii_case("to") {
            return None;
        }
        // "..., I want", "terrorists who seek": another subject stands
        // between the actor and the marker.
        let other_subject = words
            .iter()
            .any(|&(s, e)| SUBJECTS.contains(&between[s..e].to_lowercase().as_str()));
        if other_subject {
            return None;
        }
        let before = &sentence[..m.start];
        let previous = text::words(before)
            .last()
            .map(|&(s, e)| before[s..e].to_lowercase());
        let governed = previous.is_some_and(|w| PREPOSITIONS.contains(&w.as_str()));
        if !governed {
            return Some(m.actor);
        }
    }
    None
}

/// Words that cannot open an object phrase: the marker was used as a noun
/// or coordinated, not followed by what the actor wants.
const NOT_OBJECT_STARTS: &[&str] = &[
    "and", "or", "but", "nor", "has", "have", "had", "is", "are", "was", "were", "will", "would",
    "can", "could", "should", "may", "might", "must", "does", "do", "did", "than", "so", "as",
];

/// The phrase after the marker up to the end of its clause.
fn object_after(sentence: &str, from: usize) -> Option<String> {
    const CLAUSE_ENDS: &[&str] = &[
        ", and ",
        ", but ",
        ", while ",
        ", which ",
        ", whereas ",
        ", although ",
        ", as ",
        ", because ",
        ", since ",
        ", who ",
        ", so ",
        " while ",
        " but ",
        " whereas ",
        " because ",
        " although ",
        " — ",
        " -- ",
    ];
    let rest = &sentence[from..];
    // A point inside a number ("$4.2 billion") ends nothing.
    let bytes = rest.as_bytes();
    let mut end = rest
        .char_indices()
        .find(|&(i, c)| {
            let in_number = c == '.'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            matches!(c, '.' | ';' | ':' | '!' | '?' | '(' | '"' | '“') && !in_number
        })
        .map_or(rest.len(), |(i, _)| i);
    for stop in CLAUSE_ENDS {
        if let Some(i) = rest[..end].find(stop) {
            end = i;
        }
    }
    let words = text::words(&rest[..end]);
    let first = &rest[words.first()?.0..words.first()?.1];
    if NOT_OBJECT_STARTS.contains(&first.to_lowercase().as_str()) {
        return None; // "want and deserve", "seeking has": no object follows
    }
    let last = words.get(OBJECT_WORDS.min(words.len()).checked_sub(1)?)?;
    // From its first character, not its first word: "$4.2 billion".
    let start = rest[..words[0].0]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let object = text::collapse_whitespace(&rest[start..last.1]);
    let meaningful = !text::content_terms(&object).is_empty();
    meaningful.then_some(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::ActorMatcher;
    use quire_model::Actor;

    fn interests(sentence: &str) -> Vec<(String, String, String)> {
        let actors = vec![
            Actor {
                id: "pakistan".into(),
                name: "Pakistan".into(),
                aliases: vec!["Islamabad".into()],
                ..Default::default()
            },
            Actor {
                id: "afghanistan".into(),
                name: "Afghanistan".into(),
                aliases: vec!["Kabul".into()],
                ..Default::default()
            },
        ];
        let matcher = ActorMatcher::new(&actors);
        let markers =
            MarkerMatcher::new(&quire_model::protocol::InterestLexicon::default().markers);
        markers
            .interests(sentence, &matcher.find(sentence))
            .into_iter()
            .map(|(a, m, o)| (actors[a].id.clone(), m, o))
            .collect()
    }

    #[test]
    fn finds_actor_marker_and_object() {
        assert_eq!(
            interests("Pakistan seeks a friendly government in Kabul."),
            vec![(
                "pakistan".into(),
                "seeks".into(),
                "a friendly government in Kabul".into()
            )]
        );
        assert_eq!(
            interests("For decades Islamabad has been concerned about Indian influence, while Kabul wants trade."),
            vec![
                ("pakistan".into(), "concerned about".into(), "Indian influence".into()),
                ("afghanistan".into(), "wants".into(), "trade".into())
            ]
        );
    }

    #[test]
    fn skips_prepositional_objects_and_far_subjects() {
        // "in Kabul" is not the subject; Pakistan is.
        assert_eq!(
            interests("Pakistan, like many in Kabul, seeks stability.")[0].0,
            "pakistan"
        );
        assert!(interests("The envoy in Kabul seeks calm.").is_empty());
        assert!(interests(
            "Pakistan and a very long list of other states of the wider region now all seek calm."
        )
        .is_empty());
        assert!(interests("Pakistan seeks.").is_empty());
        assert!(interests("The Afghans want and deserve peace.").is_empty());
        assert!(interests("In Kabul, we want calm.").is_empty());
        assert!(interests("Pakistan hosts militants who seek a base.").is_empty());
        // Asked to want it by someone else; or not wanting it.
        assert!(interests("I call on Pakistan to demand an inquiry.").is_empty());
        assert!(interests("Kabul did not want to leave earlier.").is_empty());
        assert!(interests("Islamabad doesn't seek a war.").is_empty());
        assert_eq!(
            interests("Pakistan seeks $4.2 billion in aid. Then more.")[0].2,
            "$4.2 billion in aid"
        );
    }
}
