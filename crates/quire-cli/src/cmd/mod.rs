//! One module per subcommand. Each exposes `Args` (clap) and
//! `run(&Args, &Context) -> anyhow::Result<u8>` returning the exit status.

pub mod cite;
pub mod code;
pub mod import;
pub mod index;
pub mod init;
pub mod report;
pub mod review;
pub mod screen;
mod screen_tui;
pub mod search;
pub mod status;

use anyhow::Result;
use quire_review::ReviewDir;
use std::path::PathBuf;

/// What every command knows: the review it was pointed at, and verbosity.
pub struct Context {
    pub dir: Option<PathBuf>,
    pub quiet: bool,
}

impl Context {
    /// The review named with `-C DIR`, or the one containing the current
    /// directory.
    pub fn review(&self) -> Result<ReviewDir> {
        Ok(match &self.dir {
            Some(d) => ReviewDir::at(d)?,
            None => ReviewDir::find(&std::env::current_dir()?)?,
        })
    }

    pub fn protocol(&self, review: &ReviewDir) -> Result<quire_model::Protocol> {
        Ok(quire_model::Protocol::load(&review.protocol_path())?)
    }
}
