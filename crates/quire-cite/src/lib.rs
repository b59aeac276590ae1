//! quire-cite: reference lists and in-text citations.
//!
//! Two jobs, both local and offline:
//!
//! * **Parse a reference list** ([`parse::ReferenceParser`]): read a
//!   manuscript ([`manuscript`]: txt, md, html, docx, pdf), find its reference
//!   section and split it into entries ([`section`]), label the tokens of
//!   each entry with a trained linear-chain CRF ([`labeller`], features in
//!   [`features`], word lists in [`lexicon`]) and relabel them with a
//!   second CRF that sees the first one's labels of the whole entry
//!   ([`stacking`]), turn the labelled segments
//!   into fields ([`fields::Reference`]: authors split into family/given,
//!   year, "9(2)" → volume/issue, pages, DOI, type) and write them out
//!   ([`format`](mod@format): CSL-JSON, BibTeX, RIS, APA through hayagriva's CSL engine).
//! * **Check a manuscript** ([`check`]): find every in-text citation
//!   (author–date and numeric), match it to the reference list, and report
//!   `no_reference`, `name_mismatch`, `year_mismatch`, `ambiguous`,
//!   `uncited_reference`, `duplicate_reference` and APA `style` problems.
//!   A Markdown manuscript that cites by key (pandoc's `[@key]`) is
//!   checked against its bibliography files instead ([`check::pandoc`]).
//!
//! ```no_run
//! use quire_cite::{check, format, parse::ReferenceParser};
//! let parser = ReferenceParser::new()?;               // the shipped model
//! let refs = parser.parse_file("draft.md".as_ref())?;
//! println!("{}", format::write(&refs, format::OutputFormat::Apa)?);
//! let report = check::check_file("draft.md".as_ref(), &parser, check::CitationStyle::Apa)?;
//! println!("{}", report.to_text());
//! # Ok::<(), quire_cite::CiteError>(())
//! ```
//!
//! The models ship in `models/refparse/model.crfsuite` (first stage) and
//! `models/refparse/stage2.crfsuite` (second) and are compiled in;
//! `models/refparse/train.sh` rebuilds them (through
//! `examples/train_refparse.rs`), `examples/eval_refparse.rs`
//! measures it (see `eval/refparse/README.md`).
//!
//! What it does not do: OCR a scanned PDF (its text layer is read through
//! quire-ingest's PDF reader), look references up online, or store
//! anything — [`fields::Reference::to_work`] turns references into Works
//! for the review store.

pub mod check;
pub mod error;
pub mod evaluate;
pub mod features;
pub mod fields;
pub mod format;
pub mod gold;
pub mod labeller;
pub mod lexicon;
pub mod manuscript;
pub mod parse;
pub mod section;
pub mod stacking;
pub mod tokenize;

pub use error::{CiteError, Result};
