//! Split a query string into tokens, remembering where each one starts so
//! that errors can point at it.

use super::{syntax_error, FieldName, FIELD_NAMES};
use crate::IndexError;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    Open,
    Close,
    And,
    Or,
    Not,
    /// A `-` glued to the next word, phrase or group.
    Minus,
    /// `name:` glued to its value.
    Field(FieldName),
    Word(String),
    Phrase(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Byte offset in the query.
    pub at: usize,
}

/// Characters that end a bare word.
fn is_boundary(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

pub(crate) fn tokenize(query: &str) -> Result<Vec<Token>, IndexError> {
    let mut tokens = Vec::new();
    let mut rest = query.char_indices().peekable();
    while let Some(&(at, c)) = rest.peek() {
        match c {
            c if c.is_whitespace() => {
                rest.next();
            }
            '(' | ')' => {
                rest.next();
                let kind = if c == '(' {
                    TokenKind::Open
                } else {
                    TokenKind::Close
                };
                tokens.push(Token { kind, at });
            }
            '"' => {
                let end = query[at + 1..]
                    .find('"')
                    .ok_or_else(|| syntax_error(query, at, "this quote is never closed"))?;
                let phrase = query[at + 1..at + 1 + end].to_string();
                tokens.push(Token {
                    kind: TokenKind::Phrase(phrase),
                    at,
                });
                while rest.next_if(|&(i, _)| i <= at + 1 + end).is_some() {}
            }
            _ => {
                let mut end = query.len();
                while let Some(&(i, c)) = rest.peek() {
                    if is_boundary(c) {
                        end = i;
                        break;
                    }
                    rest.next();
                }
                word_tokens(query, at, &query[at..end], &mut tokens)?;
            }
        }
    }
    Ok(tokens)
}

/// Classify one bare word: an operator, `-` negation, `field:` prefix, or
/// plain text.
fn word_tokens(
    query: &str,
    at: usize,
    word: &str,
    tokens: &mut Vec<Token>,
) -> Result<(), IndexError> {
    let operator = match word {
        "AND" | "&&" => Some(TokenKind::And),
        "OR" | "||" => Some(TokenKind::Or),
        "NOT" => Some(TokenKind::Not),
        _ => None,
    };
    if let Some(kind) = operator {
        tokens.push(Token { kind, at });
        return Ok(());
    }
    if let Some(negated) = word.strip_prefix('-') {
        let glued = !negated.is_empty() || query[at + 1..].starts_with(['"', '(']);
        if !glued {
            // A free-standing dash ("Pakistan - Afghanistan") is punctuation.
            return Ok(());
        }
        tokens.push(Token {
            kind: TokenKind::Minus,
            at,
        });
        if negated.is_empty() {
            return Ok(());
        }
        return word_tokens(query, at + 1, negated, tokens);
    }
    if let Some(required) = word.strip_prefix('+').filter(|w| !w.is_empty()) {
        // `+word` is the web-search way of saying "must": AND already is.
        return word_tokens(query, at + 1, required, tokens);
    }
    if let Some((prefix, value)) = word.split_once(':') {
        if let Some(field) = FieldName::from_prefix(prefix) {
            let value_end = at + prefix.len() + 1;
            if value.is_empty() && !query[value_end..].starts_with(['"', '(']) {
                return Err(syntax_error(
                    query,
                    at,
                    "this field has no value after its ':'",
                ));
            }
            tokens.push(Token {
                kind: TokenKind::Field(field),
                at,
            });
            if !value.is_empty() {
                tokens.push(Token {
                    kind: TokenKind::Word(value.to_string()),
                    at: at + prefix.len() + 1,
                });
            }
            return Ok(());
        }
        let looks_like_field = !prefix.is_empty()
            && !value.is_empty()
            && !value.starts_with('/')
            && prefix.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
        if looks_like_field {
            let what = format!("unknown field '{prefix}' (fields are: {FIELD_NAMES})");
            return Err(syntax_error(query, at, &what));
        }
    }
    tokens.push(Token {
        kind: TokenKind::Word(word.to_string()),
        at,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(query: &str) -> Vec<TokenKind> {
        tokenize(query)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn words_phrases_operators_and_fields() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"title:"a b" OR -(c) NOT year:2019.."#),
            vec![
                Field(FieldName::Title),
                Phrase("a b".into()),
                Or,
                Minus,
                Open,
                Word("c".into()),
                Close,
                Not,
                Field(FieldName::Year),
                Word("2019..".into()),
            ]
        );
    }

    #[test]
    fn positions_are_byte_offsets() {
        let tokens = tokenize("ab  \"cd\" -e").unwrap();
        let at: Vec<usize> = tokens.iter().map(|t| t.at).collect();
        assert_eq!(at, vec![0, 4, 9, 10]);
    }

    #[test]
    fn colon_in_non_field_words_is_text() {
        assert_eq!(
            kinds("10:30 http://x.org"),
            vec![
                TokenKind::Word("10:30".into()),
                TokenKind::Word("http://x.org".into())
            ]
        );
    }

    #[test]
    fn unknown_field_and_open_quote_are_errors() {
        let err = tokenize("colour:red").unwrap_err().to_string();
        assert!(err.contains("unknown field 'colour'"), "{err}");
        let err = tokenize(r#"a "b c"#).unwrap_err().to_string();
        assert!(err.contains("column 3"), "{err}");
    }
}
