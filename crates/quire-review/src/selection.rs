//! The protocol's selection rule: recent works (the `years` range), plus
//! seminal older works (cited by at least N works of the corpus, counted
//! from reference lists, OpenAlex `referenced_works` and the bibliographies
//! of full texts: see [`crate::citations`]), plus an explicit
//! keep-list. Works without a year are kept and flagged, because dropping
//! undated grey literature silently is worse than showing it.

use quire_model::{SelectionRule, Work};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Why a work is in or out of the selected set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SelectionReason {
    /// Within the protocol's year range (or no range is set).
    Recent,
    /// Older, but cited by at least the seminal threshold inside the corpus.
    Seminal { cited_by: usize },
    /// Named in the keep-list.
    Kept,
    /// No year known; kept for the reviewer to judge.
    Undated,
    /// Outside the year range and not seminal.
    OutOfRange { year: i32 },
}

impl SelectionReason {
    pub fn is_selected(&self) -> bool {
        !matches!(self, SelectionReason::OutOfRange { .. })
    }
}

/// The outcome of applying the rule to a corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Selection {
    pub reasons: BTreeMap<String, SelectionReason>,
    /// In-corpus cited-by counts, for every work cited at least once.
    pub cited_by: HashMap<String, usize>,
    /// Keep-list entries that name no work of the review (an id that
    /// changed, a typo): the user should hear of them.
    pub unmatched_keep: Vec<String>,
}

impl Selection {
    pub fn selected(&self) -> HashSet<String> {
        self.reasons
            .iter()
            .filter(|(_, r)| r.is_selected())
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub fn count_selected(&self) -> usize {
        self.reasons.values().filter(|r| r.is_selected()).count()
    }
}

/// Apply `rule` to `works`.
pub fn select(rule: &SelectionRule, works: &[Work]) -> Selection {
    let cited_by = citation_counts(works);
    let mut reasons = BTreeMap::new();
    for work in works {
        reasons.insert(work.id.clone(), reason_for(rule, &cited_by, work));
    }
    let unmatched_keep = rule
        .unmatched_keep(works)
        .into_iter()
        .map(str::to_string)
        .collect();
    Selection {
        reasons,
        cited_by,
        unmatched_keep,
    }
}

fn reason_for(
    rule: &SelectionRule,
    cited_by: &HashMap<String, usize>,
    work: &Work,
) -> SelectionReason {
    if rule.keeps(work) {
        return SelectionReason::Kept;
    }
    let Some(year) = work.year else {
        return SelectionReason::Undated;
    };
    if rule.years.is_none_or(|r| r.contains(year)) {
        return SelectionReason::Recent;
    }
    let cites = cited_by.get(&work.id).copied().unwrap_or(0);
    match rule.seminal {
        Some(s) if cites >= s.cited_by_at_least && s.cited_by_at_least > 0 => {
            SelectionReason::Seminal { cited_by: cites }
        }
        _ => SelectionReason::OutOfRange { year },
    }
}

/// In-corpus cited-by counts per work id (see [`crate::citations`]).
pub fn citation_counts(works: &[Work]) -> HashMap<String, usize> {
    crate::citations::citation_counts(works)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::{SeminalRule, YearRange};

    fn work(id: &str, year: Option<i32>, oa: &str, refs: &[&str]) -> Work {
        Work {
            id: id.into(),
            year,
            openalex_id: Some(oa.into()),
            references: refs.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn recent_seminal_kept_and_out() {
        let works = vec![
            work("old-seminal", Some(2005), "W1", &[]),
            work("old-plain", Some(2006), "W2", &[]),
            work(
                "new-a",
                Some(2021),
                "W3",
                &["https://openalex.org/W1", "W2"],
            ),
            work("new-b", Some(2022), "W4", &["W1", "W1"]),
            work("old-kept", Some(1999), "W5", &[]),
            work("undated", None, "W6", &[]),
        ];
        let rule = SelectionRule {
            years: YearRange::parse("2019.."),
            seminal: Some(SeminalRule {
                cited_by_at_least: 2,
            }),
            keep: vec!["old-kept".into()],
        };
        let s = select(&rule, &works);
        assert_eq!(
            s.reasons["old-seminal"],
            SelectionReason::Seminal { cited_by: 2 }
        );
        assert_eq!(
            s.reasons["old-plain"],
            SelectionReason::OutOfRange { year: 2006 }
        );
        assert_eq!(s.reasons["new-a"], SelectionReason::Recent);
        assert_eq!(s.reasons["old-kept"], SelectionReason::Kept);
        assert_eq!(s.reasons["undated"], SelectionReason::Undated);
        assert_eq!(s.count_selected(), 5);
        assert!(!s.selected().contains("old-plain"));
    }

    #[test]
    fn no_rule_selects_everything() {
        let works = vec![work("a", Some(1950), "W1", &[])];
        assert_eq!(
            select(&SelectionRule::default(), &works).count_selected(),
            1
        );
    }
}
