#!/usr/bin/env bash
# Side-by-side screening benchmark: quire vs ASReview 3.0.8 (ELAS u4, its
# default) on the same files, seeds and prior records.
#
#   bench/screening/run.sh                 # everything
#   SKIP_ASREVIEW=1 bench/screening/run.sh # quire only (SKIP_QUIRE, SKIP_SYNTHETIC too)
#   DATASETS="kitchenham_2010" SEEDS="42 1" bench/screening/run.sh
#
# Results go to bench/screening/results/; the summary is printed at the end
# (bench/screening/summary.py). ASReview runs one process per dataset×seed,
# with ASREVIEW_TIMEOUT seconds each (default 900).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${DATA:-/work/shared/data/screening}"
OUT="$HERE/results"
SEEDS="${SEEDS:-42 1 2 3 4}"
DATASETS="${DATASETS:-kitchenham_2010 nagtegaal_2019 synergy_chou_2004 cohen_ace_inhibitors scale_cohen_ace_plus_distractors}"
ASREVIEW_TIMEOUT="${ASREVIEW_TIMEOUT:-900}"
mkdir -p "$OUT"

cargo build --release -q -p quire-screen --example simulate --example synthetic \
  --manifest-path "$ROOT/Cargo.toml"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
SIM="$TARGET/release/examples/simulate"

if [ -z "${SKIP_ASREVIEW:-}" ] && [ ! -x "$HERE/.venv/bin/asreview" ]; then
  python3 -m venv "$HERE/.venv"
  "$HERE/.venv/bin/pip" install -q "asreview==3.0.8" "asreview-insights"
fi

file_of() { # dataset name → path (csv or csv.gz)
  if [ -f "$DATA/$1.csv" ]; then echo "$DATA/$1.csv"; else echo "$DATA/$1.csv.gz"; fi
}

for ds in $DATASETS; do
  [ -n "${SKIP_QUIRE:-}" ] && break
  f="$(file_of "$ds")"
  for seed in $SEEDS; do
    q="$OUT/quire_${ds}_${seed}.json"
    "$SIM" "$f" --seed "$seed" --out "$OUT/quire_${ds}_${seed}_curve.csv" > "$q"
    echo "quire    $ds seed $seed: $(cut -c1-160 "$q")"
  done
done

if [ -z "${SKIP_ASREVIEW:-}" ]; then
  for ds in $DATASETS; do
    f="$(file_of "$ds")"
    if [[ "$f" == *.gz ]]; then
      gunzip -c "$f" > "$OUT/$ds.csv"; f="$OUT/$ds.csv"
    fi
    for seed in $SEEDS; do
      a="$OUT/asreview_${ds}_${seed}"
      [ -s "$a.json" ] && continue
      # The same prior records quire drew for this seed (row numbers).
      prior=$("$SIM" "$(file_of "$ds")" --seed "$seed" --prior-only \
        | python3 -c "import json,sys; print(' '.join(map(str, json.load(sys.stdin)['prior'])))")
      rm -f "$a.asreview"
      start=$(date +%s.%N)
      if timeout "$ASREVIEW_TIMEOUT" "$HERE/.venv/bin/asreview" simulate "$f" \
          --prior-idx $prior --seed "$seed" -o "$a.asreview" > "$a.log" 2>&1; then
        end=$(date +%s.%N)
        "$HERE/.venv/bin/asreview" metrics "$a.asreview" --wss 0.95 1.0 --recall 0.1 \
          -o "$a.metrics.json" --quiet
        python3 "$HERE/summary.py" --asreview-json "$a.metrics.json" \
          --seconds "$(echo "$end - $start" | bc)" > "$a.json"
      else
        echo "{\"timeout\": $ASREVIEW_TIMEOUT}" > "$a.json"
      fi
      echo "asreview $ds seed $seed: $(cat "$a.json")"
    done
  done
fi

[ -z "${SKIP_SYNTHETIC:-}" ] && /usr/bin/time -v "$TARGET/release/examples/synthetic" --records 1000000 --steps 2000 > "$OUT/synthetic_1m.json" \
  2> "$OUT/synthetic_1m.time" || true
python3 "$HERE/summary.py" --results "$OUT" --datasets $DATASETS
