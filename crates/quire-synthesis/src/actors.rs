//! The actor map: for each codebook actor, the interests the sources
//! attribute to it ("Pakistan seeks a friendly government in Kabul"), which
//! actors are mentioned together, and which frequent names are missing from
//! the codebook.
//!
//! An actor's own statements count too. A primary source spoken for one
//! codebook actor — its author or the author's affiliation names the actor
//! ("Ministry of Foreign Affairs of Pakistan"; "The White House (Executive
//! Office of the President of the United States)") or its title says by
//! whom ("Statement by Afghanistan in the General Debate") — has that
//! actor as its *voice*, and
//! its "we seek …", "we want …", "our interest in …" are the voice's
//! interests, marked as stated in its own words.

use crate::corpus::Corpus;
use crate::mentions::{ActorMatcher, Mention};
use crate::network::{NetworkBuilder, NodeName};
use crate::text;
use crate::types::{ActorMap, ActorProfile, Interest};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use quire_model::ActorKind;
use std::collections::{BTreeSet, HashSet};

/// At most this many interests are listed per actor.
const MAX_INTERESTS: usize = 25;
/// Of which at most this many in the actor's own words, so that what
/// others attribute to it is not crowded out by its many statements.
const MAX_OWN_INTERESTS: usize = 15;
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
    let voices = &corpus.voices;
    let mut network = NetworkBuilder::default();
    for (p, found) in mentions.iter().enumerate() {
        let present: BTreeSet<usize> = found.iter().map(|m| m.actor).collect();
        for &a in &present {
            profiles[a].passages += 1;
            works_of[a].insert(corpus.passage_work[p]);
        }
        network.add_passage(&present.iter().copied().collect::<Vec<_>>());
    }
    // Passages coded with a category first: they are on the review's
    // subject, and a statement's asides (a state's views on climate or
    // on another region's war) must not take the places of what it says
    // on the subject.
    let (coded, uncoded): (Vec<usize>, Vec<usize>) =
        (0..mentions.len()).partition(|&p| !corpus.categories_of[p].is_empty());
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); actors.len()];
    for p in coded.into_iter().chain(uncoded) {
        let found = &mentions[p];
        let is_coded = !corpus.categories_of[p].is_empty();
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
            let voice =
                voices[corpus.passage_work[p]].filter(|_| !text::is_transcript_question(sentence));
            for (a, marker, object, own) in markers.interests(sentence, &in_sentence, voice) {
                // "Tuvalu calls for …" in Tuvalu's own statement is its own
                // word as much as "we call for …".
                let own = own || voice == Some(a);
                let profile = &mut profiles[a];
                let own_count = profile.interests.iter().filter(|i| i.own_words).count();
                if profile.interests.len() < MAX_INTERESTS
                    && (!own || own_count < MAX_OWN_INTERESTS)
                    && seen_objects[a].insert(object.to_lowercase())
                {
                    profile.interests.push(Interest {
                        marker,
                        object,
                        own_words: own,
                        off_subject: !is_coded,
                        source: corpus.passage_ref(p, sentence),
                    });
                    order[a].push(p);
                }
            }
        }
    }
    // On the subject first; within that, what others attribute first, then
    // the actor's own words; in corpus order within each.
    for (profile, passages) in profiles.iter_mut().zip(&order) {
        let mut keyed: Vec<((bool, bool, usize), Interest)> = passages
            .iter()
            .zip(std::mem::take(&mut profile.interests))
            .map(|(&p, i)| ((i.off_subject, i.own_words, p), i))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        profile.interests = keyed.into_iter().map(|(_, i)| i).collect();
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

    /// (actor, marker, object, in its own words) for every marker in
    /// `sentence` with an actor as its subject-ish: the nearest actor
    /// mention shortly before it that is not the object of a preposition
    /// ("the government in Kabul"); or, in a source spoken for `voice`,
    /// "we" or "our" just before it.
    fn interests(
        &self,
        sentence: &str,
        mentions: &[Mention],
        voice: Option<usize>,
    ) -> Vec<(usize, String, String, bool)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in automaton.find_iter(sentence) {
            if !text::at_word_boundary(sentence, m.start(), m.end())
                || negated(&sentence[..m.start()])
                || used_as_noun(&sentence[..m.start()], &sentence[m.start()..m.end()])
            {
                continue;
            }
            let (actor, own) = match subject_before(sentence, mentions, m.start()) {
                Some(actor) => (actor, false),
                None => match voice.filter(|_| first_person_before(sentence, m.start())) {
                    Some(actor) => (actor, true),
                    None => continue,
                },
            };
            // "… and urges Russia to withdraw": the actor named right after
            // the marker is the one urged, not the one urging.
            let urged = mentions.iter().any(|x| {
                x.actor == actor && x.start >= m.end() && {
                    let gap = sentence[m.end()..x.start].trim();
                    gap.is_empty() || gap.eq_ignore_ascii_case("the")
                }
            });
            if urged {
                continue;
            }
            if let Some(object) = object_after(sentence, m.end()) {
                out.push((
                    actor,
                    sentence[m.start()..m.end()].to_lowercase(),
                    object,
                    own,
                ));
            }
        }
        out
    }
}

/// "did not want", "never sought", "doesn't seek", "lose any interest in":
/// what an actor does not want is no interest of it.
fn negated(before: &str) -> bool {
    let words = text::words(before);
    words.iter().rev().take(2).any(|&(s, e)| {
        let w = before[s..e].to_lowercase();
        // "quickly lose any interest in the discussion": an interest
        // lost, or one only asked about, is none.
        matches!(
            w.as_str(),
            "not" | "never" | "no" | "nor" | "any" | "lose" | "loses" | "lost" | "losing"
        ) || w.ends_with("n't")
            || w.ends_with("n’t")
    })
}

/// "lives in fear for five months", "out of fear of": after a preposition
/// a verb marker is a noun, and what follows is no object of an actor's
/// wish. ("Our interest in" and "concerned about" are meant as they are.)
fn used_as_noun(before: &str, marker: &str) -> bool {
    const VERB_MARKERS: &[&str] = &["seek", "want", "fear", "call", "aim", "intend"];
    let marker = marker.to_lowercase();
    if !VERB_MARKERS.iter().any(|v| marker.starts_with(v)) {
        return false;
    }
    let previous = text::words(before)
        .iter()
        .rev()
        .map(|&(s, e)| before[s..e].to_lowercase())
        .find(|w| !DETERMINERS.contains(&w.as_str()));
    previous.is_some_and(|w| {
        matches!(
            w.as_str(),
            "in" | "of" | "for" | "without" | "from" | "with"
        )
    })
}

/// Words skipped on the way back to a governing preposition ("in the
/// call", "for this General Assembly").
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "these", "those"];

/// Words that may stand between "we" and the marker: "we also seek",
/// "we will continue to want", "we are deeply concerned about".
const FIRST_PERSON_GAP: &[&str] = &[
    "also",
    "still",
    "further",
    "strongly",
    "deeply",
    "very",
    "gravely",
    "greatly",
    "all",
    "therefore",
    "thus",
    "equally",
    "particularly",
    "especially",
    "firmly",
    "sincerely",
    "only",
    "always",
    "now",
    "too",
    "remain",
    "continue",
    "to",
    "will",
    "would",
    "shall",
    "do",
    "are",
    "have",
    "been",
    "so",
    "truly",
    "genuinely",
    "earnestly",
    "collectively",
];

/// Words after which "our" opens a clause.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "so", "that", "because", "as", "while", "yet", "now", "today", "here",
];

/// "We seek", "we are deeply concerned about", "our interest in": the
/// speaker is the subject of the marker (at most three words between,
/// each an adverb or auxiliary).
fn first_person_before(sentence: &str, marker: usize) -> bool {
    let before = &sentence[..marker];
    let words = text::words(before);
    for (k, &(s, e)) in words.iter().rev().take(4).enumerate() {
        let w = before[s..e].to_lowercase();
        let opens_clause = || {
            let ahead = before[..s].trim_end();
            let previous = words
                .len()
                .checked_sub(k + 2)
                .map(|j| before[words[j].0..words[j].1].to_lowercase());
            ahead.is_empty()
                || ahead.ends_with([',', ';', ':', '—'])
                || previous.is_some_and(|p| CLAUSE_OPENERS.contains(&p.as_str()))
        };
        // "Our interest in …" opens its clause; "to protect our interests
        // in a way that …" is no statement of an interest in something.
        if w == "we" || (k == 0 && w == "our" && opens_clause()) {
            // Nothing but spaces may stand between (no clause break).
            return !before[e..].contains([',', ';', ':', '(', '—']);
        }
        if !FIRST_PERSON_GAP.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// The codebook actor each work speaks for, if it is a primary source
/// whose organisational authors or authors' affiliations name exactly one
/// actor, or else whose title says "by" one ("Statement by Afghanistan in
/// …").
pub(crate) fn work_voices(corpus: &Corpus) -> Vec<Option<usize>> {
    let matcher = ActorMatcher::new(&corpus.protocol.actors);
    let only = |found: Vec<Mention>| -> Option<usize> {
        let ids: BTreeSet<usize> = found.iter().map(|m| m.actor).collect();
        (ids.len() == 1).then(|| ids.into_iter().next()).flatten()
    };
    corpus
        .works
        .iter()
        .zip(&corpus.source_types)
        .map(|(work, st)| {
            if *st != quire_model::SourceType::Primary {
                return None;
            }
            // Organisations' names and everyone's affiliation ("President,
            // Afghanistan"): a person's own name is no state's.
            let authors: Vec<&str> = work
                .authors
                .iter()
                .flat_map(|p| {
                    let name = p.literal.then_some(p.family.as_str());
                    name.into_iter().chain(p.affiliation.as_deref())
                })
                .collect();
            only(matcher.find(&authors.join("; "))).or_else(|| {
                let title = &work.title;
                let by: Vec<Mention> = matcher
                    .find(title)
                    .into_iter()
                    .filter(|m| title[..m.start].trim_end().to_lowercase().ends_with(" by"))
                    .collect();
                only(by)
            })
        })
        .collect()
}

/// Pronouns and relative words that open a clause of their own.
const SUBJECTS: &[&str] = &[
    "i", "we", "you", "he", "she", "they", "it", "who", "which", "that", "whom", "whose",
];

fn subject_before(sentence: &str, mentions: &[Mention], marker: usize) -> Option<usize> {
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
        // "… or when a person wants": a new clause with its own subject.
        let new_clause = words
            .iter()
            .any(|&(s, e)| SUBORDINATORS.contains(&between[s..e].to_lowercase().as_str()));
        if new_clause {
            return None;
        }
        // "The UN should stay committed to": what an actor ought to want
        // is the speaker's advice, not the actor's interest.
        let normative = words
            .iter()
            .any(|&(s, e)| MODALS.contains(&between[s..e].to_lowercase().as_str()));
        if normative {
            return None;
        }
        let before = &sentence[..m.start];
        // "the coast of the United States": skip the article to the preposition.
        let previous = text::words(before)
            .iter()
            .rev()
            .map(|&(s, e)| before[s..e].to_lowercase())
            .find(|w| !DETERMINERS.contains(&w.as_str()));
        let governed = previous
            .as_deref()
            .is_some_and(|w| text::GOVERNING_PREPOSITIONS.contains(&w));
        if governed || agent_of_passive(before) {
            continue;
        }
        // "If the United Nations wants to remain relevant": a hypothesis.
        if previous
            .as_deref()
            .is_some_and(|w| matches!(w, "if" | "unless" | "whether"))
        {
            return None;
        }
        // "We support the One China policy and call for …": the actor is
        // in the object of a verb whose subject is the speaker, and the
        // marker is that speaker's second verb.
        if coordinated_after_pronoun(before, between) {
            return None;
        }
        return Some(m.actor);
    }
    None
}

/// "problems discussed by this jubilee UN General Assembly call for …":
/// an actor a few words after "by", with no punctuation between, is the
/// agent of a passive, not the subject of the marker. ("By contrast,
/// Pakistan seeks …" keeps its subject: a comma stands between.)
fn agent_of_passive(before: &str) -> bool {
    let words = text::words(before);
    words.iter().rev().take(3).any(|&(s, e)| {
        before[s..e].eq_ignore_ascii_case("by")
            && !before[e..].contains([',', ';', ':', '.', '(', ')'])
    })
}

/// Modal verbs of advice or obligation between an actor and a marker.
const MODALS: &[&str] = &["should", "must", "ought", "needs", "need"];

/// Words that open a clause of their own between an actor and a marker.
const SUBORDINATORS: &[&str] = &[
    "when", "if", "where", "because", "while", "whereas", "although", "though", "unless", "since",
    "whenever",
];

/// An "and" between the actor and the marker, with a personal pronoun
/// before the actor in the same clause.
fn coordinated_after_pronoun(before: &str, between: &str) -> bool {
    let coordinated = text::words(between)
        .iter()
        .any(|&(s, e)| matches!(between[s..e].to_lowercase().as_str(), "and" | "but"));
    if !coordinated {
        return false;
    }
    let clause = before.rsplit([',', ';', ':', '—']).next().unwrap_or(before);
    text::words(clause).iter().any(|&(s, e)| {
        matches!(
            clause[s..e].to_lowercase().as_str(),
            "we" | "i" | "they" | "he" | "she"
        )
    })
}

/// Words that cannot open an object phrase: the marker was used as a noun
/// or coordinated, not followed by what the actor wants; or it asks a
/// listener ("we want you to let that bus through").
const NOT_OBJECT_STARTS: &[&str] = &[
    "you", "me", "him", "them", "us", "and", "or", "but", "nor", "has", "have", "had", "is", "are",
    "was", "were", "will", "would", "can", "could", "should", "may", "might", "must", "does", "do",
    "did", "than", "so", "as",
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
    let after_to = sentence[..from].to_lowercase().ends_with(" to");
    if is_speech_act(&rest[..end], &words, after_to) {
        return None;
    }
    let last = words.get(OBJECT_WORDS.min(words.len()).checked_sub(1)?)?;
    // From its first character, not its first word: "$4.2 billion".
    let start = rest[..words[0].0]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let object = text::collapse_whitespace(&rest[start..last.1]);
    let meaningful = !text::content_terms(&object).is_empty();
    if words.len() > OBJECT_WORDS {
        // Cut here for length: say so.
        return meaningful.then(|| format!("{object} …"));
    }
    (meaningful && !unfinished(&object)).then_some(object)
}

/// Verbs of what a speaker does by speaking: "we want to thank", "I wish
/// to acknowledge the passing of", "we intend to honour his legacy" are
/// the speech's courtesies, not what the speaker seeks.
const SPEECH_ACTS: &[&str] = &[
    "thank",
    "acknowledge",
    "congratulate",
    "express",
    "honour",
    "honor",
    "welcome",
    "commend",
    "salute",
    "say",
    "conclude",
    "remind",
    "note",
    "reiterate",
    "stress",
    "emphasise",
    "emphasize",
    "underline",
    "underscore",
    "highlight",
    "inform",
    "convey",
    "echo",
    "assure",
    "reaffirm",
    "recall",
    "associate",
    "align",
];
/// Speech acts of two words whose first word alone says nothing ("pay
/// tribute" but "pay its debts", "take this opportunity" but "take
/// control").
const SPEECH_ACT_PAIRS: &[(&str, &str)] = &[
    ("pay", "tribute"),
    ("pay", "homage"),
    ("take", "this"),
    ("send", "a"),
    ("turn", "to"),
    ("join", "others"),
    ("place", "on"),
    ("put", "on"),
];

/// An object that is an infinitive of a speech act: "(wants) to thank …",
/// or after a marker that ends in "to", "(intends to) pay tribute …".
fn is_speech_act(object: &str, words: &[(usize, usize)], after_to: bool) -> bool {
    let word = |k: usize| words.get(k).map(|&(s, e)| object[s..e].to_lowercase());
    let at = if after_to {
        0
    } else if word(0).as_deref() == Some("to") {
        1
    } else {
        return false;
    };
    let (Some(verb), next) = (word(at), word(at + 1)) else {
        return false;
    };
    // "make a heartfelt plea", "make an appeal": what is made is words.
    let makes_a_plea = verb == "make"
        && (at + 1..at + 4).any(|k| {
            word(k)
                .is_some_and(|w| matches!(w.as_str(), "plea" | "appeal" | "statement" | "remarks"))
        });
    makes_a_plea
        || SPEECH_ACTS.contains(&verb.as_str())
        || SPEECH_ACT_PAIRS
            .iter()
            .any(|&(v, n)| verb == v && next.as_deref() == Some(n))
}

/// Words an object phrase cannot end on: the phrase was cut ("advance
/// the “…”") or its object stands before the actor ("the world we want
/// to live in").
const DANGLING_ENDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "and",
    "or", "but", "our", "their", "its", "his", "her", "this", "that", "these", "those", "as",
];

/// An object that ends on a function word, or is a bare infinitive whose
/// own object came earlier ("the identity that New Delhi seeks to
/// impose").
fn unfinished(object: &str) -> bool {
    let words: Vec<String> = object
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let dangling = words
        .last()
        .is_some_and(|w| DANGLING_ENDS.contains(&w.as_str()));
    let bare_infinitive = words.len() == 2 && words[0] == "to";
    dangling || bare_infinitive
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
            .interests(sentence, &matcher.find(sentence), None)
            .into_iter()
            .map(|(a, m, o, _)| (actors[a].id.clone(), m, o))
            .collect()
    }

    #[test]
    fn the_speakers_we_and_our() {
        // The sentence and its marker.
        let we = |s: &str, marker: &str| first_person_before(s, s.find(marker).unwrap());
        assert!(we("We seek peace", "seek"));
        assert!(we("We are deeply concerned about it", "concerned about"));
        assert!(we("Our interest in trade", "interest in"));
        assert!(we("And we will continue to seek calm", "seek"));
        assert!(we("Today our priority is calm", "priority is"));
        assert!(!we(
            "We must protect our interests in a way that works",
            "interests in"
        ));
        // Another subject, a clause break or a far "we".
        assert!(!we("We believe that they seek calm", "seek"));
        assert!(!we("We, the peoples, seek calm", "seek"));
        assert!(!we("We urged the Taliban to seek calm", "seek"));
        assert!(!we("Pakistan seeks calm", "seeks"));
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
        // Urged, advised, supposed or losing interest: no interest of its own.
        assert!(interests(
            "The resolution condemns Pakistan's role and urges Pakistan to withdraw."
        )
        .is_empty());
        assert!(interests("Pakistan should stay committed to the talks.").is_empty());
        assert!(interests("If Pakistan wants to remain relevant, it must act.").is_empty());
        assert!(interests("Pakistan quickly loses any interest in the discussion.").is_empty());
        assert!(interests(
            "The problems discussed by this jubilee Pakistan assembly call for unity."
        )
        .is_empty());
        assert_eq!(
            interests("By contrast, Pakistan seeks calm.")[0].0,
            "pakistan"
        );
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
        // A cut phrase, or an object that came before the actor.
        assert!(interests("Pakistan aims to advance the “nexus” of trade.").is_empty());
        assert!(interests("It is the identity that Islamabad seeks to impose.").is_empty());
        assert!(interests("The world Kabul wants to live in.").is_empty());
        // The actor in a pronoun's object, behind "of the", in another
        // clause; a marker used as a noun.
        assert!(interests("We back the Kabul process and call for talks.").is_empty());
        assert!(interests("The coast of the Pakistan region lives in fear for months.").is_empty());
        assert!(interests("Aid to Kabul or when a person wants a seat.").is_empty());
        assert!(interests("Those in the heart of Pakistan want calm.").is_empty());
        assert!(interests("The theme for this Kabul meeting calls for calm.").is_empty());
        assert!(interests("We join Pakistan in the call for calm.").is_empty());
        assert_eq!(
            interests("Pakistan and Kabul call for talks.")[0].0,
            "afghanistan"
        );
        // A courtesy of the speech, not something sought.
        assert!(interests("Pakistan wants to thank the President for his work.").is_empty());
        assert!(interests("Kabul wishes and intends to pay tribute to the victims.").is_empty());
        assert!(interests("Pakistan wants to make a heartfelt plea for the goals.").is_empty());
        // Whom "them" means is not in the sentence.
        assert!(interests("Kabul wants them to leave.").is_empty());
        // An object cut for length says so.
        let long = interests(
            "Pakistan urges the world to halt the attacks and violence against unarmed demonstrators in the valley of Kashmir by the forces of the state over many long years.",
        );
        assert!(long[0].2.ends_with(" …"), "{long:?}");
    }
}
