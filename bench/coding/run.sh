#!/usr/bin/env bash
# Coding benchmark: split and code 10,000 generated documents on one core.
# Prints passages/s (median of 5 runs) for splitting, codebook-mode and
# trained-mode coding. Usage: bench/coding/run.sh [DOCS]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec taskset -c 0 cargo run -q -p quire-code --release --example bench_coding -- "${1:-10000}"
