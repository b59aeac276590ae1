#!/usr/bin/env bash
# Benchmark of the synthesis stage (quire-synthesis alone; passages are cut
# and coded by the example's stand-in coder, not by quire-code).
#   1. the afpak example review (51 documents), median of 9 runs;
#   2. 10,000 documents resampled from it (about 390,000 passages), median of 3 runs.
# Usage: bash crates/quire-synthesis/bench/run.sh   (from the workspace root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
cargo build --release -q -p quire-synthesis --example synth_bench
bin=target/release/examples/synth_bench
"$bin" examples/afpak --runs 9
"$bin" examples/afpak --docs 10000 --runs 3
