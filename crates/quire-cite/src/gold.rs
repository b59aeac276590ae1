//! Gold-labelled reference strings (the shared `refparse` JSON-lines format)
//! and their alignment to tokens, for training and for evaluation.
//!
//! A record is `{"id", "text", "fields": [{"label", "text"}, ...]}` where the
//! field texts occur in `text` in order. Each token takes the label of the
//! field its first byte falls in; bytes outside every field are `other`.

use std::path::Path;

use serde::Deserialize;

use crate::error::{CiteError, Result};
use crate::tokenize::{tokenize, Token};

/// The label of text that belongs to no field (punctuation, "In", "eds.").
pub const OTHER: &str = "other";

#[derive(Debug, Clone, Deserialize)]
pub struct GoldField {
    pub label: String,
    pub text: String,
}

/// One labelled reference string.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldReference {
    #[serde(default)]
    pub id: String,
    pub text: String,
    pub fields: Vec<GoldField>,
}

/// Read a JSON-lines file of gold references; a bad line is an error that
/// names the file and line.
pub fn read_jsonl(path: &Path) -> Result<Vec<GoldReference>> {
    let text = std::fs::read_to_string(path).map_err(|e| CiteError::io(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| CiteError::BadRecord {
                path: path.to_path_buf(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

impl GoldReference {
    /// Byte spans of each field in `text`, found in order. A field that
    /// cannot be found (should not happen in the shared data) is skipped.
    pub fn spans(&self) -> Vec<(usize, usize, &str)> {
        let mut spans = Vec::with_capacity(self.fields.len());
        let mut at = 0;
        for f in &self.fields {
            let needle = f.text.trim();
            if needle.is_empty() {
                continue;
            }
            if let Some(pos) = self.text[at..].find(needle) {
                let start = at + pos;
                spans.push((start, start + needle.len(), f.label.as_str()));
                at = start + needle.len();
            }
        }
        spans
    }

    /// The tokens of the string and the gold label of each.
    pub fn labelled_tokens(&self) -> (Vec<Token<'_>>, Vec<String>) {
        let tokens = tokenize(&self.text);
        let spans = self.spans();
        let mut labels = Vec::with_capacity(tokens.len());
        let mut k = 0;
        for t in &tokens {
            while k < spans.len() && spans[k].1 <= t.start {
                k += 1;
            }
            let label = match spans.get(k) {
                Some(&(s, e, l)) if s <= t.start && t.start < e => l,
                _ => OTHER,
            };
            labels.push(label.to_string());
        }
        (tokens, labels)
    }

    /// Gold fields as (label, whitespace-normalised text), `other` dropped.
    pub fn field_values(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|f| f.label != OTHER)
            .map(|f| (f.label.clone(), normalize_ws(&f.text)))
            .collect()
    }
}

/// Collapse runs of whitespace to one space and trim.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_tokens_to_fields_and_other() {
        let g: GoldReference = serde_json::from_str(
            r#"{"id":"x","text":"Akaike, H. (1974). A look.","fields":[
            {"label":"author","text":"Akaike, H."},{"label":"other","text":"("},
            {"label":"date","text":"1974"},{"label":"other","text":")."},
            {"label":"title","text":"A look."}]}"#,
        )
        .unwrap();
        let (toks, labels) = g.labelled_tokens();
        let pairs: Vec<(&str, &str)> = toks
            .iter()
            .zip(&labels)
            .map(|(t, l)| (t.text, l.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("Akaike", "author"),
                (",", "author"),
                ("H", "author"),
                (".", "author"),
                ("(", "other"),
                ("1974", "date"),
                (")", "other"),
                (".", "other"),
                ("A", "title"),
                ("look", "title"),
                (".", "title")
            ]
        );
    }
}
