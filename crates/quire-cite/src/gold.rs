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

/// A copy of an AnyStyle-style reference (every token inside a field, text =
/// field texts joined by spaces) with the part APA sets in italics — the
/// journal, else the container, else a book's title — wrapped in emphasis
/// marks as Markdown or PDF-to-text conversion leaves them: `*Survival*,`
/// (`marks` = "*") or `**Survival**,` ("**"). Training on such copies
/// teaches the labeller what the residue means; the gold data itself has
/// none. None when the reference has no such field or is not in that form.
pub fn with_emphasis(r: &GoldReference, marks: &str) -> Option<GoldReference> {
    let joined: Vec<&str> = r.fields.iter().map(|f| f.text.as_str()).collect();
    if r.text != joined.join(" ") {
        return None;
    }
    let has = |label: &str| r.fields.iter().any(|f| f.label == label);
    let target = if has("journal") {
        "journal"
    } else if has("container-title") {
        "container-title"
    } else if has("publisher") && has("title") {
        "title"
    } else {
        return None;
    };
    let mut out = r.clone();
    let field = out.fields.iter_mut().find(|f| f.label == target)?;
    let text = field.text.as_str();
    let lead = ["In: ", "In "]
        .iter()
        .find(|p| text.starts_with(*p))
        .map_or(0, |p| p.len());
    let core_end = text.trim_end_matches(['.', ',', ';', ':']).len();
    if core_end <= lead {
        return None;
    }
    field.text = format!(
        "{}{marks}{}{marks}{}",
        &text[..lead],
        &text[lead..core_end],
        &text[core_end..]
    );
    out.text = out
        .fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    out.id = format!("{}+emphasis", r.id);
    Some(out)
}

/// Collapse runs of whitespace to one space and trim.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_copies_mark_the_journal() {
        let g: GoldReference = serde_json::from_str(
            r#"{"id":"a","text":"Roy, O. (2000). Title. Survival, 4(2), 1-3.","fields":[
            {"label":"author","text":"Roy, O."},{"label":"date","text":"(2000)."},
            {"label":"title","text":"Title."},{"label":"journal","text":"Survival,"},
            {"label":"volume","text":"4(2),"},{"label":"pages","text":"1-3."}]}"#,
        )
        .unwrap();
        let e = with_emphasis(&g, "*").unwrap();
        assert_eq!(e.text, "Roy, O. (2000). Title. *Survival*, 4(2), 1-3.");
        assert_eq!(e.fields[3].text, "*Survival*,");
        let (toks, labels) = e.labelled_tokens();
        let i = toks.iter().position(|t| t.text == "*Survival*").unwrap();
        assert_eq!(labels[i], "journal");
    }

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
