#!/usr/bin/env python3
"""Judges a candidate over paired trainings (scripts/powered_check.sh): the rule the
twelfth session wrote down before its first use. Ship only if all of these hold, over the
eight pairs (same file order and seed in both arms; the first pair is the shipped order and
seed, the model that would ship):

1. the fresh blind set (untouched until this run): the candidate's mean macro-F1 is at
   least the base's plus 0.005;
2. the other blind sets: the mean over runs of their mean macro-F1 falls by at most 0.002;
3. the 331 real rows pooled (pages-dev and both halves of pages-dev2): the mean paired
   difference of accuracy is not negative, and no more than three of the eight pairs are
   lower;
4. the corpus's harmless rows: the model that would ship flags at most 10 of 3,305 (at
   most 5 of the 1,604 held-out ones), and the candidate's mean over the eight runs is at
   most the base's plus 0.5.

For a change of the training data — rows added, left out or weighed anew (`--data`,
written in the seventeenth session before its first use, after our older blind sets in
training raised our newest blind sets and lowered every real split: our blind sets are
written the way our training rows are and cannot judge them) — ship only if all of these
hold instead:

1. the 331 real rows pooled: the mean paired difference of accuracy is at least +0.006
   (two rows of 331), and no more than two of the eight pairs are lower;
2. the frozen half of pages-dev2: the candidate's mean accuracy is not lower;
3. the fresh blind set and the other blind sets: each mean macro-F1 falls by at most 0.01;
4. the corpus's harmless rows: as rule 4 above.

For a change made for speed or memory that is meant to leave the verdicts' quality as it
is (`--non-inferiority`, written in the thirteenth session before its first use): ship
only if all of these hold instead:

1. the fresh blind set: the candidate's mean macro-F1 falls by at most 0.002;
2. the other blind sets: the mean over runs of their mean macro-F1 falls by at most 0.002;
3. the 331 real rows pooled: the mean paired difference of accuracy is at least -0.003
   (one row of 331), and no more than five of the eight pairs are lower;
4. the corpus's harmless rows: as rule 4 above.

usage: judge_powered.py [--non-inferiority | --data] FRESH base1.txt … -- cand1.txt …   (paired in order)
       judge_powered.py --summary run.txt LABEL   (one run's headline figures, one line;
                                                   scripts/learning_curve.sh)
"""
import statistics
import sys

from judge_candidate import load, summary


def figures(path, fresh):
    """The figures the rule reads from one run's scripts/compare_sets.sh output."""
    rows = load(path)
    out = summary(rows, fresh)
    return {
        "fresh": out["fresh_f1"],
        "blind": out["blind_mean"],
        "real": out["real_acc"],
        "frozen": rows["frozen"]["acc"],
        "harmless": out["allbenign"],
        "measure": out["measure"],
    }


def one_line(path, label):
    """One run's headline figures on one line: the mean macro-F1 of every blind set, the
    pooled real rows, the frozen half and the corpus's harmless rows flagged."""
    rows = load(path)
    out = summary(rows, None)
    print(f"{label}: blind mean F1 {out['blind_mean']:.4f}"
          f" | pooled real acc {out['real_acc']:.3f} | frozen acc {rows['frozen']['acc']:.3f}"
          f" F1 {rows['frozen']['f1']:.3f}"
          f" | harmless flagged {out['allbenign']}/{rows['allbenign']['fa_of']}")


def main():
    if sys.argv[1:2] == ["--summary"]:
        one_line(sys.argv[2], sys.argv[3])
        return
    args = sys.argv[1:]
    neutral = args[:1] == ["--non-inferiority"]
    data = args[:1] == ["--data"]
    if neutral or data:
        args = args[1:]
    fresh, rest = args[0], args[1:]
    cut = rest.index("--")
    base = [figures(p, fresh) for p in rest[:cut]]
    cand = [figures(p, fresh) for p in rest[cut + 1:]]
    if len(base) != len(cand) or not base:
        sys.exit("judge_powered: the two arms must have the same number of runs")
    mean = lambda runs, k: statistics.mean(r[k] for r in runs)
    for k in ("fresh", "blind", "real", "frozen", "harmless", "measure"):
        diffs = [c[k] - b[k] for b, c in zip(base, cand)]
        print(f"{k:9s} base {mean(base, k):.4f}  candidate {mean(cand, k):.4f}  "
              f"paired difference {statistics.mean(diffs):+.4f} "
              f"(sd {statistics.stdev(diffs) if len(diffs) > 1 else 0:.4f}; "
              f"{sum(d < 0 for d in diffs)} of {len(diffs)} lower)")
    real_diffs = [c["real"] - b["real"] for b, c in zip(base, cand)]
    if data:
        quality = [
            ("pooled real rows +0.006 on average, at most 2 of 8 lower",
             statistics.mean(real_diffs) >= 0.006 and sum(d < 0 for d in real_diffs) <= 2),
            ("frozen half not lower on average", mean(cand, "frozen") >= mean(base, "frozen")),
            ("fresh blind set -0.01 at most", mean(cand, "fresh") >= mean(base, "fresh") - 0.01),
            ("other blind sets -0.01 at most", mean(cand, "blind") >= mean(base, "blind") - 0.01),
        ]
    elif neutral:
        quality = [
            ("fresh blind set -0.002 at most", mean(cand, "fresh") >= mean(base, "fresh") - 0.002),
            ("pooled real rows -0.003 at most on average, at most 5 of 8 lower",
             statistics.mean(real_diffs) >= -0.003 and sum(d < 0 for d in real_diffs) <= 5),
        ]
    else:
        quality = [
            ("fresh blind set +0.005", mean(cand, "fresh") >= mean(base, "fresh") + 0.005),
            ("pooled real rows not lower on average",
             statistics.mean(real_diffs) >= 0 and sum(d < 0 for d in real_diffs) <= 3),
        ]
    if not data:
        quality.insert(1, ("other blind sets -0.002 at most",
                           mean(cand, "blind") >= mean(base, "blind") - 0.002))
    checks = quality + [
        ("corpus harmless (shipped pair <= 10, held-out <= 5; mean +0.5 at most)",
         cand[0]["harmless"] <= 10 and cand[0]["measure"] <= 5
         and mean(cand, "harmless") <= mean(base, "harmless") + 0.5),
    ]
    for name, ok in checks:
        print(("PASS " if ok else "FAIL ") + name)
    ok = all(ok for _, ok in checks)
    print("SHIP" if ok else "REJECT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
