//! Recency: the protocol's selection rule (recent years, seminal older
//! works, a keep-list) applied to every work and shown — which works are
//! in and why — and the timeline of works per year per category.

use crate::corpus::Corpus;
use crate::gaps::{count_matrix, YearColumns};
use crate::types::{Recency, RecencyEntry, RecencyStatus};
use crate::ReviewInput;
use quire_model::{SelectionRule, Work};

pub fn recency(input: &ReviewInput, corpus: &Corpus) -> Recency {
    let rule = &input.protocol.selection;
    let mut works: Vec<RecencyEntry> = input
        .works
        .iter()
        .map(|w| {
            let cited_by = input.citation_counts.get(&w.id).copied().unwrap_or(0);
            let (status, mut reason) = classify(rule, w, cited_by);
            let selected = input.selected.contains(&w.id);
            match (selected, status) {
                (true, RecencyStatus::Out) => reason.push_str("; selected nonetheless"),
                (false, s) if s != RecencyStatus::Out => {
                    reason.push_str("; not selected (excluded at screening)")
                }
                _ => {}
            }
            RecencyEntry {
                work_id: w.id.clone(),
                year: w.year,
                cited_by,
                status,
                selected,
                reason,
            }
        })
        .collect();
    works.sort_by(|a, b| {
        (a.year.is_none(), a.year, &a.work_id).cmp(&(b.year.is_none(), b.year, &b.work_id))
    });
    let count = |s: RecencyStatus| works.iter().filter(|e| e.status == s).count();
    let years = YearColumns::new(corpus);
    Recency {
        rule: describe(rule, input.works),
        recent: count(RecencyStatus::Recent),
        seminal: count(RecencyStatus::Seminal),
        kept: count(RecencyStatus::Kept),
        undated: count(RecencyStatus::Undated),
        out: count(RecencyStatus::Out),
        timeline: count_matrix(corpus, &years.labels, |w| {
            years.column(corpus.works[w].year)
        }),
        works,
    }
}

/// Recent first, then seminal, then kept by name; otherwise out.
fn classify(rule: &SelectionRule, work: &Work, cited_by: usize) -> (RecencyStatus, String) {
    let Some(range) = rule.years else {
        return (
            RecencyStatus::Recent,
            "no year range in the protocol: every work is in".into(),
        );
    };
    if let Some(y) = work.year.filter(|&y| range.contains(y)) {
        return (
            RecencyStatus::Recent,
            format!("from {y}; the protocol takes works {}", range.in_words()),
        );
    }
    if let Some(s) = rule
        .seminal
        .filter(|s| cited_by >= s.cited_by_at_least && s.cited_by_at_least > 0)
    {
        return (
            RecencyStatus::Seminal,
            format!(
                "cited by {cited_by} works in the corpus (seminal at {} or more)",
                s.cited_by_at_least
            ),
        );
    }
    if rule.keeps(work) {
        return (RecencyStatus::Kept, "on the protocol's keep-list".into());
    }
    // The selection keeps what it cannot date rather than drop grey
    // literature unseen.
    let Some(y) = work.year else {
        return (
            RecencyStatus::Undated,
            "no year known: kept for the reviewer to judge".into(),
        );
    };
    let when = format!("from {y}; the protocol takes works {}", range.in_words());
    let seminal = match rule.seminal {
        Some(s) => format!(
            ", cited by {cited_by} (seminal needs {})",
            s.cited_by_at_least
        ),
        None => String::new(),
    };
    (
        RecencyStatus::Out,
        format!("{when}{seminal}, not on the keep-list"),
    )
}

fn describe(rule: &SelectionRule, works: &[Work]) -> String {
    let mut parts = Vec::new();
    match rule.years {
        Some(r) => parts.push(format!("works {} are in as recent", r.in_words())),
        None => parts.push("every work is in (no year range)".into()),
    }
    if let Some(s) = rule.seminal {
        parts.push(format!(
            "older works cited by at least {} works of the corpus are in as seminal",
            s.cited_by_at_least
        ));
    }
    if !rule.keep.is_empty() {
        parts.push(format!(
            "{} works on the keep-list are in whatever their year",
            rule.keep.len()
        ));
        let unmatched = rule.unmatched_keep(works);
        if !unmatched.is_empty() {
            parts.push(format!(
                "the keep-list's {} name no work of the review (name a work by its id as `quire \
                 search` shows it, its DOI or its title)",
                unmatched
                    .iter()
                    .map(|e| format!("“{e}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut text = parts.join("; ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text + "."
}
