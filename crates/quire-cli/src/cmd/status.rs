//! `quire status`: what the review holds.

use super::Context;
use anyhow::Result;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Show counts of works, documents, duplicates merged and records skipped,
/// by kind, source type and year, and whether the search index is current.
#[derive(clap::Args)]
#[command(after_help = "Example:\n  quire status --format json")]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    let review = ctx.review()?;
    let s = quire_review::status::status(&review)?;
    if let Format::Json = args.format {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(0);
    }
    println!("review     {}", s.review);
    println!("files      {}", s.files);
    println!("works      {}", s.works);
    println!("documents  {}", s.documents);
    println!(
        "duplicates merged {}, records skipped {}, possible duplicates {}",
        s.duplicates_merged, s.records_skipped, s.near_duplicates
    );
    let line = |name: &str, m: &std::collections::BTreeMap<String, usize>| {
        let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("{name:<11}{}", parts.join(", "));
    };
    line("by kind", &s.by_kind);
    line("by source", &s.by_source_type);
    line("by year", &s.by_year);
    if !s.hand_codes.is_empty() {
        line("hand codes", &s.hand_codes);
    }
    if !s.gone_files.is_empty() {
        println!(
            "gone       {} (removed from sources/; `quire import --prune` takes out what they gave)",
            s.gone_files.join(", ")
        );
    }
    if !s.missing_attachments.is_empty() {
        let files: Vec<&str> = s
            .missing_attachments
            .iter()
            .map(|m| m.file.as_str())
            .collect();
        println!(
            "missing    {} attached to records by an export, not found: {}",
            files.len(),
            files.join(", ")
        );
    }
    let index = if s.index.current {
        "current"
    } else if s.works == 0 {
        "empty: nothing imported yet (put files in sources/ and run `quire import`)"
    } else {
        "out of date (run `quire index --rebuild`)"
    };
    println!("index      {index}");
    Ok(0)
}
