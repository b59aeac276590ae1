//! Checking a pandoc Markdown manuscript's `[@key]` citations against the
//! bibliography files it names (and ones given besides).

use std::path::Path;

use quire_cite::check::{check_file_with, CitationStyle, ProblemKind};
use quire_cite::parse::ReferenceParser;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn problems(report: &quire_cite::check::CheckReport) -> Vec<(ProblemKind, usize, String)> {
    report
        .problems
        .iter()
        .map(|p| (p.kind, p.line, p.suggestion.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn key_citations_are_checked_against_the_front_matter_bibliography() {
    let parser = ReferenceParser::new().unwrap();
    let report = check_file_with(&data("pandoc.md"), &parser, CitationStyle::Apa, &[]).unwrap();
    assert_eq!(report.bibliography.len(), 1);
    assert!(report.bibliography[0].ends_with("pandoc-refs.bib"));
    let keys: Vec<(&str, usize)> = report
        .citations
        .iter()
        .map(|c| (c.text.as_str(), c.line))
        .collect();
    assert_eq!(keys.len(), 8, "{keys:?}");
    assert_eq!(
        problems(&report),
        vec![
            (ProblemKind::NoReference, 11, String::new()),
            (ProblemKind::NoReference, 15, "@khan2022".into()),
            (ProblemKind::NoReference, 15, "@rashid2000".into()),
            (ProblemKind::DuplicateReference, 16, "@khan2022".into()),
        ],
        "{}",
        report.to_text()
    );
    // The entry that could not be read is named where a key is missing.
    assert!(report.problems[0].message.contains("pandoc-refs.bib:"));
    // Only cited entries make the reference list, in order of citation.
    let titles: Vec<&str> = report
        .references
        .iter()
        .map(|r| r.title.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(titles.len(), 3);
    assert_eq!(titles[0], "The TTP after the fall of Kabul");
    let first = &report.citations[0];
    assert_eq!(first.locator.as_deref(), Some("p. 204"));
    assert_eq!(first.authors, ["Khan", "Ali"]);
    assert_eq!(first.year.as_deref(), Some("2022"));
}

#[test]
fn bibliographies_given_besides_the_front_matter_are_read_too() {
    let parser = ReferenceParser::new().unwrap();
    let more = [data("pandoc-more.json")];
    let report = check_file_with(&data("pandoc.md"), &parser, CitationStyle::Apa, &more).unwrap();
    assert_eq!(report.bibliography.len(), 2);
    assert!(!report
        .problems
        .iter()
        .any(|p| p.citation.as_deref() == Some("[@unama2023]")));
    assert_eq!(report.problems.len(), 3, "{}", report.to_text());
}

#[test]
fn a_missing_bibliography_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.md");
    std::fs::write(
        &paper,
        "---\nbibliography: nowhere.bib\n---\nText [@a2020].\n",
    )
    .unwrap();
    let parser = ReferenceParser::new().unwrap();
    let err = check_file_with(&paper, &parser, CitationStyle::Apa, &[]).unwrap_err();
    assert!(err.to_string().contains("nowhere.bib"), "{err}");
}

#[test]
fn a_handle_in_an_author_date_paper_does_not_switch_to_keys() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(data("clean.md")).unwrap();
    let with_handle = clean.replacen("\n\n", "\n\nFollow @UNAMA_News for updates.\n\n", 1);
    let paper = dir.path().join("paper.md");
    std::fs::write(&paper, with_handle).unwrap();
    let parser = ReferenceParser::new().unwrap();
    let report = check_file_with(&paper, &parser, CitationStyle::Apa, &[]).unwrap();
    assert!(report.bibliography.is_empty());
    assert_eq!(report.references.len(), 10);
    assert!(report.problems.is_empty(), "{}", report.to_text());
}
