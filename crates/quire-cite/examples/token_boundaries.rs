//! How many gold fields a tokenizer can reproduce exactly: a field is
//! reachable only when it starts at a token start and ends at a token end.
//! This is the ceiling of the exact-segment F1 for any labeller over those
//! tokens, so it is checked before blaming features or training.
//!
//!     cargo run -p quire-cite --release --example token_boundaries -- FILE.jsonl [--show N]

use quire_cite::gold::read_jsonl;
use quire_cite::tokenize::tokenize;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args
        .first()
        .ok_or_else(|| anyhow::anyhow!("usage: token_boundaries FILE.jsonl [--show N]"))?;
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let refs = read_jsonl(file.as_ref())?;
    let (mut total, mut reachable, mut shown, mut tokens) = (0usize, 0usize, 0usize, 0usize);
    for r in &refs {
        let toks = tokenize(&r.text);
        tokens += toks.len();
        for (start, end, label) in r.spans() {
            if label == quire_cite::gold::OTHER {
                continue;
            }
            total += 1;
            let starts = toks.iter().any(|t| t.start == start);
            let ends = toks.iter().any(|t| t.end == end);
            if starts && ends {
                reachable += 1;
            } else if shown < show {
                shown += 1;
                println!("{label:>16} {:?}  in  {}", &r.text[start..end], r.text);
            }
        }
    }
    println!(
        "{file}: {reachable}/{total} gold fields on token boundaries ({:.4}); {:.1} tokens/ref",
        reachable as f64 / total.max(1) as f64,
        tokens as f64 / refs.len().max(1) as f64
    );
    Ok(())
}
