//! `quire search QUERY`: full-text search of the review.

use super::Context;
use anyhow::Result;
use quire_index::{SearchIndex, SearchOptions};
use std::collections::HashSet;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// Search titles, abstracts, full texts, authors and keywords. Words are
/// ANDed; use "phrases", AND/OR/NOT, parentheses, field:term
/// (title, abstract, fulltext, author, keyword, kind, source_type) and
/// year:2019..2024 (open ranges too: year:2019.., year:..2010).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  quire search '\"intelligence sharing\" AND (TTP OR \"Tehrik-i-Taliban\") year:2019..' --format table\n  quire search 'durand line' --format json\n  quire search 'kind:statement refugees' --selected"
)]
pub struct Args {
    /// The query, quoted as one shell argument (see above for the syntax).
    pub query: String,
    /// Only works from this year on.
    #[arg(long)]
    pub since: Option<i32>,
    /// Only works the protocol's selection rule keeps (recent + seminal + keep-list).
    #[arg(long)]
    pub selected: bool,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// `table` for people (matches marked), `json` for programs.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// An index behind the store (an import cut short, an index from an older
/// quire) answers from what it holds: say so, on stderr.
fn warn_if_stale(review: &quire_review::ReviewDir) {
    let Ok(store) = quire_store::Store::open(&review.db_path()) else {
        return;
    };
    if let Ok(false) = quire_review::index_is_current(review, &store) {
        eprintln!(
            "note: the search index is not up to date with the review's store; \
             `quire index --rebuild` (or the next `quire import`) brings it up to date"
        );
    }
}

pub fn run(args: &Args, ctx: &Context) -> Result<u8> {
    let review = ctx.review()?;
    let index = SearchIndex::open_or_create(&review.index_dir())?;
    let allowed: Option<HashSet<String>> = if args.selected {
        let protocol = ctx.protocol(&review)?;
        let store = quire_store::Store::open(&review.db_path())?;
        Some(quire_review::select(&protocol.selection, &store.works()?).selected())
    } else {
        None
    };
    let opts = SearchOptions {
        limit: args.limit,
        since: args.since,
        allowed_ids: allowed.as_ref(),
    };
    let hits = index.search(&args.query, &opts)?;
    warn_if_stale(&review);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&hits)?),
        Format::Table => print_table(&hits),
    }
    Ok(0)
}

fn print_table(hits: &[quire_index::Hit]) {
    use std::io::IsTerminal;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if hits.is_empty() {
        println!("no hits");
        return;
    }
    println!(
        "{:>3}  {:>6}  {:<4}  {:<18}  {:<10}  title",
        "#", "score", "year", "first author", "kind"
    );
    for (i, h) in hits.iter().enumerate() {
        let year = h
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "n.d.".into());
        let author: String = h
            .first_author
            .clone()
            .unwrap_or_default()
            .chars()
            .take(18)
            .collect();
        let title: String = h.title.chars().take(90).collect();
        println!(
            "{:>3}  {:>6.2}  {:<4}  {:<18}  {:<10}  {}",
            i + 1,
            h.score,
            year,
            author,
            h.kind.as_str(),
            title
        );
        println!("     id: {}", h.id);
        if !h.snippet.is_empty() {
            // ANSI bold only on a terminal (and not under NO_COLOR); piped
            // or saved output gets **word** instead of escape codes.
            let snippet = if color {
                h.snippet.to_terminal()
            } else {
                h.snippet.to_markdown()
            };
            println!("     {}", snippet.replace('\n', " "));
        }
    }
}
