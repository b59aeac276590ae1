//! Blame: the actor a sentence holds responsible for a hostile act —
//! "Russia's illegal annexation", "NATO expansion", "aggression by the
//! Russian Federation", "Kyiv sabotaged them". Debates use it to find
//! actors whose own statements blame each other.
//!
//! The actor must be the act's agent, not its victim or its place: a
//! possessive or a name right before the act, "by" before the name, or the
//! name as the subject of an active verb. So "aggression against Ukraine",
//! "the war in Ukraine undermines …" and "Georgia remains occupied" blame
//! neither Ukraine nor Georgia.

use crate::mentions::Mention;
use crate::text;
use quire_model::Actor;

/// Acts whose agent may stand right before them as a noun adjunct
/// ("NATO expansion") as well as in the possessive ("Russia's aggression")
/// or after "by" ("aggression by Russia").
pub const AGENT_ACTS: &[&str] = &[
    "aggression",
    "invasion",
    "annexation",
    "occupation",
    "expansion",
    "expansionism",
    "interference",
    "provocation",
    "provocations",
    "sabotage",
    "blockade",
    "bombardment",
    "shelling",
    "propaganda",
    "disinformation",
    "blackmail",
    "militarization",
    "militarisation",
    "aggressiveness",
];

/// Acts that name their agent only in the possessive or after "by": a
/// name before them is more often a place or a target ("the Kabul attack",
/// "Russia sanctions", "the Ukraine war").
pub const POSSESSED_ACTS: &[&str] = &[
    "war",
    "attack",
    "attacks",
    "crimes",
    "violation",
    "violations",
    "sanctions",
    "lies",
    "threats",
    "terrorism",
    "coup",
    "atrocities",
    "genocide",
];

/// Active verbs of hostile acts, with their actor as subject ("Russia
/// invaded", "Kyiv has sabotaged").
pub const HOSTILE_VERBS: &[&str] = &[
    "invaded",
    "invades",
    "attacked",
    "attacks",
    "annexed",
    "annexes",
    "occupied",
    "occupies",
    "violated",
    "violates",
    "bombed",
    "bombs",
    "shelled",
    "shells",
    "provoked",
    "provokes",
    "sabotaged",
    "sabotages",
    "interfered",
    "interferes",
    "unleashed",
    "unleashes",
    "threatened",
    "threatens",
    "destabilized",
    "destabilised",
    "destabilizes",
    "destabilises",
    "undermined",
    "undermines",
    "blocked",
    "blocks",
    "weaponized",
    "weaponised",
    "weaponizes",
    "weaponises",
];

/// Verbs that may stand between an act and the "by" of its agent:
/// "crimes committed by", "the war unleashed by".
const BY_VERBS: &[&str] = &[
    "committed",
    "perpetrated",
    "launched",
    "unleashed",
    "waged",
    "carried",
    "out",
    "conducted",
    "staged",
    "orchestrated",
    "backed",
    "supported",
];

/// Nouns that stand for an actor when they follow its name: "the Kyiv
/// regime's continuing war", "Russian Federation forces attacked".
const AGENT_HEADS: &[&str] = &[
    "regime",
    "government",
    "authorities",
    "leadership",
    "forces",
    "troops",
    "army",
    "military",
];

/// Words that may come between a name and its act: after a possessive,
/// the adjectives of "Russia's full-scale unprovoked aggression"; before
/// a verb, the perfect's auxiliary and adverbs ("Russia has shamelessly
/// violated"). A passive's auxiliary ("was threatened", "remain
/// occupied") is not among them.
const BETWEEN: usize = 3;
const AUXILIARIES: &[&str] = &["has", "have", "had"];
const BREAKS: &[&str] = &[
    "not", "no", "never", "and", "or", "but", "to", "of", "in", "on", "against", "for", "with",
    "by", "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained",
    "that", "which", "who",
];

/// Endings that make a demonym of a name or its stem ("Russia" →
/// "Russian", "Ukrain" → "Ukrainian", "Chin" → "Chinese", "Pakistan" →
/// "Pakistani").
const DEMONYM_ENDINGS: &[&str] = &["n", "an", "ian", "ese", "ish", "i"];

/// The codebook's actors under their demonyms, index for index: "Russian
/// aggression" and "Ukrainian forces" are the acts of Russia and Ukraine,
/// yet a review's codebook rarely lists "Russian" as an alias (it would
/// make every "Russian-speaking" a mention of Russia). Made from each
/// one-word name and alias, whole or with its final vowel or "-(i)stan"
/// dropped ("Afghanistan" → "Afghan", "Tajikistan" → "Tajik"), plus the
/// endings above; an actor without a one-word name has none.
pub fn demonym_actors(actors: &[Actor]) -> Vec<Actor> {
    actors
        .iter()
        .map(|actor| {
            let mut forms: Vec<String> = Vec::new();
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let name = name.trim();
                let one_word = name.chars().all(char::is_alphabetic);
                if !one_word || name.chars().count() < 4 || !name.starts_with(char::is_uppercase) {
                    continue;
                }
                for stem in demonym_stems(name) {
                    for ending in DEMONYM_ENDINGS {
                        let form = format!("{stem}{ending}");
                        if form != name && !forms.contains(&form) {
                            forms.push(form);
                        }
                    }
                    // "Afghanistan" → "Afghan", "Uzbekistan" → "Uzbek".
                    if stem.len() < name.len() && name.ends_with("stan") {
                        forms.push(stem.to_string());
                    }
                }
            }
            let mut forms = forms.into_iter();
            Actor {
                name: forms.next().unwrap_or_default(),
                aliases: forms.collect(),
                ..actor.clone()
            }
        })
        .collect()
}

fn demonym_stems(name: &str) -> Vec<&str> {
    let mut stems = vec![name];
    if let Some(stem) = name.strip_suffix(['a', 'e', 'o', 'y']) {
        stems.push(stem);
    }
    for suffix in ["istan", "stan"] {
        if let Some(stem) = name.strip_suffix(suffix).filter(|s| s.len() >= 4) {
            stems.push(stem);
        }
    }
    stems
}

/// One actor a sentence blames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blame {
    /// Index into the codebook's actors.
    pub actor: usize,
    /// The words from the name to the act, as the sentence writes them
    /// ("Russia’s illegal annexation", "aggression by the Russian
    /// Federation").
    pub phrase: String,
    /// Byte span of the phrase in the sentence.
    pub start: usize,
    pub end: usize,
}

/// The actors `sentence` blames, given their mentions in it (spans
/// relative to the sentence), each once, in order.
pub fn blamed(sentence: &str, mentions: &[Mention]) -> Vec<Blame> {
    let words = text::words(sentence);
    let mut out: Vec<Blame> = Vec::new();
    for m in mentions {
        let found =
            agent_before_act(sentence, &words, m).or_else(|| act_before_by(sentence, &words, m));
        if let Some((start, end)) = found {
            if out.iter().all(|b| b.actor != m.actor) {
                out.push(Blame {
                    actor: m.actor,
                    phrase: sentence[start..end].to_string(),
                    start,
                    end,
                });
            }
        }
    }
    out
}

fn lower(sentence: &str, (s, e): (usize, usize)) -> String {
    sentence[s..e].to_lowercase()
}

/// Only spaces (and a possessive's apostrophe) between two words: no
/// comma, dash or bracket, so both are in the same phrase.
fn same_phrase(sentence: &str, gap: (usize, usize)) -> bool {
    sentence[gap.0..gap.1]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '\'' | '’'))
}

/// "Russia's aggression", "NATO expansion", "Russia has invaded": the
/// name, then in the same phrase the act — right after a noun adjunct,
/// within [`BETWEEN`] adjectives after a possessive, within as many
/// auxiliaries and adverbs before an active verb. An act followed by "by"
/// has its agent there ("Ukraine's occupation by Russia").
fn agent_before_act(
    sentence: &str,
    words: &[(usize, usize)],
    m: &Mention,
) -> Option<(usize, usize)> {
    // The word holding the name runs on over a possessive ("Russia’s").
    let mut name_end = words
        .iter()
        .find(|w| w.0 < m.end && w.1 >= m.end)
        .map_or(m.end, |w| w.1);
    let mut possessive = sentence[m.end..].starts_with(['\'', '’']);
    let mut first = words.iter().position(|w| w.0 >= name_end)?;
    // "the Kyiv regime's war": the head noun speaks for the name.
    if !possessive && same_phrase(sentence, (name_end, words[first].0)) {
        let head = lower(sentence, words[first]);
        let bare = head.trim_end_matches("'s").trim_end_matches("’s");
        if AGENT_HEADS.contains(&bare) {
            possessive = bare.len() < head.len();
            name_end = words[first].1;
            first += 1;
        }
    }
    let subject = !possessive && !after_preposition(sentence, words, m);
    let first = words.get(first).map(|_| first)?;
    let mut previous_end = name_end;
    for (k, &span) in words[first..].iter().take(BETWEEN + 1).enumerate() {
        if !same_phrase(sentence, (previous_end, span.0)) {
            return None;
        }
        let word = lower(sentence, span);
        let word = word.as_str();
        let act = (AGENT_ACTS.contains(&word) && (possessive || k == 0))
            || (possessive && POSSESSED_ACTS.contains(&word));
        let verb = subject && HOSTILE_VERBS.contains(&word);
        if act || verb {
            let next = words.get(first + k + 1).map(|&w| lower(sentence, w));
            let by_agent = act && next.as_deref() == Some("by");
            let reflexive = verb && next.as_deref().is_some_and(is_reflexive);
            let between = &words[first..first + k];
            let a_place_at_war = word == "war"
                && between
                    .iter()
                    .any(|&w| names_a_long_war(&lower(sentence, w)));
            return (!by_agent && !reflexive && !a_place_at_war).then_some((m.start, span.1));
        }
        let modifier = if possessive {
            !BREAKS.contains(&word)
        } else {
            AUXILIARIES.contains(&word) || word.ends_with("ly")
        };
        if !modifier {
            return None;
        }
        previous_end = span.1;
    }
    None
}

/// "aggression by Russia", "crimes committed by the Russian Federation".
fn act_before_by(sentence: &str, words: &[(usize, usize)], m: &Mention) -> Option<(usize, usize)> {
    let before: Vec<(usize, usize)> = words.iter().copied().filter(|w| w.1 <= m.start).collect();
    let mut i = before.len().checked_sub(1)?;
    let mut name_start = m.start;
    if lower(sentence, before[i]) == "the" {
        if !same_phrase(sentence, (before[i].1, name_start)) {
            return None;
        }
        name_start = before[i].0;
        i = i.checked_sub(1)?;
    }
    if lower(sentence, before[i]) != "by" || !same_phrase(sentence, (before[i].1, name_start)) {
        return None;
    }
    let mut next_start = before[i].0;
    for &span in before[..i].iter().rev().take(BETWEEN) {
        if !same_phrase(sentence, (span.1, next_start)) {
            return None;
        }
        let word = lower(sentence, span);
        if AGENT_ACTS.contains(&word.as_str()) || POSSESSED_ACTS.contains(&word.as_str()) {
            return Some((span.0, m.end));
        }
        if !BY_VERBS.contains(&word.as_str()) {
            return None;
        }
        next_start = span.0;
    }
    None
}

/// The name is the object of a preposition ("in Ukraine").
fn after_preposition(sentence: &str, words: &[(usize, usize)], m: &Mention) -> bool {
    let Some(prev) = words.iter().rev().find(|w| w.1 <= m.start) else {
        return false;
    };
    let mut word = lower(sentence, *prev);
    if word == "the" {
        if let Some(before) = words.iter().rev().find(|w| w.1 <= prev.0) {
            word = lower(sentence, *before);
        }
    }
    text::GOVERNING_PREPOSITIONS.contains(&word.as_str())
}

/// "Afghanistan's 40-year war", "Syria's civil war": the war a country
/// lives through, not one it wages.
fn names_a_long_war(word: &str) -> bool {
    word.contains(|c: char| c.is_ascii_digit())
        || word.contains("year")
        || word.contains("decade")
        || matches!(word, "civil" | "long" | "longest" | "endless" | "internal")
}

/// "… have attacked themselves": a claim that the victims did it to
/// themselves, not a blame of them.
fn is_reflexive(word: &str) -> bool {
    matches!(word, "themselves" | "itself" | "herself" | "himself")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::ActorMatcher;
    use quire_model::Actor;

    fn actors() -> Vec<Actor> {
        let actor = |id: &str, name: &str, aliases: &[&str]| Actor {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        };
        vec![
            actor("rus", "Russia", &["Russian Federation"]),
            actor("ukr", "Ukraine", &["Kyiv"]),
            actor("nato", "NATO", &[]),
            actor("geo", "Georgia", &[]),
        ]
    }

    fn blamed_in(sentence: &str) -> Vec<(String, String)> {
        let actors = actors();
        let mentions = ActorMatcher::new(&actors).find(sentence);
        blamed(sentence, &mentions)
            .into_iter()
            .map(|b| (actors[b.actor].id.clone(), b.phrase))
            .collect()
    }

    fn pair(id: &str, phrase: &str) -> (String, String) {
        (id.to_string(), phrase.to_string())
    }

    #[test]
    fn the_agent_of_a_hostile_act_is_blamed() {
        assert_eq!(
            blamed_in("Consider Russia’s illegal annexation of Crimea."),
            [pair("rus", "Russia’s illegal annexation")]
        );
        assert_eq!(
            blamed_in("NATO expansion threatens our security."),
            [pair("nato", "NATO expansion")]
        );
        assert_eq!(
            blamed_in("The origin of the conflict is an invasion by the Russian Federation."),
            [pair("rus", "invasion by the Russian Federation")]
        );
        assert_eq!(
            blamed_in("Russia shamelessly violated the core tenets of the Charter."),
            [pair("rus", "Russia shamelessly violated")]
        );
        assert_eq!(
            blamed_in("The agreements were there, and Kyiv sabotaged them openly."),
            [pair("ukr", "Kyiv sabotaged")]
        );
        assert_eq!(
            blamed_in("The Kyiv regime’s continuing war on its own people left no choice."),
            [pair("ukr", "Kyiv regime’s continuing war")]
        );
        assert_eq!(blamed_in("Russia regime forces"), []);
        assert_eq!(
            blamed_in("We condemn the crimes committed by Russia in Bucha."),
            [pair("rus", "crimes committed by Russia")]
        );
    }

    #[test]
    fn demonyms_name_their_actors() {
        let actors = [
            Actor {
                name: "Russia".into(),
                ..Default::default()
            },
            Actor {
                name: "Ukraine".into(),
                aliases: vec!["Kyiv".into()],
                ..Default::default()
            },
            Actor {
                name: "Afghanistan".into(),
                ..Default::default()
            },
            Actor {
                name: "China".into(),
                ..Default::default()
            },
            Actor {
                name: "United States".into(),
                aliases: vec!["US".into()],
                ..Default::default()
            },
        ];
        let demonyms = demonym_actors(&actors);
        let has = |i: usize, form: &str| {
            demonyms[i].name == form || demonyms[i].aliases.iter().any(|a| a == form)
        };
        assert!(has(0, "Russian") && has(1, "Ukrainian") && has(2, "Afghan") && has(3, "Chinese"));
        assert!(has(2, "Afghani"));
        assert!(demonyms[4].name.is_empty() && demonyms[4].aliases.is_empty());
        let matcher = ActorMatcher::new(&demonyms);
        let sentence = "Russian aggression and Ukrainian resistance.";
        let found = blamed(sentence, &matcher.find(sentence));
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].actor, found[0].phrase.as_str()),
            (0, "Russian aggression")
        );
    }

    #[test]
    fn victims_places_and_passives_are_not_blamed() {
        for sentence in [
            "Russia’s full-fledged war in Ukraine undermines that country’s sovereignty.",
            "Parts of Moldova and Georgia remain occupied.",
            "Putin claims that he had to act because Russia was threatened.",
            "It claims that Ukraine and Georgia have attacked themselves.",
            "We stand against aggression against Ukraine.",
            "The Ukraine war has disrupted food supplies.",
            "Russia has not invaded anyone, it says.",
            "The coup in Kyiv, the sabotage of the agreements, followed.",
            "We will end Ukraine’s more than 40-year war, the longest.",
            "Georgia’s civil war of the 1990s left scars.",
        ] {
            let found = blamed_in(sentence);
            assert!(
                found.iter().all(|(id, _)| id != "ukr" && id != "geo"),
                "{sentence}: {found:?}"
            );
        }
        assert!(blamed_in("Russia has not invaded anyone, it says.").is_empty());
        assert_eq!(
            blamed_in(
                "Russia’s full-fledged war in Ukraine undermines that country’s sovereignty."
            ),
            [pair("rus", "Russia’s full-fledged war")]
        );
    }
}
