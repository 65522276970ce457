#!/usr/bin/env bash
# Runs one `genrec eval` experiment and writes docs/results/NAME.md (command, wall time, machine, leaderboard) and
# docs/results/NAME.json (the full report with provenance). Usage: scripts/experiment-doc.sh NAME "TITLE" [eval args...]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1; title=$2; shift 2
out=docs/results; tmp=$(mktemp -d)
start=$(date +%s%N)
./genrec eval "$@" --output "$tmp" --quiet > /dev/null
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 )); wall="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
{
  echo "# $title"
  echo
  echo "Command (from the repository root; wall time includes JVM start and data loading):"
  echo
  echo '```'
  echo "./genrec eval $*"
  echo '```'
  echo
  echo "Wall time: ${wall} s on $(nproc) cores ($(date -u +%Y-%m-%d), git $(git rev-parse --short HEAD)$(git diff --quiet || echo '+local changes'), load average at start: $(cut -d' ' -f1 /proc/loadavg))."
  echo
  cat "$tmp/results.md"
} > "$out/$name.md"
cp "$tmp/results.json" "$out/$name.json"
rm -rf "$tmp"
echo "wrote $out/$name.md"
