//! Parse rate of the bibliographic readers: generates N realistic records
//! (titles, 1–4 authors, years, ~200-word abstracts, DOIs) in memory as RIS,
//! CSL-JSON, BibTeX and OpenAlex JSONL, parses each `reps` times and prints
//! the median records/s; then streams a CSL-JSON file from disk, and runs
//! dedup over all the CSL-JSON works.
//!
//!     cargo run --release -p quire-ingest --example parse_rate -- [N] [reps]
//!     cargo run --release -p quire-ingest --example parse_rate -- --file PATH [reps]
//!
//! With `--file`, the file (RIS, BibTeX, CSL-JSON or OpenAlex JSONL, told by
//! its extension) is read into memory once and parsed `reps` times: the
//! peers' script times them on the same file, so the ratio compares the
//! same bytes.
//!
//! Also writes the generated files to $QUIRE_BENCH_DIR (if set), so peers
//! (rispy, bibtexparser) can parse the very same bytes.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use quire_ingest::dedup::{DedupIndex, DedupMatch};
use quire_ingest::{read_bytes, Format, Item, ReadOptions};
use std::fmt::Write as _;
use std::time::Instant;

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
    "durand",
    "line",
    "trade",
    "refugees",
    "counterterrorism",
    "intelligence",
    "sharing",
    "diplomacy",
    "china",
    "india",
    "iran",
    "russia",
    "central",
    "asia",
    "economic",
    "corridor",
    "insurgency",
    "governance",
    "humanitarian",
    "sanctions",
    "aid",
    "negotiation",
    "peace",
    "process",
    "tribal",
    "areas",
    "khyber",
    "balochistan",
    "kabul",
    "islamabad",
    "threat",
    "landscape",
    "strategic",
    "interests",
    "actors",
    "challenges",
    "opportunities",
    "the",
    "of",
    "and",
    "in",
    "after",
    "a",
    "for",
    "on",
    "with",
    "between",
];
const FAMILIES: &[&str] = &[
    "Khan",
    "Siddiqa",
    "Rashid",
    "Rubin",
    "Haqqani",
    "Yusuf",
    "Müller",
    "Ahmed",
    "Shah",
    "Barfield",
    "Giustozzi",
    "Fair",
    "Jalal",
    "Hussain",
    "Qureshi",
    "Mir",
    "Malik",
    "Noorani",
];
const GIVEN: &[&str] = &[
    "Ayesha", "Imran", "Ahmed", "Barnett", "Husain", "Moeed", "Anna", "Sana", "Omar",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Fake {
    title: String,
    authors: Vec<(String, String)>,
    year: u32,
    abstract_text: String,
    doi: String,
    journal: String,
}

fn fakes(n: usize) -> Vec<Fake> {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    (0..n)
        .map(|i| {
            let n_authors = 1 + (rng.next() % 4) as usize;
            Fake {
                title: format!("{} {}", rng.words(8), i),
                authors: (0..n_authors)
                    .map(|_| (rng.pick(FAMILIES).to_string(), rng.pick(GIVEN).to_string()))
                    .collect(),
                year: 1990 + (rng.next() % 35) as u32,
                abstract_text: rng.words(200),
                doi: format!("10.{}/bench.{}", 1000 + rng.next() % 9000, i),
                journal: format!("Journal of {}", rng.words(2)),
            }
        })
        .collect()
}

fn ris(fakes: &[Fake]) -> String {
    let mut s = String::new();
    for f in fakes {
        let _ = write!(s, "TY  - JOUR\r\nTI  - {}\r\n", f.title);
        for (fam, giv) in &f.authors {
            let _ = write!(s, "AU  - {fam}, {giv}\r\n");
        }
        let _ = write!(
            s,
            "PY  - {}\r\nJO  - {}\r\nVL  - 12\r\nSP  - 100\r\nEP  - 120\r\nKW  - security\r\nKW  - border\r\nAB  - {}\r\nDO  - {}\r\nER  - \r\n\r\n",
            f.year, f.journal, f.abstract_text, f.doi
        );
    }
    s
}

fn csl(fakes: &[Fake]) -> String {
    let items: Vec<serde_json::Value> = fakes
        .iter()
        .enumerate()
        .map(|(i, f)| {
            serde_json::json!({
                "id": format!("item{i}"),
                "type": "article-journal",
                "title": f.title,
                "author": f.authors.iter().map(|(fam, giv)| serde_json::json!({"family": fam, "given": giv})).collect::<Vec<_>>(),
                "issued": {"date-parts": [[f.year, 5, 1]]},
                "container-title": f.journal,
                "volume": "12", "page": "100-120",
                "DOI": f.doi,
                "abstract": f.abstract_text,
                "keyword": "security, border",
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}

fn bibtex(fakes: &[Fake]) -> String {
    let mut s = String::new();
    for (i, f) in fakes.iter().enumerate() {
        let authors: Vec<String> = f
            .authors
            .iter()
            .map(|(fam, giv)| format!("{fam}, {giv}"))
            .collect();
        let _ = write!(
            s,
            "@article{{key{i},\n  author = {{{}}},\n  title = {{{}}},\n  journal = {{{}}},\n  year = {{{}}},\n  volume = {{12}},\n  pages = {{100--120}},\n  doi = {{{}}},\n  abstract = {{{}}},\n}}\n\n",
            authors.join(" and "), f.title, f.journal, f.year, f.doi, f.abstract_text
        );
    }
    s
}

fn openalex(fakes: &[Fake]) -> String {
    let mut s = String::new();
    for (i, f) in fakes.iter().enumerate() {
        let mut inverted: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (pos, w) in f.abstract_text.split(' ').enumerate() {
            inverted.entry(w).or_default().push(pos);
        }
        let v = serde_json::json!({
            "id": format!("https://openalex.org/W{}", 1000000 + i),
            "doi": format!("https://doi.org/{}", f.doi),
            "title": f.title,
            "publication_year": f.year,
            "type": "article",
            "authorships": f.authors.iter().map(|(fam, giv)| serde_json::json!({"author": {"display_name": format!("{giv} {fam}")}})).collect::<Vec<_>>(),
            "primary_location": {"source": {"display_name": f.journal}},
            "abstract_inverted_index": inverted,
            "referenced_works": ["https://openalex.org/W1", "https://openalex.org/W2"],
        });
        s.push_str(&v.to_string());
        s.push('\n');
    }
    s
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

/// CPU seconds this process has used: the fairer clock on a shared,
/// loaded machine (the peers script reports the same).
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// Parse `text` `reps` times; median records/s (wall), MB/s, and median
/// records per CPU second.
fn rate(format: Format, text: &str, n: usize, reps: usize) -> (f64, f64, f64) {
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    for _ in 0..reps {
        let mut records = 0usize;
        let cpu = cpu_seconds();
        let t = Instant::now();
        let result = read_bytes(format, text.as_bytes(), "bench", &mut |item| {
            if let Item::Record(_) = item {
                records += 1;
            }
        });
        let secs = t.elapsed().as_secs_f64();
        cpu_rates.push(n as f64 / (cpu_seconds() - cpu));
        if result.is_err() || records != n {
            eprintln!("{format}: parsed {records} of {n} records ({result:?})");
            std::process::exit(1);
        }
        rates.push(n as f64 / secs);
    }
    let rps = median(rates);
    (
        rps,
        rps * text.len() as f64 / n as f64 / 1e6,
        median(cpu_rates),
    )
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--file") {
        let Some(path) = args.get(2) else {
            eprintln!("usage: parse_rate --file PATH [reps]");
            std::process::exit(2);
        };
        let reps = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(5);
        return parse_file(std::path::Path::new(path), reps);
    }
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let reps: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let fakes = fakes(n);
    let inputs = [
        (Format::Ris, "ris", ris(&fakes)),
        (Format::CslJson, "json", csl(&fakes)),
        (Format::Bibtex, "bib", bibtex(&fakes)),
        (Format::OpenAlexJsonl, "jsonl", openalex(&fakes)),
    ];
    drop(fakes);
    println!("{n} records per format, median of {reps} runs, one thread");
    println!(
        "{:<16} {:>12} {:>10} {:>12} {:>14}",
        "format", "records/s", "MB/s", "bytes/rec", "records/CPU-s"
    );
    let only = std::env::var("QUIRE_BENCH_ONLY").ok();
    for (format, ext, text) in &inputs {
        if only.as_deref().is_some_and(|o| o != format.as_str()) {
            continue;
        }
        let (rps, mbps, cpu_rps) = rate(*format, text, n, reps);
        println!(
            "{:<16} {:>12.0} {:>10.1} {:>12} {:>14.0}",
            format.as_str(),
            rps,
            mbps,
            text.len() / n,
            cpu_rps
        );
        if let Ok(dir) = std::env::var("QUIRE_BENCH_DIR") {
            let _ = std::fs::write(format!("{dir}/bench.{ext}"), text);
        }
    }
    if only.is_some() {
        return;
    }
    stream_from_disk(&inputs[1].2, n);
    dedup_rate(&inputs[1].2, n);
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS {mb:.0} MB (includes the generated inputs held in memory)");
    }
}

/// Parse one file, held in memory, `reps` times: records/s and
/// records/CPU-s, medians.
fn parse_file(path: &std::path::Path, reps: usize) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let head = &bytes[..bytes.len().min(4096)];
    let Some(format) = quire_ingest::detect_format(path, head) else {
        eprintln!("{}: not a bibliographic file quire reads", path.display());
        std::process::exit(1);
    };
    let mut n = 0usize;
    let _ = read_bytes(format, &bytes, "bench", &mut |item| {
        if let Item::Record(_) = item {
            n += 1;
        }
    });
    let text = String::from_utf8_lossy(&bytes);
    let (rps, mbps, cpu_rps) = rate(format, &text, n, reps);
    println!(
        "{}: {n} {} records, median of {reps} runs, one thread: {rps:.0} records/s, {mbps:.1} MB/s; {cpu_rps:.0} records/CPU-s",
        path.display(),
        format.as_str()
    );
}

/// The CSL-JSON written to a file and streamed back through read_file_with.
fn stream_from_disk(text: &str, n: usize) {
    let path = std::env::temp_dir().join(format!("quire-parse-rate-{}.json", std::process::id()));
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let mut records = 0usize;
    let t = Instant::now();
    let result =
        quire_ingest::read_file_with(&path, "bench.json", &ReadOptions::default(), &mut |item| {
            if let Item::Record(_) = item {
                records += 1;
            }
        });
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    if result.is_ok() && records == n {
        println!(
            "csl-json streamed from a {:.0} MB file: {:.0} records/s",
            text.len() as f64 / 1e6,
            n as f64 / secs
        );
    }
}

/// Find-then-insert every CSL-JSON work, as the importer does.
fn dedup_rate(text: &str, n: usize) {
    let mut works = Vec::with_capacity(n);
    let _ = read_bytes(Format::CslJson, text.as_bytes(), "bench", &mut |item| {
        if let Item::Record(r) = item {
            works.push(r.work);
        }
    });
    // Every 10th work comes again without DOI and with a typo: must merge.
    let mut again: Vec<_> = works.iter().step_by(10).cloned().collect();
    for w in &mut again {
        w.doi = None;
        w.title = w.title.replacen("e", "", 1);
        w.id.push_str("-copy");
    }
    let mut index = DedupIndex::new();
    let (mut dup, mut near) = (0, 0);
    let t = Instant::now();
    for w in works.iter().chain(&again) {
        match index.insert_unless_duplicate(w) {
            DedupMatch::Duplicate { .. } => dup += 1,
            DedupMatch::Near { .. } => near += 1,
            DedupMatch::None => {}
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let total = works.len() + again.len();
    println!(
        "dedup: {total} works in {secs:.2} s ({:.0} works/s); {dup} duplicates (expected >= {}), {near} near",
        total as f64 / secs,
        again.len()
    );
}
