#!/usr/bin/env python3
"""Prepare real messages harvested from public pages for a blind, aggregate-only reading.

    scripts/harvested_real.py OUT.jsonl HARVEST.jsonl... [--against FILE.jsonl...]

Harvested files (rows quoted in public pages, collected by helper sessions that never saw
the project: README "Accuracy") live outside the project, like ../shared/corpus: their texts
are other people's words. This script keeps the rows that are new: it drops a row whose text
is a near duplicate of a row in any `--against` file (by default pages-dev.jsonl and
pages-dev2.jsonl of ../shared/corpus or $COLLECTGUARD_CORPUS, which the project has read or
holds frozen) or of an earlier kept row, and writes the rest to OUT for `evaluate`.

Near duplicate: the two texts, normalized (NFKC, lowercase, letters and digits only), share
at least 60 % of the shorter one's character 4-grams. It prints counts only, never a text.
"""
import json
import os
import sys
import unicodedata


def grams(text):
    t = "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())
    if len(t) < 4:
        return {t} if t else set()
    return {t[i : i + 4] for i in range(len(t) - 3)}


def near(a, b):
    if not a or not b:
        return False
    return len(a & b) >= 0.6 * min(len(a), len(b))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, rest = argv[1], argv[2:]
    harvest, against = [], []
    target = harvest
    for a in rest:
        if a == "--against":
            target = against
            continue
        target.append(a)
    if not against:
        corpus = os.environ.get("COLLECTGUARD_CORPUS", "../shared/corpus")
        against = [
            os.path.join(corpus, f)
            for f in ("pages-dev.jsonl", "pages-dev2.jsonl")
            if os.path.exists(os.path.join(corpus, f))
        ]
    seen = []
    for f in against:
        for line in open(f, encoding="utf-8"):
            if line.strip():
                seen.append(grams(json.loads(line)["text"]))
    known = len(seen)
    kept = dropped_known = dropped_self = bad = 0
    with open(out, "w", encoding="utf-8") as w:
        for f in harvest:
            for line in open(f, encoding="utf-8"):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    g = grams(row["text"])
                except (ValueError, KeyError):
                    bad += 1
                    continue
                hit = next((i for i, s in enumerate(seen) if near(g, s)), None)
                if hit is not None:
                    if hit < known:
                        dropped_known += 1
                    else:
                        dropped_self += 1
                    continue
                seen.append(g)
                w.write(json.dumps(row, ensure_ascii=False) + "\n")
                kept += 1
    print(
        f"kept {kept}; dropped {dropped_known} near duplicates of {len(against)} known "
        f"file(s), {dropped_self} of rows kept before, {bad} unreadable"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
