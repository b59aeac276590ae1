//! Benchmark of `write_report` on a generated review: N works of ten
//! passages each, two codings per passage, synthesised by
//! `quire_synthesis::synthesise` (not timed). Prints the median of R runs.
//!
//!     cargo run --release -p quire-report --example bench_report -- 1000 5
//!
//! Run it through `bench/report.sh`, which quotes the median.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use quire_model::{Coding, CodingOrigin, Passage, Person, SourceType, Work, WorkKind};
use quire_report::{write_report, PrismaCounts, ReportInput};
use quire_synthesis::{synthesise, ReviewInput};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

const SENTENCES: [&str; 8] = [
    "Pakistan accuses the Afghan Taliban of sheltering the TTP in safe havens across the border.",
    "The Afghan Taliban deny that Afghan soil is used for cross-border attacks against Pakistan.",
    "China seeks stability along the CPEC route and offers dialogue between Kabul and Islamabad.",
    "A persistent trust deficit undermines intelligence sharing and joint operations.",
    "Trade through Torkham and the return of refugees remain contested border issues.",
    "Further research is needed on the financing of ISIS-K after the withdrawal.",
    "Pakistan fears encirclement and wants a friendly government in Kabul.",
    "High-level dialogue produced few bilateral agreements on border management.",
];

fn generate(n: usize) -> (Vec<Work>, Vec<Passage>, Vec<Coding>) {
    let categories = [
        "threat_landscape",
        "cooperation_initiatives",
        "challenges_opportunities",
    ];
    let mut works = Vec::with_capacity(n);
    let mut passages = Vec::with_capacity(n * 10);
    let mut codings = Vec::with_capacity(n * 20);
    for i in 0..n {
        let id = format!("w{i:05}");
        works.push(Work {
            id: id.clone(),
            kind: if i % 5 == 0 {
                WorkKind::Statement
            } else {
                WorkKind::Article
            },
            title: format!("Security cooperation after the withdrawal, part {i}"),
            authors: vec![Person::new(
                format!("Author{}", i % 97),
                Some("Sana".into()),
            )],
            year: Some(2019 + (i % 6) as i32),
            container: Some("Journal of Regional Security".into()),
            volume: Some(format!("{}", 1 + i % 12)),
            pages: Some(format!("{}--{}", i % 300 + 1, i % 300 + 20)),
            source_type: if i % 5 == 0 {
                SourceType::Primary
            } else {
                SourceType::Secondary
            },
            ..Default::default()
        });
        for p in 0..10 {
            let text = format!(
                "{} {}",
                SENTENCES[(i + p) % SENTENCES.len()],
                SENTENCES[(i * 3 + p * 7) % SENTENCES.len()]
            );
            passages.push(Passage {
                work_id: id.clone(),
                ordinal: p,
                start: p * 300,
                end: p * 300 + text.len(),
                heading: None,
                text,
                page: Some(1 + p / 3),
            });
            for k in 0..2 {
                codings.push(Coding {
                    work_id: id.clone(),
                    passage: p,
                    category: categories[(i + p + k) % 3].into(),
                    origin: CodingOrigin::Auto,
                    score: 0.4 + ((i * 7 + p * 3 + k) % 60) as f32 / 100.0,
                    evidence: vec!["TTP".into(), "dialogue".into()],
                    coder: None,
                });
            }
        }
    }
    (works, passages, codings)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let protocol = fixture::protocol();
    let (works, passages, codings) = generate(n);
    let selected: HashSet<String> = works.iter().map(|w| w.id.clone()).collect();
    let cited_by = HashMap::new();
    let synthesis = synthesise(&ReviewInput {
        protocol: &protocol,
        works: &works,
        passages: &passages,
        codings: &codings,
        selected: &selected,
        citation_counts: &cited_by,
    });
    let prisma = PrismaCounts {
        identified: n,
        screened: n,
        included: n,
        ..Default::default()
    };
    let input = ReportInput {
        protocol: &protocol,
        works: &works,
        passages: &passages,
        codings: &codings,
        synthesis: &synthesis,
        prisma: &prisma,
        encoder: None,
    };
    let dir = std::env::temp_dir().join(format!("quire-report-bench-{}", std::process::id()));
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        write_report(&input, &dir)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let html = std::fs::metadata(dir.join("report.html"))?.len();
    println!(
        "works={n} codings={} runs={runs} median_ms={:.1} min_ms={:.1} max_ms={:.1} report_html_kb={}",
        codings.len(),
        times[runs / 2],
        times[0],
        times[runs - 1],
        html / 1024
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
