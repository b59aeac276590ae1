//! Encode every passage of a folder of Markdown/text sources, cut as
//! eval/coding cuts them, and print `work<TAB>ordinal<TAB>x1 x2 …` per
//! passage: the embeddings file of `eval_coding`'s `EVAL_EMBEDDINGS`.
//!
//!     cargo run --release -p quire-encode --example embed_passages -- MODEL_DIR examples/afpak/sources > /tmp/afpak.emb
//!     EVAL_EMBEDDINGS=/tmp/afpak.emb cargo run --release -p quire-code --example eval_coding

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [model, sources] = args.as_slice() else {
        return Err("usage: embed_passages MODEL_DIR SOURCES_DIR".into());
    };
    let encoder = quire_encode::SentenceEncoder::load(model)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(sources)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .collect();
    files.sort();
    let started = std::time::Instant::now();
    let mut count = 0;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in &files {
        let id = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path)?;
        for p in quire_code::passages::split_text(&id, &text) {
            let v = encoder.encode(&p.text)?;
            let numbers: Vec<String> = v.iter().map(|x| format!("{x:.6}")).collect();
            writeln!(out, "{id}\t{}\t{}", p.ordinal, numbers.join(" "))?;
            count += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{count} passages of {} files in {secs:.1} s ({:.1} passages/s)",
        files.len(),
        count as f64 / secs
    );
    Ok(())
}
