//! `quire code [FILE...] [--codebook review.toml] [--format jsonl|table|csv]
//! [--train CODES.csv] [--export-codes OUT.csv] [--qdpx OUT.qdpx]`: cut
//! files into passages and code them against the review's framework. Text
//! and Markdown are read directly (a front-matter `id:` names the work,
//! else the file stem); PDF and HTML go through quire-ingest. Without FILE
//! arguments the passages come from the review store, and hand codes live
//! there: `--train` adds to them, the stored ones train the coder (as in
//! `quire review`), `--export-codes` writes them out.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use quire_code::exchange::{self, CodedPassage, QdpxProject, QdpxSource};
use quire_code::{passages, Coder};
use quire_model::{Coding, CodingOrigin, Passage, Protocol};
use std::collections::HashSet;

/// Code passages against the review's framework: a score per category
/// with the evidence behind it. Codes the review's stored works, or the
/// FILEs given; hand codes (--train) teach a classifier that re-scores
/// the rest.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  quire code --format table | less\n  quire code report.pdf notes.md --codebook review.toml > codes.jsonl\n  quire code --format csv > sheet.csv      # the suggestions (coder `auto`) to correct in a spreadsheet\n  quire code --train sheet.csv             # rows with your name as coder become the review's hand codes\n  quire code --export-codes hand-codes.csv --qdpx review.qdpx > /dev/null\n  quire code --all-scores > scores.jsonl   # every category's score, not only the assigned"
)]
pub struct Args {
    /// Files to code (.txt .md .pdf .html .docx); without files, the review's store.
    pub files: Vec<PathBuf>,
    /// The review.toml whose `[[categories]]` are the codebook.
    #[arg(long)]
    pub codebook: Option<PathBuf>,
    /// Output: one JSON object per passage, a readable table, or CSV rows
    /// (work_id,passage,category,coder; coder `auto`, one row with an
    /// empty category for a passage given none) to correct and train on.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "table", "csv"])]
    pub format: String,
    /// Hand-coded passages (work_id,passage,category,coder) to train on;
    /// in a review (no FILEs) they are also kept as its hand codes, which
    /// `quire review` and `quire report` train on. Rows whose coder is
    /// `auto` are suggestions, not hand codes, and are passed over.
    #[arg(long)]
    pub train: Option<PathBuf>,
    /// Write the review's hand codes (work_id,passage,category,coder) to
    /// this CSV file.
    #[arg(long, value_name = "OUT.csv")]
    pub export_codes: Option<PathBuf>,
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

pub fn run(args: &Args, review_dir: Option<&Path>, quiet: bool) -> anyhow::Result<i32> {
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
    // The review's store when coding it (no FILEs): hand codes live there.
    let store_dir = if args.files.is_empty() {
        review_dir
    } else {
        None
    };
    let mut hand_codes = Vec::new();
    if let Some(train) = &args.train {
        let (codes, skipped) = read_hand_codes(train)?;
        problems += skipped;
        // Codes for passages these texts do not have (another review's, a
        // typo in a work id) are reported and not kept.
        let known: HashSet<(&str, usize)> = sources
            .iter()
            .flat_map(|s| &s.passages)
            .map(|p| (p.work_id.as_str(), p.ordinal))
            .collect();
        let (codes, unknown): (Vec<Coding>, Vec<Coding>) = codes
            .into_iter()
            .partition(|c| known.contains(&(c.work_id.as_str(), c.passage)));
        if let Some(first) = unknown.first() {
            eprintln!(
                "quire code: {} codes in {} name no passage of these texts (e.g. {} #{}); not used",
                unknown.len(),
                train.display(),
                first.work_id,
                first.passage
            );
            problems += 1;
        }
        // Likewise codes of categories the codebook does not have.
        let (codes, foreign): (Vec<Coding>, Vec<Coding>) = codes
            .into_iter()
            .partition(|c| c.category.is_empty() || coder.categories().contains(&c.category));
        if let Some(first) = foreign.first() {
            eprintln!(
                "quire code: {} codes in {} name a category the codebook does not have (e.g. `{}`; it has {}); not used",
                foreign.len(),
                train.display(),
                first.category,
                coder.categories().join(", ")
            );
            problems += 1;
        }
        if let Some(dir) = store_dir {
            let added = store_hand_codes(dir, &codes)?;
            eprintln!(
                "quire code: {} hand codes from {} kept in the review ({added} new); \
                 `quire review` and `quire report` train on them",
                codes.len(),
                train.display()
            );
        } else {
            hand_codes = codes;
        }
    }
    if let Some(dir) = store_dir {
        hand_codes = stored_hand_codes(dir)?;
    }
    let mut semantic: Option<Vec<Vec<f32>>> = None;
    if !hand_codes.is_empty() {
        let passages: Vec<Passage> = sources.iter().flat_map(|s| s.passages.clone()).collect();
        // In a review whose review.toml names an encoder, the classifier
        // reads passage embeddings too, as `quire review` does.
        let vectors = match store_dir {
            Some(dir) => embed_passages(dir, &protocol, &passages, quiet)?,
            None => None,
        };
        let labelled = exchange::labelled_passages_with(&hand_codes, &passages, vectors.as_deref());
        coder.train_passages(&labelled)?;
        semantic = vectors.map(|v| quire_code::semantic::in_context_by_work(&passages, &v));
    }
    if let Some(out) = &args.export_codes {
        let Some(dir) = store_dir else {
            bail!("quire code --export-codes: the hand codes are a review's; run it in a review (or -C DIR) without FILEs");
        };
        let file = std::fs::File::create(out)
            .with_context(|| format!("{}: cannot create", out.display()))?;
        exchange::write_codes_csv(file, &stored_hand_codes(dir)?)?;
    }
    let mut start = 0;
    let scored: Vec<Vec<CodedPassage>> = sources
        .iter()
        .map(|s| {
            let own = semantic
                .as_ref()
                .map(|v| &v[start..start + s.passages.len()]);
            start += s.passages.len();
            exchange::score_document_with(&coder, &s.shown, &s.passages, own)
        })
        .collect();
    let mut coded = scored.clone();
    for passage in coded.iter_mut().flatten() {
        exchange::assigned_only(&coder, passage);
    }
    let shown = if args.all_scores { &scored } else { &coded };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.format == "csv" {
        exchange::write_codes_csv(&mut out, &suggestions(&sources, &coded))?;
    }
    for c in shown {
        match args.format.as_str() {
            "table" => write_table(&mut out, c)?,
            "csv" => {}
            _ => exchange::write_jsonl(&mut out, c)?,
        }
    }
    out.flush()?;
    if let Some(qdpx) = &args.qdpx {
        write_qdpx(qdpx, &protocol, &sources, &coded, &hand_codes)?;
    }
    Ok(if problems > 0 { 1 } else { 0 })
}

/// The passages' embeddings when review.toml names an encoder that loads
/// (cached in the review's store); `None`, with a word why on stderr, when
/// it names one that cannot be used.
fn embed_passages(
    dir: &Path,
    protocol: &Protocol,
    passages: &[Passage],
    quiet: bool,
) -> anyhow::Result<Option<Vec<Vec<f32>>>> {
    let review = quire_review::ReviewDir::at(dir)?;
    let mut store = quire_store::Store::open(&review.db_path())?;
    let progress = crate::progress::CliProgress::new(quiet);
    let (vectors, said) = quire_review::embeddings::embed_if_configured(
        &mut store,
        &review,
        &protocol.coding,
        passages,
        &progress,
    )?;
    if vectors.is_none() && !said.is_empty() {
        eprintln!("quire code: coding{said}");
    }
    Ok(vectors)
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

/// The hand codes of a CSV file, and how many rows were passed over: rows
/// the file could not give (reported with their line) and the `auto`
/// suggestions of `--format csv` left as they were.
fn read_hand_codes(path: &Path) -> anyhow::Result<(Vec<Coding>, usize)> {
    let import = exchange::read_codes_csv(path)?;
    for s in &import.skipped {
        eprintln!("quire code: skipped {s}");
    }
    let (suggested, codes): (Vec<Coding>, Vec<Coding>) = import
        .codes
        .into_iter()
        .partition(|c| c.coder.as_deref() == Some("auto"));
    if !suggested.is_empty() {
        eprintln!(
            "quire code: {} rows of {} are suggestions (coder `auto`), not hand codes: \
             put your name in their coder column to keep them",
            suggested.len(),
            path.display()
        );
    }
    Ok((codes, import.skipped.len()))
}

/// Add hand codes to the review's store; returns how many were new.
fn store_hand_codes(dir: &Path, codes: &[Coding]) -> anyhow::Result<usize> {
    let review = quire_review::ReviewDir::at(dir)?;
    let mut store = quire_store::Store::open(&review.db_path())?;
    let rows: Vec<(String, usize, String, String)> = codes
        .iter()
        .map(|c| {
            (
                c.work_id.clone(),
                c.passage,
                c.category.clone(),
                c.coder.clone().unwrap_or_default(),
            )
        })
        .collect();
    Ok(store.add_manual_codes(&rows)?)
}

/// The review's hand codes, as codings.
fn stored_hand_codes(dir: &Path) -> anyhow::Result<Vec<Coding>> {
    let review = quire_review::ReviewDir::at(dir)?;
    let store = quire_store::Store::open(&review.db_path())?;
    Ok(store
        .manual_codes()?
        .into_iter()
        .map(|(work_id, passage, category, coder)| {
            Coding::manual(work_id, passage, category, coder)
        })
        .collect())
}

/// The assigned codes of every passage as suggestions to correct (coder
/// `auto`): a row per code, and one with no category for a passage given
/// none, so that the sheet lists every passage.
fn suggestions(sources: &[Source], coded: &[Vec<CodedPassage>]) -> Vec<Coding> {
    let mut out = Vec::new();
    for (s, passages) in sources.iter().zip(coded) {
        for p in passages {
            let row = |category: &str| Coding {
                work_id: s.work_id.clone(),
                passage: p.passage,
                category: category.to_string(),
                origin: CodingOrigin::Auto,
                score: 0.0,
                evidence: Vec::new(),
                coder: None,
            };
            if p.codes.is_empty() {
                out.push(row(""));
            }
            out.extend(p.codes.iter().map(|c| row(&c.category)));
        }
    }
    out
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
    hand_codes: &[Coding],
) -> anyhow::Result<()> {
    // A hand-coded passage carries its hand codes, not the suggestions.
    let by_hand: HashSet<(&str, usize)> = hand_codes
        .iter()
        .map(|c| (c.work_id.as_str(), c.passage))
        .collect();
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
                    .filter(|p| !by_hand.contains(&(s.work_id.as_str(), p.passage)))
                    .flat_map(|p| {
                        p.codes.iter().map(|code| Coding {
                            work_id: s.work_id.clone(),
                            passage: p.passage,
                            category: code.category.clone(),
                            origin: CodingOrigin::Auto,
                            score: code.score,
                            evidence: code.evidence.clone(),
                            coder: None,
                        })
                    })
                    .chain(
                        hand_codes
                            .iter()
                            .filter(|h| h.work_id == s.work_id && !h.category.is_empty())
                            .cloned(),
                    )
                    .collect(),
            })
            .collect(),
    };
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    exchange::write_qdpx(file, &project)?;
    Ok(())
}
