//! Token features for the reference-string CRF.
//!
//! Each token is described by its own form (lowercased word, shape, affixes,
//! length), by what it looks like to a bibliographer (a year, a page-range
//! number, a DOI, an initial, "eds", "pp", "vol", "in", an ordinal or a
//! month), by word lists (names, journal words, publishers, places), by
//! where it sits (relative position, how many sentence-ending full stops
//! precede it, whether a year or an "In" has been seen, inside brackets or
//! quotes), by whether it is glued to its neighbours, by the punctuation
//! between it and the neighbouring words, and by its neighbours two tokens
//! either side. The same function serves training and tagging, so the two
//! can never drift apart.
//!
//! Features are produced into a [`FeatureSink`]: training collects them as
//! CRFsuite attributes, tagging looks each name up in the model as it is
//! built. Names are assembled in one reused buffer, so tagging allocates
//! nothing per feature.

use crfs::Attribute;

use crate::lexicon::Lexicons;
use crate::tokenize::{is_emphasis, Token};

/// Receives the features of a reference, token by token.
pub trait FeatureSink {
    /// The features that follow belong to token `i`.
    fn start_token(&mut self, i: usize);
    /// One binary feature of the current token.
    fn add(&mut self, name: &str);
}

/// Collects features as CRFsuite attributes (for training).
#[derive(Default)]
struct Collect(Vec<Vec<Attribute>>);

impl FeatureSink for Collect {
    fn start_token(&mut self, _i: usize) {
        self.0.push(Vec::with_capacity(64));
    }
    fn add(&mut self, name: &str) {
        if let Some(last) = self.0.last_mut() {
            last.push(Attribute::new(name, 1.0));
        }
    }
}

/// Features of every token of one reference string, as CRFsuite attributes.
pub fn features(tokens: &[Token<'_>], lexicons: &Lexicons) -> Vec<Vec<Attribute>> {
    let mut sink = Collect::default();
    features_into(tokens, lexicons, &mut sink);
    sink.0
}

/// Produce the features of every token into `sink`.
pub fn features_into(tokens: &[Token<'_>], lexicons: &Lexicons, sink: &mut dyn FeatureSink) {
    let infos = Infos::of(tokens, lexicons);
    let ctx = Context::of(tokens, &infos);
    let mut out = Emit {
        buf: String::with_capacity(64),
        sink,
    };
    for i in 0..tokens.len() {
        out.sink.start_token(i);
        token_features(i, &infos, &ctx, &mut out);
    }
}

/// Builds feature names from parts in one buffer and hands them on.
struct Emit<'s> {
    buf: String,
    sink: &'s mut dyn FeatureSink,
}

impl Emit<'_> {
    fn add(&mut self, parts: &[&str]) {
        self.buf.clear();
        for p in parts {
            self.buf.push_str(p);
        }
        self.sink.add(&self.buf);
    }
}

const NEIGHBOURS: [(isize, &str, &str); 4] = [
    (-2, "w[-2]=", "sh[-2]="),
    (-1, "w[-1]=", "sh[-1]="),
    (1, "w[1]=", "sh[1]="),
    (2, "w[2]=", "sh[2]="),
];

const DIGITS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

fn token_features(i: usize, infos: &Infos, ctx: &Context, out: &mut Emit<'_>) {
    let n = infos.len();
    let word = infos.word(i);
    let shape = infos.shape(i);
    let flags = infos.flags[i];
    out.add(&["bias"]);
    out.add(&["w=", word]);
    out.add(&["sh=", shape]);
    out.add(&["ch=", infos.chunk_shape(i)]);
    if infos.kind[i] != Kind::Punct {
        affixes(word, out);
        out.add(&["len=", length_bucket(word)]);
    }
    for (bit, name) in FLAG_NAMES.iter().enumerate() {
        if flags & (1 << bit) != 0 {
            out.add(&["f=", name]);
        }
    }
    for (bit, name) in LEX_NAMES.iter().enumerate() {
        if infos.lex[i] & (1 << bit) != 0 {
            out.add(&["lex=", name]);
        }
    }
    let space_after = i + 1 == n || infos.space_before[i + 1];
    out.add(&[
        "g=",
        if infos.space_before[i] { "1" } else { "0" },
        if space_after { "1" } else { "0" },
    ]);
    out.add(&["pos=", DIGITS[i * 10 / n.max(1)]]);
    out.add(&["wi=", DIGITS[ctx.word_index[i].min(8)]]);
    out.add(&["seg=", DIGITS[ctx.segment[i].min(6)]]);
    out.add(&["yr=", if ctx.after_year[i] { "1" } else { "0" }]);
    out.add(&["par=", DIGITS[ctx.depth[i].min(2)]]);
    if ctx.in_quotes[i] {
        out.add(&["qt"]);
    }
    if ctx.arxiv_id[i] {
        out.add(&["arxiv_id"]);
    }
    if ctx.abbrev[i] {
        out.add(&["abbr"]);
    }
    if i > 0 && ctx.abbrev[i - 1] && infos.kind[i] == Kind::Punct {
        out.add(&["abbr_dot"]);
    }
    if ctx.after_in[i] {
        out.add(&["in_seen"]);
    }
    if ctx.after_editor[i] {
        out.add(&["ed_seen"]);
    }
    if i == 0 {
        out.add(&["BOS"]);
    }
    if i + 1 == n {
        out.add(&["EOS"]);
    }
    for (d, wname, shname) in NEIGHBOURS {
        let j = i as isize + d;
        if j < 0 || j >= n as isize {
            out.add(&[wname, "#"]);
            continue;
        }
        let j = j as usize;
        out.add(&[wname, infos.word(j)]);
        out.add(&[shname, infos.shape(j)]);
        if d.abs() == 1 {
            let side = if d < 0 { "[-1]=" } else { "[1]=" };
            for (bit, name) in LEX_NAMES.iter().enumerate() {
                if infos.lex[j] & (1 << bit) != 0 {
                    out.add(&["lex", side, name]);
                }
            }
            for (bit, name) in FLAG_NAMES.iter().enumerate() {
                if infos.flags[j] & (1 << bit) != 0 {
                    out.add(&["f", side, name]);
                }
            }
        }
    }
    if i > 0 {
        out.add(&["w[-1]|w=", infos.word(i - 1), "|", word]);
    }
    if i + 1 < n {
        out.add(&["w|w[1]=", word, "|", infos.word(i + 1)]);
    }
    let prev_shape = if i > 0 { infos.shape(i - 1) } else { "#" };
    let next_shape = if i + 1 < n { infos.shape(i + 1) } else { "#" };
    out.add(&["sh3=", prev_shape, "|", shape, "|", next_shape]);
    word_context(i, infos, ctx, out);
}

/// The neighbouring *words* (skipping punctuation) and the punctuation
/// between: with punctuation split into tokens of its own, the two-token
/// window alone would often see only commas and full stops.
fn word_context(i: usize, infos: &Infos, ctx: &Context, out: &mut Emit<'_>) {
    if infos.kind[i] == Kind::Punct {
        return;
    }
    match ctx.prev_word[i] {
        Some(j) => {
            word_flags_of("pf=", j, infos, ctx, out);
            out.add(&["pw=", infos.word(j)]);
            out.add(&["pb=", punct_between(infos, j + 1, i)]);
            for (bit, name) in LEX_NAMES.iter().enumerate() {
                if infos.lex[j] & (1 << bit) != 0 {
                    out.add(&["plex=", name]);
                }
            }
        }
        None => out.add(&["pw=#"]),
    }
    match ctx.next_word[i] {
        Some(j) => {
            word_flags_of("nf=", j, infos, ctx, out);
            out.add(&["nw=", infos.word(j)]);
            out.add(&["pa=", punct_between(infos, i + 1, j)]);
            for (bit, name) in LEX_NAMES.iter().enumerate() {
                if infos.lex[j] & (1 << bit) != 0 {
                    out.add(&["nlex=", name]);
                }
            }
        }
        None => out.add(&["nw=#"]),
    }
}

/// The few flags of a neighbouring word that tell fields apart: an
/// initial, an abbreviation, a capitalised or all-capitals word, a number.
fn word_flags_of(prefix: &str, j: usize, infos: &Infos, ctx: &Context, out: &mut Emit<'_>) {
    const KEY: [(u32, &str); 8] = [
        (bit("initial"), "initial"),
        (bit("cap"), "cap"),
        (bit("caps"), "caps"),
        (bit("year"), "year"),
        (bit("num12"), "num12"),
        (bit("num3"), "num3"),
        (bit("num4"), "num4"),
        (bit("num5+"), "num5+"),
    ];
    for (mask, name) in KEY {
        if infos.flags[j] & mask != 0 {
            out.add(&[prefix, name]);
        }
    }
    if ctx.abbrev[j] {
        out.add(&[prefix, "abbr"]);
    }
}

/// The punctuation tokens in `[from, to)` as one short string ("." , ").",
/// "," ...), at most three tokens, so rare combinations stay few.
fn punct_between(infos: &Infos, from: usize, to: usize) -> &str {
    if from >= to {
        return "";
    }
    let to = to.min(from + 3);
    infos.text_span(from, to)
}

fn affixes(word: &str, out: &mut Emit<'_>) {
    const P: [&str; 3] = ["p1=", "p2=", "p3="];
    const S: [&str; 3] = ["s1=", "s2=", "s3="];
    let chars = word.chars().count();
    for k in 1..=3usize {
        if chars <= k {
            break;
        }
        let pre_end = word.char_indices().nth(k).map_or(word.len(), |(b, _)| b);
        let suf_start = word.char_indices().nth(chars - k).map_or(0, |(b, _)| b);
        out.add(&[P[k - 1], &word[..pre_end]]);
        out.add(&[S[k - 1], &word[suf_start..]]);
    }
}

fn length_bucket(word: &str) -> &'static str {
    match word.chars().count() {
        0 | 1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5..=7 => "5-7",
        _ => "8+",
    }
}

/// Coarse kind of a token, as the tokenizer cut it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct,
}

/// Per-token facts that neighbours also look at. Words and shapes live in
/// one string (`arena`) addressed by byte ranges, so a reference costs a
/// handful of allocations, not several per token.
struct Infos {
    arena: String,
    word: Vec<(u32, u32)>,
    shape: Vec<(u32, u32)>,
    /// The original token text, for the punctuation between words.
    raw: Vec<(u32, u32)>,
    /// The shape of the whole whitespace-delimited chunk the token is part
    /// of ("Xd" for both tokens of "D60"): the view of a coarser tokenizer.
    chunk_shape: Vec<(u32, u32)>,
    flags: Vec<u32>,
    lex: Vec<u8>,
    kind: Vec<Kind>,
    space_before: Vec<bool>,
}

impl Infos {
    fn of(tokens: &[Token<'_>], lexicons: &Lexicons) -> Infos {
        let n = tokens.len();
        let bytes: usize = tokens.iter().map(|t| t.text.len()).sum();
        let mut s = Infos {
            arena: String::with_capacity(bytes * 3 + 8),
            word: Vec::with_capacity(n),
            shape: Vec::with_capacity(n),
            raw: Vec::with_capacity(n),
            chunk_shape: Vec::with_capacity(n),
            flags: Vec::with_capacity(n),
            lex: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            space_before: Vec::with_capacity(n),
        };
        for t in tokens {
            s.push(t, lexicons);
        }
        s.chunk_shapes(tokens);
        s
    }

    /// Shape of each chunk, shared by its tokens.
    fn chunk_shapes(&mut self, tokens: &[Token<'_>]) {
        let mut i = 0;
        while i < tokens.len() {
            let mut j = i + 1;
            while j < tokens.len() && !tokens[j].space_before {
                j += 1;
            }
            let start = self.arena.len();
            let mut last = None;
            for t in &tokens[i..j] {
                for c in without_year_suffix(strip_emphasis(t.text)).chars() {
                    let class = char_class(c);
                    if last != Some(class) {
                        self.arena.push(class);
                        last = Some(class);
                    }
                }
            }
            let range = (start as u32, self.arena.len() as u32);
            self.chunk_shape.extend(std::iter::repeat_n(range, j - i));
            i = j;
        }
    }

    fn chunk_shape(&self, i: usize) -> &str {
        let (a, b) = self.chunk_shape[i];
        &self.arena[a as usize..b as usize]
    }

    fn push(&mut self, t: &Token<'_>, lexicons: &Lexicons) {
        let text = without_year_suffix(t.text);
        let start = self.arena.len();
        push_lower(&mut self.arena, text);
        let word_end = self.arena.len();
        push_shape(&mut self.arena, text);
        let shape_end = self.arena.len();
        self.arena.push_str(text);
        let raw_end = self.arena.len();
        let word = &self.arena[start..word_end];
        let kind = match text.trim_start_matches(is_emphasis).chars().next() {
            Some(c) if c.is_ascii_digit() => Kind::Number,
            Some(c) if c.is_alphanumeric() => Kind::Word,
            _ => Kind::Punct,
        };
        let lex = if kind == Kind::Word {
            lexicons.mask_of(word)
        } else {
            0
        };
        let mut f = flags(text.trim_matches(is_emphasis), word, kind);
        if t.text.len() > 1 && t.text.contains(is_emphasis) {
            f |= const { bit("emph") };
        }
        self.flags.push(f);
        self.lex.push(lex);
        self.kind.push(kind);
        self.space_before.push(t.space_before);
        self.word.push((start as u32, word_end as u32));
        self.shape.push((word_end as u32, shape_end as u32));
        self.raw.push((shape_end as u32, raw_end as u32));
    }

    fn len(&self) -> usize {
        self.word.len()
    }

    fn word(&self, i: usize) -> &str {
        let (a, b) = self.word[i];
        &self.arena[a as usize..b as usize]
    }

    fn shape(&self, i: usize) -> &str {
        let (a, b) = self.shape[i];
        &self.arena[a as usize..b as usize]
    }

    /// A name for the punctuation tokens `[from, to)`: the token itself
    /// when there is one, else a name made of the first and the last.
    fn text_span(&self, from: usize, to: usize) -> &str {
        match to - from {
            1 => self.raw(from),
            _ => combine(self.raw(from), self.raw(to - 1)),
        }
    }

    fn raw(&self, i: usize) -> &str {
        let (a, b) = self.raw[i];
        &self.arena[a as usize..b as usize]
    }
}

/// A name for a run of punctuation by its first and last token: the common
/// pairs get a static name, others a generic one.
fn combine(first: &str, last: &str) -> &'static str {
    match (first, last) {
        (")", ".") => ").",
        (")", ",") => "),",
        (")", ":") => "):",
        (".", ",") => ".,",
        (".", ")") => ".)",
        (",", "\"") | (",", "\u{201d}") => ",\"",
        (".", "\"") | (".", "\u{201d}") => ".\"",
        ("\"", ",") | ("\u{201d}", ",") => "\",",
        ("\"", ".") | ("\u{201d}", ".") => "\".",
        (_, "(") => "*(",
        (")", _) => ")*",
        _ => "**",
    }
}

/// The lowercased token, emphasis marks dropped ("*Survival*" → "survival").
fn push_lower(out: &mut String, text: &str) {
    let text = strip_emphasis(text);
    if text.is_ascii() {
        for b in text.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for c in text.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Character classes with runs collapsed: "Smith" → "Xx", "1974" → "d".
fn push_shape(out: &mut String, text: &str) {
    let text = strip_emphasis(text);
    let mut last = None;
    for c in text.chars() {
        let class = char_class(c);
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
}

/// A word token without the emphasis marks around it; a lone mark stays.
fn strip_emphasis(text: &str) -> &str {
    match text.trim_matches(is_emphasis) {
        "" => text,
        core => core,
    }
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphanumeric() {
        'a'
    } else {
        c
    }
}

/// Character classes with runs collapsed: "Smith," → "Xx,", "1974" → "d".
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_shape(&mut out, text);
    out
}

/// Flag names, by bit.
const FLAG_NAMES: [&str; 28] = [
    "year",      // 0
    "num12",     // 1
    "num3",      // 2
    "num4",      // 3
    "num5+",     // 4
    "doi",       // 5
    "url",       // 6
    "initial",   // 7
    "cap",       // 8
    "caps",      // 9
    "punct",     // 10
    "editor",    // 11
    "pp",        // 12
    "vol",       // 13
    "no",        // 14
    "in",        // 15
    "and",       // 16
    "al",        // 17
    "pubword",   // 18
    "procword",  // 19
    "jword",     // 20
    "access",    // 21
    "genreword", // 22
    "edition",   // 23
    "month",     // 24
    "ordinal",   // 25
    "arxiv",     // 26
    "emph",      // 27
];

/// The bit of a flag name; evaluated at compile time (`const { bit(..) }`),
/// where an unknown name stops the build.
const fn bit(name: &str) -> u32 {
    let mut i = 0;
    while i < FLAG_NAMES.len() {
        if same(FLAG_NAMES[i].as_bytes(), name.as_bytes()) {
            return 1 << i;
        }
        i += 1;
    }
    panic!("unknown flag name")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Month abbreviations; the full names are `normalize::MONTH_NAMES`.
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The bibliographer's view of one token. `word` is the lowercased text.
fn flags(text: &str, word: &str, kind: Kind) -> u32 {
    let mut f = 0u32;
    match kind {
        Kind::Number => {
            if is_year(word) {
                f |= const { bit("year") };
            }
            f |= match word.len() {
                1 | 2 => const { bit("num12") },
                3 => const { bit("num3") },
                4 => const { bit("num4") },
                _ => const { bit("num5+") },
            };
        }
        Kind::Punct => f |= const { bit("punct") },
        Kind::Word => {
            f |= word_flags(text, word);
        }
    }
    if word.contains("10.") && word.contains('/') || word.starts_with("doi:") {
        f |= const { bit("doi") };
    }
    if word.starts_with("http") || word.starts_with("www.") || word.contains("://") {
        f |= const { bit("url") };
    }
    f
}

fn word_flags(text: &str, word: &str) -> u32 {
    let mut f = 0u32;
    let mut chars = text.chars();
    if let Some(c) = chars.next() {
        let rest = chars.as_str();
        if c.is_uppercase() && rest.is_empty() {
            f |= const { bit("initial") };
        }
        if c.is_uppercase() && rest.chars().any(char::is_lowercase) {
            f |= const { bit("cap") };
        }
    }
    if text.chars().count() > 1 && !text.chars().any(char::is_lowercase) {
        f |= const { bit("caps") };
    }
    f |= match word {
        "ed" | "eds" | "editor" | "editors" | "edited" | "hrsg" | "hg" => const { bit("editor") },
        "pp" | "p" | "pages" | "page" | "s" => const { bit("pp") },
        "vol" | "volume" | "vols" | "bd" => const { bit("vol") },
        "no" | "nr" | "issue" | "num" => const { bit("no") },
        "in" => const { bit("in") },
        "and" | "und" | "et" => const { bit("and") },
        "al" => const { bit("al") },
        "press" | "university" | "publishers" | "publishing" | "verlag" | "books" => {
            const { bit("pubword") }
        }
        "proceedings" | "proc" | "conference" | "symposium" | "workshop" | "conf" => {
            const { bit("procword") }
        }
        "journal" | "review" | "quarterly" | "studies" | "bulletin" | "transactions" => {
            const { bit("jword") }
        }
        "retrieved" | "accessed" | "available" | "online" => const { bit("access") },
        "report" | "thesis" | "dissertation" | "paper" | "tech" | "technical" => {
            const { bit("genreword") }
        }
        "edn" | "edition" => const { bit("edition") },
        "st" | "nd" | "rd" | "th" => const { bit("ordinal") },
        "arxiv" => const { bit("arxiv") },
        _ => 0,
    };
    if quire_model::normalize::MONTH_NAMES.contains(&word) || MONTH_ABBREVIATIONS.contains(&word) {
        f |= const { bit("month") };
    }
    f
}

/// Lexicon kind names, by bit (the order of `LexiconKind::ALL`).
const LEX_NAMES: [&str; 4] = ["name", "journal", "publisher", "place"];

/// Facts that depend on what came before (or after) a token.
struct Context {
    /// Sentence-ending full stops before the token: authors, title,
    /// container ... are separated by them in most styles.
    segment: Vec<usize>,
    after_year: Vec<bool>,
    depth: Vec<usize>,
    in_quotes: Vec<bool>,
    /// An "In" that opens a container ("In: ...", ". In ...") came before.
    after_in: Vec<bool>,
    /// "(Ed.)", "eds", "edited by" came before.
    after_editor: Vec<bool>,
    /// Part of an arXiv identifier: "1202.2281", "hep-ph/0106197".
    arxiv_id: Vec<bool>,
    /// A capitalised word of two or more letters glued to a following full
    /// stop: "Phys.", "Lect.", "Chem." (abbreviated journal words).
    abbrev: Vec<bool>,
    /// Words (not punctuation) before the token.
    word_index: Vec<usize>,
    prev_word: Vec<Option<usize>>,
    next_word: Vec<Option<usize>>,
}

impl Context {
    fn of(tokens: &[Token<'_>], infos: &Infos) -> Context {
        let n = tokens.len();
        let mut ctx = Context {
            segment: Vec::with_capacity(n),
            after_year: Vec::with_capacity(n),
            depth: Vec::with_capacity(n),
            in_quotes: Vec::with_capacity(n),
            after_in: Vec::with_capacity(n),
            after_editor: Vec::with_capacity(n),
            arxiv_id: arxiv_ids(tokens),
            abbrev: (0..n).map(|i| is_abbreviation(tokens, infos, i)).collect(),
            word_index: Vec::with_capacity(n),
            prev_word: Vec::with_capacity(n),
            next_word: vec![None; n],
        };
        let (mut seg, mut year, mut depth, mut quoted) = (0usize, false, 0usize, false);
        let (mut seen_in, mut seen_ed, mut words) = (false, false, 0usize);
        let mut last_word: Option<usize> = None;
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
            let quote = is_quote(t.text);
            if quote && quoted {
                quoted = false;
            }
            ctx.in_quotes.push(quoted || quote);
            if quote && !ctx.in_quotes[i.saturating_sub(1)] {
                quoted = true;
            }
            ctx.after_in.push(seen_in);
            ctx.after_editor.push(seen_ed);
            ctx.word_index.push(words);
            ctx.prev_word.push(last_word);
            if infos.kind[i] != Kind::Punct {
                if let Some(j) = last_word {
                    ctx.next_word[j] = Some(i);
                }
                last_word = Some(i);
                words += 1;
            }
            let f = infos.flags[i];
            if f & const { bit("year") } != 0 {
                year = true;
            }
            if f & const { bit("in") } != 0 && opens_container(tokens, i) {
                seen_in = true;
            }
            if f & const { bit("editor") } != 0 {
                seen_ed = true;
            }
            if ends_sentence(tokens, i) {
                seg += 1;
            }
        }
        // A quote that never closed was an apostrophe or a stray mark.
        if quoted {
            for (i, q) in ctx.in_quotes.iter_mut().enumerate() {
                if *q && !is_quote(tokens[i].text) {
                    *q = false;
                }
            }
        }
        ctx
    }
}

/// Mark the tokens of arXiv identifiers: new style "1202.2281" (also
/// broken "1511 .09222") and old style "hep-ph/0106197".
fn arxiv_ids(tokens: &[Token<'_>]) -> Vec<bool> {
    let n = tokens.len();
    let mut marks = vec![false; n];
    let digits = |i: usize, lens: &[usize]| {
        tokens.get(i).is_some_and(|t| {
            lens.contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit())
        })
    };
    for i in 0..n {
        let new_style = digits(i, &[4])
            && tokens.get(i + 1).is_some_and(|t| t.text == ".")
            && digits(i + 2, &[4, 5])
            && !(tokens[i + 1].space_before && tokens[i + 2].space_before);
        if new_style {
            marks[i..i + 3].fill(true);
        }
        let archive = matches!(
            tokens[i].text,
            "hep" | "astro" | "gr" | "nucl" | "cond" | "math" | "quant" | "physics"
        );
        if archive {
            // "hep" "-" "ph" "/" "0106197" (a space may have crept in).
            let slash = (i + 1..(i + 5).min(n)).find(|&j| tokens[j].text == "/");
            if let Some(j) = slash.filter(|&j| digits(j + 1, &[7])) {
                marks[i..=j + 1].fill(true);
            }
        }
    }
    marks
}

fn is_abbreviation(tokens: &[Token<'_>], infos: &Infos, i: usize) -> bool {
    infos.kind[i] == Kind::Word
        && infos.flags[i] & const { bit("cap") } != 0
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.text == "." && !t.space_before)
}

fn is_quote(t: &str) -> bool {
    matches!(
        t,
        "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}"
    )
}

/// "In" that starts a container: capitalised or followed by ":", and after
/// punctuation or at a sentence start.
fn opens_container(tokens: &[Token<'_>], i: usize) -> bool {
    let capital = tokens[i].text.starts_with('I');
    let colon = tokens.get(i + 1).is_some_and(|t| t.text == ":");
    let after_punct = i > 0
        && tokens[i - 1]
            .text
            .chars()
            .all(|c| matches!(c, '.' | ',' | ')' | ';' | '"' | '\u{201d}'));
    (capital || colon) && (after_punct || i == 0)
}

/// A full stop that closes a part of the reference, not an initial or an
/// abbreviation: "." after a word longer than two letters, a number, or a
/// closing bracket or quote.
fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    if tokens[i].text != "." {
        return false;
    }
    match i.checked_sub(1).map(|j| tokens[j].text) {
        Some(prev) => {
            prev.chars().count() > 2
                || prev.starts_with(|c: char| c.is_ascii_digit())
                || prev.ends_with([')', ']', '"', '\u{201d}'])
        }
        None => false,
    }
}

/// A year token without its disambiguating letter ("2023a" → "2023"): the
/// letter tells works apart and nothing else, so the model sees the year
/// it has learnt (its training data has few such letters).
fn without_year_suffix(text: &str) -> &str {
    if (5..=6).contains(&text.len()) && is_year(text) {
        &text[..4]
    } else {
        text
    }
}

/// A plausible publication year, optionally with its disambiguating
/// letters: "1974", "2023a", "2021aa".
pub fn is_year(core: &str) -> bool {
    let b = core.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 || b.len() > 6 || !b[4..].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    matches!(&core[..2], "15" | "16" | "17" | "18" | "19" | "20")
}

/// True when `text` holds a publication year anywhere.
pub fn contains_year(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(is_year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn names(text: &str) -> Vec<Vec<String>> {
        let toks = tokenize(text);
        features(&toks, &Lexicons::default())
            .into_iter()
            .map(|f| f.into_iter().map(|a| a.name).collect())
            .collect()
    }

    #[test]
    fn shapes_and_years() {
        assert_eq!(shape("Smith,"), "Xx,");
        assert_eq!(shape("1974"), "d");
        assert!(is_year("2023a"));
        assert!(!is_year("1234"));
        assert!(!is_year("20234"));
        assert!(contains_year("(Smith, 2021b)."));
    }

    #[test]
    fn segments_count_sentence_stops_not_initials() {
        let f = names("Akaike, H. (1974). A new look. IEEE");
        let seg_of = |i: usize| f[i].iter().find(|a| a.starts_with("seg=")).cloned();
        // "IEEE" is after "(1974)." and "look." : two stops; "H." is an initial.
        assert_eq!(seg_of(f.len() - 1).as_deref(), Some("seg=2"));
        assert_eq!(seg_of(4).as_deref(), Some("seg=0"));
    }

    #[test]
    fn words_see_neighbouring_words_and_punctuation() {
        let f = names("Smith, J. (2020). Title");
        // "Title" (last token): previous word "2020", then ")."
        let last = &f[f.len() - 1];
        assert!(last.contains(&"pw=2020".to_string()), "{last:?}");
        assert!(last.contains(&"pb=).".to_string()), "{last:?}");
        assert!(last.contains(&"f=cap".to_string()));
        // "J" is an initial glued to its full stop.
        assert!(f[2].contains(&"f=initial".to_string()));
        assert!(f[2].contains(&"g=10".to_string()));
    }

    #[test]
    fn arxiv_identifiers_are_marked() {
        let f = names("Phys. Rev. D86, 054009 (2012), 1202.2281 and hep-ph/0106197; 2012.");
        let marked: Vec<bool> = f
            .iter()
            .map(|t| t.contains(&"arxiv_id".to_string()))
            .collect();
        let toks = tokenize("Phys. Rev. D86, 054009 (2012), 1202.2281 and hep-ph/0106197; 2012.");
        let ids: Vec<&str> = toks
            .iter()
            .zip(&marked)
            .filter(|(_, m)| **m)
            .map(|(t, _)| t.text)
            .collect();
        assert_eq!(
            ids,
            vec!["1202", ".", "2281", "hep", "-", "ph", "/", "0106197"]
        );
    }

    #[test]
    fn quotes_and_in_are_tracked() {
        let f = names("A. \"The title,\" In: B (ed.) Book");
        let title = &f[3];
        assert!(title.contains(&"qt".to_string()), "{title:?}");
        let book = &f[f.len() - 1];
        assert!(book.contains(&"in_seen".to_string()), "{book:?}");
        assert!(book.contains(&"ed_seen".to_string()), "{book:?}");
        assert!(!book.contains(&"qt".to_string()));
    }
}
