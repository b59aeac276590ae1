//! Manuscript formats: a .docx built on the fly and an .html page give the
//! same reference list as the plain text.

use std::io::Write;

use quire_cite::parse::ReferenceParser;

const REFS: [&str; 2] = [
    "Rashid, A. (2022). Descent into chaos revisited: Afghanistan, Pakistan and the region. Penguin.",
    "Lindqvist, E. (2019). Water, ice and power: Hydropolitics in the Amu Darya basin. Central Asian Survey, 38(2), 190\u{2013}208.",
];

fn docx_bytes(paragraphs: &[&str]) -> Vec<u8> {
    docx_with_notes(paragraphs, &[])
}

/// A .docx of `paragraphs` and, when given, footnotes (ids 1, 2, …).
fn docx_with_notes(paragraphs: &[&str], notes: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                p.replace('&', "&amp;")
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        if !notes.is_empty() {
            let notes: String = notes
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    format!(
                        "<w:footnote w:id=\"{}\"><w:p><w:r><w:t xml:space=\"preserve\">{n}</w:t></w:r></w:p></w:footnote>",
                        i + 1
                    )
                })
                .collect();
            let xml = format!(
                "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{notes}</w:footnotes>"
            );
            zip.start_file(
                "word/footnotes.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn docx_reference_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.docx");
    let mut paras = vec!["Intro text (Rashid, 2022).", "References"];
    paras.extend(REFS);
    std::fs::write(&path, docx_bytes(&paras)).unwrap();
    let refs = ReferenceParser::new().unwrap().parse_file(&path).unwrap();
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[1].authors[0].family, "Lindqvist");
    assert_eq!(refs[1].volume.as_deref(), Some("38"));
    assert_eq!(refs[1].issue.as_deref(), Some("2"));
}

/// A Word manuscript in the notes style: its citations are in its
/// footnotes, which the check reads.
#[test]
fn a_word_manuscripts_footnotes_cite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.docx");
    let paras = [
        "Pakistan fenced the border after 2017, and trade fell by half.",
        "Bibliography",
        "Haddad, Rami. The Durand Line: Border, State and Society. Oxford: Oxford University Press, 2020.",
        "Rashid, Ahmed. Descent into Chaos: The United States and the Failure of Nation Building. New York: Viking, 2008.",
    ];
    let notes = ["Ahmed Rashid, Descent into Chaos (New York: Viking, 2008), 45."];
    std::fs::write(&path, docx_with_notes(&paras, &notes)).unwrap();
    let parser = ReferenceParser::new().unwrap();
    let report =
        quire_cite::check::check_file(&path, &parser, quire_cite::check::CitationStyle::Apa)
            .unwrap();
    assert_eq!(report.references.len(), 2, "{}", report.to_text());
    assert_eq!(report.cited_in_notes, [2], "{}", report.to_text());
    assert_eq!(report.problems.len(), 1, "{}", report.to_text());
}

#[test]
fn html_reference_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.html");
    let html = format!(
        "<html><body><p>Intro (Rashid, 2022).</p><h2>Works Cited</h2><ul><li>{}</li><li>{}</li></ul></body></html>",
        REFS[0], REFS[1]
    );
    std::fs::write(&path, html).unwrap();
    let refs = ReferenceParser::new().unwrap().parse_file(&path).unwrap();
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[0].year, Some(2022));
}

#[test]
fn broken_docx_is_a_format_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.docx");
    std::fs::write(&path, b"not a zip").unwrap();
    let err = ReferenceParser::new()
        .unwrap()
        .parse_file(&path)
        .unwrap_err();
    assert!(err.to_string().contains("bad.docx"), "{err}");
}

/// `clean.md` typeset as a two-page PDF (`tests/data/make_pdf.py`): running
/// heads, page numbers, a hyphenated word and the reference list broken
/// across the page. Checked from the PDF it gives what the Markdown gives.
#[test]
fn pdf_manuscript_checks_like_its_source() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let m = quire_cite::manuscript::read_manuscript(&dir.join("clean.pdf")).unwrap();
    assert_eq!(m.format, "pdf");
    let parser = ReferenceParser::new().unwrap();
    let style = quire_cite::check::CitationStyle::Apa;
    let from_pdf = quire_cite::check::check_file(&dir.join("clean.pdf"), &parser, style).unwrap();
    let from_md = quire_cite::check::check_file(&dir.join("clean.md"), &parser, style).unwrap();
    assert_eq!(from_pdf.references.len(), from_md.references.len());
    assert_eq!(from_pdf.citations.len(), from_md.citations.len());
    assert!(from_pdf.problems.is_empty(), "{}", from_pdf.to_text());
}
