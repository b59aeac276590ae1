//! `quire import [PATH...]`: ingest files into the review.

use super::Context;
use crate::progress::CliProgress;
use anyhow::Result;
use quire_review::{FileOutcome, ImportSummary};
use std::path::PathBuf;

/// Import sources (BibTeX, RIS, PubMed .nbib, Scopus/Web of Science CSV
/// and tab-delimited, CSL-JSON, OpenAlex JSONL, PDF, Word, HTML, Markdown,
/// text) into the review, deduplicating as it goes. Exit status 0
/// only when nothing was skipped.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  quire import                 # everything in sources/\n  quire import ~/Downloads/savedrecs.ris more/\n\n\
                  A reference manager's export with its files (Zotero: Export Collection with\n\
                  Export Files; RIS L1 or BibTeX file links) reads each record's PDF as its full text."
)]
pub struct Args {
    /// Files or folders to import (default: the review's sources/).
    pub paths: Vec<PathBuf>,
    /// Also import the reference list of this manuscript (txt, md, html,
    /// docx, pdf) as works marked as coming from it: start a review from a
    /// previous review's bibliography (backward snowballing).
    #[arg(long, value_name = "MANUSCRIPT")]
    pub references: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::status::Format,
    /// Also take out what files since removed from sources/ gave: the works
    /// only they gave are deleted (screening decisions and hand codes of
    /// them stay in the store, unused).
    #[arg(long)]
    pub prune: bool,
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    let review = ctx.review()?;
    let protocol = ctx.protocol(&review)?;
    let progress = CliProgress::new(ctx.quiet);
    let mut summary = if args.references.is_empty() || !args.paths.is_empty() {
        quire_review::import(&review, &protocol, &args.paths, &progress)?
    } else {
        ImportSummary::default()
    };
    for manuscript in &args.references {
        let part = import_references(&review, &protocol, manuscript, &progress)?;
        summary.absorb(part);
    }
    if args.prune {
        let (pruned, deleted) = quire_review::import::prune_gone_files(&review, &progress)?;
        if !pruned.is_empty() {
            eprintln!(
                "pruned {}: {deleted} works only they gave were taken out of the review",
                plural(pruned.len(), "removed file")
            );
        }
        summary.gone_files.retain(|f| !pruned.contains(f));
    }
    match args.format {
        super::status::Format::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        super::status::Format::Text => print_summary(&summary),
    }
    Ok(if summary.is_clean() { 0 } else { 1 })
}

/// Parse a manuscript's reference list and import it as works.
fn import_references(
    review: &quire_review::ReviewDir,
    protocol: &quire_model::Protocol,
    manuscript: &std::path::Path,
    progress: &CliProgress,
) -> Result<ImportSummary> {
    let shown = review.shown(manuscript);
    let content =
        std::fs::read(manuscript).map_err(|e| anyhow::anyhow!("{shown}: cannot read: {e}"))?;
    let parser = quire_cite::parse::ReferenceParser::new()?;
    let refs = parser
        .parse_file(manuscript)
        .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let works = refs.iter().map(|r| r.to_work(&shown)).collect();
    Ok(quire_review::import::import_works(
        review, protocol, &shown, &content, works, progress,
    )?)
}

pub fn print_summary(s: &ImportSummary) {
    let unchanged = s
        .files
        .iter()
        .filter(|f| matches!(f, FileOutcome::Unchanged { .. }))
        .count();
    let failed: Vec<_> = s
        .files
        .iter()
        .filter_map(|f| match f {
            FileOutcome::Failed { file, message } => Some((file, message)),
            _ => None,
        })
        .collect();
    println!(
        "{}: {} records read, {} works added, {} duplicates merged, {} records skipped, {} files unchanged, {} files failed",
        plural(s.files.len(), "file"),
        s.records,
        s.added,
        s.merged,
        s.skipped.len(),
        unchanged,
        failed.len()
    );
    if s.indexed > 0 {
        println!("indexed {} works", s.indexed);
    }
    if s.files.is_empty() {
        println!(
            "  no source files: put .bib, .ris, .nbib (PubMed), .csv (Scopus, tables), .json (CSL-JSON), .jsonl (OpenAlex), .pdf, \
             .docx, .html, .md or .txt files in the review's sources/ folder, or name them: \
             quire import PATH..."
        );
    }
    for (file, message) in &failed {
        // The reader's message usually names the file already.
        let message = message
            .strip_prefix(file.as_str())
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(message);
        println!("  failed: {file}: {message}");
    }
    if !s.skipped.is_empty() {
        println!("skipped records:");
        for skip in s.skipped.iter().take(50) {
            println!("  {skip}");
        }
        if s.skipped.len() > 50 {
            println!(
                "  ... and {} more (see `quire status --format json`)",
                s.skipped.len() - 50
            );
        }
    }
    if !s.gone_files.is_empty() {
        let one = s.gone_files.len() == 1;
        println!(
            "{} of sources/ imported before {} gone; what {} gave stays in the review until \
             `quire import --prune`: {}",
            plural(s.gone_files.len(), "file"),
            if one { "is" } else { "are" },
            if one { "it" } else { "they" },
            s.gone_files.join(", ")
        );
    }
    if !s.changed_files.is_empty() {
        println!(
            "{} changed since the last import and read again: what {} gave before was replaced \
             (screening decisions and hand codes of works it gives again are kept): {}",
            plural(s.changed_files.len(), "file"),
            if s.changed_files.len() == 1 {
                "it"
            } else {
                "they"
            },
            s.changed_files.join(", ")
        );
    }
    if s.carried_over > 0 {
        let what = if s.carried_over == 1 {
            "1 screening decision or hand code".to_string()
        } else {
            format!("{} screening decisions and hand codes", s.carried_over)
        };
        println!(
            "{what} moved to works that came back under a new id (their title, author or year \
             changed in the file)"
        );
    }
    if !s.named_after_file.is_empty() {
        let shown: Vec<&str> = s
            .named_after_file
            .iter()
            .take(3)
            .map(String::as_str)
            .collect();
        let more = s.named_after_file.len().saturating_sub(shown.len());
        println!(
            "{} full texts name no title of their own and are cited by their file names ({}{}): \
             give each a YAML front matter with title, authors and year (see README, \"Full texts\")",
            s.named_after_file.len(),
            shown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        );
    }
    print_attachments(s);
    if !s.near_duplicates.is_empty() {
        println!("possible duplicates (not merged; check them):");
        for n in s.near_duplicates.iter().take(20) {
            println!("  {} ~ {} (title similarity {:.2})", n.a, n.b, n.similarity);
        }
    }
}

/// The full texts exports attached to their records: how many were read
/// into them, and which the exports name but are not there.
fn print_attachments(s: &ImportSummary) {
    if s.attached > 0 {
        let (records, them) = if s.attached == 1 {
            ("record", "it")
        } else {
            ("records", "them")
        };
        println!(
            "{} read into the {records} an export attaches {them} to",
            plural(s.attached, "full text"),
        );
    }
    if s.missing_attachments.is_empty() {
        return;
    }
    let (them, their) = if s.missing_attachments.len() == 1 {
        ("it", "its record")
    } else {
        ("them", "their records")
    };
    println!(
        "{} attached to records in an export not found (put {them} where the export says, or \
         export again with its files; the next import reads {them} into {their}):",
        plural(s.missing_attachments.len(), "file"),
    );
    for m in s.missing_attachments.iter().take(20) {
        println!("  {}: {}", m.named_by, m.file);
    }
    if s.missing_attachments.len() > 20 {
        println!("  ... and {} more", s.missing_attachments.len() - 20);
    }
}

/// "1 file", "3 files".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
