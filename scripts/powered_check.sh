#!/usr/bin/env bash
# A candidate change of the model's training, judged over eight paired trainings instead of
# two: the shipped configuration ("base") and the candidate are each trained on the same
# rows in four orders of the training files (their names, as shipped, and three seeded
# shuffles) with two seeds (the shipped one and 7), every run scored by
# scripts/compare_sets.sh, and scripts/judge_powered.py applies the rule written down in
# the twelfth session before its first use (README, Accuracy, "Split protocol"). Ten
# trainings of the shipped configuration moved the 331 real rows by a standard deviation
# of 0.008 (docs/accuracy-history.md, twelfth session): one or two trainings per arm
# cannot tell most changes from that.
#
# usage: scripts/powered_check.sh [--non-inferiority | --data] FRESH [options and files for the train example]
#   e.g.  scripts/powered_check.sh blind-ag --group-by file
# --non-inferiority: the rule for a change meant to leave quality as it is (a change of the
# code, such as the weights' precision, with no train options): see judge_powered.py.
# --data: the rule for a change of the training data (the arguments are then training
# files, trained on after the shipped ones; their paths should contain /train/ for the
# out-of-fold fit): judged on the real rows, not on our blind sets (judge_powered.py).
# A change of the code (the engine, the features) needs its base arm trained by the code
# before the change: first run `BASE_ONLY=1 scripts/powered_check.sh FRESH` in a work tree
# of the commit before it (`git worktree add`), with the same $CHECK_DIR; only the base
# arm's runs are made there, and the cached base serves the candidate's check here.
# The base arm is cached in $CHECK_DIR (default /tmp/collectguard-powered), keyed by the
# shipped model, the training script, the training files and the scored sets. About 10
# minutes per arm.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,/^set /{/^set /!p}' "$0"; exit 2; }
judge_mode=()
if [ "$1" = --non-inferiority ] || [ "$1" = --data ]; then judge_mode=("$1"); shift; fi
[ $# -ge 1 ] || { sed -n '2,/^set /{/^set /!p}' "$0"; exit 2; }
fresh=$1; shift
# The fresh set must be one compare_sets.sh scores, or the judge finds no figure for it
# after both arms have trained (twenty-ninth session: twenty minutes lost that way).
grep -qw -- "$fresh" scripts/compare_sets.sh || {
  echo "powered_check: $fresh is not scored by scripts/compare_sets.sh; add it there first" >&2
  exit 2
}
dir="${CHECK_DIR:-/tmp/collectguard-powered}"
mkdir -p "$dir"
cargo build --release --examples >/dev/null 2>&1
# The base arm's key: what it is trained on and what it is scored on (a new blind set in
# compare_sets.sh must not leave the cached base without it).
key=$(cat model/default.cgm scripts/train_default_model.sh tests/labelled/train/*.jsonl \
  scripts/compare_sets.sh tests/labelled/blind-*.jsonl | sha256sum | cut -c1-12)
order_files() { # names | a shuffle seed → the training files in that order
  if [ "$1" = names ]; then
    echo tests/labelled/train/*.jsonl
  else
    python3 scripts/train_files.py "$1" | paste -sd' '
  fi
}
run() { # out-prefix order seed extra-training-files [train options…]
  local out=$1 order=$2 seed=$3 extra=$4; shift 4
  local seed_arg=()
  [ "$seed" = shipped ] || seed_arg=(--seed "$seed")
  TRAIN_FILES="$(order_files "$order")" EXTRA_TRAIN_FILES="$extra" \
    scripts/train_default_model.sh --out "$out.cgm" "${seed_arg[@]}" "$@" > "$out.log" 2>&1
  scripts/compare_sets.sh --model "$out.cgm" > "$out.txt"
  rm -f "$out.cgm"
}
# Each candidate's runs are kept under a name of their own (a hash of its options), so
# that the next check does not overwrite them.
cand_key=$(printf '%s\n' "$@" | sha256sum | cut -c1-8)
bases=(); cands=()
for order in names 1 2 3; do
  for seed in shipped 7; do
    base="$dir/base-$key-$order-$seed"
    [ -f "$base.txt" ] || run "$base" "$order" "$seed" ""
    if [ -z "${BASE_ONLY:-}" ]; then
      if [ "${judge_mode[*]:-}" = --data ]; then
        # The arguments are training files, trained on after the shipped ones.
        run "$dir/cand-$cand_key-$order-$seed" "$order" "$seed" "$*"
      else
        run "$dir/cand-$cand_key-$order-$seed" "$order" "$seed" "" "$@"
      fi
    fi
    bases+=("$base.txt"); cands+=("$dir/cand-$cand_key-$order-$seed.txt")
  done
done
if [ -n "${BASE_ONLY:-}" ]; then echo "base arm cached in $dir (key $key)"; exit 0; fi
python3 scripts/judge_powered.py "${judge_mode[@]}" "$fresh" "${bases[@]}" -- "${cands[@]}"
