//! Searching: run a query with the review's filters, rank by BM25, and
//! turn the top documents into hits with snippets.

use std::collections::HashSet;

use quire_model::WorkKind;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermSetQuery};
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::query::{self, Builder, Node};
use crate::snippet::{Snippet, SNIPPET_BYTES};
use crate::{IndexError, SearchIndex};

/// How to search: how many hits, and which works may appear at all.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions<'a> {
    /// At most this many hits, best first.
    pub limit: usize,
    /// Only works published in or after this year (undated works are
    /// left out).
    pub since: Option<i32>,
    /// Only works with these ids (e.g. the protocol's selected set).
    pub allowed_ids: Option<&'a HashSet<String>>,
}

impl Default for SearchOptions<'_> {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            since: None,
            allowed_ids: None,
        }
    }
}

/// One search result, with what a hit list shows, read from the index
/// alone (no database needed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    /// BM25 score; only comparable within one search.
    pub score: f32,
    pub title: String,
    pub year: Option<i32>,
    /// "Family, G." of the first author.
    pub first_author: Option<String>,
    pub kind: WorkKind,
    pub snippet: Snippet,
}

impl SearchIndex {
    /// Search the index. Errors only on a malformed query or storage
    /// failure; a query with no matches gives an empty list.
    pub fn search(&self, query: &str, opts: &SearchOptions<'_>) -> Result<Vec<Hit>, IndexError> {
        let node = query::parse(query)?;
        let Some(filtered) = self.filtered_query(query, &node, opts)? else {
            return Ok(Vec::new());
        };
        if opts.limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &*filtered,
            &TopDocs::with_limit(opts.limit).order_by_score(),
        )?;
        let snippets = self.snippet_generators(&searcher, &node)?;
        top.into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(self.hit(&doc, score, &snippets))
            })
            .collect()
    }

    /// How many works match, with the same filters as [`SearchIndex::search`].
    pub fn count(&self, query: &str, opts: &SearchOptions<'_>) -> Result<usize, IndexError> {
        let node = query::parse(query)?;
        match self.filtered_query(query, &node, opts)? {
            Some(filtered) => Ok(self.reader.searcher().search(&*filtered, &Count)?),
            None => Ok(0),
        }
    }

    /// The query with the `since` and `allowed_ids` filters; `None` when
    /// the filters alone exclude everything.
    fn filtered_query(
        &self,
        text: &str,
        node: &Node,
        opts: &SearchOptions<'_>,
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let main = Builder::new(&self.fields)
            .query(node)
            .ok_or_else(|| query::syntax_error(text, 0, "the query has no searchable words"))?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];
        if let Some(since) = opts.since {
            let from = Term::from_field_i64(self.fields.year, i64::from(since));
            let range =
                RangeQuery::new(std::ops::Bound::Included(from), std::ops::Bound::Unbounded);
            clauses.push((Occur::Must, filter(Box::new(range))));
        }
        if let Some(ids) = opts.allowed_ids {
            if ids.is_empty() {
                return Ok(None);
            }
            let terms = ids
                .iter()
                .map(|id| Term::from_field_text(self.fields.id, id));
            clauses.push((Occur::Must, filter(Box::new(TermSetQuery::new(terms)))));
        }
        if clauses.len() == 1 {
            return Ok(clauses.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    /// One generator per displayable field, in order of preference when
    /// two fields' snippets show the match equally well.
    fn snippet_generators(
        &self,
        searcher: &Searcher,
        node: &Node,
    ) -> Result<Vec<(Field, Option<SnippetGenerator>)>, IndexError> {
        let highlight = node
            .positive()
            .and_then(|positive| Builder::for_highlighting(&self.fields).query(&positive));
        let f = &self.fields;
        [f.fulltext, f.abstract_text, f.title]
            .into_iter()
            .map(|field| {
                let generator = match &highlight {
                    Some(q) => {
                        let mut g = SnippetGenerator::create(searcher, &**q, field)?;
                        g.set_max_num_chars(SNIPPET_BYTES);
                        Some(g)
                    }
                    None => None,
                };
                Ok((field, generator))
            })
            .collect()
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: f32,
        snippets: &[(Field, Option<SnippetGenerator>)],
    ) -> Hit {
        let f = &self.fields;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str());
        Hit {
            id: text(f.id).unwrap_or_default().to_string(),
            score,
            title: text(f.title).unwrap_or_default().to_string(),
            year: doc
                .get_first(f.year)
                .and_then(|v| v.as_i64())
                .and_then(|y| i32::try_from(y).ok()),
            first_author: text(f.first_author).map(str::to_string),
            kind: WorkKind::from_label(text(f.kind).unwrap_or_default()),
            snippet: best_snippet(doc, snippets).unwrap_or_else(|| {
                let shown = [f.abstract_text, f.fulltext, f.title]
                    .into_iter()
                    .filter_map(text)
                    .find(|s| !s.trim().is_empty());
                Snippet::head(shown.unwrap_or(""))
            }),
        }
    }
}

/// A filter: restricts the matches without changing their scores.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The snippet showing the most different matched words, if a displayed
/// field matched at all (an author or year search matches none).
fn best_snippet(
    doc: &TantivyDocument,
    generators: &[(Field, Option<SnippetGenerator>)],
) -> Option<Snippet> {
    let mut best: Option<Snippet> = None;
    for (field, generator) in generators {
        let source = doc.get_first(*field).and_then(|v| v.as_str());
        let (Some(generator), Some(source)) = (generator, source) else {
            continue;
        };
        let found = generator.snippet(source);
        if found.highlighted().is_empty() {
            continue;
        }
        let candidate = Snippet::from_fragment(source, found.fragment_range(), found.highlighted());
        let better = best
            .as_ref()
            .is_none_or(|b| candidate.distinct_matches() > b.distinct_matches());
        if better {
            best = Some(candidate);
        }
    }
    best
}
