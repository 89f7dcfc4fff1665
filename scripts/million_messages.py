#!/usr/bin/env python3
"""Writes N varied messages as JSON Lines (default 1,000,000) for the memory and throughput
measurements in README "Benchmarks": each is a row of our own labelled sets
(tests/labelled/train) with its digits redrawn, and every other one spliced with the second
half of another row, so that almost no two texts are the same. Seeded; our words only.

usage: scripts/million_messages.py [N] > messages.jsonl
"""
import glob
import json
import random
import re
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(20261203)
texts = []
for path in sorted(glob.glob("tests/labelled/train/*.jsonl")):
    with open(path, encoding="utf-8") as f:
        texts.extend(json.loads(line)["text"] for line in f if line.strip())
digit = re.compile(r"\d")
out = sys.stdout
for i in range(n):
    text = digit.sub(lambda _: str(rng.randrange(10)), rng.choice(texts))
    if i % 2:
        other = rng.choice(texts)
        text = text + " " + other[len(other) // 2:]
    out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
