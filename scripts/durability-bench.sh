#!/usr/bin/env bash
# Durability benchmark of the event store: a client (io.genrec.server.store.DurabilityProbe) appends batches and prints
# each event's idempotency key once append has returned; this script kill -9s it at a random moment, restarts it (the
# restarted client first verifies the store against every acknowledgement so far, then re-sends the batch that was in
# flight, as a retrying client would) and finally verifies again: every acknowledged event must be stored exactly once,
# every batch all-or-nothing, sequence numbers strictly increasing.
#
#   scripts/durability-bench.sh [--store sqlite|postgresql] [--trials N] [--seed S] [--writers N]
#
# --writers N: the client appends from N threads at once (default 1), so the store's group commit is what gets killed.
#
# PostgreSQL: GENREC_TEST_PG_URL (default: the test role and database .ci/run creates); the benchmark works in the
# schema genrec_durability, which it drops and re-creates. SQLite: a file in a temporary directory, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
store=sqlite trials=100 seed=$RANDOM writers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --writers) writers="$2"; shift 2 ;;
    *) echo "durability-bench: unknown option $1 (known: --store sqlite|postgresql, --trials N, --seed S, --writers N)" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" OPT_OUT_TRACKING=true
./genrec --version >/dev/null   # builds genrec-cli/target/lib when sources changed
CP="genrec-cli/target/genrec-cli-0.1.0-SNAPSHOT.jar:genrec-cli/target/lib/*"
# exec: run in the background, the function's subshell becomes the JVM, so $! is the process kill -9 hits
probe() {
  exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.genrec.server.store.DurabilityProbe "$@"
}

work="$(mktemp -d /tmp/genrec-durability.XXXXXX)"
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/acks"
case "$store" in
  sqlite) url="sqlite:$work/events.db" ;;
  postgresql)
    base="${GENREC_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/genrec_test?user=genrec_test&password=genrec_test}"
    case "$base" in *\?*) url="$base&currentSchema=genrec_durability" ;; *) url="$base?currentSchema=genrec_durability" ;; esac
    (probe reset-pg-schema --store "$url") ;;
  *) echo "durability-bench: --store must be sqlite or postgresql" >&2; exit 2 ;;
esac

echo "durability-bench: $store, $trials trials, seed $seed, $writers writer(s)"
failed=0 early=0
for i in $(seq 1 "$trials"); do
  t="$(printf %03d "$i")"
  probe append --store "$url" --acks "$work/acks" --writers "$writers" >"$work/acks/trial-$t.txt" 2>"$work/trial-$t.err" &
  pid=$!
  if [ $((RANDOM % 10)) -eq 0 ]; then
    # one trial in ten: kill at any moment of the start (opening, recovery, verification)
    early=$((early + 1))
    sleep "0.$(printf %03d $((RANDOM % 1000)))"
  else
    for _ in $(seq 1 600); do grep -q '^ready' "$work/trial-$t.err" 2>/dev/null && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    sleep "0.$(printf %03d $((RANDOM % 1000)))"
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
  else
    wait "$pid" && rc=0 || rc=$?
    echo "trial $t: the client exited by itself (exit $rc) before the kill:" >&2
    cat "$work/trial-$t.err" >&2
    failed=$((failed + 1))
    continue
  fi
  acks=$(grep -c '^ack ' "$work/acks/trial-$t.txt" || true)
  verdict=$(grep '^verify' "$work/trial-$t.err" || echo "verify not reached (killed during start)")
  echo "trial $t: $acks acknowledged in this run; at its start: $verdict"
done
final_report="$(probe verify --store "$url" --acks "$work/acks")" && final=0 || final=$?
echo "final: $final_report"
echo "durability-bench: $store, $trials trials ($early killed during start), $failed failed trials, final verification exit $final"
[ "$failed" -eq 0 ] && [ "$final" -eq 0 ]
