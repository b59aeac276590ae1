//! Common themes: the key phrases of each category (1–3 word n-grams that
//! neither start nor end with a stopword, and are not nearly always
//! followed by the same word: "Declaration of Human" is cut from a longer
//! name) that recur across works, scored
//! by how much more often they occur in the category's passages than in the
//! other categories' (a TF-IDF-style contrast), and a map of which of them
//! occur in the same passages.

use crate::corpus::Corpus;
use crate::mentions::ActorMatcher;
use crate::network::{NetworkBuilder, NodeName};
use crate::text;
use crate::tokens::{Lexicon, Token};
use crate::types::{CategoryThemes, KeyPhrase, Network, Themes};
use rustc_hash::FxHashMap as HashMap;

/// Key phrases kept per category.
const PHRASES_PER_CATEGORY: usize = 12;
/// A phrase must occur in at least this many works of the category.
const MIN_WORKS: usize = 2;
/// A word is a fragment of a longer phrase when that phrase accounts for
/// this share of its passages.
const SUBSUMED: f32 = 0.6;
/// Edges of the theme map: passages shared, and how many edges are kept.
const MIN_EDGE: usize = 2;
const MAX_EDGES: usize = 80;

/// Interned n-grams: word ids (padded with `NONE`) → phrase id, and the
/// first surface form seen.
#[derive(Default)]
struct Phrases {
    ids: HashMap<[u32; 3], u32>,
    keys: Vec<[u32; 3]>,
    surface: Vec<String>,
    /// Per phrase: occurrences, and how often each word came right after
    /// it (phrases of two and three words).
    seen: Vec<u32>,
    next: HashMap<(u32, u32), u32>,
    /// How often each word came right before a phrase.
    previous: HashMap<(u32, u32), u32>,
    /// Per phrase: occurrences written all in lower case ("nuclear
    /// weapons" beside the treaty's "Nuclear Weapons"), and occurrences
    /// that a capitalised word continued or opened (any word: "Treaty
    /// Organization" of "North Atlantic …", "Collective Security …" and
    /// "Warsaw …").
    lower: Vec<u32>,
    in_capitals: Vec<u32>,
}

/// A phrase of two or three words whose next word is this often the same
/// one is cut from a longer name ("Declaration of Human" of "… Human
/// Rights", "Universal Declaration" of "… of Human Rights"); so is a
/// phrase whose previous word is ("Law Commission" of "International …",
/// "Social Council" of "Economic and …", "cent" of "per cent").
const CONTINUED: f32 = 0.8;

impl Phrases {
    /// Phrases that are nearly always followed, or preceded, by one word;
    /// and names in capitals nearly always inside a longer name, whatever
    /// its other words.
    fn cut_short(&self) -> Vec<bool> {
        let mut top = vec![0u32; self.surface.len()];
        for (&(g, _), &n) in self.next.iter().chain(&self.previous) {
            top[g as usize] = top[g as usize].max(n);
        }
        (0..self.surface.len())
            .map(|g| {
                let seen = self.seen[g] as f32;
                let continued = top[g] as f32 >= CONTINUED * seen;
                let in_name = is_capitalised_name(&self.surface[g])
                    && self.in_capitals[g] as f32 >= CONTINUED * seen;
                seen >= 2.0 && (continued || in_name)
            })
            .collect()
    }

    /// The phrase as the report shows it: in lower case when it is
    /// mostly written so, as first written otherwise ("Durand Line").
    fn shown(&self, g: u32) -> String {
        let g = g as usize;
        if self.lower[g] * 2 >= self.seen[g] {
            self.surface[g].to_lowercase()
        } else {
            self.surface[g].clone()
        }
    }
}

const NONE: u32 = u32::MAX;

impl Phrases {
    fn intern(&mut self, key: [u32; 3], surface: impl FnOnce() -> String) -> u32 {
        let id = self.intern_key(key, surface);
        self.seen[id as usize] += 1;
        id
    }

    fn intern_key(&mut self, key: [u32; 3], surface: impl FnOnce() -> String) -> u32 {
        let next = self.surface.len() as u32;
        *self.ids.entry(key).or_insert_with(|| {
            self.keys.push(key);
            self.surface.push(surface());
            self.seen.push(0);
            self.lower.push(0);
            self.in_capitals.push(0);
            next
        })
    }
}

pub fn themes(corpus: &Corpus) -> Themes {
    let mut phrases = Phrases::default();
    let grams: Vec<Vec<u32>> = (0..corpus.passages.len())
        .map(|p| passage_grams(corpus, p, &mut phrases))
        .collect();
    let coded_passages = corpus
        .categories_of
        .iter()
        .filter(|c| !c.is_empty())
        .count();
    let mut df_all = vec![0u32; phrases.surface.len()];
    for (p, list) in grams.iter().enumerate() {
        if !corpus.categories_of[p].is_empty() {
            for &g in list {
                df_all[g as usize] += 1;
            }
        }
    }
    let actors = ActorMatcher::new(&corpus.protocol.actors);
    // "U.S" is "U.S." with its final stop taken by the tokeniser.
    // Who is named is the actor map's business, and a phrase cut from a
    // longer name is no theme: both are left out.
    let cut_short = phrases.cut_short();
    let is_actor: Vec<bool> = phrases
        .surface
        .iter()
        .zip(&cut_short)
        .map(|(p, &cut)| {
            cut || actors.is_known(p)
                || actors.is_known(&format!("{p}."))
                || (is_long_name(p) && actors.inside_known(p))
                || names_a_person(p)
        })
        .collect();
    let mut by_category = Vec::new();
    let mut kept: Vec<(u32, usize)> = Vec::new(); // (phrase, category) for the map
    for c in 0..corpus.coded.len() {
        let ranked = rank_category(
            corpus,
            c,
            &grams,
            &df_all,
            coded_passages,
            &phrases,
            &is_actor,
        );
        kept.extend(ranked.iter().map(|r| (r.phrase, c)));
        let phrases_out = ranked
            .into_iter()
            .map(|r| key_phrase(corpus, c, &grams, &phrases, r))
            .collect();
        by_category.push(CategoryThemes {
            category: corpus.category_id(c).to_string(),
            phrases: phrases_out,
        });
    }
    Themes {
        by_category,
        map: theme_map(corpus, &grams, &phrases, &kept),
    }
}

/// The distinct n-grams of one passage. Phrases never cross punctuation.
fn passage_grams(corpus: &Corpus, p: usize, phrases: &mut Phrases) -> Vec<u32> {
    let text = &corpus.passages[p].text;
    let tokens = &corpus.tokens[p];
    let mut out = Vec::new();
    for s in 0..tokens.sentences.len() {
        for segment in segments(text, tokens.sentence(s)) {
            for n in 1..=3 {
                for (at, window) in segment.windows(n).enumerate() {
                    if !is_phrase(&corpus.lexicon, window) {
                        continue;
                    }
                    let mut key = [NONE; 3];
                    for (k, t) in key.iter_mut().zip(window) {
                        *k = t.id;
                    }
                    let g = phrases.intern(key, || surface(text, window));
                    let capital =
                        |t: &Token| text[t.start as usize..].starts_with(char::is_uppercase);
                    if window.iter().all(|t| !capital(t)) {
                        phrases.lower[g as usize] += 1;
                    }
                    let mut in_capitals = false;
                    if let (2..=3, Some(next)) = (n, segment.get(at + n)) {
                        // A capitalised next word carries a name on, however
                        // common ("West African" + "States").
                        let capitalised = capital(next);
                        // Any noun going on counts for a name in capitals:
                        // "Zaporizhzhia Nuclear Power" + "plant" / "Station".
                        let word = corpus.lexicon.words[next.id as usize].as_str();
                        in_capitals |= corpus.lexicon.content[next.id as usize]
                            && (capitalised || (!text::is_generic(word) && !is_past_tense(word)));
                        if capitalised || continues_name(&corpus.lexicon, next) {
                            let word = corpus.lexicon.words[next.id as usize].as_str();
                            *phrases.next.entry((g, singular_key(word))).or_default() += 1;
                        }
                    }
                    if let Some(previous) = at.checked_sub(1).map(|i| &segment[i]) {
                        // Three capitalised words are a name of their own
                        // whatever opens it ("United Nations" or "UN" +
                        // "Global Counter-Terrorism Strategy").
                        in_capitals |= n <= 2
                            && capital(previous)
                            && corpus.lexicon.content[previous.id as usize];
                        if opens_name(&corpus.lexicon, previous) {
                            *phrases.previous.entry((g, previous.id)).or_default() += 1;
                        }
                    }
                    if in_capitals {
                        phrases.in_capitals[g as usize] += 1;
                    }
                    out.push(g);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Three or more words, each capitalised: "West African States", a piece
/// of a longer name ("Economic Community of West African States") when a
/// known actor's name holds it; two words ("Climate Change") may be the
/// theme itself even inside a name ("… Convention on Climate Change").
fn is_long_name(phrase: &str) -> bool {
    phrase.split_whitespace().count() >= 3 && is_capitalised_name(phrase)
}

/// "Prime Minister Modi", "President Biden": a person by title and name,
/// no theme (and no codebook actor either: persons are rarely listed).
fn names_a_person(phrase: &str) -> bool {
    const TITLES: &[&str] = &[
        "president",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sheikh",
        "ambassador",
        "secretary-general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "pope",
    ];
    let mut words = phrase.split_whitespace();
    let first = words.next().unwrap_or("").to_lowercase();
    TITLES.contains(&first.trim_end_matches('.'))
        && phrase.split_whitespace().count() >= 2
        && is_capitalised_name(phrase)
}

/// Every word capitalised but the joining "of", "and", "for", ...:
/// "Treaty Organization", "Security and Cooperation".
fn is_capitalised_name(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    [first, last]
        .iter()
        .all(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(*w, "of" | "and" | "for" | "on" | "in" | "the")
        })
}

/// A next word that carries a name on: a noun-like content word
/// ("… Human" + "Rights") or "of" ("Universal Declaration" + "of"); not a
/// verb ("Border fencing" + "angered" is a clause going on).
fn continues_name(lexicon: &Lexicon, next: &Token) -> bool {
    let word = lexicon.words[next.id as usize].as_str();
    word == "of"
        || (lexicon.content[next.id as usize] && !text::is_generic(word) && !is_past_tense(word))
}

/// A previous word that may begin the name a phrase is cut from: any
/// content word ("International" + "Law Commission"), "and" inside a
/// name ("Economic and" + "Social Council") or "per" ("per" + "cent");
/// not an article ("the Durand Line" is still "Durand Line").
fn opens_name(lexicon: &Lexicon, previous: &Token) -> bool {
    let word = lexicon.words[previous.id as usize].as_str();
    lexicon.content[previous.id as usize] || matches!(word, "and" | "per")
}

/// A key for a word and its plural alike ("State" and "States" go on
/// "small island developing" as one word).
fn singular_key(word: &str) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text::singular(word).hash(&mut h);
    h.finish() as u32
}

/// The phrase as written, possessives dropped: "Durand Line".
fn surface(text: &str, window: &[Token]) -> String {
    let words: Vec<&str> = window
        .iter()
        .map(|t| text::strip_possessive(&text[t.start as usize..t.end as usize]))
        .collect();
    words.join(" ")
}

/// Runs of tokens not separated by punctuation.
fn segments<'t>(text: &str, tokens: &'t [Token]) -> Vec<&'t [Token]> {
    const BREAKS: [char; 13] = [
        ',', ';', ':', '(', ')', '"', '“', '”', '—', '–', '/', '[', ']',
    ];
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        let ends = i == tokens.len()
            || text[tokens[i - 1].end as usize..tokens[i].start as usize].contains(BREAKS);
        if ends {
            out.push(&tokens[start..i]);
            start = i;
        }
    }
    out
}

/// Noun-phrase-ish: content words at both ends, "of"/"and" allowed in the
/// middle, unigrams of at least 3 letters.
fn is_phrase(lexicon: &Lexicon, window: &[Token]) -> bool {
    let word = |t: &Token| lexicon.words[t.id as usize].as_str();
    let content = |t: &Token| lexicon.content[t.id as usize] && !text::is_generic(word(t));
    match window {
        [one] => content(one) && word(one).chars().count() >= 3 && !is_past_tense(word(one)),
        // A phrase ending in a verb is a clause ("United States ended").
        [a, b] => content(a) && content(b) && !is_past_tense(word(b)),
        [a, m, b] => {
            content(a)
                && content(b)
                && !is_past_tense(word(b))
                && (content(m) || matches!(word(m), "of" | "and"))
        }
        _ => false,
    }
}

/// "went", "joined", "ended": an event told, not a theme. Words in "-ed"
/// that name things ("armed" aside, few do) are rare enough to lose.
fn is_past_tense(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "went", "came", "took", "made", "gave", "sent", "left", "met", "told", "began", "brought",
        "fought", "held", "kept", "led", "lost", "paid", "saw", "stood", "won", "wrote", "became",
        "got", "knew", "thought", "felt", "found", "built", "chose", "spoke",
    ];
    (word.len() > 4 && word.ends_with("ed")) || IRREGULAR.contains(&word)
}

struct Ranked {
    phrase: u32,
    score: f32,
    works: usize,
    passages: usize,
}

/// Candidates of category `c` ranked by contrast. A word or word pair
/// that mostly occurs inside one longer candidate ("United" in "United
/// Nations", "Osama bin" in "Osama bin Laden") is not a theme of its own, and no phrase is kept that is part of (or
/// contains) a better-ranked one.
fn rank_category(
    corpus: &Corpus,
    c: usize,
    grams: &[Vec<u32>],
    df_all: &[u32],
    coded_passages: usize,
    phrases: &Phrases,
    is_actor: &[bool],
) -> Vec<Ranked> {
    // phrase → (passages, works, last work seen), dense over phrase ids.
    let mut counts = vec![(0u32, 0u32, u32::MAX); phrases.surface.len()];
    let mut touched = Vec::new();
    for k in &corpus.coded[c] {
        let w = corpus.passage_work[k.passage] as u32;
        for &g in &grams[k.passage] {
            let e = &mut counts[g as usize];
            if e.0 == 0 {
                touched.push(g);
            }
            e.0 += 1;
            if e.2 != w {
                e.1 += 1;
                e.2 = w;
            }
        }
    }
    let recurring: Vec<u32> = touched
        .into_iter()
        .filter(|&g| {
            let (df, works, _) = counts[g as usize];
            works as usize >= MIN_WORKS && df >= 2
        })
        .collect();
    // Largest passage count of a longer candidate containing each word,
    // and each word pair of a three-word candidate ("Osama bin" in
    // "Osama bin Laden").
    let mut inside: HashMap<u32, u32> = HashMap::default();
    let mut inside_pair: HashMap<[u32; 2], u32> = HashMap::default();
    for &g in &recurring {
        let key = phrases.keys[g as usize];
        let df = counts[g as usize].0;
        if key[1] != NONE {
            for &word in key.iter().filter(|&&w| w != NONE) {
                let e = inside.entry(word).or_default();
                *e = (*e).max(df);
            }
        }
        if key[2] != NONE {
            for pair in [[key[0], key[1]], [key[1], key[2]]] {
                let e = inside_pair.entry(pair).or_default();
                *e = (*e).max(df);
            }
        }
    }
    let n_in = corpus.coded[c].len() as f32;
    let n_out = (coded_passages as f32 - n_in).max(0.0);
    let mut ranked: Vec<Ranked> = recurring
        .into_iter()
        .filter_map(|g| {
            let key = phrases.keys[g as usize];
            let (df, works, _) = counts[g as usize];
            let enclosing = if key[1] == NONE {
                inside.get(&key[0])
            } else if key[2] == NONE {
                inside_pair.get(&[key[0], key[1]])
            } else {
                None
            };
            let fragment = enclosing.is_some_and(|&d| d as f32 >= SUBSUMED * df as f32);
            // Actors and cut phrases are left out (see `themes`).
            if fragment || is_actor[g as usize] {
                return None;
            }
            let outside = df_all[g as usize].saturating_sub(df) as f32;
            let p_in = df as f32 / n_in;
            let p_out = (outside + 0.5) / (n_out + 1.0);
            let words = key.iter().filter(|&&w| w != NONE).count() as f32;
            let score = p_in * (p_in / p_out).ln() * (1.0 + 0.5 * (words - 1.0));
            (score > 0.0).then_some(Ranked {
                phrase: g,
                score,
                works: works as usize,
                passages: df as usize,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then_with(|| {
            phrases.surface[a.phrase as usize].cmp(&phrases.surface[b.phrase as usize])
        })
    });
    let mut kept: Vec<Ranked> = Vec::new();
    for r in ranked {
        let key = words_of(corpus, &phrases.keys[r.phrase as usize]);
        let overlaps = kept.iter().any(|k| {
            let other = words_of(corpus, &phrases.keys[k.phrase as usize]);
            contains_words(&other, &key) || contains_words(&key, &other)
        });
        if !overlaps {
            kept.push(r);
        }
        if kept.len() == PHRASES_PER_CATEGORY {
            break;
        }
    }
    kept
}

/// The phrase's words in singular ("attacks" → "attack"), so that
/// inflections of a kept phrase count as the same theme.
fn words_of<'c>(corpus: &'c Corpus, key: &[u32; 3]) -> Vec<&'c str> {
    key.iter()
        .filter(|&&w| w != NONE)
        .map(|&w| text::singular(corpus.lexicon.words[w as usize].as_str()))
        .collect()
}

/// `inner` occurs in `outer` as a run of words.
fn contains_words(outer: &[&str], inner: &[&str]) -> bool {
    outer.windows(inner.len()).any(|w| w == inner)
}

fn key_phrase(
    corpus: &Corpus,
    c: usize,
    grams: &[Vec<u32>],
    phrases: &Phrases,
    r: Ranked,
) -> KeyPhrase {
    let surface = &phrases.shown(r.phrase);
    let mut examples = Vec::new();
    let mut last_work = usize::MAX;
    for k in &corpus.coded[c] {
        let w = corpus.passage_work[k.passage];
        if w == last_work || grams[k.passage].binary_search(&r.phrase).is_err() {
            continue;
        }
        last_work = w;
        let quote = corpus.best_sentence(k.passage, std::slice::from_ref(surface));
        examples.push(corpus.passage_ref(k.passage, quote));
        if examples.len() == 3 {
            break;
        }
    }
    KeyPhrase {
        phrase: surface.clone(),
        score: r.score,
        works: r.works,
        passages: r.passages,
        examples,
    }
}

/// Key phrases (any category) as nodes; passages that use two of them as
/// edges. A phrase in several categories is one node, grouped under the
/// first category that ranked it.
fn theme_map(
    corpus: &Corpus,
    grams: &[Vec<u32>],
    phrases: &Phrases,
    kept: &[(u32, usize)],
) -> Network {
    let mut group: HashMap<u32, usize> = HashMap::default();
    for &(g, c) in kept {
        group.entry(g).or_insert(c);
    }
    let mut builder = NetworkBuilder::default();
    for (p, list) in grams.iter().enumerate() {
        if corpus.categories_of[p].is_empty() {
            continue;
        }
        let present: Vec<usize> = list
            .iter()
            .filter(|g| group.contains_key(g))
            .map(|&g| g as usize)
            .collect();
        builder.add_passage(&present);
    }
    builder.build(MIN_EDGE, MAX_EDGES, |g| {
        let shown = phrases.shown(g as u32);
        NodeName {
            id: shown.to_lowercase(),
            label: shown,
            group: group
                .get(&(g as u32))
                .map(|&c| corpus.category_id(c).to_string())
                .unwrap_or_default(),
        }
    })
}
