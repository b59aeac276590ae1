#!/usr/bin/env python3
"""Carve a development split out of each TRAINING split, for tuning features
and L-BFGS settings without ever looking at a test split.

    python3 eval/refparse/make_dev.py [DATA_DIR] [OUT_DIR]
    # default ../shared/data/refparse -> eval/refparse/out/dev

Writes OUT_DIR/{anystyle,grobid}/{train,test}.jsonl, where "test" is the dev
part (so the training and evaluation examples take OUT_DIR as a data dir).
Deterministic: AnyStyle references are ranked by sha1(text), GROBID source
documents by sha1(file name) (whole documents go to dev, as in the shared
split), and the first ~15 % go to dev.
"""
import hashlib
import json
import os
import sys

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/refparse"
out = sys.argv[2] if len(sys.argv) > 2 else "eval/refparse/out/dev"


def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def source_of(rec):
    # "grobid:corpus/FILE.xml:7" -> "corpus/FILE.xml"
    return rec["id"].rsplit(":", 1)[0]


for ds, key in [("anystyle", lambda r: sha(r["text"])), ("grobid", lambda r: sha(source_of(r)))]:
    with open(os.path.join(data, ds, "train.jsonl"), encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    recs = [json.loads(l) for l in lines]
    target = round(0.15 * len(recs))
    keys = sorted({key(r) for r in recs})
    dev_keys, n = set(), 0
    by_key = {}
    for r in recs:
        by_key[key(r)] = by_key.get(key(r), 0) + 1
    for k in keys:
        if n >= target:
            break
        dev_keys.add(k)
        n += by_key[k]
    os.makedirs(os.path.join(out, ds), exist_ok=True)
    with open(os.path.join(out, ds, "train.jsonl"), "w", encoding="utf-8") as tr, open(
        os.path.join(out, ds, "test.jsonl"), "w", encoding="utf-8"
    ) as dv:
        for l, r in zip(lines, recs):
            (dv if key(r) in dev_keys else tr).write(l if l.endswith("\n") else l + "\n")
    print(f"{ds}: {len(recs) - n} train, {n} dev")
