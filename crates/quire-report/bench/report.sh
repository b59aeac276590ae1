#!/usr/bin/env bash
# Benchmark: time `write_report` (all of out/: HTML, Markdown, CSV, XLSX,
# references in four formats, five SVG charts) on generated reviews of
# 100 and 1000 works (10 passages and 20 codings per work). Prints the
# median of 5 runs for each size. Usage: bench/report.sh [PROFILE]
# (PROFILE = release by default; `dev` builds faster).
set -euo pipefail
cd "$(dirname "$0")/../../.."
profile="${1:-release}"
for n in 100 1000; do
  cargo run -q --profile "$profile" -p quire-report --example bench_report -- "$n" 5
done
