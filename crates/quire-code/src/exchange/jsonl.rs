//! Coded passages as JSON Lines: one object per passage,
//! `{"source", "passage", "heading", "text", "codes": [{"category", "score",
//! "evidence"}]}`, with `codes` the assigned categories, best first — or,
//! from [`score_document`], every category's score — and `"page"` when the
//! source has pages (a PDF), so a quote can be found in it.

use std::io::Write;

use quire_model::Passage;
use serde::{Deserialize, Serialize};

use crate::{CategoryScore, Coder};

/// One passage with the categories it was assigned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodedPassage {
    /// The file or work id the passage comes from.
    pub source: String,
    pub passage: usize,
    pub heading: Option<String>,
    /// The page the passage starts on, for paginated sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub text: String,
    pub codes: Vec<CategoryScore>,
}

/// Code every passage of one source: the categories assigned (score at or
/// above the coder's threshold), best first.
pub fn code_document(coder: &Coder, source: &str, passages: &[Passage]) -> Vec<CodedPassage> {
    let mut coded = score_document(coder, source, passages);
    for c in &mut coded {
        assigned_only(coder, c);
    }
    coded
}

/// Score every passage of one source against every category, best first,
/// assigned or not (a researcher's own cut-off, a ranking to read).
pub fn score_document(coder: &Coder, source: &str, passages: &[Passage]) -> Vec<CodedPassage> {
    score_document_with(coder, source, passages, None)
}

/// [`score_document`] with each passage's sentence embedding, already
/// mixed with its neighbours' (`semantic::in_context`), one per passage.
pub fn score_document_with(
    coder: &Coder,
    source: &str,
    passages: &[Passage],
    semantic: Option<&[Vec<f32>]>,
) -> Vec<CodedPassage> {
    let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    passages
        .iter()
        .zip(coder.score_document_with(&texts, semantic))
        .map(|(p, codes)| CodedPassage {
            source: source.to_string(),
            passage: p.ordinal,
            heading: p.heading.clone(),
            page: p.page,
            text: p.text.clone(),
            codes,
        })
        .collect()
}

/// Keep the assigned categories of a scored passage.
pub fn assigned_only(coder: &Coder, passage: &mut CodedPassage) {
    passage.codes.retain(|s| s.score >= coder.threshold);
}

/// Write one JSON object per line.
pub fn write_jsonl<W: Write>(out: &mut W, coded: &[CodedPassage]) -> std::io::Result<()> {
    for c in coded {
        serde_json::to_writer(&mut *out, c)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::{Category, Codebook};

    #[test]
    fn one_object_per_passage_with_sorted_codes() {
        let cb = Codebook {
            categories: vec![
                Category {
                    id: "threat_landscape".into(),
                    label: "Threats".into(),
                    terms: vec!["TTP".into(), "safe havens".into()],
                    ..Default::default()
                },
                Category {
                    id: "regional_actors".into(),
                    label: "Regional actors".into(),
                    terms: vec!["China".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let coder = Coder::from_codebook(&cb).unwrap();
        let ps = crate::passages::split_text(
            "w",
            "# Threats\n\nThe TTP uses safe havens; China worries about the TTP and its safe havens.\n\nNothing to see in this second paragraph of the text here, which is about fishing.\n",
        );
        let mut out = Vec::new();
        write_jsonl(&mut out, &code_document(&coder, "a.md", &ps)).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["source"], "a.md");
        assert_eq!(lines[0]["passage"], 0);
        assert_eq!(lines[0]["heading"], "Threats");
        let codes = lines[0]["codes"].as_array().unwrap();
        assert_eq!(codes[0]["category"], "threat_landscape");
        assert_eq!(codes[0]["evidence"][0], "safe havens");
        let scores: Vec<f64> = codes.iter().map(|c| c["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        assert!(lines[1]["codes"].as_array().unwrap().is_empty());
        // Every category's score, assigned or not: the fishing paragraph
        // scores both categories, low.
        let all = score_document(&coder, "a.md", &ps);
        assert_eq!(all[1].codes.len(), 2);
        assert!(all[1].codes.iter().all(|c| c.score < coder.threshold));
        assert!(all[0].codes.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
