//! Token features for the reference-string CRF.
//!
//! Each token is described by its own form (lowercased word, shape, affixes),
//! by what it looks like to a bibliographer (a year, a page range, a DOI, an
//! initial, "eds.", "pp."), by word lists (names, journal words, publishers,
//! places), by where it sits (relative position, how many sentence-ending
//! full stops precede it, whether a year has been seen, inside brackets) and
//! by its neighbours two tokens either side. The same function serves
//! training and tagging, so the two can never drift apart.

use crfs::Attribute;

use crate::lexicon::Lexicons;
use crate::tokenize::Token;

/// The per-token facts that neighbours also look at.
struct Base {
    word: String,
    shape: String,
    lex: Vec<&'static str>,
    flags: Vec<&'static str>,
}

/// Features of every token of one reference string.
pub fn features(tokens: &[Token<'_>], lexicons: &Lexicons) -> Vec<Vec<Attribute>> {
    let bases: Vec<Base> = tokens.iter().map(|t| base(t.text, lexicons)).collect();
    let context = Context::of(tokens, &bases);
    let n = tokens.len();
    (0..n)
        .map(|i| token_features(i, tokens, &bases, &context))
        .collect()
}

fn token_features(i: usize, tokens: &[Token<'_>], bases: &[Base], ctx: &Context) -> Vec<Attribute> {
    let n = tokens.len();
    let b = &bases[i];
    let mut f: Vec<Attribute> = Vec::with_capacity(48);
    let mut add = |name: String| f.push(Attribute::new(name, 1.0));
    add("bias".into());
    add(format!("w={}", b.word));
    add(format!("sh={}", b.shape));
    let chars: Vec<char> = b.word.chars().collect();
    for k in [1usize, 2, 3] {
        if chars.len() > k {
            add(format!("p{k}={}", chars[..k].iter().collect::<String>()));
            add(format!(
                "s{k}={}",
                chars[chars.len() - k..].iter().collect::<String>()
            ));
        }
    }
    for flag in &b.flags {
        add(format!("f={flag}"));
    }
    for lex in &b.lex {
        add(format!("lex={lex}"));
    }
    if tokens[i].space_before {
        add("sp".into());
    }
    add(format!("pos={}", i * 10 / n.max(1)));
    add(format!("seg={}", ctx.segment[i].min(6)));
    add(format!("yr={}", ctx.after_year[i]));
    add(format!("par={}", ctx.depth[i].min(2)));
    if i == 0 {
        add("BOS".into());
    }
    if i + 1 == n {
        add("EOS".into());
    }
    for d in [-2isize, -1, 1, 2] {
        let j = i as isize + d;
        if j < 0 || j >= n as isize {
            add(format!("w[{d}]=#"));
            continue;
        }
        let nb = &bases[j as usize];
        add(format!("w[{d}]={}", nb.word));
        add(format!("sh[{d}]={}", nb.shape));
        if d.abs() == 1 {
            for lex in &nb.lex {
                add(format!("lex[{d}]={lex}"));
            }
            for flag in &nb.flags {
                add(format!("f[{d}]={flag}"));
            }
        }
    }
    if i > 0 {
        add(format!("w[-1]|w={}|{}", bases[i - 1].word, b.word));
    }
    if i + 1 < n {
        add(format!("w|w[1]={}|{}", b.word, bases[i + 1].word));
    }
    f
}

/// Facts that depend on what came before a token.
struct Context {
    /// Sentence-ending full stops before the token: authors, title,
    /// container ... are separated by them in most styles.
    segment: Vec<usize>,
    after_year: Vec<bool>,
    depth: Vec<usize>,
}

impl Context {
    fn of(tokens: &[Token<'_>], bases: &[Base]) -> Context {
        let n = tokens.len();
        let mut ctx = Context {
            segment: Vec::with_capacity(n),
            after_year: Vec::with_capacity(n),
            depth: Vec::with_capacity(n),
        };
        let (mut seg, mut year, mut depth) = (0usize, false, 0usize);
        for (i, t) in tokens.iter().enumerate() {
            ctx.segment.push(seg);
            ctx.after_year.push(year);
            if t.text.starts_with(['(', '[']) {
                depth += 1;
            }
            ctx.depth.push(depth);
            if t.text.starts_with([')', ']']) {
                depth = depth.saturating_sub(1);
            }
            if bases[i].flags.contains(&"year") {
                year = true;
            }
            if ends_sentence(tokens, i) {
                seg += 1;
            }
        }
        ctx
    }
}

/// A full stop that closes a part of the reference, not an initial or an
/// abbreviation: a punctuation token holding "." after a word longer than
/// two letters, or after a closing bracket.
fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    let t = tokens[i].text;
    if !(t.contains('.') && t.chars().all(|c| !c.is_alphanumeric())) {
        return false;
    }
    match i.checked_sub(1).map(|j| tokens[j].text) {
        Some(prev) => prev.chars().count() > 2 || prev.ends_with([')', ']']),
        None => false,
    }
}

fn base(text: &str, lexicons: &Lexicons) -> Base {
    let word = text.to_lowercase();
    let core: &str = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lex = if core.is_empty() {
        Vec::new()
    } else {
        lexicons.kinds_of(core).map(|k| k.name()).collect()
    };
    Base {
        shape: shape(text),
        flags: flags(text, core),
        lex,
        word,
    }
}

/// Character classes with runs collapsed: "Smith," → "Xx,", "1974" → "d".
pub fn shape(text: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in text.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphanumeric() {
            'a'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
    out
}

const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn flags(text: &str, core: &str) -> Vec<&'static str> {
    let mut f = Vec::new();
    let digits = core.chars().filter(char::is_ascii_digit).count();
    if is_year(core) {
        f.push("year");
    }
    if digits > 0 && core.contains(['-', '\u{2013}', '\u{2014}']) && !core.contains('/') {
        f.push("range");
    }
    if digits > 0 && digits == core.chars().count() {
        f.push(match digits {
            1 | 2 => "num12",
            3 => "num3",
            4 => "num4",
            _ => "num5+",
        });
    }
    let lower_text = text.to_lowercase();
    if lower_text.contains("10.") && lower_text.contains('/') || lower_text.starts_with("doi") {
        f.push("doi");
    }
    if lower_text.starts_with("http") || lower_text.starts_with("www.") {
        f.push("url");
    }
    let mut chars = text.chars();
    if let (Some(c), rest) = (chars.next(), chars.as_str()) {
        if c.is_uppercase() && (rest.is_empty() || rest == ".") {
            f.push("initial");
        }
        if c.is_uppercase() && rest.chars().any(char::is_lowercase) {
            f.push("cap");
        }
    }
    if core.chars().count() > 1 && core.chars().all(|c| !c.is_lowercase()) && digits == 0 {
        f.push("caps");
    }
    if core.is_empty() {
        f.push("punct");
    }
    match core {
        "ed" | "eds" | "editor" | "editors" | "edited" | "hrsg" | "hg" => f.push("editor"),
        "pp" | "p" | "pages" | "page" | "s" => f.push("pp"),
        "vol" | "volume" | "vols" | "bd" => f.push("vol"),
        "no" | "nr" | "issue" | "num" => f.push("no"),
        "in" => f.push("in"),
        "and" | "und" | "et" | "&" => f.push("and"),
        "al" => f.push("al"),
        "press" | "university" | "publishers" | "publishing" | "verlag" | "books" => {
            f.push("pubword")
        }
        "proceedings" | "proc" | "conference" | "symposium" | "workshop" => f.push("procword"),
        "journal" | "review" | "quarterly" | "studies" | "bulletin" | "transactions" => {
            f.push("jword")
        }
        "retrieved" | "accessed" | "available" | "online" => f.push("access"),
        "report" | "thesis" | "dissertation" | "paper" | "tech" | "technical" => {
            f.push("genreword")
        }
        "edn" | "edition" => f.push("edition"),
        "n.d" | "nd" | "press." => f.push("nodate"),
        _ => {}
    }
    if MONTHS.contains(&core) {
        f.push("month");
    }
    if core.ends_with("st") || core.ends_with("nd") || core.ends_with("rd") || core.ends_with("th")
    {
        if core.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            f.push("ordinal");
        }
    }
    f
}

/// A plausible publication year, optionally with a disambiguating letter:
/// "1974", "2023a".
pub fn is_year(core: &str) -> bool {
    let b = core.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 || b.len() > 5 || (b.len() == 5 && !b[4].is_ascii_lowercase()) {
        return false;
    }
    matches!(&core[..2], "15" | "16" | "17" | "18" | "19" | "20")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn shapes_and_years() {
        assert_eq!(shape("Smith,"), "Xx,");
        assert_eq!(shape("1974"), "d");
        assert!(is_year("2023a"));
        assert!(!is_year("1234"));
        assert!(!is_year("20234"));
    }

    #[test]
    fn segments_count_sentence_stops_not_initials() {
        let toks = tokenize("Akaike, H. (1974). A new look. IEEE");
        let lex = Lexicons::default();
        let f = features(&toks, &lex);
        let seg_of = |i: usize| {
            f[i].iter()
                .find(|a| a.name.starts_with("seg="))
                .map(|a| a.name.clone())
        };
        // "IEEE" is after "(1974)." and "look." : two stops.
        assert_eq!(seg_of(toks.len() - 1).as_deref(), Some("seg=2"));
        assert_eq!(seg_of(2).as_deref(), Some("seg=0"));
    }
}

/// True when `text` holds a publication year anywhere.
pub fn contains_year(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| is_year(w))
}
