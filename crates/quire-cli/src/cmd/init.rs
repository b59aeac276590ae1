//! `quire init DIR`: scaffold a review.

use super::Context;
use anyhow::{bail, Context as _, Result};
use std::path::PathBuf;

/// Create a review: a commented review.toml, sources/ and .quire/.
///
/// Example: quire init myreview
#[derive(clap::Args)]
#[command(after_help = "Example:\n  quire init myreview && cp ~/Downloads/*.bib myreview/sources/")]
pub struct Args {
    /// The folder to create (or to fill, if it exists without a review.toml).
    pub dir: PathBuf,
}

pub const TEMPLATE: &str = include_str!("review.toml.template");

pub fn run(args: &Args, _ctx: &Context) -> Result<u8> {
    let protocol = args.dir.join("review.toml");
    if protocol.exists() {
        bail!("{}: already exists; not overwriting", protocol.display());
    }
    for sub in ["sources", ".quire", "out"] {
        let d = args.dir.join(sub);
        std::fs::create_dir_all(&d).with_context(|| format!("{}: cannot create", d.display()))?;
    }
    std::fs::write(&protocol, TEMPLATE)
        .with_context(|| format!("{}: cannot write", protocol.display()))?;
    println!(
        "created {} (edit review.toml, put your files in sources/, then `quire import`)",
        args.dir.display()
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_is_a_valid_protocol() {
        let p = quire_model::Protocol::from_toml_str(super::TEMPLATE, "template").unwrap();
        assert_eq!(p.categories.len(), 2);
    }

    #[test]
    fn official_publishers_and_authors_are_primary_by_default() {
        use quire_model::{Person, SourceType, Work};
        let p = quire_model::Protocol::from_toml_str(super::TEMPLATE, "template").unwrap();
        let classify = |work: Work| p.source_types.classify(&work).0;
        let briefing = Work {
            publisher: Some("The White House Briefing Room".into()),
            ..Default::default()
        };
        let government = Work {
            authors: vec![Person::organisation("Government of Pakistan")],
            ..Default::default()
        };
        let think_tank = Work {
            publisher: Some("International Crisis Group".into()),
            ..Default::default()
        };
        assert_eq!(classify(briefing), SourceType::Primary);
        assert_eq!(classify(government), SourceType::Primary);
        assert_eq!(classify(think_tank), SourceType::Secondary);
    }
}
