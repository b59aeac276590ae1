//! Frequent names the codebook does not know: ALL-CAPS acronyms ("NDS"),
//! repeated capitalised multi-word names ("National Directorate of
//! Security") and the states of the world by name ("Niger", "Russian
//! Federation"), proposed as new actors when seen in ≥ 2 works or ≥ 3
//! times in passages coded with a category of the framework: a name met
//! only in courtesies ("I congratulate Abdulla Shahid on his election") is
//! no actor of the review's question.

use crate::corpus::Corpus;
use crate::mentions::ActorMatcher;
use crate::states;
use crate::text;
use crate::types::UnknownActor;
use rustc_hash::FxHashMap as HashMap;
use std::collections::HashSet;

/// At most this many proposals are returned.
const MAX_PROPOSALS: usize = 40;

/// Acronyms that are not actors: numerals, units, formats.
const NOT_ACTORS: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XX", "XXI", "OK", "AM", "PM", "TV", "GDP", "COVID", "USD", "PDF", "HTML", "CEO", "AD", "BC",
    "CE", "FAQ", "ID", "IT", "PS", "NB", "UTC", "GMT", "Q&A", "A", "MW", "KM", "MR", "MRS", "DR",
    "SDG", "SDGS", "COP", // diseases, goals, flows, weapons and treaties: things, not actors
    "HIV", "AIDS", "NCD", "NCDS", "MDG", "MDGS", "ODA", "FDI", "GHG", "ICT", "ICTS", "WMD", "SALW",
    "NPT", "CTBT",
];

/// Titles dropped from the front of a name ("President Joe Biden" →
/// "Joe Biden").
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "general",
    "ambassador",
    "mr",
    "mrs",
    "ms",
    "madam",
    "excellency",
    "his",
    "her",
    "your",
    "deputy",
    "chief",
    "special",
    "representative",
    "senior",
    "vice",
    "chairman",
    "dear",
    "sir",
    "my",
    "our",
    "distinguished",
];

/// Words that describe bodies without naming one: a name made only of these
/// and titles ("Government Of The Republic") is not proposed.
const GENERIC: &[&str] = &[
    "government",
    "republic",
    "state",
    "states",
    "national",
    "leader",
    "leaders",
    "delegates",
    "colleagues",
    "ladies",
    "gentlemen",
    "thank",
    "honourable",
    "honorable",
    "people",
    "country",
    "countries",
    "nation",
    "nations",
    "international",
    "community",
    "world",
];

/// Last words that make a capitalised run the name of a body ("Human
/// Rights Council", "Afghan Security Forces").
const BODIES: &[&str] = &[
    "council",
    "organization",
    "organisation",
    "forces",
    "force",
    "army",
    "network",
    "group",
    "movement",
    "party",
    "front",
    "agency",
    "ministry",
    "bank",
    "fund",
    "union",
    "alliance",
    "office",
    "directorate",
    "committee",
    "commission",
    "house",
    "department",
    "corps",
    "brigade",
    "militia",
    "assembly",
    "parliament",
    "court",
    "programme",
    "program",
    "mission",
    "association",
    "federation",
    "coalition",
    "institute",
    "service",
    "services",
    "police",
    "guard",
    "secretariat",
    "authority",
    "jamaat",
    "lashkar",
    "tehreek",
    "tehrik",
    "taliban",
];

/// Last words that make a capitalised run the name of a place, not of
/// an actor ("Arabian Peninsula", "Hamid Karzai International Airport").
const PLACES: &[&str] = &[
    "peninsula",
    "mountains",
    "mountain",
    "range",
    "valley",
    "river",
    "sea",
    "ocean",
    "gulf",
    "desert",
    "basin",
    "plateau",
    "strait",
    "straits",
    "island",
    "islands",
    "lake",
    "province",
    "district",
    "city",
    "airport",
    "pass",
    "corridor",
    "highway",
    "square",
];

/// Last words that make a capitalised run the name of a world region.
const REGIONS: &[&str] = &[
    "africa",
    "america",
    "americas",
    "asia",
    "caribbean",
    "caucasus",
    "east",
    "europe",
    "balkans",
    "maghreb",
    "pacific",
    "sahel",
];

/// Cities and landforms whose names are two words or more and end in no
/// place word, which the capitalised-name heuristics would take for
/// bodies or people (one-word names are never proposed).
const CITIES: &[&str] = &[
    "abu dhabi",
    "addis ababa",
    "al-quds al-sharif",
    "bandar seri begawan",
    "buenos aires",
    "cape town",
    "dar es salaam",
    "dera ghazi khan",
    "dera ismail khan",
    "hindu kush",
    "kuala lumpur",
    "la paz",
    "los angeles",
    "mazar-i-sharif",
    "mazar-e-sharif",
    "new delhi",
    "new york",
    "nur-sultan",
    "phnom penh",
    "port louis",
    "port moresby",
    "port of spain",
    "port-au-prince",
    "rio de janeiro",
    "san francisco",
    "san salvador",
    "santo domingo",
    "sharm el-sheikh",
    "tel aviv",
    "tian shan",
    "tora bora",
];

struct Tally {
    form: &'static str,
    /// The spellings seen ("António Guterres", "Antonio Guterres") and how
    /// often: one name, shown as written most.
    spellings: Vec<(String, usize)>,
    mentions: usize,
    /// The works it is met in. Passages come ordered by work, so a new
    /// work shows as a change of the last one.
    works: Vec<usize>,
    /// (passage, sentence) of the first mention in each of the first works.
    examples: Vec<(usize, usize)>,
}

pub fn propose(corpus: &Corpus) -> Vec<UnknownActor> {
    let judge = Judge::new(corpus);
    // Count every candidate first and judge each distinct name once.
    let mut tally: HashMap<String, Tally> = HashMap::default();
    for p in 0..corpus.passages.len() {
        // A note names the sources it cites, not actors of the question.
        if corpus.categories_of[p].is_empty() || corpus.passages[p].is_note() {
            continue;
        }
        let work = corpus.passage_work[p];
        for s in 0..corpus.sentences[p].len() {
            let sentence = corpus.sentence(p, s);
            let mut found = candidates(sentence);
            found.extend(states_named(&judge.states, &judge.state_matcher, sentence));
            for (name, form) in found {
                // Folded for accents and case; most names are ASCII, where
                // folding is lower-casing.
                let mut key = if name.is_ascii() {
                    name.to_ascii_lowercase()
                } else {
                    quire_model::normalize::fold(&name)
                };
                // "Crimean Tatars" and "Crimean Tatar" are one people.
                if form == "proper name" {
                    key = singular_name(key);
                }
                // "Burkina Faso" is also read as a proper name, which the
                // judge turns down: the state is tallied apart.
                if form == STATE {
                    key.insert_str(0, "state:");
                }
                let t = tally.entry(key).or_insert(Tally {
                    form,
                    spellings: Vec::new(),
                    mentions: 0,
                    works: Vec::new(),
                    examples: Vec::new(),
                });
                t.mentions += 1;
                match t.spellings.iter_mut().find(|(n, _)| *n == name) {
                    Some(spelling) => spelling.1 += 1,
                    None => t.spellings.push((name, 1)),
                }
                if t.works.last() != Some(&work) {
                    t.works.push(work);
                    if t.examples.len() < 3 {
                        t.examples.push((p, s));
                    }
                }
            }
        }
    }
    let (joined, tally): (Vec<_>, Vec<_>) = tally.into_values().partition(|t| t.form == JOINED);
    let joined: Vec<(String, usize)> = joined.into_iter().flat_map(|t| t.spellings).collect();
    // How often each name is met on its own, by its folded key.
    let mentions_of: HashMap<String, usize> = tally
        .iter()
        .flat_map(|t| t.spellings.iter())
        .map(|(name, n)| (quire_model::normalize::fold(name), *n))
        .collect();
    let alone = |name: &str| {
        mentions_of
            .get(&quire_model::normalize::fold(name))
            .copied()
            .unwrap_or(0)
    };
    let proposals: Vec<(UnknownActor, Vec<usize>)> = tally
        .into_iter()
        .map(|t| {
            let name = t
                .spellings
                .iter()
                .rev() // max_by_key keeps the last of equals: the first seen
                .max_by_key(|(_, n)| *n)
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            (name, t)
        })
        .filter(|(name, t)| {
            (t.works.len() >= 2 || t.mentions >= 3) && judge.is_new_actor(name, t.form)
        })
        .map(|(name, t)| {
            let proposal = UnknownActor {
                name: match t.form {
                    "proper name" => {
                        joined_name(&name, t.mentions, &joined, &judge.matcher, &alone)
                            .map_or(name, str::to_string)
                    }
                    _ => name,
                },
                form: t.form.to_string(),
                mentions: t.mentions,
                works: t.works.len(),
                examples: t
                    .examples
                    .iter()
                    .map(|&(p, s)| corpus.passage_ref(p, corpus.sentence(p, s)))
                    .collect(),
            };
            (proposal, t.works)
        })
        .collect();
    let mut out = with_acronyms_merged(proposals);
    out.sort_by(|a, b| (b.works, b.mentions, &a.name).cmp(&(a.works, a.mentions, &b.name)));
    // Two pieces of one name read across "and" are one proposal.
    let mut named = HashSet::new();
    out.retain(|a| named.insert(a.name.clone()));
    out.truncate(MAX_PROPOSALS);
    out
}

/// An acronym of three letters or more and the name it abbreviates
/// ("DAB", "Da Afghanistan Bank") are one proposal, "Da Afghanistan Bank
/// (DAB)", met in the works of either.
fn with_acronyms_merged(mut proposals: Vec<(UnknownActor, Vec<usize>)>) -> Vec<UnknownActor> {
    let mut i = 0;
    while i < proposals.len() {
        // Two letters fit too many names: "SC" is the Security Council,
        // not the "Social Council" of "Economic and Social Council".
        let acronym = &proposals[i].0;
        let expansion = (acronym.form == "acronym" && acronym.name.chars().count() >= 3)
            .then(|| {
                let acronym = &proposals[i].0.name;
                proposals.iter().position(|(p, _)| {
                    p.form == "proper name" && initials(&p.name).eq_ignore_ascii_case(acronym)
                })
            })
            .flatten();
        let Some(at) = expansion else {
            i += 1;
            continue;
        };
        let (acronym, acronym_works) = proposals.remove(i);
        let at = if at > i { at - 1 } else { at };
        let (name, works) = &mut proposals[at];
        name.name = format!("{} ({})", name.name, acronym.name);
        name.mentions += acronym.mentions;
        works.extend(acronym_works);
        works.sort_unstable();
        works.dedup();
        name.works = works.len();
        for example in acronym.examples {
            let new_work = name.examples.iter().all(|e| e.work_id != example.work_id);
            if name.examples.len() < 3 && new_work {
                name.examples.push(example);
            }
        }
        // The row now at `i` has not been looked at: no step forward.
    }
    proposals.into_iter().map(|(p, _)| p).collect()
}

/// The capitals of a name's words, joining words skipped: "Afghanistan
/// Reconstruction Trust Fund" → "ARTF", "Da Afghanistan Bank" → "DAB".
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// A folded name with its last word in singular ("crimean tatars" →
/// "crimean tatar").
fn singular_name(key: String) -> String {
    let (head, last) = key.rsplit_once(' ').unwrap_or(("", &key));
    let last = text::singular(last);
    if head.is_empty() {
        last.to_string()
    } else {
        format!("{head} {last}")
    }
}

/// Decides whether a frequent candidate is a new actor for the codebook.
struct Judge<'c, 'a> {
    corpus: &'c Corpus<'a>,
    matcher: ActorMatcher,
    /// Key terms of the categories, lower case: concepts, not actors.
    terms: HashSet<String>,
    lower: Vec<bool>,
    /// The states of the world, and which of them the codebook has under
    /// some name ("Islamic Republic of Iran" is Iran).
    states: Vec<quire_model::Actor>,
    state_matcher: ActorMatcher,
    known_states: HashSet<usize>,
}

impl<'c, 'a> Judge<'c, 'a> {
    fn new(corpus: &'c Corpus<'a>) -> Self {
        let states = states::world();
        let state_matcher = ActorMatcher::new(&states);
        let known_states = corpus
            .protocol
            .actors
            .iter()
            .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
            .filter(|name| only_known_actors(&state_matcher, name))
            .flat_map(|name| state_matcher.find(name))
            .map(|m| m.actor)
            .collect();
        Judge {
            corpus,
            matcher: ActorMatcher::new(&corpus.protocol.actors),
            terms: corpus
                .protocol
                .categories
                .iter()
                .flat_map(|c| c.terms.iter().map(|t| t.to_lowercase()))
                .collect(),
            lower: seen_in_lower_case(corpus),
            states,
            state_matcher,
            known_states,
        }
    }

    fn is_new_actor(&self, name: &str, form: &str) -> bool {
        if form == STATE {
            return self
                .states
                .iter()
                .position(|s| s.name == name)
                .is_some_and(|i| !self.known_states.contains(&i));
        }
        if self.matcher.is_known(name)
            || self.matcher.opens_known(name)
            || self.terms.contains(&name.to_lowercase())
            // A state's name or formal name is counted as the state.
            || only_known_actors(&self.state_matcher, name)
        {
            return false;
        }
        if form == "acronym" {
            return !is_word_in_capitals(self.corpus, &self.lower, name);
        }
        !only_known_actors(&self.matcher, name) && names_someone(self.corpus, &self.lower, name)
    }
}

/// The states a sentence names, by their short names: capitalised, and
/// not the name of a place ("Gulf of Guinea", "Lake Chad", "Niger
/// River"). A sentence that names more than two states lists them
/// ("in Syria, Yemen, Libya and Iraq"): it discusses none of them, and
/// is not counted.
fn states_named(
    states: &[quire_model::Actor],
    matcher: &ActorMatcher,
    sentence: &str,
) -> Vec<(String, &'static str)> {
    let mut found: Vec<usize> = matcher
        .find(sentence)
        .into_iter()
        .filter(|m| sentence[m.start..].starts_with(char::is_uppercase))
        .filter(|m| !is_place_name(&sentence[..m.start], &sentence[m.end..]))
        .map(|m| m.actor)
        .collect();
    let mut distinct = found.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > MAX_STATES_DISCUSSED {
        found.clear();
    }
    found
        .into_iter()
        .map(|s| (states[s].name.clone(), STATE))
        .collect()
}

/// The form of a state found by name.
const STATE: &str = "state";

/// The most states a sentence may name and still be about them.
const MAX_STATES_DISCUSSED: usize = 2;

/// Whether the words around a state's name make it part of a place's
/// name: a place word just before ("Lake Chad", "Gulf of Guinea") or
/// just after it ("Niger River", "Chad Basin").
fn is_place_name(before: &str, after: &str) -> bool {
    let mut words_before = before
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .filter(|w| !w.is_empty())
        .skip_while(|w| matches!(*w, "of" | "the"));
    let word_after = after
        .trim_start_matches(['s', '\'', '’'])
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    let is_place = |w: &str| PLACES.contains(&w.to_lowercase().as_str());
    words_before.next().is_some_and(is_place) || word_after.is_some_and(is_place)
}

/// Acronyms and multi-word capitalised names in one sentence.
fn candidates(sentence: &str) -> Vec<(String, &'static str)> {
    let spans = text::words(sentence);
    let tokens: Vec<&str> = spans.iter().map(|&(s, e)| &sentence[s..e]).collect();
    let caps = tokens.iter().filter(|t| is_acronym(t)).count();
    if caps * 2 > tokens.len() && tokens.len() > 2 {
        return Vec::new(); // a shouted heading, not prose
    }
    let mut out: Vec<(String, &'static str)> = tokens
        .iter()
        .filter(|t| is_acronym(t) && !is_common_acronym(t))
        .map(|t| (t.to_string(), "acronym"))
        .collect();
    // A name does not run across punctuation: "Later, António Guterres".
    let breaks: Vec<bool> = (0..spans.len())
        .map(|i| {
            i > 0
                && sentence[spans[i - 1].1..spans[i].0]
                    .contains([',', ';', ':', '.', '(', ')', '"', '“', '”', '—', '–'])
        })
        .collect();
    out.extend(
        proper_names(&tokens, &breaks, false)
            .into_iter()
            .map(|n| (n, "proper name")),
    );
    // Names read across "and" ("Economic and Social Council"): not
    // proposed themselves, but they name the proposals cut from them.
    out.extend(
        proper_names(&tokens, &breaks, true)
            .into_iter()
            .filter(|n| n.contains(" and "))
            .map(|n| (n, JOINED)),
    );
    out
}

/// The form of a name read across "and".
const JOINED: &str = "joined";

/// A share of a proposal's mentions inside one name read across "and"
/// above which the proposal is cut from it ("Social Council" of "Economic
/// and Social Council", "Saint Vincent" of "Saint Vincent and the
/// Grenadines"), and is proposed under that name.
const CUT_FROM_JOINED: f32 = 0.8;

/// The name read across "and" that `name` is nearly always part of, unless
/// the other side of the "and" is a known actor ("Kabul Bank and
/// Pakistan" is two) or a name met on its own more often than in the
/// pair ("International Monetary Fund and the World Bank": the World Bank
/// is named alone too).
fn joined_name<'t>(
    name: &str,
    mentions: usize,
    joined: &'t [(String, usize)],
    matcher: &ActorMatcher,
    alone: &dyn Fn(&str) -> usize,
) -> Option<&'t str> {
    let pairs: Vec<&'t (String, usize)> = joined
        .iter()
        .filter(|(full, n)| {
            let padded = format!(" {full} ");
            [
                format!(" {name} and "),
                format!(" and {name} "),
                format!(" and the {name} "),
            ]
            .iter()
            .any(|part| {
                let other = padded.replacen(part.as_str(), " ", 1);
                let other = other.trim();
                let other = other.strip_prefix("the ").unwrap_or(other);
                padded.contains(part.as_str()) && !matcher.is_known(other) && alone(other) <= *n
            })
        })
        .collect();
    // Spellings differ ("Defense and Security Forces", "Defence and
    // Security Forces"): the share is counted over all of them, and the
    // name shown is the one written most.
    let inside: usize = pairs.iter().map(|(_, n)| n).sum();
    let (full, _) = pairs
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    (inside as f32 >= CUT_FROM_JOINED * mentions as f32).then_some(full.as_str())
}

/// Numerals, units, "COVID-19", and English words in capitals ("THE").
fn is_common_acronym(token: &str) -> bool {
    let stem = token.split('-').next().unwrap_or(token);
    NOT_ACTORS.contains(&stem) || text::is_stopword(&token.to_lowercase())
}

/// 2–8 capital letters, optionally with digits or hyphens ("NDS", "TAPI",
/// "CASA-1000"); the letters must all be capitals.
fn is_acronym(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && token.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && token
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// Runs of ≥ 2 capitalised words, with "of", "for", "the" allowed
/// inside ("National Directorate of Security"); the sentence's first word
/// and leading titles are dropped.
fn proper_names(tokens: &[&str], breaks: &[bool], with_and: bool) -> Vec<String> {
    const NAME_JOINERS: &[&str] = &["of", "for", "the", "al", "de", "ul"];
    const JOINERS_AND: &[&str] = &["of", "for", "the", "al", "de", "ul", "and"];
    let joiners = if with_and { JOINERS_AND } else { NAME_JOINERS };
    // "I've" and other contractions are no part of a name.
    let capitalised = |t: &str| {
        t.chars().next().is_some_and(char::is_uppercase)
            && t.chars().any(char::is_lowercase)
            && !t.contains(['\'', '’'])
    };
    let mut names = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        while run.last().is_some_and(|t| joiners.contains(t)) {
            run.pop();
        }
        let lower = |t: &&str| t.to_lowercase();
        // "Secretary-General" is two titles.
        let is_title = |t: &&str| lower(t).split('-').all(|part| TITLES.contains(&part));
        let start = run
            .iter()
            .position(|t| !is_title(t) && !text::is_stopword(&lower(t)))
            .unwrap_or(run.len());
        let name = &run[start..];
        let generic = name.iter().all(|t| {
            let l = lower(t);
            joiners.contains(&l.as_str())
                || GENERIC.contains(&l.as_str())
                || TITLES.contains(&l.as_str())
        });
        if !generic && name.iter().filter(|t| capitalised(t)).count() >= 2 {
            names.push(name.join(" "));
        }
        run.clear();
    };
    for (i, &t) in tokens.iter().enumerate() {
        if breaks.get(i).copied().unwrap_or(false) {
            flush(&mut run);
        }
        let whole = t;
        let t = text::strip_possessive(t);
        // A possessive ends its name: "India's Muslims" are no "India
        // Muslims", "Pakistan's Inter-Services Intelligence" is the last two.
        let possessive = t.len() < whole.len();
        let first_of_sentence = i == 0;
        // A capitalised word opening the sentence counts unless it is a
        // stop word ("The", "In"); joiners ("of", "for") only inside a name.
        let name_word =
            capitalised(t) && (!first_of_sentence || !text::is_stopword(&t.to_lowercase()));
        if name_word || !run.is_empty() && joiners.contains(&t) {
            run.push(t);
            if possessive {
                flush(&mut run);
            }
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    names
}

/// Per lexicon word: whether the corpus ever writes it in lower case
/// (then, capitalised, it is an ordinary word opening a heading or title).
fn seen_in_lower_case(corpus: &Corpus) -> Vec<bool> {
    let mut lower = vec![false; corpus.lexicon.len()];
    for (p, tokens) in corpus.tokens.iter().enumerate() {
        let text = &corpus.passages[p].text;
        for t in &tokens.tokens {
            if text[t.start as usize..].starts_with(|c: char| c.is_lowercase()) {
                lower[t.id as usize] = true;
            }
        }
    }
    lower
}

/// "OFFICIAL" in a shouted heading is the word "official", not an acronym.
fn is_word_in_capitals(corpus: &Corpus, lower: &[bool], token: &str) -> bool {
    corpus
        .lexicon
        .get(token)
        .is_some_and(|id| lower[id as usize])
}

/// A capitalised run names a body or a person, not a concept: it ends in
/// a word like "Council" or "Forces", or none of its words is ever written
/// in lower case ("Volkan Bozkir" but not "Climate Change").
fn names_someone(corpus: &Corpus, lower: &[bool], name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if BODIES.contains(&last.as_str()) {
        return true;
    }
    // "Latin America", "Horn of Africa", "Islamic Maghreb": regions,
    // unless a body is named after one ("Bank of Central Africa").
    let has_body = words
        .iter()
        .any(|w| BODIES.contains(&w.to_lowercase().as_str()));
    if REGIONS.contains(&last.as_str()) && !has_body {
        return false;
    }
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    // "Lake Chad", "Gulf of Guinea", "Addis Ababa": places.
    let place_first =
        PLACES.contains(&first.as_str()) && (words.len() == 2 || words.get(1) == Some(&"of"));
    if PLACES.contains(&last.as_str())
        || place_first
        || CITIES.contains(&name.to_lowercase().as_str())
    {
        return false;
    }
    words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .all(|w| corpus.lexicon.get(w).is_none_or(|id| !lower[id as usize]))
}

/// The name is nothing but known actors and joining words ("Pakistan and
/// Afghanistan").
fn only_known_actors(matcher: &ActorMatcher, name: &str) -> bool {
    // The words of a state's formal name: "Islamic Republic of Pakistan"
    // is Pakistan.
    const STATE_FORM: &[&str] = &[
        "republic",
        "islamic",
        "democratic",
        "people's",
        "peoples",
        "kingdom",
        "federal",
        "federation",
        "emirate",
        "government",
    ];
    let found = matcher.find(name);
    if found.is_empty() {
        return false;
    }
    let mut rest = name.to_string();
    for m in found.iter().rev() {
        rest.replace_range(m.start..m.end, " ");
    }
    text::content_terms(&rest)
        .iter()
        .all(|t| STATE_FORM.contains(&t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_names_in_a_sentence() {
        let found = candidates(
            "Officials of the NDS met the National Directorate of Security and President Joe Biden in 2021.",
        );
        let names: Vec<&str> = found
            .iter()
            .filter(|(_, form)| *form != JOINED)
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            names,
            vec!["NDS", "National Directorate of Security", "Joe Biden"]
        );
        let names = |s: &str| -> Vec<String> {
            candidates(s)
                .into_iter()
                .filter(|(_, form)| *form == "proper name")
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(
            names("We stand by India’s Muslims and Pakistan's Inter Services Intelligence."),
            ["Inter Services Intelligence"]
        );
        assert!(candidates("THE STATEMENT OF THE DAY").is_empty());
        assert!(candidates("The Prime Minister spoke on IV").is_empty());
        assert!(candidates("Funds for HIV and AIDS, ODA and the NPT.").is_empty());
    }

    #[test]
    fn an_acronym_joins_the_name_it_abbreviates() {
        let row = |name: &str, form: &str, mentions: usize, works: &[usize]| {
            let proposal = UnknownActor {
                name: name.into(),
                form: form.into(),
                mentions,
                works: works.len(),
                examples: Vec::new(),
            };
            (proposal, works.to_vec())
        };
        let merged = with_acronyms_merged(vec![
            row("DAB", "acronym", 7, &[1, 2]),
            row("NATO", "acronym", 12, &[1, 3, 4]),
            row("Da Afghanistan Bank", "proper name", 2, &[2, 5]),
            row(
                "Afghanistan Reconstruction Trust Fund",
                "proper name",
                2,
                &[1],
            ),
            row("ARTF", "acronym", 3, &[1, 2]),
            row("SC", "acronym", 5, &[6]),
            row("Social Council", "proper name", 4, &[7]),
        ]);
        let rows: Vec<(&str, usize, usize)> = merged
            .iter()
            .map(|p| (p.name.as_str(), p.mentions, p.works))
            .collect();
        assert_eq!(
            rows,
            [
                ("NATO", 12, 3),
                ("Da Afghanistan Bank (DAB)", 9, 3),
                ("Afghanistan Reconstruction Trust Fund (ARTF)", 5, 2),
                ("SC", 5, 1),
                ("Social Council", 4, 1),
            ]
        );
        assert_eq!(
            initials("Organisation for Security and Co-operation in Europe"),
            "OSCE"
        );
    }

    #[test]
    fn states_are_found_by_name_but_not_in_lists_or_places() {
        let states = states::world();
        let matcher = ActorMatcher::new(&states);
        let named = |s: &str| -> Vec<String> {
            states_named(&states, &matcher, s)
                .into_iter()
                .map(|(n, form)| {
                    assert_eq!(form, STATE);
                    n
                })
                .collect()
        };
        assert_eq!(
            named("Niger and the Republic of Chad fought Boko Haram in Mali's north."),
            Vec::<String>::new(),
            "three states, one in a possessive"
        );
        assert_eq!(
            named("Niger and Chad fought Boko Haram."),
            ["Niger", "Chad"]
        );
        assert_eq!(
            named("The Russian Federation and Turkey met in Viet Nam."),
            Vec::<String>::new(),
            "three states listed"
        );
        assert_eq!(
            named("The Russian Federation met Turkey."),
            ["Russia", "Türkiye"]
        );
        assert!(named("Piracy in the Gulf of Guinea and around Lake Chad grew.").is_empty());
        assert!(named("The Niger River floods; the Chad Basin dries.").is_empty());
        assert!(named("A hanging chad and a turkey dinner.").is_empty());
        assert_eq!(named("South Sudan left Sudan."), ["South Sudan", "Sudan"]);
    }

    #[test]
    fn a_states_formal_name_is_the_state() {
        let actors = [quire_model::Actor {
            id: "pakistan".into(),
            name: "Pakistan".into(),
            ..Default::default()
        }];
        let matcher = ActorMatcher::new(&actors);
        assert!(only_known_actors(&matcher, "Islamic Republic of Pakistan"));
        assert!(!only_known_actors(&matcher, "Pakistan Muslim League"));
        assert!(!only_known_actors(&matcher, "Republic of Tajikistan"));
    }
}
