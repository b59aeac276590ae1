//! How far quire's RIS reader is from the least work any RIS reader does:
//! the same file in memory, three passes interleaved, median of each.
//!
//!     cargo run --release -p quire-ingest --example ris_floor -- FILE.ris [reps]
//!
//! * **scan**: check the bytes are UTF-8, split lines, read each line's
//!   tag and value — no field kept;
//! * **copy**: the scan, plus an owned `String` for every value a Work
//!   keeps (title, each author's family and given name, year, container,
//!   volume, issue, pages, abstract, keywords, DOI, URL, type) — no
//!   cleaning, no names parsed, no ids, no checks;
//! * **quire**: `read_bytes(Format::Ris, …)`, the reader `quire import`
//!   uses, to finished `Work`s.
//!
//! The ratios say what a faster reader could still win: the copy is the
//! floor of any reader that hands on owned records, as quire's store and
//! rispy's dicts both need.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

use quire_ingest::{read_bytes, Format, Item};

/// The fields of a record as owned strings, as a naive reader keeps them.
#[derive(Default)]
struct Copied {
    kind: String,
    title: String,
    authors: Vec<(String, String)>,
    year: Option<i32>,
    fields: Vec<String>,
    keywords: Vec<String>,
}

/// Each line of the file as (tag, value), skipping lines without a tag.
fn tagged_lines(text: &str) -> impl Iterator<Item = (&[u8], &str)> {
    let mut start = 0;
    let lines = memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start.min(end)..end];
            start = end + 1;
            line
        });
    lines.filter_map(|line| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let b = line.as_bytes();
        if b.len() < 5 || &b[2..5] != b"  -" {
            return None;
        }
        Some((&b[..2], line[5..].trim()))
    })
}

/// Count tagged lines and value bytes; the count keeps the loop from being
/// optimised away.
fn scan(bytes: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return 0;
    };
    tagged_lines(text)
        .map(|(tag, value)| usize::from(tag == b"ER") + value.len() % 2)
        .sum()
}

/// Each record is handed to `emit` and dropped there, as quire's reader
/// hands each Work to its caller.
fn copy(bytes: &[u8], emit: &mut dyn FnMut(Copied)) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut rec = Copied::default();
    for (tag, v) in tagged_lines(text) {
        match tag {
            b"TY" => rec.kind = v.to_string(),
            b"TI" | b"T1" => rec.title = v.to_string(),
            b"AU" | b"A1" => {
                let (family, given) = v.split_once(", ").unwrap_or((v, ""));
                rec.authors.push((family.to_string(), given.to_string()));
            }
            b"PY" | b"Y1" => rec.year = v.get(..4).and_then(|y| y.parse().ok()),
            b"T2" | b"JO" | b"JF" | b"VL" | b"IS" | b"SP" | b"EP" | b"AB" | b"N2" | b"DO"
            | b"UR" => rec.fields.push(v.to_string()),
            b"KW" => rec.keywords.push(v.to_string()),
            b"ER" => emit(std::mem::take(&mut rec)),
            _ => {}
        }
    }
}

fn quire(bytes: &[u8]) -> usize {
    let mut n = 0;
    let _ = read_bytes(Format::Ris, bytes, "bench", &mut |item| {
        if let Item::Record(_) = item {
            n += 1;
        }
    });
    n
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: ris_floor FILE.ris [reps]");
        std::process::exit(2);
    };
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let records = quire(&bytes);
    let (mut t_scan, mut t_copy, mut t_quire) = (vec![], vec![], vec![]);
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(scan(&bytes));
        t_scan.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut n = 0;
        copy(&bytes, &mut |rec| n += rec.authors.len());
        std::hint::black_box(n);
        t_copy.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        std::hint::black_box(quire(&bytes));
        t_quire.push(t.elapsed().as_secs_f64());
    }
    let us = |t: f64| t * 1e6 / records.max(1) as f64;
    let (s, c, q) = (
        median(&mut t_scan),
        median(&mut t_copy),
        median(&mut t_quire),
    );
    println!("{path}: {records} records, median of {reps} interleaved passes, one thread");
    println!(
        "  scan  {:6.2} µs/record  {:9.0} records/s",
        us(s),
        records as f64 / s
    );
    println!(
        "  copy  {:6.2} µs/record  {:9.0} records/s",
        us(c),
        records as f64 / c
    );
    println!(
        "  quire {:6.2} µs/record  {:9.0} records/s",
        us(q),
        records as f64 / q
    );
    println!("  quire / copy = {:.2}, quire / scan = {:.2}", q / c, q / s);
}
