//! Debates: pairs of passages from different works by different authors,
//! coded with the same category and naming the same actor, that take
//! opposing positions (accuse/deny, support/oppose, positive/negative
//! evaluation, naming or denying a cause); a cause may also be a matter,
//! one of the category's key terms ("sanctions"). Sentences are blocked
//! by category and subject and each block is capped, so the work stays
//! linear in the corpus rather than quadratic in its passages. And mutual
//! accusations: two actors whose own statements, on the same category,
//! blame each other (see [`crate::blame`]); and accusations an actor
//! answers that no included work makes (see [`crate::answered`]).

use crate::answered;
use crate::blame;
use crate::corpus::Corpus;
use crate::mentions::Mention;
use crate::stance::{self, SentenceStance, StanceLexicon};
use crate::text;
use crate::types::{Debate, DebateSide, Debates, Stance};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Sentences kept per block and stance (the strongest coded ones).
const PER_STANCE: usize = 30;
/// Debates kept per block (category × actor) and in all.
const PER_BLOCK: usize = 3;
const MAX_DEBATES: usize = 60;
/// Bonus per shared topic word (up to three).
const TOPIC_BONUS: f32 = 0.05;
/// Bonus when a side also carries a contrastive marker ("however").
const CONTRAST_BONUS: f32 = 0.15;

struct Position {
    passage: usize,
    sentence: usize,
    work: usize,
    coding: f32,
    /// Words between the cue and the actor's mention: nearer is more
    /// likely about that actor.
    distance: usize,
    stance: SentenceStance,
    /// What the sentence is about besides the actor and the cue: its
    /// content words cut to their first letters, sorted.
    topic: Vec<String>,
    /// The same, of the words within [`NEAR_CUE`] words of the cue: what
    /// an evaluation evaluates.
    near_cue: Vec<String>,
    /// For a position on a matter, the key term as the sentence writes it.
    matter: String,
}

/// Words on either side of the cue that say what it is about ("maintain
/// Afghan *stability*", "a tragic *violation* of human rights").
const NEAR_CUE: usize = 4;

/// Content words are compared on this many leading letters, a crude stem
/// ("harbours" ~ "harbouring", "militants" ~ "militancy").
const STEM: usize = 5;

/// What a block's positions are about: a codebook actor, or a matter (a
/// key term of the category, lower case, a final "s" dropped so that
/// "sanction" and "sanctions" meet).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    Actor(usize),
    Matter(String),
}

pub fn debates(corpus: &Corpus, mentions: &[Vec<Mention>]) -> Debates {
    let lexicon = StanceLexicon::new();
    let mut blocks = positions_by_block(corpus, mentions, &lexicon);
    for (key, position) in causal_positions(corpus, mentions, &lexicon) {
        blocks.entry(key).or_default().push(position);
    }
    let accusations = strongest_accusations(corpus, mentions);
    let unvoiced = answered::unvoiced(corpus, mentions, &accusers(corpus, &accusations, &blocks));
    let mut found: Vec<Found> = mutual_accusations(corpus, &accusations);
    for ((c, subject), positions) in &blocks {
        found.extend(block_debates(corpus, *c, subject, positions));
    }
    // The same two passages may meet in several blocks (two actors, two
    // categories): keep the strongest meeting only. And a sentence speaks
    // in one debate only: the same quote against three others reads as
    // one position, not three debates.
    found.sort_by(|a, b| b.debate.strength.total_cmp(&a.debate.strength));
    let mut seen_pairs = std::collections::HashSet::new();
    let mut seen_sentences = std::collections::HashSet::new();
    let mut debates: Vec<Debate> = found
        .into_iter()
        .filter(|f| {
            let fresh = !f.sentences.iter().any(|s| seen_sentences.contains(s));
            if fresh && seen_pairs.insert(f.passages) {
                seen_sentences.extend(f.sentences);
                true
            } else {
                false
            }
        })
        .map(|f| f.debate)
        .collect();
    debates.truncate(MAX_DEBATES);
    Debates {
        method: method(),
        debates,
        unvoiced,
    }
}

/// For each actor, the voices of the works that accuse it: blaming it in
/// their own voice (as mutual accusations are found) or taking an
/// accusing position on it.
fn accusers(
    corpus: &Corpus,
    accusations: &BTreeMap<(usize, usize, usize), Accusation>,
    blocks: &BTreeMap<(usize, Subject), Vec<Position>>,
) -> answered::Accusers {
    let mut out = answered::Accusers::new();
    for &(_, accuser, accused) in accusations.keys() {
        out.entry(accused).or_default().insert(Some(accuser));
    }
    for ((_, subject), positions) in blocks {
        let Subject::Actor(accused) = subject else {
            continue;
        };
        for position in positions
            .iter()
            .filter(|p| p.stance.stance == Stance::Accuse)
        {
            let voice = corpus.voices[position.work];
            out.entry(*accused).or_default().insert(voice);
        }
    }
    out
}

/// Stance-bearing sentences of coded passages, grouped by (category,
/// actor) for every actor the sentence names.
fn positions_by_block(
    corpus: &Corpus,
    mentions: &[Vec<Mention>],
    lexicon: &StanceLexicon,
) -> BTreeMap<(usize, Subject), Vec<Position>> {
    let mut stances: HashMap<(usize, usize), Option<SentenceStance>> = HashMap::default();
    let mut blocks: BTreeMap<(usize, Subject), Vec<Position>> = BTreeMap::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        for k in list {
            let p = k.passage;
            for (s, &(start, end)) in corpus.sentences[p].iter().enumerate() {
                let named: Vec<&Mention> = mentions[p]
                    .iter()
                    .filter(|m| m.start >= start && m.end <= end)
                    .collect();
                if named.is_empty() {
                    continue;
                }
                let stance = stances
                    .entry((p, s))
                    .or_insert_with(|| lexicon.classify(corpus.sentence(p, s)));
                let Some(stance) = stance else { continue };
                let sentence = corpus.sentence(p, s);
                let mut nearest: BTreeMap<usize, usize> = BTreeMap::new();
                for m in named {
                    let Some(d) =
                        stance::concerns(sentence, stance, m.start - start, m.end - start)
                    else {
                        continue;
                    };
                    let e = nearest.entry(m.actor).or_insert(d);
                    *e = (*e).min(d);
                }
                for (actor, distance) in nearest {
                    // Actor names are too common to show two sentences
                    // share a matter; they are left out of the topic.
                    let names: Vec<(usize, usize)> =
                        mentions[p].iter().map(|m| (m.start, m.end)).collect();
                    let cue = (start + stance.at, start + stance.at + stance.cue.len());
                    let (topic, near_cue) = topic(corpus, p, s, &names, cue);
                    blocks
                        .entry((c, Subject::Actor(actor)))
                        .or_default()
                        .push(Position {
                            passage: p,
                            sentence: s,
                            work: corpus.passage_work[p],
                            coding: k.score,
                            distance,
                            stance: stance.clone(),
                            topic,
                            near_cue,
                            matter: String::new(),
                        });
                }
            }
        }
    }
    blocks
}

/// Causes named or denied in the sentences of coded passages, each with
/// its block: the actor named as the cause, or the category's key term
/// (from the coding's evidence) when the cause is a matter.
fn causal_positions(
    corpus: &Corpus,
    mentions: &[Vec<Mention>],
    lexicon: &StanceLexicon,
) -> Vec<((usize, Subject), Position)> {
    let mut out = Vec::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        for k in list {
            let p = k.passage;
            let names: Vec<(usize, usize)> = mentions[p].iter().map(|m| (m.start, m.end)).collect();
            for (s, &(start, end)) in corpus.sentences[p].iter().enumerate() {
                let sentence = corpus.sentence(p, s);
                let mut spans: Vec<(usize, usize)> = Vec::new();
                let mut subjects: Vec<Subject> = Vec::new();
                for m in mentions[p]
                    .iter()
                    .filter(|m| m.start >= start && m.end <= end)
                {
                    spans.push((m.start - start, m.end - start));
                    subjects.push(Subject::Actor(m.actor));
                }
                // Hand codings carry no evidence: the category's key
                // terms (those without a wildcard) stand in.
                let category_terms = &corpus.protocol.categories[c].terms;
                let terms = if k.evidence.is_empty() {
                    category_terms.as_slice()
                } else {
                    k.evidence
                };
                for term in terms.iter().filter(|t| !t.contains('*')) {
                    for (a, b) in find_words(sentence, term) {
                        spans.push((a, b));
                        subjects.push(Subject::Matter(matter_key(term)));
                    }
                }
                if spans.is_empty() {
                    continue;
                }
                for claim in lexicon.causal_claims(sentence, &spans) {
                    let (a, b) = spans[claim.candidate];
                    // The cause's own words and the cue say nothing of the matter.
                    let mut own = names.clone();
                    own.push((start + a, start + b));
                    let cue = (
                        start + claim.stance.at,
                        start + claim.stance.at + claim.stance.cue.len(),
                    );
                    let (topic, near_cue) = topic(corpus, p, s, &own, cue);
                    let matter = match subjects[claim.candidate] {
                        Subject::Matter(_) => sentence[a..b].to_lowercase(),
                        Subject::Actor(_) => String::new(),
                    };
                    let position = Position {
                        passage: p,
                        sentence: s,
                        work: corpus.passage_work[p],
                        coding: k.score,
                        distance: claim.distance,
                        stance: claim.stance,
                        topic,
                        near_cue,
                        matter,
                    };
                    out.push(((c, subjects[claim.candidate].clone()), position));
                }
            }
        }
    }
    out
}

/// Byte spans of `term` in `sentence` as whole words, any case.
fn find_words(sentence: &str, term: &str) -> Vec<(usize, usize)> {
    if term.is_empty() {
        return Vec::new();
    }
    let lower = sentence.to_lowercase();
    let term = term.to_lowercase();
    // Lower-casing may change byte lengths outside ASCII: then skip.
    if lower.len() != sentence.len() {
        return Vec::new();
    }
    // Equal lengths can still hide shifted offsets (one character longer
    // in lower case, another shorter): keep spans that fall on characters.
    lower
        .match_indices(&term)
        .map(|(i, t)| (i, i + t.len()))
        .filter(|&(a, b)| sentence.is_char_boundary(a) && sentence.is_char_boundary(b))
        .filter(|&(a, b)| text::at_word_boundary(sentence, a, b))
        .collect()
}

/// The block key of a matter: "Sanctions" and "sanction" meet.
fn matter_key(term: &str) -> String {
    text::singular(&term.to_lowercase()).to_string()
}

/// Stems of the sentence's content words outside actor names and the cue:
/// all of them, and those within [`NEAR_CUE`] words of the cue.
fn topic(
    corpus: &Corpus,
    p: usize,
    s: usize,
    own: &[(usize, usize)],
    cue: (usize, usize),
) -> (Vec<String>, Vec<String>) {
    let tokens = corpus.tokens[p].sentence(s);
    let outside = |a: usize, b: usize| b <= cue.0 || a >= cue.1;
    // Token positions of the cue's first and last word.
    let cue_first = tokens.iter().position(|t| t.end as usize > cue.0);
    let cue_last = tokens.iter().rposition(|t| (t.start as usize) < cue.1);
    let near = |i: usize| match (cue_first, cue_last) {
        (Some(f), Some(l)) => i + NEAR_CUE >= f && i <= l + NEAR_CUE,
        _ => false,
    };
    let mut all = Vec::new();
    let mut close = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let id = t.id as usize;
        let (a, b) = (t.start as usize, t.end as usize);
        let wanted = corpus.lexicon.content[id]
            && !text::is_generic(&corpus.lexicon.words[id])
            && outside(a, b)
            && own.iter().all(|&(ms, me)| b <= ms || a >= me);
        if !wanted {
            continue;
        }
        let stem: String = corpus.lexicon.words[id].chars().take(STEM).collect();
        if near(i) {
            close.push(stem.clone());
        }
        all.push(stem);
    }
    for stems in [&mut all, &mut close] {
        stems.sort_unstable();
        stems.dedup();
    }
    (all, close)
}

/// Shared topic words a pair needs: evaluations are a weaker signal than
/// explicit positions, so they must share more.
fn min_shared(stance: Stance) -> usize {
    match stance {
        Stance::Positive | Stance::Negative => 2,
        _ => 1,
    }
}

/// Shared topic words a pair in `subject`'s block needs. A matter and the
/// category already say what is argued over: "not caused by sanctions"
/// and "a result of sanctions" need not name the crisis in the same
/// words. An actor may be blamed for many things, so its causes must share
/// a word like other positions.
fn min_shared_in(subject: &Subject, stance: Stance) -> usize {
    match (subject, stance) {
        (Subject::Matter(_), Stance::Cause | Stance::NotCause) => 0,
        _ => min_shared(stance),
    }
}

/// How many topic stems two sentences share.
fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// A debate found in a block, with what identifies its two sides.
struct Found {
    debate: Debate,
    /// The two passages, lower first.
    passages: (usize, usize),
    /// The two sentences as (passage, sentence).
    sentences: [(usize, usize); 2],
}

/// The best opposing pairs of one block, one per pair of works.
fn block_debates(
    corpus: &Corpus,
    c: usize,
    subject: &Subject,
    positions: &[Position],
) -> Vec<Found> {
    // Ordered, so that ties between equally strong pairs resolve the same way every run.
    let mut by_stance: BTreeMap<Stance, Vec<&Position>> = BTreeMap::new();
    for pos in positions {
        by_stance.entry(pos.stance.stance).or_default().push(pos);
    }
    for list in by_stance.values_mut() {
        list.sort_by(|a, b| rank(b).total_cmp(&rank(a)));
        // A sentence repeated across works (boilerplate, reprints) is
        // compared once, so the cap keeps distinct voices.
        let mut seen = std::collections::HashSet::new();
        list.retain(|p| seen.insert(corpus.sentence(p.passage, p.sentence)));
        list.truncate(PER_STANCE);
    }
    let mut best: BTreeMap<(usize, usize), (f32, &Position, &Position, &'static str)> =
        BTreeMap::new();
    for (&sa, list_a) in &by_stance {
        for (&sb, list_b) in &by_stance {
            let Some((base, reason)) = stance::opposition(sa, sb) else {
                continue;
            };
            for a in list_a {
                for b in list_b
                    .iter()
                    .filter(|b| different_voices(corpus, a.work, b.work))
                {
                    let overlap = shared(&a.topic, &b.topic);
                    if overlap < min_shared_in(subject, sa) {
                        continue; // each about something else
                    }
                    // Two evaluations oppose only when they evaluate the
                    // same thing: "stability" of Afghanistan and a
                    // "violation" of human rights do not. Support and
                    // opposition likewise need the same object: "China
                    // applauds the mediation …" and "China opposes any
                    // move that will undermine peace …" are two matters.
                    // (A denial need not repeat the accusation's words.)
                    let same_object = matches!(
                        sa,
                        Stance::Positive | Stance::Negative | Stance::Support | Stance::Oppose
                    );
                    if same_object && shared(&a.near_cue, &b.near_cue) == 0 {
                        continue;
                    }
                    let score = strength(base, a, b) + TOPIC_BONUS * overlap.min(3) as f32;
                    let key = (a.work.min(b.work), a.work.max(b.work));
                    if best.get(&key).is_none_or(|e| score > e.0) {
                        best.insert(key, (score, a, b, reason));
                    }
                }
            }
        }
    }
    let mut pairs: Vec<_> = best.into_values().collect();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0));
    pairs.truncate(PER_BLOCK);
    pairs
        .into_iter()
        .map(|(score, a, b, reason)| {
            let (actor, actor_name) = match subject {
                Subject::Actor(i) => (
                    corpus.protocol.actors[*i].id.clone(),
                    corpus.protocol.actors[*i].name.clone(),
                ),
                Subject::Matter(_) => (String::new(), a.matter.clone()),
            };
            let debate = Debate {
                category: corpus.category_id(c).to_string(),
                actor,
                actor_name,
                other_actor: String::new(),
                side_a: side(corpus, a),
                side_b: side(corpus, b),
                reason: explain(reason, a, b),
                strength: score.min(1.0),
            };
            Found {
                debate,
                passages: (a.passage.min(b.passage), a.passage.max(b.passage)),
                sentences: [(a.passage, a.sentence), (b.passage, b.sentence)],
            }
        })
        .collect()
}

/// Strength of a mutual accusation before the coding scores weigh in:
/// between an accusation answered by a denial (1.0) and a cause named and
/// denied (0.9).
const MUTUAL_BASE: f32 = 0.95;

/// One actor's strongest accusation of another, in one category.
#[derive(Clone)]
struct Accusation {
    passage: usize,
    sentence: usize,
    coding: f32,
    /// The words that blame ("Russia’s illegal annexation").
    phrase: String,
}

/// Pairs of actors that blame each other in their own voices: in one
/// category, a primary source speaking for actor A holds B responsible for
/// a hostile act, and one speaking for B holds A responsible ("invasion by
/// the Russian Federation" in Ukraine's statement, "Kyiv sabotaged them"
/// in Russia's). Each side is the accuser's most strongly coded sentence.
fn mutual_accusations(
    corpus: &Corpus,
    best: &BTreeMap<(usize, usize, usize), Accusation>,
) -> Vec<Found> {
    best.iter()
        .filter_map(|(&(c, a, b), ab)| {
            let ba = best.get(&(c, b, a)).filter(|_| a < b)?;
            Some(mutual_debate(corpus, c, (a, ab), (b, ba)))
        })
        .collect()
}

/// Each (category, accuser, accused)'s most strongly coded accusation, the
/// accuser being the voice of the source.
fn strongest_accusations(
    corpus: &Corpus,
    mentions: &[Vec<Mention>],
) -> BTreeMap<(usize, usize, usize), Accusation> {
    let voices = &corpus.voices;
    let demonyms =
        crate::mentions::ActorMatcher::new(&blame::demonym_actors(&corpus.protocol.actors));
    let mut best: BTreeMap<(usize, usize, usize), Accusation> = BTreeMap::new();
    for (c, list) in corpus.coded.iter().enumerate() {
        for k in list {
            let p = k.passage;
            let Some(voice) = voices[corpus.passage_work[p]] else {
                continue;
            };
            for (s, &(start, end)) in corpus.sentences[p].iter().enumerate() {
                let sentence = corpus.sentence(p, s);
                // A journalist's question is not the voice's own word.
                if text::is_transcript_question(sentence) {
                    continue;
                }
                let mut named: Vec<Mention> = mentions[p]
                    .iter()
                    .filter(|m| m.start >= start && m.end <= end)
                    .map(|m| Mention {
                        actor: m.actor,
                        start: m.start - start,
                        end: m.end - start,
                    })
                    .chain(demonyms.find(sentence))
                    .filter(|m| m.actor != voice)
                    .collect();
                named.sort_by_key(|m| m.start);
                for blame in blame::blamed(sentence, &named) {
                    let accusation = Accusation {
                        passage: p,
                        sentence: s,
                        coding: k.score,
                        phrase: blame.phrase,
                    };
                    let slot = best.entry((c, voice, blame.actor));
                    let kept = slot.or_insert_with(|| accusation.clone());
                    if accusation.coding > kept.coding {
                        *kept = accusation;
                    }
                }
            }
        }
    }
    best
}

/// The debate of actors `a` and `b` blaming each other in category `c`.
fn mutual_debate(
    corpus: &Corpus,
    c: usize,
    (a, ab): (usize, &Accusation),
    (b, ba): (usize, &Accusation),
) -> Found {
    let actors = &corpus.protocol.actors;
    let side = |x: &Accusation| DebateSide {
        source: corpus.passage_ref(x.passage, corpus.sentence(x.passage, x.sentence)),
        stance: Stance::Accuse,
        cue: x.phrase.clone(),
    };
    let (name_a, name_b) = (&actors[a].name, &actors[b].name);
    let debate = Debate {
        category: corpus.category_id(c).to_string(),
        actor: actors[a].id.clone(),
        actor_name: format!("{name_a} and {name_b}"),
        other_actor: actors[b].id.clone(),
        side_a: side(ab),
        side_b: side(ba),
        reason: format!(
            "mutual accusation: {name_a} blames {name_b} (\u{201c}{}\u{201d}), \
             {name_b} blames {name_a} (\u{201c}{}\u{201d})",
            ab.phrase, ba.phrase
        ),
        strength: (MUTUAL_BASE * (0.75 + 0.25 * (ab.coding + ba.coding).min(2.0) / 2.0)).min(1.0),
    };
    Found {
        debate,
        passages: (ab.passage.min(ba.passage), ab.passage.max(ba.passage)),
        sentences: [(ab.passage, ab.sentence), (ba.passage, ba.sentence)],
    }
}

/// Two works by different authors: one office's statements of April and
/// August are one voice, not a debate. Works without authors are told
/// apart by the work.
fn different_voices(corpus: &Corpus, a: usize, b: usize) -> bool {
    let voice = |w: usize| {
        corpus.works[w]
            .first_author_family()
            .map(quire_model::normalize::fold)
    };
    a != b && (voice(a).is_none() || voice(a) != voice(b))
}

/// Which sentences of a stance are worth comparing first.
fn rank(p: &Position) -> f32 {
    p.coding - p.distance as f32 / 100.0
}

fn strength(base: f32, a: &Position, b: &Position) -> f32 {
    let contrast = [a, b]
        .iter()
        .filter(|p| p.stance.contrast.is_some())
        .count() as f32;
    let nearness = 1.0 / (1.0 + (a.distance + b.distance) as f32 / 10.0);
    (base + CONTRAST_BONUS * contrast)
        * (0.5 + 0.25 * (a.coding + b.coding).min(2.0) / 2.0 + 0.25 * nearness)
}

fn side(corpus: &Corpus, p: &Position) -> DebateSide {
    DebateSide {
        source: corpus.passage_ref(p.passage, corpus.sentence(p.passage, p.sentence)),
        stance: p.stance.stance,
        cue: p.stance.cue.clone(),
    }
}

fn explain(reason: &str, a: &Position, b: &Position) -> String {
    let mut text = format!(
        "{reason}: \u{201c}{}\u{201d} vs \u{201c}{}\u{201d}",
        a.stance.cue, b.stance.cue
    );
    let markers: Vec<&str> = [a, b]
        .iter()
        .filter_map(|p| p.stance.contrast.as_deref())
        .collect();
    if !markers.is_empty() {
        text.push_str(&format!(
            "; contrastive marker \u{201c}{}\u{201d}",
            markers.join("\u{201d}, \u{201c}")
        ));
    }
    text
}

/// How debates were found, in words, one paragraph (separated by a blank
/// line) per step.
fn method() -> String {
    let positions = format!(
        "Positions. Each sentence of a passage coded with a category is read for the position \
         it takes: an accusation ({} cue words such as \u{201c}accuses\u{201d}, \u{201c}harbouring\u{201d}) \
         or a denial ({} such as \u{201c}denies\u{201d}, \u{201c}rejects\u{201d}, \u{201c}contrary to\u{201d}); \
         support ({}) or opposition ({}); otherwise a positive or negative evaluation, by counting \
         {} positive against {} negative evaluative words, with a \u{201c}not\u{201d} just before a \
         word reversing it and a word that names a goal or a topic not counted (\u{201c}to support \
         a stable Afghanistan\u{201d}, \u{201c}further progress\u{201d}, \u{201c}talks on strategic \
         stability\u{201d}: {} such markers, unless a verb such as \u{201c}is\u{201d} or \u{201c}remains\u{201d} \
         stands between). Separately, a sentence may name a cause ({} cue words such as \
         \u{201c}caused by\u{201d}, \u{201c}a result of\u{201d}, \u{201c}responsible for\u{201d}) or deny \
         one (the same cues after a \u{201c}not\u{201d}, or \u{201c}it was not the \u{2026}\u{201d} beside \
         a cause it names).",
        stance::ACCUSE.len(),
        stance::DENY.len(),
        stance::SUPPORT.len(),
        stance::OPPOSE.len(),
        stance::POSITIVE.len(),
        stance::NEGATIVE.len(),
        stance::WISHES.len(),
        stance::CAUSED_BY.len() + stance::CAUSES.len(),
    );
    let about = "About whom. Sentences are grouped by category and by the codebook actor (name \
         or alias) the position is about: for an accusation, the actor named just after the cue \
         (\u{201c}accuses Pakistan of\u{201d}) or as the subject of a passive (\u{201c}Pakistan has been \
         blamed\u{201d}); for a denial, support or opposition, the actor named as the subject just \
         before the cue (\u{201c}Pakistan denies\u{201d}); for an evaluation, any actor within eight \
         words of it; for a cause, the actor or the category\u{2019}s key term (a matter, such as \
         \u{201c}sanctions\u{201d}) within five words after \u{201c}caused by\u{201d} or before \
         \u{201c}caused\u{201d}, in the same clause."
        .to_string();
    let pairs = format!(
        "Pairs. Within a group, two sentences form a candidate debate when they come from works \
         by different authors (an office\u{2019}s two statements are one voice), take opposing \
         positions (accusation vs denial, support vs opposition, positive vs negative evaluation, \
         a cause named vs denied) and, unless they name and deny a matter as the cause, share at \
         least one content word besides actor names and the cue (compared on their \
         first five letters), so that they are about the same matter. Evaluations must share two, \
         one of them within {} words of each evaluative word, so that both judge the same thing; \
         support and opposition must share one within as many words of their cues, so that both \
         are for or against the same thing. \
         More shared words, a contrastive marker (\u{201c}however\u{201d}, \u{201c}but\u{201d}, \
         \u{201c}in contrast\u{201d}, ...) on either side, higher coding scores and a cue close to the \
         actor\u{2019}s name make a pair stronger.",
        NEAR_CUE,
    );
    let mutual = "Mutual accusations. Separately, a primary source is taken to speak for a codebook \
         actor when its organisational author, an author\u{2019}s affiliation or its title (\u{201c}Statement \
         by \u{2026}\u{201d}) names that actor alone. Its sentences blame another actor when they make \
         it the agent of a hostile act: in the possessive (\u{201c}Russia\u{2019}s illegal \
         annexation\u{201d}), right before the act (\u{201c}NATO expansion\u{201d}), after \
         \u{201c}by\u{201d} (\u{201c}aggression by the Russian Federation\u{201d}) or as the subject of \
         an active verb (\u{201c}Kyiv sabotaged them\u{201d}), not as its victim or place (\u{201c}the \
         war in Ukraine\u{201d}, \u{201c}Georgia remains occupied\u{201d}). When, within one category, \
         each of two actors\u{2019} own statements blames the other, the two strongest such sentences \
         form a debate."
        .to_string();
    let unvoiced = "Answered, not voiced. A primary source\u{2019}s sentence may also say that \
         its own actor is blamed: its name or \u{201c}we\u{201d} as the subject of a passive \
         (\u{201c}Pakistan has been blamed\u{201d}, \u{201c}we will be blamed\u{201d}) or as the \
         object of the blame (\u{201c}India immediately blamed us\u{201d}, \u{201c}accusations \
         against Pakistan\u{201d}), the accuser being the actor after \u{201c}by\u{201d} or before the \
         blame word, if one is named. When no included work in the accuser\u{2019}s voice (for an \
         unnamed accuser, in any other voice) blames or accuses that actor, the accusation is \
         answered in the corpus but not voiced in it: one side of a debate is missing, and the \
         report lists it."
        .to_string();
    let limits = format!(
        "Limits. Each group compares at most its {} strongest sentences per position and keeps \
         one debate per pair of works and at most {} debates; the same two passages are reported \
         once, and a sentence takes sides in one debate only (its strongest). This is a lexical \
         method: it finds candidate disagreements for a reader to judge, not settled ones.",
        PER_STANCE, PER_BLOCK,
    );
    [positions, about, pairs, mutual, unvoiced, limits].join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_terms_are_found_as_whole_words_on_character_boundaries() {
        assert_eq!(
            find_words("Sanctions and sanctions.", "sanctions"),
            [(0, 9), (14, 23)]
        );
        assert!(find_words("Unsanctioned trade.", "sanction").is_empty());
        // Lower-casing "İ" adds a byte and "ẞ" drops one: the lengths agree,
        // the offsets do not; no span may cut a character.
        for (a, b) in find_words("İ sanctions ẞ sanctions", "sanctions") {
            assert!(a <= b);
        }
    }

    #[test]
    fn a_matter_meets_its_plural() {
        assert_eq!(matter_key("Sanctions"), matter_key("sanction"));
        assert_eq!(matter_key("crisis"), "crisis");
    }
}
