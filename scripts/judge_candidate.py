#!/usr/bin/env python3
"""Judges a candidate model against the shipped configuration by the rule the eleventh
session wrote down before its experiments (README, Accuracy, "Split protocol"; its first
use: docs/accuracy-history.md, "judged by a rule written before the runs"). Reads four outputs of scripts/compare_sets.sh: base and candidate with
the shipped seed, base and candidate with a second seed. Prints the figures the rule looks
at and PASS or FAIL for each condition; exits 0 only when every condition passes.

usage: judge_candidate.py FRESH base.txt cand.txt base_seed7.txt cand_seed7.txt
FRESH: the untouched blind set the change was written against (e.g. blind-ag).
"""
import re
import sys

ROW = re.compile(
    r"(\S+)\s+n=\s*(\d+) acc ([\d.]+) F1 ([\d.]+) scam ([\d.]+) abuse ([\d.]+) FA (\d+)/(\d+)"
)
REAL = ["pagesdev", "dev2dev", "frozen"]


def load(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        m = ROW.match(line)
        if m:
            rows[m[1]] = dict(
                n=int(m[2]), acc=float(m[3]), f1=float(m[4]), scam=float(m[5]),
                abuse=float(m[6]), fa=int(m[7]), fa_of=int(m[8]),
            )
    return rows


def summary(rows, fresh):
    blinds = [k for k in rows if k.startswith("blind-") and k != fresh]
    out = {
        "fresh_f1": rows[fresh]["f1"] if fresh else None,
        "blind_mean": sum(rows[k]["f1"] for k in blinds) / len(blinds),
        "blind_sets": len(blinds),
    }
    if all(k in rows for k in REAL):
        n = sum(rows[k]["n"] for k in REAL)
        out["real_acc"] = sum(rows[k]["acc"] * rows[k]["n"] for k in REAL) / n
        out["real_rows"] = n
    for k in ("allbenign", "measure"):
        if k in rows:
            out[k] = rows[k]["fa"]
    return out


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    fresh = sys.argv[1]
    pairs = [(sys.argv[2], sys.argv[3]), (sys.argv[4], sys.argv[5])]
    checks = []
    fresh_gain = []
    for seed, (base_path, cand_path) in zip(["shipped seed", "seed 7"], pairs):
        base, cand = summary(load(base_path), fresh), summary(load(cand_path), fresh)
        print(f"== {seed}")
        for key in ("fresh_f1", "blind_mean", "real_acc", "allbenign", "measure"):
            if key in base:
                if isinstance(base[key], int):
                    print(f"  {key:<11} {base[key]} -> {cand[key]}")
                else:
                    print(f"  {key:<11} {base[key]:.4f} -> {cand[key]:.4f}")
        fresh_gain.append(cand["fresh_f1"] - base["fresh_f1"])
        checks.append((f"{seed}: {fresh} not lower", cand["fresh_f1"] >= base["fresh_f1"]))
        checks.append((f"{seed}: blind mean within 0.002",
                       cand["blind_mean"] >= base["blind_mean"] - 0.002))
        if "real_acc" in base:
            checks.append((f"{seed}: pooled real rows not lower",
                           cand["real_acc"] >= base["real_acc"] - 1e-9))
            checks.append((f"{seed}: corpus harmless flagged <= 10 of 3,305",
                           cand.get("allbenign", 0) <= 10))
            checks.append((f"{seed}: held-out half <= 5 of 1,604", cand.get("measure", 0) <= 5))
        else:
            print("  (no corpus: the real-row conditions cannot be checked)")
            checks.append((f"{seed}: corpus present", False))
    checks.append((f"{fresh} +0.005 on average", sum(fresh_gain) / 2 >= 0.005))
    for name, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    passed = all(ok for _, ok in checks)
    print("SHIP" if passed else "REJECT")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
