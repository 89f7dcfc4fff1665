#!/usr/bin/env python3
"""The training files of tests/labelled/train, one per line, in the names' order shuffled
by a seed: the orders that scripts/learning_curve.sh and scripts/powered_check.sh train
in (one place, so that the same seed gives the same order in both; the shipped model reads
the files in their names' order, as the shell's glob lists them).

usage: train_files.py SEED
"""
import glob
import random
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
files = sorted(glob.glob("tests/labelled/train/*.jsonl"))
random.Random(int(sys.argv[1])).shuffle(files)
print("\n".join(files))
