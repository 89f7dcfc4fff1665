//! Train a learned model on labelled JSON Lines files and fit its combiner.
//!
//! ```text
//! cargo run --release --example train -- TRAIN.jsonl [TRAIN2.jsonl …] --out MODEL.cgm
//!     [--fit FILE.jsonl …] [--fit-ids FILE.ids] [--fit-oof SUBSTRING] [--real-oof SUBSTRING]
//!     [--heldout FILE.jsonl …]
//!     [--folds 5] [--bits 18] [--algo logistic|nb|embedD] [--epochs 12] [--rate 0.5]
//!     [--seed N] [--l2 X] [--no-balance] [--bags K] [--combiner-bags B]
//!     [--false-alarm-cost 3] [--false-alarm-budget 0.003] [--source TEXT …]
//! ```
//!
//! The rows have the shape `evaluate` reads (`text`, `label`, optional `id`, `family`,
//! `accept`, `sender`, `channel`, `lang`).
//!
//! 1. **Grouped k-fold** over the training rows: a row's fold is a hash of its file and
//!    `family` (rows without a family are grouped by file and id stem), so rows written for
//!    one cell of the plan are held out together. Prints the model's out-of-fold figures.
//! 2. **The combiner** (how much the model's probabilities weigh on each rule axis) is fitted
//!    on rows the rules were not written from: the out-of-fold predictions of training rows
//!    whose file name contains `--fit-oof`, and every row of the `--fit` files (which never
//!    train n-gram weights: use them for data you may evaluate on but not ship). The
//!    `--fit` rows count as real messages: false alarms, and `--false-alarm-budget`, are
//!    measured on their harmless rows.
//! 3. **The final model** trains on every training row, takes the fitted combiner, and is
//!    written to `--out` with a model card (row counts, `--source` lines, options).
//! 4. `--heldout` files are only measured: rules alone, the model alone, both combined.
//!
//! Deterministic: the same files, order and options give the same model file.

#[path = "../tests/support/eval.rs"]
mod eval;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use collectguard::model::{
    Algorithm, CombinerRow, Gate, Model, ModelCard, ModelClass, Prediction, TrainOptions,
    TrainingRow, fit_combiner_bagged, fit_promotions, train,
};
use collectguard::{Classifier, Label};
use eval::{Evaluation, Figures, Row, RowSet};

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "\
usage: train TRAIN.jsonl [...] --out MODEL.cgm [--fit FILE.jsonl ...] [--fit-oof SUBSTRING]
             [--real-oof SUBSTRING]
             [--heldout FILE.jsonl ...] [--folds N] [--bits B] [--algo logistic|nb|embedD]
             [--epochs N] [--rate R] [--seed N] [--l2 X] [--no-balance] [--bags K] [--crops K]
             [--label-smoothing E] [--word-trigrams] [--no-word-chars]
             [--combiner-bags B] [--false-alarm-cost C] [--fraud-gate] [--latin-gates]
             [--promote-scam | --promote LABELS]
             [--group-by cell|file] [--source TEXT ...]

Trains a model on labelled JSON Lines files, fits its combiner out of fold, writes it.

options:
  --out F              the model file to write (required)
  --train F ...        more training files (after --fit or --heldout)
  --fit F ...          rows only for fitting the combiner (never train n-gram weights)
  --fit-ids F          keep only the --fit rows whose id is a line of F (a split in splits/)
  --heldout-ids F      keep only the --heldout rows whose id is a line of F
  --fit-weight W       how much each --fit row counts against an out-of-fold row (default 1;
                       more when the --fit rows are real messages and the rest were written)
  --fit-oof S          also fit the combiner on out-of-fold predictions of training rows
                       whose file name contains S (rows the rules were not written from)
  --real-oof S         of those, the rows whose file name contains S are real messages (a
                       licensed corpus trained on): they weigh --fit-weight and count in
                       the false-alarm budget like --fit rows
  --heldout F ...      rows only measured: rules alone, model alone, combined
  --folds N            grouped folds for out-of-fold predictions (default 5)
  --group-by G         what a fold holds out whole: `cell` (file + region.channel.label, the
                       default) or `file` (every row of a file: one writing session, so
                       the out-of-fold predictions see an unseen writer, as real messages are)
  --bits B             hash table size 2^B (default 18)
  --algo A             logistic (default), nb, or embedD (a fastText-style bag of D-long embeddings)
  --epochs N, --rate R, --seed N   logistic regression options
  --l2 X               L2 penalty per step (default 1e-6)
  --no-balance         do not weigh classes inversely to their frequency
  --bags K             average K models trained on K row orders (default 1)
  --crops K            add K random fragments (40-85 % of the characters) of every row
                       of 24+ characters, same class (default 0)
  --crop-weight W      how much one fragment counts against a whole row (default 1)
  --dropout Q          feature dropout: leave out this share of a row's features at each step (default 0)
  --label-smoothing E  train toward 1 − E for a row's class and E / (classes − 1) for the others (default 0)
  --word-trigrams      also Latin word 3-grams as features (recorded in the model file)
  --no-word-chars      no Latin in-word character 3–5-grams (recorded in the model file)
  --combiner-bags B    fit the combiner on B bootstrap resamples and average (default 1)
  --false-alarm-cost C the combiner's price of one false-alarm rate unit (default 3)
  --false-alarm-budget B  the largest false-alarm rate the fit may accept (default 1: none)
  --fraud-gate         also fit `model.fraud` (every kind of fraud, other fraud included)
  --latin-gates        fit gates of their own for texts without Han characters
  --promote LABELS     also fit, for each of LABELS (scam,abusive,legitimate), the
                       probability of its class from which the model alone gives that
                       verdict to a text otherwise unverified or not_collection, and for
                       not_collection the harmless probability from which a text called
                       scam, abusive or unverified is read as a text about such messages
  --promote-scam       the same as --promote scam
  --source TEXT        a line for the model card's sources (repeatable)
  -h, --help           this help";

struct Options {
    train: Vec<PathBuf>,
    fit: Vec<PathBuf>,
    heldout: Vec<PathBuf>,
    fit_oof: Option<String>,
    real_oof: Option<String>,
    fit_ids: Option<PathBuf>,
    heldout_ids: Option<PathBuf>,
    out: Option<PathBuf>,
    folds: usize,
    group_by_file: bool,
    cost: f32,
    budget: f32,
    fit_weight: f32,
    combiner_bags: usize,
    fraud_gate: bool,
    latin_gates: bool,
    promote: Vec<Label>,
    sources: Vec<String>,
    model: TrainOptions,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        train: Vec::new(),
        fit: Vec::new(),
        heldout: Vec::new(),
        fit_oof: None,
        real_oof: None,
        fit_ids: None,
        heldout_ids: None,
        out: None,
        folds: 5,
        group_by_file: false,
        cost: 3.0,
        budget: 1.0,
        fit_weight: 1.0,
        combiner_bags: 1,
        fraud_gate: false,
        latin_gates: false,
        promote: Vec::new(),
        sources: Vec::new(),
        model: TrainOptions::default(),
    };
    #[derive(PartialEq)]
    enum Into {
        Train,
        Fit,
        Heldout,
    }
    let mut into = Into::Train;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        fn num<T: std::str::FromStr>(name: &str, v: String) -> Result<T, String> {
            v.parse().map_err(|_| format!("bad {name}: {v}"))
        }
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--train" => into = Into::Train,
            "--fit" => into = Into::Fit,
            "--heldout" => into = Into::Heldout,
            "--fit-oof" => o.fit_oof = Some(value("--fit-oof")?),
            "--real-oof" => o.real_oof = Some(value("--real-oof")?),
            "--fit-ids" => o.fit_ids = Some(PathBuf::from(value("--fit-ids")?)),
            "--heldout-ids" => o.heldout_ids = Some(PathBuf::from(value("--heldout-ids")?)),
            "--folds" => o.folds = num("--folds", value("--folds")?)?,
            "--group-by" => {
                o.group_by_file = match value("--group-by")?.as_str() {
                    "cell" => false,
                    "file" => true,
                    other => return Err(format!("bad --group-by: {other} (cell or file)")),
                }
            }
            "--bits" => o.model.bits = num("--bits", value("--bits")?)?,
            "--epochs" => o.model.epochs = num("--epochs", value("--epochs")?)?,
            "--rate" => o.model.learning_rate = num("--rate", value("--rate")?)?,
            "--seed" => o.model.seed = num("--seed", value("--seed")?)?,
            "--l2" => o.model.l2 = num("--l2", value("--l2")?)?,
            "--bags" => o.model.bags = num("--bags", value("--bags")?)?,
            "--crops" => o.model.crops = num("--crops", value("--crops")?)?,
            "--crop-weight" => o.model.crop_weight = num("--crop-weight", value("--crop-weight")?)?,
            "--dropout" => o.model.dropout = num("--dropout", value("--dropout")?)?,
            "--label-smoothing" => {
                o.model.label_smoothing = num("--label-smoothing", value("--label-smoothing")?)?
            }
            "--combiner-bags" => {
                o.combiner_bags = num("--combiner-bags", value("--combiner-bags")?)?
            }
            "--no-balance" => o.model.balance_classes = false,
            "--word-trigrams" => o.model.features.word_trigrams = true,
            "--no-word-chars" => o.model.features.word_chars = false,
            "--fraud-gate" => o.fraud_gate = true,
            "--latin-gates" => o.latin_gates = true,
            "--promote-scam" => o.promote = vec![Label::Scam],
            "--promote" => {
                o.promote = value("--promote")?
                    .split(',')
                    .map(|l| match l {
                        "scam" => Ok(Label::Scam),
                        "abusive" => Ok(Label::Abusive),
                        "legitimate" => Ok(Label::Legitimate),
                        "not_collection" => Ok(Label::NotCollection),
                        other => Err(format!(
                            "--promote: unknown verdict {other} (scam, abusive, legitimate, not_collection)"
                        )),
                    })
                    .collect::<Result<_, _>>()?
            }
            "--false-alarm-cost" => {
                o.cost = num("--false-alarm-cost", value("--false-alarm-cost")?)?
            }
            "--false-alarm-budget" => {
                o.budget = num("--false-alarm-budget", value("--false-alarm-budget")?)?
            }
            "--fit-weight" => o.fit_weight = num("--fit-weight", value("--fit-weight")?)?,
            "--source" => o.sources.push(value("--source")?),
            "--algo" => {
                o.model.algorithm = match value("--algo")?.as_str() {
                    "logistic" => Algorithm::Logistic,
                    "nb" => Algorithm::NaiveBayes,
                    other if other.starts_with("embed") => Algorithm::Embedding {
                        dim: other["embed".len()..]
                            .parse()
                            .map_err(|_| format!("bad --algo: {other} (embed16, embed32, …)"))?,
                    },
                    other => return Err(format!("bad --algo: {other}")),
                }
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => match into {
                Into::Train => o.train.push(PathBuf::from(arg)),
                Into::Fit => o.fit.push(PathBuf::from(arg)),
                Into::Heldout => o.heldout.push(PathBuf::from(arg)),
            },
        }
    }
    if o.train.is_empty() {
        return Err("no training file".into());
    }
    if o.out.is_none() {
        return Err("--out is required".into());
    }
    if !(8..=24).contains(&o.model.bits) {
        return Err(format!("--bits must be in 8..=24, not {}", o.model.bits));
    }
    o.folds = o.folds.max(2);
    Ok(o)
}

fn class_of(row: &Row) -> ModelClass {
    ModelClass::from_name(row.case.as_str()).expect("case labels are model classes")
}

fn training_rows(rows: &[&Row], views: &HashMap<String, String>) -> Vec<TrainingRow> {
    rows.iter()
        .map(|r| TrainingRow::new(views[&r.text].clone(), class_of(r)))
        .collect()
}

fn combiner_row(row: &Row, prediction: Prediction, weight: f32, real: bool) -> CombinerRow {
    CombinerRow {
        message: row.message(),
        class: class_of(row),
        accept: row.accept.clone().unwrap_or_default(),
        prediction,
        weight,
        real,
    }
}

fn figures_line(name: &str, figures: &Figures) -> String {
    figures.compact_row(name)
}

fn main() -> ExitCode {
    let o = match cli::options_or_exit(parse_args(), USAGE, "error") {
        Ok(options) => options,
        Err(code) => return code,
    };
    let read = |files: &[PathBuf]| RowSet::read_files(files);
    let (train_set, mut fit_set, mut heldout_set) =
        match (read(&o.train), read(&o.fit), read(&o.heldout)) {
            (Ok(a), Ok(b), Ok(c)) => (a, b, c),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
    for (ids, set) in [
        (&o.fit_ids, &mut fit_set),
        (&o.heldout_ids, &mut heldout_set),
    ] {
        let Some(path) = ids else { continue };
        if let Err(e) = set.retain_ids(path) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let started = Instant::now();
    let rows: Vec<&Row> = train_set.rows.iter().collect();
    println!(
        "training rows: {} from {} files; combiner-only rows: {}; held-out rows: {}",
        rows.len(),
        o.train.len(),
        fit_set.rows.len(),
        heldout_set.rows.len()
    );

    // What the model reads of each text (normalized, a transcript's debtor turns blanked):
    // training and fitting see what inference sees.
    let rules = match Classifier::builder().without_model().build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut views: HashMap<String, String> = HashMap::new();
    for row in train_set
        .rows
        .iter()
        .chain(&fit_set.rows)
        .chain(&heldout_set.rows)
    {
        if !views.contains_key(&row.text) {
            views.insert(row.text.clone(), rules.model_view(&row.message()));
        }
    }

    // 1. Grouped k-fold: out-of-fold predictions for every training row.
    let fold_of = |row: &Row| {
        let hash = if o.group_by_file {
            eval::fnv1a(o.model.seed, &row.file)
        } else {
            eval::fnv1a(o.model.seed, &row.group_key())
        };
        (hash % o.folds as u64) as usize
    };
    let mut oof: Vec<Option<Prediction>> = vec![None; rows.len()];
    for fold in 0..o.folds {
        let inside: Vec<&Row> = rows
            .iter()
            .copied()
            .filter(|r| fold_of(r) != fold)
            .collect();
        let model = train(&training_rows(&inside, &views), &o.model);
        for (i, row) in rows.iter().enumerate() {
            if fold_of(row) == fold {
                oof[i] = Some(model.predict(&views[&row.text]));
            }
        }
    }
    let oof: Vec<Prediction> = oof
        .into_iter()
        .map(|p| p.expect("every row has a fold"))
        .collect();
    let mut model_alone = Evaluation::default();
    for (row, prediction) in rows.iter().zip(&oof) {
        model_alone.add(row, prediction.top_label());
    }
    println!("\n== model alone, out of fold ({} grouped folds)", o.folds);
    println!("{}", Figures::compact_header());
    println!("{}", figures_line("all", &model_alone.all.figures()));
    for (group, tally) in &model_alone.by_group {
        println!("{}", figures_line(group.as_str(), &tally.figures()));
    }

    // 2. The final model on every training row.
    let mut model = train(&training_rows(&rows, &views), &o.model);

    // 3. The combiner, on rows the rules were not written from.
    let mut fit_rows: Vec<CombinerRow> = Vec::new();
    if let Some(pattern) = &o.fit_oof {
        for (row, prediction) in rows.iter().zip(&oof) {
            if row.file.contains(pattern.as_str()) {
                let real = o
                    .real_oof
                    .as_deref()
                    .is_some_and(|real| row.file.contains(real));
                let weight = if real { o.fit_weight } else { 1.0 };
                fit_rows.push(combiner_row(row, prediction.clone(), weight, real));
            }
        }
    }
    for row in &fit_set.rows {
        fit_rows.push(combiner_row(
            row,
            model.predict(&views[&row.text]),
            o.fit_weight,
            true,
        ));
    }
    if fit_rows.is_empty() {
        println!("\nno combiner rows (--fit / --fit-oof): the combiner keeps its defaults");
    } else {
        let mut start = model.combiner().clone();
        if o.fraud_gate {
            // Silent at the start: the fit turns it on only where it pays.
            start.fraud = Some(Gate {
                scale: 0.0,
                scale_alone: 0.0,
                scale_corroborated: Some(0.0),
                scale_hint: Some(0.0),
                ..start.scam
            });
        }
        if o.latin_gates {
            start.latin = Some(Box::new(start.clone()));
        }
        let combiner = fit_combiner_bagged(
            &rules,
            &fit_rows,
            o.cost,
            o.budget,
            &start,
            o.combiner_bags,
            o.model.seed,
        );
        let combiner = if o.promote.is_empty() {
            combiner
        } else {
            fit_promotions(&rules, &fit_rows, &combiner, o.cost, o.budget, &o.promote)
        };
        println!(
            "\n== combiner fitted on {} rows\n{combiner:#?}",
            fit_rows.len()
        );
        model = model.with_combiner(combiner);
    }
    let mut per_class: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        *per_class.entry(class_of(row).as_str()).or_default() += 1;
    }
    let mut sources: Vec<String> = o
        .train
        .iter()
        .map(|f| {
            let n = rows
                .iter()
                .filter(|r| r.file == f.display().to_string())
                .count();
            format!("{} ({n} rows; n-gram weights)", f.display())
        })
        .collect();
    sources.extend(
        o.fit
            .iter()
            .map(|f| format!("{} (combiner fit only)", f.display())),
    );
    sources.extend(o.sources.iter().cloned());
    let card = ModelCard {
        rows_per_class: per_class
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect(),
        sources,
        trained_with: format!(
            "{:?}; {} grouped folds{} for the combiner",
            o.model,
            o.folds,
            if o.group_by_file { " (by file)" } else { "" }
        ),
    };
    let model = model.with_card(card);

    // 4. Held-out figures: rules alone, model alone, combined.
    if !heldout_set.rows.is_empty() {
        let combined = match Classifier::builder().model(model.clone()).build() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut by_file: BTreeMap<&str, [Evaluation; 3]> = BTreeMap::new();
        for row in &heldout_set.rows {
            let message = row.message();
            let e = by_file.entry(row.file.as_str()).or_default();
            e[0].add(row, rules.classify(&message).label);
            e[1].add(row, model.predict(&views[&row.text]).top_label());
            e[2].add(row, combined.classify(&message).label);
        }
        println!("\n== held out");
        println!("{}", Figures::compact_header());
        for (file, [r, m, c]) in &by_file {
            let name = std::path::Path::new(file)
                .file_stem()
                .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
            println!(
                "{}",
                figures_line(&format!("{name} rules"), &r.all.figures())
            );
            println!(
                "{}",
                figures_line(&format!("{name} model"), &m.all.figures())
            );
            println!(
                "{}",
                figures_line(&format!("{name} both"), &c.all.figures())
            );
        }
    }

    let out = o.out.as_ref().expect("checked");
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    // Read it back: what was written must load.
    if let Err(e) = Model::load(out) {
        eprintln!("error: the written model does not load: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "\nwrote {} ({} bytes) in {:.1} s",
        out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
