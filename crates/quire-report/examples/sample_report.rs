//! Write the report of a small hand-made review (six works on
//! Pakistan–Afghanistan security after 2021), synthesised by
//! `quire_synthesis::synthesise`, to a directory, to look at it:
//!
//!     cargo run -p quire-report --example sample_report -- /tmp/quire-sample
//!
//! Without an argument it writes to `<temp dir>/quire-report-sample`.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use quire_report::{write_report, PrismaCounts, ReportInput};
use quire_synthesis::{synthesise, ReviewInput};
use std::collections::{HashMap, HashSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("quire-report-sample"));
    let protocol = fixture::protocol();
    let works = fixture::works();
    let passages = fixture::passages();
    let codings = fixture::codings();
    // Everything but the 2008 book is within the protocol's years.
    let selected: HashSet<String> = works
        .iter()
        .filter(|w| w.year.is_some_and(|y| y >= 2019))
        .map(|w| w.id.clone())
        .collect();
    let cited_by: HashMap<String, usize> = HashMap::from([("rashid2008".to_string(), 1)]);
    let synthesis = synthesise(&ReviewInput {
        protocol: &protocol,
        works: &works,
        passages: &passages,
        codings: &codings,
        selected: &selected,
        citation_counts: &cited_by,
    });
    let prisma = PrismaCounts {
        identified: 9,
        duplicates_removed: 2,
        screened: 7,
        excluded: 2,
        exclusion_reasons: vec![
            ("before the period and not seminal".into(), 1),
            ("off topic".into(), 1),
        ],
        included: 5,
        fulltext_assessed: None,
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
    let started = std::time::Instant::now();
    let files = write_report(&input, &out)?;
    for f in files.all() {
        println!("{}", f.display());
    }
    eprintln!(
        "written in {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
