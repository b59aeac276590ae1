//! The review protocol as written in `review.toml`: the question, the
//! search keywords, the selection rule (recent + seminal + keep-list), the
//! source-type rules, and the analytical framework (categories and actors).

use crate::work::{SourceType, Work, WorkKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    // The I/O error is part of the message, not a `source`: shown with
    // its chain (`{:#}`), it would be said twice.
    #[error("{path}: cannot read: {reason}")]
    Read {
        path: String,
        reason: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    #[serde(default)]
    pub review: ReviewInfo,
    #[serde(default)]
    pub selection: SelectionRule,
    #[serde(default)]
    pub screening: ScreeningRules,
    #[serde(default)]
    pub source_types: SourceTypeRules,
    #[serde(default, rename = "categories")]
    pub categories: Vec<Category>,
    #[serde(default, rename = "actors")]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub interests: InterestLexicon,
    #[serde(default)]
    pub coding: CodingSettings,
}

/// `[coding]`: how passages are coded beyond the codebook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodingSettings {
    /// A sentence-transformers model folder (relative to the review), whose
    /// passage embeddings the trained coder reads beside the codebook once
    /// there are hand codes. Needs a quire built with the `encoder` feature.
    #[serde(default)]
    pub encoder: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewInfo {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub question: String,
    /// Search keywords of the protocol; highlighted when screening.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Reviewer names, if a team.
    #[serde(default)]
    pub reviewers: Vec<String>,
}

/// An inclusive year range, either end open: "2019..", "..2010",
/// "2019..2024", or a single year "2021".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn parse(text: &str) -> Option<YearRange> {
        let t = text.trim();
        let year = |s: &str| -> Option<Option<i32>> {
            let s = s.trim();
            if s.is_empty() {
                Some(None)
            } else {
                s.parse::<i32>().ok().map(Some)
            }
        };
        match t.split_once("..") {
            Some((a, b)) => Some(YearRange {
                from: year(a)?,
                to: year(b)?,
            }),
            None => {
                let y = t.parse::<i32>().ok()?;
                Some(YearRange {
                    from: Some(y),
                    to: Some(y),
                })
            }
        }
    }

    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }
}

impl YearRange {
    /// The range in words, to follow "works": "from 2019 on", "up to
    /// 2018", "from 2019 to 2024", "of 2019", "of any year".
    pub fn in_words(&self) -> String {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => format!("of {a}"),
            (Some(a), Some(b)) => format!("from {a} to {b}"),
            (Some(a), None) => format!("from {a} on"),
            (None, Some(b)) => format!("up to {b}"),
            (None, None) => "of any year".into(),
        }
    }
}

impl std::fmt::Display for YearRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => write!(
                f,
                "{}..{}",
                a.map(|y| y.to_string()).unwrap_or_default(),
                b.map(|y| y.to_string()).unwrap_or_default()
            ),
        }
    }
}

impl Serialize for YearRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for YearRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearRange::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "year range `{s}`: write 2019.., ..2010, 2019..2024 or 2021"
            ))
        })
    }
}

/// The protocol's selection rule: recent works, plus seminal older works
/// (cited often inside the corpus), plus an explicit keep-list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectionRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<YearRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seminal: Option<SeminalRule>,
    /// Works kept whatever their year, each named by its id, its DOI or
    /// its title.
    #[serde(default)]
    pub keep: Vec<String>,
}

impl SelectionRule {
    /// Whether the keep-list names `work`: by id, by DOI, or by title
    /// (case and punctuation aside) — a title still names the work when
    /// its id changes with the file it came from.
    pub fn keeps(&self, work: &Work) -> bool {
        self.keep.iter().any(|entry| names_work(entry, work))
    }

    /// The keep-list's entries that name none of `works`.
    pub fn unmatched_keep<'a>(&'a self, works: &[Work]) -> Vec<&'a str> {
        self.keep
            .iter()
            .filter(|entry| !works.iter().any(|w| names_work(entry, w)))
            .map(String::as_str)
            .collect()
    }
}

fn names_work(entry: &str, work: &Work) -> bool {
    let entry = entry.trim();
    if entry.eq_ignore_ascii_case(&work.id) {
        return true;
    }
    if let (Some(doi), Some(own)) = (
        crate::normalize::doi(entry),
        work.doi.as_deref().and_then(crate::normalize::doi),
    ) {
        return doi == own;
    }
    let key = crate::normalize::title_key(entry);
    !key.is_empty() && key.contains(' ') && key == crate::normalize::title_key(&work.title)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeminalRule {
    pub cited_by_at_least: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRules {
    /// The reasons a reviewer can pick when excluding.
    #[serde(default)]
    pub exclusion_reasons: Vec<String>,
}

/// Which works count as primary sources. The first matching rule wins, in
/// the order: genre, kind, publisher, author; otherwise `default`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceTypeRules {
    #[serde(default)]
    pub primary_genres: Vec<String>,
    #[serde(default)]
    pub primary_kinds: Vec<WorkKind>,
    /// Case-insensitive substrings of the publisher or container.
    #[serde(default)]
    pub primary_publishers: Vec<String>,
    /// Case-insensitive substrings of an author name.
    #[serde(default)]
    pub primary_authors: Vec<String>,
    #[serde(default)]
    pub secondary_genres: Vec<String>,
    #[serde(default)]
    pub secondary_kinds: Vec<WorkKind>,
    #[serde(default = "default_secondary")]
    pub default: SourceType,
}

fn default_secondary() -> SourceType {
    SourceType::Secondary
}

impl Default for SourceTypeRules {
    fn default() -> Self {
        SourceTypeRules {
            primary_genres: vec!["official_statement".into(), "government_report".into()],
            primary_kinds: vec![WorkKind::Statement, WorkKind::Legislation],
            primary_publishers: vec![],
            primary_authors: vec![],
            secondary_genres: vec![],
            secondary_kinds: vec![],
            default: SourceType::Secondary,
        }
    }
}

impl SourceTypeRules {
    /// Decide a work's source type and say which rule decided it.
    pub fn classify(&self, work: &Work) -> (SourceType, String) {
        let has = |list: &[String], value: &str| {
            let v = value.to_lowercase();
            list.iter().find(|p| v.contains(&p.to_lowercase())).cloned()
        };
        if let Some(g) = work.genre.as_deref() {
            let gl = g.to_lowercase();
            if self.secondary_genres.iter().any(|s| s.to_lowercase() == gl) {
                return (SourceType::Secondary, format!("genre `{g}` is secondary"));
            }
            if self.primary_genres.iter().any(|s| s.to_lowercase() == gl) {
                return (SourceType::Primary, format!("genre `{g}` is primary"));
            }
        }
        if self.secondary_kinds.contains(&work.kind) {
            return (
                SourceType::Secondary,
                format!("kind `{}` is secondary", work.kind.as_str()),
            );
        }
        if self.primary_kinds.contains(&work.kind) {
            return (
                SourceType::Primary,
                format!("kind `{}` is primary", work.kind.as_str()),
            );
        }
        for field in [work.publisher.as_deref(), work.container.as_deref()]
            .into_iter()
            .flatten()
        {
            if let Some(p) = has(&self.primary_publishers, field) {
                return (SourceType::Primary, format!("publisher matches `{p}`"));
            }
        }
        for a in &work.authors {
            if let Some(p) = has(&self.primary_authors, &a.family) {
                return (SourceType::Primary, format!("author matches `{p}`"));
            }
        }
        (self.default, format!("default ({})", self.default.as_str()))
    }
}

/// A category of the analytical framework.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub definition: String,
    /// Key terms and phrases; matching is case-insensitive on word
    /// boundaries. A trailing `*` matches any word ending ("militan*").
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    #[default]
    State,
    ArmedGroup,
    Organisation,
    Forum,
    Person,
}

/// An actor of the policy field: state, armed group, organisation, forum
/// or person, with the names it goes by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: ActorKind,
}

/// Words that attribute an interest to an actor ("seeks", "aims to", ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestLexicon {
    #[serde(default = "default_interest_markers")]
    pub markers: Vec<String>,
}

impl Default for InterestLexicon {
    fn default() -> Self {
        InterestLexicon {
            markers: default_interest_markers(),
        }
    }
}

fn default_interest_markers() -> Vec<String> {
    [
        "seeks",
        "seek",
        "seeking",
        "aims to",
        "aim to",
        "interest in",
        "interests in",
        "concerned about",
        "concern about",
        "wants",
        "want",
        "fears",
        "fear",
        "wishes to",
        "intends to",
        "is determined to",
        "are determined to",
        "committed to",
        "hopes to",
        "hope to",
        "strives to",
        "desire to",
        "priority is",
        "calls for",
        "call for",
        "urges",
        "urge",
        "insists on",
        "demands",
        "demand",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The codebook is the framework part of the protocol, as the coding and
/// synthesis stages see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Codebook {
    pub categories: Vec<Category>,
    pub actors: Vec<Actor>,
    pub interests: InterestLexicon,
    /// What the review is about (its keywords): the coder treats passages
    /// that never mention any of it as out of scope.
    #[serde(default)]
    pub focus: Vec<String>,
}

impl Protocol {
    /// Parse review.toml text; `path` is only used in error messages.
    pub fn from_toml_str(text: &str, path: &str) -> Result<Protocol, ProtocolError> {
        let protocol: Protocol = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            ProtocolError::Parse {
                path: path.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        protocol.validate(path)?;
        Ok(protocol)
    }

    pub fn load(path: &Path) -> Result<Protocol, ProtocolError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|reason| ProtocolError::Read {
            path: shown.clone(),
            reason,
        })?;
        Protocol::from_toml_str(&text, &shown)
    }

    fn validate(&self, path: &str) -> Result<(), ProtocolError> {
        let mut seen = std::collections::HashSet::new();
        for c in &self.categories {
            if c.id.trim().is_empty() {
                return Err(ProtocolError::Invalid {
                    path: path.into(),
                    message: format!("category `{}` has an empty id", c.label),
                });
            }
            if !seen.insert(c.id.as_str()) {
                return Err(ProtocolError::Invalid {
                    path: path.into(),
                    message: format!("category id `{}` is used twice", c.id),
                });
            }
        }
        Ok(())
    }

    pub fn codebook(&self) -> Codebook {
        Codebook {
            categories: self.categories.clone(),
            actors: self.actors.clone(),
            interests: self.interests.clone(),
            focus: self.review.keywords.clone(),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_keep_list_names_works_by_id_doi_or_title() {
        let work = Work {
            id: "khan-2021-border".into(),
            title: "Border Fencing and the Durand Line".into(),
            doi: Some("10.1080/14799855.2021.1".into()),
            ..Default::default()
        };
        let rule = |entry: &str| SelectionRule {
            keep: vec![entry.into()],
            ..Default::default()
        };
        for entry in [
            "khan-2021-border",
            "https://doi.org/10.1080/14799855.2021.1",
            "border fencing and the Durand line.",
        ] {
            assert!(rule(entry).keeps(&work), "{entry}");
        }
        for entry in ["khan-2021", "Border", "10.1080/other"] {
            assert!(!rule(entry).keeps(&work), "{entry}");
        }
        let both = SelectionRule {
            keep: vec!["khan-2021-border".into(), "ungdc-2017-pak".into()],
            ..Default::default()
        };
        assert_eq!(
            both.unmatched_keep(std::slice::from_ref(&work)),
            ["ungdc-2017-pak"]
        );
    }

    use super::*;

    #[test]
    fn year_ranges() {
        let r = YearRange::parse("2019..").unwrap();
        assert!(r.contains(2019) && r.contains(2030) && !r.contains(2018));
        let r = YearRange::parse("..2010").unwrap();
        assert!(r.contains(1990) && !r.contains(2011));
        assert_eq!(YearRange::parse("2021").unwrap().to_string(), "2021");
        assert!(YearRange::parse("20x1..").is_none());
    }

    #[test]
    fn year_ranges_in_words() {
        let words = |s: &str| YearRange::parse(s).unwrap().in_words();
        assert_eq!(words("2019.."), "from 2019 on");
        assert_eq!(words("..2010"), "up to 2010");
        assert_eq!(words("2019..2024"), "from 2019 to 2024");
        assert_eq!(words("2021"), "of 2021");
    }

    #[test]
    fn parses_protocol_and_reports_line() {
        let text = r#"
[review]
title = "T"
question = "Q?"

[selection]
years = "2019.."
seminal = { cited_by_at_least = 3 }

[[categories]]
id = "threat_landscape"
label = "Threat landscape"
terms = ["TTP", "ISIS-K"]

[[actors]]
id = "ttp"
name = "Tehrik-i-Taliban Pakistan"
aliases = ["TTP"]
kind = "armed_group"
"#;
        let p = Protocol::from_toml_str(text, "review.toml").unwrap();
        assert_eq!(p.selection.years.unwrap().from, Some(2019));
        assert_eq!(p.selection.seminal.unwrap().cited_by_at_least, 3);
        assert_eq!(p.actors[0].kind, ActorKind::ArmedGroup);

        let bad = "[selection]\nyears = \"soon\"\n";
        match Protocol::from_toml_str(bad, "review.toml") {
            Err(ProtocolError::Parse { line, .. }) => assert_eq!(line, 2),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn source_type_rules() {
        let rules = SourceTypeRules {
            primary_publishers: vec!["White House".into()],
            ..Default::default()
        };
        let mut w = Work {
            genre: Some("official_statement".into()),
            ..Default::default()
        };
        assert_eq!(rules.classify(&w).0, SourceType::Primary);
        w.genre = None;
        w.publisher = Some("The White House Briefing Room".into());
        assert_eq!(rules.classify(&w).0, SourceType::Primary);
        w.publisher = Some("Journal of Peace Research".into());
        assert_eq!(
            rules.classify(&w),
            (SourceType::Secondary, "default (secondary)".into())
        );
    }
}
