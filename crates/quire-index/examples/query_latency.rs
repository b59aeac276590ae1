//! Search latency on an existing index (not run by tests): opens the index
//! a real `quire import` built, and times 1,000 queries of mixed shapes
//! (single words, two words, phrases, boolean with parentheses, year
//! ranges, field queries) as `quire search` runs them: 20 hits with
//! snippets. Used by `bench/import/run.sh`.
//!
//!     cargo run --release -p quire-index --example query_latency -- \
//!         REVIEW/.quire/index [--queries 1000] [--warmup 200] [--runs 3]
//!
//! The queries are deterministic and use the policy / international
//! relations vocabulary of `bench/import/gen.py`, so on that corpus most
//! of them have hits. Prints p50/p99/mean per run, the median over runs,
//! and the p50 of each query shape.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quire_index::{SearchIndex, SearchOptions};

const WORDS: &[&str] = &[
    "security",
    "border",
    "cooperation",
    "taliban",
    "pakistan",
    "afghanistan",
    "withdrawal",
    "regional",
    "policy",
    "militancy",
    "trade",
    "refugees",
    "counterterrorism",
    "intelligence",
    "diplomacy",
    "china",
    "india",
    "iran",
    "corridor",
    "insurgency",
    "governance",
    "humanitarian",
    "sanctions",
    "negotiation",
    "peace",
    "tribal",
    "khyber",
    "balochistan",
    "kabul",
    "islamabad",
    "threat",
    "strategic",
    "interests",
    "legitimacy",
    "drones",
    "migration",
    "corruption",
    "elections",
    "nuclear",
    "deterrence",
    "opium",
    "smuggling",
    "ceasefire",
    "mediation",
    "sovereignty",
    "kashmir",
    "waziristan",
    "madrassas",
    "jirga",
    "remittances",
];

const AUTHORS: &[&str] = &[
    "Khan",
    "Rashid",
    "Rubin",
    "Giustozzi",
    "Fair",
    "Haqqani",
    "Zhang",
    "Smith",
    "Müller",
    "Karimi",
    "Yusufzai",
    "Tanaka",
    "Nguyen",
    "Jansen",
];

/// How many query shapes [`query`] cycles through.
const SHAPES: usize = 10;

struct Config {
    dir: PathBuf,
    queries: usize,
    warmup: usize,
    runs: usize,
    limit: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = parse_args()?;
    let opened = Instant::now();
    let index = SearchIndex::open_or_create(&config.dir)?;
    let status = index.status()?;
    println!(
        "index {}: {} works, {} segments (opened in {:.0} ms)",
        config.dir.display(),
        status.docs,
        status.segments,
        opened.elapsed().as_secs_f64() * 1e3
    );
    let queries: Vec<String> = (0..config.queries).map(query).collect();
    let opts = SearchOptions {
        limit: config.limit,
        since: None,
        allowed_ids: None,
    };
    let warm = Instant::now();
    for q in queries.iter().cycle().take(config.warmup) {
        index.search(q, &opts)?;
    }
    println!(
        "warm-up: {} queries in {:.2} s",
        config.warmup,
        warm.elapsed().as_secs_f64()
    );

    let mut p50s = Vec::new();
    let mut p99s = Vec::new();
    let mut means = Vec::new();
    let mut last = Vec::new();
    for run in 1..=config.runs {
        let (latencies, hits) = time_queries(&index, &queries, &opts)?;
        let mut sorted = latencies.clone();
        sorted.sort();
        let mean = sorted.iter().sum::<Duration>() / sorted.len().max(1) as u32;
        println!(
            "run {run}: {} queries, {hits} hits: p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms, max {:.2} ms",
            queries.len(),
            ms(pct(&sorted, 50)),
            ms(pct(&sorted, 99)),
            ms(mean),
            ms(sorted.last().copied().unwrap_or_default()),
        );
        p50s.push(ms(pct(&sorted, 50)));
        p99s.push(ms(pct(&sorted, 99)));
        means.push(ms(mean));
        last = latencies;
    }
    println!("p50 of each query shape (last run):");
    print_by_shape(&last, &queries);
    println!(
        "median of {} runs: p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms",
        config.runs,
        median(p50s),
        median(p99s),
        median(means)
    );
    Ok(())
}

/// The `n`th query: shapes cycle, words come from a small deterministic
/// generator so every run asks the same 1,000 questions.
fn query(n: usize) -> String {
    let mut rng = SplitMix(n as u64 * 0x9E37_79B9 + 7);
    let mut w = || WORDS[rng.below(WORDS.len())];
    match n % SHAPES {
        0 => w().to_string(),
        1 => format!("{} {}", w(), w()),
        2 => format!("\"{} {}\"", w(), w()),
        3 => format!("({} OR {}) {}", w(), w(), w()),
        4 => format!("{} NOT {}", w(), w()),
        5 => format!("{} year:{}..", w(), 2005 + n % 20),
        6 => format!("{} year:{}..{}", w(), 1995 + n % 20, 2000 + n % 20),
        7 => format!("title:{}", w()),
        8 => format!("title:({} OR {}) keyword:{}", w(), w(), w()),
        _ => format!("author:{} {}", AUTHORS[n % AUTHORS.len()], w()),
    }
}

fn time_queries(
    index: &SearchIndex,
    queries: &[String],
    opts: &SearchOptions<'_>,
) -> Result<(Vec<Duration>, usize), quire_index::IndexError> {
    let mut latencies = Vec::with_capacity(queries.len());
    let mut hits = 0;
    for q in queries {
        let start = Instant::now();
        hits += index.search(q, opts)?.len();
        latencies.push(start.elapsed());
    }
    Ok((latencies, hits))
}

fn print_by_shape(latencies: &[Duration], queries: &[String]) {
    for (shape, query) in queries.iter().enumerate().take(SHAPES) {
        let mut times: Vec<Duration> = latencies
            .iter()
            .skip(shape)
            .step_by(SHAPES)
            .copied()
            .collect();
        times.sort();
        println!(
            "  p50 {:>7.2} ms  p99 {:>7.2} ms  e.g. {}",
            ms(pct(&times, 50)),
            ms(pct(&times, 99)),
            query
        );
    }
}

fn pct(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) * p) / 100]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// A tiny deterministic generator (SplitMix64), to pick query words.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn parse_args() -> Result<Config, String> {
    let mut config = Config {
        dir: PathBuf::new(),
        queries: 1000,
        warmup: 200,
        runs: 3,
        limit: 20,
    };
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--queries" => config.queries = number("--queries")?.max(1),
            "--warmup" => config.warmup = number("--warmup")?,
            "--runs" => config.runs = number("--runs")?.max(1),
            "--limit" => config.limit = number("--limit")?,
            "-h" | "--help" => {
                return Err("usage: query_latency INDEX_DIR [--queries N] [--warmup N] \
                            [--runs N] [--limit N]"
                    .into())
            }
            _ if dir.is_none() && !arg.starts_with("--") => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    config.dir = dir.ok_or("usage: query_latency INDEX_DIR (e.g. REVIEW/.quire/index)")?;
    if !config.dir.join("meta.json").is_file() {
        return Err(format!(
            "{} is not a search index (no meta.json); run `quire import` first",
            config.dir.display()
        ));
    }
    Ok(config)
}
