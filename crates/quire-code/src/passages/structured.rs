//! Structured abstracts: the labelled parts ("BACKGROUND: …", "Results
//! The alert …") that bibliographic exports run together on one line.
//!
//! Half the abstracts of empirical journals are structured. Left whole,
//! their labels end up glued to the first word of a quote ("Background
//! Little is known …"); cut at the labels, each part is a passage with
//! the label as its heading.

use std::ops::Range;

/// Section labels of structured abstracts (matched without regard to
/// case), longest first so that "Methods and findings" wins over
/// "Methods".
const LABELS: &[&str] = &[
    "design, setting, and participants",
    "design, setting and participants",
    "main outcomes and measures",
    "main outcome measures",
    "materials and methods",
    "methods and findings",
    "methods and materials",
    "principal findings",
    "study design",
    "data sources",
    "research design",
    "interpretation",
    "interventions",
    "participants",
    "introduction",
    "measurements",
    "intervention",
    "conclusions",
    "limitations",
    "significance",
    "background",
    "conclusion",
    "discussion",
    "objectives",
    "importance",
    "objective",
    "purpose",
    "methods",
    "results",
    "setting",
    "context",
    "findings",
    "patients",
    "subjects",
    "method",
    "design",
    "aims",
    "aim",
];

/// One labelled part: its label as the abstract writes it, and the byte
/// range of its text (label and colon excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub label: String,
    pub text: Range<usize>,
}

/// The labelled parts of an abstract, or nothing when it is not
/// structured: it must open with a label and show at least two.
pub fn parts(text: &str) -> Vec<Part> {
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    for start in sentence_starts(text) {
        if let Some((label_end, body_start)) = label_at(text, start) {
            found.push((start..label_end, body_start));
        }
    }
    let opens = found
        .first()
        .is_some_and(|(l, _)| text[..l.start].trim().is_empty());
    if found.len() < 2 || !opens {
        return Vec::new();
    }
    found
        .iter()
        .enumerate()
        .map(|(i, (label, body))| {
            let end = found.get(i + 1).map_or(text.len(), |(next, _)| next.start);
            Part {
                label: title_case(&text[label.clone()]),
                text: *body..end,
            }
        })
        .collect()
}

/// Byte offsets where a sentence may begin: the start, and after ". ",
/// "? ", "! " (or a line break).
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut out = vec![text.len() - text.trim_start().len()];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let after_stop = matches!(b, b' ' | b'\n' | b'\t')
            && i > 0
            && matches!(bytes[i - 1], b'.' | b'?' | b'!' | b'\n' | b')');
        if after_stop && bytes.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
            out.push(i + 1);
        }
    }
    out
}

/// A label at `start`: followed by a colon, or written in capitals or
/// with a capital and followed by a word that opens a sentence ("Results
/// The alert"). Returns where the label ends and where its text begins.
fn label_at(text: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &text[start..];
    let label = LABELS.iter().find(|l| {
        rest.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
    })?;
    let written = &rest[..label.len()];
    if !written.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let after = &rest[label.len()..];
    let label_end = start + label.len();
    if let Some(body) = after.strip_prefix(':') {
        let body_start = label_end + 1 + (body.len() - body.trim_start().len());
        return Some((label_end, body_start));
    }
    // Without a colon: a space, then a word that opens a sentence.
    let body = after.strip_prefix(' ')?;
    let opens_sentence = body.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    opens_sentence.then_some((label_end, label_end + 1))
}

/// "RESULTS" → "Results", "main outcome measures" → "Main outcome measures".
fn title_case(label: &str) -> String {
    let lower = label.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(text: &str) -> Vec<(String, &str)> {
        parts(text)
            .into_iter()
            .map(|p| (p.label, &text[p.text]))
            .collect()
    }

    #[test]
    fn labels_with_colons_or_capitals_cut_the_abstract() {
        let text = "OBJECTIVE: To test alerts. METHODS: We randomized 40 clinics. \
                    RESULTS: Orders fell by 9%. CONCLUSIONS: Alerts work.";
        assert_eq!(
            labelled(text),
            [
                ("Objective".to_string(), "To test alerts. "),
                ("Methods".to_string(), "We randomized 40 clinics. "),
                ("Results".to_string(), "Orders fell by 9%. "),
                ("Conclusions".to_string(), "Alerts work."),
            ]
        );
        let text = "Background Little is known about defaults. Methods We changed \
                    the order sets. Results The default raised use.";
        assert_eq!(
            labelled(text)
                .iter()
                .map(|(l, _)| l.as_str())
                .collect::<Vec<_>>(),
            ["Background", "Methods", "Results"]
        );
        assert_eq!(labelled(text)[0].1, "Little is known about defaults. ");
    }

    #[test]
    fn prose_is_not_structured() {
        // A word that is also a label, but in running prose.
        assert!(parts("Results were mixed. Design matters, and methods vary.").is_empty());
        // One label only, not at the start.
        assert!(parts("We tried nudges. Conclusion: they work.").is_empty());
        assert!(parts("").is_empty());
    }
}
