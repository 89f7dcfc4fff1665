//! Fit rule weights from labelled data, the way SpamAssassin regenerates its scores from
//! mass checks.
//!
//! ```text
//! cargo run --release --example calibrate -- [FILE.jsonl …] [--write] [--out PATH]
//!     [--seed N] [--neg-cost C] [--l2 L] [--iterations N] [--min-hits N]
//! ```
//!
//! With no files it reads `../shared/corpus/pages-dev.jsonl` (when present) and
//! `tests/labelled/own.jsonl`, relative to the crate. The file format is that of the
//! `evaluate` example (`tests/support/eval.rs`).
//!
//! 1. Every labelled row is classified once with the hand-set weights (the generated weights
//!    of `rules/weights.generated.toml` left out). For each row the scored rules that fired
//!    are kept, with the share of their weight they contributed (a finding in a debtor's turn
//!    or in reported speech counts less than 1), and the row's axis scores.
//! 2. Rows are split deterministically by a hash of their id (FNV-1a, `--seed`): 70% train,
//!    30% held out.
//! 3. **Fraud axis**: the weights of the fraud-axis rules are fitted by logistic regression
//!    on the training rows, positive = `fake_collection`, `debt_relief_scam`, `other_fraud`,
//!    negative = `legit_collection` + `benign` (abusive rows left out). The model is
//!    `P(scam) = σ(effective fraud − scam threshold)`, with the effective fraud score and the
//!    threshold of `rules/verdict.toml`, so fitted weights stay on the scale of the packs.
//!    The loss weights negatives `--neg-cost` times (false alarms cost more), adds an L2
//!    penalty toward the hand-set weight (`--l2`), and keeps weights in [0, 8] for rules
//!    with a positive hand-set weight and in [-8, 0] for negative ones (projected gradient
//!    descent). Rules that fired on fewer than `--min-hits` training rows of their axis
//!    keep their hand-set weight. **Abuse axis**: the same with positive = `abusive_collection`, negative =
//!    `legit_collection` + `benign`, against the abusive threshold.
//! 4. Before (hand-set) and after (fitted, through `ClassifierBuilder::set_weight`) are
//!    evaluated on the held-out rows only, and both tables are printed.
//! 5. With `--write`, the fitted weights that changed are written to
//!    `rules/weights.generated.toml` (or `--out`), which the library loads on top of the
//!    hand-set weights.

#[path = "../tests/support/eval.rs"]
mod eval;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use collectguard::{Axis, Classifier};
use eval::{CaseLabel, Evaluation, Row, RowSet, fnv1a};

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "\
usage: calibrate [FILE.jsonl ...] [--write] [--out PATH] [--seed N] [--neg-cost C]
                 [--l2 L] [--iterations N] [--min-hits N] [--without-model]

Fits the weights of fraud and abuse rules from labelled rows (70% train, 30% held out) and
prints held-out figures before and after.

options:
  --write          write the changed weights to rules/weights.generated.toml
  --out PATH       write there instead (implies --write)
  --seed N         seed of the train/held-out split (default 20240601)
  --neg-cost C     cost of a negative row relative to a positive one (default 3)
  --l2 L           L2 penalty toward the hand-set weight (default 1; the data loss is
                   summed over training rows)
  --iterations N   gradient steps (default 500)
  --min-hits N     fit only rules that fired on at least N training rows of their axis
                   (default 3); the others keep their hand-set weight
  --without-model  fit and measure the rules alone (use it on rows the embedded model
                   was trained on: its in-sample scores would stand in for the rules')
  -h, --help       this help";

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const WEIGHT_LIMIT: f64 = 8.0;
const TRAIN_SHARE: u64 = 70;

struct Options {
    files: Vec<PathBuf>,
    out: Option<PathBuf>,
    seed: u64,
    neg_cost: f64,
    l2: f64,
    iterations: usize,
    min_hits: usize,
    without_model: bool,
    args: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = Options {
        files: Vec::new(),
        out: None,
        seed: 20240601,
        neg_cost: 3.0,
        l2: 1.0,
        iterations: 500,
        min_hits: 3,
        without_model: false,
        args: args.clone(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        fn num<T: std::str::FromStr>(name: &str, v: String) -> Result<T, String> {
            v.parse().map_err(|_| format!("bad {name}: {v}"))
        }
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--write" => {
                options.out.get_or_insert_with(|| {
                    Path::new(MANIFEST_DIR).join("rules/weights.generated.toml")
                });
            }
            "--out" => options.out = Some(PathBuf::from(value("--out")?)),
            "--seed" => options.seed = num("--seed", value("--seed")?)?,
            "--neg-cost" => options.neg_cost = num("--neg-cost", value("--neg-cost")?)?,
            "--l2" => options.l2 = num("--l2", value("--l2")?)?,
            "--iterations" => options.iterations = num("--iterations", value("--iterations")?)?,
            "--min-hits" => options.min_hits = num("--min-hits", value("--min-hits")?)?,
            "--without-model" => options.without_model = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => options.files.push(PathBuf::from(arg)),
        }
    }
    if options.files.is_empty() {
        let pages = Path::new(MANIFEST_DIR).join("../shared/corpus/pages-dev.jsonl");
        if pages.exists() {
            options.files.push(pages);
        }
        options
            .files
            .push(Path::new(MANIFEST_DIR).join("tests/labelled/own.jsonl"));
    }
    Ok(options)
}

/// A path as given, or relative to the crate when it lies inside it.
fn shown(path: &Path) -> String {
    let shown = path.strip_prefix(MANIFEST_DIR).unwrap_or(path);
    shown.display().to_string()
}

/// The input files as shown in reports, comma-separated.
fn shown_all(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| shown(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The thresholds the fit needs, from `rules/verdict.toml`.
struct Thresholds {
    scam: f64,
    abusive: f64,
    legit_offsets_fraud: f64,
    /// Warning score from which a text is a public warning (label `not_collection` whatever
    /// its fraud and abuse scores), unless one of `warning_defeaters` fired.
    public_warning: f64,
    warning_defeaters: Vec<String>,
}

fn thresholds() -> Thresholds {
    let path = Path::new(MANIFEST_DIR).join("rules/verdict.toml");
    let table: Option<toml::Table> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| text.parse().ok());
    let get = |key: &str, default: f64| {
        let value = table
            .as_ref()
            .and_then(|t| t.get("thresholds"))
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
        value.unwrap_or_else(|| {
            eprintln!(
                "warning: thresholds.{key} not found in {}; using {default}",
                path.display()
            );
            default
        })
    };
    let warning_defeaters = table
        .as_ref()
        .and_then(|t| t.get("public_warning"))
        .and_then(|t| t.get("defeated_by"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    Thresholds {
        scam: get("scam", 6.0),
        abusive: get("abusive", 4.0),
        legit_offsets_fraud: get("legit_offsets_fraud", 0.5),
        public_warning: get("public_warning", f64::INFINITY),
        warning_defeaters,
    }
}

/// Whether a row is a positive (`Some(true)`) or negative example for the fit of `axis`,
/// or left out (`None`).
fn target(axis: Axis, case: CaseLabel) -> Option<bool> {
    match (axis, case) {
        (_, CaseLabel::LegitCollection | CaseLabel::Benign) => Some(false),
        (
            Axis::Fraud,
            CaseLabel::FakeCollection | CaseLabel::DebtReliefScam | CaseLabel::OtherFraud,
        ) => Some(true),
        (Axis::Abuse, CaseLabel::AbusiveCollection) => Some(true),
        _ => None,
    }
}

/// One classified row, as the fit sees it.
struct Sample {
    row: Row,
    train: bool,
    /// Read as a public warning: its label does not depend on fraud or abuse weights, so
    /// the fit leaves it out.
    locked: bool,
    /// Scores under the hand-set weights.
    fraud: f64,
    abuse: f64,
    legit: f64,
    /// Fired scored rules: rule index → share of its weight it contributed.
    fired: Vec<(usize, f64)>,
}

/// A scored rule that can be refitted.
struct Param {
    id: String,
    axis: Axis,
    hand: f64,
    lo: f64,
    hi: f64,
}

/// Fits the weights of `params` on `axis` by projected gradient descent on a weighted,
/// L2-regularized logistic loss. Returns the fitted weights (same order as `params`).
fn fit(
    samples: &[Sample],
    params: &[Param],
    axis: Axis,
    base: impl Fn(&Sample) -> f64,
    threshold: f64,
    options: &Options,
) -> (Vec<f64>, f64, f64) {
    let rows: Vec<(&Sample, bool)> = samples
        .iter()
        .filter(|s| s.train && !s.locked)
        .filter_map(|s| target(axis, s.row.case).map(|y| (s, y)))
        .collect();
    let cost = |y: bool| if y { 1.0 } else { options.neg_cost };
    let mut hits = vec![0usize; params.len()];
    for (s, _) in &rows {
        for (j, _) in &s.fired {
            hits[*j] += 1;
        }
    }
    // The weights fitted here: this axis, with enough evidence.
    let on_axis: Vec<bool> = params
        .iter()
        .zip(&hits)
        .map(|(p, n)| p.axis == axis && *n >= options.min_hits)
        .collect();
    let hand: Vec<f64> = params.iter().map(|p| p.hand).collect();
    let mut w = hand.clone();
    let score = |w: &[f64], s: &Sample| {
        base(s)
            + s.fired
                .iter()
                .filter(|(j, _)| on_axis[*j])
                .map(|(j, share)| (w[*j] - hand[*j]) * share)
                .sum::<f64>()
    };
    let loss = |w: &[f64]| {
        let mut total = 0.0;
        for (s, y) in &rows {
            let z = score(w, s) - threshold;
            // −log σ(z) for positives, −log(1 − σ(z)) for negatives, computed stably.
            let m = if *y { -z } else { z };
            total += cost(*y) * (m.max(0.0) + (-m.abs()).exp().ln_1p());
        }
        let l2: f64 = (0..w.len())
            .filter(|j| on_axis[*j])
            .map(|j| (w[j] - hand[j]).powi(2))
            .sum();
        total + options.l2 * l2
    };
    let before = loss(&w);
    // Diagonal bound of the Hessian (σ' ≤ 1/4) as per-weight step, with a global damping
    // factor that halves whenever a step would raise the loss.
    let mut curvature = vec![2.0 * options.l2; w.len()];
    for (s, y) in &rows {
        for (j, share) in &s.fired {
            curvature[*j] += cost(*y) * share * share / 4.0;
        }
    }
    let mut current = before;
    let mut damping = 1.0;
    for _ in 0..options.iterations {
        let mut grad = vec![0.0; w.len()];
        for (s, y) in &rows {
            let z = score(&w, s) - threshold;
            let p = 1.0 / (1.0 + (-z).exp());
            let g = cost(*y) * (p - if *y { 1.0 } else { 0.0 });
            for (j, share) in &s.fired {
                if on_axis[*j] {
                    grad[*j] += g * share;
                }
            }
        }
        loop {
            let mut next = w.clone();
            for j in 0..w.len() {
                if on_axis[j] {
                    let g = grad[j] + 2.0 * options.l2 * (w[j] - hand[j]);
                    next[j] = (w[j] - damping * g / curvature[j]).clamp(params[j].lo, params[j].hi);
                }
            }
            let l = loss(&next);
            if l <= current || damping < 1e-6 {
                if l <= current {
                    w = next;
                    current = l;
                    damping = (damping * 1.5_f64).min(1.0);
                }
                break;
            }
            damping /= 2.0;
        }
    }
    let after = loss(&w);
    (w, before, after)
}

fn evaluate(classifier: &Classifier, samples: &[Sample]) -> Evaluation {
    let mut evaluation = Evaluation::default();
    for s in samples.iter().filter(|s| !s.train) {
        evaluation.add(&s.row, classifier.classify(&s.row.message()).label);
    }
    evaluation
}

fn report(title: &str, evaluation: &Evaluation) {
    evaluation.print(title);
}

fn summary(evaluation: &Evaluation) -> String {
    let f = evaluation.all.figures();
    let v = |x: Option<f64>| x.map_or_else(|| "n/a".into(), |x| format!("{x:.3}"));
    format!(
        "macro-F1 {}, scam recall {}, false alarms {}",
        v(f.macro_f1),
        v(f.scam_recall.value()),
        v(f.false_alarm.value())
    )
}

fn main() -> ExitCode {
    let options = match cli::options_or_exit(parse_args(), USAGE, "error") {
        Ok(options) => options,
        Err(code) => return code,
    };
    let set = match RowSet::read_files(&options.files) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    let base = || {
        let builder = Classifier::builder().without_generated_weights();
        if options.without_model {
            builder.without_model()
        } else {
            builder
        }
    };
    let hand_set = match base().build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t = thresholds();

    // Scored fraud and abuse rules are the parameters; other rules stay as they are.
    let mut params: Vec<Param> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for rule in hand_set.rules() {
        let (Some(weight), axis @ (Axis::Fraud | Axis::Abuse)) = (rule.weight(), rule.axis())
        else {
            continue;
        };
        let hand = f64::from(weight);
        let (lo, hi) = if hand >= 0.0 {
            (0.0, WEIGHT_LIMIT)
        } else {
            (-WEIGHT_LIMIT, 0.0)
        };
        index.insert(rule.id().to_string(), params.len());
        params.push(Param {
            id: rule.id().to_string(),
            axis,
            hand,
            lo,
            hi,
        });
    }

    let mut samples = Vec::with_capacity(set.rows.len());
    for row in set.rows {
        let verdict = hand_set.classify(&row.message());
        let mut fired = Vec::new();
        for finding in &verdict.findings {
            if let Some(&j) = index.get(&finding.rule_id) {
                let hand = params[j].hand;
                let share = if hand != 0.0 {
                    f64::from(finding.weight) / hand
                } else {
                    1.0
                };
                fired.push((j, share));
            }
        }
        let train = fnv1a(options.seed, &row.id) % 100 < TRAIN_SHARE;
        let locked = f64::from(verdict.scores.warning) >= t.public_warning && {
            let matched = hand_set.matched_rule_ids(&row.message());
            !t.warning_defeaters
                .iter()
                .any(|d| matched.contains(&d.as_str()))
        };
        samples.push(Sample {
            fraud: f64::from(verdict.scores.fraud),
            abuse: f64::from(verdict.scores.abuse),
            legit: f64::from(verdict.scores.legit),
            row,
            train,
            locked,
            fired,
        });
    }
    let train_rows = samples.iter().filter(|s| s.train).count();
    let locked_rows = samples.iter().filter(|s| s.train && s.locked).count();
    println!(
        "files: {}\nrows: {} labelled ({} skipped, {} invalid); {train_rows} train ({locked_rows} of them \
         public warnings, left out of the fit), {} held out (seed {})\nthresholds: scam {}, abusive {}, legit offsets fraud × {}\n",
        shown_all(&options.files),
        samples.len(),
        set.skipped,
        set.invalid.len(),
        samples.len() - train_rows,
        options.seed,
        t.scam,
        t.abusive,
        t.legit_offsets_fraud
    );

    let (fraud_w, fraud_before, fraud_after) = fit(
        &samples,
        &params,
        Axis::Fraud,
        |s| s.fraud - t.legit_offsets_fraud * s.legit.max(0.0),
        t.scam,
        &options,
    );
    let (abuse_w, abuse_before, abuse_after) = fit(
        &samples,
        &params,
        Axis::Abuse,
        |s| s.abuse,
        t.abusive,
        &options,
    );
    println!(
        "training loss: fraud axis {fraud_before:.4} → {fraud_after:.4}, abuse axis \
         {abuse_before:.4} → {abuse_after:.4}\n"
    );

    // Rounded fitted weights; only the ones that moved.
    let mut fitted: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (j, p) in params.iter().enumerate() {
        let w = match p.axis {
            Axis::Fraud => fraud_w[j],
            _ => abuse_w[j],
        };
        let w = (w * 100.0).round() / 100.0;
        if (w - p.hand).abs() >= 0.01 {
            fitted.insert(p.id.clone(), (p.hand, w));
        }
    }
    let mut hits: HashMap<usize, (usize, usize)> = HashMap::new();
    for s in samples.iter().filter(|s| s.train && !s.locked) {
        for (j, _) in &s.fired {
            let e = hits.entry(*j).or_default();
            match target(params[*j].axis, s.row.case) {
                Some(true) => e.0 += 1,
                Some(false) => e.1 += 1,
                None => {}
            }
        }
    }
    println!("== weights that changed ({})", fitted.len());
    println!(
        "{:<44}{:>9}{:>9}{:>9}{:>8}{:>8}",
        "rule", "axis", "hand", "fitted", "pos", "neg"
    );
    for (id, (hand, w)) in &fitted {
        let j = index[id];
        let (pos, neg) = hits.get(&j).copied().unwrap_or_default();
        println!(
            "{id:<44}{:>9}{hand:>9.2}{w:>9.2}{pos:>8}{neg:>8}",
            params[j].axis.as_str()
        );
    }
    println!(
        "(pos / neg: training rows it fired on that are positive / negative for its axis)
"
    );

    let mut builder = base();
    for (id, (_, w)) in &fitted {
        builder = builder.set_weight(id.clone(), *w as f32);
    }
    let calibrated = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let before = evaluate(&hand_set, &samples);
    let after = evaluate(&calibrated, &samples);
    report("held out, hand-set weights (before)", &before);
    report("held out, fitted weights (after)", &after);
    let mut changed = Vec::new();
    for s in samples.iter().filter(|s| !s.train) {
        let message = s.row.message();
        let (old, new) = (
            hand_set.classify(&message).label,
            calibrated.classify(&message).label,
        );
        if old != new {
            changed.push(format!("  {} {}: {old} → {new}", s.row.id, s.row.case));
        }
    }
    println!("held-out rows whose verdict changed: {}", changed.len());
    for line in changed.iter().take(40) {
        println!("{line}");
    }
    if changed.len() > 40 {
        println!("  … and {} more", changed.len() - 40);
    }
    println!("before: {}\nafter:  {}", summary(&before), summary(&after));

    if let Some(out) = &options.out {
        let mut text = format!(
            "# Generated by `cargo run --release --example calibrate -- {}`; do not edit by \
             hand.\n# Fitted on: {}, {train_rows} training rows; held-out figures: before {}; \
             after {}.\n[weights]\n",
            options.args.join(" "),
            shown_all(&options.files),
            summary(&before),
            summary(&after),
        );
        for (id, (_, w)) in &fitted {
            text.push_str(&format!("{id:?} = {w:.2}\n"));
        }
        if let Err(e) = std::fs::write(out, text) {
            eprintln!("error: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {} weights to {}", fitted.len(), out.display());
    }
    ExitCode::SUCCESS
}
