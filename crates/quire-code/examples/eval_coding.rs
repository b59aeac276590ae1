//! Evaluate auto-coding against the hand labels in eval/coding/labels.csv:
//! per-category precision, recall and F1 and the macro-F1 of (a) the
//! codebook alone and (b) the classifier trained on half of the labels,
//! 2-fold cross-validated and repeated 5 times with different splits.
//!
//! `cargo run -p quire-code --release --example eval_coding`
//! (optional args: REVIEW_DIR LABELS_CSV)

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quire_code::{passages, Coder};
use quire_model::{Passage, Protocol};

type Labelled = Vec<(String, Vec<String>)>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let review = args
        .first()
        .map(PathBuf::from)
        .unwrap_or(root.join("examples/afpak"));
    let labels_path = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or(root.join("eval/coding/labels.csv"));

    let protocol = Protocol::load(&review.join("review.toml"))?;
    let codebook = protocol.codebook();
    let corpus = read_corpus(&review.join("sources"))?;
    let labelled = read_labels(&labels_path, &corpus)?;
    let mut coder = Coder::from_codebook(&codebook)?;
    let all: Vec<&str> = corpus.values().flatten().map(|p| p.text.as_str()).collect();
    coder.fit_corpus(&all);
    let cats: Vec<String> = coder.categories().to_vec();
    println!(
        "{} labelled passages, {} corpus passages, {} categories\n",
        labelled.len(),
        all.len(),
        cats.len()
    );

    let mut cb = Counts::new(&cats);
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    for (text, gold) in &labelled {
        let predicted = predict(&coder, text);
        if verbose {
            report_errors(&coder, text, &predicted, gold);
        }
        cb.add(&predicted, gold);
    }
    println!("## (a) codebook only (no training data)\n");
    cb.print();

    let mut tr = Counts::new(&cats);
    let mut rng = 42u64;
    for _repeat in 0..5 {
        let mut order: Vec<usize> = (0..labelled.len()).collect();
        shuffle(&mut order, &mut rng);
        let (a, b) = order.split_at(order.len() / 2);
        for (train, test) in [(a, b), (b, a)] {
            let mut c = coder.clone();
            let train_set: Labelled = train.iter().map(|&i| labelled[i].clone()).collect();
            c.train(&train_set)?;
            for &i in test {
                tr.add(&predict(&c, &labelled[i].0), &labelled[i].1);
            }
        }
    }
    println!("\n## (b) trained on half the labels (2-fold x 5 repeats, pooled counts)\n");
    tr.print();
    Ok(())
}

fn predict(coder: &Coder, text: &str) -> Vec<String> {
    coder
        .assigned(text)
        .into_iter()
        .map(|s| s.category)
        .collect()
}

/// With EVAL_VERBOSE set: every false positive and false negative with
/// its score and the evidence terms, to see which terms mislead.
fn report_errors(coder: &Coder, text: &str, predicted: &[String], gold: &[String]) {
    for s in coder.score(text) {
        let (p, g) = (predicted.contains(&s.category), gold.contains(&s.category));
        if p != g {
            let kind = if p { "FP" } else { "FN" };
            let head: String = text.chars().take(70).collect();
            println!(
                "{kind} {} {:.2} [{}] {head}",
                s.category,
                s.score,
                s.evidence.join(", ")
            );
        }
    }
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
fn read_labels(
    path: &Path,
    corpus: &HashMap<String, Vec<Passage>>,
) -> Result<Labelled, Box<dyn std::error::Error>> {
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
        let cats = cats
            .split(';')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        out.push((found.text.clone(), cats));
    }
    Ok(out)
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

    fn print(&self) {
        println!("| category | precision | recall | F1 | support |");
        println!("|---|---:|---:|---:|---:|");
        let mut f1s = Vec::new();
        for (i, c) in self.cats.iter().enumerate() {
            let (tp, fp, fn_) = (self.tp[i] as f64, self.fp[i] as f64, self.fn_[i] as f64);
            let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
            let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            f1s.push(f);
            println!(
                "| {c} | {p:.2} | {r:.2} | {f:.2} | {} |",
                self.tp[i] + self.fn_[i]
            );
        }
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
