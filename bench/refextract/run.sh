#!/usr/bin/env bash
# Run the peer reference parser, Python refextract 1.1.7, on the test splits
# quire-cite is evaluated on, with the same value-level metric.
#
#   bash bench/refextract/run.sh [DATA_DIR] [LIMIT]
#
# DATA_DIR defaults to ../shared/data/refparse; LIMIT (e.g. 200) scores the
# first N references of each split only — refextract parses ~10–16
# references/s, so the full GROBID split takes minutes. Writes
# bench/refextract/results.jsonl. Compare with quire-cite's value-level
# table from `bash eval/refparse/run.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
LIMIT=${2:-0}
VENV=${VENV:-target/venv-refextract}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q refextract==1.1.7
fi
FILES="$DATA/anystyle/test.jsonl,$DATA/grobid/test.jsonl,$DATA/cora/test.jsonl,eval/refparse/apa_heldout.jsonl"
"$VENV/bin/python" bench/refextract/run.py "$FILES" "$LIMIT" | tee bench/refextract/results.jsonl
