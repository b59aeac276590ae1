//! Stand-alone simulation runner for the benchmark (the same engine as
//! `quire screen --simulate`):
//!
//!     cargo run --release -p quire-screen --example simulate -- FILE [--seed N]...
//!         [--model svm|logistic|nb] [--query max|uncertainty|mixed]
//!         [--prior I,E] [--max-steps N] [--out curve.csv]
//!
//! Prints one JSON object per seed.

use std::path::PathBuf;

use quire_screen::simulate::draw_prior;
use quire_screen::{read_labelled, simulate_records, write_curve, SimulationConfig};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut seeds = Vec::new();
    let mut config = SimulationConfig::default();
    let mut out = None;
    let mut prior_only = false;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => seeds.push(value()?.parse()?),
            "--model" => config.learner.model = value()?.parse()?,
            "--query" => config.learner.query = value()?.parse()?,
            // Tuning knobs (the defaults are quire's settings).
            "--c" => config.learner.solver.svm_c = value()?.parse()?,
            "--lr-c" => config.learner.solver.logistic_c = value()?.parse()?,
            "--nb-alpha" => config.learner.solver.nb_alpha = value()?.parse()?,
            "--epochs" => config.learner.solver.max_epochs = value()?.parse()?,
            "--rows-per-fit" => config.learner.solver.rows_per_fit = value()?.parse()?,
            "--pool" => config.learner.pool_size = value()?.parse()?,
            "--refresh" => config.learner.refresh_every = value()?.parse()?,
            "--tol" => config.learner.solver.tolerance = value()?.parse()?,
            "--ratio" => config.learner.balance_ratio = value()?.parse()?,
            "--presumed" => config.learner.presumed_irrelevant = value()?.parse()?,
            "--presumed-weight" => config.learner.presumed_weight = value()?.parse()?,
            "--min-df" => config.features.min_df = value()?.parse()?,
            "--max-df" => config.features.max_df = value()?.parse()?,
            "--unigrams" => config.features.bigrams = value()? != "1",
            "--max-steps" => config.max_steps = Some(value()?.parse()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            // Only draw the prior (for running another tool on it).
            "--prior-only" => prior_only = true,
            "--prior" => {
                let v = value()?;
                let (i, e) = v.split_once(',').ok_or("--prior wants I,E")?;
                config.prior_included = i.trim().parse()?;
                config.prior_excluded = e.trim().parse()?;
            }
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    let file = file.ok_or("usage: simulate FILE [--seed N]...")?;
    if seeds.is_empty() {
        seeds.push(42);
    }
    let records = read_labelled(&file)?;
    for seed in seeds {
        if prior_only {
            let cfg = SimulationConfig {
                seed,
                ..config.clone()
            };
            let truth: Vec<bool> = records.iter().map(|r| r.label == Some(true)).collect();
            println!(
                "{}",
                serde_json::json!({"seed": seed, "prior": draw_prior(&truth, &cfg)?})
            );
            continue;
        }
        let sim = simulate_records(
            &records,
            &SimulationConfig {
                seed,
                ..config.clone()
            },
        )?;
        if let Some(path) = &out {
            write_curve(path, &sim)?;
        }
        let mut json = serde_json::to_value(sim.metrics)?;
        json["seed"] = seed.into();
        json["file"] = file.display().to_string().into();
        json["records"] = records.len().into();
        json["prior"] = sim.prior.clone().into();
        println!("{json}");
    }
    Ok(())
}
