//! Word documents (.docx): the paragraphs of `word/document.xml` as a full
//! text, and the title and author of `docProps/core.xml`.
//!
//! A .docx is a zip of XML parts (WordprocessingML). Paragraphs become
//! blocks separated by a blank line, so the passage splitter sees them;
//! headings (paragraph styles "Heading 1" …, "Title") become Markdown
//! headings, so passages keep their section. The year is one the document
//! prints for itself (© 2023, a dated issue line); the file's creation
//! date is when someone made the file, not when the work appeared.

use std::io::Read;

use quire_model::{Document, Work, WorkKind};

use crate::front_matter;
use crate::ids::{self, clean};
use crate::names::{is_junk_author, person_from_display};
use crate::{Emit, IngestError};

/// How paragraphs are joined in [`text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paragraphs {
    /// One paragraph a line: line numbers count paragraphs (manuscripts).
    Lines,
    /// Blocks separated by a blank line, headings as `#` lines (import).
    Blocks,
}

/// The text of a .docx: its paragraphs, tabs and line breaks, then its
/// footnotes and endnotes as Markdown notes (`[^3]: …`, `[^e2]: …`) under
/// a "Notes" heading: the passage splitter keeps them out of the body's
/// paragraphs, the citation check reads the citations they hold. As
/// blocks (import), the notes' marks in the body are written as Markdown
/// marks (`[^3]`) too.
pub fn text(bytes: &[u8], paragraphs: Paragraphs) -> Result<String, String> {
    let xml = part(bytes, "word/document.xml")?
        .ok_or_else(|| "word/document.xml is missing: not a Word document".to_string())?;
    let mut out = document_xml_text(&xml, paragraphs)?;
    let mut notes = Vec::new();
    for (name, prefix) in [("word/footnotes.xml", ""), ("word/endnotes.xml", "e")] {
        if let Some(xml) = part(bytes, name)? {
            notes.extend(
                notes_xml_text(&xml)?
                    .into_iter()
                    .map(|(id, text)| format!("[^{prefix}{id}]: {text}")),
            );
        }
    }
    if !notes.is_empty() {
        // After the body (its line numbers unchanged), under a heading
        // that also closes a reference list before them.
        match paragraphs {
            Paragraphs::Blocks => {
                out.push_str("## Notes\n\n");
                out.push_str(&notes.join("\n\n"));
                out.push_str("\n\n");
            }
            Paragraphs::Lines => {
                out.push_str("Notes\n");
                out.push_str(&notes.join("\n"));
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// A parse error of an XML part, with where it happened.
fn xml_error(reader: &quick_xml::Reader<&[u8]>, e: &quick_xml::Error) -> String {
    format!("XML error at byte {}: {e}", reader.buffer_position())
}

/// The notes of `word/footnotes.xml` or `word/endnotes.xml`: (id, text),
/// leaving out the separators Word keeps there as notes of their own.
fn notes_xml_text(xml: &str) -> Result<Vec<(String, String)>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut notes = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if matches!(e.name().as_ref(), b"w:footnote" | b"w:endnote") => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let separator = attr("w:type").is_some_and(|t| t != "normal");
                current = attr("w:id")
                    .filter(|_| !separator)
                    .map(|id| (id, String::new()));
            }
            Ok(Event::End(e)) if matches!(e.name().as_ref(), b"w:footnote" | b"w:endnote") => {
                if let Some((id, text)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        notes.push((id, text));
                    }
                }
            }
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            // A note of several paragraphs reads as one.
            Ok(Event::End(e)) if e.name().as_ref() == b"w:p" => {
                if let Some((_, text)) = current.as_mut() {
                    text.push(' ');
                }
            }
            Ok(Event::Text(t)) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.unescape().map_err(|e| e.to_string())?);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_error(&reader, &e)),
            _ => {}
        }
    }
    Ok(notes)
}

/// One XML part of the zip, None when absent.
fn part(bytes: &[u8], name: &str) -> Result<Option<String>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut xml = String::new();
    file.read_to_string(&mut xml)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(xml))
}

/// Paragraph text from WordprocessingML: `<w:t>` runs, `<w:tab/>`,
/// `<w:br/>`, a paragraph break after each `</w:p>`.
pub fn document_xml_text(xml: &str, paragraphs: Paragraphs) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut heading: Option<usize> = None;
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::Empty(e)) | Ok(Event::Start(e)) if e.name().as_ref() == b"w:pStyle" => {
                heading = e
                    .try_get_attribute("w:val")
                    .ok()
                    .flatten()
                    .and_then(|a| heading_level(&String::from_utf8_lossy(&a.value)));
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"w:p" => {
                end_paragraph(&mut out, &paragraph, heading.take(), paragraphs);
                paragraph.clear();
            }
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:tab" => paragraph.push('\t'),
            Ok(Event::Empty(e))
                if paragraphs == Paragraphs::Blocks
                    && matches!(
                        e.name().as_ref(),
                        b"w:footnoteReference" | b"w:endnoteReference"
                    ) =>
            {
                let prefix = if e.name().as_ref() == b"w:endnoteReference" {
                    "e"
                } else {
                    ""
                };
                if let Some(id) = e.try_get_attribute("w:id").ok().flatten() {
                    paragraph.push_str(&format!(
                        "[^{prefix}{}]",
                        String::from_utf8_lossy(&id.value)
                    ));
                }
            }
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:br" => paragraph.push('\n'),
            Ok(Event::Text(t)) if in_text => {
                let s = t.unescape().map_err(|e| e.to_string())?;
                paragraph.push_str(&s);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_error(&reader, &e)),
            _ => {}
        }
    }
    Ok(out)
}

fn end_paragraph(out: &mut String, text: &str, heading: Option<usize>, how: Paragraphs) {
    match how {
        Paragraphs::Lines => {
            out.push_str(text);
            out.push('\n');
        }
        Paragraphs::Blocks if text.trim().is_empty() => {}
        Paragraphs::Blocks => {
            if let Some(level) = heading {
                out.push_str(&"#".repeat(level));
                out.push(' ');
            }
            out.push_str(text.trim());
            out.push_str("\n\n");
        }
    }
}

/// "Heading1", "heading 2", "Title" → the Markdown heading level.
fn heading_level(style: &str) -> Option<usize> {
    let s = style.to_ascii_lowercase().replace(' ', "");
    if s == "title" {
        return Some(1);
    }
    let level: usize = s.strip_prefix("heading")?.parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// (title, creator) of `docProps/core.xml`.
fn core_properties(bytes: &[u8]) -> (Option<String>, Option<String>) {
    use quick_xml::events::Event;
    let Ok(Some(xml)) = part(bytes, "docProps/core.xml") else {
        return (None, None);
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut title, mut creator) = (None, None);
    let mut current: Option<Vec<u8>> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => current = Some(e.name().as_ref().to_vec()),
            Ok(Event::End(_)) => current = None,
            Ok(Event::Text(t)) => {
                let value = t.unescape().ok().and_then(|v| clean(&v));
                match current.as_deref() {
                    Some(b"dc:title") => title = value,
                    Some(b"dc:creator") => creator = value,
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (title, creator)
}

pub(crate) fn read(bytes: &[u8], emit: &mut Emit<'_>) -> Result<(), IngestError> {
    let text = text(bytes, Paragraphs::Blocks)
        .map_err(|e| IngestError::unusable(emit.file, format!("not a readable .docx: {e}")))?;
    if text.trim().is_empty() {
        emit.skip(None, "the document has no text; imported without full text");
    }
    let (title, creator) = core_properties(bytes);
    // Its first heading, else an opening line that stands alone as a
    // title, else the file's name.
    let first_line = front_matter::title_heading(&text)
        .or_else(|| front_matter::standalone_title(&text))
        .map(|l| l.chars().take(200).collect::<String>());
    let mut work = Work {
        kind: WorkKind::Other,
        title: title
            .filter(|t| !ids::is_junk_title(t))
            .or(first_line)
            .unwrap_or_else(|| ids::file_stem(emit.file)),
        authors: match creator.filter(|c| !is_junk_author(c)) {
            Some(c) => person_from_display(&c).into_iter().collect(),
            // No author in the file's properties: the one it prints.
            None => front_matter::printed_authors(&text)
                .map(front_matter::people)
                .unwrap_or_default(),
        },
        year: ids::printed_year(&text.chars().take(3000).collect::<String>()),
        ..Default::default()
    };
    work.id = ids::work_id(None, &work);
    let document = Document {
        work_id: work.id.clone(),
        text,
        format: "docx".into(),
        page_starts: Vec::new(),
        file: emit.file.to_string(),
    };
    emit.record(work, Some(document), 1, None);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:document><w:body>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Border security</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">The TTP </w:t></w:r><w:r><w:t>regrouped.</w:t></w:r></w:p>
        <w:p></w:p>
        <w:p><w:r><w:t>Talks &amp; trade</w:t><w:tab/><w:t>resumed.</w:t></w:r></w:p>
        </w:body></w:document>"#;

    #[test]
    fn paragraphs_as_lines_or_blocks_with_headings() {
        assert_eq!(
            document_xml_text(XML, Paragraphs::Lines).unwrap(),
            "Border security\nThe TTP regrouped.\n\nTalks & trade\tresumed.\n"
        );
        assert_eq!(
            document_xml_text(XML, Paragraphs::Blocks).unwrap(),
            "# Border security\n\nThe TTP regrouped.\n\nTalks & trade\tresumed.\n\n"
        );
    }

    #[test]
    fn heading_styles() {
        assert_eq!(heading_level("Heading2"), Some(2));
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(heading_level("Heading9"), None);
    }

    #[test]
    fn not_a_zip_is_an_error_not_a_panic() {
        assert!(text(b"PK\x03\x04 broken", Paragraphs::Lines).is_err());
        assert!(text(b"plain text", Paragraphs::Blocks).is_err());
    }
}
