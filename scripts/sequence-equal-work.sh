#!/usr/bin/env bash
# Equal-work training cost of the sequence models (issue 12): fits SASRec (CE), GRU4Rec and BERT4Rec on Beauty with
# `./genrec bench sequence` for EPOCHS epochs each, one process per model, and prints per model the training time per
# target (a next-item prediction the loss is taken on), per optimizer step and per sequence, plus the next-item
# latency, as a Markdown table on stdout. The full sections (config, quality, load) go to RAW.
#
#   scripts/sequence-equal-work.sh [EPOCHS=2] [RAW=/tmp/sequence-equal-work.md] [THREADS=2]
#
# "Per target" is the fair unit against RecBole, which turns every prefix of a training sequence into one example
# with one target: both toolkits then train on about the same number of targets per epoch (RecBole a few more, as it
# does not cut histories to max_len), while GenRec reads each sequence once and predicts at every position.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-2}" raw="${2:-/tmp/sequence-equal-work.md}" threads="${3:-2}"
data="../shared/data/amazon-5core-seq-beauty-sports-toys/Beauty/user_sequence.txt"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" OPT_OUT_TRACKING=true OMP_NUM_THREADS="$threads"
export GENREC_JAVA_OPTS="-Xmx4g -Dgenrec.threads=$threads"
./genrec --version >/dev/null
: >"$raw"
runs=(
  "sasrec loss=ce dropout=0.5"
  "gru4rec"
  "bert4rec lr=0.001"
)
echo "| model | batch | s/epoch (training) | targets/epoch | ms per target | steps/epoch | ms per step | next-item latency p50 ms | test R@10 | load at end |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for r in "${runs[@]}"; do
  read -r -a args <<<"$r"
  sect="$(mktemp)" log="$(mktemp)"
  if ! ./genrec bench sequence "$data" "$sect" "${args[@]}" "epochs=$epochs" patience=0 validation_users=1000 >"$log" 2>&1; then
    echo "sequence-equal-work: ${args[0]} failed; its output:" >&2; tail -n 20 "$log" >&2; exit 1
  fi
  rm -f "$log"
  cat "$sect" >>"$raw"
  # - training throughput: 766 sequences/s = 4384 target tokens/s (128031 tokens in 22363 sequences per epoch)
  seqps="" # read fails on an empty line; the check below reports it
  read -r seqps tokps tokens seqs < <(grep -m1 "training throughput" "$sect" \
    | sed -nE 's/.*: ([0-9.]+) sequences\/s = ([0-9.]+) target tokens\/s \(([0-9]+) tokens in ([0-9]+) sequences.*/\1 \2 \3 \4/p') || true
  if [ -z "${seqps:-}" ]; then echo "sequence-equal-work: no training throughput line for ${args[0]} in $raw" >&2; exit 1; fi
  batch="$(grep -m1 -oE 'batchSize=[0-9]+' "$sect" | cut -d= -f2)"
  lat="$(grep -m1 "next-item latency" "$sect" | sed -E 's/.*wall p50 ([0-9.]+) ms.*/\1/')"
  load="$(grep -m1 "load average at the end" "$sect" | sed -E 's/.*: //')"
  r10="$(grep -m1 "^| history excluded" "$sect" | awk -F'|' '{print $5}' | xargs)"
  awk -v m="${args[0]}" -v b="$batch" -v sp="$seqps" -v tp="$tokps" -v t="$tokens" -v s="$seqs" -v l="$lat" -v r="$r10" -v ld="$load" 'BEGIN {
    steps = int((s + b - 1) / b); epoch = s / sp
    printf "| %s | %d | %.1f | %d | %.3f | %d | %.1f | %s | %s | %s |\n", m, b, epoch, t, 1000 / tp, steps, 1000 * epoch / steps, l, r, ld }'
  rm -f "$sect"
done
