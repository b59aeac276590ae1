//! `quire index --rebuild`: rebuild the search index from the store.

use super::Context;
use crate::progress::CliProgress;
use anyhow::{bail, Result};

/// Rebuild the search index (a cache) from the store.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  quire index --rebuild")]
pub struct Args {
    /// Drop the index and rebuild it from every stored work.
    #[arg(long)]
    pub rebuild: bool,
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    if !args.rebuild {
        bail!("nothing to do: `quire import` keeps the index current; use `quire index --rebuild` to rebuild it");
    }
    let review = ctx.review()?;
    let n = quire_review::rebuild_index(&review, &CliProgress::new(ctx.quiet))?;
    println!("indexed {n} works");
    Ok(0)
}
