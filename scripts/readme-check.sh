#!/usr/bin/env bash
# Runs the README's commands as a new user would on a fresh clone and checks their exit codes and key outputs.
# Called by .ci/run after the test suite; run it yourself with `bash scripts/readme-check.sh`.
# Uses a throw-away GENREC_CACHE_DIR so a warm cache on this machine cannot hide a first-run problem.
set -uo pipefail
cd "$(dirname "$0")/.."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/genrec-readme-check.XXXXXX")"
export GENREC_CACHE_DIR="${GENREC_CACHE_DIR:-$WORK/cache}"
passed=0; failed=0

# check NAME EXPECTED_EXIT PATTERN -- COMMAND...: runs COMMAND, checks its exit status and that PATTERN (an extended
# regex, or "" for none) occurs in stdout+stderr.
check() {
  local name="$1" want="$2" pattern="$3"; shift 4
  local out="$WORK/$passed-$failed.out" rc
  "$@" > "$out" 2>&1; rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; sed 's/^/    /' "$out" | tail -20; failed=$((failed + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$out"; then
    echo "FAIL $name: output lacks /$pattern/"; sed 's/^/    /' "$out" | tail -20; failed=$((failed + 1)); return
  fi
  echo "ok   $name"; passed=$((passed + 1))
}

# The README's first screen must still hold the two commands that matter, exactly as .ci/run and this script run them.
check "README first screen names ./genrec eval" 0 "" -- grep -q '^\./genrec eval  ' README.md
check "README first screen names the test command" 0 "" -- \
  grep -q '^JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B verify' README.md

check "README first screen names ./genrec serve" 0 "" -- grep -q '^\./genrec serve  ' README.md

# ./genrec serve as on the first screen, bounded in time: start it (on a free port: the README's 8080 may be taken),
# wait for /ready, run the README's curl example against it, then SIGTERM, which must stop it with exit 0.
serve_check() {
  local log="$WORK/serve.log" port="" pid i cmd rc
  ./genrec serve --port 0 --data-dir "$WORK/data" > "$log" 2>&1 &
  pid=$!
  # up to 10 minutes: a fresh cache imports the data and fits EASE on shared cores first
  for i in $(seq 1 600); do
    [ -z "$port" ] && port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$' | head -1)
    if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/ready" > /dev/null 2>&1; then break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  check "./genrec serve answers /ready" 0 '"status":"ready"' -- curl -s "http://127.0.0.1:${port:-1}/ready"
  cmd=$(grep -m1 "^curl -s 'http://127.0.0.1:8080/v1/users/" README.md | sed "s/:8080/:${port:-1}/")
  check "README curl example against ./genrec serve" 0 '"model":"ease","modelVersion":"v1".*"items":\[\{"rank":1' -- bash -c "$cmd"
  check "the web page at / loads its script" 0 'src="/app.js"' -- curl -sf "http://127.0.0.1:${port:-1}/"
  check "the web page's charts come from the server (WebJar)" 0 "" -- curl -sf -o /dev/null "http://127.0.0.1:${port:-1}/webjars/echarts/5.3.1/dist/echarts.esm.min.js"
  check "the web page's user list" 0 '"users":\[\{"user":"1","interactions":' -- curl -s "http://127.0.0.1:${port:-1}/v1/users?limit=3"
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  wait "$pid"; rc=$?
  check "./genrec serve stops on SIGTERM with exit 0" 0 "" -- test "$rc" = 0
  if [ "$rc" != 0 ]; then sed 's/^/    /' "$log" | tail -20; fi
}
serve_check

check "./genrec eval (main job, embedded defaults)" 0 '\| ease \|' -- ./genrec eval
check "./genrec eval --format json" 0 '"model" *: *"als"' -- ./genrec eval --models mostpop,als --format json
check "./genrec eval --models llm without an endpoint shows the fallback" 0 'llm ⚠ fallback 100%' -- \
  env -u OPENAI_BASE_URL -u OPENAI_API_KEY ./genrec eval --models llm --quiet
# A sequence model with no --protocol gets a leak-free protocol and says which (one epoch: the choice is what is checked).
check "./genrec eval --models sasrec chooses leave-one-out and says so" 0 'protocol: leave-one-out \(chosen because' -- \
  ./genrec eval --models sasrec --param sasrec.epochs=1 --metrics ndcg@10
check "a sequence model under random-holdout is refused before fitting, exit 2" 2 'protocols that work .*: leave-one-out, temporal' -- \
  ./genrec eval --models sasrec --protocol random-holdout
check "data emptied by the k-core is an error with a hint, exit 2" 2 'k-core 0' -- ./genrec eval --models mostpop --k-core 1000
check "./genrec models" 0 'sasrec' -- ./genrec models
check "./genrec data info" 0 '9,?724|601' -- ./genrec data info
check "./genrec import (into a fresh store)" 0 '100,836 stored, 0 duplicates' -- ./genrec import --data ml-latest-small --data-dir "$WORK/import-data" --quiet
check "./genrec import again stores nothing" 0 '0 stored, 100,836 duplicates' -- ./genrec import --data ml-latest-small --data-dir "$WORK/import-data" --quiet
check "./genrec recommend --user 1" 0 '(^ *1\. |^\| *1 *\|)' -- ./genrec recommend --user 1 --k 5
check "./genrec search" 0 '[Ss]pace' -- ./genrec search "a light-hearted space adventure" --k 5
check "unknown model is a one-line error, exit 2" 2 'nosuchmodel' -- ./genrec eval --models nosuchmodel
check "missing data directory names the path, exit 2" 2 'does-not-exist' -- ./genrec data info --data movielens:/does-not-exist

rm -rf "$WORK"
echo "readme-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
