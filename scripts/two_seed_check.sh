#!/usr/bin/env bash
# A candidate change of the model's training, judged as README's Accuracy section says
# (the rule written before the eleventh session's runs): the candidate is trained with the
# shipped seed and with seed 7, beside the shipped configuration with the same seeds, every
# evaluation set is compared (scripts/compare_sets.sh) and scripts/judge_candidate.py
# prints the figures and SHIP or REJECT. Since the twelfth session this is a quick screen:
# two trainings per arm cannot tell most effects from the spread of the seed and the file
# order, and a change is judged by scripts/powered_check.sh (eight paired trainings).
#
# usage: scripts/two_seed_check.sh FRESH [options and files for the train example]
#   FRESH: the untouched blind set written for this change (e.g. blind-ag): write it
#   before the runs, and read it only as these aggregate figures.
#   e.g.  scripts/two_seed_check.sh blind-ag --l2 1e-5
#         scripts/two_seed_check.sh blind-ag --train tests/labelled/wave10/*.jsonl
# Work files go to $CHECK_DIR (default /tmp/collectguard-check). Takes about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n 2,15p "$0"; exit 2; }
fresh=$1; shift
dir="${CHECK_DIR:-/tmp/collectguard-check}"
mkdir -p "$dir"
cargo build --release --examples >/dev/null 2>&1
# The shipped configuration with seed 7, kept while the shipped model and data are the same.
key=$(cat model/default.cgm scripts/train_default_model.sh | sha256sum | cut -c1-16)
base7="$dir/base7-$key.cgm"
if [ ! -f "$base7" ]; then
  scripts/train_default_model.sh --out "$base7" --seed 7 > "$dir/base7.log" 2>&1
fi
scripts/train_default_model.sh --out "$dir/cand.cgm" "$@" > "$dir/cand.log" 2>&1
scripts/train_default_model.sh --out "$dir/cand7.cgm" --seed 7 "$@" > "$dir/cand7.log" 2>&1
scripts/compare_sets.sh --model model/default.cgm > "$dir/base.txt"
scripts/compare_sets.sh --model "$dir/cand.cgm" > "$dir/cand.txt"
scripts/compare_sets.sh --model "$base7" > "$dir/base7.txt"
scripts/compare_sets.sh --model "$dir/cand7.cgm" > "$dir/cand7.txt"
python3 scripts/judge_candidate.py "$fresh" "$dir/base.txt" "$dir/cand.txt" \
  "$dir/base7.txt" "$dir/cand7.txt"
