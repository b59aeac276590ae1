//! The index schema: which parts of a Work and its Document are searchable,
//! which are stored for displaying hits, and the text analyzer they share.

use crate::cjk::CjkAwareTokenizer;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, TokenizerManager,
};

/// Name under which the analyzer is registered with tantivy.
pub(crate) const ANALYZER: &str = "quire_en";

/// Changes whenever the analyzer cuts text differently: an index built
/// with another version holds other terms and must be rebuilt. (2: CJK
/// text in character pairs.)
pub const ANALYZER_VERSION: u32 = 2;

/// Tokens longer than this are junk (URLs, base64, hyphen-less chemistry)
/// and would only bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 40;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub abstract_text: Field,
    pub fulltext: Field,
    pub authors: Field,
    pub keywords: Field,
    pub container: Field,
    pub publisher: Field,
    pub year: Field,
    pub kind: Field,
    pub source_type: Field,
    /// Stored only: "Family, G." of the first author, for hit lists.
    pub first_author: Field,
    /// Not stored: title, keywords, abstract, authors and full text in one
    /// field, what bare query words search (see [`DEFAULT_FIELD_WEIGHTS`]).
    pub all: Field,
}

/// How many times each part of a work is written into the `all` field.
/// Repeating the title three times and the keywords twice weights them
/// like field boosts would, while keeping a query of bare words a plain
/// intersection of term lists, which tantivy answers with block-max
/// pruning instead of scoring every match (10× faster at a million works).
pub(crate) const TITLE_REPEATS: usize = 3;
pub(crate) const KEYWORD_REPEATS: usize = 2;

/// The weights as documented for users: title ×3, keywords ×2, abstract,
/// authors and full text ×1.
pub const DEFAULT_FIELD_WEIGHTS: [(&str, usize); 5] = [
    ("title", TITLE_REPEATS),
    ("keywords", KEYWORD_REPEATS),
    ("abstract", 1),
    ("authors", 1),
    ("fulltext", 1),
];

/// The analyzer for every text field and every query word: split on
/// non-alphanumerics (Chinese, Japanese and Korean into character pairs,
/// see [`crate::cjk`]), lowercase, fold accents to ASCII so that "Tehrīk"
/// finds "Tehrik". No stemming: reviewers search for exact policy terms and
/// stemming would blur "sanction" and "sanctioned" in phrase searches.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(CjkAwareTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The tokenizers an index over this schema needs.
pub(crate) fn tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(ANALYZER, analyzer());
    manager
}

/// Split `text` into the terms the index holds for it.
pub(crate) fn terms_of(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

fn text(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Build the schema. Title, abstract and full text are stored because the
/// snippets are cut from them; the rest is indexed only.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let year_options: NumericOptions = (INDEXED | FAST | STORED).into();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(true)),
        abstract_text: b.add_text_field("abstract", text(true)),
        fulltext: b.add_text_field("fulltext", text(true)),
        authors: b.add_text_field("authors", text(false)),
        keywords: b.add_text_field("keywords", text(false)),
        container: b.add_text_field("container", text(false)),
        publisher: b.add_text_field("publisher", text(false)),
        year: b.add_i64_field("year", year_options),
        kind: b.add_text_field("kind", STRING | STORED),
        source_type: b.add_text_field("source_type", STRING),
        first_author: b.add_text_field("first_author", STORED),
        all: b.add_text_field("all", text(false)),
    };
    (b.build(), fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_lowercases_folds_and_splits() {
        assert_eq!(
            terms_of("Tehrīk-i-Taliban Pakistan's DURAND"),
            vec!["tehrik", "i", "taliban", "pakistan", "s", "durand"]
        );
    }
}
