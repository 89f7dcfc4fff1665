#!/usr/bin/env python3
"""A probe, not part of the library: does a feature family built from an outside lexicon
help a plain n-gram classifier on messages nobody here wrote?

Trains two logistic regressions on our training files (tests/labelled/train/*.jsonl): one
on character 1-3-grams (Han), word 1-2-grams and in-word character 3-5-grams (Latin), as
the shipped model reads them, and one on the same plus the family under test. Prints, for
each, what the two arms' argmax (six classes mapped to verdicts, `accept` lists honoured)
gains and loses row by row on the real development rows (pages-dev and the dev half of
pages-dev2; the frozen half is never read) and on the read blind sets (not blind-c, blind-g
or the unread ones), by language, and how many of the corpus's harmless rows each arm puts
in a collection-abuse or debt-scam class. Aggregate counts only.

Families (`--family`):
  wordnet  English words -> the first sense's synset, its hypernym and the hypernym's
           hypernym, and its lexicographer file (WordNet 3.0, Princeton's licence: the
           Debian package wordnet-base; `--wordnet DIR` = its /usr/share/wordnet)
  pinyin   Han runs -> toneless pinyin syllables and syllable pairs (PyPI pypinyin)
  lexicon  one feature per kind for each listed word the text holds (`--lexicon FILE`:
           `kind<TAB>word` lines, e.g. `scripts/lexicon_from_research.py`'s output; Chinese
           as a substring after Traditional -> Simplified, English at word boundaries)

Needs scikit-learn, scipy, opencc-python-reimplemented (Traditional -> Simplified) and, for
pinyin, pypinyin, in a virtualenv of its own (nothing here is a dependency of the crate):
  python3 -m venv /tmp/probe && /tmp/probe/bin/pip install scikit-learn opencc-python-reimplemented pypinyin
  apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
  /tmp/probe/bin/python scripts/probes/external_features.py --family wordnet \
      --wordnet /tmp/wn/usr/share/wordnet --C 10 [--parts SHIL] [--subsample-seed 1]
Reads ../shared/corpus (or $COLLECTGUARD_CORPUS); without it, says so and exits 0.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
CORPUS = os.environ.get('COLLECTGUARD_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus'))
CLASSES = ['legit_collection', 'abusive_collection', 'fake_collection', 'debt_relief_scam',
           'benign', 'other_fraud']
VERDICT = {'legit_collection': 'legitimate', 'abusive_collection': 'abusive',
           'fake_collection': 'scam', 'debt_relief_scam': 'scam', 'benign': 'not_collection',
           'other_fraud': 'scam'}
HAN = re.compile(r'[\u3400-\u9fff]+')
UNREAD_OR_KEPT_BLIND = ('blind-c.', 'blind-g.', 'blind-bu.', 'blind-bv.', 'blind-bw.', 'blind-bx.', 'blind-by.', 'blind-bz.', 'blind-ca.', 'blind-cb.', 'blind-cc.')


def load(path, ids=None):
    rows = []
    for line in open(path, encoding='utf-8'):
        row = json.loads(line)
        if row.get('label') and (ids is None or row.get('id') in ids):
            rows.append(row)
    return rows


def correct(row, cls):
    verdict = VERDICT[cls]
    if row.get('accept'):
        return verdict in row['accept']
    if row['label'] == 'other_fraud':
        return verdict in ('scam', 'not_collection', 'abusive')
    return verdict == VERDICT[row['label']]


class WordNet:
    """The first sense of an English word in WordNet 3.0's database files."""

    LEXNAMES = ('adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact '
                'noun.attribute noun.body noun.cognition noun.communication noun.event '
                'noun.feeling noun.food noun.group noun.location noun.motive noun.object '
                'noun.person noun.phenomenon noun.plant noun.possession noun.process '
                'noun.quantity noun.relation noun.shape noun.state noun.substance noun.time '
                'verb.body verb.change verb.cognition verb.communication verb.competition '
                'verb.consumption verb.contact verb.creation verb.emotion verb.motion '
                'verb.perception verb.possession verb.social verb.stative verb.weather '
                'adj.ppl').split()
    POS = {'n': 'noun', 'v': 'verb', 'a': 'adj'}
    SUFFIXES = {'n': [('s', ''), ('ses', 's'), ('xes', 'x'), ('zes', 'z'), ('ches', 'ch'),
                      ('shes', 'sh'), ('men', 'man'), ('ies', 'y')],
                'v': [('s', ''), ('ies', 'y'), ('es', 'e'), ('es', ''), ('ed', 'e'),
                      ('ed', ''), ('ing', 'e'), ('ing', '')],
                'a': [('er', ''), ('est', ''), ('er', 'e'), ('est', 'e')]}
    STOP = set('i me my we our you your he him his she her it its they them their a an the '
               'and or but if of to in on at by for with from is are was were be been am do '
               'does did have has had will would can could shall should may might must not '
               'no this that these those there here what which who whom when where why how '
               'all any some as so than too very just also only then now up out about into '
               'over again'.split())

    def __init__(self, directory):
        self.index, self.data, self.exc = {}, {}, {}
        for pos, name in self.POS.items():
            index = {}
            for line in open(os.path.join(directory, 'index.' + name), encoding='latin-1'):
                if line.startswith('  '):
                    continue
                f = line.split()
                pointers = int(f[3])
                index[f[0]] = [int(o) for o in f[4 + pointers + 2:]]
            data = {}
            for line in open(os.path.join(directory, 'data.' + name), encoding='latin-1'):
                if line.startswith('  '):
                    continue
                f = line.split(' | ')[0].split()
                words = int(f[3], 16)
                i = 4 + 2 * words
                hypernyms = []
                for _ in range(int(f[i])):
                    symbol, offset = f[i + 1], f[i + 2]
                    i += 4
                    if symbol in ('@', '@i'):
                        hypernyms.append(int(offset))
                data[int(f[0])] = (int(f[1]), hypernyms)
            exc = {}
            for line in open(os.path.join(directory, name + '.exc'), encoding='latin-1'):
                f = line.split()
                if len(f) >= 2 and f[1] in index:
                    exc[f[0]] = f[1]
            self.index[pos], self.data[pos], self.exc[pos] = index, data, exc
        self.cache = {}

    def lemmas(self, word, pos):
        if word in self.index[pos]:
            yield word
        if word in self.exc[pos]:
            yield self.exc[pos][word]
        for suffix, replacement in self.SUFFIXES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                base = word[:-len(suffix)] + replacement
                if base in self.index[pos]:
                    yield base

    def features(self, word):
        if word in self.cache:
            return self.cache[word]
        out = []
        if word not in self.STOP and len(word) > 2:
            for pos in ('n', 'v', 'a'):
                for lemma in self.lemmas(word, pos):
                    offset = self.index[pos][lemma][0]
                    lexname, hypernyms = self.data[pos][offset]
                    out += ['S%s%d' % (pos, offset), 'L' + self.LEXNAMES[lexname]]
                    for h in hypernyms[:1]:
                        out.append('H%s%d' % (pos, h))
                        for h2 in self.data[pos].get(h, (0, []))[1][:1]:
                            out.append('I%s%d' % (pos, h2))
                    break
        self.cache[word] = out
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--family', choices=['wordnet', 'pinyin', 'lexicon'], required=True)
    ap.add_argument('--lexicon', help='lexicon: kind<TAB>word lines (# comments)')
    ap.add_argument('--harvested', help='also count gains and losses on these real rows (JSONL)')
    ap.add_argument('--wordnet', help="WordNet 3.0's database directory")
    ap.add_argument('--C', type=float, default=10.0, help='inverse L2 strength')
    ap.add_argument('--parts', default='SHIL',
                    help='wordnet: which features to keep, of S (synset), H (hypernym), '
                         'I (its hypernym), L (lexicographer file)')
    ap.add_argument('--subsample-seed', type=int,
                    help='train both arms on a seeded 90 %% subsample of the training rows')
    args = ap.parse_args()
    if not os.path.isdir(CORPUS):
        print('note: %s not found; no real rows to probe' % CORPUS, file=sys.stderr)
        return 0
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    import opencc
    to_simplified = opencc.OpenCC('t2s')

    def norm(text):
        return to_simplified.convert(text.lower())

    def ngrams(text):
        t = norm(text)
        out = []
        for run in HAN.findall(t):
            for n in (1, 2, 3):
                out += ['c' + run[i:i + n] for i in range(len(run) - n + 1)]
        words = re.findall(r'[a-z0-9]+', t)
        out += ['w' + w for w in words] + ['w%s_%s' % p for p in zip(words, words[1:])]
        for w in words:
            w = '<' + w + '>'
            for n in (3, 4, 5):
                out += ['g' + w[i:i + n] for i in range(len(w) - n + 1)]
        return out

    if args.family == 'wordnet':
        wordnet = WordNet(args.wordnet)

        def family(text):
            return [f for w in re.findall(r'[a-z]+', norm(text)) for f in wordnet.features(w)
                    if f[0] in args.parts]
    elif args.family == 'lexicon':
        lexicon = {}
        for line in open(args.lexicon, encoding='utf-8'):
            if line.strip() and not line.startswith('#'):
                kind, word = line.rstrip('\n').split('\t', 1)
                lexicon.setdefault(kind, []).append(word)
        patterns = {}
        for kind, words in lexicon.items():
            han = sorted({norm(w) for w in words if HAN.search(w)}, key=len, reverse=True)
            latin = sorted({norm(w) for w in words if not HAN.search(w)}, key=len, reverse=True)
            parts = [re.escape(w) for w in han] + [r'\b%s\b' % re.escape(w) for w in latin]
            patterns[kind] = re.compile('|'.join(parts)) if parts else None

        def family(text):
            t = norm(text)
            out = []
            for kind, pattern in patterns.items():
                hits = len(pattern.findall(t)) if pattern else 0
                out += ['X' + kind] * min(hits, 3)
            return out
    else:
        from pypinyin import lazy_pinyin

        def family(text):
            out = []
            for run in HAN.findall(norm(text)):
                syllables = lazy_pinyin(run)
                out += ['p' + s for s in syllables]
                out += ['p%s_%s' % p for p in zip(syllables, syllables[1:])]
            return out

    train = [r for f in sorted(glob.glob(os.path.join(ROOT, 'tests/labelled/train/*.jsonl')))
             for r in load(f)]
    if args.subsample_seed is not None:
        import random
        draw = random.Random(args.subsample_seed)
        train = [r for r in train if draw.random() < 0.9]
    dev_ids = set(open(os.path.join(ROOT, 'splits/pages-dev2-dev.ids')).read().split())
    real = load(os.path.join(CORPUS, 'pages-dev.jsonl')) + load(
        os.path.join(CORPUS, 'pages-dev2.jsonl'), dev_ids)
    blind = [r for f in sorted(glob.glob(os.path.join(ROOT, 'tests/labelled/blind-*.jsonl')))
             if not any(s in f for s in UNREAD_OR_KEPT_BLIND) for r in load(f)]
    harmless = [r for name in ('telecom-fraud-texts-5', 'zh-sms-spam-800k', 'uci-sms-spam',
                               'teleantifraud-multiagent')
                for r in load(os.path.join(CORPUS, name + '.jsonl')) if r['label'] == 'benign']
    sets = {'real': real, 'blind': blind, 'harmless': harmless}
    if args.harvested:
        sets['harvested'] = load(args.harvested)

    def predictions(features):
        vectorizer = HashingVectorizer(n_features=2 ** 20, analyzer=lambda x: x,
                                       alternate_sign=False, norm='l2')
        model = LogisticRegression(C=args.C, max_iter=300, class_weight='balanced')
        model.fit(vectorizer.transform([features(r['text']) for r in train]),
                  [CLASSES.index(r['label']) for r in train])
        return {name: model.predict(vectorizer.transform([features(r['text']) for r in rows]))
                for name, rows in sets.items()}

    base = predictions(ngrams)
    with_family = predictions(lambda t: ngrams(t) + family(t))
    print('family %s%s, C = %g, %d training rows' % (
        args.family, ' (%s)' % args.parts if args.family == 'wordnet' else '', args.C,
        len(train)))
    for name in ('real', 'blind', 'harvested'):
        if name not in sets:
            continue
        for lang in ('en', 'zh'):
            gained = lost = total = 0
            for row, a, b in zip(sets[name], base[name], with_family[name]):
                if (lang == 'zh') != bool(HAN.search(row['text'])):
                    continue
                total += 1
                ok_a, ok_b = correct(row, CLASSES[a]), correct(row, CLASSES[b])
                gained += ok_b and not ok_a
                lost += ok_a and not ok_b
            print('%-5s %s: %5d rows, %3d gained, %3d lost' % (name, lang, total, gained, lost))
    flagged = lambda p: CLASSES[p] in ('abusive_collection', 'fake_collection', 'debt_relief_scam')
    print('harmless rows flagged: %d -> %d of %d' % (
        sum(map(flagged, base['harmless'])), sum(map(flagged, with_family['harmless'])),
        len(harmless)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
