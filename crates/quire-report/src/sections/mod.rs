//! The report's sections, built from the input into the format-neutral
//! [`Document`]: protocol and selection, PRISMA, corpus, evidence matrix,
//! written synthesis, themes, debates, gaps, primary vs secondary, actors,
//! references. Each file owns a group of sections.

mod actors;
mod findings;
mod gaps;
mod selection;

use crate::input::ReportInput;
use crate::references::Reference;
use crate::render::{Block, Document, Quote, Section};
use quire_synthesis::PassageRef;

/// "“…the strongest sentence…” (p. 3)": what a matrix cell's reader sees
/// on pointing at it.
pub(crate) fn strongest_tip(p: &PassageRef) -> String {
    let place = match p.page {
        Some(page) => format!("p. {page}"),
        None => format!("passage {}", p.passage + 1),
    };
    format!(
        "Strongest: \u{201c}{}\u{201d} ({place})",
        clip(&p.quote, 300)
    )
}

/// Build the whole report document.
/// A review of more works than this lists the selection rule applied to
/// each work in an appendix after the references, not in the protocol
/// section, so that the findings are not pages away from the top.
const SELECTION_ROWS_IN_PROTOCOL: usize = 40;
/// Likewise for the evidence matrix, a finding in its own right, which
/// stays in place up to this many works.
const MATRIX_ROWS_IN_FINDINGS: usize = 100;

pub fn build_document(input: &ReportInput, references: &[Reference]) -> Document {
    let review = &input.protocol.review;
    let title = if review.title.trim().is_empty() {
        "Structured literature review".to_string()
    } else {
        review.title.trim().to_string()
    };
    let mut sections = vec![
        selection::protocol(input),
        selection::prisma(input),
        selection::corpus(input),
        findings::evidence_matrix(input),
        findings::written_synthesis(input),
        findings::themes(input),
        findings::debates(input),
        gaps::gaps(input),
        gaps::sources(input),
        actors::actors(input),
    ];
    if !input.synthesis.warnings.is_empty() {
        sections.push(Section {
            id: "warnings".into(),
            title: "Input problems".into(),
            blocks: vec![
                Block::Note("What the synthesis skipped, so nothing is lost silently.".into()),
                Block::List(input.synthesis.warnings.clone()),
            ],
        });
    }
    sections.push(Section {
        id: "references".into(),
        title: "References".into(),
        blocks: vec![
            Block::Note(format!(
                "{} works, APA 7th edition, rendered through CSL. Also written as references.bib, references.ris and references.json (CSL-JSON).",
                references.len()
            )),
            Block::References(references.to_vec()),
        ],
    });
    sections.extend(findings::evidence_appendix(input));
    sections.extend(selection::selection_appendix(input));
    Document {
        title,
        question: review.question.trim().to_string(),
        facts: facts(input),
        sections,
    }
}

fn facts(input: &ReportInput) -> Vec<String> {
    let works = input.included_works().len();
    let included: std::collections::HashSet<&str> = input
        .included_works()
        .iter()
        .map(|w| w.id.as_str())
        .collect();
    let coded: std::collections::HashSet<(&str, usize)> = input
        .codings
        .iter()
        .filter(|c| included.contains(c.work_id.as_str()))
        .map(|c| (c.work_id.as_str(), c.passage))
        .collect();
    vec![
        format!("{works} works included"),
        format!("{} coded passages", coded.len()),
        format!(
            "{} categories",
            input
                .synthesis
                .categories
                .len()
                .max(input.protocol.categories.len())
        ),
        format!("{} actors in the codebook", input.protocol.actors.len()),
    ]
}

/// The citation of a passage with its page: "(Khan, 2021, p. 4)".
pub(crate) fn cite(p: &PassageRef) -> String {
    match (p.page, p.citation.strip_suffix(')')) {
        (Some(page), Some(open)) => format!("{open}, p. {page})"),
        _ => p.citation.clone(),
    }
}

/// A quote block for a passage; long quotes are cut at a word boundary.
pub(crate) fn quote(label: impl Into<String>, p: &PassageRef) -> Block {
    Block::Quote(quote_of(label, p))
}

pub(crate) fn quote_of(label: impl Into<String>, p: &PassageRef) -> Quote {
    Quote {
        label: label.into(),
        text: clip(&p.quote, 420),
        citation: cite(p),
    }
}

/// Cut text to about `max` characters at a word boundary, with an ellipsis.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
