#!/usr/bin/env bash
# What real labelled messages in the n-gram weights' training would buy, measured before any
# is shipped: K-fold cross-validation by source over the rows of the given files. For each
# fold, two trainings of the shipped configuration (scripts/train_default_model.sh, shipped
# seed): `base`, as shipped, and `weights`, with the other folds' rows added to training.
# The fold's rows are held out of both, and out of the combiner's fit (splits/combiner-fit.ids
# minus them); in `weights` the rows it trains on leave the fit too, so that the two arms'
# combiners are fitted on the same kind of rows and only the n-gram weights differ. Prints,
# per arm, the held-out rows pooled over the folds (accuracy, scam recall) and the frozen half
# of pages-dev2 (each fold's model; mean). Rows are grouped into folds by `url`, else
# `family`, else `id`; rows of the frozen half are left out. Work files go to $CHECK_DIR
# (default /tmp/collectguard-real-check; not a path containing /train/).
# About two minutes per training: 2 × FOLDS trainings.
#   scripts/real_data_check.sh ../shared/corpus/pages-dev.jsonl
#   FOLDS=5 FOLD_SEED=7 scripts/real_data_check.sh mine.jsonl
# The rows are evaluation data unless their licence allows shipping what is derived from
# them: nothing this script writes goes into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
dir="${CHECK_DIR:-/tmp/collectguard-real-check}"
folds="${FOLDS:-5}"
corpus="${COLLECTGUARD_CORPUS:-../shared/corpus}"
# Outside any path containing /train/: train_default_model.sh fits the combiner on the
# out-of-fold predictions of files under such a path, and these rows must not join the fit.
mkdir -p "$dir/rows"
cargo build --release --examples >/dev/null 2>&1
python3 - "$dir" "$folds" "${FOLD_SEED:-20261206}" "$@" <<'EOF'
import hashlib, json, random, sys
out, folds, seed, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
# The frozen half of pages-dev2 is never trained on (and is what every fold's model is read on).
frozen = set(open("splits/pages-dev2-frozen.ids").read().split())
rows = []
for f in files:
    for line in open(f, encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if r.get("label") is not None and r.get("id") not in frozen:
                rows.append(r)
source = lambda r: r.get("url") or r.get("family") or r.get("id", "")
keys = sorted({source(r) for r in rows})
random.Random(seed).shuffle(keys)
fold = {k: i % folds for i, k in enumerate(keys)}
fit = open("splits/combiner-fit.ids").read().split()
for k in range(folds):
    test = [r for r in rows if fold[source(r)] == k]
    train = [r for r in rows if fold[source(r)] != k]
    with open(f"{out}/test{k}.jsonl", "w", encoding="utf-8") as o:
        for r in test:
            o.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(f"{out}/rows/fold{k}.jsonl", "w", encoding="utf-8") as o:
        for r in train:
            r = {a: r[a] for a in ("id", "text", "label", "lang", "channel") if a in r}
            # One training group per source in the out-of-fold folds.
            r["family"] = "src" + hashlib.sha1(source(r).encode()).hexdigest()[:12]
            o.write(json.dumps(r, ensure_ascii=False) + "\n")
    held = {r.get("id") for r in test}
    trained = {r.get("id") for r in train}
    with open(f"{out}/fit-base{k}.ids", "w") as o:
        o.write("".join(i + "\n" for i in fit if i not in held))
    with open(f"{out}/fit-weights{k}.ids", "w") as o:
        o.write("".join(i + "\n" for i in fit if i not in held and i not in trained))
    print(f"fold {k}: {len(test)} held out, {len(train)} to train on", file=sys.stderr)
EOF
for k in $(seq 0 $((folds - 1))); do
  for arm in base weights; do
    out="$dir/$arm$k"
    extra=""
    [ "$arm" = weights ] && extra="$dir/rows/fold$k.jsonl"
    FIT_IDS="$dir/fit-$arm$k.ids" EXTRA_TRAIN_FILES="$extra" \
      scripts/train_default_model.sh --out "$out.cgm" > "$out.log" 2>&1
  done
done
python3 - "$dir" "$folds" "$corpus" <<'EOF'
import json, subprocess, sys
out, folds, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
E = "./target/release/examples/evaluate"
def figures(*args):
    return json.loads(subprocess.run([E, *args, "--json"], capture_output=True, text=True,
                                     check=True).stdout)["all"]
for arm in ("base", "weights"):
    right = n = scam = scams = 0
    frozen = []
    for k in range(folds):
        d = figures(f"{out}/test{k}.jsonl", "--model", f"{out}/{arm}{k}.cgm")
        right += d["accuracy"]["num"]; n += d["accuracy"]["den"]
        scam += d["scam_recall"]["num"]; scams += d["scam_recall"]["den"]
        f = figures(f"{corpus}/pages-dev2.jsonl", "--ids", "splits/pages-dev2-frozen.ids",
                    "--model", f"{out}/{arm}{k}.cgm")
        frozen.append(f["accuracy"]["value"])
    line = f"{arm:<8} held out: accuracy {right}/{n} = {right / n:.3f}"
    if scams:
        line += f", scam recall {scam}/{scams} = {scam / scams:.3f}"
    line += f" | frozen accuracy by fold {' '.join(f'{x:.3f}' for x in frozen)}"
    line += f", mean {sum(frozen) / folds:.3f}"
    print(line)
EOF
