//! The report as a document: one format-neutral model ([`Document`]) that
//! the section builders fill, and two renderers, HTML and Markdown, so both
//! files always say the same thing.

pub mod html;
pub mod markdown;

use crate::charts::Chart;
use crate::references::Reference;

/// The whole report.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: String,
    pub question: String,
    /// Short facts under the title ("42 works · 6 categories").
    pub facts: Vec<String>,
    pub sections: Vec<Section>,
}

/// A numbered top-level section; `id` is its anchor.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    /// Explanatory small print.
    Note(String),
    Subheading(String),
    List(Vec<String>),
    Table(Table),
    Quote(Quote),
    /// Two quotes side by side: the two sides of a debate.
    Pair(Quote, Quote),
    Chart(Chart),
    References(Vec<Reference>),
}

/// A quoted passage with its citation; `label` says what it illustrates.
#[derive(Debug, Clone, Default)]
pub struct Quote {
    pub label: String,
    pub text: String,
    pub citation: String,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub caption: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellStyle {
    #[default]
    Text,
    Number,
    /// A thin cell of a gap matrix: highlighted.
    Thin,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub style: CellStyle,
    /// Shown when the reader points at the cell (HTML): e.g. the strongest
    /// passage behind a count.
    pub tip: Option<String>,
    /// A work's title after the text, in italics as APA sets titles: a
    /// title that holds "Name (2021)" is then no narrative citation to a
    /// reader or to the citation check.
    pub title: Option<String>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            style: CellStyle::Text,
            tip: None,
            title: None,
        }
    }

    /// A work named by its citation (may be empty) and its title.
    pub fn work(citation: impl Into<String>, title: impl Into<String>) -> Cell {
        let title: String = title.into();
        Cell {
            title: (!title.is_empty()).then_some(title),
            ..Cell::text(citation)
        }
    }

    pub fn number(n: impl ToString) -> Cell {
        Cell {
            text: n.to_string(),
            style: CellStyle::Number,
            tip: None,
            title: None,
        }
    }

    pub fn thin(n: impl ToString) -> Cell {
        Cell {
            text: n.to_string(),
            style: CellStyle::Thin,
            tip: None,
            title: None,
        }
    }

    /// The same cell with a tip.
    pub fn with_tip(mut self, tip: impl Into<String>) -> Cell {
        self.tip = Some(tip.into());
        self
    }
}
