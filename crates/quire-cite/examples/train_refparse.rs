//! Train the reference-string CRF that ships with quire-cite.
//!
//!     cargo run -p quire-cite --release --example train_refparse -- /work/shared/data/refparse
//!
//! Builds the lexicons from the AnyStyle training split (BSD-2-Clause),
//! writes them to `crates/quire-cite/data/lexicons/`, then trains on the
//! chosen training data (never CORA, which is for evaluation only) and
//! writes `models/refparse/model.crfsuite`.
//!
//! Options: `--datasets anystyle,grobid` (which training splits),
//! `--out PATH` (model path), `--iterations N`, `--c1 X`, `--c2 X`
//! (L1/L2 regularisation), `--limit N` (first N training references only),
//! `--lexicon-datasets a,b` (which training splits the word lists come
//! from; default: the training datasets), `--lexicons-out DIR` (where the
//! lists go; default the crate's `data/lexicons/`), `--no-lexicons` (keep
//! the shipped lists), `--augment-emphasis` (add copies of some references
//! with their italic part in Markdown emphasis marks), `--extra FILE`
//! (more gold references to train on, e.g. the synthetic APA references of
//! `eval/refparse/make_apa_train.py`; repeatable; not used for word lists),
//! `--stage-two MODEL2` (also train the stacked second stage,
//! `quire_cite::stacking`, on out-of-fold first-stage labels: `--folds N`
//! fold models, default 4, kept in `--fold-dir DIR`, default
//! `target/refparse-folds/`, and reused when there), `--skip-stage-one`
//! (the first-stage model at `--out` exists: train the second stage only),
//! `--train-folds 0,1` (train just these fold models and stop: run two
//! processes to use two cores).

use std::path::{Path, PathBuf};

use quire_cite::gold::{read_jsonl, with_emphasis, GoldReference};
use quire_cite::labeller::{train, TrainOptions};
use quire_cite::lexicon::{build, LexiconKind, Lexicons};
use quire_cite::stacking::{out_of_fold_labels, train_folds, train_stage_two};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        eprintln!(
            "usage: train_refparse DATA_DIR [--datasets a,b] [--out MODEL] [--iterations N] \
             [--c1 X] [--c2 X] [--limit N] [--lexicon-datasets a,b] [--lexicons-out DIR] \
             [--no-lexicons] [--augment-emphasis] [--extra FILE]... [--verbose]\n\
             Without --out it overwrites the shipped model and word lists."
        );
        return Ok(());
    }
    let data = PathBuf::from(
        args.first()
            .filter(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "/work/shared/data/refparse".into()),
    );
    // The last occurrence of an option wins, so a wrapper can override.
    let opt = |name: &str| {
        args.iter()
            .rposition(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let datasets = opt("--datasets").unwrap_or_else(|| "anystyle".into());
    let out = opt("--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../../models/refparse/model.crfsuite"));
    let mut options = TrainOptions {
        verbose: false,
        ..TrainOptions::default()
    };
    if let Some(n) = opt("--iterations") {
        options.max_iterations = n.parse()?;
    }
    if let Some(x) = opt("--c1") {
        options.c1 = x.parse()?;
    }
    if let Some(x) = opt("--c2") {
        options.c2 = x.parse()?;
    }
    options.verbose = args.iter().any(|a| a == "--verbose");

    let mut refs: Vec<GoldReference> = Vec::new();
    for ds in datasets.split(',') {
        anyhow::ensure!(
            !ds.starts_with("cora"),
            "CORA is LGPL, evaluation only: not for the shipped model"
        );
        // "anystyle" is its train split; "anystyle/extra" names a file.
        let file = if ds.contains('/') {
            data.join(format!("{ds}.jsonl"))
        } else {
            data.join(ds).join("train.jsonl")
        };
        refs.extend(read_jsonl(&file)?);
    }
    for (i, a) in args.iter().enumerate() {
        if a == "--extra" {
            let file = args
                .get(i + 1)
                .ok_or_else(|| anyhow::anyhow!("--extra needs a file"))?;
            let extra = read_jsonl(Path::new(file))?;
            eprintln!("{} references added from {file}", extra.len());
            refs.extend(extra);
        }
    }
    // `--augment-emphasis`: add copies of every third reference with its
    // italic part in `*...*` (and of one in seventeen in `**...**`), the
    // residue Markdown and PDF conversion leave in real reference lists.
    if args.iter().any(|a| a == "--augment-emphasis") {
        let copies: Vec<GoldReference> = refs
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match (i % 3, i % 17) {
                (0, _) => with_emphasis(r, "*"),
                (_, 5) => with_emphasis(r, "**"),
                _ => None,
            })
            .collect();
        eprintln!("{} emphasis copies added", copies.len());
        refs.extend(copies);
    }
    // `--limit N`: train on the first N references only (a quicker model
    // when one core has to be shared).
    if let Some(n) = opt("--limit") {
        refs.truncate(n.parse()?);
    }
    // Lexicons come from the training splits (never a test split) unless
    // `--lexicon-datasets` names others; `--no-lexicons` keeps the shipped lists.
    let lexicons = if args.iter().any(|a| a == "--no-lexicons") {
        Lexicons::embedded()
    } else {
        let mut lex_refs = Vec::new();
        for ds in opt("--lexicon-datasets")
            .unwrap_or_else(|| datasets.clone())
            .split(',')
        {
            anyhow::ensure!(!ds.starts_with("cora"), "CORA is evaluation only");
            let file = if ds.contains('/') {
                data.join(format!("{ds}.jsonl"))
            } else {
                data.join(ds).join("train.jsonl")
            };
            lex_refs.extend(read_jsonl(&file)?);
        }
        let dir = opt("--lexicons-out")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("data/lexicons"));
        write_lexicons(&lex_refs, &dir)?
    };
    let folds: usize = opt("--folds").map_or(Ok(4), |s| s.parse())?;
    let fold_dir = opt("--fold-dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../../target/refparse-folds"));
    if let Some(which) = opt("--train-folds") {
        let which: Vec<usize> = which
            .split(',')
            .map(|f| f.trim().parse())
            .collect::<Result<_, _>>()?;
        let t = std::time::Instant::now();
        train_folds(&refs, &lexicons, &options, folds, &which, &fold_dir)?;
        eprintln!(
            "fold models {which:?} of {folds} in {} ({:.0} s)",
            fold_dir.display(),
            t.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    if !args.iter().any(|a| a == "--skip-stage-one") {
        eprintln!("training on {} references from {datasets} ...", refs.len());
        let t = std::time::Instant::now();
        train(&refs, &lexicons, &options, &out)?;
        report_written(&out, t)?;
    }
    if let Some(out2) = opt("--stage-two").map(PathBuf::from) {
        eprintln!(
            "stage two: out-of-fold stage-one labels from {folds} fold models in {} ...",
            fold_dir.display()
        );
        let t = std::time::Instant::now();
        let stage_one = out_of_fold_labels(&refs, &lexicons, &options, folds, &fold_dir)?;
        eprintln!(
            "  {:.0} s; training stage two ...",
            t.elapsed().as_secs_f64()
        );
        let t = std::time::Instant::now();
        train_stage_two(&refs, &stage_one, &lexicons, &options, &out2)?;
        report_written(&out2, t)?;
    }
    Ok(())
}

fn report_written(path: &Path, since: std::time::Instant) -> anyhow::Result<()> {
    let size = std::fs::metadata(path)?.len();
    eprintln!(
        "wrote {} ({} KiB) in {:.0} s",
        path.display(),
        size / 1024,
        since.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_lexicons(refs: &[GoldReference], dir: &Path) -> anyhow::Result<Lexicons> {
    let lists = build(refs, 3);
    std::fs::create_dir_all(dir)?;
    let mut texts: Vec<String> = Vec::new();
    for kind in LexiconKind::ALL {
        let words = &lists[kind as usize];
        let text = format!(
            "# {} words, built by examples/train_refparse.rs from the training splits\n{}\n",
            kind.name(),
            words.join("\n")
        );
        std::fs::write(dir.join(format!("{}.txt", kind.name())), &text)?;
        eprintln!("lexicon {}: {} words", kind.name(), words.len());
        texts.push(text);
    }
    Ok(Lexicons::from_texts([
        &texts[0], &texts[1], &texts[2], &texts[3],
    ]))
}
