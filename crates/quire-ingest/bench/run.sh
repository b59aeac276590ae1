#!/usr/bin/env bash
# Parse-rate benchmark of quire-ingest, side by side with Python rispy and
# bibtexparser v2 on the very same generated files.
#   bash crates/quire-ingest/bench/run.sh [N] [REPS]
set -euo pipefail
N=${1:-100000}
REPS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT"
QUIRE_BENCH_DIR="$WORK" cargo run --quiet --release -p quire-ingest --example parse_rate -- "$N" "$REPS"

if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet rispy 'bibtexparser>=2,<3'
fi
echo
"$WORK/venv/bin/python" "$HERE/peers.py" "$WORK" 3
