#!/usr/bin/env bash
# Rebuild the shipped reference-parsing models — the first stage
# (models/refparse/model.crfsuite), the stacked second stage
# (models/refparse/stage2.crfsuite, trained on the first stage's labels of
# the training references, out of 4 folds) — and the word lists
# (crates/quire-cite/data/lexicons/): about 30 minutes on two cores (the
# fold models train two at a time).
#
#   bash models/refparse/train.sh [DATA_DIR]      # default ../shared/data/refparse
#
# Training data: the AnyStyle train split (BSD-2-Clause), the curated part
# of AnyStyle's extra references (`good.xml`, 4,337 references, same
# licence; eval/refparse/make_good.py) and 2,400 synthetic APA 7 references
# rendered from the train split's own field values by
# eval/refparse/make_apa_train.py (think-tank reports with their genre,
# chapters in edited books, news items, PDF damage). Word lists: the AnyStyle
# train split and its extra.jsonl. Never a test split, never CORA.
#
# Training runs in CRFsuite itself (quire-cite's `c-trainer` feature, the
# `crfsuite` crate): building it needs cmake (`apt-get install cmake`).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
mkdir -p target
SYNTHETIC=target/refparse-apa-synthetic.jsonl
python3 eval/refparse/make_apa_train.py "$DATA/anystyle/train.jsonl" --n "${APA_N:-2400}" --seed 7 > "$SYNTHETIC"
GOOD=target/refparse-anystyle-good.jsonl
python3 eval/refparse/make_good.py "$DATA/anystyle/extra.jsonl" > "$GOOD"
cargo build -q -p quire-cite --release --features c-trainer --example train_refparse
TRAIN=target/release/examples/train_refparse
COMMON=(--datasets anystyle --extra "$SYNTHETIC" --extra "$GOOD" --iterations "${ITER:-150}" ${C1:+--c1 "$C1"})
"$TRAIN" "$DATA" "${COMMON[@]}" --lexicon-datasets anystyle,anystyle/extra
# Stage two: fold models (two processes), then the second stage, with the
# word lists just written compiled in.
cargo build -q -p quire-cite --release --features c-trainer --example train_refparse
rm -rf target/refparse-folds
"$TRAIN" "$DATA" "${COMMON[@]}" --no-lexicons --train-folds 0,1 &
FOLDS=$!
"$TRAIN" "$DATA" "${COMMON[@]}" --no-lexicons --train-folds 2,3
wait "$FOLDS"
"$TRAIN" "$DATA" "${COMMON[@]}" --no-lexicons --skip-stage-one --stage-two models/refparse/stage2.crfsuite
