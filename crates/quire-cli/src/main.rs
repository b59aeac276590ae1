//! `quire`: a workbench for structured literature reviews.
//!
//! This binary is glue: it parses the command line, finds the review, and
//! calls the library crates. Every subcommand lives in its own module under
//! `cmd/`.

mod cmd;
mod progress;

// mimalloc instead of the system allocator: importing and coding build and
// drop millions of small strings, and glibc's malloc spent a fifth of the
// parse time on them (bench/README.md, "Import and search").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Screen(cmd::screen::Args),
    Code(cmd::code::Args),
    Report(cmd::report::Args),
    Review(cmd::review::Args),
    /// Parse reference lists and check a manuscript's citations.
    #[command(subcommand)]
    Cite(cmd::cite::CiteCommand),
}

/// The helper crates' glue returns i32 statuses; the shell wants 0..=255.
fn exit_code(code: i32) -> u8 {
    u8::try_from(code).unwrap_or(2)
}

/// `quire search … | head` closes the pipe early: end quietly, as other
/// command-line tools do, instead of panicking on the failed print.
#[cfg(unix)]
fn default_sigpipe() {
    // SAFETY: restoring the default disposition of one signal at start-up,
    // before any thread is spawned.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

fn main() -> ExitCode {
    default_sigpipe();
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
        Command::Screen(a) => cmd::screen::run(a, &ctx),
        Command::Code(a) => cmd::code::run(
            a,
            ctx.review().ok().as_ref().map(|r| r.root.as_path()),
            ctx.quiet,
        )
        .map(exit_code),
        Command::Report(a) => cmd::report::run(a, &ctx),
        Command::Review(a) => cmd::review::run(a, &ctx),
        Command::Cite(c) => cmd::cite::run(c).map(exit_code),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("quire: {}", error_message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each cause said once: the library errors
/// write their cause into their own message ("x.ris: cannot read: No
/// such file…") and also keep it as their source, which anyhow's `{:#}`
/// would print a second time.
fn error_message(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    message
}
