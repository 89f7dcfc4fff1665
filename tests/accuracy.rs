//! Accuracy floors of the default classifier.
//!
//! - `own_labelled_set` always runs: `tests/labelled/own.jsonl` (messages written for this
//!   test, in Chinese and English) must stay above the `OWN_*` floors.
//! - `corpus` runs when the development corpus is there (`../shared/corpus` next to the
//!   crate, or the folder in `COLLECTGUARD_CORPUS`): `pages-dev.jsonl` per language, and
//!   every `benign` and `other_fraud` row of every `*.jsonl` file in it.
//! - `harvested_real_sets` runs when harvested real rows are there as well
//!   (`../realsets/pages-search-*.jsonl`, or the folder in `COLLECTGUARD_REALSETS`).
//!
//! The issue's targets are the `TARGET_*` constants; the engine does not reach all of them
//! yet. The test asserts the `PINNED_*` floors, which are what the engine measurably reaches
//! today (a little below the measured figures), so that it catches regressions, and prints
//! which targets are not met yet. Metric definitions: `tests/support/eval.rs`.
//!
//! Run with `cargo test --test accuracy -- --nocapture` to see the figures.

#[path = "support/eval.rs"]
mod eval;

use std::path::{Path, PathBuf};
use std::time::Instant;

use collectguard::{Classifier, Label};
use eval::{CaseLabel, Evaluation, Figures, LangGroup, Row, RowSet};

// --- the issue's targets ----------------------------------------------------------------

/// pages-dev, per language: minimum scam recall (fake_collection + debt_relief_scam).
const TARGET_SCAM_RECALL: f64 = 0.95;
/// pages-dev, per language: maximum share of legit_collection + benign rows called scam or
/// abusive.
const TARGET_FALSE_ALARMS: f64 = 0.03;
/// pages-dev, per language: minimum macro-F1 over scam, abusive, legitimate, not_collection.
const TARGET_MACRO_F1: f64 = 0.85;
/// All benign rows of the corpus: maximum share called scam or abusive (issue 10: 0.3 %).
const TARGET_BENIGN_FLAGGED: f64 = 0.003;
/// Issue 10, on the frozen half of pages-dev2 (real messages, read only as figures) and on
/// each blind set: macro-F1, scam recall and abusive recall at least, false alarms at most.
const TARGET_UNSEEN: [f64; 4] = [0.85, 0.85, 0.80, 0.03];
/// All benign rows of the corpus: maximum share called legitimate (none).
const TARGET_BENIGN_LEGIT: f64 = 0.0;
/// All other_fraud rows of the corpus: maximum share called legitimate.
const TARGET_OTHER_FRAUD_LEGIT: f64 = 0.01;

// --- pinned floors ----------------------------------------------------------------------
//
// What the engine reaches today (measured at commits 3399947 and 6af1742 with
// `cargo test --test accuracy -- --nocapture`), rounded a little below the measured figure,
// or a little above it for the rates that must stay low. A rate that already meets its
// target is pinned no looser than the target. The pinned floors are ratcheted up toward the
// targets as accuracy improves; lower one only with a reason in the commit message.

/// Measured 0.958 (23/24 rows) after the freeze/summons/relief-advert rules of 2026-11-28
/// (session 3); meets the target, so pinned at it.
const PINNED_ZH_SCAM_RECALL: f64 = TARGET_SCAM_RECALL;
/// Measured 0.000 (0/18 rows); the target allows no row either.
const PINNED_ZH_FALSE_ALARMS: f64 = TARGET_FALSE_ALARMS;
/// Measured 0.959 (session 3).
/// 0.947 with the final learned model combined (issue 10: 0.014 below the rules alone);
/// 0.937 with the wave-5 model (2026-12-03: one row; the blind sets rose 1–5 points).
const PINNED_ZH_MACRO_F1: f64 = 0.93;
/// Measured 0.955 (21/22 rows) at 7e4072b with the rules alone; 0.909 (20/22) with the
/// learned model combined (issue 10): lowered, the model's legit and scam findings moved
/// two English rows; the blind and frozen sets rose by 9–20 points in exchange.
const PINNED_EN_SCAM_RECALL: f64 = 0.90;
/// Measured 0.000 (0/41 rows) with the rules alone; 0.024 (1/41) with the learned model
/// (issue 10); 0.073 (3/41) with the wave-6 model (2026-12-03): two stern English lawful
/// notices read as scam or abusive to it, while every blind set and the frozen half rose
/// 1.5–6 points of macro-F1. Above the target (0.03): a known regression.
const PINNED_EN_FALSE_ALARMS: f64 = 0.075;
/// Measured 0.897 at 7e4072b; 0.879 with the learned model (issue 10).
const PINNED_EN_MACRO_F1: f64 = 0.87;
/// Measured 0.0006 (2/3,336 rows) with the rules alone; 0.0018 (6/3,336) with the learned
/// model (issue 10: target ≤ 0.003); 0.0027 (9/3,303) with the wave-6 model; pinned at the
/// target.
const PINNED_BENIGN_FLAGGED: f64 = TARGET_BENIGN_FLAGGED;
/// Measured 0.000 (0/3,324 rows); allows 1 row (the target allows none).
const PINNED_BENIGN_LEGIT: f64 = 0.0005;
/// Measured 0.000 (0/2,287 rows) with the rules alone; 0.002 (5/2,317) with the learned
/// model (issue 10); 0.0018 (4/2,236) before wave 9 and 0.0031 (7/2,236) with it (its
/// lawful notices and their scam twins); allows 8 rows (the target allows 23).
const PINNED_OTHER_FRAUD_LEGIT: f64 = 0.0036;
/// Real comments *about* debt collection (`cdcp-debt-collection-comments.jsonl`, 731
/// comments on the CFPB's rule, label null: none is a message to a debtor, so every one is
/// benign): at least this share called `not_collection`, at most this share called scam or
/// abusive. Measured 0.439 and 0.062 (45 rows) before the first-person account rule
/// (2026-12-03, seventh session), 0.689 and 0.040 (29) with it, 0.858 and 0.040 with the
/// unaddressed-text rule as well, 0.848 and 0.042 (31) once the account rule left lawful
/// collectors' first-person voicemails alone; 0.914 and 0.036 (26) with the model's
/// harmless demotion (sixteenth session).
const PINNED_POSTS: [f64; 2] = [0.90, 0.04];

/// The frozen half of pages-dev2: macro-F1, scam recall, abusive recall (at least), false
/// alarms (at most). Rules alone: 0.551 / 0.259 / 0.600 / 0.000; with the learned model
/// (issue 10): 0.644 / 0.519 / 0.600 / 0.056 (1 of 18); with the wave-5 model (bagged,
/// 2026-12-03): 0.679 / 0.481 (13 of 27, one row less) / 0.600 / 0.000; with the wave-6
/// model: 0.705 / 0.556 / 0.800 / 0.056 (1 of 18); legit and collection gates that may
/// speak alone: 0.744 / 0.556 / 0.800 / 0.000; with the sixteenth session's promotions
/// and demotion: 0.768 / 0.667 / 0.800 / 0.056. 68 rows: a row moves 0.02–0.2.
const PINNED_FROZEN: [f64; 4] = [0.75, 0.63, 0.75, 0.06];

/// The harvested real rows (`../realsets/pages-search-*.jsonl`, fortieth session: messages
/// quoted in public pages, found and labelled by helper sessions that never saw the
/// project, near duplicates of pages-dev and pages-dev2 dropped; read only as figures):
/// macro-F1, scam recall, abusive recall (at least), false alarms (at most). Measured at
/// their first reading (141 rows): 0.676 / 0.870 / 0.394 / 0.028 (1 of 36); rules alone
/// 0.386 / 0.500. A second harvest in the forty-first session (`pages-search-e…g`, 133 new
/// rows after near duplicates of pages-dev, pages-dev2 and the first harvest were dropped)
/// read alone, with the same model: 0.620 / 0.714 / 0.419 / 0.057 (2 of 35); all 274
/// together: 0.660 / 0.833 / 0.406 / 0.042 (3 of 71). A third harvest in the forty-second
/// session (`pages-search-h…j`: lenders' templates in public code, Chinese court and news
/// quotes, English court and news quotes; 46 new rows) read alone: 0.797 / 0.857 / 0.625 /
/// 0.000 (0 of 18); all 320 together: 0.693 / 0.836 / 0.437 / 0.034 (3 of 89). A fourth in
/// the forty-third session (`pages-search-k`, `l`: messages pasted into GitHub issues and kept
/// in public code's test fixtures and lenders' templates; 75 new rows, near duplicates of the
/// corpus's files dropped too) read alone: 0.709 / 0.286 (2 of 7: debt-relief spam written as
/// testimonials) / 0.750 / 0.019 (1 of 53); all 395 together: 0.714 / 0.784 / 0.468 / 0.028
/// (4 of 142). A row moves macro-F1 by about 0.005.
const PINNED_HARVESTED: [f64; 4] = [0.65, 0.75, 0.40, 0.06];

// --- floors of the own labelled set (always checked) ------------------------------------
//
// Measured at the same commit; same rounding.

/// Measured 0.966 (140/145 rows, session 3, 6c7d59c).
const OWN_ACCURACY: f64 = 0.95;
/// Measured 0.976 (6c7d59c).
const OWN_MACRO_F1: f64 = 0.96;
/// Measured 0.979 (47/48 rows, 6c7d59c).
const OWN_SCAM_RECALL: f64 = 0.97;
/// Measured 0.000 (0/49 rows, session 3); allows one row.
const OWN_FALSE_ALARMS: f64 = 0.03;
/// Measured 0.963 (105/109 rows, session 3).
const OWN_ZH_ACCURACY: f64 = 0.95;
/// Measured 0.972 (35/36 rows, session 3).
const OWN_ZH_SCAM_RECALL: f64 = 0.96;

// --- floors of the sets written without seeing the rules (always checked) ---------------
//
// Each set in tests/labelled/ below was written by a helper session that had seen neither
// the rules nor the corpus (25 rows per label). Since issue 10 the read sets also train the
// learned model, so their figures (floors ratcheted to a little below the combined
// classifier's) are in-sample for it: regression checks, not estimates. "Read" sets have had their misses studied
// and rules written from them: they are development data from then on, and their figures
// are optimistic. "Blind" sets have not been read by anyone working on the rules: their
// figures are the closest we have to unseen messages. Never tune rules on a blind set's
// misses; when one is used up, mark it read and write a new one.

/// One set and its floors: accuracy and scam recall at least, false alarms (legitimate or
/// benign called scam or abusive) at most.
struct LabelledSet {
    file: &'static str,
    blind: bool,
    accuracy: f64,
    scam_recall: f64,
    false_alarms: f64,
}

const LABELLED_SETS: &[LabelledSet] = &[
    // Read since 0ad9b41. First seen 0.613 accuracy / 0.400 scam recall; measured 0.933 /
    // 0.920 / 0 false alarms at 9752216.
    LabelledSet {
        file: "holdout-a.jsonl",
        blind: false,
        accuracy: 0.94,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // Read since 9752216 (blind until then). First seen 0.573 / 0.520; blind figure just
    // before it was read 0.627 / 0.520 / 0; measured 0.893 / 0.920 / 0 at 9752216.
    LabelledSet {
        file: "holdout-b.jsonl",
        blind: false,
        accuracy: 0.93,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // Read since f41af5c. First seen 0.600 / 0.500; measured 0.813 / 0.820 / 0 at 9752216.
    LabelledSet {
        file: "dev-d.jsonl",
        blind: false,
        accuracy: 0.9,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // Read since f576580. First seen 0.513 / 0.320 / 1 false alarm in 50; measured 0.740 /
    // 0.680 / 0 at 9752216.
    LabelledSet {
        file: "dev-e.jsonl",
        blind: false,
        accuracy: 0.9,
        scam_recall: 0.95,
        false_alarms: 0.0,
    },
    // English only. Read since 32de98d. First seen 0.547 / 0.480 / 2 false alarms in 50;
    // measured 0.973 / 1.000 / 0 at 6039bdd.
    LabelledSet {
        file: "dev-f.jsonl",
        blind: false,
        accuracy: 0.94,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // Chinese, varied fake and abusive wording. Read since 25401eb. First seen 0.440 / 0.345
    // / 0; measured 0.720 / 0.673 / 0 at f66a277.
    LabelledSet {
        file: "dev-h.jsonl",
        blind: false,
        accuracy: 0.91,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // English, varied fake and abusive wording. Read since 2c932d9. First seen 0.360 / 0.309
    // / 0; measured 0.600 / 0.345 / 0 after the criminal-threat composite.
    LabelledSet {
        file: "dev-i.jsonl",
        blind: false,
        accuracy: 0.89,
        scam_recall: 0.91,
        false_alarms: 0.0,
    },
    // Short messages, 100 zh + 50 en. Read since 2d33595. First seen 0.540 / 0.527 / 0;
    // measured 0.647 / 0.636 / 0 at 88bfd1a.
    LabelledSet {
        file: "dev-j.jsonl",
        blind: false,
        accuracy: 0.91,
        scam_recall: 0.97,
        false_alarms: 0.0,
    },
    // Lawful and harmless messages first (50 legit, 40 benign), zh + en. Read since this
    // commit. First seen 0.700 / 0.767 / 4 false alarms in 90; measured 0.753 / 0.767 / 0 at
    // 1d0a12b.
    LabelledSet {
        file: "dev-k.jsonl",
        blind: false,
        accuracy: 0.87,
        scam_recall: 0.96, // 0.967 (29/30) with the wave-5 model
        false_alarms: 0.0,
    },
    // Blind. First seen 0.587 / 0.500 / 0; measured 0.687 / 0.680 / 0 at 034a646.
    LabelledSet {
        file: "blind-c.jsonl",
        blind: true,
        // With the learned model (issue 10): 0.900 / 1.000 / 0; wave-6 model: 0.913 / 1.000 / 0.
        accuracy: 0.90,
        scam_recall: 0.98,
        false_alarms: 0.0,
    },
    // Blind, written after 9752216 (180 rows, 30 per label). First seen at 9752216: 0.594
    // accuracy, 0.450 scam recall, 2 of 60 legitimate or benign rows called scam or
    // abusive; measured 0.628 / 0.483 / 2 of 60 at 1d0a12b. The false-alarm target of the
    // corpus (0.03) is not met on this set: 0.033.
    LabelledSet {
        file: "blind-g.jsonl",
        blind: true,
        // With the learned model (issue 10): 0.900 / 0.983 / 2 of 60; wave-5 model: 0.883 /
        // 0.950 / 2 of 60; wave-6 model: 0.900 / 0.967 / 3 of 60 (one lawful row more).
        accuracy: 0.88,
        scam_recall: 0.95,
        false_alarms: 0.05,
    },
    // Blind, written from PLAN.md after the wave-1 model, before the wave-2 data (issue 10;
    // 300 rows, 50 per label, half short). Rules alone: 0.530 accuracy, 0.350 scam recall,
    // 3 of 100 false alarms; with the wave-1 model 0.717 / 0.660 / 4 of 100.
    LabelledSet {
        file: "blind-n.jsonl",
        blind: true,
        // With the final model (issue 10): 0.783 / 0.830 / 5 of 100; with the wave-5 model
        // (2026-12-03): 0.800 / 0.870 / 4 of 100; wave-6 model: 0.827 / 0.860 / 4 of 100;
        // gates that may speak alone: 0.843 / 0.850 / 4 of 100; `model.scam` for the debt
        // scams only: 0.860 / 0.910 / 5 of 100; wave 9: 0.863 / 0.910 / 6 of 100.
        accuracy: 0.83,
        scam_recall: 0.84,
        false_alarms: 0.06,
    },
    // Blind, written from tests/labelled/PLAN.md before the learned scorer (issue 10; 360
    // rows, 60 per label, 11 regions). Before the model (rules alone): 0.525 accuracy, 0.358
    // scam recall, 1 of 120 false alarms; with the wave-1 model: 0.719 / 0.700 / 1 of 120.
    LabelledSet {
        file: "blind-m.jsonl",
        blind: true,
        // With the final model (issue 10): 0.778 / 0.858 / 2 of 120; with the wave-5 model
        // (2026-12-03): 0.822 / 0.883 / 1 of 120; wave-6 model: 0.831 / 0.900 / 1 of 120;
        // legit and collection gates that may speak alone: 0.850 / 0.875 / 1 of 120 (three
        // scam rows fewer: the budget raised the scam offsets; macro-F1 0.824 -> 0.868);
        // with the budget raising the scam and abusive gates separately: 0.858 / 0.900;
        // `model.scam` standing for the debt scams only (not other fraud): 0.858 / 0.900 / 2
        // of 120 (macro-F1 0.869 -> 0.880; one harmless row more called scam).
        accuracy: 0.84,
        scam_recall: 0.88,
        false_alarms: 0.02,
    },
    // Blind, written on 2026-12-03 by a helper from the plan in tests/labelled/PLAN.md
    // ("blind-o"; 360 rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each), after the
    // model and before the next change to it. Rules alone: 0.575 accuracy, 0.350 scam recall,
    // 1 of 120 false alarms.
    LabelledSet {
        file: "blind-o.jsonl",
        blind: true,
        // With the model of b674054: 0.861 / 0.908 / 2 of 120; with the wave-5 model
        // (2026-12-03): 0.869 / 0.892 / 1 of 120; wave-6 model: 0.889 / 0.933 / 1 of 120;
        // gates that may speak alone: 0.911 / 0.917 / 1 of 120.
        accuracy: 0.90,
        scam_recall: 0.91,
        false_alarms: 0.01,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-p"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; shaped like quoted real
    // messages), after the wave-5 model and before wave 6. Rules alone: 0.503 accuracy,
    // 0.317 scam recall, 5 of 120 false alarms; wave-5 model: 0.817 / 0.858 / 5 of 120.
    LabelledSet {
        file: "blind-p.jsonl",
        blind: true,
        // With the wave-6 model: 0.831 / 0.875 / 5 of 120 (all five also with the rules
        // alone); gates that may speak alone: 0.858 / 0.875 / 5 of 120.
        accuracy: 0.85,
        scam_recall: 0.85,
        false_alarms: 0.05,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-q"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; with texts about collection
    // among the harmless rows), after the wave-6 model, for the next change. Rules alone:
    // 0.444 accuracy, 0.192 scam recall, 3 of 120 false alarms.
    LabelledSet {
        file: "blind-q.jsonl",
        blind: true,
        // With the wave-6 model: 0.825 / 0.875 / 3 of 120. The next change (legit and
        // collection gates that may speak without the rules' topic): 0.839 / 0.867 / 3 of 120;
        // wave 9: 0.850 / 0.883 / 4 of 120.
        accuracy: 0.83,
        scam_recall: 0.85,
        false_alarms: 0.04,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-r"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; other frauds of 30+
    // schemes, collection in chat apps), after the gates that may speak alone and before
    // wave 8. Rules alone: 0.494 accuracy, 0.358 scam recall, 6 of 120 false alarms; the
    // wave-6 model with the earlier gates: 0.811 / 0.892 / 6 of 120; with the gates that
    // may speak alone: 0.831 / 0.867 / 6 of 120 (macro-F1 0.796 -> 0.839); with the budget
    // raising the scam and abusive gates separately: 0.842 / 0.900 / 6 of 120; with
    // `model.scam` for the debt scams only: 0.850 / 0.933 / 6 of 120 (macro-F1 0.861);
    // with the masked-number feature (tenth session): 0.867 / 0.958 / 7 of 120 (the blind
    // sets' false alarms the same in all, one moved from blind-g to here).
    LabelledSet {
        file: "blind-r.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.90,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-s"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; a third of the harmless rows
    // talk about collection without being a message, a third of the abusive ones name no
    // debt), after the model of fd8ab8e, for the next change; untouched until then. Rules
    // alone: 0.517 accuracy, 0.333 scam recall, 4 of 120 false alarms; the shipped model:
    // 0.867 / 0.917 / 7 of 120 (macro-F1 0.543 -> 0.873). The next change (`model.scam`
    // for the debt scams only, not other fraud): 0.861 / 0.908 / 7 of 120 (macro-F1 0.880:
    // fewer other-fraud rows called scam, two rows fewer right in all). Wave 9: 0.872 /
    // 0.925 / 7 of 120; wave 11: 0.861 / 0.892 / 7 of 120 (macro-F1 0.888).
    LabelledSet {
        file: "blind-s.jsonl",
        blind: true,
        accuracy: 0.85,
        scam_recall: 0.88,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-t"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; a third of the harmless rows
    // everyday chat in the words threats use, a third of the other frauds demands for an
    // unpaid fine, fee, toll, bill or tax), after the model whose `model.scam` stands for the
    // debt scams only, for the next change; untouched until then. Rules alone: 0.458
    // accuracy, 0.225 scam recall, 7 of 120 false alarms; the shipped model: 0.828 / 0.867 /
    // 10 of 120 (macro-F1 0.434 -> 0.830; the model before: 0.803 / 0.800 / 10 of 120).
    // The next change (wave 9, contrast pairs, in training): 0.836 / 0.875 / 9 of 120
    // (macro-F1 0.840).
    LabelledSet {
        file: "blind-t.jsonl",
        blind: true,
        accuracy: 0.81,
        scam_recall: 0.85,
        false_alarms: 0.09,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-u"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; a third of the harmless rows
    // quote a threat or a scam in news, warnings, forums or a friend's message, a third of
    // the abusive rows are call lines or voicemails), after the wave-9 model, for the next
    // change; untouched until then. Rules alone: 0.517 accuracy, 0.308 scam recall, 6 of 120
    // false alarms; the shipped model: 0.894 / 0.892 / 6 of 120 (macro-F1 0.523 -> 0.912;
    // the model of the session before, without wave 9 and the `model.scam` change: 0.875 /
    // 0.850 / 6 of 120, macro-F1 0.891).
    LabelledSet {
        file: "blind-u.jsonl",
        blind: true,
        accuracy: 0.88,
        scam_recall: 0.87,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-v"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; the plain matrix), after
    // the wave-9 model and the wave-10 decision, for the next change; untouched until then.
    // Rules alone: 0.450 accuracy, 0.242 scam recall, 7 of 120 false alarms; the shipped
    // model: 0.836 / 0.858 / 9 of 120 (macro-F1 0.428 -> 0.852; the fourth session's model:
    // 0.822 / 0.858 / 9 of 120, macro-F1 0.831). The next change (wave 11 in training):
    // 0.833 / 0.858 / 9 of 120 (macro-F1 0.855).
    LabelledSet {
        file: "blind-v.jsonl",
        blind: true,
        accuracy: 0.82,
        scam_recall: 0.84,
        false_alarms: 0.08,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-w"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; the plain matrix with
    // English voicemails and robocall scripts), after the wave-11 model, for the next change;
    // untouched until then. Rules alone: 0.450 accuracy, 0.242 scam recall, 3 of 120 false
    // alarms; the shipped model: 0.858 / 0.867 / 5 of 120 (macro-F1 0.413 -> 0.878; the
    // fourth session's model: 0.842 / 0.833 / 3 of 120, macro-F1 0.852).
    LabelledSet {
        file: "blind-w.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.85,
        false_alarms: 0.05,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-x"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; the plain matrix, shaped as
    // real messages are quoted in court opinions, warnings, news and templates), after the
    // wave-12 decision, for the sixth session's model changes. Rules alone: 0.506 accuracy,
    // 0.358 scam recall, 8 of 120 false alarms (macro-F1 0.531); the
    // model shipped before it: 0.864 accuracy, 0.892 scam recall, 10 of 120 false alarms.
    LabelledSet {
        file: "blind-x.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.87,
        false_alarms: 0.09,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-y"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; the plain matrix, a third
    // terse) at the end of the sixth session, for the next change; untouched until then.
    // Rules alone: 0.439 accuracy, 0.267 scam recall, 8 of 120 false alarms (macro-F1
    // 0.450); the shipped model: 0.836 / 0.925 / 9 of 120 (macro-F1 0.867).
    LabelledSet {
        file: "blind-y.jsonl",
        blind: true,
        accuracy: 0.81,
        scam_recall: 0.90,
        false_alarms: 0.09,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-z"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse) in the seventh session after the first-person account decision, for the next
    // change. Rules alone: 0.514 accuracy, 0.342 scam recall, 8 of 120 false alarms (macro-F1
    // 0.506; before the account rule 0.500); the model as shipped before the seventh
    // session: 0.886 / 0.933 / 12 of 120 (macro-F1 0.901); with the account rule 0.900 /
    // 0.933 / 11 of 120 (0.910).
    LabelledSet {
        file: "blind-z.jsonl",
        blind: true,
        accuracy: 0.87,
        scam_recall: 0.90,
        false_alarms: 0.11,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-aa"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse; abuse and fake notices without debt words, fake fines and account notices,
    // ordinary inbox messages with money or threat words) at the start of the eighth
    // session, for its changes and the next. Rules alone: 0.519 accuracy, 0.367 scam recall,
    // 6 of 120 false alarms (macro-F1 0.505); the shipped model: 0.883 / 0.942 / 6 of 120
    // (macro-F1 0.887, abusive recall 0.738).
    LabelledSet {
        file: "blind-aa.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.91,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-03 by a helper from tests/labelled/PLAN.md ("blind-ab"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse; shaped as news, warnings, court opinions, forums and templates quote messages;
    // lawful reminders without debt words, lawful bank notices) at the end of the eighth
    // session, for the next change. Rules alone: 0.511 accuracy, 0.350 scam recall, 3 of 120
    // false alarms (macro-F1 0.485); the shipped model: 0.903 / 0.933 / 3 of 120 (macro-F1
    // 0.911, abusive recall 0.850).
    LabelledSet {
        file: "blind-ab.jsonl",
        blind: true,
        accuracy: 0.88,
        scam_recall: 0.90,
        false_alarms: 0.04,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ac"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse; fake notices without debt words, short authority impersonations, abuse naming
    // no debt, lawful and harmless texts that look like scams) at the end of the ninth
    // session, for the next change. Rules alone: 0.492 accuracy, 0.300 scam recall, 4 of
    // 120 false alarms (macro-F1 0.467); the shipped model: 0.872 / 0.875 / 5 of 120
    // (macro-F1 0.885, abusive recall 0.864).
    LabelledSet {
        file: "blind-ac.jsonl",
        blind: true,
        accuracy: 0.85,
        scam_recall: 0.85,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ad"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse; relief pitches without the trade's words, fake notices with a borrowed
    // signature, terse abuse in chat and voicemail, limited-content lawful messages, texts
    // about scams, fee-to-release frauds) at the start of the tenth session, for the change
    // after it. Rules alone: 0.486 accuracy, 0.317 scam recall, 9 of 120 false alarms
    // (macro-F1 0.468); the shipped model: 0.853 / 0.942 / 9 of 120 (macro-F1 0.858,
    // abusive recall 0.733).
    LabelledSet {
        file: "blind-ad.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.91,
        false_alarms: 0.09,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ae"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel, a third
    // terse; quoted as news, warnings and screenshots quote messages, with masked numbers
    // and placeholders in every label, one-line scams, bare insults, security-team frauds)
    // in the tenth session after its masked-number change, for the change after it. Rules
    // alone: 0.525 accuracy, 0.342 scam recall, 6 of 120 false alarms (macro-F1 0.524); the
    // shipped model: 0.864 / 0.917 / 7 of 120 (macro-F1 0.875, abusive recall 0.831).
    LabelledSet {
        file: "blind-ae.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.89,
        false_alarms: 0.07,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-af"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // shaped as quoted and pasted messages: screenshots typed out, phone-app transcripts,
    // judgments and complaint posts; disclosures without insults, insults without a debt
    // word, scams in a lender's polite template, relief sold in a lawyer's words) in the
    // eleventh session, for the change after it. Rules alone: 0.467 accuracy, 0.292 scam
    // recall, 7 of 120 false alarms (macro-F1 0.448); the shipped model: 0.850 / 0.892 / 7
    // of 120 (macro-F1 0.867, abusive recall 0.754).
    LabelledSet {
        file: "blind-af.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.87,
        false_alarms: 0.07,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ag"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // many writers' hands; repeated and night calls told in the message, shaming to
    // others, fake courts asking for a code or a screen share, record deletion, reminders
    // before the due date and hardship plans, debt words in other frauds) at the end of the
    // eleventh session, for the next change. Rules alone: 0.522 accuracy, 0.433 scam
    // recall, 6 of 120 false alarms (macro-F1 0.498); the shipped model: 0.847 / 0.958 / 6
    // of 120 (macro-F1 0.849, abusive recall 0.639).
    LabelledSet {
        file: "blind-ag.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.93,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ah"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // messages as people paste them: copied time stamps and sender lines, threads,
    // forwards with a question on top, cut-off ends; abuse without a debt word, threats to
    // visit, fake frozen accounts and court fees without "debt", relief pitches in everyday
    // words, app notifications, texts about debts that address no debtor) in the twelfth
    // session, for the next change. Rules alone: 0.486 accuracy, 0.233 scam recall, 6 of
    // 120 false alarms (macro-F1 0.485); the shipped model: 0.833 / 0.908 / 7 of 120
    // (macro-F1 0.837, abusive recall 0.700).
    LabelledSet {
        file: "blind-ah.jsonl",
        blind: true,
        accuracy: 0.81,
        scam_recall: 0.88,
        false_alarms: 0.07,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ai"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // the situations around a debt: bad moments, the wrong recipient, someone else's debt,
    // a payment already made, a thread's later messages, answers to the debtor) at the end
    // of the twelfth session, for the next change. Rules alone: 0.456 accuracy, 0.217 scam
    // recall, 1 of 120 false alarms (macro-F1 0.385); the shipped model: 0.808 / 0.825 / 1
    // of 120 (macro-F1 0.803, abusive recall 0.754).
    LabelledSet {
        file: "blind-ai.jsonl",
        blind: true,
        accuracy: 0.78,
        scam_recall: 0.80,
        false_alarms: 0.03,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-aj"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // money's many forms and routes: instalment apps, BNPL, rent, bills, tax, fines,
    // informal loans; payment routes as people name them) at the end of the twelfth
    // session, for the change after it. Rules alone: 0.567 accuracy, 0.392 scam recall, 5 of
    // 120 false alarms (macro-F1 0.554); the shipped model: 0.886 / 0.892 / 5 of 120
    // (macro-F1 0.889, abusive recall 0.820).
    LabelledSet {
        file: "blind-aj.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.86,
        false_alarms: 0.05,
    },
    // Blind, written on 2026-12-04 by a helper from tests/labelled/PLAN.md ("blind-ak"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // who is speaking and how they prove it: names, badge, licence and case numbers,
    // callback numbers, official apps — and proofs that are the trick) at the end of the
    // twelfth session, for the next change. Rules alone: 0.528 accuracy, 0.375 scam
    // recall, 3 of 120 false alarms (macro-F1 0.504); the shipped model: 0.881 / 0.958 / 4
    // of 120 (macro-F1 0.889, abusive recall 0.750).
    LabelledSet {
        file: "blind-ak.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.93,
        false_alarms: 0.05,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-al"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // time and sequence: follow-ups, escalations, deadlines in hours, instalment plans,
    // reminders) in the thirteenth session, for the next change. Rules alone: 0.475
    // accuracy, 0.242 scam recall, 2 of 120 false alarms (macro-F1 0.424); the shipped
    // model: 0.836 / 0.858 / 2 of 120 (macro-F1 0.831, abusive recall 0.767).
    LabelledSet {
        file: "blind-al.jsonl",
        blind: true,
        accuracy: 0.81,
        scam_recall: 0.83,
        false_alarms: 0.04,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-am"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // messages that avoid the usual words: collection and its fakes with no debt word,
    // relief in everyday words, other frauds demanding fines, tolls and fees, harmless
    // texts full of money words) in the fourteenth session, for the next change. Rules
    // alone: 0.442 accuracy, 0.242 scam recall, 3 of 120 false alarms (macro-F1 0.371); the
    // shipped model: 0.786 / 0.825 / 4 of 120 (macro-F1 0.779, abusive recall 0.667).
    LabelledSet {
        file: "blind-am.jsonl",
        blind: true,
        accuracy: 0.76,
        scam_recall: 0.80,
        false_alarms: 0.05,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-an"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // mixed scripts and borrowed words: Chinese with English words, initialisms and pinyin,
    // Cantonese-English, local Englishes, English with CS, T&Cs, ID or PIN in their
    // everyday sense) in the fifteenth session, for the next change. Rules alone: 0.497
    // accuracy, 0.317 scam recall, 1 of 120 false alarms (macro-F1 0.461); the shipped
    // model: 0.864 / 0.875 / 1 of 120 (macro-F1 0.878, abusive recall 0.763).
    LabelledSet {
        file: "blind-an.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.85,
        false_alarms: 0.03,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-ao"; 360
    // rows, 60 per label, 24 zh-Hans / 12 zh-Hant / 24 en each; every channel and region;
    // text as it really arrives: speech-recognition errors, screenshot artefacts,
    // filter-dodging spellings, typos, forwards) in the sixteenth session, for the next
    // change. Rules alone: 0.508 accuracy, 0.342 scam recall, 3 of 120 false alarms
    // (macro-F1 0.498); the model before the sixteenth session's promotions: 0.856 / 0.875 /
    // 5 of 120 (macro-F1 0.877); with them: 0.867 / 0.900 / 5 of 120 (macro-F1 0.883,
    // abusive recall 0.867); after the session's demotion 0.881 / 0.900 / 4 of 120
    // (macro-F1 0.891).
    LabelledSet {
        file: "blind-ao.jsonl",
        blind: true,
        accuracy: 0.85,
        scam_recall: 0.87,
        false_alarms: 0.06,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-ap"; 360
    // rows as blind-ao; messages as public pages quote them: fragments, redactions,
    // placeholders, translations; its harmless rows include news, warnings and forum
    // questions that quote such messages) in the sixteenth session, for the check of the
    // model's promotions (shipped). Rules alone: 0.503 accuracy, 0.383 scam recall, 18 of 120
    // false alarms (macro-F1 0.524); before the promotions 0.833 / 0.900 / 20 of 120
    // (macro-F1 0.862); with them 0.839 / 0.908 / 20 of 120 (macro-F1 0.866, abusive recall
    // 0.864); after the session's demotion 0.869 / 0.908 / 14 of 120 (macro-F1 0.888). The
    // false alarms are texts *about* scams that quote one — the weakest family measured,
    // and the floor says so rather than hides it.
    LabelledSet {
        file: "blind-ap.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.88,
        false_alarms: 0.14,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-aq"; 360
    // rows as blind-ao; the everyday mix, with texts about scams and collection that quote
    // them among its harmless rows) in the sixteenth session, for the check of the model's
    // harmless demotion (shipped). Rules alone: 0.492 accuracy, 0.325 scam recall, 10 of 120
    // false alarms (macro-F1 0.499); before the demotion 0.869 / 0.950 / 12 of 120
    // (macro-F1 0.882); with it 0.889 / 0.950 / 9 of 120 (macro-F1 0.894, abusive recall
    // 0.836).
    LabelledSet {
        file: "blind-aq.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.92,
        false_alarms: 0.09,
    },
    // Blind, written on 2026-12-05 by a helper from tests/labelled/PLAN.md ("blind-ar"; 360
    // rows as blind-ao; the boundary between a message and a text about messages, and
    // lawful notices from creditors that are no bank or lender) at the end of the sixteenth
    // session, for the seventeenth session's check of framed quotations (rejected). Rules
    // alone: 0.444 accuracy, 0.283 scam recall, 14 of 120 false alarms (macro-F1 0.403);
    // the shipped model 0.814 / 0.942 / 12 of 120 (macro-F1 0.795, abusive recall 0.817,
    // lawful recall 0.433 — the weakest figure of any blind set).
    LabelledSet {
        file: "blind-ar.jsonl",
        blind: true,
        accuracy: 0.78,
        scam_recall: 0.91,
        false_alarms: 0.12,
    },
    // Blind, written on 2026-12-06 by a helper from tests/labelled/PLAN.md ("blind-as"; 360
    // rows as blind-ao; messages as public pages quote them — single lines, masked slots,
    // voice-to-text — and frauds demanding non-loan arrears) in the seventeenth session,
    // for its check of wave 15 in training (rejected). Rules alone: 0.478 accuracy, 0.342
    // scam recall, 4 of 120 false alarms (macro-F1 0.464); the shipped model 0.853 / 0.892
    // / 3 of 120 (macro-F1 0.860, abusive recall 0.820, lawful recall 0.667).
    LabelledSet {
        file: "blind-as.jsonl",
        blind: true,
        accuracy: 0.82,
        scam_recall: 0.86,
        false_alarms: 0.05,
    },
    // Blind, written at the end of the seventeenth session by a helper from
    // tests/labelled/PLAN.md ("blind-at"; 360 rows as blind-ao; the everyday mix) for the
    // eighteenth session's check of wave 16 in training (rejected). Rules alone: 0.533
    // accuracy, 0.350 scam recall, 4 of 120 false alarms (macro-F1 0.532); the shipped model
    // 0.889 / 0.883 / 2 of 120 (macro-F1 0.895, abusive recall 0.852, lawful recall 0.783).
    LabelledSet {
        file: "blind-at.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.85,
        false_alarms: 0.04,
    },
    // Blind, written in the eighteenth session by a helper from tests/labelled/PLAN.md
    // ("blind-au"; 360 rows as blind-ao; the everyday mix as a phone receives it) for that
    // session's check of a lower public-warning threshold (rejected). Rules alone: 0.553
    // accuracy, 0.383 scam recall, 5 of 120 false alarms (macro-F1 0.550); the shipped model
    // 0.911 / 0.933 / 5 of 120 (macro-F1 0.927, abusive recall 0.881, lawful recall 0.850).
    LabelledSet {
        file: "blind-au.jsonl",
        blind: true,
        accuracy: 0.88,
        scam_recall: 0.90,
        false_alarms: 0.07,
    },
    // Blind, written at the end of the eighteenth session by a helper from
    // tests/labelled/PLAN.md ("blind-av"; 360 rows as blind-ao; warnings, retellings and the
    // messages themselves), first read (aggregate figures) in the nineteenth. Rules alone:
    // 0.539 accuracy, 0.400 scam recall, 5 of 120 false alarms (macro-F1 0.531); the shipped
    // model 0.883 / 0.875 / 4 of 120 (macro-F1 0.898, abusive recall 0.833, lawful recall
    // 0.828).
    LabelledSet {
        file: "blind-av.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.85,
        false_alarms: 0.05,
    },
    // Blind, written in the nineteenth session by a helper from tests/labelled/PLAN.md
    // ("blind-aw"; 360 rows as blind-ao; short demands and their harmless twins), first read
    // (aggregate figures) in the twentieth. Rules alone: 0.475 accuracy, 0.250 scam recall, 4
    // of 120 false alarms (macro-F1 0.455); the shipped model 0.856 / 0.850 / 4 of 120
    // (macro-F1 0.867, abusive recall 0.729, lawful recall 0.817).
    LabelledSet {
        file: "blind-aw.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.82,
        false_alarms: 0.05,
    },
    // Blind, written in the twentieth session by a helper from tests/labelled/PLAN.md
    // ("blind-ax"; 360 rows as blind-ao; arrears that are no loan), first read (aggregate
    // figures) in the twenty-first. Rules alone: 0.444 accuracy, 0.150 scam recall, 2 of 120
    // false alarms (macro-F1 0.381); the shipped model 0.747 / 0.717 / 2 of 120 (macro-F1
    // 0.733, abusive recall 0.729, lawful recall 0.350).
    LabelledSet {
        file: "blind-ax.jsonl",
        blind: true,
        accuracy: 0.72,
        scam_recall: 0.69,
        false_alarms: 0.04,
    },
    // Blind, written in the twenty-first session by a helper from tests/labelled/PLAN.md
    // ("blind-ay"; 360 rows as blind-ao; courts, lawyers and the law, real and fake), first
    // read (aggregate figures) in the same session, as the "before" of its check. Rules
    // alone: 0.489 accuracy, 0.383 scam recall, 4 of 120 false alarms (macro-F1 0.433); the
    // shipped model 0.831 / 0.917 / 8 of 120 (macro-F1 0.823, abusive recall 0.500, lawful
    // recall 0.767).
    LabelledSet {
        file: "blind-ay.jsonl",
        blind: true,
        accuracy: 0.80,
        scam_recall: 0.88,
        false_alarms: 0.09,
    },
    // Blind, written in the twenty-first session by a helper from tests/labelled/PLAN.md
    // ("blind-az"; 360 rows as blind-ao; buy now, pay later and platform credit), first read
    // (aggregate figures) in the twenty-second, as its "before". Rules alone: 0.519
    // accuracy, 0.275 scam recall, 3 of 120 false alarms (macro-F1 0.530); the shipped model
    // 0.864 / 0.875 / 3 of 120 (macro-F1 0.875, abusive recall 0.817, lawful recall 0.700).
    LabelledSet {
        file: "blind-az.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.84,
        false_alarms: 0.05,
    },
    // Blind, written in the twenty-second session by a helper from tests/labelled/PLAN.md
    // ("blind-ba"; 360 rows as blind-ao; messages to someone other than the debtor), first
    // read (aggregate figures) in the same session, as the "before" of its check. Rules
    // alone: 0.469 accuracy, 0.250 scam recall, 3 of 120 false alarms (macro-F1 0.433); the
    // shipped model 0.825 / 0.800 / 6 of 120 (macro-F1 0.836, abusive recall 0.885, lawful
    // recall 0.559).
    LabelledSet {
        file: "blind-ba.jsonl",
        blind: true,
        accuracy: 0.79,
        scam_recall: 0.77,
        false_alarms: 0.07,
    },
    // Blind, written in the twenty-second session by a helper from tests/labelled/PLAN.md
    // ("blind-bb"; 360 rows as blind-ao; holidays, seasons and life events), first read
    // (aggregate figures) in the twenty-third session, as the "before" of its check. Rules
    // alone: 0.461 accuracy, 0.275 scam recall, 4 of 120 false alarms (macro-F1 0.378); the
    // shipped model 0.811 / 0.900 / 2 of 120 (macro-F1 0.791, abusive recall 0.542, lawful
    // recall 0.583).
    LabelledSet {
        file: "blind-bb.jsonl",
        blind: true,
        accuracy: 0.78,
        scam_recall: 0.87,
        false_alarms: 0.04,
    },
    // Blind, written in the twenty-third session by a helper from tests/labelled/PLAN.md
    // ("blind-bc"; 360 rows as blind-ao; follow-ups, the message after the first), first
    // read (aggregate figures) in the same session, as the "before" of its check. Rules
    // alone: 0.483 accuracy, 0.283 scam recall, 1 of 120 false alarms (macro-F1 0.432); the
    // shipped model 0.842 / 0.792 / 0 of 120 (macro-F1 0.857, abusive recall 0.800, lawful
    // recall 0.712).
    LabelledSet {
        file: "blind-bc.jsonl",
        blind: true,
        accuracy: 0.81,
        scam_recall: 0.76,
        false_alarms: 0.03,
    },
    // Blind, written in the twenty-third session by a helper from tests/labelled/PLAN.md
    // ("blind-bd"; 360 rows as blind-ao; the figures of a debt), first read (aggregate
    // figures) in the same session, as the "before" of its check. Rules alone: 0.508
    // accuracy, 0.333 scam recall, 2 of 120 false alarms (macro-F1 0.476); the shipped model
    // 0.850 / 0.925 / 2 of 120 (macro-F1 0.842, abusive recall 0.667, lawful recall 0.661).
    LabelledSet {
        file: "blind-bd.jsonl",
        blind: true,
        accuracy: 0.82,
        scam_recall: 0.89,
        false_alarms: 0.04,
    },
    // Blind, written at the end of the twenty-third session by a helper from
    // tests/labelled/PLAN.md ("blind-be"; 360 rows as blind-ao; debts that change hands:
    // assignments, debt buyers, new servicers), first read (aggregate figures) in the
    // twenty-fourth session, as the "before" of its check. Rules alone: 0.458 accuracy, 0.250
    // scam recall, 4 of 120 false alarms (macro-F1 0.434); the shipped model 0.789 / 0.783 / 8
    // of 120 (macro-F1 0.797, abusive recall 0.783, lawful recall 0.508).
    LabelledSet {
        file: "blind-be.jsonl",
        blind: true,
        accuracy: 0.76,
        scam_recall: 0.75,
        false_alarms: 0.09,
    },
    // Blind, written in the twenty-fourth session by a helper from tests/labelled/PLAN.md
    // ("blind-bf"; 360 rows as blind-ao; visits, collateral and things taken back), first
    // read (aggregate figures) in the twenty-fifth session, as the "before" of its check.
    // Rules alone: 0.433 accuracy, 0.217 scam recall, 1 of 120 false alarms (macro-F1
    // 0.408); the shipped model 0.758 / 0.675 / 2 of 120 (macro-F1 0.775, abusive recall
    // 0.820, lawful recall 0.533: 20 of its 60 lawful rows are called `not_collection`).
    LabelledSet {
        file: "blind-bf.jsonl",
        blind: true,
        accuracy: 0.73,
        scam_recall: 0.64,
        false_alarms: 0.05,
    },
    // Blind, written in the twenty-fifth session by a helper from tests/labelled/PLAN.md
    // ("blind-bg"; 360 rows as blind-ao; small debts in apps), first read (aggregate
    // figures) in the twenty-sixth session, as the "before" of its check. Rules alone:
    // 0.525 accuracy, 0.333 scam recall, 2 of 120 false alarms (macro-F1 0.501); the
    // shipped model 0.856 / 0.800 / 2 of 120 (macro-F1 0.863, abusive recall 0.800, lawful
    // recall 0.750: 19 of its 60 fake collectors are called `not_collection`).
    LabelledSet {
        file: "blind-bg.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.77,
        false_alarms: 0.05,
    },
    // Blind, written in the twenty-fifth session by a helper from tests/labelled/PLAN.md
    // ("blind-bh"; 360 rows, 60 per label; short and spoken: voicemails, chat lines,
    // one-line SMS), first read (aggregate figures) in the twenty-seventh session, as the
    // "before" of its check. Rules alone: 0.506 accuracy, 0.317 scam recall, 2 of 120 false
    // alarms (macro-F1 0.468); the shipped model 0.883 / 0.925 / 4 of 120 (macro-F1 0.874,
    // abusive recall 0.767, lawful recall 0.717: 11 of its abusive and 11 of its lawful
    // rows are called `not_collection`).
    LabelledSet {
        file: "blind-bh.jsonl",
        blind: true,
        accuracy: 0.86,
        scam_recall: 0.89,
        false_alarms: 0.06,
    },
    // Blind, written in the twenty-sixth session by a helper from tests/labelled/PLAN.md
    // ("blind-bi"; 360 rows, 60 per label; written to slip past filters: homophones,
    // pinyin initials, split and disguised words, and their plain neighbours), first read
    // (aggregate figures) in the twenty-ninth session, as the fresh check of its rule
    // changes: the session's starting commit 0.847 accuracy / 0.858 scam recall / 1 of 120
    // false alarms (macro-F1 0.855), after them 0.850 / 0.858 / 1 of 120 (macro-F1 0.858;
    // lawful recall 0.650 -> 0.667).
    LabelledSet {
        file: "blind-bi.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.83,
        false_alarms: 0.03,
    },
    // Blind, written in the twenty-seventh session by a helper from tests/labelled/PLAN.md
    // ("blind-bj"; 360 rows, 60 per label; the message as somebody else passes it on:
    // excerpts, masked names and numbers, retyped screenshots, hasty translations), first
    // read (aggregate figures) in the thirty-first session, as the fresh set of its check.
    // Rules alone: 0.558 accuracy, 0.325 scam recall, 2 of 120 false alarms (macro-F1
    // 0.561); the shipped model at the session's start 0.919 / 0.933 / 2 of 120 (macro-F1
    // 0.928, abusive recall 0.817, lawful recall 0.867).
    LabelledSet {
        file: "blind-bj.jsonl",
        blind: true,
        accuracy: 0.89,
        scam_recall: 0.90,
        false_alarms: 0.04,
    },
    // Blind, written in the thirty-first session by a helper from tests/labelled/PLAN.md
    // ("blind-bl"; 360 rows, 60 per label; most messages go to someone other than the
    // debtor: relatives, guarantors, employers, contacts in bulk), first read (aggregate
    // figures) in the thirty-second session, as the fresh set of its rule changes, which
    // moved none of its figures. Rules alone: 0.625 accuracy, 0.492 scam recall, 1 of 120
    // false alarms (macro-F1 0.629); the shipped model 0.936 / 0.983 / 4 of 120 (macro-F1
    // 0.931, abusive recall 0.903, lawful recall 0.763).
    LabelledSet {
        file: "blind-bl.jsonl",
        blind: true,
        accuracy: 0.91,
        scam_recall: 0.95,
        false_alarms: 0.05,
    },
    // Blind, written in the thirty-second session by a helper from tests/labelled/PLAN.md
    // ("blind-bm"; 360 rows, 60 per label; short messages at the length real ones have:
    // half under 60 Chinese characters or 12 English words), first read (aggregate
    // figures) at the end of that session, as the fresh set of all its rule changes: the
    // session's first commit 0.894 accuracy, 0.908 scam recall, 1 of 120 false alarms;
    // its last 0.897 / 0.917 / 1 of 120 (macro-F1 0.903, abusive recall 0.803, lawful
    // recall 0.783). Rules alone 0.506 -> 0.508.
    LabelledSet {
        file: "blind-bm.jsonl",
        blind: true,
        accuracy: 0.87,
        scam_recall: 0.88,
        false_alarms: 0.04,
    },
    // Blind, written at the end of the thirty-second session by a helper from
    // tests/labelled/PLAN.md ("blind-bn"; 360 rows, 60 per label; the tools of the day:
    // wallets, QR codes, BNPL, group chats, AI voices, online courts), first read
    // (aggregate figures) in the thirty-third session, as the fresh set of its rule changes
    // and of its retraining check: at the session's start 0.847 accuracy, 0.858 scam
    // recall, 3 of 120 false alarms (macro-F1 0.855, abusive recall 0.650, lawful recall
    // 0.817); after its rules 0.850 / 0.858 / 3 of 120 (abusive 0.672). Rules alone 0.475
    // -> 0.478.
    LabelledSet {
        file: "blind-bn.jsonl",
        blind: true,
        accuracy: 0.82,
        scam_recall: 0.83,
        false_alarms: 0.05,
    },
    // Blind, written in the thirty-first session by a helper from tests/labelled/PLAN.md
    // ("blind-bk"; 360 rows, 60 per label; long, mixed-language and threaded messages),
    // first read (aggregate figures) in the thirty-fourth session, as the fresh set of its
    // rule changes: at its start 0.911 accuracy, 0.958 scam recall, 6 of 120 false alarms
    // (macro-F1 0.912, abusive recall 0.783); at its end 0.914 / 0.967 / 6 of 120
    // (macro-F1 0.914). Rules alone 0.672 -> 0.675.
    LabelledSet {
        file: "blind-bk.jsonl",
        blind: true,
        accuracy: 0.88,
        scam_recall: 0.93,
        false_alarms: 0.07,
    },
    // Blind, written in the thirty-third session by a helper from tests/labelled/PLAN.md
    // ("blind-bo"; 360 rows, 60 per label; each market's own institutions and words),
    // read in the thirty-fourth session as aggregate figures by region, channel and label
    // to choose its rule families: at its start 0.858 accuracy, 0.892 scam recall, 6 of
    // 120 false alarms (macro-F1 0.867, lawful recall 0.683); at its end 0.864 / 0.892 /
    // 6 of 120 (macro-F1 0.872). Rules alone 0.461 -> 0.469.
    LabelledSet {
        file: "blind-bo.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.86,
        false_alarms: 0.07,
    },
    // Blind, written in the thirty-fourth session by a helper from tests/labelled/PLAN.md
    // ("blind-bp"; 360 rows, 60 per label; frauds of every kind and the genuine messages
    // they copy), first read once at that session's end as the fresh set of its
    // other-fraud rules: 0.931 accuracy, 0.942 scam recall, 1 of 120 false alarms
    // (macro-F1 0.933) before and after them; other-fraud rows called scam 15 -> 20 of 60.
    // Rules alone 0.525 -> 0.525.
    LabelledSet {
        file: "blind-bp.jsonl",
        blind: true,
        accuracy: 0.90,
        scam_recall: 0.91,
        false_alarms: 0.04,
    },
    // Blind, written in the thirty-fourth session by a helper from tests/labelled/PLAN.md
    // ("blind-bq"; 360 rows, 60 per label; Chinese speakers beyond the three Chinese
    // markets, and the English of those places), first read at the end of the
    // thirty-fifth session as a fresh set of its rule changes: 0.825 accuracy, 0.842 scam
    // recall, 5 of 120 false alarms (macro-F1 0.827) before and after them; other-fraud
    // rows called scam 11 -> 12 of 60. Rules alone 0.444 -> 0.453.
    LabelledSet {
        file: "blind-bq.jsonl",
        blind: true,
        accuracy: 0.79,
        scam_recall: 0.81,
        false_alarms: 0.06,
    },
    // Blind, written in the thirty-fifth session by a helper from tests/labelled/PLAN.md
    // ("blind-br"; 360 rows, 60 per label; messages as the public sees them quoted, in
    // fragments), first read at that session's end as the second fresh set of its rule
    // changes: 0.872 accuracy, 0.892 scam recall, 3 of 120 false alarms (macro-F1 0.880)
    // before and after them; other-fraud rows called scam 17 -> 18 of 60. Rules alone
    // 0.481 -> 0.489.
    LabelledSet {
        file: "blind-br.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.86,
        false_alarms: 0.05,
    },
    // Blind, written in the thirty-fifth session by a helper from tests/labelled/PLAN.md
    // ("blind-bs"; 360 rows, 60 per label; the everyday mix of 2026), first read at the
    // thirty-sixth session's end as a fresh set of its changes (link hosts, transcripts'
    // speakers, rule families): 0.856 -> 0.861 accuracy, macro-F1 0.843 -> 0.848, scam
    // recall 0.925 both, abusive recall 0.695 -> 0.712, 5 of 120 false alarms both;
    // other-fraud rows called scam 21 -> 27 of 60. Rules alone 0.522 -> 0.528.
    LabelledSet {
        file: "blind-bs.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.89,
        false_alarms: 0.06,
    },
    // Blind, written in the thirty-sixth session by a helper from the same brief as the
    // development set dev-n ("blind-bt"; 360 rows, 60 per label; rising tactics of
    // 2025-2026), read once at that session's end: 0.853 -> 0.867 accuracy, macro-F1
    // 0.870 -> 0.880, scam recall 0.833 -> 0.867, 3 of 120 false alarms both; other-fraud
    // rows called scam 15 -> 22 of 60. Rules alone 0.458 -> 0.489.
    LabelledSet {
        file: "blind-bt.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.83,
        false_alarms: 0.05,
    },
    // Blind, written at the thirty-sixth session's end by a helper from tests/labelled/PLAN.md
    // ("blind-bu"; 360 rows, 60 per label; many voices: transcripts, voicemails and chats
    // with every kind of speaker label), read at the thirty-seventh session's start as its
    // "before" and at its end: 0.864 -> 0.869 accuracy, macro-F1 0.873 -> 0.880, scam recall
    // 0.883 both, abusive recall 0.803 -> 0.836, no false alarm of 120. Rules alone 0.514.
    LabelledSet {
        file: "blind-bu.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.85,
        false_alarms: 0.03,
    },
    // Blind, written in the thirty-seventh session by a helper from the same brief as the
    // development set dev-o ("blind-bv"; 360 rows, 60 per label; the debt that is never
    // named), read once at that session's end: 0.789 -> 0.792 accuracy, macro-F1 0.765 ->
    // 0.768, scam recall 0.808 both, 2 of 120 false alarms both; lawful recall 0.367 (37 of
    // its 60 lawful reminders without a debt word called not_collection). Rules alone 0.428
    // -> 0.433.
    LabelledSet {
        file: "blind-bv.jsonl",
        blind: true,
        accuracy: 0.76,
        scam_recall: 0.77,
        false_alarms: 0.04,
    },
    // Blind, written at the thirty-seventh session's end by a third helper from blind-bv's
    // brief ("blind-bw"; 360 rows, 60 per label; the debt that is never named), read at the
    // thirty-eighth session's start as its "before" and at its end: 0.794 -> 0.797
    // accuracy, macro-F1 0.784 -> 0.787, scam recall 0.800 both, abusive recall 0.783 ->
    // 0.800, no false alarm of 120. Rules alone 0.444 -> 0.447.
    LabelledSet {
        file: "blind-bw.jsonl",
        blind: true,
        accuracy: 0.77,
        scam_recall: 0.77,
        false_alarms: 0.03,
    },
    // Blind, written in the thirty-eighth session by a helper from tests/labelled/PLAN.md
    // ("blind-bx"; 360 rows, 60 per label; the one sentence that decides), read once at
    // that session's end with both builds: 0.861 -> 0.864 accuracy, macro-F1 0.858 ->
    // 0.863, scam recall 0.892 both, abusive recall 0.750 -> 0.767, 7 of 120 false alarms
    // both. Rules alone 0.536 -> 0.547.
    LabelledSet {
        file: "blind-bx.jsonl",
        blind: true,
        accuracy: 0.84,
        scam_recall: 0.86,
        false_alarms: 0.08,
    },
    // Blind, written in the thirty-ninth session by a helper from tests/labelled/PLAN.md
    // ("blind-by"; 360 rows, 60 per label; the border between a real creditor and an
    // impostor, seen from both sides), read at that session's start as its "before": 0.892
    // accuracy, macro-F1 0.907, scam recall 0.925, abusive recall 0.850, 3 of 120 false
    // alarms, with the session's start and after its lawful-offset change alike. Rules
    // alone 0.533.
    LabelledSet {
        file: "blind-by.jsonl",
        blind: true,
        accuracy: 0.87,
        scam_recall: 0.90,
        false_alarms: 0.05,
    },
    // Blind, written in the fortieth session by a helper from tests/labelled/PLAN.md
    // ("blind-bz"; 240 rows, 80 abusive: collection as the public sees it quoted —
    // posters, broadcasts, court-quoted voicemails, contact blasts — and their harmless
    // look-alikes), read at that session's start as its "before": 0.850 accuracy, macro-F1
    // 0.886, scam recall 0.975, abusive recall 0.671, 3 of 100 false alarms; the same after
    // the session's rule changes. Rules alone 0.533.
    LabelledSet {
        file: "blind-bz.jsonl",
        blind: true,
        accuracy: 0.83,
        scam_recall: 0.95,
        false_alarms: 0.05,
    },
    // Blind, written in the forty-first session by a helper from tests/labelled/PLAN.md
    // ("Wave 18 and blind-ca"; 300 rows: everyday personal texts in collection's words,
    // 110, and terse abusive collection, 80, with the other labels), read at that session's
    // start as its "before": 0.923 accuracy, macro-F1 0.940, scam recall 0.978, abusive
    // recall 0.800, 5 of 145 false alarms; rules alone 0.617.
    LabelledSet {
        file: "blind-ca.jsonl",
        blind: true,
        accuracy: 0.90,
        scam_recall: 0.95,
        false_alarms: 0.05,
    },
    // Blind, written in the forty-second session by a helper from tests/labelled/PLAN.md
    // ("Wave 19 and blind-cb"; 300 rows written from three research plans on how real
    // messages of the six kinds are worded in mainland China, Hong Kong and Taiwan, and the
    // English-speaking markets), read at that session's start as its "before": 0.940
    // accuracy, macro-F1 0.940, scam recall 0.963, abusive recall 0.884, 0 of 115 false
    // alarms; rules alone 0.687.
    LabelledSet {
        file: "blind-cb.jsonl",
        blind: true,
        accuracy: 0.91,
        scam_recall: 0.93,
        false_alarms: 0.03,
    },
    // Blind, written at the end of the forty-second session by a helper from
    // tests/labelled/PLAN.md ("blind-cc"; 360 rows, 60 per label: messages as a stranger
    // forwards them for a second opinion, no theme of its own), read once then, with the
    // model and rules the session left unchanged, as the next change's "before": 0.903
    // accuracy, macro-F1 0.902, scam recall 0.958, abusive recall 0.881, 2 of 120 false
    // alarms; rules alone 0.553.
    LabelledSet {
        file: "blind-cc.jsonl",
        blind: true,
        accuracy: 0.87,
        scam_recall: 0.93,
        false_alarms: 0.05,
    },
];

fn read(paths: &[PathBuf]) -> RowSet {
    let mut set = RowSet::default();
    for path in paths {
        set.read_file(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    }
    assert!(set.invalid.is_empty(), "invalid rows: {:#?}", set.invalid);
    set
}

fn evaluate<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Evaluation {
    let classifier = Classifier::default();
    let mut evaluation = Evaluation::default();
    for row in rows {
        evaluation.add(row, classifier.classify(&row.message()).label);
    }
    evaluation
}

/// Figures checked against floors; failures are collected so every figure is printed
/// before the test fails.
#[derive(Default)]
struct Checks {
    lines: Vec<String>,
    failures: Vec<String>,
    unmet_targets: Vec<String>,
}

impl Checks {
    /// `measured` must be ≥ `pinned` (or ≤ when `at_most`); `target` is reported only.
    fn check(
        &mut self,
        name: &str,
        measured: Option<f64>,
        pinned: f64,
        target: Option<f64>,
        at_most: bool,
    ) {
        let Some(value) = measured else {
            self.lines.push(format!("{name:<34} n/a (no rows)"));
            return;
        };
        let meets = |floor: f64| {
            if at_most {
                value <= floor + 1e-9
            } else {
                value >= floor - 1e-9
            }
        };
        let op = if at_most { "≤" } else { "≥" };
        let mut line = format!("{name:<34} {value:.4}   pinned {op} {pinned}");
        if let Some(target) = target {
            let status = if meets(target) { "met" } else { "NOT MET" };
            line.push_str(&format!("   target {op} {target}: {status}"));
            if !meets(target) {
                self.unmet_targets
                    .push(format!("{name}: {value:.4} (target {op} {target})"));
            }
        }
        if !meets(pinned) {
            self.failures
                .push(format!("{name}: {value:.4}, pinned floor {op} {pinned}"));
            line.push_str("   REGRESSION");
        }
        self.lines.push(line);
    }

    fn finish(self, title: &str) {
        println!("== {title}");
        for line in &self.lines {
            println!("{line}");
        }
        if !self.unmet_targets.is_empty() {
            println!("targets not met yet ({}):", self.unmet_targets.len());
            for t in &self.unmet_targets {
                println!("  - {t}");
            }
        }
        assert!(
            self.failures.is_empty(),
            "{title}: below the pinned floors:\n  {}",
            self.failures.join("\n  ")
        );
    }
}

fn print_evaluation(title: &str, evaluation: &Evaluation) {
    evaluation.print(title);
}

#[test]
fn own_labelled_set() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled/own.jsonl");
    let set = read(&[path]);
    let per_case = |case: CaseLabel| set.rows.iter().filter(|r| r.case == case).count();
    for case in CaseLabel::ALL {
        assert!(per_case(case) >= 20, "fewer than 20 {case} rows");
    }
    let started = Instant::now();
    let evaluation = evaluate(&set.rows);
    print_evaluation(
        &format!(
            "tests/labelled/own.jsonl ({} rows, {:.1} s)",
            set.rows.len(),
            started.elapsed().as_secs_f64()
        ),
        &evaluation,
    );
    let all = evaluation.all.figures();
    let zh = evaluation.by_group[&LangGroup::Zh].figures();
    let mut checks = Checks::default();
    checks.check(
        "own: accuracy",
        all.accuracy.value(),
        OWN_ACCURACY,
        None,
        false,
    );
    checks.check("own: macro-F1", all.macro_f1, OWN_MACRO_F1, None, false);
    checks.check(
        "own: scam recall",
        all.scam_recall.value(),
        OWN_SCAM_RECALL,
        None,
        false,
    );
    checks.check(
        "own: false alarms",
        all.false_alarm.value(),
        OWN_FALSE_ALARMS,
        None,
        true,
    );
    checks.check(
        "own zh: accuracy",
        zh.accuracy.value(),
        OWN_ZH_ACCURACY,
        None,
        false,
    );
    checks.check(
        "own zh: scam recall",
        zh.scam_recall.value(),
        OWN_ZH_SCAM_RECALL,
        None,
        false,
    );
    checks.finish("own labelled set: floors");
}

#[test]
fn sets_written_without_the_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled");
    let mut checks = Checks::default();
    for set in LABELLED_SETS {
        let rows = read(&[dir.join(set.file)]);
        assert!(rows.rows.len() >= 70, "{}: fewer than 70 rows", set.file);
        let evaluation = evaluate(&rows.rows);
        let kind = if set.blind { "blind" } else { "read" };
        print_evaluation(
            &format!("tests/labelled/{} ({kind})", set.file),
            &evaluation,
        );
        let all = evaluation.all.figures();
        let name = |what: &str| format!("{} ({kind}): {what}", set.file);
        // Issue 10's targets apply to the blind sets; they are reported, not asserted.
        let target = |i: usize| set.blind.then_some(TARGET_UNSEEN[i]);
        checks.check(
            &name("accuracy"),
            all.accuracy.value(),
            set.accuracy,
            None,
            false,
        );
        checks.check(
            &name("scam recall"),
            all.scam_recall.value(),
            set.scam_recall,
            target(1),
            false,
        );
        checks.check(
            &name("false alarms"),
            all.false_alarm.value(),
            set.false_alarms,
            target(3),
            true,
        );
        if set.blind {
            checks.check(&name("macro-F1"), all.macro_f1, 0.0, target(0), false);
            let abusive = all
                .label(collectguard::Label::Abusive)
                .and_then(|l| l.recall);
            checks.check(&name("abusive recall"), abusive, 0.0, target(2), false);
        }
    }
    checks.finish("sets written without the rules: floors");
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("COLLECTGUARD_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

fn pages_dev_checks(checks: &mut Checks, name: &str, f: &Figures, pinned: [f64; 3]) {
    let [recall, false_alarms, macro_f1] = pinned;
    let recall_name = format!("pages-dev {name}: scam recall");
    let alarms_name = format!("pages-dev {name}: false alarms");
    let f1_name = format!("pages-dev {name}: macro-F1");
    let target = Some;
    checks.check(
        &recall_name,
        f.scam_recall.value(),
        recall,
        target(TARGET_SCAM_RECALL),
        false,
    );
    checks.check(
        &alarms_name,
        f.false_alarm.value(),
        false_alarms,
        target(TARGET_FALSE_ALARMS),
        true,
    );
    checks.check(
        &f1_name,
        f.macro_f1,
        macro_f1,
        target(TARGET_MACRO_F1),
        false,
    );
}

/// Issue 10's four figures on rows nobody read (the frozen half, the harvested rows):
/// macro-F1, scam recall and abusive recall at least `pinned[0..3]`, false alarms at most
/// `pinned[3]`, each reported against its target.
fn unseen_checks(checks: &mut Checks, name: &str, f: &Figures, pinned: [f64; 4]) {
    let [f1, recall, abuse, alarms] = TARGET_UNSEEN;
    let abusive_recall = f.label(collectguard::Label::Abusive).and_then(|l| l.recall);
    let figures = [
        ("macro-F1", f.macro_f1, f1, false),
        ("scam recall", f.scam_recall.value(), recall, false),
        ("abusive recall", abusive_recall, abuse, false),
        ("false alarms", f.false_alarm.value(), alarms, true),
    ];
    for (i, (figure, measured, target, at_most)) in figures.into_iter().enumerate() {
        checks.check(
            &format!("{name}: {figure}"),
            measured,
            pinned[i],
            Some(target),
            at_most,
        );
    }
}

#[test]
fn corpus() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!("corpus not found at {}; skipping", dir.display());
        return;
    }
    let started = Instant::now();
    let mut checks = Checks::default();

    let pages = read(&[dir.join("pages-dev.jsonl")]);
    let evaluation = evaluate(&pages.rows);
    print_evaluation(
        &format!("pages-dev.jsonl ({} rows)", pages.rows.len()),
        &evaluation,
    );
    let group = |g: LangGroup| {
        evaluation
            .by_group
            .get(&g)
            .unwrap_or_else(|| panic!("pages-dev has no {} rows", g.as_str()))
            .figures()
    };
    pages_dev_checks(
        &mut checks,
        "zh",
        &group(LangGroup::Zh),
        [
            PINNED_ZH_SCAM_RECALL,
            PINNED_ZH_FALSE_ALARMS,
            PINNED_ZH_MACRO_F1,
        ],
    );
    pages_dev_checks(
        &mut checks,
        "en",
        &group(LangGroup::En),
        [
            PINNED_EN_SCAM_RECALL,
            PINNED_EN_FALSE_ALARMS,
            PINNED_EN_MACRO_F1,
        ],
    );

    // The frozen half of pages-dev2 (splits/pages-dev2-frozen.ids): real messages nobody
    // working on the project has read; only these aggregate figures are looked at.
    let dev2 = dir.join("pages-dev2.jsonl");
    if dev2.is_file() {
        let mut set = read(&[dev2]);
        let listed = set
            .retain_ids(&Path::new(env!("CARGO_MANIFEST_DIR")).join("splits/pages-dev2-frozen.ids"))
            .expect("splits/pages-dev2-frozen.ids is in the repository");
        let rows: Vec<&Row> = set.rows.iter().collect();
        assert_eq!(rows.len(), listed, "every frozen id is a pages-dev2 row");
        let evaluation = evaluate(rows.iter().copied());
        print_evaluation(
            &format!("pages-dev2 frozen half ({} rows)", rows.len()),
            &evaluation,
        );
        unseen_checks(
            &mut checks,
            "frozen",
            &evaluation.all.figures(),
            PINNED_FROZEN,
        );
    }

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder is readable")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let all = read(&files);
    let rows: Vec<&Row> = all
        .rows
        .iter()
        .filter(|r| matches!(r.case, CaseLabel::Benign | CaseLabel::OtherFraud))
        .collect();
    let evaluation = evaluate(rows.iter().copied());
    print_evaluation(
        &format!(
            "benign and other_fraud rows of all {} files ({} rows)",
            files.len(),
            rows.len()
        ),
        &evaluation,
    );
    let f = evaluation.all.figures();
    checks.check(
        "all benign: called scam/abusive",
        f.false_alarm.value(),
        PINNED_BENIGN_FLAGGED,
        Some(TARGET_BENIGN_FLAGGED),
        true,
    );
    checks.check(
        "all benign: called legitimate",
        f.benign_legit.value(),
        PINNED_BENIGN_LEGIT,
        Some(TARGET_BENIGN_LEGIT),
        true,
    );
    checks.check(
        "all other_fraud: called legitimate",
        f.other_fraud_legit.value(),
        PINNED_OTHER_FRAUD_LEGIT,
        Some(TARGET_OTHER_FRAUD_LEGIT),
        true,
    );
    // Comments about collection: their label is null in the corpus, read here as benign.
    let comments = dir.join("cdcp-debt-collection-comments.jsonl");
    if comments.is_file() {
        let set = RowSet::read_files_as(&[comments], Some(CaseLabel::Benign))
            .expect("the comments file is readable");
        let evaluation = evaluate(&set.rows);
        print_evaluation(
            &format!("comments about collection ({} rows)", set.rows.len()),
            &evaluation,
        );
        let f = evaluation.all.figures();
        checks.check(
            "comments about collection: not_collection",
            f.accuracy.value(),
            PINNED_POSTS[0],
            None,
            false,
        );
        checks.check(
            "comments about collection: called scam/abusive",
            f.false_alarm.value(),
            PINNED_POSTS[1],
            None,
            true,
        );
    }
    println!(
        "corpus evaluation took {:.1} s ({} + {} rows)",
        started.elapsed().as_secs_f64(),
        pages.rows.len(),
        rows.len()
    );
    checks.finish("corpus: pinned floors and targets");
}

/// The bootstrap intervals of `evaluate --bootstrap`: seeded, around the figure measured,
/// a point when every row agrees, and wider on fewer rows.
#[test]
fn bootstrap_intervals_are_seeded_and_hold_the_figure() {
    let row = |label: &str, n: usize| {
        eval::parse_row(&format!(r#"{{"text":"t{n}","label":"{label}"}}"#), "x")
            .unwrap()
            .unwrap()
    };
    let rows: Vec<Row> = (0..60)
        .map(|n| {
            row(
                if n % 3 == 0 {
                    "fake_collection"
                } else {
                    "benign"
                },
                n,
            )
        })
        .collect();
    // Every benign row right; two scam rows in three found.
    let judged: Vec<(&Row, Label)> = rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let verdict = match (r.case.is_scam_case(), n % 9 == 0) {
                (true, true) => Label::NotCollection,
                (true, false) => Label::Scam,
                (false, _) => Label::NotCollection,
            };
            (r, verdict)
        })
        .collect();
    let a = eval::bootstrap(&judged, 400, 7);
    assert_eq!(a, eval::bootstrap(&judged, 400, 7));
    let (lo, hi) = a.scam_recall.unwrap();
    let mut tally = eval::Tally::default();
    judged.iter().for_each(|(r, v)| tally.add(r, *v));
    let point = tally.figures().scam_recall.value().unwrap();
    assert!(lo < point && point < hi, "{lo} {point} {hi}");
    assert_eq!(a.false_alarm, Some((0.0, 0.0)));
    let few = eval::bootstrap(&judged[..15], 400, 7).scam_recall.unwrap();
    assert!(few.1 - few.0 > hi - lo, "{few:?} against {lo}–{hi}");
}

fn realsets_dir() -> PathBuf {
    match std::env::var_os("COLLECTGUARD_REALSETS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../realsets"),
    }
}

/// The character 4-grams of a text's letters and digits (NFKC, lowercase), as
/// `scripts/harvested_real.py` reads them.
fn four_grams(text: &str) -> std::collections::HashSet<[char; 4]> {
    use unicode_normalization::UnicodeNormalization;
    let chars: Vec<char> = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    chars.windows(4).map(|w| [w[0], w[1], w[2], w[3]]).collect()
}

/// Whether two texts share at least 60 % of the shorter one's 4-grams.
fn near_duplicate(
    a: &std::collections::HashSet<[char; 4]>,
    b: &std::collections::HashSet<[char; 4]>,
) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && a.intersection(b).count() as f64 >= 0.6 * shorter as f64
}

#[test]
fn near_duplicates_are_found_across_case_and_punctuation() {
    let quoted = four_grams("【某银行】您的账户已逾期，请尽快还款！");
    // The same message quoted by another page, without the brackets and punctuation.
    let requoted = four_grams("某银行 您的账户已逾期 请尽快还款");
    let other = four_grams("今晚一起吃饭吗？我请客");
    assert!(near_duplicate(&quoted, &requoted));
    assert!(!near_duplicate(&quoted, &other));
    assert!(near_duplicate(
        &four_grams("Call us NOW at 555-0101."),
        &four_grams("call us now at 5550101")
    ));
    // A fragment quoted inside a longer message counts (60 % of the shorter one).
    assert!(near_duplicate(
        &four_grams("your account will be frozen today"),
        &four_grams("Dear customer, your account will be frozen today. Pay now.")
    ));
    assert!(!near_duplicate(&four_grams(""), &other));
}

/// Real messages quoted in public pages, harvested by helpers that never saw the project
/// (README "Split protocol"): aggregate figures only, against pinned floors.
#[test]
fn harvested_real_sets() {
    let dir = realsets_dir();
    let corpus = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("pages-search-") && n.ends_with(".jsonl"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() || !corpus.is_dir() {
        println!(
            "harvested real sets not found at {} (or no corpus at {}); skipping",
            dir.display(),
            corpus.display()
        );
        return;
    }
    let known_files: Vec<PathBuf> = ["pages-dev.jsonl", "pages-dev2.jsonl"]
        .iter()
        .map(|f| corpus.join(f))
        .filter(|p| p.is_file())
        .collect();
    let mut seen: Vec<_> = read(&known_files)
        .rows
        .iter()
        .map(|r| four_grams(&r.text))
        .collect();
    let harvested = read(&files);
    let mut kept: Vec<&Row> = Vec::new();
    for row in &harvested.rows {
        let grams = four_grams(&row.text);
        if !seen.iter().any(|s| near_duplicate(&grams, s)) {
            seen.push(grams);
            kept.push(row);
        }
    }
    let evaluation = evaluate(kept.iter().copied());
    print_evaluation(
        &format!(
            "harvested real rows ({} kept of {})",
            kept.len(),
            harvested.rows.len()
        ),
        &evaluation,
    );
    let mut checks = Checks::default();
    unseen_checks(
        &mut checks,
        "harvested",
        &evaluation.all.figures(),
        PINNED_HARVESTED,
    );
    checks.finish("harvested real rows: floors");
}
