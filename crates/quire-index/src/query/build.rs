//! Translate a parsed [`Node`] into a tantivy query over the schema.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::guard::Guarded;
use super::{FieldName, Node};
use crate::schema::{terms_of, Fields};

/// What a bare word (no `field:`) searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DefaultFields {
    /// The combined `all` field: for finding and ranking.
    Combined,
    /// Title, abstract and full text separately: for highlighting, where
    /// each displayed field needs its own terms.
    Displayed,
}

/// Builds tantivy queries against one schema.
pub(crate) struct Builder<'f> {
    fields: &'f Fields,
    default_fields: DefaultFields,
}

impl<'f> Builder<'f> {
    /// A builder for the query that finds and ranks hits.
    pub(crate) fn new(fields: &'f Fields) -> Self {
        Builder {
            fields,
            default_fields: DefaultFields::Combined,
        }
    }

    /// A builder for the query whose terms snippets highlight.
    pub(crate) fn for_highlighting(fields: &'f Fields) -> Self {
        Builder {
            fields,
            default_fields: DefaultFields::Displayed,
        }
    }

    /// `None` when nothing searchable is left (e.g. a word of punctuation).
    pub(crate) fn query(&self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::All => Some(Box::new(AllQuery)),
            Node::And(children) => self.conjunction(children),
            Node::Or(children) => self.disjunction(children),
            Node::Not(inner) => self.query(inner).map(everything_but),
            Node::Text {
                field: None, text, ..
            } => self.in_default_fields(text),
            Node::Text {
                field: Some(field),
                text,
                ..
            } => self.in_field(*field, text),
            Node::Year { from, to } => Some(self.years(*from, *to)),
        }
    }

    fn conjunction(&self, children: &[Node]) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for child in children {
            match child {
                Node::Not(inner) => {
                    if let Some(q) = self.query(inner) {
                        clauses.push((Occur::MustNot, q));
                    }
                }
                _ => {
                    if let Some(q) = self.query(child) {
                        clauses.push((Occur::Must, q));
                    }
                }
            }
        }
        if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) && !clauses.is_empty() {
            // Only exclusions: exclude from everything.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        combine(clauses)
    }

    fn disjunction(&self, children: &[Node]) -> Option<Box<dyn Query>> {
        let clauses = children
            .iter()
            .filter_map(|child| self.query(child))
            .map(|q| (Occur::Should, q))
            .collect();
        combine(clauses)
    }

    fn in_default_fields(&self, text: &str) -> Option<Box<dyn Query>> {
        let terms = terms_of(text);
        let f = self.fields;
        match self.default_fields {
            DefaultFields::Combined => text_query(f.all, &terms),
            DefaultFields::Displayed => {
                let clauses = [f.title, f.abstract_text, f.fulltext]
                    .into_iter()
                    .filter_map(|field| text_query(field, &terms))
                    .map(|q| (Occur::Should, q))
                    .collect();
                combine(clauses)
            }
        }
    }

    fn in_field(&self, field: FieldName, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let text_field = match field {
            FieldName::Title => f.title,
            FieldName::Abstract => f.abstract_text,
            FieldName::Fulltext => f.fulltext,
            FieldName::Author => f.authors,
            FieldName::Keyword => f.keywords,
            FieldName::Container => f.container,
            FieldName::Publisher => f.publisher,
            // Exact-value fields: the parser already normalised the value.
            FieldName::Kind => return Some(exact(f.kind, text)),
            FieldName::SourceType => return Some(exact(f.source_type, text)),
            FieldName::Id => return Some(exact(f.id, text)),
            // The parser turns `year:` values into Node::Year; a text
            // value cannot reach here, and matches nothing if it did.
            FieldName::Year => return None,
        };
        text_query(text_field, &terms_of(text))
    }

    fn years(&self, from: Option<i64>, to: Option<i64>) -> Box<dyn Query> {
        let year = self.fields.year;
        let bound = |y: Option<i64>| match y {
            Some(y) => Bound::Included(Term::from_field_i64(year, y)),
            None => Bound::Unbounded,
        };
        Box::new(RangeQuery::new(bound(from), bound(to)))
    }
}

/// One analysed word or phrase in one text field.
fn text_query(field: Field, terms: &[String]) -> Option<Box<dyn Query>> {
    match terms {
        [] => None,
        [term] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        ))),
        terms => {
            let terms = terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            Some(Box::new(Guarded(Box::new(PhraseQuery::new(terms)))))
        }
    }
}

fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn everything_but(excluded: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery)),
        (Occur::MustNot, excluded),
    ]))
}

/// A boolean query of the clauses; a lone positive clause stands alone.
fn combine(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        1 if clauses[0].0 != Occur::MustNot => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}
