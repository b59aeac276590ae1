//! Words for the index in every script: runs of letters and digits, as
//! tantivy's `SimpleTokenizer` cuts them, except that Chinese, Japanese
//! and Korean text — written without spaces between words — is cut into
//! overlapping pairs of characters ("阿富汗安全" → "阿富", "富汗", "汗安",
//! "安全"), the bigram indexing of Lucene's CJK analyzer. A query is cut the
//! same way, so "安全" finds the pair inside any longer run, and a longer
//! query matches as a phrase of pairs. A character standing alone is a
//! word of its own.

use quire_model::normalize::is_cjk;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Cuts text into words, and CJK runs into character pairs.
#[derive(Clone, Default)]
pub struct CjkAwareTokenizer {
    token: Token,
}

/// The words of one text, one at a time.
pub struct CjkAwareTokenStream<'a> {
    text: &'a str,
    /// Byte offset of the next character to read.
    at: usize,
    token: &'a mut Token,
    /// The last CJK character read, which opens the next pair.
    previous_cjk: Option<(usize, char)>,
    /// Whether that character has been emitted in a pair already.
    previous_emitted: bool,
}

impl Tokenizer for CjkAwareTokenizer {
    type TokenStream<'a> = CjkAwareTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkAwareTokenStream<'a> {
        self.token.reset();
        CjkAwareTokenStream {
            text,
            at: 0,
            token: &mut self.token,
            previous_cjk: None,
            previous_emitted: false,
        }
    }
}

impl CjkAwareTokenStream<'_> {
    fn emit(&mut self, start: usize, end: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    /// A CJK character that ended its run without a partner is a word.
    fn flush_lone_character(&mut self) -> bool {
        match self.previous_cjk.take() {
            Some((at, c)) if !self.previous_emitted => self.emit(at, at + c.len_utf8()),
            _ => false,
        }
    }

    /// Where the word starting at `start` ends: letters and digits that
    /// are not CJK (ASCII read byte by byte, which most text is).
    fn word_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = start;
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            match self.text[end..].chars().next() {
                Some(c) if !c.is_ascii() && c.is_alphanumeric() && !is_cjk(c) => {
                    end += c.len_utf8()
                }
                _ => return end,
            }
        }
    }
}

impl TokenStream for CjkAwareTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(c) = self.text[self.at..].chars().next() else {
                return self.flush_lone_character();
            };
            let at = self.at;
            if is_cjk(c) {
                self.at += c.len_utf8();
                match self.previous_cjk.replace((at, c)) {
                    Some((start, _)) => {
                        self.previous_emitted = true;
                        return self.emit(start, self.at);
                    }
                    None => {
                        self.previous_emitted = false;
                        continue;
                    }
                }
            }
            // Whatever follows a CJK run ends it.
            if self.flush_lone_character() {
                return true;
            }
            if c.is_alphanumeric() {
                let end = self.word_end(at);
                self.at = end;
                return self.emit(at, end);
            }
            self.at += c.len_utf8();
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize)> {
        let mut tokenizer = CjkAwareTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.position));
        }
        out
    }

    #[test]
    fn latin_text_is_cut_like_the_simple_tokenizer() {
        let text = "Tehrīk-i-Taliban (TTP), 2021: 300,000 troops.";
        let mut simple = tantivy::tokenizer::SimpleTokenizer::default();
        let mut stream = simple.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            let t = stream.token();
            expected.push((t.text.clone(), t.offset_from, t.position));
        }
        assert_eq!(words(text), expected);
    }

    #[test]
    fn cjk_runs_are_cut_into_pairs_and_lone_characters_kept() {
        let texts: Vec<String> = words("CPEC 走廊安全, 王 and 阿富汗")
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(
            texts,
            ["CPEC", "走廊", "廊安", "安全", "王", "and", "阿富", "富汗"]
        );
        // Positions run on, one a word or pair; offsets are bytes.
        let all = words("安全局势");
        assert_eq!(
            all,
            [
                ("安全".to_string(), 0, 0),
                ("全局".to_string(), 3, 1),
                ("局势".to_string(), 6, 2)
            ]
        );
        // A CJK run glued to Latin letters or digits: each side apart.
        let glued: Vec<String> = words("2021年安全").into_iter().map(|(t, _, _)| t).collect();
        assert_eq!(glued, ["2021", "年安", "安全"]);
    }
}
