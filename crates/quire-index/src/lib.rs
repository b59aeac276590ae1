//! Full-text search over a quire review.
//!
//! `quire-index` keeps a [tantivy] index of every Work (title, abstract,
//! authors, keywords, container, publisher, year, kind, source type) and its
//! Document (full text), and answers the queries of `quire search`: words,
//! "phrases", AND/OR/NOT, parentheses, `field:term`, `year:2019..2024`
//! (see [`query`] for the whole language). Hits are ranked by
//! BM25 and carry a snippet with the matched words marked. Bare words are
//! matched in one combined field where the title counts three times and
//! keywords twice ([`DEFAULT_FIELD_WEIGHTS`]), so that common multi-word
//! queries stay fast at a million works.
//!
//! ```no_run
//! # fn main() -> Result<(), quire_index::IndexError> {
//! use quire_index::{SearchIndex, SearchOptions};
//! # let works: Vec<quire_model::Work> = vec![];
//! let index = SearchIndex::open_or_create(std::path::Path::new(".quire/index"))?;
//! let mut writer = index.writer(256 << 20)?;
//! for work in &works {
//!     writer.add(work, None)?;
//! }
//! writer.set_generation("works=1000;changed=2026-11-26T12:00:00Z");
//! writer.commit()?;
//! for hit in index.search("durand line year:2019..", &SearchOptions::default())? {
//!     println!("{} ({:?}) {}", hit.title, hit.year, hit.snippet.to_terminal());
//! }
//! # Ok(()) }
//! ```
//!
//! What it does not do: it is not the source of truth. The store (SQLite)
//! is; the index is a cache that [`SearchIndex::rebuild`] recreates from it,
//! and [`IndexStatus::generation`] tells whether it still matches the store.
//! It does not read bibliographic files, apply the protocol's selection rule
//! (callers pass the selected ids in [`SearchOptions::allowed_ids`]), or
//! format hits for a terminal or a page beyond marking snippets.

mod cjk;
mod error;
pub mod query;
mod schema;
mod search;
mod snippet;
mod writer;

use std::borrow::Borrow;
use std::path::{Path, PathBuf};

use quire_model::{Document, Work};
use serde::Serialize;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexBuilder, IndexReader, ReloadPolicy, TantivyError};

pub use error::IndexError;
pub use schema::{ANALYZER_VERSION, DEFAULT_FIELD_WEIGHTS};
pub use search::{Hit, SearchOptions};
pub use snippet::Snippet;
pub use writer::Writer;

/// A good default indexing memory budget: enough for large imports to
/// write few segments, small beside the machines quire runs on.
pub const DEFAULT_HEAP_BYTES: usize = 512 << 20;

/// The search index of one review.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: schema::Fields,
}

/// Where the index stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexStatus {
    /// Documents (works) searchable now.
    pub docs: u64,
    /// The store fingerprint recorded at the last commit (the caller's
    /// choice, e.g. `"works=N;changed=<latest update stamp>"`); `None` if
    /// the index was never committed with one.
    pub generation: Option<String>,
    /// Index segments; many small ones mean merges are still pending.
    pub segments: usize,
}

impl IndexStatus {
    /// Whether the index reflects the store whose fingerprint is `store`.
    pub fn is_current(&self, store: &str) -> bool {
        self.generation.as_deref() == Some(store)
    }
}

impl SearchIndex {
    /// Open the index in `dir`, creating the directory and an empty index
    /// if needed. An index with another schema is an error, not replaced:
    /// see [`SearchIndex::recreate`].
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e),
        })?;
        match builder().open_or_create(directory) {
            Ok(index) => SearchIndex::from_index(index),
            Err(TantivyError::SchemaError(_)) => Err(IndexError::SchemaMismatch {
                path: dir.to_path_buf(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Delete the index in `dir` (only if it looks like one) and create an
    /// empty one: the cure for [`IndexError::SchemaMismatch`].
    pub fn recreate(dir: &Path) -> Result<SearchIndex, IndexError> {
        if dir.exists() {
            let io = |source| IndexError::Io {
                path: dir.to_path_buf(),
                source,
            };
            let is_empty = std::fs::read_dir(dir).map_err(io)?.next().is_none();
            if !is_empty && !dir.join("meta.json").is_file() {
                return Err(IndexError::NotAnIndex {
                    path: dir.to_path_buf(),
                });
            }
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        SearchIndex::open_or_create(dir)
    }

    /// An index in memory, for tests and throw-away searches.
    pub fn in_memory() -> Result<SearchIndex, IndexError> {
        SearchIndex::from_index(builder().create_in_ram()?)
    }

    fn from_index(index: Index) -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema::build();
        if index.schema() != schema {
            return Err(IndexError::SchemaMismatch {
                path: PathBuf::from("(in memory)"),
            });
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// A writer with an indexing memory budget of `heap_bytes`, shared by
    /// as many indexing threads as there are cores (up to 8). One writer
    /// at a time per index.
    pub fn writer(&self, heap_bytes: usize) -> Result<Writer<'_>, IndexError> {
        Writer::open(self, heap_bytes)
    }

    /// Replace the whole index with `items` and record `generation`.
    /// Returns the number of documents indexed.
    pub fn rebuild<I, W, D>(&self, items: I, generation: &str) -> Result<u64, IndexError>
    where
        I: IntoIterator<Item = (W, Option<D>)>,
        W: Borrow<Work>,
        D: Borrow<Document>,
    {
        let mut writer = self.writer(DEFAULT_HEAP_BYTES)?;
        writer.clear()?;
        writer::add_all(&mut writer, items)?;
        writer.set_generation(generation);
        writer.finish()
    }

    /// Pick up commits made by another process since this index was opened.
    pub fn reload(&self) -> Result<(), IndexError> {
        Ok(self.reader.reload()?)
    }

    /// How many documents the index holds and which store state it reflects.
    pub fn status(&self) -> Result<IndexStatus, IndexError> {
        self.reader.reload()?;
        let metas = self.index.load_metas()?;
        let searcher = self.reader.searcher();
        Ok(IndexStatus {
            docs: searcher.num_docs(),
            generation: metas.payload,
            segments: searcher.segment_readers().len(),
        })
    }
}

fn builder() -> IndexBuilder {
    let (schema, _) = schema::build();
    IndexBuilder::new()
        .schema(schema)
        .tokenizers(schema::tokenizers())
}
