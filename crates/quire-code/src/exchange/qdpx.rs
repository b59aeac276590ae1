//! REFI-QDA 1.0 project export (`.qdpx`): a zip holding `project.qde`, the
//! XML project (Users, CodeBook/Codes/Code, Sources/TextSource with
//! PlainTextContent and PlainTextSelection/Coding/CodeRef), and each
//! source's plain text under `sources/`. GUIDs are derived from the ids
//! (UUID v5), so exporting the same project twice gives the same file.
//! Selection positions are counted in characters, as the standard asks,
//! not bytes.

use std::io::{Seek, Write};

use quick_xml::escape::escape;
use quire_model::{Codebook, Coding, CodingOrigin, Passage};
use uuid::Uuid;
use zip::write::SimpleFileOptions;

use crate::CodeError;

/// One coded source: its full text, the passages cut from it and the
/// codings (auto and manual) on those passages.
#[derive(Debug, Clone, Default)]
pub struct QdpxSource {
    pub work_id: String,
    /// Shown as the source's name in the QDA program (e.g. the title).
    pub name: String,
    /// The text the passage spans point into.
    pub text: String,
    pub passages: Vec<Passage>,
    pub codings: Vec<Coding>,
}

#[derive(Debug, Clone, Default)]
pub struct QdpxProject {
    pub name: String,
    pub codebook: Codebook,
    pub sources: Vec<QdpxSource>,
}

const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_1b2e_8d0a_4b57_9a3c_2e51_7d40_c0de);

fn guid(kind: &str, key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes())
        .hyphenated()
        .to_string()
        .to_uppercase()
}

/// Write the project as a `.qdpx` zip.
pub fn write_qdpx<W: Write + Seek>(writer: W, project: &QdpxProject) -> Result<(), CodeError> {
    let err = |message: String| CodeError::Output {
        path: "qdpx".into(),
        message,
    };
    let mut zip = zip::ZipWriter::new(writer);
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", opts)
        .map_err(|e| err(e.to_string()))?;
    zip.write_all(project_xml(project).as_bytes())
        .map_err(|e| err(e.to_string()))?;
    for s in &project.sources {
        let path = format!("sources/{}.txt", guid("source", &s.work_id));
        zip.start_file(path, opts).map_err(|e| err(e.to_string()))?;
        zip.write_all(xml_safe(&s.text).as_bytes())
            .map_err(|e| err(e.to_string()))?;
    }
    zip.finish().map_err(|e| err(e.to_string()))?;
    Ok(())
}

/// The `project.qde` XML document.
pub fn project_xml(project: &QdpxProject) -> String {
    let mut users: Vec<String> = vec!["quire-auto".into()];
    for c in project.sources.iter().flat_map(|s| &s.codings) {
        let u = coder_name(c);
        if !users.contains(&u) {
            users.push(u);
        }
    }
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x += &format!(
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"quire\">\n",
        escape(&project.name)
    );
    x += "  <Users>\n";
    for u in &users {
        x += &format!(
            "    <User guid=\"{}\" name=\"{}\"/>\n",
            guid("user", u),
            escape(u.as_str())
        );
    }
    x += "  </Users>\n  <CodeBook>\n    <Codes>\n";
    for c in &project.codebook.categories {
        x += &format!(
            "      <Code guid=\"{}\" name=\"{}\" isCodable=\"true\">\n        <Description>{}</Description>\n      </Code>\n",
            guid("code", &c.id),
            escape(c.label.as_str()),
            escape(xml_safe(&c.definition).as_str())
        );
    }
    x += "    </Codes>\n  </CodeBook>\n  <Sources>\n";
    for s in &project.sources {
        x += &text_source(s, &project.codebook);
    }
    x += "  </Sources>\n</Project>\n";
    x
}

fn text_source(s: &QdpxSource, codebook: &Codebook) -> String {
    let id = guid("source", &s.work_id);
    let text = xml_safe(&s.text);
    let mut x = format!(
        "    <TextSource guid=\"{id}\" name=\"{}\" plainTextPath=\"internal://{id}.txt\">\n",
        escape(if s.name.is_empty() {
            s.work_id.as_str()
        } else {
            s.name.as_str()
        })
    );
    x += &format!(
        "      <PlainTextContent>{}</PlainTextContent>\n",
        escape(text.as_str())
    );
    for p in &s.passages {
        let codes: Vec<&Coding> = s
            .codings
            .iter()
            .filter(|c| {
                c.passage == p.ordinal && codebook.categories.iter().any(|k| k.id == c.category)
            })
            .collect();
        if codes.is_empty() {
            continue;
        }
        let (start, end) = (char_offset(&text, p.start), char_offset(&text, p.end));
        let key = format!("{}#{}", s.work_id, p.ordinal);
        x += &format!(
            "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\">\n",
            guid("selection", &key),
            escape(format!("{} ¶{}", s.work_id, p.ordinal).as_str())
        );
        for c in codes {
            let user = coder_name(c);
            x += &format!(
                "        <Coding guid=\"{}\" creatingUser=\"{}\">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>\n",
                guid("coding", &format!("{key}:{}:{user}", c.category)),
                guid("user", &user),
                guid("code", &c.category)
            );
        }
        x += "      </PlainTextSelection>\n";
    }
    x += "    </TextSource>\n";
    x
}

fn coder_name(c: &Coding) -> String {
    match (&c.coder, c.origin) {
        (Some(n), _) if !n.is_empty() => n.clone(),
        (_, CodingOrigin::Auto) => "quire-auto".into(),
        (_, CodingOrigin::Manual) => "coder".into(),
    }
}

/// Characters XML 1.0 cannot carry become spaces, one for one, so character
/// positions stay right.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => ' ',
            c => c,
        })
        .collect()
}

/// Byte offset → character offset (clamped to the text, snapped back to a
/// character boundary).
fn char_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

#[cfg(test)]
mod tests;
