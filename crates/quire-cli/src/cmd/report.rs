//! `quire report`: select, code, synthesise and write `out/` from what the
//! store holds (no import).

use super::Context;
use anyhow::Result;
use quire_review::Analysis;

/// Write the report (out/report.html, report.md, evidence.csv/.xlsx,
/// references.bib/.ris/.json + APA, charts) from the review's store.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  quire import && quire report && open out/report.html")]
pub struct Args {}

pub fn run(_args: &Args, ctx: &Context) -> Result<u8> {
    let review = ctx.review()?;
    let protocol = ctx.protocol(&review)?;
    let progress = crate::progress::CliProgress::new(ctx.quiet);
    let analysis = quire_review::run_analysis(&review, &protocol, &progress)?;
    print_analysis(&analysis);
    Ok(0)
}

pub fn print_analysis(a: &Analysis) {
    let s = &a.synthesis;
    println!(
        "selected {} of {} works ({} kept by the protocol's rule); {} passages, {} codings",
        a.included.len(),
        a.works.len(),
        a.selection.count_selected(),
        a.passages.len(),
        a.codings.len()
    );
    if !a.selection.unmatched_keep.is_empty() {
        println!(
            "  the protocol's keep-list names works the review does not hold: {} (name a work by \
             its id as `quire search` shows it, its DOI or its title)",
            a.selection.unmatched_keep.join(", ")
        );
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "synthesis: {}, {}, {}, {}, {}, {}",
        count(
            s.themes.by_category.iter().map(|t| t.phrases.len()).sum(),
            "theme",
            "themes"
        ),
        count(s.debates.debates.len(), "debate", "debates"),
        count(
            s.debates.unvoiced.len(),
            "accusation answered but not voiced",
            "accusations answered but not voiced"
        ),
        count(s.gaps.stated.len(), "gap statement", "gap statements"),
        count(
            s.actors
                .actors
                .iter()
                .filter(|a| !a.interests.is_empty())
                .count(),
            "actor with interests",
            "actors with interests"
        ),
        count(s.actors.unknown.len(), "proposed actor", "proposed actors"),
    );
    if let Some(note) = &a.coding_note {
        println!("coding: {note}");
    }
    if !a.hand_codes_left_out.is_empty() {
        let left: Vec<String> = a
            .hand_codes_left_out
            .iter()
            .map(|(category, n)| format!("{n} of `{category}`"))
            .collect();
        println!(
            "hand codes left out, their categories are not in the codebook: {} (rename them back in review.toml, or recode)",
            left.join(", ")
        );
    }
    let times: Vec<String> = a
        .timings
        .iter()
        .map(|(n, t)| format!("{n} {:.2}s", t))
        .collect();
    println!("time: {}", times.join(", "));
    let check = &a.report.citation_check;
    println!("citation check: {}", check.summary());
    for problem in check.problems.iter().take(10) {
        println!("  {problem}");
    }
    if check.problems.len() > 10 {
        println!(
            "  … {} more in {}",
            check.problems.len() - 10,
            a.report.citation_check_json.display()
        );
    }
    println!("wrote {}", a.report.html.display());
}
