//! Format detection: by file extension, then by sniffing the first bytes.

use crate::Format;
use std::path::Path;

/// The format of a file, judged by its extension and then its first bytes
/// (`head`, a few KiB). None when quire does not read it.
pub fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let text = head_text(head);
    match ext.as_str() {
        "bib" | "bibtex" | "biblatex" => Some(Format::Bibtex),
        "ris" => Some(Format::Ris),
        "nbib" | "medline" => Some(Format::Medline),
        "csv" | "tsv" => Some(Format::Table),
        "json" | "csl" | "csljson" => Some(Format::CslJson),
        // JSON lines: OpenAlex works, or CSL-JSON items one per line.
        "jsonl" | "ndjson" => Some(if looks_openalex(&text) {
            Format::OpenAlexJsonl
        } else {
            Format::CslJson
        }),
        "md" | "markdown" => Some(Format::Markdown),
        // Reference managers save RIS as .txt too.
        "txt" | "text" => Some(if looks_ris(&text) {
            Format::Ris
        } else if looks_medline(&text) {
            Format::Medline
        } else if looks_web_of_science(&text) {
            Format::Table
        } else {
            Format::Text
        }),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        _ => sniff(head, &text),
    }
}

/// The head as text for sniffing: UTF-16 is decoded, BOMs dropped.
fn head_text(head: &[u8]) -> String {
    if head.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE
            .decode_with_bom_removal(&head[2..])
            .0
            .into_owned();
    }
    if head.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE
            .decode_with_bom_removal(&head[2..])
            .0
            .into_owned();
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    String::from_utf8_lossy(body).into_owned()
}

fn sniff(head: &[u8], text: &str) -> Option<Format> {
    if head.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    let t = text.trim_start();
    let lower: String = t.chars().take(200).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Some(Format::Html);
    }
    if looks_ris(text) {
        return Some(Format::Ris);
    }
    if looks_medline(text) {
        return Some(Format::Medline);
    }
    if looks_web_of_science(text) {
        return Some(Format::Table);
    }
    if t.starts_with('@')
        && t[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
            > 2
    {
        return Some(Format::Bibtex);
    }
    if t.starts_with('[') {
        return Some(Format::CslJson);
    }
    if t.starts_with('{') {
        return Some(if looks_openalex(t) {
            Format::OpenAlexJsonl
        } else {
            Format::CslJson
        });
    }
    if t.starts_with("---\n") || t.starts_with("---\r\n") {
        return Some(Format::Markdown);
    }
    None
}

/// The first JSON object is an OpenAlex work (its id or its authorships).
fn looks_openalex(text: &str) -> bool {
    let first_line = text.trim_start().lines().next().unwrap_or("");
    first_line.contains("openalex.org") || first_line.contains("\"authorships\"")
}

/// Web of Science's tab-delimited export: a header row of its two-letter
/// field tags, "PT", "AU", ….
fn looks_web_of_science(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').starts_with("PT\tAU\t"))
}

/// A `PMID- ` line among the first lines (PubMed's MEDLINE format).
fn looks_medline(text: &str) -> bool {
    text.lines().take(20).any(|l| l.starts_with("PMID- "))
}

/// A `TY  - ` line among the first lines.
fn looks_ris(text: &str) -> bool {
    text.lines()
        .take(20)
        .any(|l| l.trim_start().starts_with("TY  -") || l.trim_start().starts_with("TY -"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_of_pubmed_scopus_and_web_of_science() {
        assert_eq!(
            detect_format(Path::new("pubmed.nbib"), b""),
            Some(Format::Medline)
        );
        assert_eq!(
            detect_format(
                Path::new("pubmed-export.txt"),
                b"\nPMID- 34412345\nOWN - NLM\n"
            ),
            Some(Format::Medline)
        );
        assert_eq!(
            detect_format(Path::new("scopus.csv"), b"Authors,Title\n"),
            Some(Format::Table)
        );
        assert_eq!(
            detect_format(
                Path::new("savedrecs.txt"),
                b"\xEF\xBB\xBFPT\tAU\tBA\tTI\r\n"
            ),
            Some(Format::Table)
        );
        assert_eq!(
            detect_format(Path::new("savedrecs"), b"PT\tAU\tTI\n"),
            Some(Format::Table)
        );
    }

    #[test]
    fn by_extension_and_sniffing() {
        assert_eq!(detect_format(Path::new("a.BIB"), b""), Some(Format::Bibtex));
        assert_eq!(
            detect_format(Path::new("a.txt"), b"TY  - JOUR\r\n"),
            Some(Format::Ris)
        );
        assert_eq!(
            detect_format(Path::new("a.txt"), b"Hello"),
            Some(Format::Text)
        );
        assert_eq!(
            detect_format(Path::new("x"), b"%PDF-1.4"),
            Some(Format::Pdf)
        );
        assert_eq!(
            detect_format(Path::new("x"), b"\n<!DOCTYPE html>"),
            Some(Format::Html)
        );
        assert_eq!(
            detect_format(Path::new("x"), b"@article{k,"),
            Some(Format::Bibtex)
        );
        assert_eq!(
            detect_format(Path::new("x"), b"{\"id\":\"https://openalex.org/W1\"}"),
            Some(Format::OpenAlexJsonl)
        );
        assert_eq!(
            detect_format(Path::new("x.docx"), b"PK\x03\x04"),
            Some(Format::Docx)
        );
        assert_eq!(detect_format(Path::new("x.xlsx"), b"PK\x03\x04"), None);
        assert_eq!(
            detect_format(
                Path::new("w.jsonl"),
                b"{\"id\":\"https://openalex.org/W1\"}\n"
            ),
            Some(Format::OpenAlexJsonl)
        );
        assert_eq!(
            detect_format(
                Path::new("items.jsonl"),
                b"{\"id\":\"k1\",\"type\":\"report\",\"title\":\"T\"}\n"
            ),
            Some(Format::CslJson)
        );
    }
}
