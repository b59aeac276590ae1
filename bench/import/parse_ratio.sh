#!/usr/bin/env bash
# Parse rate of quire against its Python peers on the very same files, one
# core, interleaved so that both see the same machine (not run by CI).
#
#   bash bench/import/parse_ratio.sh [ROUNDS]     # default 3 rounds
#
# Each round parses bench/data/import/peers/records.ris with quire
# (`parse_rate --file`, the file held in memory, median of 3 parses) and
# with rispy, then records.bib with quire and bibtexparser v2 (peers.py,
# median of 3 parses each), all pinned to core 1 (`taskset -c 1`). The
# ratio is taken within a round, in records per CPU second; the summary
# gives each round's ratio and their median.
#
# Needs the files and the venv of bench/import/run.sh (it makes them).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
DATA=bench/data/import/peers
OUT=bench/import/results
[ -f "$DATA/records.ris" ] && [ -f "$DATA/records.bib" ] || python3 bench/import/gen.py --out bench/data/import
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q rispy 'bibtexparser>=2.0.0b' --pre
fi
cargo build --release -q -p quire-ingest --example parse_rate
mkdir -p "$OUT"
LOG=$OUT/parse-ratio.txt
echo "== parse ratio, $(date -u +%FT%TZ), $(git rev-parse --short HEAD), load $(uptime | sed 's/.*load average: //')" | tee "$LOG"
per_cpu_s() { grep -o '[0-9]* records/CPU-s' | head -1 | cut -d' ' -f1; }
for round in $(seq "$ROUNDS"); do
  ris=$(taskset -c 1 target/release/examples/parse_rate --file "$DATA/records.ris" 3 | tee -a "$LOG" | per_cpu_s)
  bib=$(taskset -c 1 target/release/examples/parse_rate --file "$DATA/records.bib" 3 | tee -a "$LOG" | per_cpu_s)
  peers=$(taskset -c 1 bench/.venv/bin/python bench/import/peers.py "$DATA/records.ris" "$DATA/records.bib" --runs 3 | tee -a "$LOG")
  rispy=$(echo "$peers" | grep '^rispy' | per_cpu_s)
  btp=$(echo "$peers" | grep '^bibtexparser' | per_cpu_s)
  echo "round $round: RIS quire $ris / rispy $rispy = $(awk -v a="$ris" -v b="$rispy" 'BEGIN {printf "%.1f", a/b}')x; BibTeX quire $bib / bibtexparser $btp = $(awk -v a="$bib" -v b="$btp" 'BEGIN {printf "%.1f", a/b}')x" | tee -a "$LOG"
done
for f in RIS BibTeX; do
  grep '^round' "$LOG" | sed "s/.*$f quire [0-9]* \/ [a-z]* [0-9]* = \([0-9.]*\)x.*/\1/" | sort -g |
    awk -v f="$f" '{a[NR]=$1} END {printf "%s: median ratio %.1fx over %d rounds\n", f, a[int((NR+1)/2)], NR}' | tee -a "$LOG"
done
