//! The position a sentence takes: accusing or denying, supporting or
//! opposing, evaluating positively or negatively, and whether it sets
//! itself against another view with a contrastive marker ("however"); and
//! the causes it names or denies ("caused by sanctions", "not caused by
//! sanctions"), which policy debates are so often about.

use crate::text;
use crate::types::Stance;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub const ACCUSE: &[&str] = &[
    "accuse",
    "accuses",
    "accused",
    "accusing",
    "accusation",
    "accusations",
    "blame",
    "blames",
    "blamed",
    "blaming",
    "allege",
    "alleges",
    "alleged",
    "allegedly",
    "allegation",
    "allegations",
    "harbour",
    "harbours",
    "harboured",
    "harbouring",
    "harbor",
    "harbors",
    "harbored",
    "harboring",
    "sheltering",
    "shelters",
    "sponsoring",
    "sponsors",
    "complicit",
    "complicity",
];
pub const DENY: &[&str] = &[
    "deny",
    "denies",
    "denied",
    "denying",
    "denial",
    "denials",
    "rejects",
    "rejected",
    "rejecting",
    "refutes",
    "refuted",
    "dismisses",
    "dismissed",
    "baseless",
    "unfounded",
    "contrary to",
];
pub const SUPPORT: &[&str] = &[
    "supports",
    "supported",
    "supporting",
    "welcomes",
    "welcomed",
    "endorses",
    "endorsed",
    "backs",
    "praises",
    "praised",
    "commends",
    "commended",
    "favours",
    "favors",
    "applauds",
    "applauded",
];
pub const OPPOSE: &[&str] = &[
    "opposes",
    "opposed",
    "opposing",
    "opposition to",
    "condemns",
    "condemned",
    "criticises",
    "criticizes",
    "criticised",
    "criticized",
    "objects to",
    "objected to",
    "resists",
    "resisted",
    "protests",
    "protested",
];
pub const POSITIVE: &[&str] = &[
    "success",
    "successful",
    "successfully",
    "effective",
    "constructive",
    "positive",
    "progress",
    "improved",
    "improving",
    "stable",
    "stability",
    "cooperative",
    "helpful",
    "achievement",
    "achievements",
    "peaceful",
    "promising",
    "productive",
    "fruitful",
    "strengthened",
    "goodwill",
];
pub const NEGATIVE: &[&str] = &[
    "failure",
    "failed",
    "fails",
    "ineffective",
    "negative",
    "deteriorated",
    "deteriorating",
    "worsened",
    "worsening",
    "unstable",
    "instability",
    "hostile",
    "hostility",
    "tension",
    "tensions",
    "collapse",
    "collapsed",
    "mistrust",
    "distrust",
    "destabilising",
    "destabilizing",
    "undermine",
    "undermines",
    "undermined",
    "violation",
    "violations",
    "aggression",
];
pub const CONTRAST: &[&str] = &[
    "however",
    "but",
    "contrary to",
    "in contrast",
    "on the other hand",
    "nevertheless",
    "nonetheless",
    "whereas",
    "rejects",
    "denies",
    "despite",
];
/// Causal cues whose cause follows them: "caused by *the war*", "a result
/// of *sanctions*".
pub const CAUSED_BY: &[&str] = &[
    "caused by",
    "result of",
    "resulted from",
    "results from",
    "due to",
    "owing to",
    "because of",
    "driven by",
    "fuelled by",
    "fueled by",
    "provoked by",
    "triggered by",
    "the fault of",
];
/// Causal cues whose cause is their subject: "*the invasion* has caused",
/// "*Russia* is responsible for".
pub const CAUSES: &[&str] = &[
    "causes",
    "caused",
    "causing",
    "provoked",
    "provokes",
    "provoking",
    "triggered",
    "responsible for",
    "responsibility for",
    "to blame for",
    "root of",
    "root cause of",
    "root causes of",
    "led to",
    "leads to",
    "lead to",
    "leading to",
    "brought about",
    "brings about",
];
/// Words a cause may lie from its cue, within the clause.
const CAUSE_REACH: usize = 5;

/// Words that deny what follows them within a few words: "not
/// successful", "will not blame us", "no one should blame us".
const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "nobody",
    "cannot",
    "can't",
    "won't",
    "shouldn't",
    "wouldn't",
    "hardly",
    "nor",
    "without",
    "lack",
    "lacks",
    "little",
    "absence",
    "insufficient",
];

/// What one sentence says, as far as debates care.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceStance {
    pub stance: Stance,
    /// The words that carry the stance.
    pub cue: String,
    /// Byte offset of the cue in the sentence.
    pub at: usize,
    /// The contrastive marker, if the sentence has one.
    pub contrast: Option<String>,
}

pub struct StanceLexicon {
    automaton: Option<AhoCorasick>,
    kinds: Vec<Stance>,
    /// [`CAUSED_BY`] then [`CAUSES`].
    causal: Option<AhoCorasick>,
}

/// A cause a sentence names or denies: which of the candidate spans it is
/// about, and the stance ([`Stance::Cause`] or [`Stance::NotCause`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CausalClaim {
    /// Index into the candidates given to [`StanceLexicon::causal_claims`].
    pub candidate: usize,
    pub stance: SentenceStance,
    /// Words between the cue and the candidate.
    pub distance: usize,
}

impl StanceLexicon {
    pub fn new() -> StanceLexicon {
        let groups = [
            (ACCUSE, Stance::Accuse),
            (DENY, Stance::Deny),
            (SUPPORT, Stance::Support),
            (OPPOSE, Stance::Oppose),
            (POSITIVE, Stance::Positive),
            (NEGATIVE, Stance::Negative),
            (CONTRAST, Stance::Contrast),
        ];
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        for (words, kind) in groups {
            for w in words {
                patterns.push(*w);
                kinds.push(kind);
            }
        }
        // Fixed, valid patterns: building does not fail in practice; if it
        // did, no stance is found rather than a panic.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        let causal = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(CAUSED_BY.iter().chain(CAUSES))
            .ok();
        StanceLexicon {
            automaton,
            kinds,
            causal,
        }
    }

    /// The causes the sentence names or denies among `candidates` (byte
    /// spans of actor names and key terms in it). A candidate up to
    /// [`CAUSE_REACH`] words after a cue of [`CAUSED_BY`], or before one of
    /// [`CAUSES`], in the same clause, is named as a cause — or denied
    /// as one when a negator precedes the cue ("are not caused by
    /// sanctions"). In a sentence that names a cause, a candidate right
    /// after "not" is denied as one: "the invasion has caused shortages;
    /// it was not the sanctions". One claim per candidate, the nearest.
    pub fn causal_claims(&self, sentence: &str, candidates: &[(usize, usize)]) -> Vec<CausalClaim> {
        let Some(automaton) = self.causal.as_ref() else {
            return Vec::new();
        };
        let mut claims: Vec<CausalClaim> = Vec::new();
        let mut affirmed = false;
        for m in automaton.find_iter(sentence) {
            let (at, end) = (m.start(), m.end());
            if !text::at_word_boundary(sentence, at, end) {
                continue;
            }
            let cause_follows = m.pattern().as_usize() < CAUSED_BY.len();
            if is_noun_causes(sentence, at, end) {
                continue;
            }
            let stance = if negated(sentence, at) {
                Stance::NotCause
            } else {
                affirmed = true;
                Stance::Cause
            };
            for (i, &(s, e)) in candidates.iter().enumerate() {
                let between = if cause_follows && s >= end {
                    &sentence[end..s]
                } else if !cause_follows && e <= at {
                    &sentence[e..at]
                } else {
                    continue;
                };
                let gap = text::words(between).len();
                // A cause before its cue is its subject: a comma between
                // ("groups within Afghanistan, especially those responsible
                // for") puts the name in another phrase.
                let breaks: &[char] = if cause_follows {
                    &[';', ':', '.']
                } else {
                    &[';', ':', '.', ',']
                };
                if gap > CAUSE_REACH || between.contains(breaks) {
                    continue;
                }
                let cue = sentence[at..end].to_lowercase();
                push_nearest(&mut claims, i, stance, cue, at, gap);
            }
        }
        if affirmed {
            for (i, &(s, _)) in candidates.iter().enumerate() {
                if let Some(at) = after_not(sentence, s) {
                    push_nearest(&mut claims, i, Stance::NotCause, "not".into(), at, 0);
                }
            }
        }
        claims
    }

    /// The sentence's stance. Explicit positions beat evaluations: deny
    /// beats accuse ("Pakistan denies the accusations"), oppose beats
    /// support; evaluations count positive against negative words. A
    /// negator just before a cue ("not successful") flips support and
    /// evaluation.
    pub fn classify(&self, sentence: &str) -> Option<SentenceStance> {
        let mut found: Vec<(Stance, &str, usize)> = Vec::new();
        let mut contrast = None;
        let automaton = self.automaton.as_ref()?;
        for m in automaton.find_iter(sentence) {
            if !text::at_word_boundary(sentence, m.start(), m.end()) {
                continue;
            }
            let cue = &sentence[m.start()..m.end()];
            let mut kind = self.kinds[m.pattern().as_usize()];
            if kind == Stance::Contrast {
                contrast.get_or_insert(cue.to_lowercase());
                // "rejects", "denies", "contrary to" are also positions.
                if !DENY.iter().any(|d| d.eq_ignore_ascii_case(cue)) {
                    continue;
                }
                kind = Stance::Deny;
            }
            let evaluative = matches!(kind, Stance::Positive | Stance::Negative);
            if evaluative && wished_for(sentence, m.start()) {
                continue;
            }
            if negated(sentence, m.start()) {
                kind = flip(kind);
            }
            found.push((kind, cue, m.start()));
        }
        let pick = |k: Stance| found.iter().find(|f| f.0 == k);
        let explicit = pick(Stance::Deny)
            .or_else(|| pick(Stance::Accuse))
            .or_else(|| pick(Stance::Oppose))
            .or_else(|| pick(Stance::Support));
        let chosen = explicit.or_else(|| evaluation(&found))?;
        Some(SentenceStance {
            stance: chosen.0,
            cue: chosen.1.to_lowercase(),
            at: chosen.2,
            contrast,
        })
    }
}

/// Words that make what follows a goal or a topic rather than a state of
/// affairs: "to support a *stable* Afghanistan", "further *progress*",
/// "an interest in peace and *stability*", "talks on strategic
/// *stability*".
pub const WISHES: &[&str] = &[
    "support",
    "supporting",
    "ensure",
    "ensuring",
    "promote",
    "promoting",
    "achieve",
    "achieving",
    "maintain",
    "maintaining",
    "restore",
    "restoring",
    "seek",
    "seeks",
    "seeking",
    "build",
    "building",
    "foster",
    "fostering",
    "bring",
    "need",
    "needs",
    "interest",
    "interests",
    "hope",
    "hopes",
    "want",
    "wants",
    "wish",
    "vision",
    "aim",
    "aims",
    "goal",
    "goals",
    "towards",
    "toward",
    "further",
    "on",
];

/// Words that predicate what follows of something actual: "the talks were
/// a *success*", "has been *stable*".
const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "became",
    "become", "becomes", "seems", "seemed", "proved", "proven",
];

/// An evaluative word at `at` that names a goal or a topic, not a judgement
/// of how things are: the nearest of a few words before it that is a wish
/// (see [`WISHES`]) or a copula decides.
fn wished_for(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    let words = text::words(before);
    for &(s, e) in words.iter().rev().take(6) {
        let word = before[s..e].to_lowercase();
        if COPULAS.contains(&word.as_str()) {
            return false;
        }
        if WISHES.contains(&word.as_str()) {
            return true;
        }
    }
    false
}

/// "causes" as a noun, not a verb: "their root causes", "the causes".
fn is_noun_causes(sentence: &str, at: usize, end: usize) -> bool {
    const BEFORE_A_NOUN: &[&str] = &[
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "these",
        "those",
        "such",
        "many",
        "all",
        "other",
        "root",
        "underlying",
        "main",
        "real",
        "deep",
        "deeper",
        "structural",
        "primary",
        "immediate",
        "various",
        "multiple",
        "common",
        "whose",
        "of",
    ];
    if !sentence[at..end].eq_ignore_ascii_case("causes") {
        return false;
    }
    let before = &sentence[..at];
    text::words(before)
        .last()
        .is_some_and(|&(s, e)| BEFORE_A_NOUN.contains(&before[s..e].to_lowercase().as_str()))
}

/// Keep one claim per candidate: the nearest to its cue.
fn push_nearest(
    claims: &mut Vec<CausalClaim>,
    candidate: usize,
    stance: Stance,
    cue: String,
    at: usize,
    distance: usize,
) {
    let claim = CausalClaim {
        candidate,
        stance: SentenceStance {
            stance,
            cue,
            at,
            contrast: None,
        },
        distance,
    };
    match claims.iter_mut().find(|c| c.candidate == candidate) {
        Some(old) if old.distance > distance => *old = claim,
        Some(_) => {}
        None => claims.push(claim),
    }
}

/// Where "not" stands when the words just before `start` are "not" or
/// "not the": "it was *not the* sanctions".
fn after_not(sentence: &str, start: usize) -> Option<usize> {
    let before = &sentence[..start];
    let words = text::words(before);
    let mut last = words.iter().rev();
    let mut word = last.next()?;
    if before[word.0..word.1].eq_ignore_ascii_case("the") {
        word = last.next()?;
    }
    before[word.0..word.1]
        .eq_ignore_ascii_case("not")
        .then_some(word.0)
}

/// The majority evaluation, if positive and negative words do not tie.
fn evaluation<'a, 'b>(
    found: &'b [(Stance, &'a str, usize)],
) -> Option<&'b (Stance, &'a str, usize)> {
    let count = |k: Stance| found.iter().filter(|f| f.0 == k).count();
    let (pos, neg) = (count(Stance::Positive), count(Stance::Negative));
    let winner = match pos.cmp(&neg) {
        std::cmp::Ordering::Greater => Stance::Positive,
        std::cmp::Ordering::Less => Stance::Negative,
        std::cmp::Ordering::Equal => return None,
    };
    found.iter().find(|f| f.0 == winner)
}

/// A negator among the three words before `at`, within its clause: "not
/// successful", "the lack of meaningful progress". A negator that opens an
/// intensifier ("in no small measure due to", "not least because of",
/// "not only") affirms what follows.
pub fn negated(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    let clause_start = before.rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause = &before[clause_start..];
    let words: Vec<String> = text::words(clause)
        .iter()
        .map(|&(s, e)| clause[s..e].to_lowercase())
        .collect();
    let n = words.len();
    (n.saturating_sub(3)..n).any(|i| {
        NEGATORS.contains(&words[i].as_str())
            && !words
                .get(i + 1)
                .is_some_and(|next| INTENSIFIED.contains(&next.as_str()))
    })
}

/// Words after which "not" or "no" intensifies instead of denying: "not
/// least", "no small", "not only", "no less", "not just", "not merely".
const INTENSIFIED: &[&str] = &["least", "small", "only", "less", "just", "merely", "little"];

fn flip(kind: Stance) -> Stance {
    match kind {
        Stance::Support => Stance::Oppose,
        Stance::Positive => Stance::Negative,
        Stance::Negative => Stance::Positive,
        other => other,
    }
}

/// Whether an actor named at `start..end` of `sentence` is the one the
/// stance is about, and if so how many words lie between name and cue.
/// An accusation is about its object ("accuses Pakistan of") or a passive
/// subject ("Pakistan has been blamed"); a denial, support or opposition
/// about its active subject ("Pakistan denies"); an evaluation about any
/// actor near it.
pub fn concerns(
    sentence: &str,
    stance: &SentenceStance,
    start: usize,
    end: usize,
) -> Option<usize> {
    let cue_end = stance.at + stance.cue.len();
    let before = end <= stance.at;
    let after = start >= cue_end;
    let gap = if before {
        text::words(&sentence[end..stance.at]).len()
    } else if after {
        text::words(&sentence[cue_end..start]).len()
    } else {
        return None;
    };
    // "the coup supported by the West": a participle with its agent after
    // it is passive too, so the name before it is not its subject.
    let agent_follows = text::words(&sentence[cue_end..])
        .first()
        .is_some_and(|&(s, e)| sentence[cue_end + s..cue_end + e].eq_ignore_ascii_case("by"));
    let passive = before && (is_passive(&sentence[..stance.at]) || agent_follows);
    // "accusations by India", "the accusation made at a Security Council
    // meeting", "allegations from Kabul": a name after these is the
    // accuser or the place, not the accused.
    let accuser_or_place = after
        && text::words(&sentence[cue_end..start])
            .iter()
            .any(|&(s, e)| {
                matches!(
                    sentence[cue_end + s..cue_end + e].to_lowercase().as_str(),
                    "by" | "at" | "from" | "in" | "during"
                )
            });
    let bears = match stance.stance {
        Stance::Accuse => (after && gap <= 3 && !accuser_or_place) || (passive && gap <= 4),
        Stance::Deny | Stance::Support | Stance::Oppose => before && !passive && gap <= 6,
        Stance::Positive | Stance::Negative => gap <= 8,
        // Causes are found by `causal_claims`, not by `classify`.
        Stance::Cause | Stance::NotCause | Stance::Contrast | Stance::Neutral => false,
    };
    bears.then_some(gap)
}

/// The verb group just before a cue is passive: "has been", "is", "was".
fn is_passive(before: &str) -> bool {
    const AUXILIARIES: &[&str] = &["been", "is", "are", "was", "were", "be", "being"];
    let words = text::words(before);
    words
        .iter()
        .rev()
        .take(2)
        .any(|&(s, e)| AUXILIARIES.contains(&before[s..e].to_lowercase().as_str()))
}

/// Whether two stances oppose each other, how strongly, and in words; the
/// first stance of the pair is side A.
pub fn opposition(a: Stance, b: Stance) -> Option<(f32, &'static str)> {
    match (a, b) {
        (Stance::Accuse, Stance::Deny) => Some((1.0, "accusation vs denial")),
        (Stance::Support, Stance::Oppose) => Some((0.9, "support vs opposition")),
        (Stance::Positive, Stance::Negative) => Some((0.6, "positive vs negative evaluation")),
        (Stance::Cause, Stance::NotCause) => Some((0.9, "named as cause vs denied as cause")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stance(s: &str) -> Option<(Stance, String)> {
        StanceLexicon::new().classify(s).map(|x| (x.stance, x.cue))
    }

    #[test]
    fn goals_and_topics_are_not_evaluations() {
        for wish in [
            "Sustaining assistance to support a secure, stable, unified Afghanistan.",
            "Ethiopia has a vital interest in peace and stability in our subregion.",
            "The road map opens the way for further progress in the peace process.",
            "I welcome the recent talks on strategic stability between the two.",
        ] {
            assert_eq!(stance(wish), None, "{wish}");
        }
        for judgement in [
            "The talks were a success and brought stability.",
            "Afghanistan has remained stable since the agreement.",
            "Some regions cannot develop due to the UN's failure to keep the peace.",
            "Turkey has devised a comprehensive policy that includes effective measures.",
        ] {
            assert!(stance(judgement).is_some(), "{judgement}");
        }
    }

    #[test]
    fn explicit_positions_win() {
        assert_eq!(
            stance("Kabul accuses Pakistan of harbouring the TTP."),
            Some((Stance::Accuse, "accuses".into()))
        );
        assert_eq!(
            stance("Pakistan denies the accusations."),
            Some((Stance::Deny, "denies".into()))
        );
        assert_eq!(
            stance("Islamabad welcomed the agreement."),
            Some((Stance::Support, "welcomed".into()))
        );
    }

    #[test]
    fn stance_is_about_the_right_actor() {
        let lexicon = StanceLexicon::new();
        let about = |sentence: &str, name: &str| {
            let stance = lexicon.classify(sentence).unwrap();
            let start = sentence.find(name).unwrap();
            concerns(sentence, &stance, start, start + name.len()).is_some()
        };
        let s = "Kabul accuses Pakistan of harbouring the TTP.";
        assert!(about(s, "Pakistan") && !about(s, "Kabul"));
        assert!(about(
            "Pakistan has been blamed for the stalemate.",
            "Pakistan"
        ));
        assert!(about("Pakistan denies any role.", "Pakistan"));
        assert!(!about("Access has been denied by India.", "India"));
        assert!(!about("The Taliban were denied recognition.", "Taliban"));
        assert!(!about(
            "They broke free from the coup in Ukraine supported by the West.",
            "Ukraine"
        ));
        // After a noun cue, the accuser or the place is not the accused.
        assert!(about("The accusations against Pakistan grew.", "Pakistan"));
        assert!(!about("The accusations by India grew.", "India"));
        assert!(!about(
            "We heard the accusation made at a Security Council meeting.",
            "Security Council"
        ));
    }

    fn claims(sentence: &str, names: &[&str]) -> Vec<(String, Stance, String)> {
        let spans: Vec<(usize, usize)> = names
            .iter()
            .map(|n| {
                let s = sentence.find(n).unwrap();
                (s, s + n.len())
            })
            .collect();
        StanceLexicon::new()
            .causal_claims(sentence, &spans)
            .into_iter()
            .map(|c| {
                (
                    names[c.candidate].to_string(),
                    c.stance.stance,
                    c.stance.cue,
                )
            })
            .collect()
    }

    #[test]
    fn causes_named_and_denied() {
        assert_eq!(
            claims(
                "The crisis is a result of the unilateral illegal sanctions.",
                &["sanctions"]
            ),
            vec![("sanctions".into(), Stance::Cause, "result of".into())]
        );
        assert_eq!(
            claims(
                "Market disruptions are not caused by sanctions.",
                &["sanctions"]
            ),
            vec![("sanctions".into(), Stance::NotCause, "caused by".into())]
        );
        // A cause affirmed, another denied with "not the".
        assert_eq!(
            claims(
                "Russia's invasion has caused shortages of food; it was not the sanctions.",
                &["Russia", "sanctions"]
            ),
            vec![
                ("Russia".into(), Stance::Cause, "caused".into()),
                ("sanctions".into(), Stance::NotCause, "not".into()),
            ]
        );
        // Too far from the cue, or in another clause: no claim.
        assert!(claims(
            "Sanctions were debated at length by the members of the committee, and the floods caused damage.",
            &["Sanctions"]
        )
        .is_empty());
        assert!(claims("Prices rose; sanctions caused it.", &["Prices"]).is_empty());
        assert!(claims(
            "Neutralise all groups within Afghanistan, especially those responsible for attacks.",
            &["Afghanistan"]
        )
        .is_empty());
        // "not" without any cause named is no denial of a cause.
        assert!(claims("It was not the sanctions.", &["sanctions"]).is_empty());
        // "in no small measure due to", "not least because of": affirmed.
        assert_eq!(
            claims(
                "Progress is in no small measure due to the sanctions.",
                &["sanctions"]
            ),
            vec![("sanctions".into(), Stance::Cause, "due to".into())]
        );
        assert_eq!(
            claims(
                "Talks stalled, not least because of the sanctions.",
                &["sanctions"]
            ),
            vec![("sanctions".into(), Stance::Cause, "because of".into())]
        );
        // "causes" as a noun names no cause.
        assert!(claims(
            "Conflicts do not exist without root causes.",
            &["Conflicts"]
        )
        .is_empty());
        assert!(claims(
            "We must end conflicts by addressing their causes.",
            &["conflicts"]
        )
        .is_empty());
    }

    #[test]
    fn evaluations_count_and_negate() {
        assert_eq!(
            stance("The talks were a success and brought stability.").map(|s| s.0),
            Some(Stance::Positive)
        );
        assert_eq!(
            stance("The talks were not successful.").map(|s| s.0),
            Some(Stance::Negative)
        );
        assert_eq!(
            stance("The lack of meaningful progress on reform remains a concern.").map(|s| s.0),
            Some(Stance::Negative)
        );
        assert_eq!(stance("Progress amid tensions."), None);
        assert_eq!(stance("The delegation arrived on Monday."), None);
        let c = StanceLexicon::new()
            .classify("However, the mechanism failed.")
            .unwrap();
        assert_eq!(
            (c.stance, c.contrast.as_deref()),
            (Stance::Negative, Some("however"))
        );
    }
}
