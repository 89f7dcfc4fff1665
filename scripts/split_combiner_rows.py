#!/usr/bin/env python3
"""Choose the corpus rows the combiner may be fitted on, and the ones kept for measuring.

The combiner (a few parameters that say how much the learned model weighs against the
rules) is fitted on rows that neither the rules were written from nor the model trained on:
- the dev half of pages-dev2 (splits/pages-dev2-dev.ids);
- half of the benign and other-fraud rows of the corpus files that cannot train shipped
  n-gram weights (non-commercial, unlicensed), chosen by the parity of sha256(id).
The other half of those rows is splits/corpus-measure.ids: false alarms are reported on it
apart from the rows the combiner saw. Writes ids only, never texts.
"""
import hashlib
import json
import sys
from pathlib import Path

corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
root = Path(__file__).resolve().parent.parent
fit = [line.strip() for line in (root / "splits/pages-dev2-dev.ids").open() if line.strip()]
measure = []
for name in ["telecom-fraud-texts-5", "zh-sms-spam-800k", "uci-sms-spam", "teleantifraud-multiagent"]:
    for line in (corpus / f"{name}.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("label") not in ("benign", "other_fraud"):
            continue
        side = hashlib.sha256(row["id"].encode("utf-8")).digest()[0] % 2
        (fit if side == 0 else measure).append(row["id"])
(root / "splits/combiner-fit.ids").write_text("".join(i + "\n" for i in fit), encoding="utf-8")
(root / "splits/corpus-measure.ids").write_text("".join(i + "\n" for i in measure), encoding="utf-8")
print(f"combiner-fit: {len(fit)} ids; corpus-measure: {len(measure)} ids")
