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
mapfile -t files < <(python3 -c "
import glob, random
files = sorted(glob.glob('tests/labelled/train/*.jsonl'))
random.Random(${ORDER_SEED:-20261204}).shuffle(files)
print('\n'.join(files))")
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
    python3 - "$out.txt" "$k" "$n" "$rows" "$seed" "${ORDER_SEED:-20261204}" <<'PY'
import re, sys
path, k, n, rows, seed, order = sys.argv[1:]
sets = {}
for line in open(path):
    m = re.match(r'(\S+)\s+n=\s*(\d+) acc ([\d.]+) F1 ([\d.]+) .* FA (\d+)/(\d+)', line)
    if m:
        sets[m[1]] = (int(m[2]), float(m[3]), float(m[4]), int(m[5]), int(m[6]))
blind = [v[2] for name, v in sets.items() if name.startswith('blind-')]
real = [sets[s] for s in ('pagesdev', 'dev2dev', 'frozen') if s in sets]
pooled = sum(v[0] * v[1] for v in real) / max(1, sum(v[0] for v in real))
harmless = sets.get('allbenign')
print(f"files {k}/{n} ({rows} rows) order {order} seed {seed}: blind mean F1 {sum(blind)/len(blind):.4f}"
      f" | pooled real acc {pooled:.3f} | frozen acc {sets['frozen'][1]:.3f}"
      f" F1 {sets['frozen'][2]:.3f}"
      + (f" | harmless flagged {harmless[3]}/{harmless[4]}" if harmless else ""))
PY
  done
done
