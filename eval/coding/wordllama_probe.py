"""WordLlama (l2_supercat, static token embeddings + mean pooling) on quire's
hand-labelled passage-coding set: could a pretrained static sentence
embedding do what the codebook's terms cannot? (Answer in README.md,
"Tried and not kept": no.) From the repository root, ~3 minutes:

    python3 -m venv /tmp/wl && /tmp/wl/bin/pip install wordllama==0.4.0.post1 scikit-learn
    /tmp/wl/bin/python eval/coding/wordllama_probe.py

Loading of passages and labels copied from eval/coding/baseline_tfidf.py.
Experiments: 1 zero-shot (codebook text -> cosine), 2 supervised LR,
3 neighbour-passage context, plus Matryoshka truncation (64/128 dims).
"""
import os
for v in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"]:
    os.environ[v] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import csv
import glob
import re
import subprocess
import sys
import time
from pathlib import Path
import tomllib
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from wordllama import WordLlama

warnings.filterwarnings("ignore")

CATS = ["historical_background", "threat_landscape", "strategic_interests",
        "cooperation_initiatives", "regional_actors", "challenges_opportunities"]
SHORT = ["hist", "threat", "strat", "coop", "region", "chall"]


# ---------------------------------------------------------------- loading
# The passages as the coder cuts them: the same loader as the TF-IDF baseline.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline_tfidf import passages  # noqa: E402

def labels(found):
    keys, gold, dev = [], [], []
    for name in ["labels.csv", "labels-round2.csv"]:
        with open(f"eval/coding/{name}") as f:
            for row in csv.DictReader(f):
                key = (row["work_id"], int(row["passage"]))
                assert key in found
                keys.append(key)
                gold.append([c in row["categories"].split(";") for c in CATS])
                dev.append(key[1] % 16 < 8)
    return keys, np.array(gold), np.array(dev)


def codebook():
    with open("examples/afpak/review.toml", "rb") as f:
        toml = tomllib.load(f)
    cats = {c["id"]: c for c in toml["categories"]}
    return [cats[c] for c in CATS], toml.get("actors", [])


# ---------------------------------------------------------------- metrics
def f1_counts(p, y):
    tp = ((p == 1) & (y == 1)).sum(0)
    fp = ((p == 1) & (y == 0)).sum(0)
    fn = ((p == 0) & (y == 1)).sum(0)
    return tp, fp, fn


def f1_from(tp, fp, fn):
    return 2 * tp / np.maximum(2 * tp + fp + fn, 1)


def f1(p, y):
    return f1_from(*f1_counts(p, y))


def best_threshold(s, y):
    """threshold on scores s maximising F1 for binary y (predict s >= t)."""
    best, bt = -1, None
    cand = np.unique(s)
    for t in cand:
        f = f1((s >= t).astype(int), y.astype(int))
        if f > best:
            best, bt = f, t
    return bt, best


def row(name, f):
    return f"| {name} | " + " | ".join(f"{x:.2f}" for x in f) + f" | **{f.mean():.3f}** |"


HEADER = "| setup | " + " | ".join(SHORT) + " | **macro** |\n|---|" + "---:|" * 7


# ---------------------------------------------------------------- embedding
def load_model(dim=None):
    # wheel 0.4.0.post1 looks for wordllama/tokenizer/ (singular) but ships
    # wordllama/tokenizers/; point cache_dir at symlinks to the bundled files.
    import tempfile
    import wordllama
    package = Path(wordllama.__file__).parent
    cache = Path(tempfile.gettempdir()) / "quire-wordllama-cache"
    cache.mkdir(exist_ok=True)
    for name in ["tokenizers", "weights"]:
        link = cache / name
        if not link.exists():
            link.symlink_to(package / name)
    return WordLlama.load(trunc_dim=dim, disable_download=True, cache_dir=cache)


def normalize(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def with_context(E, order_keys, w):
    """E rows aligned with order_keys (all passages); add w * mean of the
    previous and next passage in the same work, renormalise."""
    pos = {k: i for i, k in enumerate(order_keys)}
    out = E.copy()
    for i, (work, n) in enumerate(order_keys):
        nb = [pos[(work, m)] for m in (n - 1, n + 1) if (work, m) in pos]
        if nb:
            out[i] = E[i] + w * E[nb].mean(0)
    return normalize(out)


# ---------------------------------------------------------------- zero-shot
def clean_term(t):
    return t.replace("*", "")


def embed_weighted(wl, texts, weights, batch=64):
    """mean pooling of WordLlama token vectors weighted per vocabulary id
    (IDF / SIF weighting, computed from the corpus), L2-normalised."""
    out = np.empty((len(texts), wl.embedding.shape[1]), np.float32)
    for i in range(0, len(texts), batch):
        enc = wl.tokenize(texts[i:i + batch])
        ids = np.array([e.ids for e in enc]); mask = np.array([e.attention_mask for e in enc], np.float32)
        np.clip(ids, 0, wl.embedding.shape[0] - 1, out=ids)
        w = weights[ids] * mask
        out[i:i + len(enc)] = (wl.embedding[ids] * w[..., None]).sum(1) / np.maximum(w.sum(1, keepdims=True), 1e-9)
    return normalize(out)


def token_weights(wl, corpus, kind):
    V = wl.embedding.shape[0]
    enc = wl.tokenize(corpus)
    df, tf = np.zeros(V), np.zeros(V)
    for e in enc:
        ids = np.array([i for i, m in zip(e.ids, e.attention_mask) if m])
        np.add.at(tf, ids, 1)
        df[np.unique(ids)] += 1
    if kind == "idf":
        return np.log((len(corpus) + 1) / (df + 1)) + 1
    a = 1e-3   # SIF: a / (a + p(w))
    return a / (a + tf / tf.sum())


class Embedder:
    """wl.embed-compatible wrapper used for codebook queries."""
    def __init__(self, wl, weights):
        self.wl, self.w = wl, weights

    def embed(self, texts, norm=True):
        return embed_weighted(self.wl, texts, self.w)


def zero_shot_scores(wl, E, cats, variant, center=None):
    """cosine scores, shape (n_passages, 6). E normalised. center: vector
    subtracted from passage and query embeddings before cosine (optional)."""
    def prep(x):
        if center is not None:
            x = x - center
        return normalize(x)
    P = prep(E)
    cols = []
    for c in cats:
        desc = f"{c['label']}. {c['definition']}"
        terms = [clean_term(t) for t in c["terms"]]
        if variant == "def":
            q = prep(wl.embed([desc], norm=True))
            cols.append(P @ q[0])
        elif variant == "label":
            q = prep(wl.embed([c["label"]], norm=True))
            cols.append(P @ q[0])
        elif variant == "def+terms":
            q = prep(wl.embed([desc + " " + ", ".join(terms)], norm=True))
            cols.append(P @ q[0])
        elif variant in ("terms-max", "terms-mean", "terms-top3"):
            Q = prep(wl.embed(terms, norm=True))
            S = P @ Q.T
            if variant == "terms-max":
                cols.append(S.max(1))
            elif variant == "terms-mean":
                cols.append(S.mean(1))
            else:
                cols.append(np.sort(S, 1)[:, -3:].mean(1))
        elif variant == "def+terms-max":
            q = prep(wl.embed([desc], norm=True))
            Q = prep(wl.embed(terms, norm=True))
            a, b = P @ q[0], (P @ Q.T).max(1)
            cols.append((a - a.mean()) / a.std() + (b - b.mean()) / b.std())
        else:
            raise ValueError(variant)
    return np.stack(cols, 1)


def eval_zero_shot(S_all, lab_idx, gold, dev):
    """S_all: scores over all 1219 passages. Returns dict of F1 vectors."""
    S = S_all[lab_idx]
    res = {}
    # (a) per-category threshold tuned on dev (maximise F1), scored on test
    th = np.array([best_threshold(S[dev, c], gold[dev, c])[0] for c in range(6)])
    P = (S >= th).astype(int)
    res["thr/cat dev->test"] = f1(P[~dev], gold[~dev])
    res["thr/cat dev (in-sample)"] = f1(P[dev], gold[dev])
    # (b) z-score per category over the whole corpus, one global t tuned on dev
    Z = (S_all - S_all.mean(0)) / S_all.std(0)
    Zl = Z[lab_idx]
    best, bt = -1, None
    for t in np.arange(-1.0, 3.01, 0.05):
        m = f1((Zl[dev] > t).astype(int), gold[dev]).mean()
        if m > best:
            best, bt = m, t
    PZ = (Zl > bt).astype(int)
    res[f"z>{bt:.2f} dev->test"] = f1(PZ[~dev], gold[~dev])
    res[f"z>{bt:.2f} all"] = f1(PZ, gold)
    # (c) rank rule: top-k per passage? (top-2 categories with z>0)
    return res, th, bt


# ---------------------------------------------------------------- supervised
C_GRID = [0.01, 0.03, 0.1, 0.3, 1, 3, 10]


def make_features(kind, tr, te, E, texts, extra=None):
    """returns (X_train, X_test)."""
    parts_tr, parts_te = [], []
    if "emb" in kind:
        sc = StandardScaler().fit(E[tr])
        a, b = sc.transform(E[tr]), sc.transform(E[te])
        if "tfidf" in kind:   # keep emb block comparable in norm to a tf-idf row
            a, b = a / np.sqrt(E.shape[1]), b / np.sqrt(E.shape[1])
        parts_tr.append(sp.csr_matrix(a)), parts_te.append(sp.csr_matrix(b))
    if "tfidf" in kind:
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        parts_tr.append(vec.fit_transform(texts[tr])), parts_te.append(vec.transform(texts[te]))
    if "zs" in kind:
        sc = StandardScaler().fit(extra[tr])
        w = 1.0
        parts_tr.append(sp.csr_matrix(w * sc.transform(extra[tr])))
        parts_te.append(sp.csr_matrix(w * sc.transform(extra[te])))
    return sp.hstack(parts_tr).tocsr(), sp.hstack(parts_te).tocsr()


def tune_C(X, y, seed=0):
    skf = StratifiedKFold(3, shuffle=True, random_state=seed)
    best, bc = -1, 1.0
    for C in C_GRID:
        tp = fp = fn = 0
        for a, b in skf.split(np.zeros(len(y)), y):
            m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(X[a], y[a])
            p = m.predict(X[b])
            tp += ((p == 1) & (y[b] == 1)).sum(); fp += ((p == 1) & (y[b] == 0)).sum(); fn += ((p == 0) & (y[b] == 1)).sum()
        f = 2 * tp / max(2 * tp + fp + fn, 1)
        if f > best:
            best, bc = f, C
    return bc


def fit_predict(kind, tr, te, E, texts, gold, extra=None, fixed_C=None):
    Xtr, Xte = make_features(kind, tr, te, E, texts, extra)
    P = np.zeros((len(te), 6), int)
    for c in range(6):
        C = fixed_C if fixed_C is not None else tune_C(Xtr, gold[tr, c])
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(Xtr, gold[tr, c])
        P[:, c] = m.predict(Xte)
    return P


def supervised(kind, E, texts, gold, dev, extra=None, fixed_C=None):
    idx = np.arange(len(gold))
    tr, te = idx[dev], idx[~dev]
    P = fit_predict(kind, tr, te, E, texts, gold, extra, fixed_C)
    f_split = f1(P, gold[te])
    rng = np.random.RandomState(42)
    tp, fp, fn = np.zeros(6), np.zeros(6), np.zeros(6)
    for _ in range(5):
        order = rng.permutation(idx)
        a, b = order[: len(order) // 2], order[len(order) // 2:]
        for x, y in [(a, b), (b, a)]:
            P = fit_predict(kind, x, y, E, texts, gold, extra, fixed_C)
            t1, t2, t3 = f1_counts(P, gold[y])
            tp += t1; fp += t2; fn += t3
    return f_split, f1_from(tp, fp, fn)


# ---------------------------------------------------------------- main
def main():
    t0 = time.time()
    found = passages()
    order_keys = list(found.keys())
    all_texts = [found[k] for k in order_keys]
    keys, gold, dev = labels(found)
    gold = gold.astype(int)
    pos = {k: i for i, k in enumerate(order_keys)}
    lab_idx = np.array([pos[k] for k in keys])
    texts = np.array([found[k] for k in keys], dtype=object)
    cats, actors = codebook()
    print(f"passages: {len(order_keys)}, labelled: {len(keys)} (dev {dev.sum()}, test {(~dev).sum()})")
    print("positives all:", dict(zip(SHORT, gold.sum(0))))

    # ---- speed (one thread)
    wl = load_model()
    wl.embed(all_texts[:64], norm=True)
    ts = []
    for _ in range(3):
        t = time.perf_counter(); E_all = wl.embed(all_texts, norm=True); ts.append(time.perf_counter() - t)
    ntok = sum(len(e.ids) for e in wl.tokenizer.encode_batch(all_texts, add_special_tokens=False))
    nwords = sum(len(t.split()) for t in all_texts)
    print(f"\nspeed: {len(all_texts)} passages ({nwords} words, {ntok} tokens unpadded) in "
          f"{min(ts):.3f}s best of 3 -> {len(all_texts)/min(ts):.0f} passages/s, "
          f"{ntok/min(ts)/1e3:.0f}k tokens/s (1 thread)")
    t = time.perf_counter(); [wl.embed([x], norm=True) for x in all_texts]; t1 = time.perf_counter() - t
    print(f"speed, one text per call: {len(all_texts)/t1:.0f} passages/s")

    E = {256: E_all}
    for d in (64, 128):
        E[d] = load_model(d).embed(all_texts, norm=True)
    wls = {256: wl, 64: load_model(64), 128: load_model(128)}

    # ---- 1 zero-shot
    print("\n## 1 zero-shot (codebook text -> cosine)\n")
    print(HEADER)
    center = E_all.mean(0)
    zs_best = (-1, None)
    variants = ["label", "def", "def+terms", "terms-max", "terms-mean", "terms-top3", "def+terms-max"]
    zs_scores = {}
    for cen in (False, True):
        for v in variants:
            S_all = zero_shot_scores(wl, E_all, cats, v, center if cen else None)
            zs_scores[(v, cen)] = S_all
            res, th, bt = eval_zero_shot(S_all, lab_idx, gold, dev)
            for name, f in res.items():
                print(row(f"{v}{' centred' if cen else ''}: {name}", f))
            ft = res["thr/cat dev->test"].mean()
            if ft > zs_best[0]:
                zs_best = (ft, (v, cen))
    v, cen = zs_best[1]
    print(f"\nbest zero-shot (dev-tuned thresholds, test macro): {v} centred={cen}  {zs_best[0]:.3f}")
    for d in (64, 128):
        S_all = zero_shot_scores(wls[d], E[d], cats, v, E[d].mean(0) if cen else None)
        res, _, _ = eval_zero_shot(S_all, lab_idx, gold, dev)
        for name, f in res.items():
            print(row(f"{v} dim {d}: {name}", f))
    print("\ncontext (neighbour mean, weight w) on best zero-shot:")
    for w in (0.3, 0.5, 0.8):
        Ec = with_context(E_all, order_keys, w)
        S_all = zero_shot_scores(wl, Ec, cats, v, Ec.mean(0) if cen else None)
        res, _, _ = eval_zero_shot(S_all, lab_idx, gold, dev)
        for name, f in res.items():
            print(row(f"{v} ctx w={w}: {name}", f))

    # ---- 2 supervised
    print("\n## 2 supervised (LR balanced, C tuned by inner 3-fold CV)\n")
    print(HEADER)
    out = []
    ZS = zs_scores[zs_best[1]]
    ZS = ((ZS - ZS.mean(0)) / ZS.std(0))[lab_idx]

    def run(name, kind, Efeat, extra=None, fixed_C=None):
        t = time.time()
        fs, fc = supervised(kind, Efeat, texts, gold, dev, extra, fixed_C)
        print(row(f"{name}: train dev -> test", fs))
        print(row(f"{name}: 2-fold x5 all", fc), f" ({time.time()-t:.0f}s)")
        sys.stdout.flush()
        out.append((name, fs, fc))

    run("tfidf (C=1, = baseline_tfidf)", "tfidf", None, fixed_C=1.0)
    run("tfidf (C tuned)", "tfidf", None)
    for d in (256, 128, 64):
        run(f"emb{d}", "emb", E[d][lab_idx])
    run("emb256+tfidf", "emb+tfidf", E_all[lab_idx])
    run("emb256+zs", "emb+zs", E_all[lab_idx], ZS)
    run("emb256+tfidf+zs", "emb+tfidf+zs", E_all[lab_idx], ZS)

    # ---- 3 context, supervised
    print("\n## 3 context (emb + w * mean(prev,next) in same work), supervised\n")
    print(HEADER)
    for w in (0.3, 0.5, 0.8):
        Ec = with_context(E_all, order_keys, w)
        run(f"emb256 ctx w={w}", "emb", Ec[lab_idx])
    Ec = with_context(E_all, order_keys, 0.5)
    run("emb256 ctx w=0.5 +tfidf", "emb+tfidf", Ec[lab_idx])
    # ---- 4 weighted pooling (not WordLlama's default plain mean)
    print("\n## 4 IDF / SIF-weighted mean pooling of WordLlama token vectors (weights from the 1,219 passages)\n")
    print(HEADER)
    for kind in ("idf", "sif"):
        W = token_weights(wl, all_texts, kind)
        emb = Embedder(wl, W)
        Ew = emb.embed(all_texts)
        for v in ("def+terms", "terms-max", "terms-top3"):
            res, _, _ = eval_zero_shot(zero_shot_scores(emb, Ew, cats, v), lab_idx, gold, dev)
            for name, f in res.items():
                print(row(f"{kind} zero-shot {v}: {name}", f))
        run(f"{kind} emb256", "emb", Ew[lab_idx])
        run(f"{kind} emb256 ctx w=0.3", "emb", with_context(Ew, order_keys, 0.3)[lab_idx])
        run(f"{kind} emb256+tfidf", "emb+tfidf", Ew[lab_idx])
    run("emb256 ctx w=0.3 + zs", "emb+zs", with_context(E_all, order_keys, 0.3)[lab_idx], ZS)
    for d in (128, 64):
        run(f"emb{d} ctx w=0.3", "emb", with_context(E[d], order_keys, 0.3)[lab_idx])

    print(f"\ntotal {time.time()-t0:.0f}s")


if __name__ == "__main__":
    main()
