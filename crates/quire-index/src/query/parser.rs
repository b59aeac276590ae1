//! Recursive-descent parser from tokens to a [`Node`] tree.
//!
//! ```text
//! or     := and ("OR" and)*
//! and    := unary (["AND"] unary)*
//! unary  := ("NOT" | "-") unary | primary
//! primary:= "(" or ")" | field ":" primary | word | phrase
//! ```
//! A field prefix scopes everything under it, so `title:(a OR "b c")`
//! searches both in the title.

use super::lexer::{tokenize, Token, TokenKind};
use super::{syntax_error, FieldName, Node};
use crate::IndexError;

/// Parse a query. A blank query is [`Node::All`].
pub(crate) fn parse(query: &str) -> Result<Node, IndexError> {
    let query = &straight_quotes(query);
    let tokens = tokenize(query)?;
    if tokens.is_empty() {
        return Ok(Node::All);
    }
    let mut parser = Parser {
        query,
        tokens,
        next: 0,
    };
    let node = parser.or(None)?;
    match parser.peek() {
        None => Ok(node),
        Some(t) if t.kind == TokenKind::Close => {
            Err(parser.error_at(t.at, "this ')' has no matching '('"))
        }
        Some(t) => Err(parser.error_at(t.at, "unexpected text")),
    }
}

/// Queries pasted from a word processor come with typographic quotes.
fn straight_quotes(query: &str) -> String {
    query.replace(
        ['\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}'],
        "\"",
    )
}

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<Token>,
    next: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).cloned();
        self.next += 1;
        token
    }

    fn error_at(&self, at: usize, what: &str) -> IndexError {
        syntax_error(self.query, at, what)
    }

    /// Where the query ends, for "expected more" errors.
    fn end(&self) -> usize {
        self.query.trim_end().len()
    }

    fn or(&mut self, scope: Option<FieldName>) -> Result<Node, IndexError> {
        let mut alternatives = vec![self.and(scope)?];
        while let Some(Token {
            kind: TokenKind::Or,
            ..
        }) = self.peek()
        {
            self.bump();
            alternatives.push(self.and(scope)?);
        }
        Ok(flatten(alternatives, Node::Or))
    }

    fn and(&mut self, scope: Option<FieldName>) -> Result<Node, IndexError> {
        let mut required = vec![self.unary(scope)?];
        loop {
            match self.peek().map(|t| &t.kind) {
                None | Some(TokenKind::Or) | Some(TokenKind::Close) => break,
                Some(TokenKind::And) => {
                    self.bump();
                }
                Some(_) => {}
            }
            required.push(self.unary(scope)?);
        }
        Ok(flatten(required, Node::And))
    }

    fn unary(&mut self, scope: Option<FieldName>) -> Result<Node, IndexError> {
        match self.peek().map(|t| t.kind.clone()) {
            Some(TokenKind::Not) | Some(TokenKind::Minus) => {
                self.bump();
                Ok(Node::Not(Box::new(self.unary(scope)?)))
            }
            _ => self.primary(scope),
        }
    }

    fn primary(&mut self, scope: Option<FieldName>) -> Result<Node, IndexError> {
        let Some(token) = self.bump() else {
            return Err(self.error_at(self.end(), "the query ends where a word was expected"));
        };
        match token.kind {
            TokenKind::Open => {
                let inner = self.or(scope)?;
                match self.bump() {
                    Some(Token {
                        kind: TokenKind::Close,
                        ..
                    }) => Ok(inner),
                    _ => Err(self.error_at(token.at, "this '(' is never closed")),
                }
            }
            TokenKind::Field(field) => self.field_value(field, token.at),
            TokenKind::Word(text) => leaf(self.query, scope, text, false, token.at),
            TokenKind::Phrase(text) => leaf(self.query, scope, text, true, token.at),
            TokenKind::Close => Err(self.error_at(token.at, "this ')' has no matching '('")),
            TokenKind::And | TokenKind::Or => Err(self.error_at(
                token.at,
                "an operator needs a word or a group on both sides",
            )),
            TokenKind::Not | TokenKind::Minus => Ok(Node::Not(Box::new(self.primary(scope)?))),
        }
    }

    /// The value of `field:` must follow the colon directly.
    fn field_value(&mut self, field: FieldName, at: usize) -> Result<Node, IndexError> {
        let glued = matches!(
            self.peek().map(|t| &t.kind),
            Some(TokenKind::Word(_)) | Some(TokenKind::Phrase(_)) | Some(TokenKind::Open)
        );
        if !glued {
            return Err(self.error_at(at, "this field has no value after its ':'"));
        }
        self.primary(Some(field))
    }
}

/// A single child needs no operator around it.
fn flatten(mut children: Vec<Node>, op: fn(Vec<Node>) -> Node) -> Node {
    if children.len() == 1 {
        children.pop().unwrap_or(Node::All)
    } else {
        op(children)
    }
}

/// A word or phrase under `scope`; under `year:` it must be a year range.
fn leaf(
    query: &str,
    scope: Option<FieldName>,
    text: String,
    phrase: bool,
    at: usize,
) -> Result<Node, IndexError> {
    match scope {
        Some(FieldName::Year) => year_range(&text)
            .map(|(from, to)| Node::Year { from, to })
            .ok_or_else(|| {
                let what = format!(
                    "'{text}' is not a year or year range \
                     (write 2021, 2019..2024, 2019.. or ..2010)"
                );
                syntax_error(query, at, &what)
            }),
        Some(FieldName::Kind) => kind_value(query, &text, at),
        Some(FieldName::SourceType) => source_type_value(query, &text, at),
        field => Ok(Node::Text {
            field,
            text,
            phrase,
        }),
    }
}

/// "2021", "2019..2024", "2019..", "..2010"; `None` if malformed or empty.
fn year_range(text: &str) -> Option<(Option<i64>, Option<i64>)> {
    let year = |s: &str| -> Option<i64> {
        let s = s.trim();
        let digits = !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| s.parse().ok()).flatten()
    };
    let bound = |s: &str| -> Option<Option<i64>> {
        if s.trim().is_empty() {
            Some(None)
        } else {
            year(s).map(Some)
        }
    };
    match text.split_once("..") {
        None => year(text).map(|y| (Some(y), Some(y))),
        Some((from, to)) => {
            let (from, to) = (bound(from)?, bound(to)?);
            match (from, to) {
                (None, None) => None,
                (Some(a), Some(b)) if a > b => None,
                range => Some(range),
            }
        }
    }
}

fn kind_value(query: &str, text: &str, at: usize) -> Result<Node, IndexError> {
    let wanted = text.trim().to_ascii_lowercase();
    let known = quire_model::WorkKind::ALL
        .iter()
        .any(|k| k.as_str() == wanted);
    if !known {
        let names: Vec<&str> = quire_model::WorkKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        let what = format!("unknown kind '{text}' (kinds are: {})", names.join(", "));
        return Err(syntax_error(query, at, &what));
    }
    Ok(Node::Text {
        field: Some(FieldName::Kind),
        text: wanted,
        phrase: false,
    })
}

fn source_type_value(query: &str, text: &str, at: usize) -> Result<Node, IndexError> {
    let wanted = text.trim().to_ascii_lowercase();
    if !matches!(wanted.as_str(), "primary" | "secondary" | "unknown") {
        let what = format!("unknown source type '{text}' (primary, secondary or unknown)");
        return Err(syntax_error(query, at, &what));
    }
    Ok(Node::Text {
        field: Some(FieldName::SourceType),
        text: wanted,
        phrase: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Node {
        Node::Text {
            field: None,
            text: text.into(),
            phrase: false,
        }
    }

    fn error(query: &str) -> String {
        match parse(query) {
            Err(IndexError::Query { message }) => message,
            other => panic!("expected a query error for {query:?}, got {other:?}"),
        }
    }

    #[test]
    fn bare_words_are_anded() {
        assert_eq!(
            parse("durand line").unwrap(),
            Node::And(vec![word("durand"), word("line")])
        );
    }

    #[test]
    fn not_binds_tighter_than_and_tighter_than_or() {
        assert_eq!(
            parse("a OR b NOT c").unwrap(),
            Node::Or(vec![
                word("a"),
                Node::And(vec![word("b"), Node::Not(Box::new(word("c")))])
            ])
        );
        assert_eq!(
            parse("(a OR b) AND c").unwrap(),
            Node::And(vec![Node::Or(vec![word("a"), word("b")]), word("c")])
        );
    }

    #[test]
    fn field_scopes_a_group() {
        let t = |text: &str, phrase| Node::Text {
            field: Some(FieldName::Title),
            text: text.into(),
            phrase,
        };
        assert_eq!(
            parse(r#"title:(a OR "b c")"#).unwrap(),
            Node::Or(vec![t("a", false), t("b c", true)])
        );
    }

    #[test]
    fn year_ranges() {
        let y = |from, to| Node::Year { from, to };
        assert_eq!(parse("year:2021").unwrap(), y(Some(2021), Some(2021)));
        assert_eq!(parse("year:2019..2024").unwrap(), y(Some(2019), Some(2024)));
        assert_eq!(parse("year:2019..").unwrap(), y(Some(2019), None));
        assert_eq!(parse("year:..2010").unwrap(), y(None, Some(2010)));
    }

    #[test]
    fn malformed_queries_point_at_the_problem() {
        assert!(error("year:abc").contains("column 6"));
        assert!(error("year:..").contains("not a year"));
        assert!(error("year:2024..2019").contains("not a year"));
        assert!(error("(a OR b").contains("'(' is never closed"));
        assert!(error("a OR b)").contains("column 7"));
        assert!(error("a OR").contains("ends where a word was expected"));
        assert!(error("OR a").contains("column 1"));
        assert!(error("a AND OR b").contains("operator"));
        assert!(error("title: a").contains("no value"));
        assert!(error("kind:statment").contains("unknown kind"));
        assert!(error("NOT").contains("ends where"));
    }

    #[test]
    fn typographic_quotes_make_phrases() {
        assert_eq!(
            parse("\u{201C}durand line\u{201D}").unwrap(),
            Node::Text {
                field: None,
                text: "durand line".into(),
                phrase: true
            }
        );
    }

    #[test]
    fn blank_query_is_everything() {
        assert_eq!(parse("  ").unwrap(), Node::All);
    }
}
