//! The query language of `quire search`, and its translation to tantivy.
//!
//! ```text
//! durand line                      both words, anywhere (AND is implied)
//! "intelligence sharing"           an exact phrase
//! TTP OR "Tehrik-i-Taliban"        either
//! NOT drone    -drone              without
//! (a OR b) c                       grouping; NOT binds tighter than AND, AND tighter than OR
//! title:border  author:"Rashid"    one field: title abstract fulltext author keyword
//!                                  container publisher kind source_type id
//! title:(border OR frontier)       a field applied to a group
//! year:2021  year:2019..2024  year:2019..  year:..2010
//! ```
//!
//! Words are analysed like the indexed text (lowercased, accents folded);
//! a word the analyzer splits ("Tehrik-i-Taliban") is searched as a phrase.
//! Bare words search title (×3), keywords (×2), abstract, authors and full
//! text, through one combined field that weights them by repetition. The operators must be written in capitals; a lowercase "and"
//! or "or" is an ordinary word.

mod build;
mod guard;
mod lexer;
mod parser;

pub(crate) use build::Builder;
pub(crate) use parser::parse;

/// A field a query can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldName {
    Title,
    Abstract,
    Fulltext,
    Author,
    Keyword,
    Container,
    Publisher,
    Kind,
    SourceType,
    Id,
    Year,
}

impl FieldName {
    /// Names (and the few aliases) accepted before a colon.
    pub(crate) fn from_prefix(prefix: &str) -> Option<FieldName> {
        Some(match prefix.to_ascii_lowercase().as_str() {
            "title" => FieldName::Title,
            "abstract" => FieldName::Abstract,
            "fulltext" | "text" => FieldName::Fulltext,
            "author" | "authors" => FieldName::Author,
            "keyword" | "keywords" => FieldName::Keyword,
            "container" | "journal" => FieldName::Container,
            "publisher" => FieldName::Publisher,
            "kind" | "type" => FieldName::Kind,
            "source_type" | "source" => FieldName::SourceType,
            "id" => FieldName::Id,
            "year" => FieldName::Year,
            _ => return None,
        })
    }
}

/// The names listed in error messages.
pub(crate) const FIELD_NAMES: &str =
    "title, abstract, fulltext, author, keyword, container, publisher, kind, source_type, id, year";

/// The parsed query: a tree of boolean operators over leaves.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// A word or a quoted phrase, in one field or (None) the default fields.
    Text {
        field: Option<FieldName>,
        text: String,
        phrase: bool,
    },
    /// An inclusive year range; `None` is open.
    Year {
        from: Option<i64>,
        to: Option<i64>,
    },
    /// A blank query: every document.
    All,
}

impl Node {
    /// The same query without its negated parts: what a snippet should
    /// highlight (an excluded word found in another field must not light up).
    pub(crate) fn positive(&self) -> Option<Node> {
        match self {
            Node::Not(_) => None,
            Node::And(children) => Some(Node::And(
                children.iter().filter_map(Node::positive).collect(),
            )),
            Node::Or(children) => Some(Node::Or(
                children.iter().filter_map(Node::positive).collect(),
            )),
            leaf => Some(leaf.clone()),
        }
    }
}

/// Format a query error: the message, then the query with a caret under
/// the offending column (`at` is a byte offset into `query`).
pub(crate) fn syntax_error(query: &str, at: usize, what: &str) -> crate::IndexError {
    let at = at.min(query.len());
    let column = query[..at].chars().count();
    // Tabs and newlines would throw the caret off its column.
    let shown: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let message = format!(
        "invalid query at column {}: {what}\n  {shown}\n  {}^",
        column + 1,
        " ".repeat(column)
    );
    crate::IndexError::Query { message }
}
