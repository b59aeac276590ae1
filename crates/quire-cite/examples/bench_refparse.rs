//! Speed of reference parsing on one core: tokenising + features alone,
//! CRF labelling, and the full parse (labelling + field post-processing),
//! as references per second, median of 7 passes over a test split.
//!
//!     cargo run -p quire-cite --release --example bench_refparse -- FILE.jsonl
//!
//! `bench/refparse/run.sh` pins it to one core and records the output.

use quire_cite::features::features;
use quire_cite::gold::read_jsonl;
use quire_cite::lexicon::Lexicons;
use quire_cite::parse::ReferenceParser;
use quire_cite::tokenize::tokenize;

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
    let file = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: bench_refparse FILE.jsonl"))?;
    let refs = read_jsonl(file.as_ref())?;
    let texts: Vec<&str> = refs.iter().map(|r| r.text.as_str()).collect();
    let lexicons = Lexicons::embedded();
    let parser = ReferenceParser::new()?;
    let n = texts.len();
    let feats = median_rate(n, || {
        for t in &texts {
            std::hint::black_box(features(&tokenize(t), &lexicons));
        }
        Ok(())
    })?;
    let label = median_rate(n, || {
        for t in &texts {
            std::hint::black_box(parser.labeller().label_tokens(t)?);
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
