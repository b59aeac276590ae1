//! `quire`: a workbench for structured literature reviews.
//!
//! This binary is glue: it parses the command line, finds the review, and
//! calls the library crates. Every subcommand lives in its own module under
//! `cmd/`.

mod cmd;
mod progress;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "quire",
    version,
    about = "Structured literature reviews: import, search, screen, code, synthesise, report, check citations.",
    after_help = "Examples:\n  quire init myreview\n  cd myreview && quire import\n  quire search '\"intelligence sharing\" AND (TTP OR \"Tehrik-i-Taliban\") year:2019..'\n  quire review examples/afpak"
)]
struct Cli {
    /// Work on the review in DIR instead of the current directory.
    #[arg(short = 'C', global = true, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Print less (no progress bars or plain progress lines).
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Init(cmd::init::Args),
    Import(cmd::import::Args),
    Search(cmd::search::Args),
    Status(cmd::status::Args),
    Index(cmd::index::Args),
    Review(cmd::review::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = cmd::Context {
        dir: cli.dir,
        quiet: cli.quiet,
    };
    let result = match &cli.command {
        Command::Init(a) => cmd::init::run(a, &ctx),
        Command::Import(a) => cmd::import::run(a, &ctx),
        Command::Search(a) => cmd::search::run(a, &ctx),
        Command::Status(a) => cmd::status::run(a, &ctx),
        Command::Index(a) => cmd::index::run(a, &ctx),
        Command::Review(a) => cmd::review::run(a, &ctx),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quire: {e:#}");
            ExitCode::from(2)
        }
    }
}
