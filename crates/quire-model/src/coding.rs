//! Passages, codings and screening decisions: what the later stages add to
//! the works of a review.

use serde::{Deserialize, Serialize};

/// A paragraph-sized span of a work's full text (or its abstract), the unit
/// that is coded against the framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Passage {
    pub work_id: String,
    /// 0-based position of the passage within its work.
    pub ordinal: usize,
    /// Byte span in the Document text (or abstract) it was cut from.
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The cleaned text (PDF artefacts repaired), which may differ from the
    /// raw span.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

impl Passage {
    /// The heading of the passages made of a full text's notes (footnotes,
    /// endnotes), which the splitter sets after the body.
    pub const NOTES_HEADING: &'static str = "Notes";

    /// Whether the passage is one of its text's notes.
    pub fn is_note(&self) -> bool {
        self.heading.as_deref() == Some(Self::NOTES_HEADING)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodingOrigin {
    Auto,
    Manual,
}

/// A passage assigned to a category of the codebook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coding {
    pub work_id: String,
    pub passage: usize,
    pub category: String,
    pub origin: CodingOrigin,
    /// 0..1; manual codings are 1.0.
    pub score: f32,
    /// The matched terms/phrases that explain an automatic coding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coder: Option<String>,
}

impl Coding {
    /// A hand code, as a review stores it (work, passage ordinal, category
    /// — empty for "none applies" —, coder; an empty coder is unnamed).
    pub fn manual(work_id: String, passage: usize, category: String, coder: String) -> Coding {
        Coding {
            work_id,
            passage,
            category,
            origin: CodingOrigin::Manual,
            score: 1.0,
            evidence: Vec::new(),
            coder: (!coder.is_empty()).then_some(coder),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScreeningStage {
    /// Title and abstract.
    Abstract,
    Fulltext,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionLabel {
    Include,
    Exclude,
    Maybe,
}

/// One reviewer's screening decision on one work at one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub work_id: String,
    pub stage: ScreeningStage,
    pub reviewer: String,
    pub label: DecisionLabel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339 time of the decision.
    pub at: String,
}

impl Decision {
    /// A decision without a reason or a note.
    pub fn new(
        work_id: impl Into<String>,
        stage: ScreeningStage,
        reviewer: impl Into<String>,
        label: DecisionLabel,
        at: impl Into<String>,
    ) -> Decision {
        Decision {
            work_id: work_id.into(),
            stage,
            reviewer: reviewer.into(),
            label,
            reason: None,
            note: None,
            at: at.into(),
        }
    }
}
