#!/usr/bin/env bash
# Accuracy of quire-cite's reference parser: field-level F1 (exact segment
# match after whitespace normalisation, micro-averaged over labels with at
# least 10 gold fields, `other` excluded) and speed (references/s, labelling
# on one core), on the shared test splits and on our APA held-out set.
#
#   bash eval/refparse/run.sh [DATA_DIR]      # default ../shared/data/refparse
#
# In-domain models (one per corpus, trained on its own train split, written
# to eval/refparse/out/, not shipped) give the per-corpus scores; the shipped
# model (models/refparse/model.crfsuite, trained on AnyStyle train + extra)
# is scored on AnyStyle, on CORA (cross-domain: CORA is LGPL, evaluation
# only, never trained on) and on apa_heldout.jsonl. Training the GROBID model
# takes tens of minutes on one core; set SKIP_TRAIN=1 to reuse out/*.crfsuite.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
OUT=eval/refparse/out
mkdir -p "$OUT"
cargo build --release -q -p quire-cite --examples
BIN=target/release/examples

if [ "${SKIP_TRAIN:-0}" != 1 ]; then
  for ds in anystyle grobid; do
    "$BIN/train_refparse" "$DATA" --datasets "$ds" --no-lexicons --iterations 100 --out "$OUT/$ds.crfsuite"
  done
fi

{
  echo "## in-domain models (train split → test split)"
  for ds in anystyle grobid; do
    "$BIN/eval_refparse" --model "$OUT/$ds.crfsuite" --test "$DATA/$ds/test.jsonl" --json "$OUT/$ds-indomain.json"
  done
  echo "## shipped model"
  "$BIN/eval_refparse" --test "$DATA/anystyle/test.jsonl" --json "$OUT/anystyle-shipped.json"
  "$BIN/eval_refparse" --test "$DATA/cora/test.jsonl" --map cora --json "$OUT/cora-shipped.json"
  "$BIN/eval_refparse" --test eval/refparse/apa_heldout.jsonl --json "$OUT/apa-shipped.json"
} | tee "$OUT/results.md"
