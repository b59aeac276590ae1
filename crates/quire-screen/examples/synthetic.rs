//! Scale benchmark: a synthetic corpus of N records (default 1,000,000)
//! with ~0.5% relevant, features built, then the first S decisions
//! (default 2,000) simulated with quire's default settings.
//!
//!     cargo run --release -p quire-screen --example synthetic -- \
//!         [--records N] [--steps S] [--seed K]
//!
//! Text is generated on demand from (seed, row), so the corpus is never
//! held in memory; only the feature matrix is. Words follow a Zipf-like
//! law over a 40,000-word vocabulary; relevant records draw a share of
//! their words from a 300-word topic that also leaks, rarely, into
//! irrelevant ones (so the task is not trivially separable).

use std::borrow::Cow;
use std::time::Instant;

use quire_screen::features::tfidf_with;
use quire_screen::{simulate, FeatureConfig, SimulationConfig};

const VOCABULARY: u64 = 40_000;
const TOPIC: u64 = 300;

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn is_relevant(seed: u64, row: usize) -> bool {
    unit(splitmix(
        seed ^ (row as u64).wrapping_mul(0x2545f4914f6cdd1d),
    )) < 0.005
}

/// Append `w<word in lowercase hex> `.
fn push_word(out: &mut String, word: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 16];
    let mut n = 0;
    let mut v = word;
    loop {
        digits[n] = HEX[(v & 15) as usize];
        n += 1;
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    out.push('w');
    out.extend(digits[..n].iter().rev().map(|&d| d as char));
    out.push(' ');
}

/// Title + abstract of about 12 + 150 words.
fn text(seed: u64, row: usize) -> String {
    let relevant = is_relevant(seed, row);
    let mut h = splitmix(seed.rotate_left(7) ^ row as u64);
    let mut out = String::with_capacity(1200);
    for _ in 0..162 {
        h = splitmix(h);
        let topical = unit(h) < if relevant { 0.12 } else { 0.01 };
        h = splitmix(h);
        let word = if topical {
            VOCABULARY + (h % TOPIC)
        } else {
            // Zipf-like: rank ∝ exp(u · ln V) leaves frequent words frequent.
            ((unit(h) * (VOCABULARY as f64).ln()).exp() as u64).min(VOCABULARY - 1)
        };
        // Written in place: a `format!` per word would dominate the run.
        push_word(&mut out, word);
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut records, mut steps, mut seed) = (1_000_000usize, 2_000usize, 42u64);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value) {
            ("--records", Some(v)) => records = v as usize,
            ("--steps", Some(v)) => steps = v as usize,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: synthetic [--records N] [--steps S] [--seed K]");
                std::process::exit(2);
            }
        }
    }
    let start = Instant::now();
    let x = tfidf_with(
        records,
        |i| Cow::Owned(text(seed, i)),
        &FeatureConfig::default(),
    );
    let feature_seconds = start.elapsed().as_secs_f64();
    let truth: Vec<bool> = (0..records).map(|i| is_relevant(seed, i)).collect();
    let config = SimulationConfig {
        seed,
        max_steps: Some(steps),
        ..SimulationConfig::default()
    };
    let sim = match simulate(&x, &truth, &config) {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let found = sim.labels.iter().filter(|&&l| l).count();
    println!(
        "{}",
        serde_json::json!({
            "records": records,
            "relevant": truth.iter().filter(|&&t| t).count(),
            "features": x.n_features,
            "nnz": x.nnz(),
            "decisions": sim.labels.len(),
            "relevant_found": found,
            "feature_seconds": feature_seconds,
            "simulation_seconds": sim.metrics.seconds,
            "total_seconds": start.elapsed().as_secs_f64(),
            "ms_per_decision": 1000.0 * sim.metrics.seconds / sim.labels.len().max(1) as f64,
        })
    );
}
