#!/usr/bin/env bash
# Benchmark quire-index: bulk indexing throughput, update throughput and
# search latency (p50/p99 over 1,000 mixed queries), median of RUNS runs.
#
#   crates/quire-index/bench/run.sh [DOCS] [RUNS]     (defaults: 100000 3)
#
# The index is written under $TMPDIR and removed afterwards.
set -euo pipefail
DOCS="${1:-100000}"
RUNS="${2:-3}"
cd "$(dirname "$0")/../../.."
cargo run --release -q -p quire-index --example bench_index -- --docs "$DOCS" --runs "$RUNS"
