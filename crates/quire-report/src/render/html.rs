//! HTML rendering: one self-contained file with inline CSS and inline SVG,
//! no scripts and no external resources, with print rules (each section on
//! a new page, table rows and figures never cut).

use super::{Block, CellStyle, Document, Quote, Section, Table};
use crate::escape::xml;
use crate::references::Reference;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");

/// Render the document as a complete HTML page.
pub fn to_html(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"quire\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        xml(&doc.title)
    );
    header(doc, &mut out);
    toc(doc, &mut out);
    for (i, s) in doc.sections.iter().enumerate() {
        section(i + 1, s, &mut out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(doc: &Document, out: &mut String) {
    let _ = writeln!(
        out,
        "<header class=\"title\">\n<h1>{}</h1>",
        xml(&doc.title)
    );
    if !doc.question.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"question\"><span>Review question</span>{}</p>",
            xml(&doc.question)
        );
    }
    if !doc.facts.is_empty() {
        let facts: Vec<String> = doc.facts.iter().map(|f| xml(f)).collect();
        let _ = writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · "));
    }
    out.push_str("</header>\n");
}

fn toc(doc: &Document, out: &mut String) {
    out.push_str("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
    for s in &doc.sections {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            xml(&s.id),
            xml(&s.title)
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

fn section(n: usize, s: &Section, out: &mut String) {
    let _ = writeln!(
        out,
        "<section id=\"{}\">\n<h2><span class=\"num\">{n}</span> {}</h2>",
        xml(&s.id),
        xml(&s.title)
    );
    for b in &s.blocks {
        block(b, out);
    }
    out.push_str("</section>\n");
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(t) => {
            let _ = writeln!(out, "<p>{}</p>", xml(t));
        }
        Block::Note(t) => {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", xml(t));
        }
        Block::Subheading(t) => {
            let _ = writeln!(out, "<h3>{}</h3>", xml(t));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for i in items {
                let _ = writeln!(out, "<li>{}</li>", xml(i));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(t, out),
        Block::Quote(q) => quote(q, out),
        Block::Pair(a, b) => {
            out.push_str("<div class=\"pair\">\n");
            quote(a, out);
            quote(b, out);
            out.push_str("</div>\n");
        }
        Block::Chart(c) => {
            let _ = writeln!(
                out,
                "<figure class=\"chart\">\n{}<figcaption>{}</figcaption>\n</figure>",
                c.svg,
                xml(&c.title)
            );
        }
        Block::References(refs) => references(refs, out),
    }
}

fn table(t: &Table, out: &mut String) {
    // Short two- or three-column tables read better narrow.
    let class = if t.header.len() <= 3 {
        " class=\"compact\""
    } else {
        ""
    };
    let _ = writeln!(out, "<div class=\"table-wrap\">\n<table{class}>");
    if !t.caption.is_empty() {
        let _ = writeln!(out, "<caption>{}</caption>", xml(&t.caption));
    }
    out.push_str("<thead><tr>");
    for (c, h) in t.header.iter().enumerate() {
        let numeric = t
            .rows
            .iter()
            .any(|r| r.get(c).is_some_and(|cell| cell.style != CellStyle::Text));
        let class = if numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th{class}>{}</th>", xml(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let class = match c.style {
                CellStyle::Text => "",
                CellStyle::Number => " class=\"num\"",
                CellStyle::Thin => " class=\"num thin\"",
            };
            let tip = c
                .tip
                .as_deref()
                .map(|t| format!(" title=\"{}\"", xml(t)))
                .unwrap_or_default();
            let title = c
                .title
                .as_ref()
                .map(|t| format!(" <em>{}</em>", xml(t)))
                .unwrap_or_default();
            let _ = write!(out, "<td{class}{tip}>{}{title}</td>", xml(&c.text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn quote(q: &Quote, out: &mut String) {
    out.push_str("<blockquote>\n");
    if !q.label.is_empty() {
        let _ = writeln!(out, "<p class=\"label\">{}</p>", xml(&q.label));
    }
    let _ = writeln!(
        out,
        "<p>“{}”</p>\n<footer>{}</footer>\n</blockquote>",
        xml(&q.text),
        xml(&q.citation)
    );
}

fn references(refs: &[Reference], out: &mut String) {
    out.push_str("<ol class=\"references\">\n");
    for r in refs {
        let _ = write!(out, "<li id=\"ref-{}\">", xml(&r.work_id));
        for span in &r.spans {
            if span.italic {
                let _ = write!(out, "<i>{}</i>", xml(&span.text));
            } else {
                out.push_str(&xml(&span.text));
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}
