#!/usr/bin/env bash
# How the figures move with the amount of our own training data: the shipped
# configuration (scripts/train_default_model.sh) trained on nested subsets of the files of
# tests/labelled/train/ — a quarter, a half, three quarters, all — drawn whole files at a
# time in a seeded order, with the shipped seed and seed 7, each scored by
# scripts/compare_sets.sh. Prints, per run: the mean macro-F1 of the blind sets, the 331
# real rows pooled (pages-dev and both halves of pages-dev2), the frozen half, and the
# corpus's harmless rows flagged. Work files go to $CHECK_DIR (default
# /tmp/collectguard-curve). Takes about 20 minutes.
#   scripts/learning_curve.sh
# QUARTERS (default "1 2 3 4") picks the subsets; ORDER_SEED (default 20261204) the order
# the files are drawn in, e.g. how much the order alone moves the figures:
#   QUARTERS=4 ORDER_SEED=1 scripts/learning_curve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CHECK_DIR:-/tmp/collectguard-curve}"
mkdir -p "$dir"
cargo build --release --examples >/dev/null 2>&1
mapfile -t files < <(python3 scripts/train_files.py "${ORDER_SEED:-20261204}")
n=${#files[@]}
for quarter in ${QUARTERS:-1 2 3 4}; do
  k=$(( (n * quarter + 3) / 4 ))
  subset="${files[*]:0:$k}"
  rows=$(cat "${files[@]:0:$k}" | wc -l)
  for seed in default 7; do
    out="$dir/o${ORDER_SEED:-20261204}-q$quarter-$seed"
    seed_arg=()
    [ "$seed" = default ] || seed_arg=(--seed "$seed")
    TRAIN_FILES="$subset" scripts/train_default_model.sh --out "$out.cgm" "${seed_arg[@]}" \
      > "$out.log" 2>&1
    scripts/compare_sets.sh --model "$out.cgm" > "$out.txt"
    python3 scripts/judge_powered.py --summary "$out.txt" \
      "files $k/$n ($rows rows) order ${ORDER_SEED:-20261204} seed $seed"
  done
done
