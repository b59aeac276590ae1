//! No input makes the readers panic: every fixture, cut short at many
//! points and with bytes flipped, inserted and deleted, goes through every
//! reader. The mutations are pseudo-random but seeded, so a failure
//! reproduces.

use quire_ingest::{read_bytes, Format};
use std::path::PathBuf;

const FORMATS: [Format; 11] = [
    Format::Bibtex,
    Format::Ris,
    Format::Medline,
    Format::Table,
    Format::CslJson,
    Format::OpenAlexJsonl,
    Format::Markdown,
    Format::Text,
    Format::Html,
    Format::Pdf,
    Format::Docx,
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 => out.truncate(at),
            1 if at < out.len() => out[at] = rng.next() as u8,
            2 => {
                let pool = b"{}[]\"\\@\n\r-,:\x00\xff";
                out.insert(at, pool[rng.below(pool.len())]);
            }
            3 if at < out.len() => {
                out.remove(at);
            }
            _ => {
                let end = (at + rng.below(64)).min(out.len());
                let chunk = out[at..end].to_vec();
                out.splice(at..at, chunk);
            }
        }
    }
    out
}

fn fixtures() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for original in fixtures() {
        for round in 0..40 {
            let bytes = if round == 0 {
                original.clone()
            } else {
                mutate(&original, &mut rng)
            };
            for format in FORMATS {
                // Both outcomes are fine; a panic fails the test.
                let _ = read_bytes(format, &bytes, "mutated", &mut |_| {});
                runs += 1;
            }
        }
    }
    assert!(runs > 1000);
}

#[test]
fn every_prefix_of_small_fixtures() {
    for original in fixtures().into_iter().filter(|f| f.len() < 2000) {
        for cut in 0..original.len() {
            for format in [
                Format::Bibtex,
                Format::Ris,
                Format::Medline,
                Format::Table,
                Format::CslJson,
                Format::OpenAlexJsonl,
                Format::Markdown,
            ] {
                let _ = read_bytes(format, &original[..cut], "prefix", &mut |_| {});
            }
        }
    }
}
