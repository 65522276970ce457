#!/usr/bin/env bash
# Training speed and memory against RecBole's measured rows (issue 12): fits each model in its own process with
# `./genrec bench train` on the DiffRec ML-1M split and writes docs/results/training-speed.md (or OUT).
#
#   scripts/training-speed.sh [OUT] [MODEL,MODEL...]   (default: every row below)
#
# RecBole's numbers are the ones measured for issue 12 (RecBole 1.2.1, Debian's PyTorch 1.13, same split, same
# hyperparameters and epochs) on the host this project had until 2026-12-04; RecBole is not installed here, so they
# are quoted, not re-run, and on a different host the ratio columns compare across machines (the header says so).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/results/training-speed.md}"
data="presplit:../shared/data/ml-1m-diffrec"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" OPT_OUT_TRACKING=true
./genrec --version >/dev/null

# model, epochs ("-" for none), RecBole fit s, RecBole peak RSS MB ("" when not measured)
runs=(
  "ease - 2.14 837"
  "multvae 20 35.0 667"
  "multdae 20 33.9 666"
  "diffrec 10 23.1 675"
  "recvae 10 - -"
  "ldiffrec 10 - -"
  "autorec 10 - -"
)
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
{
  echo "| model (epochs) | GenRec fit s | RecBole fit s | fit ratio | GenRec peak RSS MB | RecBole peak RSS MB | RSS ratio | GenRec s/epoch | GenRec peak heap MB | test recall@20 | test ndcg@20 | load before |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$tmp"
for r in "${runs[@]}"; do
  read -r model epochs rb_fit rb_rss <<<"$r"
  if [ -n "${2:-}" ] && [[ ",$2," != *",$model,"* ]]; then continue; fi
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  args=(--data "$data" --models "$model")
  [ "$epochs" != - ] && args+=(--epochs "$epochs")
  row="$(./genrec bench train -- "${args[@]}" 2>/dev/null | grep "^| $model |")"
  # | model | epochs | fit s | s/epoch | validation s | examples/s | CPU s | peak heap MB | peak RSS MB | recall@20 | ndcg@20 |
  IFS='|' read -r _ m ep fit spe _ _ _ heap rss rec ndcg _ <<<"$row"
  trim() { echo "$1" | xargs; }
  fit="$(trim "$fit")" rss="$(trim "$rss")"
  if [ "$rb_fit" != - ]; then
    fr="$(awk -v a="$fit" -v b="$rb_fit" 'BEGIN { printf "%.2f×", a / b }')"
    rr="$(awk -v a="$rss" -v b="$rb_rss" 'BEGIN { printf "%.2f×", a / b }')"
  else
    fr="–" rr="–" rb_fit="–" rb_rss="–"
  fi
  echo "| $(trim "$m") ($(trim "$ep")) | $fit | $rb_fit | $fr | $rss | $rb_rss | $rr | $(trim "$spe") | $(trim "$heap") | $(trim "$rec") | $(trim "$ndcg") | $load |" >>"$tmp"
  echo "training-speed: $model done" >&2
done
{
  echo "# Training speed and memory against RecBole (issue 12)"
  echo
  echo "Produced by \`scripts/training-speed.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)"
  echo "($(nproc) cores, $(uname -m)). Each model is fitted in its own \`./genrec bench train\` process on"
  echo "\`$data\` (validation as given, early stopping on it, the test set unseen); the test columns are the"
  echo "fitted model's full-ranking test metrics. RecBole's fit time and peak RSS are those measured for issue 12 on the"
  echo "host of 2026-12-04 and before (RecBole 1.2.1 on Debian's PyTorch 1.13, same split, hyperparameters and epochs;"
  echo "quoted, not re-run: RecBole is not installed here). This run's host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);"
  echo "on another host than RecBole's the ratio columns compare across machines. \"load before\" is the 1/5/15-minute"
  echo "load average when the fit started: a fit keeps both cores busy, so about 2 is quiet; well above that, other"
  echo "processes shared the cores and the times are inflated."
  echo
  cat "$tmp"
} >"$out"
echo "training-speed: wrote $out" >&2
