#!/usr/bin/env bash
# The runs behind docs/results/spark-scale.md: a synthetic ML-20M-shaped set (scripts/synthetic-movielens.py),
# Spark prep in local[2] and on the two-worker standalone cluster (scripts/spark-standalone.sh start first), then
# the same evaluation (mostpop, als-mllib; full ranking) in one JVM ('genrec eval'), in local[2] and on the cluster.
# Then GenRec's own als (fitted on the driver, deterministic) in the three modes: its metrics must be equal to the bit.
# usage: scripts/spark-scale-bench.sh OUT_DIR   (prints one line per step: wall seconds, load average, peak RSS)
# Environment: ONLY=REGEX (run the matching steps), NICE (default 10), EXECUTOR_MEMORY (default 1200m), and for other
# sizes SYNTH_ARGS="USERS ITEMS INTERACTIONS" (the data goes to OUT_DIR/ml-USERSxITEMSxINTERACTIONS instead of OUT_DIR/ml20m).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: $0 OUT_DIR}"
MASTER="${MASTER:-spark://127.0.0.1:17077}"
NICE="${NICE:-10}"
EXEC_MEM="${EXECUTOR_MEMORY:-1200m}"
SYNTH_ARGS="${SYNTH_ARGS:-}"
DATA="$OUT/ml20m"
[ -n "$SYNTH_ARGS" ] && DATA="$OUT/ml-$(echo $SYNTH_ARGS | tr ' ' x)"
MODELS="--models mostpop,als-mllib --param als-mllib.factors=16 --param als-mllib.iterations=5 --param als-mllib.blocks=4"
METRICS="--metrics recall@20,ndcg@100"
mkdir -p "$OUT"
step() {  # step NAME COMMAND...: runs under nice, records wall time, load and peak RSS of the driver
  local name="$1"; shift
  if [ -n "${ONLY:-}" ] && [[ ! "$name" =~ $ONLY ]]; then return 0; fi  # ONLY=REGEX runs the matching steps
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" nice -n "$NICE" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  read -r secs rss < "$OUT/$name.time"
  echo "$name: ${secs} s wall, driver peak RSS $((rss / 1024)) MB, load average at start $load" | tee -a "$OUT/steps.txt"
}
[ -f "$DATA/ratings.csv" ] || step synth python3 "$ROOT/scripts/synthetic-movielens.py" "$DATA" $SYNTH_ARGS
PREP="--data movielens:$DATA --implicit 4 --k-core 5 --protocol random-holdout --seed 42"
step prep-local "$ROOT/genrec" spark prep --master 'local[2]' $PREP --output "$OUT/split-local" --quiet
step prep-cluster "$ROOT/genrec" spark prep --master "$MASTER" --executor-memory "$EXEC_MEM" $PREP --output "$OUT/split-cluster" --quiet
step eval-single "$ROOT/genrec" eval --data "movielens:$DATA" --implicit 4 --k-core 5 --protocol random-holdout --seed 42 $MODELS $METRICS --format json --quiet
step eval-local "$ROOT/genrec" spark eval --master 'local[2]' --data "parquet:$OUT/split-local" $MODELS $METRICS --format json --quiet
step eval-cluster "$ROOT/genrec" spark eval --master "$MASTER" --executor-memory "$EXEC_MEM" --data "parquet:$OUT/split-cluster" $MODELS $METRICS --format json --quiet
ALS="--models als --param als.factors=16 --param als.iterations=3"
step als-single "$ROOT/genrec" eval --data "movielens:$DATA" --implicit 4 --k-core 5 --protocol random-holdout --seed 42 $ALS $METRICS --format json --quiet
step als-local "$ROOT/genrec" spark eval --master 'local[2]' --data "parquet:$OUT/split-local" $ALS $METRICS --format json --quiet
step als-cluster "$ROOT/genrec" spark eval --master "$MASTER" --executor-memory "$EXEC_MEM" --data "parquet:$OUT/split-cluster" $ALS $METRICS --format json --quiet
