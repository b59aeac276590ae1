//! `quire status`: what the review holds and where the index stands.

use crate::{index_is_current, ReviewDir, ReviewError};
use quire_store::{GroupBy, Store};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub review: String,
    pub files: usize,
    pub works: usize,
    pub documents: usize,
    pub duplicates_merged: usize,
    pub records_skipped: usize,
    pub near_duplicates: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_source_type: BTreeMap<String, usize>,
    pub by_year: BTreeMap<String, usize>,
    /// Hand codes kept in the review (`quire code --train`), by coder.
    pub hand_codes: BTreeMap<String, usize>,
    /// Files of `sources/` imported before and since removed.
    pub gone_files: Vec<String>,
    /// Files an export attached to its records that are not there.
    pub missing_attachments: Vec<crate::attachments::MissingAttachment>,
    pub index: IndexStatus,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexStatus {
    /// True when the index was built from the store's current state.
    pub current: bool,
    pub store_generation: i64,
}

pub fn status(review: &ReviewDir) -> Result<Status, ReviewError> {
    let store = Store::open(&review.db_path())?;
    let group = |by| -> Result<BTreeMap<String, usize>, ReviewError> {
        Ok(store.count_by(by)?.into_iter().collect())
    };
    Ok(Status {
        review: review.root.display().to_string(),
        files: store.files()?.len(),
        works: store.count_works()?,
        documents: store.count_documents()?,
        duplicates_merged: store.count_merged()?,
        records_skipped: store.skips()?.len(),
        near_duplicates: store.near_duplicates()?.len(),
        by_kind: group(GroupBy::Kind)?,
        by_source_type: group(GroupBy::SourceType)?,
        by_year: group(GroupBy::Year)?,
        hand_codes: store.manual_codes()?.into_iter().fold(
            BTreeMap::new(),
            |mut by, (_, _, _, coder)| {
                *by.entry(coder).or_default() += 1;
                by
            },
        ),
        gone_files: crate::import::gone_files(review, &store)?,
        missing_attachments: crate::attachments::unread(review, &store)?.1,
        index: IndexStatus {
            current: index_is_current(review, &store)?,
            store_generation: store.generation()?,
        },
    })
}
