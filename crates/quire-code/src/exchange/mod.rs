//! Exchange formats of the coding stage: coded passages as JSON Lines (what
//! `quire code --format jsonl` prints), manual codes as CSV, and a whole
//! coded project as REFI-QDA `.qdpx` for NVivo, ATLAS.ti and MAXQDA users.

pub mod codes_csv;
pub mod jsonl;
pub mod qdpx;

pub use codes_csv::{
    labelled_examples, labelled_passages, labelled_passages_with, read_codes_csv, read_codes_from,
    write_codes_csv, CodesImport,
};
pub use jsonl::{
    assigned_only, code_document, score_document, score_document_with, write_jsonl, CodedPassage,
};
pub use qdpx::{write_qdpx, QdpxProject, QdpxSource};
