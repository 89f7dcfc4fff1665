#!/usr/bin/env python3
"""Split ../shared/corpus/pages-dev2.jsonl into a frozen test half and a dev half, by source.

Every row of one `url` goes to the same side: the side is the parity of the first byte of
sha256(url), so the split is fixed by the data alone and needs no seed. Prints only
aggregate counts (the frozen half is read only as figures). Writes the ids of each side to
splits/pages-dev2-frozen.ids and splits/pages-dev2-dev.ids (ids, never texts).
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/pages-dev2.jsonl")
rows = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
sides = {"frozen": [], "dev": []}
for row in rows:
    first = hashlib.sha256(row["url"].encode("utf-8")).digest()[0]
    sides["frozen" if first % 2 == 0 else "dev"].append(row)
out = Path(__file__).resolve().parent.parent / "splits"
out.mkdir(exist_ok=True)
for side, members in sides.items():
    (out / f"pages-dev2-{side}.ids").write_text(
        "".join(r["id"] + "\n" for r in members), encoding="utf-8"
    )
    print(side, len(members), "rows,", len({r["url"] for r in members}), "sources")
    print("  labels:", dict(sorted(Counter(r["label"] for r in members).items())))
    print("  langs: ", dict(sorted(Counter(r["lang"] for r in members).items())))
