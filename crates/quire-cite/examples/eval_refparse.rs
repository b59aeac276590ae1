//! Field-level F1 of a reference-parsing model on a test split, and its speed.
//!
//!     cargo run -p quire-cite --release --example eval_refparse -- \
//!         --model models/refparse/model.crfsuite --test /work/shared/data/refparse/anystyle/test.jsonl \
//!         [--lexicons DIR] [--map cora] [--json OUT.json] [--show N] \
//!         [--stage-two MODEL2] [--stacked]
//!
//! Without `--model` it scores the shipped labeller; `--stacked`, both
//! shipped stages (`quire cite parse --stacked`).
//!
//! Prints a per-label table (gold, predicted, P, R, F1) and the micro F1 over
//! labels with at least 10 gold fields (`other` excluded), token accuracy,
//! whole-reference exact match, and references per second on one core
//! (labelling only, best of three passes). `eval/refparse/run.sh` drives it.

use std::path::PathBuf;

use quire_cite::evaluate::{score, value_scores};
use quire_cite::gold::read_jsonl;
use quire_cite::labeller::Labeller;
use quire_cite::lexicon::Lexicons;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let model = opt("--model").map(PathBuf::from);
    let test = PathBuf::from(opt("--test").ok_or_else(|| anyhow::anyhow!("--test FILE needed"))?);
    // `--lexicons DIR`: the word lists the model was trained with, when
    // they are not the shipped ones (in-domain models of the eval script).
    let lexicons = match opt("--lexicons") {
        Some(dir) => Lexicons::from_dir(dir.as_ref())?,
        None => Lexicons::embedded(),
    };
    // `--stage-two FILE`: a second stage for `--model`; `--stacked`: both
    // shipped stages.
    let stacked = args.iter().any(|a| a == "--stacked");
    let labeller = match &model {
        Some(m) => Labeller::from_file(m, lexicons)?,
        None if stacked => Labeller::embedded_stacked()?,
        None => Labeller::embedded()?,
    };
    let labeller = match opt("--stage-two") {
        Some(two) => labeller.with_stage_two_file(two.as_ref())?,
        None => labeller,
    };
    let refs = read_jsonl(&test)?;
    let map = opt("--map").unwrap_or_default();
    let map_label = move |l: &str| -> Option<String> { map_label(&map, l) };
    let scores = score(&labeller, &refs, &map_label)?;

    // `--show N`: print the first N references whose fields were not all right.
    let show: usize = opt("--show").and_then(|n| n.parse().ok()).unwrap_or(0);
    let mut shown = 0;
    for r in refs.iter().take(2000) {
        if shown >= show {
            break;
        }
        let gold: Vec<(String, String)> = r.field_values();
        let pred: Vec<(String, String)> = labeller
            .segments(&r.text)?
            .iter()
            .map(|s| (s.label.clone(), quire_cite::gold::normalize_ws(s.text)))
            .collect();
        if gold != pred {
            shown += 1;
            println!(
                "TEXT {}
  gold {:?}
  pred {:?}",
                r.text, gold, pred
            );
        }
    }

    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        for r in &refs {
            labeller.label_tokens(&r.text)?;
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let speed = refs.len() as f64 / best;

    println!("{}", test.display());
    println!("| field | gold | pred | P | R | F1 |\n|---|---|---|---|---|---|");
    for (label, c) in &scores.per_label {
        if c.gold == 0 {
            continue;
        }
        println!(
            "| {label} | {} | {} | {:.3} | {:.3} | {:.3} |",
            c.gold,
            c.predicted,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let all = scores.overall(10);
    println!(
        "| **overall (n>=10)** | {} | {} | {:.3} | {:.3} | **{:.3}** |",
        all.gold,
        all.predicted,
        all.precision(),
        all.recall(),
        all.f1()
    );
    println!(
        "token accuracy {:.3}; exact references {:.3}; {:.0} refs/s (one core, {} refs)",
        scores.token_accuracy(),
        scores.exact_references as f64 / scores.references.max(1) as f64,
        speed,
        refs.len()
    );
    // Side by side with refextract: the shared data's looser value metric.
    let values = value_scores(&labeller, &refs)?;
    let peer: Vec<String> = values
        .iter()
        .map(|(f, c)| format!("{f} {:.3}", c.f1()))
        .collect();
    println!("value-level F1 (refextract's metric): {}", peer.join(", "));
    if let Some(path) = opt("--json") {
        let per_label: serde_json::Map<String, serde_json::Value> = scores
            .per_label
            .iter()
            .map(|(l, c)| {
                (
                    l.clone(),
                    serde_json::json!({"gold": c.gold, "pred": c.predicted, "P": c.precision(), "R": c.recall(), "F1": c.f1()}),
                )
            })
            .collect();
        let v = serde_json::json!({
            "test": test.display().to_string(), "n": refs.len(),
            "overall_f1": all.f1(), "token_accuracy": scores.token_accuracy(),
            "refs_per_s": speed, "fields": per_label,
            "value_f1": values.iter().map(|(f, c)| (f.clone(), serde_json::json!(c.f1()))).collect::<serde_json::Map<_, _>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&v)?)?;
    }
    Ok(())
}

/// Put model and data labels into one vocabulary. `cora`: the shipped model
/// (AnyStyle + GROBID labels) against ParsCit's labels; `anystyle`: fold a
/// predicted `issue` into `volume` as AnyStyle's data does.
fn map_label(map: &str, label: &str) -> Option<String> {
    let l = match (map, label) {
        (_, "other") => return None,
        ("cora", "booktitle") | ("cora", "collection-title") => "container-title",
        ("cora", "tech") | ("cora", "genre") => "note",
        ("cora", "institution") => "publisher",
        (_, l) => l,
    };
    Some(l.to_string())
}
