//! The trained sequence labeller: a linear-chain CRF (CRFsuite model format,
//! run by the pure-Rust `crfs` crate) that gives every token of a reference
//! string a field label, and groups runs of equal labels into segments.
//!
//! Training lives here too ([`train`]), so that the training example and the
//! evaluation script use exactly the features the shipped labeller uses.

use std::path::Path;

use crate::error::{CiteError, Result};
use crate::features::features;
use crate::gold::{GoldReference, OTHER};
use crate::lexicon::Lexicons;
use crate::tokenize::{tokenize, Token};

/// The model shipped in the repository, built by
/// `cargo run -p quire-cite --release --example train_refparse`.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/refparse/model.crfsuite");

/// A labelled run of tokens: the field label and the exact source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub label: String,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// A loaded CRF model with the lexicons its features were trained on.
pub struct Labeller {
    tagger: crfs::Tagger<'static>,
    lexicons: Lexicons,
}

impl std::fmt::Debug for Labeller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Labeller")
    }
}

impl Labeller {
    /// The model and lexicons compiled into the crate.
    pub fn embedded() -> Result<Labeller> {
        Labeller::from_static(EMBEDDED_MODEL, Lexicons::embedded())
    }

    /// Load a model file (e.g. one just trained by the evaluation script).
    /// The bytes are kept for the life of the process: a labeller is loaded
    /// once and used for every reference.
    pub fn from_file(path: &Path, lexicons: Lexicons) -> Result<Labeller> {
        let bytes = std::fs::read(path).map_err(|e| CiteError::io(path, e))?;
        Labeller::from_static(Box::leak(bytes.into_boxed_slice()), lexicons)
    }

    fn from_static(bytes: &'static [u8], lexicons: Lexicons) -> Result<Labeller> {
        let model = crfs::Model::new(bytes).map_err(|e| CiteError::Model(e.to_string()))?;
        let model: &'static crfs::Model<'static> = Box::leak(Box::new(model));
        let tagger = model
            .tagger()
            .map_err(|e| CiteError::Model(e.to_string()))?;
        Ok(Labeller { tagger, lexicons })
    }

    /// Label every token of `text`.
    pub fn label_tokens<'a>(&self, text: &'a str) -> Result<(Vec<Token<'a>>, Vec<String>)> {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return Ok((tokens, Vec::new()));
        }
        let xseq = features(&tokens, &self.lexicons);
        let labels = self
            .tagger
            .tag(&xseq)
            .map_err(|e| CiteError::Model(e.to_string()))?
            .into_iter()
            .map(str::to_string)
            .collect();
        Ok((tokens, labels))
    }

    /// Label `text` and return its segments in order (`other` dropped).
    pub fn segments<'a>(&self, text: &'a str) -> Result<Vec<Segment<'a>>> {
        let (tokens, labels) = self.label_tokens(text)?;
        Ok(group(text, &tokens, &labels))
    }
}

/// Group consecutive tokens with the same label into segments spanning the
/// source text from the first token's start to the last token's end.
pub fn group<'a>(text: &'a str, tokens: &[Token<'_>], labels: &[String]) -> Vec<Segment<'a>> {
    let mut out: Vec<Segment<'a>> = Vec::new();
    let mut prev: Option<&str> = None;
    for (t, l) in tokens.iter().zip(labels) {
        if l == OTHER {
            prev = None;
            continue;
        }
        match out.last_mut() {
            Some(seg) if prev == Some(l.as_str()) => {
                seg.end = t.end;
                seg.text = &text[seg.start..seg.end];
            }
            _ => out.push(Segment {
                label: l.clone(),
                text: &text[t.start..t.end],
                start: t.start,
                end: t.end,
            }),
        }
        prev = Some(l.as_str());
    }
    for seg in &mut out {
        if seg.label == "url" && is_doi_link(seg.text) {
            seg.label = "doi".into();
        }
    }
    out
}

/// A link that is a DOI ("https://doi.org/10...", "doi:10..."): reported as
/// the DOI field whatever the model called it.
fn is_doi_link(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    t.contains("doi.org/10.") || t.starts_with("doi:") || t.starts_with("10.")
}

/// Training settings: L-BFGS with elastic-net regularisation; L1 keeps the
/// model file small by zeroing most feature weights.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub c1: f64,
    pub c2: f64,
    pub max_iterations: usize,
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c1: 0.05,
            c2: 0.01,
            max_iterations: 150,
            verbose: false,
        }
    }
}

/// Train a CRF on gold references and write it to `out` (CRFsuite format).
pub fn train(
    references: &[GoldReference],
    lexicons: &Lexicons,
    options: &TrainOptions,
    out: &Path,
) -> Result<()> {
    let model_err = |e: std::io::Error| CiteError::Model(e.to_string());
    let mut trainer = crfs::Trainer::lbfgs();
    trainer.verbose(options.verbose);
    let params = trainer.params_mut();
    params.set_c1(options.c1).map_err(model_err)?;
    params.set_c2(options.c2).map_err(model_err)?;
    params
        .set_max_iterations(options.max_iterations)
        .map_err(model_err)?;
    for r in references {
        let (tokens, labels) = r.labelled_tokens();
        if tokens.is_empty() {
            continue;
        }
        let xseq = features(&tokens, lexicons);
        trainer.append(&xseq, &labels).map_err(model_err)?;
    }
    trainer.train(out).map_err(|e| CiteError::io(out, e))
}
