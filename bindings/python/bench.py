"""Throughput of the Python package (figures for README "Python"): rows/s for short
messages through classify_many on 1 and 2 threads, a Python loop over classify, and the
Spark example in local mode; peak memory of this process.

    python bindings/python/bench.py [--rows 100000] [--spark]

The messages are generated from the project's own labelled sets by
scripts/million_messages.py (our words only).
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import collectguard

ROOT = Path(__file__).resolve().parents[2]


def messages(n):
    out = subprocess.run([sys.executable, "scripts/million_messages.py", str(n)], cwd=ROOT,
                         capture_output=True, check=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def timed(label, n, f):
    start = time.perf_counter()
    f()
    elapsed = time.perf_counter() - start
    print(f"| {label} | {n:,} | {elapsed:.2f} s | {n / elapsed:,.0f} |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--spark", action="store_true", help="also run the Spark example")
    args = parser.parse_args()
    rows = messages(args.rows)
    texts = [r["text"] for r in rows]
    c = collectguard.Classifier()
    c.classify_many(texts[:2000])  # compile the regexes the texts need
    print("| run | rows | time | rows/s |\n|---|---|---|---|")
    timed("Python loop over `classify`", len(texts), lambda: [c.classify(t) for t in texts])
    timed("`classify_many`, 1 thread", len(texts), lambda: c.classify_many(texts, threads=1))
    timed("`classify_many`, 2 threads", len(texts), lambda: c.classify_many(texts, threads=2))
    timed("`classify_many` on dict rows, 2 threads", len(rows),
          lambda: c.classify_many(rows, threads=2))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak_mb:.0f} MB")
    if args.spark:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "messages.jsonl"
            source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                              encoding="utf-8")
            run = subprocess.run(
                [sys.executable, str(Path(__file__).parent / "examples" / "spark_classify.py"),
                 "--input", str(source), "--output", str(Path(tmp) / "out.parquet"),
                 "--master", "local[2]"], capture_output=True, text=True)
            print(run.stdout.strip() or run.stderr[-2000:])


if __name__ == "__main__":
    main()
