//! Works that come back from their file under another id.
//!
//! A record without a key of its own is named by its first author, year
//! and first title words (`quire_ingest::ids`): correct a typo in a title
//! and import the file again, and the same work returns under a new id.
//! Screening decisions and hand codes are kept by work id, so they would
//! be left naming a work that is gone. Here each such work's successor is
//! found among what the file gives now — the same DOI, the same record
//! key, the same place in the file with a like title, or a near-identical
//! title of the same year or author — and its decisions and codes follow.

use std::collections::HashSet;

use quire_ingest::dedup::{title_similarity, NEAR_SIMILARITY};
use quire_model::{normalize, Work};
use quire_store::StoreTx;

use crate::ReviewError;

/// Below this title likeness a work at the same place in the file is not
/// the same work unless its first author and year agree.
const SAME_PLACE_SIMILARITY: f64 = 0.6;

/// The works `file` gives that screening decisions or hand codes name:
/// taken before the file is read again (none when nothing is reviewed, so
/// that re-reading a large file costs nothing more then).
pub(crate) fn reviewed_works_of(tx: &StoreTx<'_>, file: &str) -> Result<Vec<Work>, ReviewError> {
    let reviewed = tx.reviewed_work_ids()?;
    if reviewed.is_empty() {
        return Ok(Vec::new());
    }
    let mut works = tx.works_from_file(file)?;
    works.retain(|w| reviewed.contains(&w.id));
    Ok(works)
}

/// Hand on the screening decisions and hand codes of the reviewed works
/// `file` gave `before` it was read again that are gone now. Returns how
/// many decisions and codes moved.
pub(crate) fn carry_reviewer_records(
    tx: &StoreTx<'_>,
    file: &str,
    before: &[Work],
) -> Result<usize, ReviewError> {
    let mut orphans = Vec::new();
    for work in before {
        if tx.get_work(&work.id)?.is_none() {
            orphans.push(work);
        }
    }
    if orphans.is_empty() {
        return Ok(0);
    }
    let now = tx.works_from_file(file)?;
    let mut claimed: HashSet<&str> = HashSet::new();
    let mut moved = 0;
    for old in orphans {
        if let Some(new) = successor(old, file, &now, &claimed) {
            claimed.insert(&new.id);
            moved += tx.move_reviewer_records(&old.id, &new.id)?;
        }
    }
    Ok(moved)
}

/// The work of `now` most likely to be `old` come back, if any is.
fn successor<'a>(
    old: &Work,
    file: &str,
    now: &'a [Work],
    claimed: &HashSet<&str>,
) -> Option<&'a Work> {
    now.iter()
        .filter(|new| new.id != old.id && !claimed.contains(new.id.as_str()))
        .filter_map(|new| likeness(old, new, file).map(|score| (score, new)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, new)| new)
}

/// How sure it is that `new` is `old` (higher is surer), or None.
fn likeness(old: &Work, new: &Work, file: &str) -> Option<f64> {
    let same_doi = old.doi.is_some()
        && old.doi.as_deref().map(str::to_lowercase) == new.doi.as_deref().map(str::to_lowercase);
    if same_doi {
        return Some(4.0);
    }
    let (old_place, new_place) = (place_in(old, file), place_in(new, file));
    if old_place.1.is_some() && old_place.1 == new_place.1 {
        return Some(3.0);
    }
    let titles = title_similarity(
        &normalize::title_key(&old.title),
        &normalize::title_key(&new.title),
    );
    let same_year = old.year.is_some() && old.year == new.year;
    let same_author = old.first_author_family().is_some()
        && old.first_author_family().map(normalize::fold)
            == new.first_author_family().map(normalize::fold);
    if old_place.0 == new_place.0 && (titles >= SAME_PLACE_SIMILARITY || (same_year && same_author))
    {
        return Some(2.0 + titles);
    }
    (titles >= NEAR_SIMILARITY && (same_year || same_author)).then_some(1.0 + titles)
}

/// The line and record key `file` gave the work at.
fn place_in<'w>(work: &'w Work, file: &str) -> (Option<usize>, Option<&'w str>) {
    work.provenance
        .iter()
        .find(|p| p.file == file)
        .map_or((None, None), |p| (p.line, p.record.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::{Person, Provenance};

    fn work(id: &str, title: &str, author: &str, year: i32, line: usize) -> Work {
        Work {
            id: id.into(),
            title: title.into(),
            authors: vec![Person {
                family: author.into(),
                ..Default::default()
            }],
            year: Some(year),
            provenance: vec![Provenance {
                file: "sources/a.ris".into(),
                line: Some(line),
                record: None,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_successor_is_the_like_work_at_the_same_place_or_with_a_near_title() {
        let old = work(
            "khan-2021-border-trde",
            "Border trde and security",
            "Khan",
            2021,
            1,
        );
        let now = [
            work(
                "ali-2022-refugees",
                "Refugees after the takeover",
                "Ali",
                2022,
                1,
            ),
            work(
                "khan-2021-border-trade",
                "Border trade and security",
                "Khan",
                2021,
                9,
            ),
        ];
        let none = HashSet::new();
        // Same place, unlike work vs. elsewhere, near-identical title: the latter.
        let found = successor(&old, "sources/a.ris", &now, &none).map(|w| w.id.as_str());
        assert_eq!(found, Some("khan-2021-border-trade"));
        // Claimed already by another lost work: no other is like enough.
        let claimed = HashSet::from(["khan-2021-border-trade"]);
        assert_eq!(successor(&old, "sources/a.ris", &now, &claimed), None);
        // A wholly new title elsewhere by someone else is not the same work.
        let other = [work("lee-2020-ports", "Ports of the Gulf", "Lee", 2020, 9)];
        assert_eq!(successor(&old, "sources/a.ris", &other, &none), None);
        // The same DOI is the same work whatever its title became.
        let mut with_doi = old.clone();
        with_doi.doi = Some("10.1/ABC".into());
        let mut renamed = other[0].clone();
        renamed.doi = Some("10.1/abc".into());
        let found = successor(
            &with_doi,
            "sources/a.ris",
            std::slice::from_ref(&renamed),
            &none,
        );
        assert_eq!(found.map(|w| w.id.as_str()), Some("lee-2020-ports"));
    }
}
