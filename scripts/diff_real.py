#!/usr/bin/env python3
"""The real development rows whose verdict two configurations give differently: pages-dev
and the dev half of pages-dev2 (splits/pages-dev2-dev.ids) — the real rows the split
protocol lets us read row by row. The frozen half is never listed (README, Accuracy,
"Split protocol"). For each changed row: its id, case label, the two verdicts (OK when the
row accepts it), the model's findings under each, and the text's first characters.

usage: scripts/diff_real.py "A options" "B options"
  each a quoted list of `classify` options; "-" for none (the embedded model), e.g.
  scripts/diff_real.py - "--model /tmp/candidate.cgm"
  scripts/diff_real.py --without-model -
Build first: cargo build --release --examples. Reads ../shared/corpus (or
$COLLECTGUARD_CORPUS); says so and exits 0 when it is absent.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.environ.get("COLLECTGUARD_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
CLASSIFY = os.path.join(ROOT, "target", "release", "examples", "classify")
# The verdicts a case label accepts when a row has no `accept` list, as `evaluate` counts
# them (tests/support/eval.rs, `CaseLabel::expects`: other fraud is right unless called
# lawful or unverified).
DEFAULT_ACCEPT = {
    "legit_collection": ["legitimate"],
    "abusive_collection": ["abusive"],
    "fake_collection": ["scam"],
    "debt_relief_scam": ["scam"],
    "other_fraud": ["scam", "abusive", "not_collection"],
    "benign": ["not_collection"],
}


def dev_rows():
    dev_ids = set(open(os.path.join(ROOT, "splits", "pages-dev2-dev.ids")).read().split())
    rows = [json.loads(line) for line in open(os.path.join(CORPUS, "pages-dev.jsonl"))]
    for line in open(os.path.join(CORPUS, "pages-dev2.jsonl")):
        row = json.loads(line)
        if row["id"] in dev_ids:
            rows.append(row)
    return rows


def verdicts(options, rows):
    args = [] if options == "-" else options.split()
    lines = "".join(json.dumps({"text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    out = subprocess.run([CLASSIFY, "--jsonl", *args], input=lines.encode(),
                         capture_output=True, check=True).stdout.decode().splitlines()
    return [json.loads(line) for line in out]


def model_findings(verdict):
    return " ".join(f"{f['rule_id']}({f['weight']:.1f})" for f in verdict["findings"]
                    if f["rule_id"].startswith("model."))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    if not os.path.isdir(CORPUS):
        print(f"note: {CORPUS} not found; nothing to compare", file=sys.stderr)
        return
    rows = dev_rows()
    a, b = verdicts(sys.argv[1], rows), verdicts(sys.argv[2], rows)
    right = {"a": 0, "b": 0}
    for row, x, y in zip(rows, a, b):
        accept = row.get("accept") or DEFAULT_ACCEPT[row["label"]]
        right["a"] += x["label"] in accept
        right["b"] += y["label"] in accept
        if x["label"] == y["label"]:
            continue
        mark = lambda v: "OK " if v["label"] in accept else "bad"
        text = row["text"][:80].replace("\n", " ")
        print(f"{row['id']} {row['label']}: {x['label']} {mark(x)} -> {y['label']} {mark(y)}"
              f" | {model_findings(x)} || {model_findings(y)} | {text}")
    print(f"right: {right['a']} -> {right['b']} of {len(rows)} real development rows")


if __name__ == "__main__":
    main()
