#!/usr/bin/env bash
# Rebuild the shipped reference-parsing model (models/refparse/model.crfsuite)
# and its word lists (crates/quire-cite/data/lexicons/): about ten minutes on
# one core.
#
#   bash models/refparse/train.sh [DATA_DIR]      # default ../shared/data/refparse
#
# Training data: the AnyStyle train split (BSD-2-Clause) plus 400 synthetic
# APA 7 references rendered from that split's own field values by
# eval/refparse/make_apa_train.py (think-tank reports with their genre,
# chapters in edited books, news items, PDF damage). Word lists: the AnyStyle
# train split and its extra.jsonl. Never a test split, never CORA.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
mkdir -p target
SYNTHETIC=target/refparse-apa-synthetic.jsonl
python3 eval/refparse/make_apa_train.py "$DATA/anystyle/train.jsonl" --n "${APA_N:-400}" --seed 7 > "$SYNTHETIC"
cargo run -q -p quire-cite --release --example train_refparse -- "$DATA" \
  --datasets anystyle --lexicon-datasets anystyle,anystyle/extra \
  --extra "$SYNTHETIC" --iterations "${ITER:-150}" ${C1:+--c1 "$C1"}
