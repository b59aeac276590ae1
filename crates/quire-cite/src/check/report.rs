//! Writing a check report: one JSON object for machines, grouped text with
//! the counts first for people.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{CheckReport, ProblemKind};

impl CheckReport {
    /// The JSON object of `quire cite check --format json`.
    pub fn to_json(&self) -> Value {
        let citations: Vec<Value> = self
            .citations
            .iter()
            .zip(&self.matches)
            .map(|(c, m)| {
                let mut v = json!({
                    "text": c.text, "line": c.line, "authors": c.authors,
                    "year": c.year, "reference": m,
                });
                if !c.numbers.is_empty() {
                    v["numbers"] = json!(c.numbers);
                }
                if let Some(l) = &c.locator {
                    v["locator"] = json!(l);
                }
                v
            })
            .collect();
        let references: Vec<Value> = self
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "index": i + 1, "line": r.line, "text": r.text,
                    "authors": r.authors.iter().map(|a| a.family.clone()).collect::<Vec<_>>(),
                    "year": (r.year.is_some() || r.date_note.is_some()).then(|| super::ref_year(r)),
                    "title": r.title,
                })
            })
            .collect();
        let problems: Vec<Value> = self
            .problems
            .iter()
            .map(|p| {
                json!({
                    "kind": p.kind.as_str(), "citation": p.citation, "line": p.line,
                    "reference": p.reference, "suggestion": p.suggestion, "message": p.message,
                })
            })
            .collect();
        let mut out =
            json!({ "citations": citations, "references": references, "problems": problems });
        if !self.cited_in_notes.is_empty() {
            out["cited_in_notes"] = json!(self.cited_in_notes);
        }
        if !self.bibliography.is_empty() {
            out["bibliography"] = json!(self.bibliography);
        }
        if let Some(note) = &self.style_note {
            out["style_note"] = json!(note);
        }
        out
    }

    /// The report for people: counts first, then problems grouped by kind.
    pub fn to_text(&self) -> String {
        let mut by_kind: BTreeMap<ProblemKind, Vec<&super::Problem>> = BTreeMap::new();
        for p in &self.problems {
            by_kind.entry(p.kind).or_default().push(p);
        }
        let matched = self.matches.iter().filter(|m| m.is_some()).count();
        let mut out = format!(
            "{} citations ({} matched), {} references, {} problems\n",
            self.citations.len(),
            matched,
            self.references.len(),
            self.problems.len()
        );
        if !self.cited_in_notes.is_empty() {
            out.push_str(&format!(
                "  {} references cited in notes (by author and title)\n",
                self.cited_in_notes.len()
            ));
        }
        if let Some(note) = &self.style_note {
            out.push_str(&format!("  {note}\n"));
        }
        if !self.bibliography.is_empty() {
            out.push_str(&format!(
                "  citations by key, checked against {}\n",
                self.bibliography.join(", ")
            ));
        } else if self.references.is_empty() {
            out.push_str(
                "  no reference list found (no References, Bibliography, Works Cited … heading)\n",
            );
        }
        if !by_kind.is_empty() {
            let counts: Vec<String> = by_kind
                .iter()
                .map(|(k, v)| format!("{} {}", v.len(), k.as_str()))
                .collect();
            out.push_str(&format!("  {}\n", counts.join(", ")));
        }
        for (kind, problems) in &by_kind {
            out.push_str(&format!("\n{} ({})\n", kind.as_str(), problems.len()));
            for p in problems {
                let mut line = format!("  line {:>4}: {}", p.line, p.message);
                if let Some(s) = &p.suggestion {
                    line.push_str(&format!(" — suggest: {s}"));
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }
}
