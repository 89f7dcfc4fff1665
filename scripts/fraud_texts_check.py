#!/usr/bin/env python3
"""Aggregate figures on the corpus's real fraud and harmless texts, by split half.

For each classify binary given (default: target/release/examples/classify), prints how many
of the corpus's other-fraud rows are called `scam` (and `legitimate`), and how many of its
harmless rows are flagged (`scam` or `abusive`) or called `legitimate`, separately for the
combiner-fit half (`splits/combiner-fit.ids`, which may be read row by row) and the
held-out half (every other row, read only as these counts), and the other-fraud counts by
the fraud texts' own categories (`source_label` of telecom-fraud-texts-5). No text is
printed. Reads ../shared/corpus (or $COLLECTGUARD_CORPUS); says so and exits 0 without it.

    cargo build --release --examples
    scripts/fraud_texts_check.py [BIN ...]
"""
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
CORPUS = os.environ.get('COLLECTGUARD_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus'))
FILES = ['telecom-fraud-texts-5', 'teleantifraud-multiagent', 'uci-sms-spam', 'zh-sms-spam-800k']


def main():
    bins = sys.argv[1:] or [os.path.join(ROOT, 'target', 'release', 'examples', 'classify')]
    if not os.path.isdir(CORPUS):
        print(f'fraud_texts_check: no corpus at {CORPUS}; nothing measured')
        return
    rows = []
    for name in FILES:
        path = os.path.join(CORPUS, name + '.jsonl')
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                rows += [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if r.get('label') in ('other_fraud', 'benign')]
    with open(os.path.join(ROOT, 'splits', 'combiner-fit.ids')) as f:
        fit = {line.strip() for line in f}
    text = ''.join(json.dumps({'id': str(i), 'text': r['text']}, ensure_ascii=False) + '\n'
                   for i, r in enumerate(rows))
    for binary in bins:
        out = subprocess.run([binary, '--jsonl', '--compact'], input=text.encode(),
                             capture_output=True, check=True).stdout.decode().splitlines()
        c = collections.Counter()
        for row, line in zip(rows, out):
            label = json.loads(line)['label']
            half = 'fit' if row['id'] in fit else 'held-out'
            if row['label'] == 'other_fraud':
                c[half, 'fraud'] += 1
                c[half, 'fraud scam'] += label == 'scam'
                c[half, 'fraud legit'] += label == 'legitimate'
                kind = row.get('source_label')
                if kind and not kind.isdigit():
                    c[half, kind] += 1
                    c[half, kind, 'scam'] += label == 'scam'
            else:
                c[half, 'harmless'] += 1
                c[half, 'harmless flagged'] += label in ('scam', 'abusive')
                c[half, 'harmless legit'] += label == 'legitimate'
        print(binary)
        for half in ('fit', 'held-out'):
            kinds = sorted({k[1] for k in c if k[0] == half and len(k) == 2
                            and k[1] not in ('fraud', 'fraud scam', 'fraud legit', 'harmless',
                                             'harmless flagged', 'harmless legit')})
            by_kind = ', '.join(f'{k} {c[half, k, "scam"]}/{c[half, k]}' for k in kinds)
            print(f'  {half}: other fraud called scam {c[half, "fraud scam"]}/{c[half, "fraud"]}'
                  f' (legitimate {c[half, "fraud legit"]}); harmless flagged'
                  f' {c[half, "harmless flagged"]}/{c[half, "harmless"]}'
                  f' (legitimate {c[half, "harmless legit"]}); by kind: {by_kind}')


if __name__ == '__main__':
    main()
