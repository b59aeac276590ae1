#!/usr/bin/env bash
# Accuracy of quire-cite's reference parser: field-level F1 (exact segment
# match after whitespace normalisation, micro-averaged over labels with at
# least 10 gold fields, `other` excluded) and speed (references/s, labelling
# on one core), on the shared test splits and on our APA held-out set.
#
#   bash eval/refparse/run.sh [DATA_DIR]      # default ../shared/data/refparse
#
# The shipped model (models/refparse/model.crfsuite, trained by
# models/refparse/train.sh on the AnyStyle train split and synthetic APA
# references rendered from it) is scored on AnyStyle, on CORA (cross-domain: CORA is LGPL,
# evaluation only, never trained on) and on apa_heldout.jsonl (and, for
# reference, on apa_dev.jsonl, the APA set the training choices were tuned
# on). GROBID gets an in-domain model trained on its own train split
# (eval/refparse/out/, not shipped), with word lists built from the GROBID train split only
# (out/grobid.lex/); that takes a quarter of an hour on one core:
# SKIP_TRAIN=1 reuses out/grobid.crfsuite and out/grobid.lex/.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
OUT=eval/refparse/out
mkdir -p "$OUT"
cargo build --release -q -p quire-cite --features c-trainer --examples
BIN=target/release/examples

if [ "${SKIP_TRAIN:-0}" != 1 ]; then
  for ds in grobid; do
    "$BIN/train_refparse" "$DATA" --datasets "$ds" --lexicons-out "$OUT/$ds.lex" --iterations "${ITER:-150}" ${LIMIT:+--limit "$LIMIT"} --out "$OUT/$ds.crfsuite"
  done
fi

# STACKED_GROBID=1: also a second stage for the in-domain GROBID model
# (4 fold models two at a time, then stage 2: about 75 minutes on two cores).
if [ "${STACKED_GROBID:-0}" = 1 ]; then
  G=(--datasets grobid --iterations "${ITER:-150}" --fold-dir "$OUT/grobid-folds")
  "$BIN/train_refparse" "$DATA" "${G[@]}" --lexicons-out "$OUT/grobid.lex.a" --train-folds 0,1 &
  FOLDS=$!
  "$BIN/train_refparse" "$DATA" "${G[@]}" --lexicons-out "$OUT/grobid.lex.b" --train-folds 2,3
  wait "$FOLDS"
  "$BIN/train_refparse" "$DATA" "${G[@]}" --lexicons-out "$OUT/grobid.lex.a" --skip-stage-one --stage-two "$OUT/grobid-stage2.crfsuite"
fi

{
  echo "## GROBID in-domain model (train split → test split)"
  "$BIN/eval_refparse" --model "$OUT/grobid.crfsuite" --lexicons "$OUT/grobid.lex" --test "$DATA/grobid/test.jsonl" --json "$OUT/grobid-indomain.json"
  if [ -f "$OUT/grobid-stage2.crfsuite" ]; then
    echo "## GROBID in-domain model, both stages"
    "$BIN/eval_refparse" --model "$OUT/grobid.crfsuite" --lexicons "$OUT/grobid.lex" --stage-two "$OUT/grobid-stage2.crfsuite" --test "$DATA/grobid/test.jsonl" --json "$OUT/grobid-indomain-stacked.json"
  fi
  echo "## shipped model"
  "$BIN/eval_refparse" --test "$DATA/anystyle/test.jsonl" --json "$OUT/anystyle-shipped.json"
  "$BIN/eval_refparse" --test "$DATA/cora/test.jsonl" --map cora --json "$OUT/cora-shipped.json"
  "$BIN/eval_refparse" --test eval/refparse/apa_heldout.jsonl --json "$OUT/apa-shipped.json"
  echo "## shipped model, both stages (quire cite parse --stacked)"
  "$BIN/eval_refparse" --stacked --test "$DATA/anystyle/test.jsonl" --json "$OUT/anystyle-stacked.json"
  "$BIN/eval_refparse" --stacked --test "$DATA/cora/test.jsonl" --map cora --json "$OUT/cora-stacked.json"
  "$BIN/eval_refparse" --stacked --test eval/refparse/apa_heldout.jsonl --json "$OUT/apa-stacked.json"
  echo "## shipped model on the APA development set (tuned on: not a test score)"
  "$BIN/eval_refparse" --test eval/refparse/apa_dev.jsonl --json "$OUT/apa-dev-shipped.json"
} | tee "$OUT/results.md"
