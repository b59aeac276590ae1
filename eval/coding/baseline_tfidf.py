"""Supervised-only baseline for eval/coding: TF-IDF word 1-2-grams and a
class-balanced logistic regression (scikit-learn), one per category, no
codebook. Same protocol as the trained mode of eval_coding: 2-fold cross
validation repeated 5 times (pooled counts), on all labels and on the dev
half. Shows what the hand labels alone can teach at this size.

    pip install scikit-learn
    python3 eval/coding/baseline_tfidf.py      # from the repository root
"""
import csv
import re
import subprocess
import glob

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

CATS = ["historical_background", "threat_landscape", "strategic_interests",
        "cooperation_initiatives", "regional_actors", "challenges_opportunities"]


def passages():
    files = sorted(glob.glob("examples/afpak/sources/*.md"))
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "quire-code", "--release", "--example", "passages", "--", *files],
        check=True, capture_output=True, text=True).stdout
    found = {}
    for block in re.split(r"\n(?=## )", out):
        m = re.match(r"## (\S+) #(\d+) \[.*?\] words=\d+ heading=.*\n", block)
        if m:
            found[(m.group(1), int(m.group(2)))] = block[m.end():].strip()
    return found


def labels(found):
    texts, gold, dev = [], [], []
    for name in ["labels.csv", "labels-round2.csv"]:
        with open(f"eval/coding/{name}") as f:
            for row in csv.DictReader(f):
                key = (row["work_id"], int(row["passage"]))
                texts.append(found[key])
                gold.append([c in row["categories"].split(";") for c in CATS])
                dev.append(key[1] % 16 < 8)
    return np.array(texts, dtype=object), np.array(gold), np.array(dev)


def cross_validate(texts, gold, idx, c_reg):
    rng = np.random.RandomState(42)
    tp, fp, fn = np.zeros(6), np.zeros(6), np.zeros(6)
    for _ in range(5):
        order = rng.permutation(idx)
        a, b = order[: len(order) // 2], order[len(order) // 2:]
        for train, test in [(a, b), (b, a)]:
            vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
            x_train, x_test = vec.fit_transform(texts[train]), vec.transform(texts[test])
            for c in range(6):
                model = LogisticRegression(C=c_reg, class_weight="balanced", max_iter=2000)
                model.fit(x_train, gold[train, c])
                p = model.predict(x_test)
                y = gold[test, c]
                tp[c] += ((p == 1) & (y == 1)).sum()
                fp[c] += ((p == 1) & (y == 0)).sum()
                fn[c] += ((p == 0) & (y == 1)).sum()
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    return f1


def main():
    texts, gold, dev = labels(passages())
    everything = np.arange(len(texts))
    for name, idx in [("all", everything), ("dev", everything[dev])]:
        f1 = cross_validate(texts, gold, idx, 1.0)
        cells = " | ".join(f"{f:.2f}" for f in f1)
        print(f"| 2-fold x5, {name} | {cells} | **{f1.mean():.3f}** |")


if __name__ == "__main__":
    main()
