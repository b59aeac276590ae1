//! Works (bibliographic records) and Documents (their full texts).

use serde::{Deserialize, Serialize};

/// What sort of thing a work is. Closely follows the CSL item types that a
/// policy review meets; everything else is `Other`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum WorkKind {
    Article,
    Report,
    Book,
    Chapter,
    Statement,
    Legislation,
    News,
    Web,
    Encyclopedia,
    Thesis,
    #[default]
    Other,
}

impl WorkKind {
    pub const ALL: [WorkKind; 11] = [
        WorkKind::Article,
        WorkKind::Report,
        WorkKind::Book,
        WorkKind::Chapter,
        WorkKind::Statement,
        WorkKind::Legislation,
        WorkKind::News,
        WorkKind::Web,
        WorkKind::Encyclopedia,
        WorkKind::Thesis,
        WorkKind::Other,
    ];

    /// The lowercase name used in review.toml, the index and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkKind::Article => "article",
            WorkKind::Report => "report",
            WorkKind::Book => "book",
            WorkKind::Chapter => "chapter",
            WorkKind::Statement => "statement",
            WorkKind::Legislation => "legislation",
            WorkKind::News => "news",
            WorkKind::Web => "web",
            WorkKind::Encyclopedia => "encyclopedia",
            WorkKind::Thesis => "thesis",
            WorkKind::Other => "other",
        }
    }

    /// The CSL item type (csl-data schema) used when a work is written as
    /// CSL-JSON. Statements are speeches, remarks and official statements:
    /// CSL's `speech` is the closest type; the genre field keeps the rest.
    pub fn csl_type(self) -> &'static str {
        match self {
            WorkKind::Article => "article-journal",
            WorkKind::Report => "report",
            WorkKind::Book => "book",
            WorkKind::Chapter => "chapter",
            WorkKind::Statement => "speech",
            WorkKind::Legislation => "legislation",
            WorkKind::News => "article-newspaper",
            WorkKind::Web => "webpage",
            WorkKind::Encyclopedia => "entry-encyclopedia",
            WorkKind::Thesis => "thesis",
            WorkKind::Other => "document",
        }
    }

    /// Parse a kind name, accepting the common synonyms of BibTeX, RIS, CSL
    /// and of the example corpus's front matter (`official_statement`, ...).
    pub fn from_label(label: &str) -> WorkKind {
        let l = label.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match l.as_str() {
            "article" | "article_journal" | "journal_article" | "jour" | "ejour" | "jfull"
            | "article_magazine" | "magazine" | "mgzn" | "paper_conference" | "inproceedings"
            | "conference" | "conf" | "cpaper" | "review" | "journal" => WorkKind::Article,
            "report" | "techreport" | "rprt" | "government_report" | "govdoc" | "gov"
            | "working_paper" | "policy_brief" | "standard" | "dataset" => WorkKind::Report,
            "book" | "mvbook" | "collection" | "proceedings" | "edbook" | "ebook" => WorkKind::Book,
            "chapter" | "inbook" | "incollection" | "chap" | "echap" | "entry" => WorkKind::Chapter,
            "statement" | "official_statement" | "speech" | "interview" | "hearing"
            | "pamphlet" | "press_release" => WorkKind::Statement,
            "legislation" | "legal_case" | "bill" | "treaty" | "regulation" | "statute"
            | "legal" | "case" => WorkKind::Legislation,
            "news" | "article_newspaper" | "newspaper" | "news_article" | "newspaper_article" => {
                WorkKind::News
            }
            "web" | "webpage" | "online" | "elec" | "post" | "post_weblog" | "blog" | "www" => {
                WorkKind::Web
            }
            "encyclopedia" | "entry_encyclopedia" | "entry_dictionary" | "encyc" | "dictionary" => {
                WorkKind::Encyclopedia
            }
            "thesis" | "phdthesis" | "mastersthesis" | "thes" | "dissertation" => WorkKind::Thesis,
            _ => WorkKind::Other,
        }
    }
}

/// Whether a work is first-hand evidence (a government report, an official
/// statement, legislation, a UN record) or a secondary account of it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceType {
    Primary,
    Secondary,
    #[default]
    Unknown,
}

impl SourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Primary => "primary",
            SourceType::Secondary => "secondary",
            SourceType::Unknown => "unknown",
        }
    }
}

/// A person or an organisation named as author. Organisations have only a
/// `family` (the full name) and `literal = true`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Person {
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// True when the name is an organisation or must not be split.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub literal: bool,
    /// Whom the author speaks for, as the source gives it: "President,
    /// Afghanistan" for "Mohammad Ashraf Ghani (President, Afghanistan)".
    /// Not part of the name: citations and reference lists ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

impl Person {
    pub fn new(family: impl Into<String>, given: Option<String>) -> Person {
        Person {
            family: family.into(),
            given,
            literal: false,
            affiliation: None,
        }
    }

    pub fn organisation(name: impl Into<String>) -> Person {
        Person {
            family: name.into(),
            given: None,
            literal: true,
            affiliation: None,
        }
    }

    /// Split a free-form name: "Family, Given" or "Given Family".
    pub fn parse(name: &str) -> Person {
        let name = name.trim().trim_end_matches(['.', ',']).trim();
        if let Some((family, given)) = name.split_once(',') {
            let given = given.trim();
            return Person::new(
                family.trim(),
                (!given.is_empty()).then(|| given.to_string()),
            );
        }
        match name.rsplit_once(' ') {
            Some((given, family)) if !given.trim().is_empty() => {
                Person::new(family.trim(), Some(given.trim().to_string()))
            }
            _ => Person::new(name, None),
        }
    }

    /// "Family, G." — the form used in tables and logs.
    pub fn display_short(&self) -> String {
        match &self.given {
            Some(g) if !self.literal => {
                let initials: String = g
                    .split([' ', '-'])
                    .filter_map(|p| p.chars().next())
                    .map(|c| format!("{c}."))
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{}, {}", self.family, initials)
            }
            _ => self.family.clone(),
        }
    }
}

/// Where a record came from: the file and the line (1-based) or record
/// number within it. A merged work keeps every copy's provenance.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Provenance {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// A bibliographic record: the unit of a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Work {
    /// Stable id: a slug derived from the record (citation key, front-matter
    /// id, DOI or OpenAlex id), unique within a review.
    pub id: String,
    #[serde(default)]
    pub kind: WorkKind,
    pub title: String,
    #[serde(default)]
    pub authors: Vec<Person>,
    /// The editors of the book or collection a chapter appears in (APA:
    /// "In A. Khan & B. Ali (Eds.), *Book*"), or of an edited book, whose
    /// `authors` are then the same people (cited by them, listed as
    /// "(Eds.)"); empty when unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when more than the year is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// A book's edition when not the first: "2", "2nd", "Revised".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstract_text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The genre label as the source gave it (e.g. `official_statement`),
    /// kept because source-type rules may key on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    #[serde(default)]
    pub source_type: SourceType,
    /// Which rule decided `source_type`, in words, for the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type_rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// OpenAlex id (`W123...`) when known; reference lists point at these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openalex_id: Option<String>,
    /// The work's own reference list: DOIs, OpenAlex ids or free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

impl Work {
    /// "Author (Year)" style label for logs: first author's family name.
    pub fn first_author_family(&self) -> Option<&str> {
        self.authors.first().map(|p| p.family.as_str())
    }

    /// The genre as a reference list shows it (CSL `genre`: "Policy
    /// brief", "Doctoral dissertation"), or None. `genre` also holds the
    /// type a source format gave the record ("JOUR", "techreport",
    /// "book-chapter"), kept for the protocol's source-type rules; that
    /// is a type, not a genre, and the item's CSL type already says it.
    /// Labels written as identifiers ("official_statement") are spelt out.
    pub fn citation_genre(&self) -> Option<String> {
        let genre = self.genre.as_deref()?.trim();
        if genre.is_empty() || is_type_code(genre) {
            return None;
        }
        if genre.contains(' ') || !genre.contains(['_', '-']) {
            return Some(genre.to_string());
        }
        let words = genre.replace(['_', '-'], " ");
        let mut chars = words.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
    }
}

/// Record types of the formats quire reads: RIS `TY` codes, BibTeX and
/// BibLaTeX entry types, CSL item types, Crossref/OpenAlex work types.
/// Compared case-insensitively with `-` and `_` alike.
const TYPE_CODES: &[&str] = &[
    // RIS
    "abst",
    "advs",
    "aggr",
    "ancient",
    "art",
    "bill",
    "blog",
    "book",
    "case",
    "chap",
    "chart",
    "clswk",
    "comp",
    "conf",
    "cpaper",
    "ctlg",
    "data",
    "dbase",
    "dict",
    "ebook",
    "echap",
    "edbook",
    "ejour",
    "elec",
    "encyc",
    "equa",
    "figure",
    "gen",
    "govdoc",
    "grant",
    "hear",
    "icomm",
    "inpr",
    "jfull",
    "jour",
    "legal",
    "manscpt",
    "map",
    "mgzn",
    "mpct",
    "multi",
    "music",
    "news",
    "pamp",
    "pat",
    "pcomm",
    "rprt",
    "ser",
    "slide",
    "sound",
    "stand",
    "stat",
    "thes",
    "unbill",
    "unpb",
    "video",
    "web",
    // BibTeX / BibLaTeX
    "article",
    "booklet",
    "conference",
    "inbook",
    "incollection",
    "inproceedings",
    "manual",
    "mastersthesis",
    "misc",
    "phdthesis",
    "proceedings",
    "techreport",
    "unpublished",
    "online",
    "report",
    "thesis",
    "mvbook",
    "collection",
    "mvcollection",
    "reference",
    "mvreference",
    "inreference",
    "periodical",
    "suppbook",
    "suppcollection",
    "suppperiodical",
    "patent",
    "dataset",
    "software",
    "electronic",
    "www",
    // CSL
    "article_journal",
    "article_magazine",
    "article_newspaper",
    "broadcast",
    "chapter",
    "classic",
    "document",
    "entry",
    "entry_dictionary",
    "entry_encyclopedia",
    "event",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper_conference",
    "performance",
    "personal_communication",
    "post",
    "post_weblog",
    "regulation",
    "review",
    "review_book",
    "song",
    "speech",
    "standard",
    "treaty",
    "webpage",
    // Crossref / OpenAlex
    "book_chapter",
    "journal_article",
    "proceedings_article",
    "posted_content",
    "preprint",
    "dissertation",
    "paratext",
    "libguides",
    "letter",
    "other",
    "reference_entry",
    "editorial",
    "erratum",
    "peer_review",
    "supplementary_materials",
    "retraction",
    "book_section",
    "book_part",
    "monograph",
    "journal",
    "component",
    "encyclopedia",
];

fn is_type_code(label: &str) -> bool {
    let key = label.to_ascii_lowercase().replace('-', "_");
    TYPE_CODES.contains(&key.as_str())
}

/// The full text of a work, with the offsets where each page starts so that
/// a character span can be turned back into a page number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    pub work_id: String,
    pub text: String,
    /// Format it was read from: "pdf", "html", "md", "txt".
    pub format: String,
    /// Byte offsets into `text` where page 2, 3, ... begin. Empty for
    /// unpaginated formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_starts: Vec<usize>,
    /// The file it came from.
    pub file: String,
}

impl Document {
    /// 1-based page number containing byte `offset`, if paginated.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        if self.page_starts.is_empty() {
            return None;
        }
        Some(
            1 + self
                .page_starts
                .iter()
                .take_while(|&&s| s <= offset)
                .count(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_genre_drops_format_types_and_spells_out_labels() {
        let genre = |g: &str| {
            Work {
                genre: Some(g.into()),
                ..Default::default()
            }
            .citation_genre()
        };
        for code in [
            "JOUR",
            "techreport",
            "book-chapter",
            "article-journal",
            "misc",
            " ",
        ] {
            assert_eq!(genre(code), None, "{code}");
        }
        assert_eq!(
            genre("official_statement").as_deref(),
            Some("Official statement")
        );
        assert_eq!(genre("policy-brief").as_deref(), Some("Policy brief"));
        assert_eq!(genre("Asia Briefing").as_deref(), Some("Asia Briefing"));
        assert_eq!(
            genre("Doctoral dissertation").as_deref(),
            Some("Doctoral dissertation")
        );
        assert_eq!(Work::default().citation_genre(), None);
    }

    #[test]
    fn person_parse_both_orders() {
        assert_eq!(
            Person::parse("Siddiqi, Ayesha"),
            Person::new("Siddiqi", Some("Ayesha".into()))
        );
        assert_eq!(
            Person::parse("Ayesha Siddiqi"),
            Person::new("Siddiqi", Some("Ayesha".into()))
        );
        assert_eq!(Person::parse("Rashid").family, "Rashid");
        assert_eq!(
            Person::parse("Siddiqi, Ayesha Agha").display_short(),
            "Siddiqi, A. A."
        );
    }

    #[test]
    fn kind_synonyms() {
        assert_eq!(
            WorkKind::from_label("official_statement"),
            WorkKind::Statement
        );
        assert_eq!(WorkKind::from_label("article-journal"), WorkKind::Article);
        assert_eq!(WorkKind::from_label("JOUR"), WorkKind::Article);
        assert_eq!(WorkKind::from_label("techreport"), WorkKind::Report);
        assert_eq!(WorkKind::from_label("whatever"), WorkKind::Other);
    }

    #[test]
    fn page_of_offsets() {
        let d = Document {
            page_starts: vec![10, 20],
            ..Default::default()
        };
        assert_eq!(d.page_of(0), Some(1));
        assert_eq!(d.page_of(10), Some(2));
        assert_eq!(d.page_of(25), Some(3));
    }
}
