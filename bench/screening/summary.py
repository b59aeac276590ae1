#!/usr/bin/env python3
"""Summarise the screening benchmark: quire vs ASReview, mean over seeds.

  summary.py --results DIR --datasets A B ...   print the side-by-side table
  summary.py --asreview-json M.json --seconds S  convert `asreview metrics`
                                                 output to quire's JSON keys
"""
import argparse, glob, json, os, statistics


def from_asreview(path, seconds):
    items = {i["id"]: i["value"] for i in json.load(open(path))["data"]["items"]}
    wss = dict((round(k, 4), v) for k, v in items["wss"])
    recall = dict((round(k, 4), v) for k, v in items["recall"])
    tp = items["tp"]  # [[recall level, tp]] — n@r comes from time to discovery
    td = sorted(v for _, v in items["td"])
    n_pos = len(td)
    import math
    need95 = math.ceil(0.95 * n_pos - 1e-9)
    return {"wss@95": wss[0.95], "wss@100": wss[1.0], "recall@10%": recall[0.1],
            "n@95": td[need95 - 1], "n@100": td[-1], "seconds": float(seconds)}


def load(results, tool, ds):
    runs = []
    for f in sorted(glob.glob(os.path.join(results, f"{tool}_{ds}_*.json"))):
        if f.endswith("metrics.json"):
            continue
        try:
            d = json.load(open(f))
        except (json.JSONDecodeError, OSError):
            continue
        runs.append(d)
    return runs


def mean(runs, key):
    vals = [r[key] for r in runs if key in r]
    return statistics.mean(vals) if vals else None


def fmt(v, digits=3):
    return "—" if v is None else f"{v:.{digits}f}"


def table(results, datasets):
    keys = ["wss@95", "wss@100", "recall@10%", "n@95", "n@100", "seconds"]
    print(f"{'dataset':34} {'tool':9} {'runs':>4} " + " ".join(f"{k:>10}" for k in keys))
    diffs = []
    for ds in datasets:
        row = {}
        for tool in ["quire", "asreview"]:
            runs = load(results, tool, ds)
            done = [r for r in runs if "wss@95" in r]
            timeouts = [r for r in runs if "timeout" in r]
            row[tool] = mean(done, "wss@95")
            note = f"  ({len(timeouts)} timed out after {timeouts[0]['timeout']} s)" if timeouts else ""
            print(f"{ds:34} {tool:9} {len(done):>4} "
                  + " ".join(f"{fmt(mean(done, k), 1 if k.startswith('n@') or k == 'seconds' else 3):>10}" for k in keys)
                  + note)
        if row["quire"] is not None and row["asreview"] is not None:
            diffs.append(row["quire"] - row["asreview"])
            print(f"{'':34} quire − ASReview WSS@95: {row['quire'] - row['asreview']:+.3f}")
    if diffs:
        print(f"mean WSS@95 difference over {len(diffs)} datasets: {statistics.mean(diffs):+.3f}")
    syn = os.path.join(results, "synthetic_1m.json")
    if os.path.exists(syn) and os.path.getsize(syn) > 0:
        print("1M synthetic:", open(syn).read().strip())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--results")
    ap.add_argument("--datasets", nargs="*")
    ap.add_argument("--asreview-json")
    ap.add_argument("--seconds")
    a = ap.parse_args()
    if a.asreview_json:
        print(json.dumps(from_asreview(a.asreview_json, a.seconds)))
    else:
        table(a.results, a.datasets)
