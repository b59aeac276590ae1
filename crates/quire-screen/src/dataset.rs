//! Records to screen and labelled datasets for simulation: ASReview-style
//! CSV (`id,title,abstract,label_included`, optionally gzipped) and RIS
//! with a label field, plus conversion from `quire_model::Work`.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quire_model::Work;

use crate::error::{Result, ScreenError};

/// One record as the screener sees it: the text the model reads, and the
/// known label when the record comes from a labelled dataset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScreenRecord {
    pub id: String,
    pub title: String,
    pub abstract_text: String,
    pub keywords: Vec<String>,
    /// `Some(true)` = included, `Some(false)` = excluded, `None` = unknown.
    pub label: Option<bool>,
}

impl ScreenRecord {
    /// The text the features are built from: title, abstract, keywords.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(
            self.title.len() + self.abstract_text.len() + 16 * self.keywords.len() + 2,
        );
        text.push_str(&self.title);
        text.push(' ');
        text.push_str(&self.abstract_text);
        for keyword in &self.keywords {
            text.push(' ');
            text.push_str(keyword);
        }
        text
    }

    /// An unlabelled record for a work of the review.
    pub fn from_work(work: &Work) -> ScreenRecord {
        ScreenRecord {
            id: work.id.clone(),
            title: work.title.clone(),
            abstract_text: work.abstract_text.clone().unwrap_or_default(),
            keywords: work.keywords.clone(),
            label: None,
        }
    }
}

/// Read a labelled dataset; the format follows the file name:
/// `.csv`, `.csv.gz`, `.ris`, `.ris.gz`, `.txt` (RIS).
pub fn read_labelled(path: &Path) -> Result<Vec<ScreenRecord>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let file = std::fs::File::open(path).map_err(|e| ScreenError::io(path, e))?;
    let (reader, base): (Box<dyn Read>, &str) = match name.strip_suffix(".gz") {
        Some(base) => (Box::new(flate2::read::MultiGzDecoder::new(file)), base),
        None => (Box::new(file), name.as_str()),
    };
    let records = if base.ends_with(".ris") || base.ends_with(".txt") {
        read_ris(reader, path)?
    } else {
        read_csv(reader, path)?
    };
    if records.is_empty() {
        return Err(ScreenError::Invalid(format!(
            "{}: no records found",
            path.display()
        )));
    }
    Ok(records)
}

/// Column positions of an ASReview-style CSV header.
struct CsvColumns {
    id: Option<usize>,
    title: usize,
    abstract_text: Option<usize>,
    keywords: Option<usize>,
    label: Option<usize>,
}

impl CsvColumns {
    fn from_header(header: &csv::StringRecord, path: &Path) -> Result<CsvColumns> {
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        let title = find(&["title", "primary_title", "ti"])
            .ok_or_else(|| ScreenError::parse(path, 1, "no `title` column in the header"))?;
        Ok(CsvColumns {
            id: find(&["id", "record_id"]),
            title,
            abstract_text: find(&["abstract", "abstract_text", "ab"]),
            keywords: find(&["keywords", "kw"]),
            label: find(&["label_included", "included", "label", "final_included"]),
        })
    }
}

/// Parse CSV text; quoted fields may hold commas and newlines.
pub fn read_csv(reader: impl Read, path: &Path) -> Result<Vec<ScreenRecord>> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| ScreenError::parse(path, 1, e.to_string()))?
        .clone();
    let columns = CsvColumns::from_header(&header, path)?;
    let mut records = Vec::new();
    for (index, row) in csv.records().enumerate() {
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(index as u64 + 2);
            ScreenError::parse(path, line, e.to_string())
        })?;
        let line = row.position().map(|p| p.line()).unwrap_or(index as u64 + 2);
        let field = |col: Option<usize>| col.and_then(|c| row.get(c)).unwrap_or("").trim();
        let label = match columns.label {
            Some(col) => parse_label(row.get(col).unwrap_or(""))
                .map_err(|message| ScreenError::parse(path, line, message))?,
            None => None,
        };
        let id = match field(columns.id) {
            "" => (index + 1).to_string(),
            id => id.to_string(),
        };
        records.push(ScreenRecord {
            id,
            title: field(Some(columns.title)).to_string(),
            abstract_text: field(columns.abstract_text).to_string(),
            keywords: split_keywords(field(columns.keywords)),
            label,
        });
    }
    Ok(records)
}

fn split_keywords(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

/// Labels as ASReview and SYNERGY write them; empty means unlabelled.
fn parse_label(text: &str) -> std::result::Result<Option<bool>, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "nan" | "-1" => Ok(None),
        "1" | "1.0" | "true" | "yes" | "included" | "relevant" | "asreview_relevant" => {
            Ok(Some(true))
        }
        "0" | "0.0" | "false" | "no" | "excluded" | "irrelevant" | "asreview_irrelevant" => {
            Ok(Some(false))
        }
        other => Err(format!(
            "label `{other}` is not 0/1, true/false or included/excluded"
        )),
    }
}

/// Parse RIS; the label comes from `LB` (ASReview's export writes
/// `ASReview_relevant`/`ASReview_irrelevant`) or a `label_included: 1` note.
pub fn read_ris(reader: impl Read, path: &Path) -> Result<Vec<ScreenRecord>> {
    let mut records = Vec::new();
    let mut current: Option<ScreenRecord> = None;
    let mut last_tag = String::new();
    for (index, line) in BufReader::new(reader).lines().enumerate() {
        let line_no = index as u64 + 1;
        let line = line.map_err(|e| ScreenError::io(path, e))?;
        let line = line.trim_start_matches('\u{feff}').trim_end();
        let (tag, value) = match ris_tag(line) {
            Some(tv) => tv,
            None => {
                // A continuation line of the previous field.
                if let (Some(record), false) = (current.as_mut(), line.trim().is_empty()) {
                    append_ris(record, &last_tag, line.trim());
                }
                continue;
            }
        };
        match tag {
            "TY" => current = Some(ScreenRecord::default()),
            "ER" => {
                let mut record = current.take().ok_or_else(|| {
                    ScreenError::parse(path, line_no, "`ER` without a preceding `TY`")
                })?;
                if record.id.is_empty() {
                    record.id = (records.len() + 1).to_string();
                }
                records.push(record);
            }
            _ => {
                let record = current.as_mut().ok_or_else(|| {
                    ScreenError::parse(path, line_no, format!("`{tag}` outside a record (no `TY`)"))
                })?;
                set_ris(record, tag, value, path, line_no)?;
            }
        }
        last_tag = tag.to_string();
    }
    if current.is_some() {
        return Err(ScreenError::parse(path, 0, "last record has no `ER` line"));
    }
    Ok(records)
}

fn ris_tag(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let is_tag = bytes.len() >= 5
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_alphanumeric()
        && line.get(2..5) == Some("  -");
    is_tag.then(|| (&line[..2], line[5..].trim()))
}

fn set_ris(
    record: &mut ScreenRecord,
    tag: &str,
    value: &str,
    path: &Path,
    line: u64,
) -> Result<()> {
    match tag {
        "ID" => record.id = value.to_string(),
        "TI" | "T1" if record.title.is_empty() => record.title = value.to_string(),
        "AB" | "N2" if record.abstract_text.is_empty() => record.abstract_text = value.to_string(),
        "KW" => record.keywords.push(value.to_string()),
        "LB" => record.label = parse_label(value).map_err(|m| ScreenError::parse(path, line, m))?,
        "N1" => {
            if let Some(label) = value.strip_prefix("label_included:") {
                record.label = parse_label(label).map_err(|m| ScreenError::parse(path, line, m))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn append_ris(record: &mut ScreenRecord, tag: &str, text: &str) {
    let target = match tag {
        "TI" | "T1" => &mut record.title,
        "AB" | "N2" => &mut record.abstract_text,
        _ => return,
    };
    target.push(' ');
    target.push_str(text);
}
