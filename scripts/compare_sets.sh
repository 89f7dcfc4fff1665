#!/usr/bin/env bash
# One line of headline figures per evaluation set (the frozen and dev halves of
# pages-dev2, pages-dev, every blind set, wave 4, the own set, the corpus's harmless rows,
# the corpus's comments about collection),
# for comparing a model or a change across all of them at once. Extra arguments go to
# every `evaluate` run, e.g. `scripts/compare_sets.sh --model /tmp/candidate.cgm` or
# `--without-model`. Reads ../shared/corpus (or $COLLECTGUARD_CORPUS) and the harvested real
# sets in ../realsets (or $COLLECTGUARD_REALSETS) when present.
# Build first: cargo build --release --examples
set -uo pipefail
cd "$(dirname "$0")/.."
C="${COLLECTGUARD_CORPUS:-../shared/corpus}"
E=./target/release/examples/evaluate
L=tests/labelled
row() {
  local name=$1; shift
  "$E" "$@" "${EXTRA[@]}" --json 2>/dev/null | python3 -c "
import json, sys
d = json.load(sys.stdin)['all']
g = lambda k: d[k]['value'] or 0.0
lab = {l['label']: l for l in d['labels']}
print('%-10s n=%4d acc %.3f F1 %.3f scam %.3f abuse %.3f FA %d/%d legit-R %.3f' % (
    '$name', d['rows'], g('accuracy'), d['macro_f1'], g('scam_recall'),
    lab['abusive']['recall'] or 0, d['false_alarm']['num'], d['false_alarm']['den'],
    lab['legitimate']['recall'] or 0))
"
}
EXTRA=("$@")
for f in blind-c blind-g blind-m blind-n blind-o blind-p blind-q blind-r blind-s blind-t blind-u blind-v blind-w blind-x blind-y blind-z blind-aa blind-ab blind-ac blind-ad blind-ae blind-af blind-ag blind-ah blind-ai blind-aj blind-ak blind-al blind-am blind-an blind-ao blind-ap blind-aq blind-ar blind-as blind-at blind-au blind-av blind-aw blind-ax blind-ay blind-az blind-ba blind-bb blind-bc blind-bd blind-be blind-bf blind-bg blind-bh blind-bi blind-bj blind-bl blind-bm blind-bn blind-bk blind-bo blind-bp blind-bq blind-br blind-bs blind-bt blind-bu blind-bv blind-bw blind-bx blind-by blind-bz blind-ca blind-cb blind-cc; do row "$f" "$L/$f.jsonl"; done
row wave4 "$L"/wave4/*.jsonl
row wave7 "$L"/wave7/*.jsonl
row wave8 "$L"/wave8/*.jsonl
row wave10 "$L"/wave10/*.jsonl
row wave12 "$L"/wave12/*.jsonl
row wave13 "$L"/wave13/*.jsonl
row wave14 "$L"/wave14/*.jsonl
row wave15 "$L"/wave15/*.jsonl
row wave16 "$L"/wave16/*.jsonl
row wave17 "$L"/wave17/*.jsonl
row wave18 "$L"/wave18/*.jsonl
row wave19 "$L"/wave19/*.jsonl
row own "$L/own.jsonl"
if [ -d "$C" ]; then
  row frozen "$C/pages-dev2.jsonl" --ids splits/pages-dev2-frozen.ids
  row dev2dev "$C/pages-dev2.jsonl" --ids splits/pages-dev2-dev.ids
  row pagesdev "$C/pages-dev.jsonl"
  harmless=("$C/telecom-fraud-texts-5.jsonl" "$C/zh-sms-spam-800k.jsonl"
            "$C/uci-sms-spam.jsonl" "$C/teleantifraud-multiagent.jsonl")
  row measure "${harmless[@]}" --ids splits/corpus-measure.ids --only benign,legit_collection
  row allbenign "${harmless[@]}" --only benign,legit_collection
  # Real comments *about* collection (CDCP; no message to a debtor: all not_collection).
  row posts "$C/cdcp-debt-collection-comments.jsonl" --unlabelled-as benign
else
  echo "note: $C not found; the corpus sets are skipped" >&2
fi
# Real messages quoted in public pages, harvested by helper sessions that never saw the
# project (README "Split protocol"); kept outside the project like the corpus. Near
# duplicates of pages-dev and pages-dev2 are dropped first. Aggregate figures only.
R="${COLLECTGUARD_REALSETS:-../realsets}"
if compgen -G "$R/pages-search-*.jsonl" >/dev/null && [ -d "$C" ]; then
  harvested=$(mktemp)
  python3 scripts/harvested_real.py "$harvested" "$R"/pages-search-*.jsonl \
    --against "$C/pages-dev.jsonl" "$C/pages-dev2.jsonl" >/dev/null
  row harvested "$harvested"
  rm -f "$harvested"
else
  echo "note: no harvested real sets in $R; skipped" >&2
fi
