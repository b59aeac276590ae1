#!/usr/bin/env python3
"""The peer of quire-cite's reference parser, run on the same test splits:
Python `refextract` (PyPI), one reference per call, scored with the same
value-level metric as `eval_refparse` prints for quire-cite (see
crates/quire-cite/src/evaluate.rs, `value_scores`): fields author, year,
title, container, volume, pages, doi; values lowercased with only letters
and digits kept; year = its four digits; volume and pages = the first
number; DOIs from "10." on (refextract writes "doi:10…", the gold may
have "https://doi.org/10…"); a predicted (field, value) is correct when an unmatched gold pair
of the same reference is equal.

    bash bench/refextract/run.sh [DATA_DIR] [LIMIT]   # sets up the venv, then runs this

Prints one JSON object per test file: n, seconds, refs/s, per-field P/R/F1.
"""
import json
import re
import sys
import time
from collections import defaultdict

from refextract import extract_references_from_string

GOLD_FIELD = {
    "author": "author", "date": "year", "title": "title", "journal": "container",
    "container-title": "container", "booktitle": "container", "volume": "volume",
    "pages": "pages", "doi": "doi",
}
# refextract's keys → the same fields.
PEER_FIELD = {
    "author": "author", "year": "year", "title": "title", "journal_title": "container",
    "journal_volume": "volume", "journal_page": "pages", "doi": "doi",
}


def value(field, text):
    if field == "year":
        m = re.search(r"(?<!\d)\d{4}(?!\d)", text)
        return m.group(0) if m else None
    if field == "doi":
        # "https://doi.org/10.1/x", "doi:10.1/x": the DOI itself, for both.
        m = re.search(r"10\.\S+", text)
        text = m.group(0) if m else text
    if field in ("volume", "pages"):
        m = re.search(r"\d+", text)
        return m.group(0) if m else None
    v = "".join(c for c in text.lower() if c.isalnum())
    return v or None


def gold_pairs(ref):
    out = []
    for f in ref["fields"]:
        field = GOLD_FIELD.get(f["label"])
        v = value(field, f["text"]) if field else None
        if v:
            out.append((field, v))
    return out


def peer_pairs(text):
    out = []
    for found in extract_references_from_string(text):
        for key, field in PEER_FIELD.items():
            values = found.get(key) or []
            # refextract lists each author apart; the gold author field is
            # the whole author segment, so join them as the string shows.
            if field == "author" and values:
                values = [" ".join(values)]
            for raw in values:
                v = value(field, raw)
                if v:
                    out.append((field, v))
    return out


def score(path, limit):
    refs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    if limit:
        refs = refs[:limit]
    counts = defaultdict(lambda: [0, 0, 0])  # gold, predicted, correct
    start = time.perf_counter()
    for ref in refs:
        gold = gold_pairs(ref)
        pred = peer_pairs(ref["text"])
        unmatched = list(gold)
        for g in gold:
            counts[g[0]][0] += 1
        for p in pred:
            counts[p[0]][1] += 1
            if p in unmatched:
                unmatched.remove(p)
                counts[p[0]][2] += 1
    seconds = time.perf_counter() - start
    fields = {}
    for f, (g, p, c) in sorted(counts.items()):
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        fields[f] = {"P": round(prec, 3), "R": round(rec, 3), "F1": round(f1, 3), "n_gold": g, "n_pred": p}
    return {"file": path, "n": len(refs), "seconds": round(seconds, 2),
            "refs_per_s": round(len(refs) / seconds, 1), "fields": fields}


if __name__ == "__main__":
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for path in sys.argv[1].split(","):
        print(json.dumps(score(path, limit)), flush=True)
