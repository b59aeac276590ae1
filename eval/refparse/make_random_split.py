#!/usr/bin/env python3
"""A random (not by-document) 90/10 split of the GROBID train split, to
compare with GROBID's own 10-fold cross-validation anchor, where the
references of one paper fall on both sides.

    python3 eval/refparse/make_random_split.py OUT_DIR [DATA_DIR]
    target/release/examples/train_refparse OUT_DIR --datasets grobid \
        --lexicons-out OUT_DIR/lex --iterations 150 --out OUT_DIR/model.crfsuite
    target/release/examples/eval_refparse --model OUT_DIR/model.crfsuite \
        --lexicons OUT_DIR/lex --test OUT_DIR/grobid/test.jsonl

Writes OUT_DIR/grobid/train.jsonl and test.jsonl (seed 14). Never reads the
test split.
"""
import random
import sys
from pathlib import Path

out = Path(sys.argv[1])
data = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/data/refparse")
lines = (data / "grobid" / "train.jsonl").read_text(encoding="utf-8").splitlines()
random.Random(14).shuffle(lines)
n = len(lines) // 10
(out / "grobid").mkdir(parents=True, exist_ok=True)
(out / "grobid" / "test.jsonl").write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
(out / "grobid" / "train.jsonl").write_text("\n".join(lines[n:]) + "\n", encoding="utf-8")
print(f"{len(lines) - n} train, {n} test references in {out}/grobid/")
