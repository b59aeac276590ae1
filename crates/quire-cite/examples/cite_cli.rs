//! The `quire cite` CLI glue, built standalone so it can be tried (and
//! tested) without the whole `quire` binary:
//!
//!     cargo run -p quire-cite --example cite_cli -- check draft.md --format json

#[path = "../../quire-cli/src/cmd/cite.rs"]
mod cite;

use clap::Parser;

#[derive(clap::Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: cite::CiteCommand,
}

fn main() {
    let cli = Cli::parse();
    let code = match cite::run(&cli.cmd) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
