//! Keeping the search index (a cache) in step with the store (the truth).
//!
//! The index records the store generation it was built from in
//! `.quire/index.generation`. If that does not match when an import starts
//! (a crash between the store commit and the index commit, a deleted index,
//! a newer store), the index is rebuilt in full at the end; otherwise new
//! works are indexed as they are imported and merged works re-indexed from
//! the store.

use crate::{Progress, ReviewDir, ReviewError};
use quire_index::{SearchIndex, Writer};
use quire_model::{Document, Work};
use quire_store::Store;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// Writer heap for tantivy: large enough that bulk loads of a million
/// records are not dominated by segment flushes.
const WRITER_HEAP_BYTES: usize = 512 * 1024 * 1024;

pub(crate) struct IndexSync<'i> {
    writer: Writer<'i>,
    generation_file: PathBuf,
    rebuild: bool,
    /// Works to re-read from the store and re-index at the end (merges).
    changed: BTreeSet<String>,
    added: usize,
}

pub(crate) fn open_index(review: &ReviewDir) -> Result<SearchIndex, ReviewError> {
    Ok(SearchIndex::open_or_create(&review.index_dir())?)
}

fn generation_file(review: &ReviewDir) -> PathBuf {
    review.quire_dir().join("index.generation")
}

/// The store generation the index was built from, if it was built by
/// this analyzer: the file reads "GENERATION analyzer VERSION" (an index
/// of an older quire, whose file holds the generation alone, is rebuilt).
fn recorded_generation(review: &ReviewDir) -> Option<i64> {
    let recorded = std::fs::read_to_string(generation_file(review)).ok()?;
    let mut words = recorded.split_whitespace();
    let generation = words.next()?.parse().ok()?;
    let version: u32 = match (words.next(), words.next()) {
        (Some("analyzer"), Some(v)) => v.parse().ok()?,
        _ => return None,
    };
    (version == quire_index::ANALYZER_VERSION).then_some(generation)
}

fn generation_record(generation: i64) -> String {
    format!("{generation} analyzer {}", quire_index::ANALYZER_VERSION)
}

impl<'i> IndexSync<'i> {
    pub(crate) fn begin(
        review: &ReviewDir,
        store: &Store,
        index: &'i SearchIndex,
    ) -> Result<Self, ReviewError> {
        let rebuild = recorded_generation(review) != Some(store.generation()?);
        Ok(IndexSync {
            writer: index.writer(WRITER_HEAP_BYTES)?,
            generation_file: generation_file(review),
            rebuild,
            changed: BTreeSet::new(),
            added: 0,
        })
    }

    /// Index a work just stored (skipped when a full rebuild is due anyway).
    pub(crate) fn add_new(
        &mut self,
        work: &Work,
        doc: Option<&Document>,
    ) -> Result<(), ReviewError> {
        if !self.rebuild {
            self.writer.add(work, doc)?;
            // A work a changed file gives again is counted once, with the
            // changed ones it is re-read among at the end.
            if !self.changed.contains(&work.id) {
                self.added += 1;
            }
        }
        Ok(())
    }

    /// A stored work changed (a merge): re-read and re-index it at the end.
    pub(crate) fn mark_changed(&mut self, id: String) {
        self.changed.insert(id);
    }

    /// A file's transaction failed after some of its works were handed to
    /// the index: only a rebuild makes the index trustworthy again.
    pub(crate) fn force_rebuild(&mut self) {
        self.rebuild = true;
    }

    /// Apply the changes (or rebuild) and record the generation. Returns
    /// how many works were (re)indexed.
    pub(crate) fn finish(
        mut self,
        store: &Store,
        progress: &dyn Progress,
    ) -> Result<usize, ReviewError> {
        let count = if self.rebuild {
            rebuild_into(&mut self.writer, store, progress)?
        } else {
            progress.begin("indexing", self.changed.len() as u64);
            for id in &self.changed {
                self.writer.delete(id);
                if let Some(work) = store.get_work(id)? {
                    self.writer.add(&work, store.document(id)?.as_ref())?;
                }
                progress.advance(1, "");
            }
            progress.end();
            self.added + self.changed.len()
        };
        if count > 0 || self.rebuild {
            self.writer.finish()?;
        }
        std::fs::write(
            &self.generation_file,
            generation_record(store.generation()?),
        )
        .map_err(|e| ReviewError::Io {
            path: self.generation_file.display().to_string(),
            source: e,
        })?;
        Ok(count)
    }
}

/// Clear the index and add every stored work with its document.
fn rebuild_into(
    writer: &mut Writer<'_>,
    store: &Store,
    progress: &dyn Progress,
) -> Result<usize, ReviewError> {
    progress.begin("indexing", store.count_works()? as u64);
    writer.clear()?;
    let with_documents: HashSet<String> = store.document_ids()?.into_iter().collect();
    let mut count = 0usize;
    let mut failure = None;
    store.for_each_work(|work| {
        let doc = if with_documents.contains(&work.id) {
            store.document(&work.id)?
        } else {
            None
        };
        if let Err(e) = writer.add(&work, doc.as_ref()) {
            failure.get_or_insert(e);
        }
        count += 1;
        if count.is_multiple_of(1000) {
            progress.advance(1000, "");
        }
        Ok(())
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    progress.end();
    Ok(count)
}

/// `quire index --rebuild`: rebuild the whole index from the store.
pub fn rebuild_index(review: &ReviewDir, progress: &dyn Progress) -> Result<usize, ReviewError> {
    let store = Store::open(&review.db_path())?;
    let index = open_index(review)?;
    let mut sync = IndexSync::begin(review, &store, &index)?;
    sync.force_rebuild();
    sync.finish(&store, progress)
}

/// Whether the index was built from the store's current generation.
pub fn index_is_current(review: &ReviewDir, store: &Store) -> Result<bool, ReviewError> {
    Ok(recorded_generation(review) == Some(store.generation()?))
}
