//! Benchmark and smoke run of the synthesis stage on a review directory.
//!
//!     cargo run --release -p quire-synthesis --example synth_bench -- \
//!         examples/afpak [--docs N] [--runs R] [--json OUT.json]
//!
//! Reads `review.toml` and the Markdown sources (YAML-ish front matter:
//! id, title, authors, year, source_type), cuts paragraphs into passages
//! and codes them with the codebook's key terms — a stand-in for
//! `quire-code`, so that this crate is measured alone. `--docs N` builds a
//! corpus of N documents by resampling the passages (deterministically),
//! to measure scale. Prints the median synthesis time over R runs.

use quire_model::{Coding, CodingOrigin, Passage, Person, Protocol, Work, WorkKind};
use quire_synthesis::{synthesise, ReviewInput};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(
        args.first()
            .ok_or("usage: synth_bench REVIEW_DIR [--docs N] [--runs R] [--json OUT]")?,
    );
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let docs: Option<usize> = flag("--docs").map(|v| v.parse()).transpose()?;
    let runs: usize = flag("--runs").map(|v| v.parse()).transpose()?.unwrap_or(5);
    let protocol = Protocol::load(&dir.join("review.toml"))?;
    let (mut works, mut passages) = read_sources(&dir.join("sources"))?;
    if let Some(n) = docs {
        (works, passages) = resample(&works, &passages, n);
    }
    let codings = code(&protocol, &passages);
    let selected: HashSet<String> = works.iter().map(|w| w.id.clone()).collect();
    let citation_counts = HashMap::new();
    let input = ReviewInput {
        protocol: &protocol,
        works: &works,
        passages: &passages,
        codings: &codings,
        selected: &selected,
        citation_counts: &citation_counts,
    };
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut synthesis = None;
    for _ in 0..runs.max(1) {
        let (t, cpu) = (Instant::now(), cpu_seconds());
        synthesis = Some(synthesise(&input));
        times.push(t.elapsed().as_secs_f64());
        cpu_times.push(cpu_seconds() - cpu);
    }
    times.sort_by(f64::total_cmp);
    cpu_times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let cpu_median = cpu_times[cpu_times.len() / 2];
    let s = synthesis.ok_or("no run")?;
    println!(
        "works {} passages {} codings {}: synthesis median {:.1} ms wall, {:.0} ms CPU over {} runs ({:.0} passages/s of CPU)",
        works.len(),
        passages.len(),
        codings.len(),
        median * 1000.0,
        cpu_median * 1000.0,
        times.len(),
        passages.len() as f64 / cpu_median.max(1e-3)
    );
    println!(
        "evidence cells {}, theme phrases {}, debates {}, thin cells {}, stated gaps {}, interests {}, unknown actors {}",
        s.evidence.cells.len(),
        s.themes.by_category.iter().map(|c| c.phrases.len()).sum::<usize>(),
        s.debates.debates.len(),
        s.gaps.thin_cells.len(),
        s.gaps.stated.len(),
        s.actors.actors.iter().map(|a| a.interests.len()).sum::<usize>(),
        s.actors.unknown.len()
    );
    if let Some(out) = flag("--json") {
        std::fs::write(out, serde_json::to_string_pretty(&s)?)?;
    }
    Ok(())
}

/// CPU time of this thread (user + system), from /proc on Linux, so that
/// a busy machine does not inflate the figure as wall time would; 0 where
/// /proc is missing. Resolution: one clock tick (10 ms).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Works and paragraph passages from `*.md` files with front matter.
fn read_sources(dir: &Path) -> Result<(Vec<Work>, Vec<Passage>), Box<dyn std::error::Error>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let (mut works, mut passages) = (Vec::new(), Vec::new());
    for path in files {
        let text = std::fs::read_to_string(&path)?;
        let (front, body, body_start) = split_front_matter(&text);
        let work = work_from_front_matter(front, &path);
        for (start, end) in paragraphs(body) {
            let ordinal = passages
                .iter()
                .rev()
                .take_while(|p: &&Passage| p.work_id == work.id)
                .count();
            passages.push(Passage {
                work_id: work.id.clone(),
                ordinal,
                start: body_start + start,
                end: body_start + end,
                text: body[start..end].trim().to_string(),
                ..Default::default()
            });
        }
        works.push(work);
    }
    Ok((works, passages))
}

/// Paragraph-sized spans, as `quire-code` cuts them: lines are joined
/// until a blank line or until the span has 60 words; spans under 8 words
/// are dropped.
fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut words, mut offset) = (0, 0, 0);
    for line in body.split_inclusive('\n') {
        let n = line.split_whitespace().count();
        if n == 0 && words > 0 || words >= 60 {
            if words >= 8 {
                out.push((start, offset));
            }
            (start, words) = (offset, 0);
        }
        if words == 0 {
            start = offset;
        }
        words += n;
        offset += line.len();
    }
    if words >= 8 {
        out.push((start, offset));
    }
    out
}

fn split_front_matter(text: &str) -> (&str, &str, usize) {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return (&rest[..end], &rest[end + 5..], 4 + end + 5);
        }
    }
    ("", text, 0)
}

fn work_from_front_matter(front: &str, path: &Path) -> Work {
    let mut work = Work {
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..Default::default()
    };
    let mut in_authors = false;
    for line in front.lines() {
        if let Some(author) = line.strip_prefix("- ").filter(|_| in_authors) {
            work.authors.push(author_of(author.trim()));
            continue;
        }
        in_authors = false;
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches('\'')
            .trim_matches('"')
            .to_string();
        match key.trim() {
            "id" => work.id = value,
            "title" => work.title = value,
            "year" => work.year = value.parse().ok(),
            "publisher" => work.publisher = Some(value),
            "source_type" => {
                work.kind = WorkKind::from_label(&value);
                work.genre = Some(value);
            }
            "authors" => in_authors = true,
            _ => {}
        }
    }
    work
}

/// Organisations ("The White House (...)", "Wikipedia contributors") stay
/// whole; people are split into family and given names.
fn author_of(name: &str) -> Person {
    let bare = name.split('(').next().unwrap_or(name).trim();
    let organisation = [
        "House",
        "Wikipedia",
        "Nations",
        "Ministry",
        "Government",
        "Council",
    ]
    .iter()
    .any(|w| bare.contains(w));
    if organisation {
        Person::organisation(bare.trim_start_matches("The "))
    } else {
        Person::parse(bare)
    }
}

/// Codebook-only coding: a category's score grows with the number of its
/// key terms found in the passage (whole words, case-insensitive).
fn code(protocol: &Protocol, passages: &[Passage]) -> Vec<Coding> {
    let mut out = Vec::new();
    for p in passages {
        let lower = format!(" {} ", p.text.to_lowercase());
        for c in &protocol.categories {
            let evidence: Vec<String> = c
                .terms
                .iter()
                .filter(|t| lower.contains(&format!(" {} ", t.to_lowercase())))
                .cloned()
                .collect();
            if !evidence.is_empty() {
                out.push(Coding {
                    work_id: p.work_id.clone(),
                    passage: p.ordinal,
                    category: c.id.clone(),
                    origin: CodingOrigin::Auto,
                    score: (evidence.len() as f32 / 3.0).min(1.0),
                    evidence,
                    coder: None,
                });
            }
        }
    }
    out
}

/// `n` synthetic works, each with ~40 passages drawn from the real ones
/// by a fixed linear congruential sequence, years 2015–2024.
fn resample(works: &[Work], passages: &[Passage], n: usize) -> (Vec<Work>, Vec<Passage>) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m.max(1)
    };
    let (mut ws, mut ps) = (Vec::with_capacity(n), Vec::new());
    for i in 0..n {
        let template = &works[next(works.len())];
        let id = format!("synthetic-{i}");
        ws.push(Work {
            id: id.clone(),
            year: Some(2015 + next(10) as i32),
            ..template.clone()
        });
        for ordinal in 0..(20 + next(40)) {
            let source = &passages[next(passages.len())];
            ps.push(Passage {
                work_id: id.clone(),
                ordinal,
                ..source.clone()
            });
        }
    }
    (ws, ps)
}
