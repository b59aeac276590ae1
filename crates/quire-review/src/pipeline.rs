//! The review after import: select → cut passages → code → synthesise →
//! report. `quire review DIR` runs [`import`](crate::import()) and then
//! [`run_analysis`]; `quire report` runs [`run_analysis`] alone.
//!
//! Works excluded by a screening decision (any stage, latest decision of
//! any reviewer) are left out as well as those the selection rule drops;
//! the PRISMA counts say how many went where.

use crate::embeddings;
use crate::{select, Progress, ReviewDir, ReviewError, Selection};
use quire_code::{code_passages_with, exchange, passages, Coder};
use quire_model::{Coding, DecisionLabel, Passage, Protocol, ScreeningStage, Work};
use quire_report::{PrismaCounts, ReportFiles, ReportInput};
use quire_store::Store;
use quire_synthesis::{ReviewInput, Synthesis};
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

/// Everything the analysis produced, for the CLI to summarise.
pub struct Analysis {
    pub works: Vec<Work>,
    pub selection: Selection,
    pub included: HashSet<String>,
    pub passages: Vec<Passage>,
    pub codings: Vec<Coding>,
    pub synthesis: Synthesis,
    pub prisma: PrismaCounts,
    pub report: ReportFiles,
    /// Wall time of each stage, in order, for the summary line.
    pub timings: Vec<(&'static str, f64)>,
    /// Categories of stored hand codes that the codebook no longer has
    /// (renamed or removed since the coding): those codes were left out.
    pub hand_codes_left_out: BTreeMap<String, usize>,
    /// What the trained coder read, for the summary: how many hand codes,
    /// whether with sentence embeddings and, if an encoder was named but
    /// could not be used, why.
    pub coding_note: Option<String>,
}

/// Run selection, coding, synthesis and the report over what the store
/// holds. `progress` shows the one slow step there can be: encoding the
/// passages for a review with an encoder and hand codes.
pub fn run_analysis(
    review: &ReviewDir,
    protocol: &Protocol,
    progress: &dyn Progress,
) -> Result<Analysis, ReviewError> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        timings.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };

    let mut store = Store::open(&review.db_path())?;
    let works = store.works()?;
    let selection = select(&protocol.selection, &works);
    let screened_out = screened_out(&store)?;
    let included: HashSet<String> = selection
        .selected()
        .into_iter()
        .filter(|id| !screened_out.contains_key(id))
        .collect();
    lap("select", &mut timings);

    let passages = cut_passages(&store, &works, &included)?;
    lap("passages", &mut timings);
    let coded = code(&mut store, review, protocol, &passages, progress)?;
    let Coded {
        codings,
        left_out: hand_codes_left_out,
        note: coding_note,
        encoder,
    } = coded;
    lap("code", &mut timings);

    let synthesis = quire_synthesis::synthesise(&ReviewInput {
        protocol,
        works: &works,
        passages: &passages,
        codings: &codings,
        selected: &included,
        citation_counts: &selection.cited_by,
    });
    lap("synthesise", &mut timings);

    let prisma = prisma_counts(&store, &works, &selection, &screened_out, included.len())?;
    let out = review.out_dir();
    let report = quire_report::write_report(
        &ReportInput {
            protocol,
            works: &works,
            passages: &passages,
            codings: &codings,
            synthesis: &synthesis,
            prisma: &prisma,
            encoder: encoder.as_deref(),
        },
        &out,
    )?;
    write_coded_passages(&out, &passages, &codings)?;
    lap("report", &mut timings);

    Ok(Analysis {
        works,
        selection,
        included,
        passages,
        codings,
        synthesis,
        prisma,
        report,
        timings,
        hand_codes_left_out,
        coding_note,
    })
}

/// Works whose latest screening decision (at either stage, by any
/// reviewer) is an exclusion, with the reason given.
fn screened_out(store: &Store) -> Result<BTreeMap<String, String>, ReviewError> {
    let mut out = BTreeMap::new();
    for stage in [ScreeningStage::Abstract, ScreeningStage::Fulltext] {
        for d in store.decisions(stage)? {
            if d.label == DecisionLabel::Exclude {
                out.insert(
                    d.work_id,
                    d.reason.unwrap_or_else(|| "excluded in screening".into()),
                );
            }
        }
    }
    Ok(out)
}

/// Passages of every included work: its full text when there is one,
/// else its abstract.
fn cut_passages(
    store: &Store,
    works: &[Work],
    included: &HashSet<String>,
) -> Result<Vec<Passage>, ReviewError> {
    let mut all = Vec::new();
    for work in works.iter().filter(|w| included.contains(&w.id)) {
        if let Some(doc) = store.document(&work.id)? {
            all.extend(passages::split_document(&doc));
        } else if let Some(abstract_text) = &work.abstract_text {
            all.extend(passages::split_abstract(&work.id, abstract_text));
        }
    }
    Ok(all)
}

/// What [`code`] made.
struct Coded {
    codings: Vec<Coding>,
    /// Hand codes of categories the codebook no longer has, by category.
    left_out: BTreeMap<String, usize>,
    note: Option<String>,
    /// The encoder's folder name, when the coder read its embeddings.
    encoder: Option<String>,
}

/// Auto-code every passage; hand codes from the store train the coder
/// and are kept as manual codings alongside. With hand codes and an
/// encoder named in review.toml, the coder reads passage embeddings too.
fn code(
    store: &mut Store,
    review: &ReviewDir,
    protocol: &Protocol,
    passages: &[Passage],
    progress: &dyn Progress,
) -> Result<Coded, ReviewError> {
    let mut coder = Coder::from_codebook(&protocol.codebook())?;
    coder.fit_corpus(&passages.iter().map(|p| p.text.as_str()).collect::<Vec<_>>());
    // Hand codes of a category the codebook has lost would stop the
    // classifier: they are counted and left out.
    let mut left_out: BTreeMap<String, usize> = BTreeMap::new();
    let manual: Vec<Coding> = store
        .manual_codes()?
        .into_iter()
        .filter(|(_, _, category, _)| {
            let known = category.is_empty() || coder.categories().contains(category);
            if !known {
                *left_out.entry(category.clone()).or_default() += 1;
            }
            known
        })
        .map(|(work_id, passage, category, coder)| {
            Coding::manual(work_id, passage, category, coder)
        })
        .collect();
    let mut note = None;
    let mut vectors = None;
    if !manual.is_empty() {
        let (embedded, said) =
            embeddings::embed_if_configured(store, review, &protocol.coding, passages, progress)?;
        vectors = embedded;
        // With their neighbours, as `code_passages` scores them.
        let labelled = exchange::labelled_passages_with(&manual, passages, vectors.as_deref());
        coder.train_passages(&labelled)?;
        note = Some(format!("trained on {} hand codes{said}", manual.len()));
    }
    let hand_coded: HashSet<(&str, usize)> = manual
        .iter()
        .map(|c| (c.work_id.as_str(), c.passage))
        .collect();
    let mut codings: Vec<Coding> = code_passages_with(&coder, passages, vectors.as_deref())
        .into_iter()
        .filter(|c| !hand_coded.contains(&(c.work_id.as_str(), c.passage)))
        .collect();
    // A hand code with no category says "read, none applies": it taught
    // the classifier and keeps the suggestions off the passage, but it is
    // no coding.
    codings.extend(manual.into_iter().filter(|c| !c.category.is_empty()));
    let encoder = vectors
        .as_ref()
        .and(protocol.coding.encoder.as_ref())
        .map(|dir| {
            dir.file_name()
                .unwrap_or(dir.as_os_str())
                .to_string_lossy()
                .into_owned()
        });
    Ok(Coded {
        codings,
        left_out,
        note,
        encoder,
    })
}

fn prisma_counts(
    store: &Store,
    works: &[Work],
    selection: &Selection,
    screened_out: &BTreeMap<String, String>,
    included: usize,
) -> Result<PrismaCounts, ReviewError> {
    let files = store.files()?;
    let read: usize = files.iter().map(|f| f.records - f.skipped).sum();
    let duplicates = store.count_merged()?;
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for (id, reason) in &selection.reasons {
        if !reason.is_selected() {
            *reasons
                .entry("outside the protocol's years and not seminal".into())
                .or_default() += 1;
        } else if let Some(why) = screened_out.get(id) {
            *reasons.entry(format!("screening: {why}")).or_default() += 1;
        }
    }
    Ok(PrismaCounts {
        identified: read.max(works.len()),
        duplicates_removed: duplicates,
        screened: works.len(),
        excluded: works.len() - included,
        exclusion_reasons: reasons.into_iter().collect(),
        included,
        fulltext_assessed: fulltext_assessed(store)?,
    })
}

/// How many works have a full-text screening decision, if that stage was used.
fn fulltext_assessed(store: &Store) -> Result<Option<usize>, ReviewError> {
    let assessed: HashSet<String> = store
        .decisions(ScreeningStage::Fulltext)?
        .into_iter()
        .map(|d| d.work_id)
        .collect();
    Ok((!assessed.is_empty()).then_some(assessed.len()))
}

/// `out/passages.jsonl`: every coded passage, the same shape as `quire code`.
fn write_coded_passages(
    out: &std::path::Path,
    passages: &[Passage],
    codings: &[Coding],
) -> Result<(), ReviewError> {
    let path = out.join("passages.jsonl");
    let io = |e: std::io::Error| ReviewError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let mut by_passage: BTreeMap<(&str, usize), Vec<&Coding>> = BTreeMap::new();
    for c in codings {
        by_passage
            .entry((c.work_id.as_str(), c.passage))
            .or_default()
            .push(c);
    }
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).map_err(io)?);
    for p in passages {
        let mut codes: Vec<&&Coding> = by_passage
            .get(&(p.work_id.as_str(), p.ordinal))
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        codes.sort_by(|a, b| b.score.total_cmp(&a.score));
        let line = serde_json::json!({
            "source": p.work_id,
            "passage": p.ordinal,
            "heading": p.heading,
            "text": p.text,
            "codes": codes.iter().map(|c| serde_json::json!({"category": c.category, "score": c.score, "evidence": c.evidence, "origin": c.origin})).collect::<Vec<_>>(),
        });
        use std::io::Write;
        writeln!(file, "{line}").map_err(io)?;
    }
    Ok(())
}
