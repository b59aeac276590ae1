//! Manual codes as CSV: `work_id,passage,category,coder`, one row per
//! passage × category. A row with an empty category records a passage that
//! was read and coded as belonging to no category — a negative example
//! for training. Malformed rows are reported with their line and skipped;
//! the good rows are kept.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use quire_model::{Coding, CodingOrigin, Passage};
use serde::{Deserialize, Serialize};

use crate::{CodeError, LabelledPassage};

#[derive(Debug, Serialize, Deserialize)]
struct Row {
    work_id: String,
    passage: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    coder: String,
}

/// The codes read from a CSV file and the rows that were skipped.
#[derive(Debug, Default)]
pub struct CodesImport {
    /// Manual codings; `category` is empty for "no category applies".
    pub codes: Vec<Coding>,
    pub skipped: Vec<CodeError>,
}

/// Read manual codes from a CSV file.
pub fn read_codes_csv(path: &Path) -> Result<CodesImport, CodeError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| CodeError::Io {
        path: shown.clone(),
        source,
    })?;
    read_codes_from(file, &shown)
}

/// Read manual codes from any reader; `shown` names it in messages.
pub fn read_codes_from<R: Read>(reader: R, shown: &str) -> Result<CodesImport, CodeError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| input_error(shown, 1, e.to_string()))?
        .clone();
    for needed in ["work_id", "passage", "category"] {
        if !headers.iter().any(|h| h == needed) {
            return Err(input_error(
                shown,
                1,
                format!(
                    "missing column `{needed}`: the header must be work_id,passage,category,coder"
                ),
            ));
        }
    }
    let mut out = CodesImport::default();
    for result in rdr.records() {
        let row = result.map_err(|e| (e.position().map_or(0, |p| p.line()), e.to_string()));
        let parsed = row.and_then(|rec| {
            let line = rec.position().map_or(0, |p| p.line());
            rec.deserialize::<Row>(Some(&headers))
                .map_err(|e| e.to_string())
                .and_then(to_coding)
                .map_err(|m| (line, m))
        });
        match parsed {
            Ok(c) => out.codes.push(c),
            Err((line, message)) => out.skipped.push(input_error(shown, line, message)),
        }
    }
    Ok(out)
}

fn to_coding(row: Row) -> Result<Coding, String> {
    if row.work_id.is_empty() {
        return Err("empty work_id".into());
    }
    let passage = row.passage.parse::<usize>().map_err(|_| {
        format!(
            "passage `{}` is not a passage number (0, 1, 2, ...)",
            row.passage
        )
    })?;
    Ok(Coding {
        work_id: row.work_id,
        passage,
        category: row.category,
        origin: CodingOrigin::Manual,
        score: 1.0,
        evidence: Vec::new(),
        coder: (!row.coder.is_empty()).then_some(row.coder),
    })
}

fn input_error(path: &str, line: u64, message: String) -> CodeError {
    CodeError::Input {
        path: path.to_string(),
        line,
        message,
    }
}

/// Write codings as CSV (auto codings too: their coder column is `auto`).
pub fn write_codes_csv<W: Write>(writer: W, codings: &[Coding]) -> Result<(), CodeError> {
    let out_err = |e: csv::Error| CodeError::Output {
        path: "codes CSV".into(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(writer);
    for c in codings {
        let coder = match (&c.coder, c.origin) {
            (Some(name), _) => name.clone(),
            (None, CodingOrigin::Auto) => "auto".into(),
            (None, CodingOrigin::Manual) => String::new(),
        };
        w.serialize(Row {
            work_id: c.work_id.clone(),
            passage: c.passage.to_string(),
            category: c.category.clone(),
            coder,
        })
        .map_err(out_err)?;
    }
    w.flush().map_err(|e| CodeError::Output {
        path: "codes CSV".into(),
        message: e.to_string(),
    })
}

/// Training examples from manual codes: the text of every hand-coded
/// passage with the set of categories it was given (empty for a passage
/// coded as none). Codes for passages not in `passages` are ignored.
pub fn labelled_examples(codes: &[Coding], passages: &[Passage]) -> Vec<(String, Vec<String>)> {
    let by_passage = codes_by_passage(codes);
    passages
        .iter()
        .filter_map(|p| {
            by_passage
                .get(&(p.work_id.as_str(), p.ordinal))
                .map(|cats| (p.text.clone(), cats.clone()))
        })
        .collect()
}

/// The categories given to each (work, passage ordinal), first seen first.
fn codes_by_passage(codes: &[Coding]) -> BTreeMap<(&str, usize), Vec<String>> {
    let mut by_passage: BTreeMap<(&str, usize), Vec<String>> = BTreeMap::new();
    for c in codes {
        let cats = by_passage
            .entry((c.work_id.as_str(), c.passage))
            .or_default();
        if !c.category.is_empty() && !cats.contains(&c.category) {
            cats.push(c.category.clone());
        }
    }
    by_passage
}

/// Hand codes joined to their passages with the passages before and after
/// each in its work, for [`crate::Coder::train_passages`], so training
/// sees the same context evidence that [`crate::code_passages`] scores
/// with. `passages` must be in document order.
pub fn labelled_passages(codes: &[Coding], passages: &[Passage]) -> Vec<LabelledPassage> {
    labelled_passages_with(codes, passages, None)
}

/// [`labelled_passages`] with each passage's sentence embedding (one per
/// passage, in the same order), mixed with its neighbours' as
/// [`crate::code_passages_with`] mixes them.
pub fn labelled_passages_with(
    codes: &[Coding],
    passages: &[Passage],
    embeddings: Option<&[Vec<f32>]>,
) -> Vec<LabelledPassage> {
    let semantic = embeddings.map(|e| crate::semantic::in_context_by_work(passages, e));
    let by_passage = codes_by_passage(codes);
    let same_work = |i: usize, j: usize| passages[i].work_id == passages[j].work_id;
    passages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let cats = by_passage.get(&(p.work_id.as_str(), p.ordinal))?;
            let before = i
                .checked_sub(1)
                .filter(|&j| same_work(i, j))
                .map(|j| passages[j].text.clone());
            let after = (i + 1 < passages.len() && same_work(i, i + 1))
                .then(|| passages[i + 1].text.clone());
            Some(LabelledPassage {
                text: p.text.clone(),
                categories: cats.clone(),
                before,
                after,
                semantic: semantic
                    .as_ref()
                    .and_then(|s| s.get(i))
                    .filter(|v| !v.is_empty())
                    .cloned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reports_bad_rows() {
        let csv = "work_id,passage,category,coder\nkhan-2021,3,threat_landscape,ayesha\nkhan-2021,x,regional_actors,ayesha\nkhan-2021,4,,ayesha\n";
        let import = read_codes_from(csv.as_bytes(), "codes.csv").unwrap();
        assert_eq!(import.codes.len(), 2);
        assert_eq!(import.skipped.len(), 1);
        let msg = import.skipped[0].to_string();
        assert!(msg.starts_with("codes.csv:3:"), "{msg}");
        assert_eq!(import.codes[0].passage, 3);
        assert_eq!(import.codes[0].coder.as_deref(), Some("ayesha"));
        assert_eq!(import.codes[1].category, "");

        let mut out = Vec::new();
        write_codes_csv(&mut out, &import.codes).unwrap();
        let again = read_codes_from(out.as_slice(), "again.csv").unwrap();
        assert_eq!(again.codes, import.codes);
        assert!(again.skipped.is_empty());
    }

    #[test]
    fn missing_columns_are_an_error() {
        let err = read_codes_from("a,b\n1,2\n".as_bytes(), "c.csv").unwrap_err();
        assert!(err.to_string().contains("work_id"), "{err}");
    }

    #[test]
    fn labelled_examples_group_codes_by_passage() {
        let p = |o: usize, t: &str| Passage {
            work_id: "w".into(),
            ordinal: o,
            text: t.into(),
            ..Default::default()
        };
        let code = |o: usize, c: &str| Coding {
            work_id: "w".into(),
            passage: o,
            category: c.into(),
            origin: CodingOrigin::Manual,
            score: 1.0,
            evidence: vec![],
            coder: None,
        };
        let ex = labelled_examples(
            &[code(0, "a"), code(0, "b"), code(2, "")],
            &[p(0, "zero"), p(1, "one"), p(2, "two")],
        );
        assert_eq!(
            ex,
            vec![
                ("zero".to_string(), vec!["a".to_string(), "b".to_string()]),
                ("two".to_string(), vec![])
            ]
        );
        let lp = labelled_passages(
            &[code(0, "a"), code(1, "b")],
            &[p(0, "zero"), p(1, "one"), p(2, "two")],
        );
        assert_eq!(lp.len(), 2);
        assert_eq!(
            (lp[0].before.as_deref(), lp[0].after.as_deref()),
            (None, Some("one"))
        );
        assert_eq!(
            (lp[1].before.as_deref(), lp[1].after.as_deref()),
            (Some("zero"), Some("two"))
        );
        assert_eq!(lp[1].categories, ["b"]);
    }
}
