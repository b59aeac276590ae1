//! `quire screen`: active-learning screening (quire-screen) from the
//! command line — simulation on labelled data, reviewer conflicts and
//! kappa, and an interactive line-based screen that writes every decision
//! to the store at once.
//!
//! Wiring (for the lead): add `quire-screen.workspace = true` to
//! quire-cli's Cargo.toml, `pub mod screen;` to cmd/mod.rs and a `Screen`
//! subcommand calling `screen::run(&args, &ctx)`.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use quire_model::{Decision, DecisionLabel, ScreeningStage};
use quire_screen::keyword::{highlight_spans, key_term_scores};
use quire_screen::{
    read_labelled, simulate_records, stopping_status, tfidf, write_curve, ActiveLearner,
    FeatureConfig, LearnerConfig, ModelKind, QueryStrategy, ScreenRecord, SimulationConfig,
    StoppingConfig,
};

use super::Context;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Stage {
    Abstract,
    Fulltext,
}

/// Screen titles and abstracts, most-likely-relevant first; or simulate
/// screening on a labelled file (id,title,abstract,label_included CSV,
/// .csv.gz, or RIS with an LB label).
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  quire screen --reviewer ann\n  \
quire screen --simulate labels.csv --seed 42 --prior 1,1 --out curve.csv --format json\n  \
quire screen --conflicts")]
pub struct Args {
    /// Replay the labels of FILE as an oracle and report WSS, recall, n@95.
    #[arg(long, value_name = "FILE")]
    pub simulate: Option<PathBuf>,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Prior records: INCLUDED,EXCLUDED drawn at random.
    #[arg(long, default_value = "1,1")]
    pub prior: String,
    /// Write the recall curve (step,recall) here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// svm (default), logistic or nb.
    #[arg(long, default_value = "svm")]
    pub model: String,
    /// max (default), uncertainty or mixed.
    #[arg(long, default_value = "max")]
    pub query: String,
    /// List works the reviewers disagree on, with Cohen's/Fleiss' kappa.
    #[arg(long)]
    pub conflicts: bool,
    /// Who is screening (each reviewer screens blind to the others).
    #[arg(long, default_value = "reviewer")]
    pub reviewer: String,
    #[arg(long, value_enum, default_value = "abstract")]
    pub stage: Stage,
    /// Stop-heuristic: this many irrelevant records in a row.
    #[arg(long, default_value_t = 100)]
    pub stop_after: usize,
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    let learner = LearnerConfig {
        model: args
            .model
            .parse::<ModelKind>()
            .map_err(anyhow::Error::msg)?,
        query: args
            .query
            .parse::<QueryStrategy>()
            .map_err(anyhow::Error::msg)?,
        ..LearnerConfig::default()
    };
    if let Some(file) = &args.simulate {
        return simulate(args, file, learner);
    }
    let stage = match args.stage {
        Stage::Abstract => ScreeningStage::Abstract,
        Stage::Fulltext => ScreeningStage::Fulltext,
    };
    if args.conflicts {
        return conflicts(ctx, stage);
    }
    interactive(args, ctx, stage, learner)
}

fn simulate(args: &Args, file: &std::path::Path, learner: LearnerConfig) -> Result<u8> {
    let (inc, exc) = args
        .prior
        .split_once(',')
        .context("--prior wants INCLUDED,EXCLUDED, e.g. 1,1")?;
    let config = SimulationConfig {
        learner,
        prior_included: inc.trim().parse().context("--prior: included count")?,
        prior_excluded: exc.trim().parse().context("--prior: excluded count")?,
        seed: args.seed,
        ..SimulationConfig::default()
    };
    let records = read_labelled(file)?;
    let sim = simulate_records(&records, &config)?;
    if let Some(out) = &args.out {
        write_curve(out, &sim)?;
    }
    let m = sim.metrics;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string(&m)?),
        Format::Text => {
            println!(
                "{} records, {} prior, seed {}",
                records.len(),
                sim.prior.len(),
                args.seed
            );
            println!("n@95%      {}", m.n_at_95);
            println!("n@100%     {}", m.n_at_100);
            println!("WSS@95     {:.3}", m.wss_at_95);
            println!("WSS@100    {:.3}", m.wss_at_100);
            println!("recall@10% {:.3}", m.recall_at_10);
            println!("seconds    {:.2}", m.seconds);
        }
    }
    Ok(0)
}

fn conflicts(ctx: &Context, stage: ScreeningStage) -> Result<u8> {
    let review = ctx.review()?;
    let store = quire_store::Store::open(&review.db_path())?;
    let decisions = store.decisions(stage)?;
    let list = quire_screen::conflicts(&decisions, stage);
    for c in &list {
        let labels: Vec<String> = c
            .labels
            .iter()
            .map(|(r, l)| format!("{r}: {l:?}"))
            .collect();
        println!("{}\t{}", c.work_id, labels.join(", "));
    }
    let reviewers: std::collections::BTreeSet<&str> =
        decisions.iter().map(|d| d.reviewer.as_str()).collect();
    let reviewers: Vec<&str> = reviewers.into_iter().collect();
    if reviewers.len() == 2 {
        if let Some(a) = quire_screen::cohen_kappa(&decisions, stage, reviewers[0], reviewers[1]) {
            println!("Cohen's kappa {:.3} over {} works", a.kappa, a.works);
        }
    } else if reviewers.len() > 2 {
        if let Some(a) = quire_screen::fleiss_kappa(&decisions, stage) {
            println!("Fleiss' kappa {:.3} over {} works", a.kappa, a.works);
        }
    }
    println!("{} conflicts", list.len());
    Ok(if list.is_empty() { 0 } else { 1 })
}

fn interactive(
    args: &Args,
    ctx: &Context,
    stage: ScreeningStage,
    config: LearnerConfig,
) -> Result<u8> {
    let review = ctx.review()?;
    let protocol = ctx.protocol(&review)?;
    let mut store = quire_store::Store::open(&review.db_path())?;
    let mut works = store.works()?;
    if works.is_empty() {
        bail!("no works in the review yet; run `quire import` first");
    }
    if stage == ScreeningStage::Fulltext {
        // The second stage screens only what the first stage let through.
        let passed: std::collections::HashSet<String> = store
            .decisions(ScreeningStage::Abstract)?
            .into_iter()
            .filter(|d| d.label == DecisionLabel::Include)
            .map(|d| d.work_id)
            .collect();
        works.retain(|w| passed.contains(&w.id));
        if works.is_empty() {
            bail!("nothing was included at the title/abstract stage yet; run `quire screen` first");
        }
    }
    let records: Vec<ScreenRecord> = works.iter().map(ScreenRecord::from_work).collect();
    let mut terms = protocol.review.keywords.clone();
    terms.extend(protocol.categories.iter().flat_map(|c| c.terms.clone()));
    let texts: Vec<String> = records.iter().map(ScreenRecord::text).collect();
    let x = tfidf(
        &texts,
        &FeatureConfig {
            key_terms: terms.clone(),
            ..FeatureConfig::default()
        },
    );
    let mut learner =
        ActiveLearner::new(&x, config).with_key_term_scores(key_term_scores(&records, &terms));
    let row_of: std::collections::HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Blind screening: only this reviewer's own decisions train the model.
    for d in store
        .decisions(stage)?
        .iter()
        .filter(|d| d.reviewer == args.reviewer)
    {
        if let (Some(&row), Some(rel)) = (row_of.get(d.work_id.as_str()), relevance(d.label)) {
            learner.record(row, rel);
        }
    }
    let reasons = &protocol.screening.exclusion_reasons;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut skipped = std::collections::HashSet::new();
    let mut pending_note: Option<(usize, String)> = None;
    let mut stay_on: Option<usize> = None;
    loop {
        learner.retrain();
        let status = stopping_status(
            &learner
                .history()
                .iter()
                .map(|&(_, r)| r)
                .collect::<Vec<_>>(),
            records.len(),
            &StoppingConfig {
                consecutive_irrelevant: args.stop_after,
                ..StoppingConfig::default()
            },
        );
        // After a note the same record stays on screen.
        let next = match stay_on.take() {
            Some(row) => Some(row),
            None => learner
                .top(skipped.len() + 1)
                .into_iter()
                .find(|r| !skipped.contains(r)),
        };
        let Some(row) = next else {
            println!("Every record is screened.");
            return Ok(0);
        };
        show(&works[row], &terms);
        println!(
            "[screened {} | included {} | est. relevant left {:.0} | stop: recall test {} (p={:.3}), knee {}, {} irrelevant in a row{}]",
            status.screened,
            status.relevant_found,
            status.estimated_relevant_left,
            yes_no(status.recall_test_met),
            status.recall_p_value,
            yes_no(status.knee_met),
            status.irrelevant_run,
            if status.heuristic_met { " — heuristic met" } else { "" },
        );
        print!("(i)nclude (e)xclude (m)aybe (u)ndo (n)ote (s)kip (q)uit > ");
        std::io::stdout().flush()?;
        let Some(line) = lines.next() else {
            return Ok(0);
        };
        let key = line?.trim().to_lowercase();
        let (label, reason, note) = match key.as_str() {
            "i" => (DecisionLabel::Include, None, None),
            "m" => (DecisionLabel::Maybe, None, None),
            "e" => (
                DecisionLabel::Exclude,
                ask_reason(reasons, &mut lines)?,
                None,
            ),
            "n" => {
                // A note is kept with the decision this reviewer makes next
                // on the same record.
                print!("note: ");
                std::io::stdout().flush()?;
                let note = lines.next().transpose()?.unwrap_or_default();
                pending_note = Some((row, note));
                stay_on = Some(row);
                continue;
            }
            "s" => {
                skipped.insert(row);
                continue;
            }
            "u" => {
                if let Some(id) = store.undo_decision(stage, &args.reviewer)? {
                    if let Some(&r) = row_of.get(id.as_str()) {
                        if learner.label_of(r).is_some() {
                            learner.undo();
                        }
                    }
                    println!("undone: {id}");
                }
                continue;
            }
            "q" => return Ok(0),
            _ => continue,
        };
        let note = match pending_note.take() {
            Some((r, n)) if r == row => Some(n),
            other => {
                pending_note = other;
                note
            }
        };
        let decision = Decision {
            work_id: works[row].id.clone(),
            stage,
            reviewer: args.reviewer.clone(),
            label,
            reason,
            note,
            at: now_rfc3339(),
        };
        store.record_decision(&decision)?;
        match relevance(label) {
            Some(rel) => learner.record(row, rel),
            // A "maybe" is not training data, but it is not offered again.
            None => {
                skipped.insert(row);
            }
        }
    }
}

fn relevance(label: DecisionLabel) -> Option<bool> {
    match label {
        DecisionLabel::Include => Some(true),
        DecisionLabel::Exclude => Some(false),
        DecisionLabel::Maybe => None,
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "MET"
    } else {
        "no"
    }
}

fn ask_reason(
    reasons: &[String],
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
) -> Result<Option<String>> {
    for (i, r) in reasons.iter().enumerate() {
        println!("  {}. {r}", i + 1);
    }
    print!("reason (number or text, empty for none): ");
    std::io::stdout().flush()?;
    let answer = lines.next().transpose()?.unwrap_or_default();
    let answer = answer.trim();
    Ok(match answer.parse::<usize>() {
        Ok(n) if n >= 1 && n <= reasons.len() => Some(reasons[n - 1].clone()),
        _ if answer.is_empty() => None,
        _ => Some(answer.to_string()),
    })
}

/// Title, authors, year, venue and abstract, key terms in bold.
fn show(work: &quire_model::Work, terms: &[String]) {
    let authors: Vec<&str> = work.authors.iter().map(|p| p.family.as_str()).collect();
    println!();
    println!("{}", bold_terms(&work.title, terms));
    println!(
        "{} ({}) {}",
        authors.join(", "),
        work.year.map(|y| y.to_string()).unwrap_or_default(),
        work.container.clone().unwrap_or_default()
    );
    if let Some(text) = &work.abstract_text {
        println!("{}", bold_terms(text, terms));
    }
}

fn bold_terms(text: &str, terms: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (a, b) in highlight_spans(text, terms) {
        out.push_str(&text[at..a]);
        out.push_str("\x1b[1;33m");
        out.push_str(&text[a..b]);
        out.push_str("\x1b[0m");
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// The current UTC time as RFC 3339 (seconds).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
