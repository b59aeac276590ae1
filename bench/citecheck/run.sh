#!/usr/bin/env bash
# Citation check of long manuscripts: `quire cite check` on generated
# manuscripts of 500, 2,000 and 5,000 works (each cited about twice), one
# core, median of 3 runs. Not run in CI.
#
#     bash bench/citecheck/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
out=bench/data/citecheck
mkdir -p "$out"
for n in 500 2000 5000; do
  python3 bench/citecheck/make_manuscript.py "$n" "$out/manuscript-$n.md"
  times=()
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    taskset -c 0 target/release/quire cite check "$out/manuscript-$n.md" > "$out/check-$n.txt" || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "$n works: $(head -1 "$out/check-$n.txt"); median ${median}s of 3 (${times[*]})"
done
