//! Writing works into the index: bulk loads, updates, deletes, and the
//! commit that records which state of the store the index reflects.

use std::borrow::Borrow;
use std::collections::HashSet;

use quire_model::{Document, Work};
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::schema::{Fields, KEYWORD_REPEATS, TITLE_REPEATS};
use crate::{IndexError, SearchIndex};

/// tantivy refuses less than 15 MB of indexing memory per thread.
const MIN_HEAP_PER_THREAD: usize = 15_000_000;

/// A batch writer. Documents added become searchable at [`Writer::commit`];
/// dropping a writer without committing discards its changes.
///
/// Adding a work whose id is already in the index replaces it, so a writer
/// can be fed the same works twice without duplicating them.
pub struct Writer<'i> {
    index: &'i SearchIndex,
    inner: IndexWriter<TantivyDocument>,
    /// The index held no documents when the writer opened (or was cleared):
    /// ids need no delete-before-add unless they repeat within this writer,
    /// which keeps bulk loads fast.
    fresh: bool,
    seen: HashSet<String>,
    generation: Option<String>,
}

impl<'i> Writer<'i> {
    pub(crate) fn open(index: &'i SearchIndex, heap_bytes: usize) -> Result<Self, IndexError> {
        let inner = index
            .index
            .writer::<TantivyDocument>(heap_bytes.max(MIN_HEAP_PER_THREAD))?;
        index.reader.reload()?;
        let fresh = index.reader.searcher().num_docs() == 0;
        Ok(Writer {
            index,
            inner,
            fresh,
            seen: HashSet::new(),
            generation: None,
        })
    }

    /// Add (or replace) a work and, when it has one, its full text.
    pub fn add(&mut self, work: &Work, document: Option<&Document>) -> Result<(), IndexError> {
        let repeated = if self.fresh {
            !self.seen.insert(work.id.clone())
        } else {
            true
        };
        if repeated {
            self.delete(&work.id);
        }
        let doc = to_document(&self.index.fields, work, document);
        self.inner.add_document(doc)?;
        Ok(())
    }

    /// Remove the work with this id, if indexed.
    pub fn delete(&mut self, id: &str) {
        self.inner
            .delete_term(Term::from_field_text(self.index.fields.id, id));
    }

    /// Remove every document (takes effect at commit).
    pub fn clear(&mut self) -> Result<(), IndexError> {
        self.inner.delete_all_documents()?;
        self.fresh = true;
        self.seen.clear();
        Ok(())
    }

    /// Record at the next commit which state of the store the index now
    /// reflects (see [`crate::IndexStatus::generation`]). A commit without
    /// one leaves the index's generation unknown, i.e. not current.
    pub fn set_generation(&mut self, generation: impl Into<String>) {
        self.generation = Some(generation.into());
    }

    /// Make everything added so far durable and searchable. Returns the
    /// number of documents in the index afterwards.
    pub fn commit(&mut self) -> Result<u64, IndexError> {
        let mut prepared = self.inner.prepare_commit()?;
        if let Some(generation) = &self.generation {
            prepared.set_payload(generation);
        }
        prepared.commit()?;
        self.index.reader.reload()?;
        Ok(self.index.reader.searcher().num_docs())
    }

    /// Commit, then wait for background segment merges to end, so that a
    /// process about to exit leaves a compact index behind.
    pub fn finish(mut self) -> Result<u64, IndexError> {
        self.commit()?;
        self.inner.wait_merging_threads()?;
        self.index.reader.reload()?;
        Ok(self.index.reader.searcher().num_docs())
    }
}

/// Add every item of a `(Work, Option<Document>)` stream; used by rebuild.
pub(crate) fn add_all<I, W, D>(writer: &mut Writer<'_>, items: I) -> Result<(), IndexError>
where
    I: IntoIterator<Item = (W, Option<D>)>,
    W: Borrow<Work>,
    D: Borrow<Document>,
{
    for (work, document) in items {
        writer.add(work.borrow(), document.as_ref().map(Borrow::borrow))?;
    }
    Ok(())
}

/// The indexed form of a work.
fn to_document(f: &Fields, work: &Work, document: Option<&Document>) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, &work.id);
    doc.add_text(f.title, &work.title);
    for _ in 0..TITLE_REPEATS {
        doc.add_text(f.all, &work.title);
    }
    if let Some(text) = &work.abstract_text {
        doc.add_text(f.abstract_text, text);
        doc.add_text(f.all, text);
    }
    if let Some(document) = document {
        doc.add_text(f.fulltext, &document.text);
        doc.add_text(f.all, &document.text);
    }
    for person in &work.authors {
        let name = match &person.given {
            Some(given) => format!("{given} {}", person.family),
            None => person.family.clone(),
        };
        doc.add_text(f.all, &name);
        doc.add_text(f.authors, name);
    }
    for keyword in &work.keywords {
        doc.add_text(f.keywords, keyword);
        for _ in 0..KEYWORD_REPEATS {
            doc.add_text(f.all, keyword);
        }
    }
    if let Some(container) = &work.container {
        doc.add_text(f.container, container);
    }
    if let Some(publisher) = &work.publisher {
        doc.add_text(f.publisher, publisher);
    }
    if let Some(year) = work.year {
        doc.add_i64(f.year, i64::from(year));
    }
    doc.add_text(f.kind, work.kind.as_str());
    doc.add_text(f.source_type, work.source_type.as_str());
    if let Some(first) = work.authors.first() {
        doc.add_text(f.first_author, first.display_short());
    }
    doc
}
