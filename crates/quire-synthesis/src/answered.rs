//! Accusations answered but not voiced: an actor's own statements say it
//! is blamed ("Pakistan has been blamed for the turn of events, by
//! politicians in the United States", "India immediately blamed us"), yet
//! no included work makes the accusation. Only one side of that debate is
//! in the corpus; the report names the missing side, so the researcher can
//! look for it.
//!
//! The accused is the voice of the source ([`crate::corpus::Corpus::voices`]):
//! its name or "we"/"us" as the one blamed — the subject of a passive
//! ("Pakistan will be blamed", "we are blamed"), the object after the cue
//! ("blamed us", "accusations against Pakistan"). The accuser, when
//! named, is a codebook actor after "by" or the subject of the cue
//! ("India immediately blamed us").

use crate::blame;
use crate::corpus::Corpus;
use crate::mentions::{ActorMatcher, Mention};
use crate::stance;
use crate::text;
use crate::types::UnvoicedAccusation;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// Who accuses whom in the corpus, in the accuser's own voice: for each
/// accused actor, the voices (None: a source without one) of the works
/// that accuse or blame it.
pub type Accusers = BTreeMap<usize, BTreeSet<Option<usize>>>;

/// One (accused, accuser) pair's reports, as they are gathered.
struct Reports {
    best: Strongest,
    sentences: BTreeSet<(usize, usize)>,
    works: BTreeSet<usize>,
}

/// The most strongly coded report so far: its coding score, category,
/// passage, sentence and blame word.
struct Strongest {
    score: f32,
    category: usize,
    passage: usize,
    sentence: usize,
    cue: String,
}

/// Blame that actors report against themselves and that `accusers` says
/// no included work voices: for a named accuser, no work in its voice
/// accuses the actor; for an unnamed one, no work in any other voice
/// does. Strongest first (by coding score), then by actor.
pub fn unvoiced(
    corpus: &Corpus,
    mentions: &[Vec<Mention>],
    accusers: &Accusers,
) -> Vec<UnvoicedAccusation> {
    let demonyms = ActorMatcher::new(&blame::demonym_actors(&corpus.protocol.actors));
    let mut reports: BTreeMap<(usize, Option<usize>), Reports> = BTreeMap::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        for k in list {
            let p = k.passage;
            let work = corpus.passage_work[p];
            let Some(voice) = corpus.voices[work] else {
                continue;
            };
            for s in 0..corpus.sentences[p].len() {
                let Some(found) = blame_in(corpus, &mentions[p], &demonyms, (p, s), voice) else {
                    continue;
                };
                let strongest = Strongest {
                    score: k.score,
                    category: c,
                    passage: p,
                    sentence: s,
                    cue: found.cue,
                };
                match reports.entry((voice, found.accuser)) {
                    Entry::Vacant(slot) => {
                        slot.insert(Reports {
                            best: strongest,
                            sentences: BTreeSet::from([(p, s)]),
                            works: BTreeSet::from([work]),
                        });
                    }
                    Entry::Occupied(mut slot) => {
                        let entry = slot.get_mut();
                        if strongest.score > entry.best.score {
                            entry.best = strongest;
                        }
                        entry.sentences.insert((p, s));
                        entry.works.insert(work);
                    }
                }
            }
        }
    }
    let voiced = |accused: usize, accuser: Option<usize>| {
        let Some(voices) = accusers.get(&accused) else {
            return false;
        };
        match accuser {
            Some(a) => voices.contains(&Some(a)),
            None => voices.iter().any(|&v| v != Some(accused)),
        }
    };
    let actors = &corpus.protocol.actors;
    let mut out: Vec<(f32, UnvoicedAccusation)> = reports
        .into_iter()
        .filter(|((accused, accuser), _)| !voiced(*accused, *accuser))
        .map(|((accused, accuser), r)| {
            let Strongest {
                score,
                category: c,
                passage: p,
                sentence: s,
                cue,
            } = r.best;
            let accuser = accuser.map(|a| &actors[a]);
            let found = UnvoicedAccusation {
                category: corpus.category_id(c).to_string(),
                accused: actors[accused].id.clone(),
                accused_name: actors[accused].name.clone(),
                accuser: accuser.map(|a| a.id.clone()).unwrap_or_default(),
                accuser_name: accuser.map(|a| a.name.clone()).unwrap_or_default(),
                source: corpus.passage_ref(p, corpus.sentence(p, s)),
                cue,
                sentences: r.sentences.len(),
                works: r.works.len(),
            };
            (score, found)
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.into_iter().map(|(_, u)| u).collect()
}

/// Blame that sentence `s` of passage `p` reports against `voice`, the
/// actor its source speaks for (named in the passage's `mentions` or by a
/// demonym).
fn blame_in(
    corpus: &Corpus,
    mentions: &[Mention],
    demonyms: &ActorMatcher,
    (p, s): (usize, usize),
    voice: usize,
) -> Option<ReportedBlame> {
    let sentence = corpus.sentence(p, s);
    // A journalist's question is not the voice's own word.
    if text::is_transcript_question(sentence) || !mentions_blame(sentence) {
        return None;
    }
    let (start, end) = corpus.sentences[p][s];
    let inside = mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| (m.actor, m.start - start, m.end - start));
    let demonym = demonyms
        .find(sentence)
        .into_iter()
        .map(|m| (m.actor, m.start, m.end));
    let (own, others): (Vec<_>, Vec<_>) = inside.chain(demonym).partition(|m| m.0 == voice);
    let own: Vec<(usize, usize)> = own.iter().map(|m| (m.1, m.2)).collect();
    reported_blame(sentence, &own, &others)
}

/// Words of blame reported rather than made.
pub const BLAME_WORDS: &[&str] = &[
    "blame",
    "blamed",
    "blames",
    "blaming",
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "scapegoat",
    "scapegoated",
    "scapegoating",
];

/// Whether a blame word's stem is in the sentence at all: most sentences
/// blame no one, and this look is cheaper than reading their words.
fn mentions_blame(sentence: &str) -> bool {
    static STEMS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let stems = STEMS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["blam", "accus", "alleg", "scapegoat"])
            .ok()
    });
    // Were the searcher not built, every sentence is read in full.
    stems.as_ref().is_none_or(|s| s.is_match(sentence))
}

/// Forms of "be" that make a passive ("has been blamed", "to be
/// anyone's scapegoat").
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
/// The speaker as the one blamed.
const FIRST_PERSON: &[&str] = &["we", "us"];
/// Words between the accused and a passive cue: "Pakistan finds it
/// especially galling to be blamed".
const SUBJECT_REACH: usize = 7;
/// Words between an accuser and its cue ("India continues to make
/// accusations") and between "by" and the accuser's name.
const ACCUSER_REACH: usize = 3;

/// A sentence in which the speaker reports being blamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedBlame {
    /// The blame word as written ("blamed").
    pub cue: String,
    /// The accuser, an index into the codebook's actors, when named.
    pub accuser: Option<usize>,
}

/// Whether `sentence` reports its speaker (actor `voice`, named at the
/// spans of `voice_names`) as blamed, and by whom among `others` (actor,
/// start, end; spans relative to the sentence).
pub fn reported_blame(
    sentence: &str,
    voice_names: &[(usize, usize)],
    others: &[(usize, usize, usize)],
) -> Option<ReportedBlame> {
    if !mentions_blame(sentence) {
        return None;
    }
    let words = text::words(sentence);
    let lower: Vec<String> = words
        .iter()
        .map(|&(s, e)| sentence[s..e].to_lowercase())
        .collect();
    for (i, word) in lower.iter().enumerate() {
        if !BLAME_WORDS.contains(&word.as_str()) {
            continue;
        }
        // "future generations will not blame us", "no one should blame us".
        if stance::negated(sentence, words[i].0)
            || !speaker_is_blamed(&words, &lower, i, voice_names)
        {
            continue;
        }
        return Some(ReportedBlame {
            cue: sentence[words[i].0..words[i].1].to_string(),
            accuser: accuser(&words, &lower, i, others),
        });
    }
    None
}

/// The speaker is the one blamed by the cue at word `i`: the subject of a
/// passive before it, or the object right after it.
fn speaker_is_blamed(
    words: &[(usize, usize)],
    lower: &[String],
    i: usize,
    voice_names: &[(usize, usize)],
) -> bool {
    let is_speaker = |k: usize| {
        FIRST_PERSON.contains(&lower[k].as_str())
            || voice_names
                .iter()
                .any(|&(s, e)| s <= words[k].0 && words[k].1 <= e)
    };
    // "blamed us", "accusations against Pakistan", "accuse us of".
    let after = |k: usize| lower.get(k).is_some_and(|_| is_speaker(k));
    if after(i + 1) || (lower.get(i + 1).is_some_and(|w| w == "against") && after(i + 2)) {
        return true;
    }
    // "Pakistan has been blamed", "we will be blamed", "to be anyone's
    // scapegoat": a form of "be" within two words before the cue, the
    // speaker before that.
    let be = (i.saturating_sub(2)..i).find(|&k| BE.contains(&lower[k].as_str()));
    let Some(be) = be else { return false };
    (be.saturating_sub(SUBJECT_REACH)..be).any(is_speaker)
}

/// A named accuser: after "by" following the cue, or the subject just
/// before it (not behind a form of "be": that is the passive's subject).
fn accuser(
    words: &[(usize, usize)],
    lower: &[String],
    i: usize,
    others: &[(usize, usize, usize)],
) -> Option<usize> {
    let named_at = |k: usize| {
        others
            .iter()
            .find(|&&(_, s, e)| s <= words[k].0 && words[k].1 <= e)
            .map(|&(actor, _, _)| actor)
    };
    // "blamed for the turn of events, by politicians in the United States".
    let by = (i + 1..lower.len().min(i + 10)).find(|&k| lower[k] == "by");
    if let Some(by) = by {
        let found = (by + 1..lower.len().min(by + 2 + ACCUSER_REACH)).find_map(named_at);
        if found.is_some() {
            return found;
        }
    }
    for k in (i.saturating_sub(ACCUSER_REACH + 1)..i).rev() {
        if BE.contains(&lower[k].as_str()) {
            return None;
        }
        if let Some(actor) = named_at(k) {
            return Some(actor);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Actor 0 is the speaker (Pakistan), 1 India, 2 the United States.
    fn check(sentence: &str) -> Option<ReportedBlame> {
        let spans = |name: &str| -> Vec<(usize, usize)> {
            sentence
                .match_indices(name)
                .map(|(s, m)| (s, s + m.len()))
                .collect()
        };
        let mut others = Vec::new();
        for (actor, name) in [(1, "India"), (2, "the United States")] {
            others.extend(spans(name).into_iter().map(|(s, e)| (actor, s, e)));
        }
        reported_blame(sentence, &spans("Pakistan"), &others)
    }

    fn accuser_of(sentence: &str) -> Option<Option<usize>> {
        check(sentence).map(|r| r.accuser)
    }

    #[test]
    fn the_speaker_reports_being_blamed() {
        assert_eq!(accuser_of("India immediately blamed us."), Some(Some(1)));
        assert_eq!(
            accuser_of(
                "Pakistan has been blamed for the turn of events, by politicians in the United States."
            ),
            Some(Some(2))
        );
        assert_eq!(
            accuser_of("When it happens, we will be blamed."),
            Some(None)
        );
        assert_eq!(
            accuser_of("Pakistan finds it especially galling to be blamed for the stalemate."),
            Some(None)
        );
        assert_eq!(
            accuser_of("We are not prepared to be anyone's scapegoat."),
            Some(None)
        );
        assert_eq!(
            accuser_of("India continues to make accusations against Pakistan."),
            Some(Some(1))
        );
    }

    #[test]
    fn blame_the_speaker_makes_is_not_reported_blame() {
        for sentence in [
            "We blame India for the attack.",
            "Pakistan accuses India of terrorism.",
            "India has been blamed by Pakistan.",
            "No one blamed Hinduism, and quite rightly.",
            "The Afghan people are not to blame.",
            "Future generations will not blame us for our inaction.",
            "It is our right, and no one should blame us.",
        ] {
            assert_eq!(check(sentence), None, "{sentence}");
        }
    }
}
