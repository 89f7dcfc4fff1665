#!/usr/bin/env python3
"""Are the rows the classifier gets wrong out of our training vocabulary, or do their words
lean to other classes there? Aggregate figures only (no row is printed), for the real
development rows (pages-dev and the dev half of pages-dev2), the frozen half of pages-dev2
(read only as these aggregates, as the split protocol allows) and the blind sets of
scripts/compare_sets.sh, split by language (zh-Hans: Han character bigrams; en: word
bigrams) and by whether the verdict is right:

- coverage: the share of a row's bigrams that occur in any training row;
- own-class lean: for each bigram, its own class's share among the six classes (each
  class's rate of training rows holding the bigram, +0.1 smoothing, normalized over the
  classes; 1/6 is no lean), averaged over the row's bigrams.

Rows with fewer than three bigrams (or, for the lean, three known ones) are left out.
Training rows: tests/labelled/train/, own, holdout-a/b, dev-d…k (what the model trains on).

usage: scripts/vocabulary_check.py [classify options, e.g. --model /tmp/candidate.cgm]
Build first: cargo build --release --examples. Reads ../shared/corpus (or
$COLLECTGUARD_CORPUS) for the real rows; without it, the blind sets only.
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.environ.get("COLLECTGUARD_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
CLASSIFY = os.path.join(ROOT, "target", "release", "examples", "classify")
LABELLED = os.path.join(ROOT, "tests", "labelled")
CLASSES = ["legit_collection", "abusive_collection", "fake_collection",
           "debt_relief_scam", "benign", "other_fraud"]
sys.path.insert(0, HERE)
# The verdicts a case label accepts without an `accept` list, as `evaluate` counts them.
from diff_real import DEFAULT_ACCEPT  # noqa: E402


def bigrams(text, lang):
    if lang == "zh-Hans":
        out = set()
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            out.update(run[i:i + 2] for i in range(len(run) - 1))
        return out
    words = re.findall(r"[a-z]+", text.lower())
    return set(zip(words, words[1:]))


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def verdicts(rows, options):
    lines = "".join(
        json.dumps({"text": r["text"], **({"sender": r["sender"]} if r.get("sender") else {}),
                    **({"channel": r["channel"]} if r.get("channel") in ("sms", "call", "letter") else {})},
                   ensure_ascii=False) + "\n"
        for r in rows)
    out = subprocess.run([CLASSIFY, "--jsonl", "--compact", *options], input=lines,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(o)["label"] for o in out]


def main():
    options = sys.argv[1:]
    if not os.path.exists(CLASSIFY):
        sys.exit("build first: cargo build --release --examples")
    train_files = (glob.glob(os.path.join(LABELLED, "train", "*.jsonl"))
                   + [os.path.join(LABELLED, "own.jsonl")]
                   + glob.glob(os.path.join(LABELLED, "holdout-*.jsonl"))
                   + [os.path.join(LABELLED, "dev-%s.jsonl" % k) for k in "defhijk"])
    seen = defaultdict(Counter)
    per_class = Counter()
    for path in train_files:
        for row in read(path):
            per_class[row["label"]] += 1
            for lang in ("zh-Hans", "en"):
                for b in bigrams(row["text"], lang):
                    seen[b][row["label"]] += 1

    groups = []  # (group name, rows)
    if os.path.isdir(CORPUS):
        dev_ids = set(open(os.path.join(ROOT, "splits", "pages-dev2-dev.ids")).read().split())
        frozen_ids = set(open(os.path.join(ROOT, "splits", "pages-dev2-frozen.ids")).read().split())
        pages2 = read(os.path.join(CORPUS, "pages-dev2.jsonl"))
        groups.append(("real development rows",
                       read(os.path.join(CORPUS, "pages-dev.jsonl"))
                       + [r for r in pages2 if str(r["id"]) in dev_ids]))
        groups.append(("frozen half (aggregate)", [r for r in pages2 if str(r["id"]) in frozen_ids]))
    else:
        print(f"no corpus at {CORPUS}: the blind sets only")
    script = open(os.path.join(HERE, "compare_sets.sh"), encoding="utf-8").read()
    blind = re.search(r"for f in (blind-[^;]*); do", script).group(1).split()
    groups.append((f"our {len(blind)} blind sets",
                   [r for name in blind for r in read(os.path.join(LABELLED, name + ".jsonl"))]))

    def lean(b, label):
        counts = seen.get(b)
        if not counts:
            return None
        rates = {c: (counts[c] + 0.1) / (per_class[c] + 1) for c in CLASSES}
        return rates[label] / sum(rates.values())

    print(f"{'rows':26} {'lang':8} {'verdict':7} {'n':>6} {'coverage':>9} {'own-class lean':>15}")
    for name, rows in groups:
        rows = [r for r in rows if r.get("label") in CLASSES]
        labels = verdicts(rows, options)
        cells = defaultdict(lambda: ([], []))
        for row, verdict in zip(rows, labels):
            lang = row.get("lang")
            if lang not in ("zh-Hans", "en"):
                continue
            grams = bigrams(row["text"], lang)
            if len(grams) < 3:
                continue
            right = verdict in (row.get("accept") or DEFAULT_ACCEPT[row["label"]])
            coverage, leans = cells[(lang, right)]
            coverage.append(sum(b in seen for b in grams) / len(grams))
            known = [x for x in (lean(b, row["label"]) for b in grams) if x is not None]
            if len(known) >= 3:
                leans.append(statistics.mean(known))
        for (lang, right), (coverage, leans) in sorted(cells.items()):
            print(f"{name:26} {lang:8} {'right' if right else 'wrong':7} {len(coverage):6d} "
                  f"{statistics.mean(coverage):9.3f} "
                  f"{statistics.mean(leans) if leans else float('nan'):15.3f}")


if __name__ == "__main__":
    main()
