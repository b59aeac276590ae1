//! Plain-text helpers every synthesis step shares: sentences (the model's
//! splitter, re-exported), word tokens, stopwords, shortening a quote, and whole-word phrase matching.

use std::collections::HashSet;
use std::sync::OnceLock;

pub use quire_model::sentences::sentences;

/// Prepositions that govern the name after them: a name after one is not
/// the subject of the verb that follows ("the war in Ukraine undermines",
/// "talks with Pakistan aim to"). Read by the actor map and by blame.
pub const GOVERNING_PREPOSITIONS: &[&str] = &[
    "in", "of", "on", "against", "to", "from", "with", "for", "at", "by", "into", "towards",
    "toward", "about", "between", "over", "across", "within", "inside", "like", "than",
];

/// Word tokens with their byte spans: letters and digits, with inner
/// hyphens, apostrophes and dots kept ("ISIS-K", "Pakistan's", "U.S").
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_alnum_end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            last_alnum_end = i + c.len_utf8();
            continue;
        }
        // One joiner right after a letter may be inner punctuation; the
        // next character decides.
        let inner = matches!(c, '-' | '\'' | '’' | '.') && i == last_alnum_end;
        if !inner {
            if let Some(s) = start.take() {
                out.push((s, last_alnum_end));
            }
        }
    }
    if let Some(s) = start {
        out.push((s, last_alnum_end));
    }
    out
}

/// Lower-cased word tokens without stopwords, numbers or one-letter words:
/// the terms of TF-IDF vectors.
pub fn content_terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(s, e)| normalise_word(&text[s..e]))
        .filter(|w| is_content_word(w))
        .collect()
}

/// Lower-case, possessive "'s" dropped.
pub fn normalise_word(word: &str) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    lower
        .strip_suffix("'s")
        .map(str::to_string)
        .unwrap_or(lower)
}

/// The word without a possessive "'s" ("Pakistan's" → "Pakistan").
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

pub fn is_content_word(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().any(char::is_alphabetic) && !is_stopword(word)
}

/// English function words plus the verbs and fillers that carry no theme.
pub fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.split_whitespace().collect())
        .contains(word)
}

const STOPWORDS: &str = "a about above after again against all almost along already also although always am among an and another any anyone anything are aren't around as at be became because become becomes been before being below between both but by can cannot could couldn't did didn't do does doesn't doing don't done down during each either else enough even ever every few for from further get gets given go goes going got had has hasn't have haven't having he her here hers herself him himself his how however i if in into is isn't it it's its itself just last least less let like likely made make makes many may me might more most much must my myself neither never new no nor not now of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps put rather really said same say says see seen several shall she should shouldn't since so some still such than that that's the their theirs them themselves then there there's therefore these they this those though through thus to today together too toward towards under until up upon us use used using very via was wasn't we well were weren't what whatever when where whether which while who whom whose why will with within without won't would wouldn't yet you your yours yourself also according mr mrs ms dr first second third two three four five six seven eight nine ten year years time times way ways part including include includes included within upon thereby whereby across";

/// Words that are content words but no theme: common verbs, adverbs
/// ("-ly") and the fillers of speeches and reports.
pub fn is_generic(word: &str) -> bool {
    const GENERIC: &[&str] = &[
        "need",
        "needs",
        "needed",
        "continue",
        "continues",
        "continued",
        "continuing",
        "take",
        "takes",
        "taking",
        "taken",
        "end",
        "best",
        "better",
        "action",
        "actions",
        "order",
        "issue",
        "issues",
        "session",
        "great",
        "important",
        "ensure",
        "work",
        "working",
        "thank",
        "mr",
        "madam",
        "president",
        "today",
        "believe",
        "want",
        "know",
        "come",
        "comes",
        "came",
        "going",
        "look",
        "looking",
        "must",
        "every",
        "part",
        "many",
        "much",
        "another",
        "remain",
        "remains",
        "said",
        "told",
        "stated",
        "noted",
        "call",
        "calls",
        "called",
        "people",
        "world",
        "country",
        "countries",
        "nation",
        "nations",
        "state",
        "states",
        "government",
        "governments",
        "international",
        "community",
        "also",
        "able",
        "good",
        "long",
        "high",
        "large",
        "major",
        "key",
        "number",
        "example",
        "fact",
        "case",
        "place",
        "point",
        "support",
        "help",
        "efforts",
        "effort",
        "role",
        "level",
        "levels",
        "situation",
        "including",
        "particular",
        "particularly",
        "across",
        "around",
        "here",
        "there",
        "whole",
        "full",
        "clear",
        "sure",
        "true",
        "real",
        "even",
        "keep",
        "keeps",
        "keeping",
        "repeat",
        "eyes",
        "say",
        "says",
        "thing",
        "things",
        "way",
        "ways",
        "lot",
        "means",
    ];
    (word.len() > 4 && word.ends_with("ly")) || GENERIC.contains(&word)
}

/// "Q Mr. President, you have said …", "Q: …" — a reporter's question in
/// a press-conference transcript.
pub fn is_transcript_question(sentence: &str) -> bool {
    let s = sentence.trim_start();
    s.starts_with("Q ") || s.starts_with("Q:") || s.starts_with("Q.")
}

/// "They are mostly conducted by …", "These include …", "Moreover, …",
/// "In this context, …": a sentence that opens on a word pointing back at
/// the one before, or on a connective that continues it, cannot be quoted
/// alone. "This year", "That week" point at a time, not back.
pub fn leans_on_previous(sentence: &str) -> bool {
    const BACK: &[&str] = &[
        "they", "these", "those", "he", "she", "such", "their", "his", "her", "its", "this",
        "that", "them",
    ];
    const CONNECTIVES: &[&str] = &[
        "but",
        "and",
        "so",
        "or",
        "nor",
        "moreover",
        "furthermore",
        "additionally",
        "also",
        "thus",
        "therefore",
        "hence",
        "however",
        "yet",
        "nevertheless",
        "nonetheless",
        "besides",
        "consequently",
        "accordingly",
        "meanwhile",
        "likewise",
        "similarly",
    ];
    const PHRASES: &[&str] = &[
        "in this context",
        "in that context",
        "in this regard",
        "in that regard",
        "in this respect",
        "to that end",
        "to this end",
        "for this reason",
        "for that reason",
        "as a result",
        "in addition",
        "in doing so",
        "at the same time",
    ];
    const TIMES: &[&str] = &[
        "year",
        "week",
        "month",
        "morning",
        "afternoon",
        "evening",
        "session",
        "time",
        "day",
    ];
    const PREPOSITIONS: &[&str] = &[
        "of", "in", "to", "for", "at", "from", "with", "on", "by", "under", "after", "since",
    ];
    let said = without_speaker_label(sentence);
    let words: Vec<String> = words(said)
        .into_iter()
        .take(8)
        .map(|(a, b)| said[a..b].to_lowercase())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if CONNECTIVES.contains(&first.as_str()) {
        return true;
    }
    // Early in the sentence: "In order to discuss them further", "the
    // outcomes of that forum".
    let early = &words[..words.len().min(6)];
    if early
        .iter()
        .any(|w| matches!(w.as_str(), "them" | "these" | "those"))
    {
        return true;
    }
    let pointing = words.windows(3).any(|w| {
        PREPOSITIONS.contains(&w[0].as_str())
            && matches!(w[1].as_str(), "this" | "that")
            && !TIMES.contains(&w[2].as_str())
    });
    if pointing {
        return true;
    }
    let opening = words[..words.len().min(4)].join(" ");
    if PHRASES.iter().any(|p| opening.starts_with(p)) {
        return true;
    }
    if !BACK.contains(&first.as_str()) {
        return false;
    }
    let time = matches!(first.as_str(), "this" | "that")
        && words.get(1).is_some_and(|w| TIMES.contains(&w.as_str()));
    !time
}

/// "THE PRESIDENT: Last night …" → "Last night …": a transcript's
/// speaker label (capitals, then a colon) is not part of what was said.
pub fn without_speaker_label(sentence: &str) -> &str {
    let s = sentence.trim_start();
    let Some((label, rest)) = s.split_once(':') else {
        return sentence;
    };
    let is_label = label.len() >= 2
        && label.len() <= 40
        && label.chars().any(|c| c.is_alphabetic())
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''));
    if is_label && !rest.trim().is_empty() {
        rest.trim_start()
    } else {
        sentence
    }
}

/// `text` cut to at most `max` bytes on a word boundary, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = collapse_whitespace(text);
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let head = head.rsplit_once(' ').map(|(h, _)| h).unwrap_or(head);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word without its plural "s" ("attacks" → "attack", "seas" → "sea",
/// "Tatars" → "Tatar"); not "crisis", "status", "process", "gas". Themes,
/// debated matters and proposed names fold plurals with it alike.
pub fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with(['s', 'u', 'i']) => stem,
        _ => word,
    }
}

/// True when the byte range `[s, e)` of `text` is a whole word (or run of
/// words): no letter or digit touches it on either side (a Chinese,
/// Japanese or Korean character does not count: those scripts put no
/// space between words).
pub fn at_word_boundary(text: &str, s: usize, e: usize) -> bool {
    use quire_model::normalize::continues_word;
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(continues_word) && !after.is_some_and(continues_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_fold_but_not_words_ending_in_s() {
        assert_eq!(singular("attacks"), "attack");
        assert_eq!(singular("Tatars"), "Tatar");
        for word in ["crisis", "status", "process", "gas"] {
            assert_eq!(singular(word), word);
        }
    }

    #[test]
    fn sentences_that_lean_on_the_one_before() {
        assert!(leans_on_previous(
            "They are mostly conducted by terrorists."
        ));
        assert!(leans_on_previous("These include ISIL-K and the TTP."));
        assert!(leans_on_previous("THE PRESIDENT: This is why we left."));
        assert!(!leans_on_previous("This year, Pakistan hosted the talks."));
        assert!(!leans_on_previous("Pakistan hosted the talks."));
        assert!(leans_on_previous("Pakistan hosted them."));
        assert!(!leans_on_previous("Theirs is the TTP's base."));
        assert!(leans_on_previous(
            "Moreover, in order to contribute, we decided."
        ));
        assert!(leans_on_previous(
            "In this context, Turkmenistan proposes a draft."
        ));
        assert!(leans_on_previous("Yet. we advocate continued assistance."));
        assert!(leans_on_previous(
            "But sustainable peace in South Asia is contingent."
        ));
        assert!(leans_on_previous(
            "In order to discuss them further, we meet."
        ));
        assert!(leans_on_previous(
            "Taking into account the outcomes of that forum, we propose."
        ));
        assert!(!leans_on_previous("In this year of crisis, Pakistan grew."));
        assert!(!leans_on_previous(
            "We believe that Pakistan and Afghanistan will cooperate."
        ));
    }

    #[test]
    fn words_keep_inner_punctuation() {
        let t = "ISIS-K and Pakistan's U.S. (allies) - end";
        let w: Vec<&str> = words(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(
            w,
            vec!["ISIS-K", "and", "Pakistan's", "U.S", "allies", "end"]
        );
        assert_eq!(
            content_terms("Pakistan's border and the TTP in 2021"),
            vec!["pakistan", "border", "ttp"]
        );
    }

    #[test]
    fn shortens_on_word_boundary() {
        assert_eq!(shorten("one two three four", 9), "one two…");
        assert_eq!(shorten("  short   text ", 50), "short text");
        assert!(at_word_boundary("the TTP.", 4, 7));
        assert!(!at_word_boundary("ATTP", 1, 4));
    }
}
