#!/usr/bin/env bash
# Load benchmark of `genrec serve` on loopback against GET /v1/users/{u}/recommendations, per model, alone and with
# events ingested concurrently (POST /v1/events at about 200/s). Two kinds of run per model:
#  - saturation (wrk, closed loop): as many requests as the server answers; gives the capacity in requests/s;
#  - fixed rate (`genrec bench load`, open loop, --fixed-rate requests/s): latency measured from each request's
#    scheduled time, so queueing behind a stall counts (no coordinated omission); this is what "p99 at 1,000
#    requests/s" means. --fixed-rate 0 skips it; --no-wrk skips the saturation runs.
# Writes docs/results/serving-load.md (or --out).
#
#   bash scripts/serving-load.sh [--duration 20s] [--port 18091] [--sets ml1m,synth20k] [--models ease,multvae,sasrec]
#                                [--epochs 5] [--fixed-rate 1000] [--no-wrk] [--out FILE]
#
# Data sets: ml1m = the DiffRec ML-1M split (presplit:../shared/data/ml-1m-diffrec, all parts imported), synth20k = a
# synthetic 20,000-item catalogue (10,000 users x 40 interactions, skewed popularity, generated here with a fixed seed).
# The neural models are fitted with --epochs epochs only: serving latency depends on the network's size, not on how
# long it was trained. Everything runs on this machine's cores (load generator included); `uptime` is recorded with
# every run because other processes share them.
set -uo pipefail
cd "$(dirname "$0")/.."

DURATION=20s; PORT=18091; SETS=ml1m,synth20k; MODELS=ease,multvae,sasrec; EPOCHS=5; OUT=docs/results/serving-load.md
CONNS=8; INGEST_RATE=200; INGEST_CONNS=64; FIXED_RATE=1000; WRK=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --fixed-rate) FIXED_RATE="$2"; shift 2 ;;
    --no-wrk) WRK=0; shift ;;
    *) echo "serving-load: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$WRK" = 0 ] || command -v wrk > /dev/null || { echo "serving-load: needs wrk (apt-get install wrk)" >&2; exit 2; }
command -v curl > /dev/null || { echo "serving-load: needs curl" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/genrec-serving-load.XXXXXX")"
ROWS="$WORK/rows.md"; : > "$ROWS"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; }
trap cleanup EXIT

synth() { # 10,000 users x 40 distinct-ish items out of 20,000, popularity ~ u^2 (a few items are very popular)
  awk 'BEGIN { srand(42); print "user\titem"; for (u = 0; u < 10000; u++) for (k = 0; k < 40; k++) { r = rand(); printf "%d\t%d\n", u, int(20000 * r * r) } }' > "$WORK/synth20k.tsv"
}

# wrk output -> "p50 p90 p99 max rps errors" (latencies in ms)
parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ *Latency / && !lat { max = ms($4); lat = 1 }
    /^ *50%/ { p50 = ms($2) } /^ *90%/ { p90 = ms($2) } /^ *99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END { printf "%.3f %.3f %.3f %.3f %.0f %d\n", p50, p90, p99, max, rps, err }' "$1"
}

# `genrec bench load` output -> "p50 p90 p99 p99.9 max achieved errors+unfinished lag" for the stream named $2
parse_fixed() {
  awk -F'\t' -v want="$2" '$1 == want { printf "%s %s %s %s %s %.0f %d %s\n", $8, $9, $10, $11, $12, $7, $5 + $6, $13 }' "$1"
}

gc_pauses() { # $1 gc log, $2/$3 window in epoch ms -> "n, max ms" of the server's GC pauses in that window
  awk -v a="$2" -v b="$3" '/Pause/ { t = substr($1, 2) + 0; if (t >= a && t <= b) { n++; v = $NF; sub("ms", "", v); if (v + 0 > m) m = v + 0 } }
    END { printf "%d, %.1f ms", n, m }' "$1"
}

fixed_run() { # $1 label, $2 output name, rest: extra `bench load` arguments; appends one row
  local label="$1" name="$2" load t0 t1 sec="${DURATION%s}"; shift 2
  load=$(uptime | sed 's/.*load average: //')
  t0=$(date +%s%3N)
  ./genrec bench load url="http://127.0.0.1:$PORT" rate="$FIXED_RATE" duration="$sec" warmup=5 "$@" \
    > "$WORK/$name.txt" 2> "$WORK/$name.err"
  t1=$(date +%s%3N)
  local stream ingest="–"
  stream=$(awk -F'\t' 'NR == 2 { print $1 }' "$WORK/$name.txt")
  if grep -q '^events' "$WORK/$name.txt"; then
    ingest=$(parse_fixed "$WORK/$name.txt" events | awk '{printf "%s/s (p99 %s ms, %s errors)", $6, $3, $7}')
  fi
  echo "$label | $(parse_fixed "$WORK/$name.txt" "$stream" | awk '{printf "%s | %s | %s | %s | %s | %s | %s", $1, $2, $3, $4, $5, $6, $7}') | $ingest | $(gc_pauses "$GCLOG" "$((t0 + 5200))" "$t1") | $load |" >> "$ROWS"
  tail -1 "$ROWS" >&2
}

fixed_rows() { # $1 set, $2 model, $3 users, $4 items
  fixed_run "| $1 | $2 | fixed $FIXED_RATE/s" "$1-$2-fixed" model="$2" users="$3"
  fixed_run "| $1 | $2 | fixed $FIXED_RATE/s + events" "$1-$2-fixed-ingest" model="$2" users="$3" events="$INGEST_RATE" items="$4"
}

run_set() {
  local set="$1" spec nusers nitems
  case "$set" in
    ml1m) spec="presplit:../shared/data/ml-1m-diffrec"; nusers=5949; nitems=3706 ;;
    synth20k) synth; spec="tsv:$WORK/synth20k.tsv?header=true&user=user&item=item"; nusers=10000; nitems=20000 ;;
    *) echo "serving-load: unknown set $set" >&2; return 1 ;;
  esac
  local data="$WORK/data-$set" log="$WORK/serve-$set.log" params=()
  for m in ${MODELS//,/ }; do
    case "$m" in multvae|recvae|sasrec|gru4rec|bert4rec|diffrec) params+=(--param "$m.epochs=$EPOCHS") ;; esac
  done
  echo "serving-load: $set: starting genrec serve ($MODELS) on port $PORT" >&2
  GCLOG="$WORK/gc-$set.log"
  GENREC_JAVA_OPTS="${GENREC_JAVA_OPTS:-} -Xlog:gc:file=$GCLOG:timemillis" ./genrec serve --port "$PORT" --data "$spec" --data-dir "$data" --models "$MODELS" "${params[@]}" --no-text --rate-limit 0 --quiet > "$log" 2>&1 &
  SERVER=$!
  local want; want=$(echo "$MODELS" | tr ',' '\n' | wc -l)
  for i in $(seq 1 3600); do
    local n; n=$(curl -s "http://127.0.0.1:$PORT/v1/models" 2>/dev/null | grep -o '"version"' | wc -l)
    [ "$n" = "$want" ] && break
    kill -0 "$SERVER" 2>/dev/null || { echo "serving-load: $set: the server exited:" >&2; tail -5 "$log" >&2; SERVER=""; return 1; }
    sleep 1
  done
  grep 'genrec serve: serving\|imported' "$log" >&2
  # calibration: the same schedule against /health, which does no work: the floor of the generator and HTTP stack
  [ "$FIXED_RATE" != 0 ] && fixed_run "| $set | (none) | fixed $FIXED_RATE/s, GET /health" "$set-health" model=none users=1 path=/health
  for m in ${MODELS//,/ }; do
    [ "$FIXED_RATE" != 0 ] && fixed_rows "$set" "$m" "$nusers" "$nitems"
    [ "$WRK" = 0 ] && continue
    MODEL=$m NUSERS=$nusers wrk -t1 -c"$CONNS" -d5s -s scripts/serving-load/recommend.lua "http://127.0.0.1:$PORT" > /dev/null 2>&1 # warm-up
    local load; load=$(uptime | sed 's/.*load average: //')
    MODEL=$m NUSERS=$nusers wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s scripts/serving-load/recommend.lua "http://127.0.0.1:$PORT" > "$WORK/$set-$m.txt" 2>&1
    echo "| $set | $m | wrk, reads only | $(parse "$WORK/$set-$m.txt" | awk '{printf "%s | %s | %s | – | %s | %s | %s", $1, $2, $3, $4, $5, $6}') | – | – | $load |" >> "$ROWS"
    load=$(uptime | sed 's/.*load average: //')
    NUSERS=$nusers NITEMS=$nitems CONNS=$INGEST_CONNS RATE=$INGEST_RATE wrk -t1 -c"$INGEST_CONNS" -d"$DURATION" --latency -s scripts/serving-load/events.lua \
      "http://127.0.0.1:$PORT" > "$WORK/$set-$m-ingest.txt" 2>&1 &
    local ing=$!
    MODEL=$m NUSERS=$nusers wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s scripts/serving-load/recommend.lua "http://127.0.0.1:$PORT" > "$WORK/$set-$m-mixed.txt" 2>&1
    wait "$ing"
    local ingest; ingest=$(parse "$WORK/$set-$m-ingest.txt" | awk '{printf "%s/s (p99 %s ms, %s errors)", $5, $3, $6}')
    echo "| $set | $m | wrk + events | $(parse "$WORK/$set-$m-mixed.txt" | awk '{printf "%s | %s | %s | – | %s | %s | %s", $1, $2, $3, $4, $5, $6}') | $ingest | – | $load |" >> "$ROWS"
    tail -2 "$ROWS" >&2
  done
  kill -TERM "$SERVER"; wait "$SERVER"; SERVER=""
}

for s in ${SETS//,/ }; do run_set "$s" || echo "| $s | – | failed to start (see the log in $WORK) | | | | | | | | | |" >> "$ROWS"; done

{
  echo "# Serving load: \`genrec serve\` at a fixed rate and at saturation"
  echo
  echo "Produced by \`bash scripts/serving-load.sh --duration $DURATION --sets $SETS --models $MODELS --epochs $EPOCHS --fixed-rate $FIXED_RATE$([ "$WRK" = 0 ] && echo ' --no-wrk')\`"
  echo "on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), GenRec $(git rev-parse --short HEAD)); load generator on the same cores."
  echo "Requests: GET /v1/users/{random known user}/recommendations?k=10&model=M."
  echo "**fixed** rows: \`genrec bench load\` (open loop, 32 sending threads, one keep-alive connection each) schedules $FIXED_RATE requests/s for $DURATION after a 5 s"
  echo "warm-up and times each from its scheduled send time (queueing behind a slow answer counts); \"+ events\" adds a stream"
  echo "of $INGEST_RATE POST /v1/events per second on the same schedule (its rate and p99 in the ingest column)."
  echo "**wrk** rows: wrk (closed loop, 1 thread, $CONNS connections) as fast as the server answers, i.e. the capacity;"
  echo "\"+ events\" adds a second wrk posting events at about $INGEST_RATE/s ($INGEST_CONNS connections, each waiting between requests)."
  echo "Latencies in ms; req/s = answered requests per second; errors = non-2xx answers, socket errors, timeouts and"
  echo "requests still open at the end. \"server GC\" = the server's GC pauses during the measured part of a fixed run (count,"
  echo "longest; from its -Xlog:gc log); the \"GET /health\" row is the same schedule against a route that does no work: the"
  echo "floor the generator and the HTTP stack set on these shared cores. The load column is \`uptime\`'s load average just"
  echo "before the run. Server JVM options beyond the launcher's defaults: \`${GENREC_JAVA_OPTS:-none}\`. Scheduling priority (nice) of"
  echo "the server and both generators: $(nice) (0 is the default; a negative value means the run was given priority over other"
  echo "processes on the machine, e.g. with \`nice -n -15 bash scripts/serving-load.sh ...\` as root)."
  echo
  echo "| data | model | traffic | p50 | p90 | p99 | p99.9 | max | req/s | errors | ingest | server GC | load before |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
  cat "$ROWS"
} > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
echo "serving-load: wrote $OUT" >&2
rm -rf "$WORK"
