//! Benchmark: split and code 10,000 generated documents on one core and
//! report passages per second (median of 5 runs).
//!
//! `cargo run -p quire-code --release --example bench_coding [DOCS]`
//!
//! Rates are passages per second of CPU time of the benchmarking thread
//! (read from /proc/thread-self/schedstat on Linux, so other processes on a
//! busy machine do not distort them); wall-clock rates are printed too.
//!
//! Documents are generated deterministically from the afpak corpus's own
//! sentences (so term density is realistic): each has 4–12 paragraphs of
//! 2–8 sentences, hard-wrapped at 72 columns like the scraped Markdown.

use std::path::PathBuf;
use std::time::Instant;

use quire_code::{code_passages, passages, Coder};
use quire_model::Protocol;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let review = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/afpak");
    let codebook = Protocol::load(&review.join("review.toml"))?.codebook();
    let sentences = corpus_sentences(&review.join("sources"))?;
    let documents = generate(&sentences, docs);

    let mut coder = Coder::from_codebook(&codebook)?;
    let split: Vec<_> = documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| passages::split_text(&format!("doc{i}"), d))
        .collect();
    let texts: Vec<&str> = split.iter().map(|p| p.text.as_str()).collect();
    coder.fit_corpus(&texts);
    println!("{} documents, {} passages", documents.len(), split.len());

    let mut split_rates = Vec::new();
    let mut code_rates = Vec::new();
    let mut code_wall = Vec::new();
    let mut alone_rates = Vec::new();
    for _ in 0..5 {
        let t = Clock::start();
        let n: usize = documents
            .iter()
            .enumerate()
            .map(|(i, d)| passages::split_text(&format!("doc{i}"), d).len())
            .sum();
        split_rates.push(n as f64 / t.stop().0);

        // As the review codes: every document's passages with their
        // neighbours (code_passages → score_document).
        let t = Clock::start();
        let codings = code_passages(&coder, &split).len();
        let (cpu, wall) = t.stop();
        code_rates.push(texts.len() as f64 / cpu);
        code_wall.push(texts.len() as f64 / wall);
        std::hint::black_box(codings);

        let t = Clock::start();
        let assigned: usize = texts.iter().map(|p| coder.assigned(p).len()).sum();
        alone_rates.push(texts.len() as f64 / t.stop().0);
        std::hint::black_box(assigned);
    }
    println!(
        "splitting: median {:.0} passages/s (CPU time)",
        median(&mut split_rates)
    );
    println!(
        "coding (codebook mode): median {:.0} passages/s (CPU time), {:.0} (wall clock)",
        median(&mut code_rates),
        median(&mut code_wall)
    );
    println!(
        "coding passages one by one, without context: median {:.0} passages/s (CPU time)",
        median(&mut alone_rates)
    );

    // Trained mode: train on 200 passages labelled by the codebook itself
    // (the labels only need to exist for timing).
    let labelled: Vec<(String, Vec<String>)> = texts
        .iter()
        .take(200)
        .map(|t| {
            (
                t.to_string(),
                coder.assigned(t).into_iter().map(|s| s.category).collect(),
            )
        })
        .collect();
    let mut trained = coder.clone();
    trained.train(&labelled)?;
    let mut trained_rates = Vec::new();
    for _ in 0..5 {
        let t = Clock::start();
        let codings = code_passages(&trained, &split).len();
        trained_rates.push(texts.len() as f64 / t.stop().0);
        std::hint::black_box(codings);
    }
    println!(
        "coding (trained mode): median {:.0} passages/s (CPU time)",
        median(&mut trained_rates)
    );
    Ok(())
}

/// A stopwatch over this thread's CPU time (falls back to wall time).
struct Clock {
    wall: Instant,
    cpu: Option<u64>,
}

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu_ns(),
        }
    }
    /// (cpu seconds, wall seconds)
    fn stop(&self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64();
        let cpu = match (self.cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall,
        };
        (cpu, wall)
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn corpus_sentences(dir: &std::path::Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        for p in passages::split_text("x", &text) {
            out.extend(
                passages::sentences(&p.text)
                    .into_iter()
                    .map(|(_, s)| s.to_string()),
            );
        }
    }
    Ok(out)
}

fn generate(sentences: &[String], docs: usize) -> Vec<String> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..docs)
        .map(|_| {
            let mut doc = String::new();
            for _ in 0..4 + next(9) {
                let para: Vec<&str> = (0..2 + next(7))
                    .map(|_| sentences[next(sentences.len())].as_str())
                    .collect();
                doc.push_str(&wrap(&para.join(" "), 72));
                doc.push_str("\n\n");
            }
            doc
        })
        .collect()
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in text.split_whitespace() {
        if col > 0 && col + 1 + w.len() > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.len();
    }
    out
}
