//! `quire review DIR`: the whole pipeline on one review.

use super::Context;
use crate::progress::CliProgress;
use anyhow::Result;
use std::path::PathBuf;

/// Run the whole review: import → index → select → code → synthesise →
/// report, writing everything to DIR/out/.
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  quire review examples/afpak && xdg-open examples/afpak/out/report.html"
)]
pub struct Args {
    /// The review folder (default: the current review).
    pub dir: Option<PathBuf>,
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    let review = match &args.dir {
        Some(d) => quire_review::ReviewDir::at(d)?,
        None => ctx.review()?,
    };
    let protocol = ctx.protocol(&review)?;
    let progress = CliProgress::new(ctx.quiet);
    let summary = quire_review::import(&review, &protocol, &[], &progress)?;
    super::import::print_summary(&summary);
    let analysis = quire_review::run_analysis(&review, &protocol, &progress)?;
    super::report::print_analysis(&analysis);
    Ok(if summary.is_clean() { 0 } else { 1 })
}
