//! The corpus tokenised once: every word of every passage as an id into a
//! shared lexicon of normalised (lower-case, possessive-free) words, with
//! its byte span, grouped by sentence. Themes and the written synthesis
//! read these ids instead of re-tokenising text.

use crate::text;
use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Id into `Lexicon::words`.
    pub id: u32,
    /// Byte span in the passage text.
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    ids: HashMap<String, u32>,
    /// Normalised word per id.
    pub words: Vec<String>,
    /// Per id: a content word (not a stopword, not a number)?
    pub content: Vec<bool>,
}

impl Lexicon {
    pub fn id(&mut self, word: &str) -> u32 {
        // Fast path: already normalised words need no allocation.
        let plain = word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if plain {
            if let Some(&id) = self.ids.get(word) {
                return id;
            }
        }
        let normal = text::normalise_word(word);
        if let Some(&id) = self.ids.get(&normal) {
            return id;
        }
        let id = self.words.len() as u32;
        self.content.push(text::is_content_word(&normal));
        self.words.push(normal.clone());
        self.ids.insert(normal, id);
        id
    }

    /// The id of a word already in the lexicon.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(&text::normalise_word(word)).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }
}

/// Tokens of one passage, by sentence.
#[derive(Debug, Default)]
pub struct PassageTokens {
    pub tokens: Vec<Token>,
    /// Per sentence: the range of `tokens` it holds.
    pub sentences: Vec<std::ops::Range<usize>>,
}

impl PassageTokens {
    pub fn sentence(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].clone()]
    }
}

/// Tokenise `text` whose sentences are `sentences` (byte ranges).
pub fn tokenise(text: &str, sentences: &[(usize, usize)], lexicon: &mut Lexicon) -> PassageTokens {
    let mut out = PassageTokens::default();
    for &(s, e) in sentences {
        let first = out.tokens.len();
        for (a, b) in text::words(&text[s..e]) {
            out.tokens.push(Token {
                id: lexicon.id(&text[s + a..s + b]),
                start: (s + a) as u32,
                end: (s + b) as u32,
            });
        }
        out.sentences.push(first..out.tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_word_same_id() {
        let mut lexicon = Lexicon::default();
        let t = "Pakistan's border. The border of pakistan.";
        let toks = tokenise(t, &text::sentences(t), &mut lexicon);
        let words: Vec<&str> = toks
            .tokens
            .iter()
            .map(|k| lexicon.words[k.id as usize].as_str())
            .collect();
        assert_eq!(
            words,
            vec!["pakistan", "border", "the", "border", "of", "pakistan"]
        );
        assert_eq!(toks.tokens[0].id, toks.tokens[5].id);
        assert_eq!(toks.sentences, vec![0..2, 2..6]);
        assert!(lexicon.content[toks.tokens[1].id as usize]);
        assert!(!lexicon.content[toks.tokens[2].id as usize]);
        assert_eq!(
            &t[toks.tokens[3].start as usize..toks.tokens[3].end as usize],
            "border"
        );
    }
}
