#!/usr/bin/env bash
# Import-and-search benchmark of issue 2 (not run by CI or tests).
#
#   bash bench/import/run.sh            # everything (~15 min on 2 cores)
#   RUNS=1 bash bench/import/run.sh     # one pass of the repeated steps
#
# 1. generates (once) 1M CSL-JSON records in 10 files and 100k RIS/BibTeX
#    records under bench/data/import/ (python3 bench/import/gen.py);
# 2. `quire import` of the 1M into a fresh review, release binary, under
#    /usr/bin/time -v: wall time, records/s, peak RSS; progress lines are
#    time-stamped to see which phase takes the time;
# 3. search latency over 1,000 mixed queries on the index that import
#    built (crates/quire-index/examples/query_latency.rs);
# 4. peers: rispy and bibtexparser v2 (venv bench/.venv) parsing the 100k
#    RIS and BibTeX, against `quire import` of the same file into a fresh
#    review (parse + dedup + SQLite + index) and quire's parse-only rate
#    (the parse_rate example of quire-ingest, on its own in-memory 100k).
#
# Logs and a summary go to bench/import/results/ (the summary is committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DATA=$ROOT/bench/data/import
OUT=$ROOT/bench/import/results
RUNS=${RUNS:-3}
# QUIRE=path uses another build of the binary (e.g. a copy, while others
# rebuild target/); SKIP_BUILD=1 skips cargo.
QUIRE=${QUIRE:-$ROOT/target/release/quire}
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall seconds and peak RSS (MB) from a /usr/bin/time -v file.
wall_secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.0f\n", $2/1024}' "$1"; }
cpu_secs() { awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.1f\n", s}' "$1"; }
# Progress lines, stamped with the clock and the CPU seconds the importer
# has used so far (its pid is the child of /usr/bin/time, in $OUT/.timepid),
# so that phases can be compared even when other jobs load the machine.
stamp() {
  while IFS= read -r line; do
    pid=$(pgrep -n -P "$(cat "$OUT/.timepid" 2>/dev/null || echo 0)" 2>/dev/null || true)
    cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat" 2>/dev/null || true)
    printf '%(%H:%M:%S)T cpu %6ss  %s\n' -1 "${cpu:-?}" "$line"
  done
}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

say "== quire import-and-search benchmark, $(date -u +%FT%TZ), $(git rev-parse --short HEAD)"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); load before: $(uptime | sed 's/.*load average: //')"

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release -q -p quire-cli
  cargo build --release -q -p quire-index --example query_latency
  cargo build --release -q -p quire-ingest --example parse_rate
fi

if [ ! -f "$DATA/peers/records.bib" ] || [ "$(ls "$DATA"/csl/works-*.json 2>/dev/null | wc -l)" -ne 10 ]; then
  /usr/bin/time -f "generated in %e s" python3 bench/import/gen.py --out "$DATA"
fi
say "data: $(du -sh "$DATA/csl" | cut -f1) CSL-JSON in $(ls "$DATA"/csl | wc -l) files; RIS $(du -h "$DATA/peers/records.ris" | cut -f1), BibTeX $(du -h "$DATA/peers/records.bib" | cut -f1)"

# --- 2. import 1M ---------------------------------------------------------
REVIEW=$DATA/review
rm -rf "$REVIEW"
"$QUIRE" init "$REVIEW" >/dev/null
sync
say "load before import: $(uptime | sed 's/.*load average: //')"
/usr/bin/time -v -o "$OUT/import-1m.time" "$QUIRE" -C "$REVIEW" import "$DATA/csl" \
  >"$OUT/import-1m.out" 2> >(stamp >"$OUT/import-1m.progress") &
echo $! >"$OUT/.timepid"
wait $!
sleep 1
rm -f "$OUT/.timepid"
"$QUIRE" -C "$REVIEW" status --format json >"$OUT/status-1m.json"
secs=$(wall_secs "$OUT/import-1m.time")
records=$(grep -o '[0-9]* records read' "$OUT/import-1m.out" | cut -d' ' -f1)
say "import 1M: $(head -1 "$OUT/import-1m.out")"
say "import 1M: ${secs} s wall, $(awk -v r="$records" -v s="$secs" 'BEGIN {printf "%.0f", r/s}') records/s, peak RSS $(peak_mb "$OUT/import-1m.time") MB, CPU time $(cpu_secs "$OUT/import-1m.time") s (user+sys; $(awk -F': ' '/Percent of CPU/ {print $2}' "$OUT/import-1m.time") of a core over the wall time)"
say "import 1M: on disk $(du -sh "$REVIEW/.quire" | cut -f1) (.quire: $(du -sh "$REVIEW/.quire/index" | cut -f1) index)"
say "import 1M: load after: $(uptime | sed 's/.*load average: //')"

# --- 3. search latency ------------------------------------------------------
target/release/examples/query_latency "$REVIEW/.quire/index" --runs "$RUNS" | tee "$OUT/latency.txt"
say "search: $(tail -1 "$OUT/latency.txt")"

# --- 4. peers -----------------------------------------------------------------
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q rispy 'bibtexparser>=2.0.0b' --pre
fi
for f in ris bib; do
  times=()
  cpus=()
  for run in $(seq "$RUNS"); do
    r=$DATA/review-$f
    rm -rf "$r"
    "$QUIRE" init "$r" >/dev/null
    /usr/bin/time -v -o "$OUT/import-$f.time" "$QUIRE" -q -C "$r" import "$DATA/peers/records.$f" >"$OUT/import-$f.out"
    times+=("$(wall_secs "$OUT/import-$f.time")")
    cpus+=("$(cpu_secs "$OUT/import-$f.time")")
  done
  med=$(printf '%s\n' "${times[@]}" | median)
  records=$(grep -o '[0-9]* records read' "$OUT/import-$f.out" | cut -d' ' -f1)
  say "quire import records.$f: $(head -1 "$OUT/import-$f.out")"
  say "quire import records.$f: median ${med} s of ${times[*]} = $(awk -v r="$records" -v s="$med" 'BEGIN {printf "%.0f", r/s}') records/s, peak RSS $(peak_mb "$OUT/import-$f.time") MB; CPU median $(printf '%s\n' "${cpus[@]}" | median) s of ${cpus[*]}"
  rm -rf "$DATA/review-$f"
done
for fmt in ris bibtex; do
  QUIRE_BENCH_ONLY=$fmt target/release/examples/parse_rate 100000 "$RUNS" | tee "$OUT/parse-only-$fmt.txt"
  say "quire parse only ($fmt, parse_rate example, 100k in memory): $(tail -1 "$OUT/parse-only-$fmt.txt" | awk '{print $2}') records/s"
done
bench/.venv/bin/python bench/import/peers.py "$DATA/peers/records.ris" "$DATA/peers/records.bib" --runs "$RUNS" | tee "$OUT/peers.txt"
while read -r line; do say "peer: $line"; done <"$OUT/peers.txt"
say "load at the end: $(uptime | sed 's/.*load average: //')"
