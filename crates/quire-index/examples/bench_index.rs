//! Indexing and search benchmark for `quire-index` (not run by tests).
//!
//! Generates N synthetic but realistic works deterministically (titles,
//! ~200-word abstracts with a Zipf word distribution, 1–4 authors,
//! keywords, years skewed to recent), bulk-indexes them into an on-disk
//! index, re-indexes 1% of them through the update path, then times 1,000
//! queries of mixed shapes. Run with `crates/quire-index/bench/run.sh` or:
//!
//!     cargo run --release -p quire-index --example bench_index -- --docs 100000 --runs 3

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quire_index::{SearchIndex, SearchOptions};
use quire_model::{Person, SourceType, Work, WorkKind};

struct Config {
    docs: usize,
    queries: usize,
    heap_mb: usize,
    runs: usize,
    dir: PathBuf,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = parse_args()?;
    let corpus = Corpus::new();
    let queries = corpus.queries(config.queries);
    let mut index_rates = Vec::new();
    let mut update_rates = Vec::new();
    let mut p50s = Vec::new();
    let mut p99s = Vec::new();
    for run in 1..=config.runs {
        let dir = config.dir.join(format!("run-{run}"));
        let _ = std::fs::remove_dir_all(&dir);
        let index = SearchIndex::open_or_create(&dir)?;

        let (elapsed, generating) = bulk_load(&index, &corpus, &config)?;
        let rate = config.docs as f64 / elapsed.as_secs_f64();
        println!(
            "run {run}: indexed {} works in {:.2} s = {:.0} works/s \
             (of which generating the works: {:.2} s); {} segments, {} MB on disk",
            config.docs,
            elapsed.as_secs_f64(),
            rate,
            generating.as_secs_f64(),
            index.status()?.segments,
            dir_size(&dir) / 1_000_000
        );
        index_rates.push(rate);

        let updates = (config.docs / 100).max(1);
        let elapsed = update(&index, &corpus, updates, &config)?;
        let rate = updates as f64 / elapsed.as_secs_f64();
        println!("run {run}: re-indexed {updates} works (update path) at {rate:.0} works/s");
        update_rates.push(rate);

        let (mut latencies, total_hits) = time_queries(&index, &queries)?;
        print_by_shape(&latencies, &queries);
        latencies.sort();
        let (p50, p90, p99) = (
            pct(&latencies, 50),
            pct(&latencies, 90),
            pct(&latencies, 99),
        );
        println!(
            "run {run}: {} queries (limit 10, with snippets): p50 {:.2} ms, p90 {:.2} ms, \
             p99 {:.2} ms, max {:.2} ms; {total_hits} hits shown",
            queries.len(),
            ms(p50),
            ms(p90),
            ms(p99),
            ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        );
        p50s.push(ms(p50));
        p99s.push(ms(p99));
        drop(index);
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!(
        "median of {} runs, N = {}: bulk index {:.0} works/s, update {:.0} works/s, \
         search p50 {:.2} ms, p99 {:.2} ms",
        config.runs,
        config.docs,
        median(&mut index_rates),
        median(&mut update_rates),
        median(&mut p50s),
        median(&mut p99s),
    );
    Ok(())
}

fn parse_args() -> Result<Config, String> {
    let mut config = Config {
        docs: 100_000,
        queries: 1_000,
        heap_mb: 1024,
        runs: 1,
        dir: std::env::temp_dir().join(format!("quire-index-bench-{}", std::process::id())),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|e| format!("{flag} {value}: {e}"))
        };
        match flag.as_str() {
            "--docs" => config.docs = number()?,
            "--queries" => config.queries = number()?,
            "--heap-mb" => config.heap_mb = number()?,
            "--runs" => config.runs = number()?.max(1),
            "--dir" => config.dir = PathBuf::from(&value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(config)
}

/// Index all works with a fresh writer; returns the wall time (generation
/// included, as an importer feeding the writer would be) and the part of
/// it spent generating.
fn bulk_load(
    index: &SearchIndex,
    corpus: &Corpus,
    config: &Config,
) -> Result<(Duration, Duration), quire_index::IndexError> {
    let start = Instant::now();
    let mut generating = Duration::ZERO;
    let mut writer = index.writer(config.heap_mb << 20)?;
    for i in 0..config.docs {
        let t = Instant::now();
        let work = corpus.work(i as u64);
        generating += t.elapsed();
        writer.add(&work, None)?;
    }
    writer.set_generation(format!("bench:{}", config.docs));
    writer.finish()?;
    Ok((start.elapsed(), generating))
}

/// Re-add `count` works already in the index (the replace-by-id path).
fn update(
    index: &SearchIndex,
    corpus: &Corpus,
    count: usize,
    config: &Config,
) -> Result<Duration, quire_index::IndexError> {
    let start = Instant::now();
    let mut writer = index.writer(config.heap_mb.min(256) << 20)?;
    let step = (config.docs / count).max(1) as u64;
    for i in 0..count as u64 {
        writer.add(&corpus.work(i * step), None)?;
    }
    writer.commit()?;
    let elapsed = start.elapsed();
    assert_eq!(
        index.status()?.docs,
        config.docs as u64,
        "updates must replace"
    );
    Ok(elapsed)
}

fn time_queries(
    index: &SearchIndex,
    queries: &[String],
) -> Result<(Vec<Duration>, usize), quire_index::IndexError> {
    let opts = SearchOptions {
        limit: 10,
        ..Default::default()
    };
    for q in queries.iter().take(50) {
        index.search(q, &opts)?; // warm the page cache
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let mut hits = 0;
    for q in queries {
        let start = Instant::now();
        hits += index.search(q, &opts)?.len();
        latencies.push(start.elapsed());
    }
    Ok((latencies, hits))
}

/// Median latency of each query shape (queries cycle through 10 shapes).
fn print_by_shape(latencies: &[Duration], queries: &[String]) {
    for (shape, example) in queries.iter().take(10).enumerate() {
        let mut times: Vec<Duration> = latencies.iter().skip(shape).step_by(10).copied().collect();
        times.sort();
        println!("    p50 {:>6.2} ms  e.g. {example}", ms(pct(&times, 50)));
    }
}

fn pct(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) * p) / 100]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// SplitMix64: a tiny deterministic generator, seeded per work so that
/// work i is the same in every run and in the update phase.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const TOPIC: &str = "security cooperation border counterterrorism taliban pakistan afghanistan \
    intelligence sharing militancy insurgency withdrawal refugees migration trade corridor \
    sanctions diplomacy kabul islamabad durand line fencing tribal waziristan khyber \
    pashtun balochistan china india iran russia united states nato doha agreement \
    ceasefire negotiations sanctuary cross-border attacks drones strikes madrassa \
    extremism radicalisation governance humanitarian aid economy water dispute \
    narcotics opium smuggling customs transit railway energy pipeline tapi casa \
    regional stability great power competition belt road cpec gwadar chabahar \
    deterrence nuclear military army police paramilitary frontier corps militia \
    recognition legitimacy human rights women education sharia emirate interim \
    government elections parliament constitution reconciliation peace process \
    jihadist network haqqani islamic state khorasan al-qaeda lashkar jaish ttp \
    baloch liberation separatism ethnic identity nationalism sovereignty territory";

const COMMON: &str = "the of and to in a is that for on with as by this are be from at an \
    which its their has have was were not it these also between after over more policy \
    analysis study report article evidence data approach framework role impact effects \
    case review paper findings results period new first two while however both within \
    among during since under such other than most many can may would could should how \
    what why relations strategic interests actors states state regional international \
    national political social economic local global public support challenges \
    opportunities threat landscape historical background initiatives efforts";

const FAMILIES: &[&str] = &[
    "Siddiqi",
    "Rashid",
    "Khan",
    "Ahmed",
    "Hussain",
    "Yusufzai",
    "Rubin",
    "Barfield",
    "Giustozzi",
    "Fair",
    "Haqqani",
    "Jones",
    "Smith",
    "Lieven",
    "Coll",
    "Gall",
    "Dalrymple",
    "Shah",
    "Malik",
    "Qureshi",
    "Karzai",
    "Noorzai",
    "Sharma",
    "Wang",
    "Li",
    "Ivanova",
    "Müller",
    "Dupont",
    "García",
    "Rossi",
    "Kaur",
    "Baloch",
    "Mahsud",
    "Wazir",
    "Durrani",
];

const GIVENS: &[&str] = &[
    "Ayesha",
    "Ahmed",
    "Imran",
    "Fatima",
    "Barnett",
    "Thomas",
    "Antonio",
    "Christine",
    "Husain",
    "Seth",
    "Anatol",
    "Steve",
    "Carlotta",
    "William",
    "Farzana",
    "Asad",
    "Hamid",
    "Li",
    "Elena",
    "Jean",
    "María",
    "Giulia",
    "Priya",
    "Omar",
    "Zainab",
    "Sami",
];

const KINDS: &[WorkKind] = &[
    WorkKind::Article,
    WorkKind::Article,
    WorkKind::Article,
    WorkKind::Report,
    WorkKind::Report,
    WorkKind::Book,
    WorkKind::Chapter,
    WorkKind::Statement,
    WorkKind::News,
    WorkKind::Web,
];

/// The vocabulary with Zipf weights: common words first, so they dominate
/// abstracts as they do in real prose.
struct Corpus {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
    topic: Vec<&'static str>,
    topic_cumulative: Vec<f64>,
}

impl Corpus {
    fn new() -> Corpus {
        let topic: Vec<&str> = TOPIC.split_whitespace().collect();
        let words: Vec<&str> = COMMON
            .split_whitespace()
            .chain(topic.iter().copied())
            .collect();
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 2.0);
                total
            })
            .collect();
        let mut total = 0.0;
        let topic_cumulative = (0..topic.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Corpus {
            words,
            cumulative,
            topic,
            topic_cumulative,
        }
    }

    fn zipf(&self, rng: &mut Rng) -> &'static str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        self.words[i.min(self.words.len() - 1)]
    }

    /// A subject word for a work: Zipf-distributed too, so that a few
    /// ("pakistan", "security") are in most abstracts and most are rare.
    fn topic_word(&self, rng: &mut Rng) -> &'static str {
        let total = self.topic_cumulative.last().copied().unwrap_or(1.0);
        let x = rng.unit() * total;
        let i = self.topic_cumulative.partition_point(|&c| c < x);
        self.topic[i.min(self.topic.len() - 1)]
    }

    /// A subject word for a query: uniform, so queries hit common and rare
    /// words alike.
    fn query_word(&self, rng: &mut Rng) -> &'static str {
        self.topic[rng.below(self.topic.len())]
    }

    fn work(&self, i: u64) -> Work {
        let mut rng = Rng(i.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
        let title_len = 5 + rng.below(8);
        let title: Vec<&str> = (0..title_len)
            .map(|k| {
                if k % 2 == 0 {
                    self.topic_word(&mut rng)
                } else {
                    self.zipf(&mut rng)
                }
            })
            .collect();
        let mut title = title.join(" ");
        if let Some(first) = title.get(..1) {
            title = first.to_uppercase() + &title[1..];
        }
        let abstract_len = 170 + rng.below(60);
        let mut abstract_text = String::with_capacity(abstract_len * 8);
        for k in 0..abstract_len {
            let word = if rng.below(4) == 0 {
                self.topic_word(&mut rng)
            } else {
                self.zipf(&mut rng)
            };
            abstract_text.push_str(word);
            abstract_text.push_str(if k % 18 == 17 { ". " } else { " " });
        }
        let authors = (0..1 + rng.below(4))
            .map(|_| {
                Person::new(
                    FAMILIES[rng.below(FAMILIES.len())],
                    Some(GIVENS[rng.below(GIVENS.len())].to_string()),
                )
            })
            .collect();
        // Years 1980..2025, skewed towards recent work.
        let year = 2025 - (rng.unit().powi(2) * 45.0) as i32;
        let keywords = (0..3 + rng.below(3))
            .map(|_| self.topic_word(&mut rng).to_string())
            .collect();
        let kind = KINDS[rng.below(KINDS.len())];
        Work {
            id: format!("w{i}"),
            kind,
            title,
            authors,
            year: Some(year),
            container: Some("Journal of South Asian Security".into()),
            abstract_text: Some(abstract_text),
            keywords,
            source_type: if kind == WorkKind::Statement {
                SourceType::Primary
            } else {
                SourceType::Secondary
            },
            ..Default::default()
        }
    }

    /// Queries of the shapes reviewers type, in a fixed mix.
    fn queries(&self, n: usize) -> Vec<String> {
        let mut rng = Rng(42);
        (0..n)
            .map(|i| {
                let a = self.query_word(&mut rng);
                let b = self.query_word(&mut rng);
                let c = self.query_word(&mut rng);
                let year = 1995 + rng.below(30);
                match i % 10 {
                    0 => a.to_string(),
                    1 => format!("{a} {b}"),
                    2 => format!("\"{a} {b}\""),
                    3 => format!("{a} OR {b}"),
                    4 => format!("{a} {b} -{c}"),
                    5 => format!("title:{a} year:{year}.."),
                    6 => format!("\"{a} {b}\" AND ({c} OR {a}) year:{year}.."),
                    7 => format!("author:{} {a}", FAMILIES[rng.below(FAMILIES.len())]),
                    8 => format!("kind:report {a} year:{}..{}", year, year + 5),
                    _ => format!("({a} OR {b}) AND NOT \"{c} {a}\""),
                }
            })
            .collect()
    }
}
