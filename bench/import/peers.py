#!/usr/bin/env python3
"""Parse rate of the Python readers a user would otherwise use, on the
benchmark's RIS and BibTeX files: `rispy` (the RIS reader of ASReview) and
`bibtexparser` v2 with its default parse stack, exactly as their READMEs
call them. Parse only: the file is read from disk (page cache) into
entries in memory; nothing is stored.

    bench/.venv/bin/python bench/import/peers.py RIS BIB [--runs N]

Prints one line per peer: the record count, median wall seconds over N
runs and records/s, and median CPU seconds (records per CPU second is
the fairer number on a loaded machine).
"""

import argparse
import statistics
import time

import bibtexparser
import rispy


def time_rispy(path):
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as f:
        entries = rispy.load(f)
    return time.perf_counter() - start, time.process_time() - cpu, len(entries)


def time_bibtexparser(path):
    start, cpu = time.perf_counter(), time.process_time()
    library = bibtexparser.parse_file(path)
    return time.perf_counter() - start, time.process_time() - cpu, len(library.entries)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ris")
    ap.add_argument("bib")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    for name, fn, path in (
        (f"rispy {rispy.__version__ if hasattr(rispy, '__version__') else ''}".strip(), time_rispy, args.ris),
        (f"bibtexparser {bibtexparser.__version__}", time_bibtexparser, args.bib),
    ):
        secs, cpus = [], []
        count = 0
        for _ in range(args.runs):
            s, c, count = fn(path)
            secs.append(s)
            cpus.append(c)
        med, cpu = statistics.median(secs), statistics.median(cpus)
        print(f"{name:<22} {path}: {count} records, median {med:.2f} s wall of {args.runs} "
              f"({', '.join(f'{s:.2f}' for s in secs)}), {count / med:.0f} records/s; "
              f"CPU {cpu:.2f} s = {count / cpu:.0f} records/CPU-s", flush=True)


if __name__ == "__main__":
    main()
