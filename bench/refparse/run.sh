#!/usr/bin/env bash
# Reference-parsing speed, one core (taskset), median of 7 passes.
#   bash bench/refparse/run.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/refparse}
cargo build --release -q -p quire-cite --example bench_refparse
{
  echo "# first stage (the default labeller)"
  for f in "$DATA/anystyle/test.jsonl" "$DATA/grobid/test.jsonl" eval/refparse/apa_heldout.jsonl; do
    taskset -c 0 target/release/examples/bench_refparse "$f"
  done
  echo "# both stages (quire cite parse --stacked)"
  for f in "$DATA/anystyle/test.jsonl" "$DATA/grobid/test.jsonl" eval/refparse/apa_heldout.jsonl; do
    taskset -c 0 target/release/examples/bench_refparse "$f" --stacked
  done
} | tee bench/refparse/results.txt
