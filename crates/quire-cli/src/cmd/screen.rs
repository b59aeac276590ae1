//! `quire screen`: active-learning screening (quire-screen) from the
//! command line — simulation on labelled data, reviewer conflicts and
//! kappa, and interactive screening. [`Session`] owns the screening logic
//! (record each decision in the store at once, retrain, pick the next
//! record); two front-ends drive it: a full-screen UI (`screen_tui`) when
//! stdin and stdout are terminals, and a line prompt for piped input.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use quire_model::{Decision, DecisionLabel, ScreeningStage};
use quire_screen::keyword::{highlight_spans, key_term_scores};
use quire_screen::{
    read_labelled, simulate_records, stopping_status, tfidf, write_curve, ActiveLearner,
    FeatureConfig, FeatureMatrix, LearnerConfig, ModelKind, QueryStrategy, ScreenRecord,
    SimulationConfig, StoppingConfig, StoppingStatus,
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
    let store = quire_store::Store::open(&review.db_path())?;
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
    let mut terms = protocol.review.keywords.clone();
    terms.extend(protocol.categories.iter().flat_map(|c| c.terms.clone()));
    let x = features(&works, &terms);
    let mut session = Session::new(
        &x,
        config,
        store,
        works,
        SessionSetup {
            terms,
            reasons: protocol.screening.exclusion_reasons.clone(),
            stage,
            reviewer: args.reviewer.clone(),
            stop_after: args.stop_after,
        },
    )?;
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdin())
        && std::io::IsTerminal::is_terminal(&std::io::stdout());
    if tty {
        super::screen_tui::run(&mut session)
    } else {
        line_mode(&mut session)
    }
}

/// TF-IDF features of the works' titles and abstracts, key terms boosted.
pub(crate) fn features(works: &[quire_model::Work], terms: &[String]) -> FeatureMatrix {
    let texts: Vec<String> = works
        .iter()
        .map(|w| ScreenRecord::from_work(w).text())
        .collect();
    tfidf(
        &texts,
        &FeatureConfig {
            key_terms: terms.to_vec(),
            ..FeatureConfig::default()
        },
    )
}

/// What a screening session needs besides the works and the store.
pub(crate) struct SessionSetup {
    pub terms: Vec<String>,
    pub reasons: Vec<String>,
    pub stage: ScreeningStage,
    pub reviewer: String,
    pub stop_after: usize,
}

/// One reviewer screening one stage: records each decision in the store at
/// once, retrains the ranking and picks the next record. Both the line
/// prompt and the full-screen UI drive it.
pub(crate) struct Session<'a> {
    store: quire_store::Store,
    works: Vec<quire_model::Work>,
    setup: SessionSetup,
    learner: ActiveLearner<'a>,
    row_of: std::collections::HashMap<String, usize>,
    /// Skipped records and "maybe"s: not offered again this session.
    skipped: std::collections::HashSet<usize>,
    /// A note waits for the next decision on its record.
    pending_note: Option<(usize, String)>,
    current: Option<usize>,
    status: StoppingStatus,
}

impl<'a> Session<'a> {
    /// Replays this reviewer's earlier decisions of the stage (blind
    /// screening: only their own decisions train the model) and picks the
    /// first record.
    pub fn new(
        x: &'a FeatureMatrix,
        config: LearnerConfig,
        store: quire_store::Store,
        works: Vec<quire_model::Work>,
        setup: SessionSetup,
    ) -> Result<Session<'a>> {
        let records: Vec<ScreenRecord> = works.iter().map(ScreenRecord::from_work).collect();
        let mut learner = ActiveLearner::new(x, config)
            .with_key_term_scores(key_term_scores(&records, &setup.terms));
        let row_of: std::collections::HashMap<String, usize> = works
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.clone(), i))
            .collect();
        for d in store
            .decisions(setup.stage)?
            .iter()
            .filter(|d| d.reviewer == setup.reviewer)
        {
            if let (Some(&row), Some(rel)) = (row_of.get(d.work_id.as_str()), relevance(d.label)) {
                learner.record(row, rel);
            }
        }
        let mut session = Session {
            store,
            works,
            setup,
            learner,
            row_of,
            skipped: std::collections::HashSet::new(),
            pending_note: None,
            current: None,
            status: stopping_status(&[], 0, &StoppingConfig::default()),
        };
        session.advance();
        Ok(session)
    }

    /// The record on screen; `None` once every record is screened.
    pub fn current(&self) -> Option<&quire_model::Work> {
        self.current.map(|row| &self.works[row])
    }

    pub fn status(&self) -> &StoppingStatus {
        &self.status
    }

    pub fn terms(&self) -> &[String] {
        &self.setup.terms
    }

    pub fn reasons(&self) -> &[String] {
        &self.setup.reasons
    }

    /// The note waiting for the decision on the current record, if any.
    pub fn pending_note(&self) -> Option<&str> {
        match (&self.pending_note, self.current) {
            (Some((r, n)), Some(row)) if *r == row => Some(n.as_str()),
            _ => None,
        }
    }

    /// Records the decision on the current record and moves on.
    pub fn decide(&mut self, label: DecisionLabel, reason: Option<String>) -> Result<()> {
        let Some(row) = self.current else {
            return Ok(());
        };
        let note = match self.pending_note.take() {
            Some((r, n)) if r == row => Some(n),
            other => {
                self.pending_note = other;
                None
            }
        };
        let decision = Decision {
            work_id: self.works[row].id.clone(),
            stage: self.setup.stage,
            reviewer: self.setup.reviewer.clone(),
            label,
            reason,
            note,
            at: now_rfc3339(),
        };
        self.store.record_decision(&decision)?;
        match relevance(label) {
            Some(rel) => self.learner.record(row, rel),
            // A "maybe" is not training data, but it is not offered again.
            None => {
                self.skipped.insert(row);
            }
        }
        self.advance();
        Ok(())
    }

    /// Keeps a note with the next decision on the current record, which
    /// stays on screen.
    pub fn note(&mut self, text: String) {
        if let Some(row) = self.current {
            self.pending_note = Some((row, text));
        }
    }

    /// Takes back this reviewer's last decision of the stage; returns the
    /// work id it was about.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let undone = self
            .store
            .undo_decision(self.setup.stage, &self.setup.reviewer)?;
        if let Some(id) = &undone {
            if let Some(&r) = self.row_of.get(id.as_str()) {
                if self.learner.label_of(r).is_some() {
                    self.learner.undo();
                }
            }
            self.advance();
        }
        Ok(undone)
    }

    /// Passes over the current record for the rest of the session.
    pub fn skip(&mut self) {
        if let Some(row) = self.current {
            self.skipped.insert(row);
            self.advance();
        }
    }

    /// Retrains, refreshes the stopping status and picks the best-ranked
    /// record not yet screened or skipped.
    fn advance(&mut self) {
        self.learner.retrain();
        let history: Vec<bool> = self.learner.history().iter().map(|&(_, r)| r).collect();
        self.status = stopping_status(
            &history,
            self.works.len(),
            &StoppingConfig {
                consecutive_irrelevant: self.setup.stop_after,
                ..StoppingConfig::default()
            },
        );
        self.current = self
            .learner
            .top(self.skipped.len() + 1)
            .into_iter()
            .find(|r| !self.skipped.contains(r));
    }
}

/// The status line both front-ends show.
pub(crate) fn status_text(status: &StoppingStatus) -> String {
    format!(
        "screened {} | included {} | est. relevant left {:.0} | stop: recall test {} (p={:.3}), knee {}, {} irrelevant in a row{}",
        status.screened,
        status.relevant_found,
        status.estimated_relevant_left,
        yes_no(status.recall_test_met),
        status.recall_p_value,
        yes_no(status.knee_met),
        status.irrelevant_run,
        if status.heuristic_met { " — heuristic met" } else { "" },
    )
}

/// The line prompt, for piped input: one action per line.
fn line_mode(session: &mut Session) -> Result<u8> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        let Some(work) = session.current() else {
            println!("Every record is screened.");
            return Ok(0);
        };
        show(work, session.terms());
        println!("[{}]", status_text(session.status()));
        print!("(i)nclude (e)xclude (m)aybe (u)ndo (n)ote (s)kip (q)uit > ");
        std::io::stdout().flush()?;
        let Some(line) = lines.next() else {
            return Ok(0);
        };
        let key = line?.trim().to_lowercase();
        match key.as_str() {
            "i" => session.decide(DecisionLabel::Include, None)?,
            "m" => session.decide(DecisionLabel::Maybe, None)?,
            "e" => {
                let reason = ask_reason(session.reasons(), &mut lines)?;
                session.decide(DecisionLabel::Exclude, reason)?;
            }
            "n" => {
                print!("note: ");
                std::io::stdout().flush()?;
                let note = lines.next().transpose()?.unwrap_or_default();
                session.note(note);
            }
            "s" => session.skip(),
            "u" => {
                if let Some(id) = session.undo()? {
                    println!("undone: {id}");
                }
            }
            "q" => return Ok(0),
            _ => {}
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

/// Key terms in bold yellow on a terminal; `**term**` when the prompt is
/// piped or NO_COLOR is set, so logs hold no escape codes.
fn bold_terms(text: &str, terms: &[String]) -> String {
    use std::io::IsTerminal;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (open, close) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (a, b) in highlight_spans(text, terms) {
        out.push_str(&text[at..a]);
        out.push_str(open);
        out.push_str(&text[a..b]);
        out.push_str(close);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use quire_model::{Person, Work};

    pub(crate) fn work(id: &str, title: &str, abstract_text: &str) -> Work {
        Work {
            id: id.to_string(),
            title: title.to_string(),
            authors: vec![Person {
                family: "Okafor".to_string(),
                ..Person::default()
            }],
            year: Some(2021),
            container: Some("Energy Policy".to_string()),
            abstract_text: Some(abstract_text.to_string()),
            ..Work::default()
        }
    }

    pub(crate) fn works() -> Vec<Work> {
        vec![
            work(
                "w1",
                "A carbon tax in Sweden",
                "Effects of the carbon tax on emissions.",
            ),
            work(
                "w2",
                "School meals",
                "Nutrition of pupils in primary schools.",
            ),
            work(
                "w3",
                "Carbon tax and households",
                "Distributional effects of a carbon tax.",
            ),
            work("w4", "Bus lanes", "Travel times after new bus lanes."),
        ]
    }

    pub(crate) fn setup() -> SessionSetup {
        SessionSetup {
            terms: vec!["carbon tax".to_string()],
            reasons: vec!["wrong population".to_string(), "not a study".to_string()],
            stage: ScreeningStage::Abstract,
            reviewer: "ann".to_string(),
            stop_after: 100,
        }
    }

    /// A store holding `works()` in a temporary directory.
    pub(crate) fn store(dir: &std::path::Path) -> quire_store::Store {
        let mut store = quire_store::Store::open(&dir.join("quire.db")).unwrap();
        let tx = store.transaction().unwrap();
        for w in works() {
            tx.insert_work(&w).unwrap();
        }
        tx.commit().unwrap();
        store
    }

    pub(crate) fn stored(dir: &std::path::Path) -> Vec<Decision> {
        quire_store::Store::open(&dir.join("quire.db"))
            .unwrap()
            .decisions(ScreeningStage::Abstract)
            .unwrap()
    }

    fn session<'a>(x: &'a FeatureMatrix, dir: &std::path::Path) -> Session<'a> {
        Session::new(x, LearnerConfig::default(), store(dir), works(), setup()).unwrap()
    }

    #[test]
    fn a_decision_is_stored_at_once_and_the_next_record_comes_up() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut s = session(&x, tmp.path());
        let first = s.current().unwrap().id.clone();
        s.decide(DecisionLabel::Include, None).unwrap();
        let d = stored(tmp.path());
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].work_id.as_str(), d[0].label),
            (first.as_str(), DecisionLabel::Include)
        );
        assert_eq!(d[0].reviewer, "ann");
        assert_ne!(s.current().unwrap().id, first);
        assert_eq!((s.status().screened, s.status().relevant_found), (1, 1));
    }

    #[test]
    fn a_note_waits_for_the_next_decision_on_its_record() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut s = session(&x, tmp.path());
        let first = s.current().unwrap().id.clone();
        s.note("check the sample".to_string());
        assert_eq!(s.current().unwrap().id, first, "the record stays on screen");
        assert_eq!(s.pending_note(), Some("check the sample"));
        s.decide(DecisionLabel::Exclude, Some("not a study".to_string()))
            .unwrap();
        s.decide(DecisionLabel::Include, None).unwrap();
        let d = stored(tmp.path());
        assert_eq!(d[0].work_id, first);
        assert_eq!(d[0].note.as_deref(), Some("check the sample"));
        assert_eq!(d[0].reason.as_deref(), Some("not a study"));
        assert_eq!(d[1].note, None, "the note went with one decision only");
    }

    #[test]
    fn undo_takes_back_the_last_decision_and_shows_its_record_again() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut s = session(&x, tmp.path());
        let first = s.current().unwrap().id.clone();
        s.decide(DecisionLabel::Include, None).unwrap();
        assert_eq!(s.undo().unwrap().as_deref(), Some(first.as_str()));
        assert!(stored(tmp.path()).is_empty());
        assert_eq!(s.status().screened, 0);
        assert_eq!(s.current().unwrap().id, first);
        assert_eq!(s.undo().unwrap(), None, "nothing left to undo");
    }

    #[test]
    fn skipped_and_maybe_records_are_not_offered_again() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut s = session(&x, tmp.path());
        let mut seen = std::collections::BTreeSet::new();
        seen.insert(s.current().unwrap().id.clone());
        s.decide(DecisionLabel::Maybe, None).unwrap();
        while let Some(w) = s.current() {
            assert!(seen.insert(w.id.clone()), "{} offered twice", w.id);
            s.skip();
        }
        assert_eq!(seen.len(), 4);
        assert_eq!(stored(tmp.path()).len(), 1, "skips are not decisions");
    }

    #[test]
    fn only_the_reviewers_own_earlier_decisions_train_the_session() {
        let tmp = tempfile::tempdir().unwrap();
        let x = features(&works(), &setup().terms);
        let mut store = store(tmp.path());
        for (reviewer, id) in [("bob", "w1"), ("bob", "w2"), ("ann", "w3")] {
            store
                .record_decision(&Decision {
                    work_id: id.to_string(),
                    stage: ScreeningStage::Abstract,
                    reviewer: reviewer.to_string(),
                    label: DecisionLabel::Include,
                    reason: None,
                    note: None,
                    at: now_rfc3339(),
                })
                .unwrap();
        }
        let s = Session::new(&x, LearnerConfig::default(), store, works(), setup()).unwrap();
        assert_eq!(s.status().screened, 1);
        assert_ne!(s.current().unwrap().id, "w3", "ann's own decision counts");
    }

    #[test]
    fn the_status_text_names_every_stopping_rule() {
        let s = stopping_status(&[true, false, false], 10, &StoppingConfig::default());
        let t = status_text(&s);
        for part in [
            "screened 3",
            "included 1",
            "est. relevant left",
            "recall test",
            "knee",
            "2 irrelevant in a row",
        ] {
            assert!(t.contains(part), "{part} missing from {t}");
        }
    }
}
