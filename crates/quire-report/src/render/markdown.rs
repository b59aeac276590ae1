//! Markdown rendering (GitHub-flavoured tables): the same content as the
//! HTML, with charts linked as the SVG files written under `charts/`.

use super::{Block, CellStyle, Document, Quote, Table};
use crate::escape::markdown as md;
use crate::references::Reference;
use std::fmt::Write;

/// Render the document as Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = writeln!(out, "# {}\n", md(&doc.title));
    if !doc.question.is_empty() {
        let _ = writeln!(out, "**Review question:** {}\n", md(&doc.question));
    }
    if !doc.facts.is_empty() {
        let facts: Vec<String> = doc.facts.iter().map(|f| md(f)).collect();
        let _ = writeln!(out, "{}\n", facts.join(" · "));
    }
    out.push_str("## Contents\n\n");
    for (i, s) in doc.sections.iter().enumerate() {
        let _ = writeln!(out, "{}. [{}](#{})", i + 1, md(&s.title), s.id);
    }
    out.push('\n');
    for (i, s) in doc.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n## {}. {}\n",
            s.id,
            i + 1,
            md(&s.title)
        );
        for b in &s.blocks {
            block(b, &mut out);
        }
    }
    out
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(t) => {
            let _ = writeln!(out, "{}\n", md(t));
        }
        Block::Note(t) => {
            let _ = writeln!(out, "*{}*\n", md(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(out, "### {}\n", md(t));
        }
        Block::List(items) => {
            for i in items {
                let _ = writeln!(out, "- {}", md(i));
            }
            out.push('\n');
        }
        Block::Table(t) => table(t, out),
        Block::Quote(q) => quote(q, out),
        Block::Pair(a, b) => {
            quote(a, out);
            quote(b, out);
        }
        Block::Chart(c) => {
            let _ = writeln!(out, "![{}](charts/{}.svg)\n", md(&c.title), c.name);
        }
        Block::References(refs) => references(refs, out),
    }
}

fn table(t: &Table, out: &mut String) {
    if !t.caption.is_empty() {
        let _ = writeln!(out, "**{}**\n", md(&t.caption));
    }
    let header: Vec<String> = t.header.iter().map(|h| md(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let align: Vec<&str> = (0..t.header.len())
        .map(|c| {
            let numeric = t
                .rows
                .iter()
                .any(|r| r.get(c).is_some_and(|cell| cell.style != CellStyle::Text));
            if numeric {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c.style {
                CellStyle::Thin => format!("**{}** ⚠", md(&c.text)),
                _ => match &c.title {
                    Some(title) if c.text.is_empty() => format!("*{}*", md(title)),
                    Some(title) => format!("{} *{}*", md(&c.text), md(title)),
                    None => md(&c.text),
                },
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn quote(q: &Quote, out: &mut String) {
    if !q.label.is_empty() {
        let _ = writeln!(out, "> **{}**  ", md(&q.label));
    }
    let _ = writeln!(out, "> “{}” {}\n", md(&q.text), md(&q.citation));
}

fn references(refs: &[Reference], out: &mut String) {
    for r in refs {
        let mut line = String::new();
        for span in &r.spans {
            let text = md(&span.text);
            // Emphasis markers must hug the text, so spaces stay outside.
            if span.italic && !text.trim().is_empty() {
                let lead = &text[..text.len() - text.trim_start().len()];
                let trail = &text[text.trim_end().len()..];
                let _ = write!(line, "{lead}*{}*{trail}", text.trim());
            } else {
                line.push_str(&text);
            }
        }
        let _ = writeln!(out, "{line}\n");
    }
}
