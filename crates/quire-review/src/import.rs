//! `quire import`: read source files into the store, one transaction per
//! file, deduplicating against everything already stored, and bring the
//! search index up to date.
//!
//! A file whose content hash is already recorded is skipped ("unchanged"),
//! so re-importing adds nothing. An interrupted import loses only the file
//! in progress; the next run picks it up again because its hash was never
//! recorded.

use crate::attachments::{self, MissingAttachment};
use crate::{index_sync, successors, Progress, ReviewDir, ReviewError};
use quire_ingest::dedup::{
    merge_into, texts_tell_different_works, title_similarity, DedupIndex, DedupMatch,
};
use quire_ingest::{Item, ReadOptions};
use quire_model::{Person, Protocol, Provenance, Work};
use quire_store::{FileRecord, NearDuplicate, SkipRecord, Store, StoreTx, WorkKey};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// What happened to one file.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileOutcome {
    Imported {
        file: String,
        format: String,
        records: usize,
        added: usize,
        merged: usize,
        skipped: usize,
    },
    Unchanged {
        file: String,
    },
    Failed {
        file: String,
        message: String,
    },
}

/// What a whole import did; printed by the CLI, kept for the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub files: Vec<FileOutcome>,
    pub records: usize,
    pub added: usize,
    pub merged: usize,
    pub skipped: Vec<SkipRecord>,
    pub near_duplicates: Vec<NearDuplicate>,
    /// Files of full text that name no title of their own: the works are
    /// called by their file names until front matter gives them one.
    pub named_after_file: Vec<String>,
    /// Files read again because they changed since their last import:
    /// what they gave then was replaced by what they give now.
    pub changed_files: Vec<String>,
    /// Screening decisions and hand codes handed on to works that a
    /// changed file gave back under another id (a title corrected in a
    /// record without a key of its own).
    pub carried_over: usize,
    /// Files of `sources/` imported before and since removed: their works
    /// stay until `quire import --prune` (see [`prune_gone_files`]).
    pub gone_files: Vec<String>,
    /// Full texts read into the records an export attached them to (see
    /// [`crate::attachments`]).
    pub attached: usize,
    /// Files an export attached to its records that are not there (as
    /// the review stands after the import).
    pub missing_attachments: Vec<MissingAttachment>,
    pub indexed: usize,
}

impl ImportSummary {
    /// Add another import's outcome to this one.
    pub fn absorb(&mut self, other: ImportSummary) {
        self.files.extend(other.files);
        self.records += other.records;
        self.added += other.added;
        self.merged += other.merged;
        self.skipped.extend(other.skipped);
        self.near_duplicates.extend(other.near_duplicates);
        self.named_after_file.extend(other.named_after_file);
        self.changed_files.extend(other.changed_files);
        self.carried_over += other.carried_over;
        self.gone_files.extend(other.gone_files);
        self.attached += other.attached;
        self.missing_attachments.extend(other.missing_attachments);
        self.indexed += other.indexed;
    }

    /// True when nothing was skipped and no file failed: the exit status 0 case.
    pub fn is_clean(&self) -> bool {
        self.skipped.is_empty()
            && !self
                .files
                .iter()
                .any(|f| matches!(f, FileOutcome::Failed { .. }))
    }
}

/// Import `paths` (files or folders; empty means the review's `sources/`).
pub fn import(
    review: &ReviewDir,
    protocol: &Protocol,
    paths: &[PathBuf],
    progress: &dyn Progress,
) -> Result<ImportSummary, ReviewError> {
    let roots = if paths.is_empty() {
        vec![review.sources()]
    } else {
        paths.to_vec()
    };
    let files = crate::sources::collect_files(&roots)?;
    // Files an export attaches are read once, after it: those outside
    // the roots join the queue.
    let mut planned: HashSet<PathBuf> = files.iter().map(|f| canonical(f)).collect();
    let mut queue: VecDeque<PathBuf> = files.into();
    let mut store = Store::open(&review.db_path())?;
    // Attached files that were missing when their export was read and
    // are there now.
    for path in attachments::unread(review, &store)?.0 {
        if planned.insert(canonical(&path)) {
            queue.push_back(path);
        }
    }
    backfill_bibliographies(&mut store)?;
    let mut dedup = dedup_from_store(&store)?;
    let index = index_sync::open_index(review)?;
    let mut sync = index_sync::IndexSync::begin(review, &store, &index)?;
    let mut summary = ImportSummary::default();

    progress.begin("importing", queue.len() as u64);
    let mut attached_files = Vec::new();
    while let Some(path) = queue.pop_front() {
        let path = &path;
        let shown = review.shown(path);
        progress.advance(1, &shown);
        let mut ctx = FileImport {
            store: &mut store,
            dedup: &mut dedup,
            index: &mut sync,
            protocol,
            review,
            attached_files: &mut attached_files,
        };
        let outcome = ctx.import_file(path, &shown, &mut summary);
        for file in attached_files.drain(..) {
            if planned.insert(canonical(&file)) {
                progress.add_to_total(1);
                queue.push_back(file);
            }
        }
        summary.files.push(match outcome {
            Ok(o) => o,
            Err(e) => {
                // The file's transaction rolled back; forget the dedup keys
                // it added by reloading them from what was really stored.
                dedup = dedup_from_store(&store)?;
                sync.force_rebuild();
                FileOutcome::Failed {
                    file: shown,
                    message: e.to_string(),
                }
            }
        });
    }
    progress.end();
    summary.indexed = sync.finish(&store, progress)?;
    if paths.is_empty() {
        summary.gone_files = gone_files(review, &store)?;
    }
    summary.missing_attachments = attachments::unread(review, &store)?.1;
    if !store.flag(ATTACHMENTS_LINKED)? {
        let tx = store.transaction()?;
        tx.set_flag(ATTACHMENTS_LINKED, true)?;
        tx.commit_unindexed()?;
    }
    Ok(summary)
}

/// The files of `sources/` the store remembers that are no longer there.
pub(crate) fn gone_files(review: &ReviewDir, store: &Store) -> Result<Vec<String>, ReviewError> {
    let sources = review.shown(&review.sources());
    Ok(store
        .files()?
        .into_iter()
        .map(|f| f.path)
        .filter(|p| Path::new(p).starts_with(&sources) && !review.root.join(p).exists())
        .collect())
}

/// Take out of the review what the removed files of `sources/` gave
/// (works only they gave are deleted, shared works lose their provenance),
/// one transaction per file, and forget the files. Returns the files
/// pruned and how many works were deleted.
pub fn prune_gone_files(
    review: &ReviewDir,
    progress: &dyn Progress,
) -> Result<(Vec<String>, usize), ReviewError> {
    let mut store = Store::open(&review.db_path())?;
    let gone = gone_files(review, &store)?;
    if gone.is_empty() {
        return Ok((gone, 0));
    }
    let before = store.count_works()?;
    let index = index_sync::open_index(review)?;
    let mut sync = index_sync::IndexSync::begin(review, &store, &index)?;
    for path in &gone {
        let tx = store.transaction()?;
        for id in tx.forget_file(path)? {
            sync.mark_changed(id);
        }
        tx.forget_file_record(path)?;
        tx.commit()?;
    }
    sync.finish(&store, progress)?;
    let deleted = before.saturating_sub(store.count_works()?);
    Ok((gone, deleted))
}

/// Import works that did not come from a bibliographic file — e.g. the
/// parsed reference list of a manuscript (`quire import --references`).
/// `label` names the origin in provenance and in the file log; `content`
/// (the manuscript's text) is hashed so that importing it again adds
/// nothing.
pub fn import_works(
    review: &ReviewDir,
    protocol: &Protocol,
    label: &str,
    content: &[u8],
    works: Vec<Work>,
    progress: &dyn Progress,
) -> Result<ImportSummary, ReviewError> {
    let mut store = Store::open(&review.db_path())?;
    let mut dedup = dedup_from_store(&store)?;
    let index = index_sync::open_index(review)?;
    let mut sync = index_sync::IndexSync::begin(review, &store, &index)?;
    let mut summary = ImportSummary::default();
    let hash = blake3::hash(content).to_hex().to_string();
    let outcome = if store.file_hash(label)?.as_deref() == Some(hash.as_str()) {
        FileOutcome::Unchanged {
            file: label.to_string(),
        }
    } else {
        let mut attached_files = Vec::new();
        let mut ctx = FileImport {
            store: &mut store,
            dedup: &mut dedup,
            index: &mut sync,
            protocol,
            review,
            attached_files: &mut attached_files,
        };
        let items = works.into_iter().enumerate().map(|(i, mut work)| {
            work.provenance = vec![Provenance {
                file: label.to_string(),
                line: None,
                record: Some(format!("reference {}", i + 1)),
            }];
            Item::Record(quire_ingest::Record {
                work,
                document: None,
                attachments: Vec::new(),
            })
        });
        ctx.store_items(
            label,
            hash,
            "references",
            &mut items.into_iter(),
            &mut summary,
        )?
    };
    summary.files.push(outcome);
    summary.indexed = sync.finish(&store, progress)?;
    Ok(summary)
}

fn dedup_from_store(store: &Store) -> Result<DedupIndex, ReviewError> {
    Ok(dedup_from_keys(store.work_keys()?))
}

fn dedup_from_keys(keys: Vec<WorkKey>) -> DedupIndex {
    let mut dedup = DedupIndex::new();
    for key in keys {
        dedup.insert(&work_from_key(key));
    }
    dedup
}

/// The light Work dedup needs, rebuilt from the stored key columns.
fn work_from_key(key: WorkKey) -> Work {
    Work {
        id: key.id,
        doi: key.doi,
        title: key.title_key,
        year: key.year,
        authors: key
            .first_author
            .map(|a| vec![Person::new(a, None)])
            .unwrap_or_default(),
        ..Default::default()
    }
}

fn file_hash(path: &Path) -> Result<String, ReviewError> {
    let mut hasher = blake3::Hasher::new();
    let file = std::fs::File::open(path).map_err(|e| ReviewError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    hasher.update_reader(file).map_err(|e| ReviewError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    Ok(hasher.finalize().to_hex().to_string())
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The state one file's import works on.
struct FileImport<'a, 'i> {
    store: &'a mut Store,
    dedup: &'a mut DedupIndex,
    index: &'a mut index_sync::IndexSync<'i>,
    protocol: &'a Protocol,
    review: &'a ReviewDir,
    /// Files the file's records attach, for the caller to read next.
    attached_files: &'a mut Vec<PathBuf>,
}

/// Counts for one file.
#[derive(Default)]
struct FileCounts {
    added: usize,
    merged: usize,
    near: Vec<NearDuplicate>,
    skips: Vec<SkipRecord>,
    records: usize,
    named_after_file: Vec<String>,
    /// The file was imported before, in another version.
    changed: bool,
    /// Each stored work's id and the files its record attaches.
    attachments_named: Vec<(String, Vec<String>)>,
    /// Full texts read into the works an export attached them to.
    attached: usize,
    /// Screening decisions and hand codes handed on to works that came
    /// back under another id.
    carried_over: usize,
}

impl FileImport<'_, '_> {
    fn import_file(
        &mut self,
        path: &Path,
        shown: &str,
        summary: &mut ImportSummary,
    ) -> Result<FileOutcome, ReviewError> {
        let hash = file_hash(path)?;
        let previous = self.store.file_hash(shown)?;
        if previous.as_deref() == Some(hash.as_str()) && !self.read_again(path, shown)? {
            return Ok(FileOutcome::Unchanged {
                file: shown.to_string(),
            });
        }
        let mut failure: Option<ReviewError> = None;
        let mut items = Vec::new();
        // Records are streamed from the reader into the transaction in
        // batches, so a million-record file never sits in memory whole.
        let mut counts = FileCounts::default();
        let tx = self.store.transaction()?;
        // A file changed since it was imported (front matter added, an
        // export redone) replaces what it gave, in the same transaction:
        // if reading it fails, the old works stay.
        let mut before = Vec::new();
        if previous.is_some() {
            before = successors::reviewed_works_of(&tx, shown)?;
            for id in tx.forget_file(shown)? {
                self.index.mark_changed(id);
            }
            *self.dedup = dedup_from_keys(tx.work_keys()?);
            counts.changed = previous.as_deref() != Some(hash.as_str());
        }
        let format =
            quire_ingest::read_file_with(path, shown, &ReadOptions::default(), &mut |item| {
                if failure.is_some() {
                    return;
                }
                items.push(item);
                if items.len() >= 1024 {
                    if let Err(e) = store_batch(
                        &tx,
                        self.dedup,
                        self.index,
                        self.protocol,
                        items.drain(..),
                        &mut counts,
                    ) {
                        failure = Some(e);
                    }
                }
            })?;
        if let Some(e) = failure {
            return Err(e);
        }
        store_batch(
            &tx,
            self.dedup,
            self.index,
            self.protocol,
            items.drain(..),
            &mut counts,
        )?;
        counts.carried_over = successors::carry_reviewer_records(&tx, shown, &before)?;
        let to_read = attachments::link_named_files(
            &tx,
            self.review,
            path,
            shown,
            &counts.attachments_named,
        )?;
        let outcome = finish_file(tx, shown, hash, format.as_str(), counts, summary)?;
        self.attached_files.extend(to_read);
        Ok(outcome)
    }

    /// Whether an unchanged file must be read again: an export has since
    /// attached it to a record it is not yet part of, or it is an export
    /// imported before attachments were linked (read once more, so that
    /// its records' files join them).
    fn read_again(&self, path: &Path, shown: &str) -> Result<bool, ReviewError> {
        Ok(self.store.attachment(shown)?.is_some_and(|a| !a.read)
            || (!self.store.flag(ATTACHMENTS_LINKED)? && names_attachments(path)))
    }

    /// Store records that came from somewhere other than a file reader.
    fn store_items(
        &mut self,
        shown: &str,
        hash: String,
        format: &str,
        items: &mut dyn Iterator<Item = Item>,
        summary: &mut ImportSummary,
    ) -> Result<FileOutcome, ReviewError> {
        let mut counts = FileCounts::default();
        let tx = self.store.transaction()?;
        store_batch(
            &tx,
            self.dedup,
            self.index,
            self.protocol,
            items,
            &mut counts,
        )?;
        finish_file(tx, shown, hash, format, counts, summary)
    }
}

fn store_batch(
    tx: &StoreTx<'_>,
    dedup: &mut DedupIndex,
    index: &mut index_sync::IndexSync<'_>,
    protocol: &Protocol,
    items: impl Iterator<Item = Item>,
    counts: &mut FileCounts,
) -> Result<(), ReviewError> {
    for item in items {
        counts.records += 1;
        match item {
            Item::Skipped(s) => counts.skips.push(SkipRecord {
                file: s.file,
                line: s.line,
                message: s.message,
            }),
            Item::Record(record) => store_record(tx, dedup, index, protocol, record, counts)?,
        }
    }
    Ok(())
}

/// Record the file with its counts and commit its transaction.
fn finish_file(
    tx: StoreTx<'_>,
    shown: &str,
    hash: String,
    format: &str,
    counts: FileCounts,
    summary: &mut ImportSummary,
) -> Result<FileOutcome, ReviewError> {
    let file = FileRecord {
        path: shown.to_string(),
        hash,
        format: Some(format.to_string()),
        records: counts.records,
        added: counts.added,
        merged: counts.merged,
        skipped: counts.skips.len(),
        imported_at: now_rfc3339(),
    };
    tx.record_file(&file, &counts.skips)?;
    tx.commit()?;
    summary.records += counts.records;
    summary.added += counts.added;
    summary.merged += counts.merged;
    summary.skipped.extend(counts.skips);
    summary.near_duplicates.extend(counts.near);
    summary.named_after_file.extend(counts.named_after_file);
    summary.attached += counts.attached;
    summary.carried_over += counts.carried_over;
    if counts.changed {
        summary.changed_files.push(shown.to_string());
    }
    Ok(FileOutcome::Imported {
        file: shown.to_string(),
        format: format.to_string(),
        records: file.records,
        added: file.added,
        merged: file.merged,
        skipped: file.skipped,
    })
}

/// Flag of the stores whose full texts have had their bibliographies read.
const BIBLIOGRAPHIES_READ: &str = "bibliographies_read";

/// Flag of the stores whose exports have had their attached files linked
/// (see [`crate::attachments`]).
const ATTACHMENTS_LINKED: &str = "attachments_linked";

/// Whether a RIS or BibTeX file may name attached files (`L1`, `file`):
/// a line that opens with one, for the one re-read of older stores.
fn names_attachments(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("ris" | "bib" | "txt")) {
        return false;
    }
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    // Line by line, stopping at the first: exports can be large.
    std::io::BufReader::new(file).split(b'\n').any(|line| {
        line.is_ok_and(|l| {
            let l = l.trim_ascii_start();
            l.starts_with(b"L1  - ") || l.starts_with(b"file = {") || l.starts_with(b"file={")
        })
    })
}

/// Works imported before full texts' bibliographies were read (see
/// [`store_record`]) get their reference lists from their stored full
/// texts, once per store: the seminal rule then counts them without a
/// fresh import. Reference lists are not indexed, so the search index
/// stays current.
fn backfill_bibliographies(store: &mut Store) -> Result<(), ReviewError> {
    if store.flag(BIBLIOGRAPHIES_READ)? {
        return Ok(());
    }
    let mut filled = Vec::new();
    for id in store.document_ids()? {
        let Some(mut work) = store.get_work(&id)? else {
            continue;
        };
        if !work.references.is_empty() {
            continue;
        }
        if let Some(doc) = store.document(&id)? {
            work.references = crate::citations::document_references(&doc);
            if !work.references.is_empty() {
                filled.push(work);
            }
        }
    }
    let tx = store.transaction()?;
    for work in &filled {
        tx.update_work(work)?;
    }
    tx.set_flag(BIBLIOGRAPHIES_READ, true)?;
    tx.commit_unindexed()?;
    Ok(())
}

/// Classify, deduplicate and store one record (and its full text).
fn store_record(
    tx: &StoreTx<'_>,
    dedup: &mut DedupIndex,
    index: &mut index_sync::IndexSync<'_>,
    protocol: &Protocol,
    record: quire_ingest::Record,
    counts: &mut FileCounts,
) -> Result<(), ReviewError> {
    let mut work = record.work;
    // A full text's own bibliography is its reference list when the record
    // gave none: in-corpus citations then count for PDFs and web pages too.
    if work.references.is_empty() {
        if let Some(doc) = &record.document {
            work.references = crate::citations::document_references(doc);
        }
    }
    let (source_type, rule) = protocol.source_types.classify(&work);
    work.source_type = source_type;
    work.source_type_rule = Some(rule);
    if let Some(doc) = record.document {
        let file = doc.file.clone();
        // A scan without a text layer has no full text to keep (its
        // reader reported it): an empty one would pass for a text.
        let doc = (!doc.text.trim().is_empty()).then_some(doc);
        if let Some(link) = tx.attachment(&file)? {
            return read_into_record(tx, index, &link.work_id, work, doc, &file, counts);
        }
        if quire_ingest::ids::is_file_name(&work.title, &file) {
            counts.named_after_file.push(file);
        }
        return store_work(tx, dedup, index, work, doc, Vec::new(), counts);
    }
    store_work(tx, dedup, index, work, None, record.attachments, counts)
}

/// Deduplicate and store one classified work (and its full text); note
/// the files its record attaches.
fn store_work(
    tx: &StoreTx<'_>,
    dedup: &mut DedupIndex,
    index: &mut index_sync::IndexSync<'_>,
    work: Work,
    document: Option<quire_model::Document>,
    attached: Vec<String>,
    counts: &mut FileCounts,
) -> Result<(), ReviewError> {
    let mut work = work;
    let found = find_duplicate(tx, dedup, &work, document.as_ref())?;
    match found {
        DedupMatch::Duplicate { id, .. } => {
            let Some(mut existing) = tx.get_work(&id)? else {
                return Ok(());
            };
            merge_into(&mut existing, work);
            tx.update_merged_work(&existing)?;
            if let Some(mut doc) = document {
                if !tx.has_document(&id)? {
                    doc.work_id = id.clone();
                    tx.put_document(&doc)?;
                }
            }
            counts.merged += 1;
            if !attached.is_empty() {
                counts.attachments_named.push((id.clone(), attached));
            }
            index.mark_changed(id);
        }
        found => {
            let id = tx.insert_work(&work)?;
            work.id = id.clone();
            dedup.insert(&work);
            if let DedupMatch::Near {
                id: other,
                similarity,
            } = found
            {
                let pair = NearDuplicate {
                    a: id.clone(),
                    b: other,
                    similarity,
                };
                tx.record_near_duplicate(&pair)?;
                counts.near.push(pair);
            }
            let doc = document.map(|mut d| {
                d.work_id = id.clone();
                d
            });
            if let Some(d) = &doc {
                tx.put_document(d)?;
            }
            index.add_new(&work, doc.as_ref())?;
            counts.added += 1;
            if !attached.is_empty() {
                counts.attachments_named.push((id, attached));
            }
        }
    }
    Ok(())
}

/// A full text an export attached to a record: merged into that record's
/// work (the export's metadata stays first) and, unless the work holds a
/// better one (a PDF rather than a web snapshot), its text.
fn read_into_record(
    tx: &StoreTx<'_>,
    index: &mut index_sync::IndexSync<'_>,
    work_id: &str,
    work: Work,
    doc: Option<quire_model::Document>,
    file: &str,
    counts: &mut FileCounts,
) -> Result<(), ReviewError> {
    let Some(mut existing) = tx.get_work(work_id)? else {
        return Ok(());
    };
    merge_into(&mut existing, work);
    tx.update_work(&existing)?;
    if let Some(mut doc) = doc {
        let stored = tx.document_format(work_id)?;
        if attachments::is_better_full_text(&doc.format, stored.as_deref()) {
            doc.work_id = work_id.to_string();
            tx.put_document(&doc)?;
        }
    }
    tx.mark_attachment_read(file)?;
    counts.attached += 1;
    index.mark_changed(work_id.to_string());
    Ok(())
}

/// A path as the file system knows it, for telling two names of one file.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The stored work this one duplicates, if any. A match on the keys
/// whose full text is another work's is no duplicate but a
/// near-duplicate for the user to see, and the next candidate is tried.
fn find_duplicate(
    tx: &StoreTx<'_>,
    dedup: &DedupIndex,
    work: &Work,
    document: Option<&quire_model::Document>,
) -> Result<DedupMatch, ReviewError> {
    let mut ruled_out: Vec<String> = Vec::new();
    loop {
        match dedup.find_except(work, &ruled_out) {
            DedupMatch::Duplicate { id, .. } if different_full_texts(tx, &id, document)? => {
                ruled_out.push(id)
            }
            DedupMatch::None if !ruled_out.is_empty() => {
                let id = ruled_out.swap_remove(0);
                let similarity = match tx.get_work(&id)? {
                    Some(other) => title_similarity(&work.title, &other.title),
                    None => 1.0,
                };
                return Ok(DedupMatch::Near { id, similarity });
            }
            found => return Ok(found),
        }
    }
}

/// Does the incoming full text belong to another work than the stored one
/// its keys match? Only two full texts can tell: a record without one
/// (a bibliographic entry) merges with the file it describes.
fn different_full_texts(
    tx: &StoreTx<'_>,
    id: &str,
    incoming: Option<&quire_model::Document>,
) -> Result<bool, ReviewError> {
    let Some(incoming) = incoming.filter(|d| !d.text.is_empty()) else {
        return Ok(false);
    };
    Ok(tx
        .document_text(id)?
        .is_some_and(|stored| texts_tell_different_works(&stored, &incoming.text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A review whose one Markdown report lists two references.
    fn review_with_a_report(dir: &Path) -> ReviewDir {
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        std::fs::write(dir.join("review.toml"), "[review]\ntitle = \"t\"\n").unwrap();
        std::fs::write(
            dir.join("sources/report.md"),
            "---\ntitle: Trade at Torkham\nyear: 2022\n---\n\nTrade grew (Khan, 2005).\n\n\
             ## References\n\nKhan, A. (2005). The Durand Line and the making of the frontier. Oxford.\n\
             Ali, B. (2021). Border fencing after 2017. Lahore.\n",
        )
        .unwrap();
        ReviewDir::at(dir).unwrap()
    }

    /// A review whose sources/ holds `files` (name, content).
    fn review_with_sources(dir: &Path, files: &[(&str, &str)]) -> ReviewDir {
        std::fs::create_dir_all(dir.join("sources")).unwrap();
        std::fs::write(dir.join("review.toml"), "[review]\ntitle = \"t\"\n").unwrap();
        for (name, content) in files {
            std::fs::write(dir.join("sources").join(name), content).unwrap();
        }
        ReviewDir::at(dir).unwrap()
    }

    fn references_of_the_report(review: &ReviewDir) -> Vec<String> {
        let store = Store::open(&review.db_path()).unwrap();
        let id = store.document_ids().unwrap().remove(0);
        store.get_work(&id).unwrap().unwrap().references
    }

    #[test]
    fn a_full_texts_bibliography_becomes_its_reference_list_also_in_an_older_store() {
        let tmp = tempfile::tempdir().unwrap();
        let review = review_with_a_report(tmp.path());
        let protocol = Protocol::default();
        import(&review, &protocol, &[], &crate::NoProgress).unwrap();
        assert_eq!(references_of_the_report(&review).len(), 2);

        // A store written before bibliographies were read: the work has no
        // reference list and the store no flag. The next import fills it
        // in, although the file itself is unchanged.
        {
            let mut store = Store::open(&review.db_path()).unwrap();
            let id = store.document_ids().unwrap().remove(0);
            let mut work = store.get_work(&id).unwrap().unwrap();
            work.references.clear();
            let generation = store.generation().unwrap();
            let tx = store.transaction().unwrap();
            tx.update_work(&work).unwrap();
            tx.set_flag(BIBLIOGRAPHIES_READ, false).unwrap();
            tx.commit_unindexed().unwrap();
            assert_eq!(store.generation().unwrap(), generation);
        }
        assert!(references_of_the_report(&review).is_empty());
        let summary = import(&review, &protocol, &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.added, 0);
        assert_eq!(references_of_the_report(&review).len(), 2);
    }

    #[test]
    fn full_texts_under_one_title_are_merged_only_when_their_texts_are_one() {
        let tmp = tempfile::tempdir().unwrap();
        let speech = |body: &str| format!("---\ntitle: Statement\n---\n\nMr. President, {body}\n");
        let atolls = "sea-level rise threatens the survival of our atolls; the king tides \
                      reach further inland every year and our wells turn salt. We raise the \
                      land itself, one causeway and one sea wall at a time, with our own hands.";
        let debt = "our debt has grown since the hurricane destroyed the port, and \
                    concessional finance is out of reach for island states like ours. \
                    Graduation from aid must not punish the resilience we paid for.";
        // c.txt is the second speech again, saved with other line breaks:
        // the first candidate (a) is ruled out by its text, the next (b)
        // is the one.
        let review = review_with_sources(
            tmp.path(),
            &[
                ("a.md", &speech(atolls)),
                ("b.md", &speech(debt)),
                ("c.txt", &speech(&debt.replace(". ", ".\n"))),
            ],
        );
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!((summary.added, summary.merged), (2, 1));
        assert_eq!(
            summary.near_duplicates.len(),
            1,
            "{:?}",
            summary.near_duplicates
        );
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_documents().unwrap(), 2);
    }

    #[test]
    fn an_export_imported_before_attachments_were_linked_is_read_once_more() {
        let tmp = tempfile::tempdir().unwrap();
        let review = review_with_sources(
            tmp.path(),
            &[(
                "rahimi-2023.txt",
                "Mr. President,\n\nThe crossings were closed.\n",
            )],
        );
        let export = "TY  - RPRT\r\nTI  - Border closures\r\nAU  - Rahimi, Omar\r\nPY  - 2023\r\n\
                      L1  - rahimi-2023.txt\r\nER  - \r\n";
        import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        // A store of an older quire: the export was imported (its hash is
        // recorded) without its attachment being linked.
        let path = tmp.path().join("sources/export.ris");
        std::fs::write(&path, export).unwrap();
        {
            let mut store = Store::open(&review.db_path()).unwrap();
            let tx = store.transaction().unwrap();
            tx.record_file(
                &FileRecord {
                    path: "sources/export.ris".into(),
                    hash: file_hash(&path).unwrap(),
                    format: Some("ris".into()),
                    records: 1,
                    added: 1,
                    merged: 0,
                    skipped: 0,
                    imported_at: now_rfc3339(),
                },
                &[],
            )
            .unwrap();
            tx.set_flag(ATTACHMENTS_LINKED, false).unwrap();
            tx.commit().unwrap();
        }
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.attached, 1);
        assert!(summary.changed_files.is_empty());
        let store = Store::open(&review.db_path()).unwrap();
        let works = store.works().unwrap();
        assert_eq!(works.len(), 1, "{works:#?}");
        assert_eq!(works[0].title, "Border closures");
        assert!(store.flag(ATTACHMENTS_LINKED).unwrap());
    }

    #[test]
    fn word_owner_files_and_backups_are_no_sources() {
        let tmp = tempfile::tempdir().unwrap();
        let review = review_with_sources(
            tmp.path(),
            &[
                ("~$draft.docx", "\u{0}owner"),
                ("notes.md~", "# Old notes\n\nText."),
                ("notes.md", "# Notes\n\nText."),
            ],
        );
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.files.len(), 1, "{:?}", summary.files);
        assert!(summary.is_clean());
    }

    #[test]
    fn texts_without_a_title_of_their_own_are_listed_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let review = review_with_sources(
            tmp.path(),
            &[
                (
                    "ungdc-2016-tuv.txt",
                    "Mr. President,\n\nI congratulate you on your election.\n",
                ),
                (
                    "brief.txt",
                    "Border Trade After 2021\n\nTrade at Torkham fell.\n",
                ),
            ],
        );
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.named_after_file, ["sources/ungdc-2016-tuv.txt"]);
        let store = Store::open(&review.db_path()).unwrap();
        let id = store
            .document_ids()
            .unwrap()
            .into_iter()
            .find(|i| i.contains("tuv"))
            .unwrap();
        let work = store.get_work(&id).unwrap().unwrap();
        assert_eq!(
            (work.title.as_str(), work.year),
            ("ungdc-2016-tuv", Some(2016))
        );
    }

    #[test]
    fn decisions_and_codes_follow_a_work_whose_corrected_title_changes_its_id() {
        use quire_model::{Decision, DecisionLabel, ScreeningStage};
        let tmp = tempfile::tempdir().unwrap();
        let ris = |first: &str| {
            format!(
                "TY  - JOUR\nTI  - {first}\nAU  - Khan, Ayesha\nPY  - 2021\nER  - \n\n\
                 TY  - RPRT\nTI  - Refugees after the takeover\nAU  - Ali, Bilal\nPY  - 2022\nER  - \n"
            )
        };
        let review = review_with_sources(
            tmp.path(),
            &[("export.ris", &ris("Border trde and security"))],
        );
        import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        let old_id = "khan-2021-border-trde-and-security";
        {
            let mut store = Store::open(&review.db_path()).unwrap();
            assert!(store.get_work(old_id).unwrap().is_some());
            for id in [old_id, "ali-2022-refugees-after-the-takeover"] {
                store
                    .record_decision(&Decision::new(
                        id,
                        ScreeningStage::Abstract,
                        "ana",
                        DecisionLabel::Include,
                        "t",
                    ))
                    .unwrap();
            }
            let code = (
                old_id.to_string(),
                0,
                "border".to_string(),
                "ana".to_string(),
            );
            store.add_manual_codes(&[code]).unwrap();
        }
        // The typo is corrected in the reference manager and exported again.
        std::fs::write(
            tmp.path().join("sources/export.ris"),
            ris("Border trade and security"),
        )
        .unwrap();
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.carried_over, 2, "one decision and one hand code");
        let store = Store::open(&review.db_path()).unwrap();
        let new_id = "khan-2021-border-trade-and-security";
        assert!(store.get_work(old_id).unwrap().is_none());
        let decided: Vec<String> = store
            .decisions(ScreeningStage::Abstract)
            .unwrap()
            .into_iter()
            .map(|d| d.work_id)
            .collect();
        assert_eq!(decided, [new_id, "ali-2022-refugees-after-the-takeover"]);
        let codes = store.manual_codes().unwrap();
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].0, new_id);
    }

    #[test]
    fn a_changed_file_replaces_what_it_gave_and_keeps_decisions() {
        use quire_model::{Decision, DecisionLabel, ScreeningStage};
        let tmp = tempfile::tempdir().unwrap();
        let text = "Mr. President,\n\nWe are sinking, and the sea is rising around our atolls.\n";
        let review = review_with_sources(tmp.path(), &[("ungdc-2021-tuv.txt", text)]);
        import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        {
            let mut store = Store::open(&review.db_path()).unwrap();
            store
                .record_decision(&Decision::new(
                    "ungdc-2021-tuv",
                    ScreeningStage::Abstract,
                    "ana",
                    DecisionLabel::Include,
                    "t",
                ))
                .unwrap();
        }
        // The user gives the text the front matter quire asked for.
        std::fs::write(
            tmp.path().join("sources/ungdc-2021-tuv.txt"),
            format!("---\ntitle: Statement by Tuvalu\nyear: 2021\n---\n\n{text}"),
        )
        .unwrap();
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!((summary.added, summary.merged), (1, 0));
        assert_eq!(summary.changed_files, ["sources/ungdc-2021-tuv.txt"]);
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_works().unwrap(), 1);
        let work = store.get_work("ungdc-2021-tuv").unwrap().unwrap();
        assert_eq!(work.title, "Statement by Tuvalu");
        assert_eq!(store.count_documents().unwrap(), 1);
        assert_eq!(store.decisions(ScreeningStage::Abstract).unwrap().len(), 1);
    }

    #[test]
    fn a_file_changed_into_junk_fails_and_keeps_what_it_gave() {
        let tmp = tempfile::tempdir().unwrap();
        let docx = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../quire-ingest/tests/fixtures/briefing.docx"),
        )
        .unwrap();
        let review = review_with_sources(tmp.path(), &[]);
        std::fs::write(tmp.path().join("sources/brief.docx"), &docx).unwrap();
        import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        let before = Store::open(&review.db_path()).unwrap().works().unwrap();
        assert_eq!(before.len(), 1);
        std::fs::write(tmp.path().join("sources/brief.docx"), b"not a zip any more").unwrap();
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert!(
            matches!(summary.files[0], FileOutcome::Failed { .. }),
            "{:?}",
            summary.files
        );
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.works().unwrap(), before);
        assert_eq!(store.count_documents().unwrap(), 1);
    }

    #[test]
    fn removed_sources_are_listed_and_pruned_on_request() {
        let tmp = tempfile::tempdir().unwrap();
        let review = review_with_sources(
            tmp.path(),
            &[
                (
                    "keep.md",
                    "# Border trade\n\nTrade at Torkham fell by half.",
                ),
                (
                    "drop.md",
                    "# Sea walls\n\nAtolls need sea walls and adaptation finance.",
                ),
            ],
        );
        import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        std::fs::remove_file(tmp.path().join("sources/drop.md")).unwrap();
        let summary = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert_eq!(summary.gone_files, ["sources/drop.md"]);
        let status = crate::status::status(&review).unwrap();
        assert_eq!(status.gone_files, ["sources/drop.md"]);
        assert_eq!(
            Store::open(&review.db_path())
                .unwrap()
                .count_works()
                .unwrap(),
            2
        );

        let (pruned, deleted) = prune_gone_files(&review, &crate::NoProgress).unwrap();
        assert_eq!((pruned.len(), deleted), (1, 1));
        let store = Store::open(&review.db_path()).unwrap();
        assert_eq!(store.count_works().unwrap(), 1);
        assert_eq!(store.files().unwrap().len(), 1);
        let again = import(&review, &Protocol::default(), &[], &crate::NoProgress).unwrap();
        assert!(again.gone_files.is_empty());
        assert!(crate::index_sync::index_is_current(&review, &store).unwrap());
    }
}
