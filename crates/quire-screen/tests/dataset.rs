//! Reading labelled datasets: CSV quoting, missing abstracts, gzip, RIS,
//! and errors that name the file and line.

use std::io::Write;

use quire_screen::read_labelled;

const CSV: &str = "id,title,abstract,label_included\n\
1,\"Drones, borders and law\",\"First line\nsecond line, with comma\",1\n\
2,Trade corridors,,0\n\
3,\"A \"\"quoted\"\" title\",Plain abstract,0\n";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn csv_with_quotes_newlines_and_missing_abstracts() {
    let dir = tempfile::tempdir().unwrap();
    let records = read_labelled(&write(&dir, "labels.csv", CSV.as_bytes())).unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].title, "Drones, borders and law");
    assert_eq!(
        records[0].abstract_text,
        "First line\nsecond line, with comma"
    );
    assert_eq!(records[0].label, Some(true));
    assert_eq!(records[1].abstract_text, "");
    assert_eq!(records[1].label, Some(false));
    assert_eq!(records[2].title, "A \"quoted\" title");
}

#[test]
fn gzipped_csv_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(CSV.as_bytes()).unwrap();
    let path = write(&dir, "labels.csv.gz", &gz.finish().unwrap());
    let plain = read_labelled(&write(&dir, "labels.csv", CSV.as_bytes())).unwrap();
    assert_eq!(read_labelled(&path).unwrap(), plain);
}

#[test]
fn bad_label_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,title,abstract,label_included\n1,A,B,1\n2,C,D,perhaps\n";
    let err = read_labelled(&write(&dir, "bad.csv", text.as_bytes())).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("bad.csv:3"), "{message}");
    assert!(message.contains("perhaps"), "{message}");
}

#[test]
fn missing_title_column_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_labelled(&write(&dir, "x.csv", b"id,abstract\n1,a\n")).unwrap_err();
    assert!(err.to_string().contains("x.csv:1"), "{err}");
}

#[test]
fn ris_with_asreview_labels() {
    let dir = tempfile::tempdir().unwrap();
    let ris = "TY  - JOUR\nID  - a1\nTI  - Border security\nAB  - Long abstract\n  continued here\n\
KW  - border\nLB  - ASReview_relevant\nER  - \n\nTY  - JOUR\nT1  - Other\nLB  - ASReview_irrelevant\nER  - \n";
    let records = read_labelled(&write(&dir, "l.ris", ris.as_bytes())).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].id, "a1");
    assert_eq!(records[0].abstract_text, "Long abstract continued here");
    assert_eq!(records[0].keywords, vec!["border"]);
    assert_eq!(records[0].label, Some(true));
    assert_eq!(records[1].label, Some(false));
    assert_eq!(records[1].id, "2");
}

#[test]
fn ris_tag_outside_a_record_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_labelled(&write(&dir, "b.ris", b"TI  - orphan\n")).unwrap_err();
    assert!(err.to_string().contains("b.ris:1"), "{err}");
}

#[test]
fn a_wrapped_line_with_accents_where_a_tag_would_be_is_text() {
    // "ABé€…": byte 5 falls inside "€"; the line continues the abstract.
    let dir = tempfile::tempdir().unwrap();
    let ris = "TY  - JOUR\nTI  - Border\nAB  - Start\nABé€ continued\nER  - \n";
    let records = read_labelled(&write(&dir, "u.ris", ris.as_bytes())).unwrap();
    assert_eq!(records[0].abstract_text, "Start ABé€ continued");
}
