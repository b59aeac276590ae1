#!/usr/bin/env python3
"""Parse rate of the Python readers a user would otherwise use, on the
benchmark's RIS and BibTeX files: `rispy` (the RIS reader of ASReview) and
`bibtexparser` v2 with its default parse stack, exactly as their READMEs
call them. Parse only: the file is read from disk (page cache) into
entries in memory; nothing is stored.

    bench/.venv/bin/python bench/import/peers.py RIS BIB [--runs N]

Prints one line per peer: median wall seconds over N runs, records/s, and
the record count (checked against the file's record count).
"""

import argparse
import statistics
import time

import bibtexparser
import rispy


def time_rispy(path):
    start = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        entries = rispy.load(f)
    return time.perf_counter() - start, len(entries)


def time_bibtexparser(path):
    start = time.perf_counter()
    library = bibtexparser.parse_file(path)
    return time.perf_counter() - start, len(library.entries)


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
        secs = []
        count = 0
        for _ in range(args.runs):
            s, count = fn(path)
            secs.append(s)
        med = statistics.median(secs)
        print(f"{name:<22} {path}: {count} records, median {med:.2f} s of {args.runs} "
              f"({', '.join(f'{s:.2f}' for s in secs)}), {count / med:.0f} records/s", flush=True)


if __name__ == "__main__":
    main()
