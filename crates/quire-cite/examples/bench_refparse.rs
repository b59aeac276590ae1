//! Speed of reference parsing on one core: tokenising + building the
//! feature names alone, CRF labelling (tokenise + features + weights +
//! Viterbi), and the full parse (labelling + field post-processing),
//! as references per second, median of 7 passes over a test split.
//!
//!     cargo run -p quire-cite --release --example bench_refparse -- FILE.jsonl [--model M --lexicons DIR]
//!
//! `bench/refparse/run.sh` pins it to one core and records the output.

use quire_cite::features::{features_into, FeatureSink};
use quire_cite::gold::read_jsonl;
use quire_cite::labeller::Labeller;
use quire_cite::lexicon::Lexicons;
use quire_cite::parse::ReferenceParser;
use quire_cite::tokenize::tokenize;

/// Counts features without looking them up: the cost of building them.
struct Count(usize);

impl FeatureSink for Count {
    fn start_token(&mut self, _i: usize) {}
    fn add(&mut self, name: &str) {
        self.0 += name.len();
    }
}

fn median_rate(n: usize, mut pass: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let mut rates = Vec::new();
    for _ in 0..7 {
        let t = std::time::Instant::now();
        pass()?;
        rates.push(n as f64 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    Ok(rates[3])
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let file = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .ok_or_else(|| {
            anyhow::anyhow!(
                "usage: bench_refparse FILE.jsonl [--model M --lexicons DIR] [--stacked]"
            )
        })?;
    let refs = read_jsonl(file.as_ref())?;
    let texts: Vec<&str> = refs.iter().map(|r| r.text.as_str()).collect();
    // `--model M --lexicons DIR`: time another model than the shipped one.
    let lexicons = match opt("--lexicons") {
        Some(dir) => Lexicons::from_dir(dir.as_ref())?,
        None => Lexicons::embedded(),
    };
    let parser = match opt("--model") {
        Some(m) => {
            ReferenceParser::with_labeller(Labeller::from_file(m.as_ref(), lexicons.clone())?)
        }
        // `--stacked`: both shipped stages.
        None if args.iter().any(|a| a == "--stacked") => ReferenceParser::stacked()?,
        None => ReferenceParser::new()?,
    };
    let n = texts.len();
    let feats = median_rate(n, || {
        let mut sink = Count(0);
        for t in &texts {
            features_into(&tokenize(t), &lexicons, &mut sink);
        }
        std::hint::black_box(sink.0);
        Ok(())
    })?;
    let label = median_rate(n, || {
        for t in &texts {
            std::hint::black_box(parser.labeller().label_ids(t));
        }
        Ok(())
    })?;
    let full = median_rate(n, || {
        for t in &texts {
            std::hint::black_box(parser.parse_reference(t)?);
        }
        Ok(())
    })?;
    let tokens: usize = texts.iter().map(|t| tokenize(t).len()).sum();
    println!(
        "{file}: {n} references, {:.1} tokens each",
        tokens as f64 / n as f64
    );
    println!("features only   {feats:>9.0} refs/s");
    println!("CRF labelling   {label:>9.0} refs/s");
    println!("full parse      {full:>9.0} refs/s");
    Ok(())
}
