#!/usr/bin/env python3
"""AnyStyle's curated extra references: the `good.xml` part of the shared
data's `anystyle/extra.jsonl` (ids `anystyle-good:*`; BSD-2-Clause like
the rest of AnyStyle's data), as a training file for `train_refparse
--extra`. The `bad` and `ugly` parts are left out: with them the model
was worse (eval/refparse/README.md).

    python3 eval/refparse/make_good.py ../shared/data/refparse/anystyle/extra.jsonl > out/good/extra-good.jsonl
"""
import json
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
kept = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if json.loads(line)["id"].startswith("anystyle-good:"):
            sys.stdout.write(line)
            kept += 1
print(f"{kept} references of the good set", file=sys.stderr)
