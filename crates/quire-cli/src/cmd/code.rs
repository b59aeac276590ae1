//! `quire code [FILE...] [--codebook review.toml] [--format jsonl|table]
//! [--train CODES.csv] [--qdpx OUT.qdpx]`: cut files into passages and code
//! them against the review's framework. Text and Markdown are read directly
//! (a front-matter `id:` names the work, else the file stem); PDF and HTML
//! go through quire-ingest. Without FILE arguments the passages come from
//! the review store (wired by the CLI).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use quire_code::exchange::{self, CodedPassage, QdpxProject, QdpxSource};
use quire_code::{passages, Coder};
use quire_model::{Passage, Protocol};

/// Code passages against the review's framework: a score per category
/// with the evidence behind it. Codes the review's stored works, or the
/// FILEs given; hand codes (--train) teach a classifier that re-scores
/// the rest.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  quire code --format table | less\n  quire code report.pdf notes.md --codebook review.toml > codes.jsonl\n  quire code --train my-codes.csv --qdpx review.qdpx\n  quire code --all-scores > scores.jsonl   # every category's score, not only the assigned"
)]
pub struct Args {
    /// Files to code (.txt .md .pdf .html .docx); without files, the review's store.
    pub files: Vec<PathBuf>,
    /// The review.toml whose `[[categories]]` are the codebook.
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// Output: one JSON object per passage, or a readable table.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "table"])]
    pub format: String,
    /// Hand-coded passages (work_id,passage,category,coder) to train on.
    #[arg(long)]
    pub train: Option<PathBuf>,
    /// Also write the coded passages as a REFI-QDA project (.qdpx).
    #[arg(long)]
    pub qdpx: Option<PathBuf>,
    /// List every category's score and evidence for each passage, best
    /// first, not only the categories assigned (score ≥ 0.5).
    #[arg(long)]
    pub all_scores: bool,
}

/// One file's text and passages.
struct Source {
    shown: String,
    work_id: String,
    text: String,
    passages: Vec<Passage>,
}

pub fn run(args: &Args, review_dir: Option<&Path>) -> anyhow::Result<i32> {
    let codebook_path = match (&args.codebook, review_dir) {
        (Some(p), _) => p.clone(),
        (None, Some(dir)) => dir.join("review.toml"),
        (None, None) => PathBuf::from("review.toml"),
    };
    if args.codebook.is_none() && !codebook_path.exists() {
        anyhow::bail!(
            "no codebook: {} is not there; run in a review (or -C DIR), or name one with --codebook review.toml",
            codebook_path.display()
        );
    }
    let protocol = Protocol::load(&codebook_path)?;
    let mut coder = Coder::from_codebook(&protocol.codebook())?;
    let mut problems = 0;
    let mut sources = Vec::new();
    if args.files.is_empty() {
        let Some(dir) = review_dir else {
            bail!("quire code: give files to code (quire code FILE...), or run it inside a review after `quire import`");
        };
        sources = sources_from_store(dir)?;
    }
    for path in &args.files {
        match read_source(path) {
            Ok(found) => sources.extend(found),
            Err(e) => {
                eprintln!("quire code: {e:#}");
                problems += 1;
            }
        }
    }
    let all: Vec<&str> = sources
        .iter()
        .flat_map(|s| &s.passages)
        .map(|p| p.text.as_str())
        .collect();
    coder.fit_corpus(&all);
    if let Some(train) = &args.train {
        let import = exchange::read_codes_csv(train)?;
        for s in &import.skipped {
            eprintln!("quire code: skipped {s}");
            problems += 1;
        }
        let passages: Vec<Passage> = sources.iter().flat_map(|s| s.passages.clone()).collect();
        let labelled = exchange::labelled_passages(&import.codes, &passages);
        if labelled.is_empty() {
            eprintln!(
                "quire code: none of the codes in {} refer to passages of these files",
                train.display()
            );
            problems += 1;
        }
        coder.train_passages(&labelled)?;
    }
    let scored: Vec<Vec<CodedPassage>> = sources
        .iter()
        .map(|s| exchange::score_document(&coder, &s.shown, &s.passages))
        .collect();
    let mut coded = scored.clone();
    for passage in coded.iter_mut().flatten() {
        exchange::assigned_only(&coder, passage);
    }
    let shown = if args.all_scores { &scored } else { &coded };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for c in shown {
        if args.format == "table" {
            write_table(&mut out, c)?;
        } else {
            exchange::write_jsonl(&mut out, c)?;
        }
    }
    out.flush()?;
    if let Some(qdpx) = &args.qdpx {
        write_qdpx(qdpx, &protocol, &sources, &coded)?;
    }
    Ok(if problems > 0 { 1 } else { 0 })
}

/// Every stored work of the review at `dir`: its full text, else its abstract.
fn sources_from_store(dir: &Path) -> anyhow::Result<Vec<Source>> {
    let review = quire_review::ReviewDir::at(dir)?;
    let store = quire_store::Store::open(&review.db_path())?;
    let mut out = Vec::new();
    for work in store.works()? {
        let (text, passages) = match store.document(&work.id)? {
            Some(doc) => {
                let ps = passages::split_document(&doc);
                (doc.text, ps)
            }
            None => match &work.abstract_text {
                Some(a) => (a.clone(), passages::split_abstract(&work.id, a)),
                None => continue,
            },
        };
        out.push(Source {
            shown: work.id.clone(),
            work_id: work.id,
            text,
            passages,
        });
    }
    if out.is_empty() {
        bail!(
            "{}: the review holds no texts or abstracts yet; run `quire import` first",
            dir.display()
        );
    }
    Ok(out)
}

fn read_source(path: &Path) -> anyhow::Result<Vec<Source>> {
    let shown = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "txt" | "md" | "markdown" | "text") {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{shown}: cannot read"))?;
        let work_id = passages::front_matter_id(&text).unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let passages = passages::split_text(&work_id, &text);
        return Ok(vec![Source {
            shown,
            work_id,
            text,
            passages,
        }]);
    }
    let import = quire_ingest::read_file(path, &shown)?;
    for s in &import.skipped {
        eprintln!("quire code: skipped {s}");
    }
    let found: Vec<Source> = import
        .records
        .into_iter()
        .filter_map(|r| r.document)
        .map(|doc| Source {
            shown: shown.clone(),
            work_id: doc.work_id.clone(),
            passages: passages::split_document(&doc),
            text: doc.text,
        })
        .collect();
    if found.is_empty() {
        bail!("{shown}: no text to code in this file");
    }
    Ok(found)
}

fn write_table(out: &mut impl Write, coded: &[CodedPassage]) -> std::io::Result<()> {
    for c in coded {
        let preview: String = c.text.chars().take(70).collect();
        writeln!(out, "{} #{}  {}", c.source, c.passage, preview)?;
        for code in &c.codes {
            writeln!(
                out,
                "    {:<26} {:.2}  {}",
                code.category,
                code.score,
                code.evidence.join(", ")
            )?;
        }
    }
    Ok(())
}

fn write_qdpx(
    path: &Path,
    protocol: &Protocol,
    sources: &[Source],
    coded: &[Vec<CodedPassage>],
) -> anyhow::Result<()> {
    let project = QdpxProject {
        name: protocol.review.title.clone(),
        codebook: protocol.codebook(),
        sources: sources
            .iter()
            .zip(coded)
            .map(|(s, c)| QdpxSource {
                work_id: s.work_id.clone(),
                name: s.shown.clone(),
                text: s.text.clone(),
                passages: s.passages.clone(),
                codings: c
                    .iter()
                    .flat_map(|p| {
                        p.codes.iter().map(|code| quire_model::Coding {
                            work_id: s.work_id.clone(),
                            passage: p.passage,
                            category: code.category.clone(),
                            origin: quire_model::CodingOrigin::Auto,
                            score: code.score,
                            evidence: code.evidence.clone(),
                            coder: None,
                        })
                    })
                    .collect(),
            })
            .collect(),
    };
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    exchange::write_qdpx(file, &project)?;
    Ok(())
}
