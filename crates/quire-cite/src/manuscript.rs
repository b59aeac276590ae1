//! Reading a manuscript into plain text lines: .txt and .md as they are,
//! .html with tags dropped and block elements turned into line breaks,
//! .docx from the paragraphs of `word/document.xml`.
//!
//! .pdf from its text layer (quire-ingest's PDF reader: pages joined,
//! words broken at line ends joined again); the section finder copes with
//! the page numbers and running heads that extraction leaves between
//! entries. A scanned PDF without a text layer is an error that says so.

use std::path::Path;

use crate::error::{CiteError, Result};

/// A manuscript as text. Line numbers reported elsewhere are 1-based lines
/// of `text` (for .txt and .md, the lines of the file itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manuscript {
    pub text: String,
    /// "txt", "md", "html", "docx" or "pdf".
    pub format: &'static str,
}

/// Read a manuscript, choosing the reader by file extension.
pub fn read_manuscript(path: &Path) -> Result<Manuscript> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = std::fs::read(path).map_err(|e| CiteError::io(path, e))?;
    match ext.as_str() {
        "docx" => Ok(Manuscript {
            text: docx_text(path, &bytes)?,
            format: "docx",
        }),
        "pdf" => Ok(Manuscript {
            text: quire_ingest::pdf::text_layer(&bytes).map_err(|message| CiteError::Format {
                path: path.to_path_buf(),
                format: "pdf",
                message,
            })?,
            format: "pdf",
        }),
        "html" | "htm" | "xhtml" => Ok(Manuscript {
            text: html_text(&String::from_utf8_lossy(&bytes)),
            format: "html",
        }),
        _ => {
            let text = String::from_utf8(bytes).map_err(|e| CiteError::Format {
                path: path.to_path_buf(),
                format: "text",
                message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            })?;
            let format = if ext == "md" || ext == "markdown" {
                "md"
            } else {
                "txt"
            };
            Ok(Manuscript { text, format })
        }
    }
}

/// The paragraphs of a .docx, one a line (quire-ingest's reader).
pub fn docx_text(path: &Path, bytes: &[u8]) -> Result<String> {
    quire_ingest::docx::text(bytes, quire_ingest::docx::Paragraphs::Lines).map_err(|message| {
        CiteError::Format {
            path: path.to_path_buf(),
            format: "docx",
            message,
        }
    })
}

const BLOCK_TAGS: [&str; 16] = [
    "p",
    "br",
    "li",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "ol",
    "ul",
    "blockquote",
    "article",
];

/// Visible text of an HTML page: tags dropped, `<script>`/`<style>` bodies
/// dropped, block elements on lines of their own, common entities decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[lt + gt + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |i| &rest[i..]);
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    // Source line breaks inside a paragraph are not line breaks on the page.
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.replace('\n', " ");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace('\n', " ")
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('\u{2013}'),
        "mdash" => Some('\u{2014}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_become_lines() {
        let t = html_text(
            "<html><style>p{}</style><h2>References</h2><p>Ruiz, A. (2017).\n <i>Title</i> &amp; more.</p><p>B</p>",
        );
        assert_eq!(t.trim(), "References\nRuiz, A. (2017). Title & more.\nB");
    }

    #[test]
    fn docx_paragraphs() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>References</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Ruiz, A. </w:t></w:r><w:r><w:t>(2017).</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            quire_ingest::docx::document_xml_text(xml, quire_ingest::docx::Paragraphs::Lines)
                .unwrap(),
            "References\nRuiz, A. (2017).\n"
        );
    }
}
