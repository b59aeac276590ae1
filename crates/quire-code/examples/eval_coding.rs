//! Evaluate auto-coding against the hand labels in eval/coding/: per-category
//! precision, recall and F1 and the macro-F1 of (a) the codebook alone and
//! (b) the classifier trained on hand codes.
//!
//! Labels come from `labels.csv` (round 1, 180 passages) and
//! `labels-round2.csv` (round 2, 150 passages). They are split once, by
//! ordinal, into a dev half (`ordinal % 16 < 8`, for tuning) and a test
//! half (the rest, for reporting); see eval/coding/RULES.md.
//!
//! `cargo run -p quire-code --release --example eval_coding`
//! (optional args: REVIEW_DIR LABELS_DIR; `EVAL_VERBOSE=1` lists every
//! false positive and negative of the dev half with its evidence;
//! `EVAL_TABLES=1` prints a precision/recall table for every set;
//! `EVAL_CURVE=1` adds (c), macro-F1 against the number of labels trained on;
//! `EVAL_EMBEDDINGS=FILE` gives every passage a sentence embedding for the
//! trained mode, one line per passage: `work<TAB>ordinal<TAB>x1 x2 …`, as
//! `quire-encode`'s `embed_passages` example writes them.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quire_code::{passages, Coder, LabelledPassage};
use quire_model::{Passage, Protocol};

/// One hand-labelled passage.
#[derive(Clone)]
struct Example {
    round: u8,
    work: String,
    ordinal: usize,
    text: String,
    /// The passages before and after it in its document.
    before: Option<String>,
    after: Option<String>,
    gold: Vec<String>,
    /// Its sentence embedding mixed with its neighbours' (`EVAL_EMBEDDINGS`).
    semantic: Option<Vec<f32>>,
}

impl Example {
    fn is_dev(&self) -> bool {
        self.ordinal % 16 < 8
    }
}

const LABEL_FILES: [(&str, u8); 2] = [("labels.csv", 1), ("labels-round2.csv", 2)];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let review = args
        .first()
        .map(PathBuf::from)
        .unwrap_or(root.join("examples/afpak"));
    let labels_dir = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or(root.join("eval/coding"));

    let protocol = Protocol::load(&review.join("review.toml"))?;
    let codebook = protocol.codebook();
    let corpus = read_corpus(&review.join("sources"))?;
    let mut examples = Vec::new();
    for (file, round) in LABEL_FILES {
        let path = labels_dir.join(file);
        if path.exists() {
            examples.extend(read_labels(&path, round, &corpus)?);
        }
    }
    if let Some(path) = std::env::var_os("EVAL_EMBEDDINGS") {
        attach_embeddings(&mut examples, &corpus, &read_embeddings(Path::new(&path))?)?;
    }
    let mut coder = Coder::from_codebook(&codebook)?;
    if let Some(w) = std::env::var("EVAL_CONTEXT")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        coder.context_weight = w;
    }
    if let Some(t) = std::env::var("EVAL_THRESHOLD")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        coder.threshold = t;
    }
    if let Some(l2) = std::env::var("EVAL_L2").ok().and_then(|s| s.parse().ok()) {
        coder.train_options.l2 = l2;
    }
    let all: Vec<&str> = corpus.values().flatten().map(|p| p.text.as_str()).collect();
    coder.fit_corpus(&all);
    let cats: Vec<String> = coder.categories().to_vec();
    if std::env::var_os("EVAL_OTSU").is_some() {
        let mut by_cat: HashMap<String, Vec<f32>> = HashMap::new();
        for ps in corpus.values() {
            let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
            for scores in coder.score_document(&texts) {
                for sc in scores {
                    by_cat.entry(sc.category).or_default().push(sc.score);
                }
            }
        }
        let cuts: HashMap<String, f32> = by_cat
            .into_iter()
            .map(|(c, v)| {
                let t = otsu(&v);
                eprintln!("otsu {c}: {t:.2}");
                (c, t)
            })
            .collect();
        CUTS.with(|m| *m.borrow_mut() = cuts);
    }
    let dev: Vec<&Example> = examples.iter().filter(|e| e.is_dev()).collect();
    let test: Vec<&Example> = examples.iter().filter(|e| !e.is_dev()).collect();
    let round1: Vec<&Example> = examples.iter().filter(|e| e.round == 1).collect();
    let everything: Vec<&Example> = examples.iter().collect();
    println!(
        "{} labelled passages (dev {}, test {}, round 1 {}), {} corpus passages, {} categories\n",
        examples.len(),
        dev.len(),
        test.len(),
        round1.len(),
        all.len(),
        cats.len()
    );
    let tables = std::env::var_os("EVAL_TABLES").is_some();
    if std::env::var_os("EVAL_VERBOSE").is_some() {
        for e in &dev {
            report_errors(&coder, e);
        }
    }

    println!("## (a) codebook only (no training data), F1\n");
    let sets = [
        ("dev", &dev),
        ("test", &test),
        ("round 1 (180)", &round1),
        ("all", &everything),
    ];
    let mut results = Vec::new();
    for (name, set) in sets {
        let mut counts = Counts::new(&cats);
        for e in set.iter() {
            counts.add(&predict(&coder, e), &e.gold);
        }
        results.push((name.to_string(), counts));
    }
    print_summary(&cats, &results);
    if tables {
        for (name, c) in &results {
            println!("\n### codebook only, {name}\n");
            c.print();
        }
    }

    println!("\n## (b) trained, F1\n");
    let mut trained = Vec::new();
    let mut fixed = Counts::new(&cats);
    let mut c = coder.clone();
    c.train_passages(&labelled(&dev))?;
    for e in &test {
        fixed.add(&predict(&c, e), &e.gold);
    }
    trained.push(("train dev, test test".to_string(), fixed));
    trained.push((
        "2-fold x5, dev (tuning)".to_string(),
        cross_validate(&coder, &dev)?,
    ));
    trained.push((
        "2-fold x5, round 1".to_string(),
        cross_validate(&coder, &round1)?,
    ));
    trained.push((
        "2-fold x5, all".to_string(),
        cross_validate(&coder, &everything)?,
    ));
    print_summary(&cats, &trained);
    if tables {
        for (name, c) in &trained {
            println!("\n### trained, {name}\n");
            c.print();
        }
    }
    if std::env::var_os("EVAL_CURVE").is_some() {
        learning_curve(&coder, &everything)?;
    }
    Ok(())
}

/// With EVAL_CURVE set: macro-F1 of the trained mode against the number
/// of hand-coded passages it learns from — how many codes a user needs.
/// For each size, ten random draws from all labels; each is scored on
/// the labels not drawn (pooled), beside the codebook alone on the same.
fn learning_curve(coder: &Coder, all: &[&Example]) -> Result<(), Box<dyn std::error::Error>> {
    println!("\n## (c) learning curve: trained on n random labels, scored on the rest (10 draws, pooled)\n");
    println!("| n | codebook only | trained |\n|---:|---:|---:|");
    let mut rng = 7u64;
    for n in [30, 60, 100, 150, 200, 250, 300] {
        if n >= all.len() {
            break;
        }
        let (mut base, mut trained) = (
            Counts::new(coder.categories()),
            Counts::new(coder.categories()),
        );
        for _draw in 0..10 {
            let mut order: Vec<usize> = (0..all.len()).collect();
            shuffle(&mut order, &mut rng);
            let (train, test) = order.split_at(n);
            let mut c = coder.clone();
            let train_set: Vec<&Example> = train.iter().map(|&i| all[i]).collect();
            c.train_passages(&labelled(&train_set))?;
            for &i in test {
                base.add(&predict(coder, all[i]), &all[i].gold);
                trained.add(&predict(&c, all[i]), &all[i].gold);
            }
        }
        let macro_f1 = |c: &Counts| c.f1s().iter().sum::<f64>() / c.f1s().len().max(1) as f64;
        println!(
            "| {n} | {:.3} | {:.3} |",
            macro_f1(&base),
            macro_f1(&trained)
        );
    }
    Ok(())
}

fn labelled(set: &[&Example]) -> Vec<LabelledPassage> {
    set.iter()
        .map(|e| LabelledPassage {
            text: e.text.clone(),
            categories: e.gold.clone(),
            before: e.before.clone(),
            after: e.after.clone(),
            semantic: e.semantic.clone(),
        })
        .collect()
}

/// Train on one random half, test on the other and the other way round,
/// five times with different splits; counts pooled over the ten test halves.
fn cross_validate(coder: &Coder, set: &[&Example]) -> Result<Counts, Box<dyn std::error::Error>> {
    let mut counts = Counts::new(coder.categories());
    let mut rng = 42u64;
    for _repeat in 0..5 {
        let mut order: Vec<usize> = (0..set.len()).collect();
        shuffle(&mut order, &mut rng);
        let (a, b) = order.split_at(order.len() / 2);
        for (train, test) in [(a, b), (b, a)] {
            let mut c = coder.clone();
            let train_set: Vec<&Example> = train.iter().map(|&i| set[i]).collect();
            c.train_passages(&labelled(&train_set))?;
            for &i in test {
                counts.add(&predict(&c, set[i]), &set[i].gold);
            }
        }
    }
    Ok(counts)
}

thread_local! {
    static CUTS: std::cell::RefCell<HashMap<String, f32>> = std::cell::RefCell::new(HashMap::new());
}

/// Otsu's threshold over 0..1 scores (100 bins).
fn otsu(v: &[f32]) -> f32 {
    let mut hist = [0f64; 100];
    for &x in v {
        hist[((x * 99.0).round() as usize).min(99)] += 1.0;
    }
    let n: f64 = hist.iter().sum();
    let total: f64 = hist.iter().enumerate().map(|(i, h)| i as f64 * h).sum();
    let (mut wb, mut sb, mut best, mut at) = (0.0, 0.0, 0.0, 50);
    for (i, h) in hist.iter().enumerate() {
        wb += h;
        if wb == 0.0 || wb == n {
            continue;
        }
        sb += i as f64 * h;
        let (mb, mf) = (sb / wb, (total - sb) / (n - wb));
        let between = wb * (n - wb) * (mb - mf).powi(2);
        if between > best {
            best = between;
            at = i;
        }
    }
    at as f32 / 99.0
}

/// The categories assigned to an example, scored in its document context.
fn predict(coder: &Coder, e: &Example) -> Vec<String> {
    let cut = |c: &str| {
        CUTS.with(|m| m.borrow().get(c).copied())
            .unwrap_or(coder.threshold)
    };
    scores(coder, e)
        .into_iter()
        .filter(|s| s.score >= cut(&s.category))
        .map(|s| s.category)
        .collect()
}

fn scores(coder: &Coder, e: &Example) -> Vec<quire_code::CategoryScore> {
    coder.score_in_context_with(
        &e.text,
        e.before.as_deref(),
        e.after.as_deref(),
        e.semantic.as_deref(),
    )
}

/// With EVAL_VERBOSE set: every false positive and false negative of the
/// dev half with its score and the evidence terms, to see which terms
/// mislead.
fn report_errors(coder: &Coder, e: &Example) {
    let predicted = predict(coder, e);
    for s in scores(coder, e) {
        let (p, g) = (
            predicted.contains(&s.category),
            e.gold.contains(&s.category),
        );
        if p != g {
            let kind = if p { "FP" } else { "FN" };
            let head: String = e.text.chars().take(70).collect();
            println!(
                "{kind} {} {:.2} [{}] {head}",
                s.category,
                s.score,
                s.evidence.join(", ")
            );
        }
    }
}

/// Passage embeddings keyed by (work, ordinal).
type Embeddings = HashMap<(String, usize), Vec<f32>>;

fn read_embeddings(path: &Path) -> Result<Embeddings, Box<dyn std::error::Error>> {
    let mut out = HashMap::new();
    for (n, line) in std::fs::read_to_string(path)?.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(work), Some(ordinal), Some(v)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(format!(
                "{}:{}: expected work, ordinal, vector",
                path.display(),
                n + 1
            )
            .into());
        };
        let v: Result<Vec<f32>, _> = v.split(' ').map(str::parse).collect();
        let at = |e: &dyn std::fmt::Display| format!("{}:{}: {e}", path.display(), n + 1);
        out.insert(
            (work.to_string(), ordinal.parse().map_err(|e| at(&e))?),
            v.map_err(|e| at(&e))?,
        );
    }
    Ok(out)
}

/// Give each example its embedding mixed with its document neighbours'.
fn attach_embeddings(
    examples: &mut [Example],
    corpus: &HashMap<String, Vec<Passage>>,
    embeddings: &Embeddings,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut mixed: Embeddings = HashMap::new();
    for (work, ps) in corpus {
        let vs: Option<Vec<Vec<f32>>> = ps
            .iter()
            .map(|p| embeddings.get(&(work.clone(), p.ordinal)).cloned())
            .collect();
        let vs = vs.ok_or_else(|| format!("no embedding for every passage of {work}"))?;
        for (p, v) in ps.iter().zip(quire_code::semantic::in_context(&vs)) {
            mixed.insert((work.clone(), p.ordinal), v);
        }
    }
    for e in examples {
        // The passage as the splitter cuts it now (its ordinal may have moved).
        let found = corpus[&e.work].iter().find(|p| p.text == e.text);
        e.semantic = found.and_then(|p| mixed.get(&(e.work.clone(), p.ordinal)).cloned());
    }
    Ok(())
}

fn read_corpus(dir: &Path) -> Result<HashMap<String, Vec<Passage>>, Box<dyn std::error::Error>> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let id = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path)?;
        out.insert(id.clone(), passages::split_text(&id, &text));
    }
    Ok(out)
}

/// Labels keyed by (work, ordinal), checked by the passage's first 60
/// characters; if the splitter has moved a passage, it is found by prefix.
/// The split into dev and test uses the ordinal written in the label file,
/// so it does not move with the splitter.
fn read_labels(
    path: &Path,
    round: u8,
    corpus: &HashMap<String, Vec<Passage>>,
) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let mut rdr = csv::Reader::from_path(path)?;
    let mut out = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec?;
        let (work, ordinal, prefix, cats) = (&rec[0], rec[1].parse::<usize>()?, &rec[2], &rec[3]);
        let ps = corpus
            .get(work)
            .ok_or_else(|| format!("{}:{}: no source `{work}`", path.display(), k + 2))?;
        let found = ps
            .get(ordinal)
            .filter(|p| p.text.starts_with(prefix))
            .or_else(|| ps.iter().find(|p| p.text.starts_with(prefix)))
            .ok_or_else(|| format!("{}:{}: passage not found: {prefix}", path.display(), k + 2))?;
        let gold = cats
            .split(';')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        let at = found.ordinal;
        out.push(Example {
            round,
            work: work.to_string(),
            semantic: None,
            ordinal,
            before: at
                .checked_sub(1)
                .and_then(|i| ps.get(i))
                .map(|p| p.text.clone()),
            after: ps.get(at + 1).map(|p| p.text.clone()),
            text: found.text.clone(),
            gold,
        });
    }
    Ok(out)
}

/// One row per evaluated set: per-category F1 and the macro-F1.
fn print_summary(cats: &[String], rows: &[(String, Counts)]) {
    let short: Vec<String> = cats
        .iter()
        .map(|c| c.split('_').next().unwrap_or(c).to_string())
        .collect();
    println!("| set | {} | **macro-F1** |", short.join(" | "));
    println!("|---|{}---:|", "---:|".repeat(cats.len()));
    for (name, c) in rows {
        let f1s = c.f1s();
        let cells: Vec<String> = f1s.iter().map(|f| format!("{f:.2}")).collect();
        let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
        println!("| {name} | {} | **{macro_f1:.3}** |", cells.join(" | "));
    }
}

struct Counts {
    cats: Vec<String>,
    tp: Vec<usize>,
    fp: Vec<usize>,
    fn_: Vec<usize>,
}

impl Counts {
    fn new(cats: &[String]) -> Counts {
        let n = cats.len();
        Counts {
            cats: cats.to_vec(),
            tp: vec![0; n],
            fp: vec![0; n],
            fn_: vec![0; n],
        }
    }

    fn add(&mut self, predicted: &[String], gold: &[String]) {
        for (i, c) in self.cats.iter().enumerate() {
            match (predicted.contains(c), gold.contains(c)) {
                (true, true) => self.tp[i] += 1,
                (true, false) => self.fp[i] += 1,
                (false, true) => self.fn_[i] += 1,
                (false, false) => {}
            }
        }
    }

    /// (precision, recall, F1) of category `i`.
    fn prf(&self, i: usize) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp[i] as f64, self.fp[i] as f64, self.fn_[i] as f64);
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn f1s(&self) -> Vec<f64> {
        (0..self.cats.len()).map(|i| self.prf(i).2).collect()
    }

    fn print(&self) {
        println!("| category | precision | recall | F1 | support |");
        println!("|---|---:|---:|---:|---:|");
        for (i, c) in self.cats.iter().enumerate() {
            let (p, r, f) = self.prf(i);
            println!(
                "| {c} | {p:.2} | {r:.2} | {f:.2} | {} |",
                self.tp[i] + self.fn_[i]
            );
        }
        let f1s = self.f1s();
        let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
        println!("| **macro-F1** | | | **{macro_f1:.3}** | |");
    }
}

fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        v.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}
