#!/usr/bin/env bash
# Instructions per message (callgrind), the count the speed paragraphs of README.md and docs/speed-history.md quote: the
# difference between a run of 1 and a run of 1 + N iterations of examples/instruction_count,
# divided by the messages of the N iterations, so that building the classifier and the
# first message's lazy regex compilation cancel out. Deterministic, unlike a clock.
#   scripts/instruction_count.sh            # the three SMS with the model, rules alone, 10 KB
# Needs valgrind (Debian: apt-get install valgrind); without it, says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind not found: no instruction counts" >&2
  exit 0
fi
cargo build --release --example instruction_count >/dev/null 2>&1
bin=target/release/examples/instruction_count
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$bin" "$1" "$2" >/dev/null 2>&1
  callgrind_annotate "$work/out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}
per() { # mode, iterations, messages per iteration
  local one many
  one=$(total "$1" 1)
  many=$(total "$1" $((1 + $2)))
  echo "$1: $(( (many - one) / ($2 * $3) )) instructions per message"
}
per sms 200 3
per sms-rules 200 3
per transcript 10 1
