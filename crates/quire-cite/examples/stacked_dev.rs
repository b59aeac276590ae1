//! Experiment: does a two-stage (stacked) CRF improve field F1 on the
//! AnyStyle development split?
//!
//!     cargo run -p quire-cite --release --example stacked_dev -- \
//!         [--dev-dir eval/refparse/out/dev/anystyle] [--work eval/refparse/out/stacked] \
//!         [--folds 4] [--iterations 150] [--feats full|lite] [--json OUT]
//!
//! Stage 1 is the shipped feature set. Stage 2 is the shipped features plus
//! features of stage-1 predicted labels (`quire_cite::stacking`). Stage-2
//! training labels come out of fold (`stacking::out_of_fold_labels`):
//! dev-train is cut into `--folds` folds (reference `i` is in fold
//! `i % folds`), a stage-1 model is trained on the other folds and labels
//! the held-out one. Dev (the split's `test.jsonl`)
//! gets its stage-1 labels from a stage-1 model trained on all of
//! dev-train. Models are cached in `--work` by name and reused when present
//! (delete them to retrain). Lexicons are the shipped ones.
//!
//! Prints dev field F1 of stage 1 (the baseline) and of stage 2, overall and
//! per label (n >= 10 gold fields), the out-of-fold stage-1 F1 on
//! dev-train, training times, and the labelling speed of stage 1 alone and
//! of stage 1 + stage 2 (refs/s, one thread, best of 3 passes over dev).

use std::path::{Path, PathBuf};
use std::time::Instant;

use crfs::Attribute;
use quire_cite::evaluate::{score, score_labels, Scores};
use quire_cite::features::{features, features_into, FeatureSink};
use quire_cite::gold::{read_jsonl, GoldReference};
use quire_cite::labeller::{train, train_sequences, HashedFeatures, Labeller, TrainOptions};
use quire_cite::lexicon::Lexicons;
use quire_cite::stacking::{out_of_fold_labels, StageOneLabels};
use quire_cite::tokenize::{tokenize, Token};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FeatSet {
    /// Everything the brief lists.
    Full,
    /// Fewer: own label, ±1 labels, the two bigrams, prev/next word label.
    Lite,
    /// All label features, but only the cheap per-token word features
    /// ([`keep_slim`]): fewer table lookups for the second model.
    Slim,
}

/// The shipped features a slim stage 2 keeps: the token's own word, shape
/// and flags, its position, and the neighbouring words; not affixes,
/// neighbour shapes, conjunctions or neighbour flags.
const SLIM_PREFIXES: [&str; 24] = [
    "bias", "w=", "sh=", "ch=", "f=", "lex=", "g=", "pos=", "wi=", "seg=", "yr=", "par=", "qt",
    "arxiv_id", "abbr", "in_seen", "ed_seen", "BOS", "EOS", "pw=", "nw=", "pb=", "pa=", "len=",
];

fn keep_slim(name: &str) -> bool {
    SLIM_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Feeds every feature to `all` and the slim ones to `slim`.
struct Tee<'a> {
    all: &'a mut HashedFeatures,
    slim: &'a mut HashedFeatures,
}

impl FeatureSink for Tee<'_> {
    fn start_token(&mut self, i: usize) {
        self.all.start_token(i);
        self.slim.start_token(i);
    }
    fn add(&mut self, name: &str) {
        self.all.add(name);
        if keep_slim(name) {
            self.slim.add(name);
        }
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .rposition(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dev_dir = opt("--dev-dir")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("eval/refparse/out/dev/anystyle"));
    let work = opt("--work")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("eval/refparse/out/stacked"));
    std::fs::create_dir_all(&work)?;
    let folds: usize = opt("--folds").map_or(Ok(4), |s| s.parse())?;
    let feats = match opt("--feats").as_deref() {
        None | Some("full") => FeatSet::Full,
        Some("lite") => FeatSet::Lite,
        Some("slim") => FeatSet::Slim,
        Some(x) => anyhow::bail!("--feats full|lite|slim, not {x}"),
    };
    let mut options = TrainOptions::default();
    if let Some(n) = opt("--iterations") {
        options.max_iterations = n.parse()?;
    }
    let it = options.max_iterations;

    let train_refs = read_jsonl(&dev_dir.join("train.jsonl"))?;
    let dev_refs = read_jsonl(&dev_dir.join("test.jsonl"))?;
    let lexicons = Lexicons::embedded();
    eprintln!(
        "dev-train {} refs, dev {} refs, {folds} folds, {it} iterations, {feats:?} stage-2 features",
        train_refs.len(),
        dev_refs.len()
    );
    let mut times: Vec<(String, f64)> = Vec::new();

    // Stage 1 on all of dev-train: the baseline, and dev's stage-1 labels.
    let s1_full = work.join(format!("s1_full_it{it}.crfsuite"));
    if let Some(t) = train_if_missing(&s1_full, || {
        train(&train_refs, &lexicons, &options, &s1_full)
    })? {
        times.push(("stage 1, all dev-train".into(), t));
    }
    let stage1 = Labeller::from_file(&s1_full, lexicons.clone())?;

    // Out-of-fold stage-1 labels for dev-train: the library's folds
    // (reference `i` in fold `i % folds`), models cached per iteration count.
    let fold_dir = work.join(format!("folds_it{it}"));
    let t = Instant::now();
    let oof = out_of_fold_labels(&train_refs, &lexicons, &options, folds, &fold_dir)?;
    times.push((
        format!("stage 1, {folds} fold models (0 when cached)"),
        t.elapsed().as_secs_f64(),
    ));

    // Stage 2, trained on gold labels with out-of-fold stage-1 features.
    let tag = match feats {
        FeatSet::Full => "full",
        FeatSet::Lite => "lite",
        FeatSet::Slim => "slim",
    };
    let s2_path = work.join(format!("s2_{tag}_k{folds}_it{it}.crfsuite"));
    if let Some(t) = train_if_missing(&s2_path, || {
        train_stage2(&train_refs, &oof, &lexicons, &options, feats, &s2_path)
    })? {
        times.push((format!("stage 2 ({tag}, {folds}-fold labels)"), t));
    }
    let stage2 = Labeller::from_file(&s2_path, lexicons.clone())?;

    // Dev: baseline and stacked labels.
    let map = |l: &str| -> Option<String> { (l != "other").then(|| l.to_string()) };
    let mut s1_dev: Vec<Vec<String>> = Vec::new();
    let mut s2_dev: Vec<Vec<String>> = Vec::new();
    for r in &dev_refs {
        let (tokens, ids) = stage1.label_ids(&r.text);
        let l1: Vec<&str> = ids.iter().map(|&l| stage1.labels()[l].as_str()).collect();
        let ids2 = label_stage2(&stage2, &tokens, &l1, &lexicons, feats);
        s1_dev.push(l1.iter().map(|s| s.to_string()).collect());
        s2_dev.push(ids2.iter().map(|&l| stage2.labels()[l].clone()).collect());
    }
    let base = score_labels(&dev_refs, &s1_dev, &map);
    // The same metric as eval_refparse: must agree exactly.
    let check = score(&stage1, &dev_refs, &map)?;
    anyhow::ensure!(
        check.overall(10) == base.overall(10),
        "score_labels disagrees with score"
    );
    let stacked = score_labels(&dev_refs, &s2_dev, &map);
    let oof_scores = score_labels(&train_refs, &oof, &map);

    // Speed: best of 3 passes over dev, one thread.
    let texts: Vec<&str> = dev_refs.iter().map(|r| r.text.as_str()).collect();
    let speed1 = best_rate(texts.len(), || {
        for t in &texts {
            std::hint::black_box(stage1.label_ids(t));
        }
    });
    let speed2 = best_rate(texts.len(), || {
        for t in &texts {
            let (tokens, ids) = stage1.label_ids(t);
            let l1: Vec<&str> = ids.iter().map(|&l| stage1.labels()[l].as_str()).collect();
            std::hint::black_box(label_stage2(&stage2, &tokens, &l1, &lexicons, feats));
        }
    });

    // The same two stages sharing one pass of the shipped features: the
    // names are built and hashed once and looked up in both models.
    for (r, want) in dev_refs.iter().zip(&s2_dev) {
        let got = label_shared(&stage1, &stage2, &r.text, &lexicons, feats);
        let got: Vec<&str> = got.iter().map(|&l| stage2.labels()[l].as_str()).collect();
        anyhow::ensure!(got == *want, "shared-feature path disagrees on {}", r.text);
    }
    let speed1_hashed = best_rate(texts.len(), || {
        for t in &texts {
            let tokens = tokenize(t);
            let hf = HashedFeatures::of(&tokens, &lexicons);
            std::hint::black_box(stage1.label_hashed(&hf, &mut |_, _| {}));
        }
    });
    let speed2_shared = best_rate(texts.len(), || {
        for t in &texts {
            std::hint::black_box(label_shared(&stage1, &stage2, t, &lexicons, feats));
        }
    });

    // The library's stacked labeller (one joint table for both stages)
    // must give the same labels; its speed is what ships.
    let mut speed_joint = None;
    if feats == FeatSet::Full {
        let joint =
            Labeller::from_file(&s1_full, lexicons.clone())?.with_stage_two_file(&s2_path)?;
        for (r, want) in dev_refs.iter().zip(&s2_dev) {
            let (_, ids) = joint.label_ids(&r.text);
            let got: Vec<&str> = ids.iter().map(|&l| joint.labels()[l].as_str()).collect();
            anyhow::ensure!(
                got == *want,
                "joint stacked labeller disagrees on {}",
                r.text
            );
        }
        speed_joint = Some(best_rate(texts.len(), || {
            for t in &texts {
                std::hint::black_box(joint.label_ids(t));
            }
        }));
    }
    report(&base, &stacked, &oof_scores);
    let (lo, hi, p_worse) = bootstrap(&dev_refs, &s1_dev, &s2_dev, &base, &map);
    println!(
        "paired bootstrap over dev references (2000 resamples): ΔF1 95% interval [{lo:+.4}, {hi:+.4}]; share of resamples with ΔF1 <= 0: {p_worse:.3}"
    );
    println!();
    for (what, t) in &times {
        println!("training: {what}: {t:.0} s");
    }
    println!(
        "speed (dev, one thread, best of 3): stage 1 {speed1:.0} refs/s; stage 1 + stage 2 {speed2:.0} refs/s"
    );
    println!(
        "speed, one shared feature pass: stage 1 {speed1_hashed:.0} refs/s; stage 1 + stage 2 {speed2_shared:.0} refs/s"
    );
    if let Some(v) = speed_joint {
        println!("speed, the library's stacked labeller (one joint table): {v:.0} refs/s");
    }
    println!(
        "model sizes: stage 1 {} KiB, stage 2 {} KiB",
        std::fs::metadata(&s1_full)?.len() / 1024,
        std::fs::metadata(&s2_path)?.len() / 1024
    );
    if let Some(out) = opt("--json") {
        let per = |s: &Scores| -> serde_json::Value {
            s.per_label
                .iter()
                .map(|(l, c)| {
                    (
                        l.clone(),
                        serde_json::json!({"gold": c.gold, "pred": c.predicted, "correct": c.correct, "F1": c.f1()}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let v = serde_json::json!({
            "folds": folds, "iterations": it, "feats": tag,
            "baseline_f1": base.overall(10).f1(), "stacked_f1": stacked.overall(10).f1(),
            "oof_stage1_f1_devtrain": oof_scores.overall(10).f1(),
            "baseline": per(&base), "stacked": per(&stacked),
            "speed_stage1": speed1, "speed_stacked": speed2,
            "speed_stage1_hashed": speed1_hashed, "speed_stacked_shared": speed2_shared,
            "train_seconds": times.iter().map(|(w, t)| (w.clone(), serde_json::json!(t))).collect::<serde_json::Map<_, _>>(),
        });
        std::fs::write(out, serde_json::to_string_pretty(&v)?)?;
    }
    Ok(())
}

/// Train with `f` unless `path` exists; the seconds it took when trained.
fn train_if_missing(
    path: &Path,
    f: impl FnOnce() -> quire_cite::Result<()>,
) -> anyhow::Result<Option<f64>> {
    if path.exists() {
        eprintln!("reusing {}", path.display());
        return Ok(None);
    }
    eprintln!("training {} ...", path.display());
    let t = Instant::now();
    f()?;
    let s = t.elapsed().as_secs_f64();
    eprintln!("  {s:.0} s");
    Ok(Some(s))
}

fn best_rate(n: usize, mut pass: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        pass();
        best = best.min(t.elapsed().as_secs_f64());
    }
    n as f64 / best
}

fn report(base: &Scores, stacked: &Scores, oof: &Scores) {
    println!("| label | gold | F1 stage 1 | F1 stacked | Δ |\n|---|---|---|---|---|");
    for (label, c) in &base.per_label {
        if c.gold < 10 {
            continue;
        }
        let s = stacked.per_label.get(label).copied().unwrap_or_default();
        println!(
            "| {label} | {} | {:.3} | {:.3} | {:+.3} |",
            c.gold,
            c.f1(),
            s.f1(),
            s.f1() - c.f1()
        );
    }
    let (b, s) = (base.overall(10), stacked.overall(10));
    println!(
        "| **overall (n>=10)** | {} | **{:.4}** | **{:.4}** | {:+.4} |",
        b.gold,
        b.f1(),
        s.f1(),
        s.f1() - b.f1()
    );
    println!(
        "overall P/R: stage 1 {:.4}/{:.4}, stacked {:.4}/{:.4}; correct fields {} vs {}",
        b.precision(),
        b.recall(),
        s.precision(),
        s.recall(),
        b.correct,
        s.correct
    );
    println!(
        "token accuracy {:.4} vs {:.4}; exact references {}/{} vs {}/{}",
        base.token_accuracy(),
        stacked.token_accuracy(),
        base.exact_references,
        base.references,
        stacked.exact_references,
        stacked.references
    );
    println!(
        "out-of-fold stage-1 F1 on dev-train (stage-2 training input): {:.4}",
        oof.overall(10).f1()
    );
}

/// Train stage 2: shipped features + stacked features of `stage1` labels.
fn train_stage2(
    refs: &[GoldReference],
    stage1: &[Vec<String>],
    lexicons: &Lexicons,
    options: &TrainOptions,
    feats: FeatSet,
    out: &Path,
) -> quire_cite::Result<()> {
    let mut buf = String::new();
    let sequences = refs.iter().zip(stage1).filter_map(|(r, l1)| {
        let (tokens, labels) = r.labelled_tokens();
        if tokens.is_empty() || tokens.len() != l1.len() {
            return None;
        }
        let mut xseq = features(&tokens, lexicons);
        if feats == FeatSet::Slim {
            for attrs in &mut xseq {
                attrs.retain(|a| keep_slim(&a.name));
            }
        }
        let l1: Vec<&str> = l1.iter().map(String::as_str).collect();
        let ctx = StageOneLabels::of(&tokens, &l1);
        let mut sink = Append {
            xseq: &mut xseq,
            i: 0,
        };
        for i in 0..tokens.len() {
            sink.i = i;
            stacked_into(i, &ctx, feats, &mut buf, &mut sink);
        }
        Some((xseq, labels))
    });
    train_sequences(sequences, options, out)
}

/// Appends features to an existing attribute list of token `i`.
struct Append<'a> {
    xseq: &'a mut Vec<Vec<Attribute>>,
    i: usize,
}

impl FeatureSink for Append<'_> {
    fn start_token(&mut self, i: usize) {
        self.i = i;
    }
    fn add(&mut self, name: &str) {
        self.xseq[self.i].push(Attribute::new(name, 1.0));
    }
}

/// Label with stage 2: the shipped features, each token's followed by its
/// stacked features, scored in one pass.
fn label_stage2(
    stage2: &Labeller,
    tokens: &[Token<'_>],
    l1: &[&str],
    lexicons: &Lexicons,
    feats: FeatSet,
) -> Vec<usize> {
    if tokens.is_empty() {
        return Vec::new();
    }
    let ctx = StageOneLabels::of(tokens, l1);
    stage2.label_ids_with(tokens, &mut |sink: &mut dyn FeatureSink| {
        let mut inter = Interleave {
            slim: feats == FeatSet::Slim,
            inner: sink,
            ctx: &ctx,
            feats,
            buf: String::with_capacity(64),
            current: None,
        };
        features_into(tokens, lexicons, &mut inter);
        if let Some(c) = inter.current {
            stacked_into(c, &ctx, feats, &mut inter.buf, inter.inner);
        }
    })
}

/// Both stages from one pass of the shipped features (stage-2 label ids).
fn label_shared(
    stage1: &Labeller,
    stage2: &Labeller,
    text: &str,
    lexicons: &Lexicons,
    feats: FeatSet,
) -> Vec<usize> {
    let tokens = tokenize(text);
    let (hf, slim) = if feats == FeatSet::Slim {
        let (mut all, mut slim) = (HashedFeatures::default(), HashedFeatures::default());
        features_into(
            &tokens,
            lexicons,
            &mut Tee {
                all: &mut all,
                slim: &mut slim,
            },
        );
        (all, Some(slim))
    } else {
        (HashedFeatures::of(&tokens, lexicons), None)
    };
    let ids = stage1.label_hashed(&hf, &mut |_, _| {});
    let l1: Vec<&str> = ids.iter().map(|&l| stage1.labels()[l].as_str()).collect();
    let ctx = StageOneLabels::of(&tokens, &l1);
    let mut buf = String::with_capacity(64);
    stage2.label_hashed(slim.as_ref().unwrap_or(&hf), &mut |i, sink| {
        stacked_into(i, &ctx, feats, &mut buf, sink)
    })
}

/// Passes the shipped features on and adds a token's stacked features
/// before the next token starts.
struct Interleave<'a, 's> {
    /// Pass on only the slim subset of the shipped features.
    slim: bool,
    inner: &'s mut dyn FeatureSink,
    ctx: &'a StageOneLabels<'a>,
    feats: FeatSet,
    buf: String,
    current: Option<usize>,
}

impl FeatureSink for Interleave<'_, '_> {
    fn start_token(&mut self, i: usize) {
        if let Some(c) = self.current {
            stacked_into(c, self.ctx, self.feats, &mut self.buf, self.inner);
        }
        self.inner.start_token(i);
        self.current = Some(i);
    }
    fn add(&mut self, name: &str) {
        if !self.slim || keep_slim(name) {
            self.inner.add(name);
        }
    }
}

/// The stacked features of token `i` (the library's, `quire_cite::stacking`;
/// `Lite` keeps the first seven: own label, ±1 labels, the two bigrams,
/// previous/next word label).
fn stacked_into(
    i: usize,
    ctx: &StageOneLabels<'_>,
    feats: FeatSet,
    buf: &mut String,
    sink: &mut dyn FeatureSink,
) {
    const LITE: [&str; 7] = [
        "s1=",
        "s1[-1]=",
        "s1[1]=",
        "s1[-1]|s1=",
        "s1|s1[1]=",
        "s1pw=",
        "s1nw=",
    ];
    struct Only<'s> {
        inner: &'s mut dyn FeatureSink,
    }
    impl FeatureSink for Only<'_> {
        fn start_token(&mut self, i: usize) {
            self.inner.start_token(i);
        }
        fn add(&mut self, name: &str) {
            if LITE.iter().any(|p| name.starts_with(p)) {
                self.inner.add(name);
            }
        }
    }
    if feats == FeatSet::Lite {
        ctx.features_into(i, buf, &mut Only { inner: sink });
    } else {
        ctx.features_into(i, buf, sink);
    }
}

/// Paired bootstrap of the overall F1 difference (stacked − stage 1) over
/// dev references, with the labels that have >= 10 gold fields in all of
/// dev: the 2.5 and 97.5 percentiles, and the share of resamples where
/// stacking is no better.
fn bootstrap(
    refs: &[GoldReference],
    a: &[Vec<String>],
    b: &[Vec<String>],
    full: &Scores,
    map: &dyn Fn(&str) -> Option<String>,
) -> (f64, f64, f64) {
    let keep: Vec<&String> = full
        .per_label
        .iter()
        .filter(|(_, c)| c.gold >= 10)
        .map(|(l, _)| l)
        .collect();
    let counts = |s: &Scores| -> [usize; 3] {
        let mut t = [0; 3];
        for (l, c) in &s.per_label {
            if keep.contains(&l) {
                t[0] += c.gold;
                t[1] += c.predicted;
                t[2] += c.correct;
            }
        }
        t
    };
    let per_ref: Vec<([usize; 3], [usize; 3])> = (0..refs.len())
        .map(|i| {
            let r = std::slice::from_ref(&refs[i]);
            (
                counts(&score_labels(r, std::slice::from_ref(&a[i]), map)),
                counts(&score_labels(r, std::slice::from_ref(&b[i]), map)),
            )
        })
        .collect();
    let f1 = |t: [usize; 3]| 2.0 * t[2] as f64 / (t[0] + t[1]).max(1) as f64;
    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut diffs = Vec::with_capacity(2000);
    for _ in 0..2000 {
        let (mut ta, mut tb) = ([0; 3], [0; 3]);
        for _ in 0..per_ref.len() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let (x, y) = per_ref[(rng % per_ref.len() as u64) as usize];
            for k in 0..3 {
                ta[k] += x[k];
                tb[k] += y[k];
            }
        }
        diffs.push(f1(tb) - f1(ta));
    }
    diffs.sort_by(|x, y| x.total_cmp(y));
    let worse = diffs.iter().filter(|&&d| d <= 0.0).count() as f64 / diffs.len() as f64;
    (diffs[50], diffs[1949], worse)
}
