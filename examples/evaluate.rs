//! Measure the default classifier on labelled JSON Lines files.
//!
//! ```text
//! cargo run --release --example evaluate -- FILE.jsonl [FILE2.jsonl …] [--misses N]
//!     [--lang zh|en|other] [--only LABEL,…] [--json] [--weights FILE.toml]
//!     [--ids FILE.ids] [--model FILE.cgm | --without-model] [--unlabelled-as LABEL]
//!     [--bootstrap N]
//! ```
//!
//! Each line is a JSON object with `text` and `label` (`legit_collection`,
//! `fake_collection`, `abusive_collection`, `debt_relief_scam`, `other_fraud`, `benign`, or
//! `null` to skip the row), and optionally `id`, `sender`, `channel`, `lang` and `accept` (a
//! list of verdict labels that are all correct for the row).
//!
//! Prints the rows read and skipped, a confusion matrix (case label × verdict), precision,
//! recall and F1 of `scam`, `abusive`, `legitimate` and `not_collection` with macro-F1, the
//! headline figures (scam recall, false-alarm rate, benign and other fraud called
//! legitimate), a per-language breakdown and a rule table in the style of SpamAssassin's
//! hit-frequencies. `--misses N` lists up to N misclassified rows with the findings that
//! fired; `--only benign,other_fraud` keeps only rows with those case labels; `--json` prints the headline figures as one JSON object instead of the tables;
//! `--weights` evaluates with candidate fitted weights (a file in the format of
//! `rules/weights.generated.toml`, e.g. written by `calibrate --out`) instead of the
//! embedded ones. `--ids` keeps only the rows whose id is a line of the file (the splits in
//! `splits/`, e.g. the frozen half of pages-dev2); `--model` combines the rules with a model
//! file written by the `train` example instead of the embedded model, `--without-model`
//! runs the rules alone. `--unlabelled-as benign` reads rows whose label is null as
//! benign instead of skipping them (a file of comments *about* collection, which are no
//! message to a debtor: `not_collection` is right for every one). `--bootstrap N` adds 95 %
//! intervals of the headline figures from N resamples of the rows (a 68-row set's
//! macro-F1 moves by several points from the rows drawn alone).
//!
//! Exact definitions (which verdicts count as correct, how an `accept` list enters
//! precision and recall): see `tests/support/eval.rs`, which `tests/accuracy.rs` shares.
//!
//! The rule table counts, for each rule that matched at least once (including unscored
//! sub-rules), the rows it matched per kind: scam-expected (`fake_collection` +
//! `debt_relief_scam`), abusive, legit, benign and other fraud. `S/O` is the share of its
//! hits on scam-expected and abusive rows; `F/O` also counts other-fraud rows as bad.

#[path = "../tests/support/eval.rs"]
mod eval;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use collectguard::{Classifier, Label};
use eval::{CaseLabel, Evaluation, LangGroup, Row, RowSet, RuleHits};

#[path = "support/cli.rs"]
mod cli;

// The report is written into a `String` (which cannot fail to grow), then out at once.
use std::fmt::Write as _;

const USAGE: &str = "\
usage: evaluate FILE.jsonl [FILE.jsonl ...] [--misses N] [--lang zh|en|other] [--json]
                [--only LABEL,...] [--weights FILE.toml] [--ids FILE.ids]
                [--model FILE.cgm | --without-model] [--unlabelled-as LABEL]
                [--bootstrap N]

Measures the default classifier on labelled JSON Lines files.

options:
  --misses N     list up to N misclassified rows with the findings that fired
  --lang L       only rows of one language group: zh (zh-Hans, zh-Hant, zh-*), en, other
  --only L,...    only rows with these case labels (e.g. benign,other_fraud)
  --json         print the headline figures as one JSON object
  --weights F    use the fitted weights of F instead of rules/weights.generated.toml
  --ids F        only rows whose id is a line of F (e.g. splits/pages-dev2-frozen.ids)
  --model F      combine the rules with the model file F instead of the embedded model
  --without-model  the rules alone
  --unlabelled-as L  read rows whose label is null as L (default: skip them), e.g. benign
                 for a file of comments *about* collection
  --bootstrap N  95 % intervals of accuracy, macro-F1, scam recall and false alarms from N
                 resamples of the rows (percentile bootstrap, seeded)
  -h, --help     this help";

struct Options {
    files: Vec<PathBuf>,
    misses: usize,
    lang: Option<LangGroup>,
    json: bool,
    weights: Option<PathBuf>,
    only: Option<Vec<CaseLabel>>,
    ids: Option<PathBuf>,
    model: ModelOption,
    unlabelled_as: Option<CaseLabel>,
    bootstrap: usize,
}

enum ModelOption {
    Embedded,
    File(PathBuf),
    None,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        files: Vec::new(),
        misses: 0,
        lang: None,
        json: false,
        weights: None,
        only: None,
        ids: None,
        model: ModelOption::Embedded,
        unlabelled_as: None,
        bootstrap: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--misses" => {
                let v = value("--misses")?;
                options.misses = v.parse().map_err(|_| format!("bad --misses: {v}"))?;
            }
            "--lang" => {
                let v = value("--lang")?;
                options.lang = Some(LangGroup::parse(&v).ok_or(format!("bad --lang: {v}"))?);
            }
            "--json" => options.json = true,
            "--only" => {
                let v = value("--only")?;
                let labels = v
                    .split(',')
                    .map(|l| CaseLabel::parse(l.trim()).ok_or(format!("bad --only label: {l}")))
                    .collect::<Result<Vec<_>, _>>()?;
                options.only = Some(labels);
            }
            "--weights" => options.weights = Some(PathBuf::from(value("--weights")?)),
            "--ids" => options.ids = Some(PathBuf::from(value("--ids")?)),
            "--model" => options.model = ModelOption::File(PathBuf::from(value("--model")?)),
            "--without-model" => options.model = ModelOption::None,
            "--unlabelled-as" => {
                let v = value("--unlabelled-as")?;
                options.unlabelled_as =
                    Some(CaseLabel::parse(&v).ok_or(format!("bad --unlabelled-as label: {v}"))?);
            }
            "--bootstrap" => {
                let v = value("--bootstrap")?;
                options.bootstrap = v.parse().map_err(|_| format!("bad --bootstrap: {v}"))?;
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => options.files.push(PathBuf::from(arg)),
        }
    }
    if options.files.is_empty() {
        return Err("no input file".into());
    }
    Ok(options)
}

struct Miss<'a> {
    row: &'a Row,
    verdict: Label,
    risk: u8,
    findings: String,
}

fn main() -> ExitCode {
    let options = match cli::options_or_exit(parse_args(), USAGE, "error") {
        Ok(options) => options,
        Err(code) => return code,
    };

    let mut set = match RowSet::read_files_as(&options.files, options.unlabelled_as) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let before = set.rows.len();
    if let Some(group) = options.lang {
        set.rows.retain(|r| r.group() == group);
    }
    if let Some(only) = &options.only {
        set.rows.retain(|r| only.contains(&r.case));
    }
    if let Some(path) = &options.ids {
        if let Err(e) = set.retain_ids(path) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let filtered_out = before - set.rows.len();

    let mut builder = Classifier::builder();
    if let Some(path) = &options.weights {
        match std::fs::read_to_string(path) {
            Ok(text) => builder = builder.weights_str(path.display().to_string(), text),
            Err(e) => {
                eprintln!("error: cannot use weights {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    builder = match &options.model {
        ModelOption::Embedded => builder,
        ModelOption::File(path) => builder.model_file(path),
        ModelOption::None => builder.without_model(),
    };
    let classifier = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let describe: HashMap<&str, String> = classifier
        .rules()
        .map(|r| {
            let weight = r
                .weight()
                .map_or_else(|| "sub".into(), |w| format!("{w:+.1}"));
            (r.id(), format!("{} {weight}", r.axis()))
        })
        .collect();

    let progress = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut evaluation = Evaluation::default();
    let mut hits = RuleHits::default();
    let mut misses = Vec::new();
    let mut judged: Vec<(&Row, Label)> = Vec::new();
    // Verdicts that rest on the learned model alone, and how many of them are right.
    let mut model_alone = (0usize, 0usize);
    let total = set.rows.len();
    for (i, row) in set.rows.iter().enumerate() {
        if progress && i % 100 == 0 {
            eprint!("\r{i}/{total}");
            let _ = std::io::stderr().flush();
        }
        let message = row.message();
        let verdict = classifier.classify(&message);
        evaluation.add(row, verdict.label);
        judged.push((row, verdict.label));
        if verdict.rests_on_model_alone() {
            model_alone.0 += 1;
            model_alone.1 += usize::from(row.is_correct(verdict.label));
        }
        hits.add(row, classifier.matched_rule_ids(&message));
        if !row.is_correct(verdict.label) && misses.len() < options.misses {
            let findings = verdict
                .findings
                .iter()
                .map(|f| format!("{}({:+})", f.rule_id, f.weight))
                .collect::<Vec<_>>()
                .join(" ");
            misses.push(Miss {
                row,
                verdict: verdict.label,
                risk: verdict.risk,
                findings,
            });
        }
    }
    if progress {
        eprint!("\r{total}/{total}\n");
    }
    let elapsed = started.elapsed();
    let figures = evaluation.all.figures();
    let intervals = eval::bootstrap(&judged, options.bootstrap, 0xB007_5742);

    if options.json {
        let by_lang: serde_json::Map<String, serde_json::Value> = evaluation
            .by_group
            .iter()
            .map(|(g, t)| (g.as_str().to_string(), serde_json::json!(t.figures())))
            .collect();
        let out = serde_json::json!({
            "files": options.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            "lines_read": set.read,
            "skipped_null_label": set.skipped,
            "invalid": set.invalid.len(),
            "filtered_out": filtered_out,
            "all": figures,
            "model_alone": { "verdicts": model_alone.0, "right": model_alone.1 },
            "ci95": intervals,
            "by_lang": by_lang,
        });
        return cli::emit(&format!("{out}\n"));
    }

    let mut report = String::new();
    let files: Vec<String> = options
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    let _ = writeln!(report, "files: {}", files.join(", "));
    if let Some(path) = &options.weights {
        let _ = writeln!(report, "weights: {}", path.display());
    }
    let _ = write!(
        report,
        "lines read: {}; skipped (label null): {}; invalid: {}",
        set.read,
        set.skipped,
        set.invalid.len()
    );
    if options.lang.is_some() || options.only.is_some() {
        let _ = write!(report, "; left out by --lang/--only: {filtered_out}");
    }
    let _ = writeln!(
        report,
        "; evaluated: {total} ({:.1} s, {:.2} ms/row)\n",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / total.max(1) as f64
    );
    let _ = writeln!(report, "== confusion (rows: case label, columns: verdict)");
    let _ = writeln!(report, "{}", evaluation.all.confusion_table());
    let _ = writeln!(
        report,
        "== per verdict label (accepted verdicts count as true positives)"
    );
    let _ = writeln!(report, "{}", figures.label_table());
    let _ = writeln!(report, "== headline");
    let _ = write!(report, "{}", figures.headline());
    let _ = writeln!(
        report,
        "verdicts on the model alone:    {} ({} right)\n",
        model_alone.0, model_alone.1
    );
    if options.bootstrap > 0 {
        let show = |i: Option<(f64, f64)>| {
            i.map_or_else(|| "n/a".into(), |(lo, hi)| format!("{lo:.3}–{hi:.3}"))
        };
        let _ = writeln!(
            report,
            "95 % intervals ({} resamples of the rows): accuracy {}, macro-F1 {}, scam recall {}, false alarms {}",
            intervals.resamples,
            show(intervals.accuracy),
            show(intervals.macro_f1),
            show(intervals.scam_recall),
            show(intervals.false_alarm)
        );
    }
    let _ = writeln!(report, "== per language");
    let _ = writeln!(report, "{}", evaluation.group_table());
    let _ = writeln!(report, "== rules (hits per kind of row)");
    let _ = writeln!(
        report,
        "{}",
        hits.table(|id| describe.get(id).cloned().unwrap_or_default())
    );
    if options.misses > 0 {
        let _ = writeln!(
            report,
            "== misses (first {} of the wrong rows)",
            misses.len()
        );
        for m in &misses {
            let text: String = m.row.text.chars().take(90).collect();
            let text = text.replace('\n', " ");
            let _ = writeln!(
                report,
                "{} [{}] {} → {} (risk {})\n    {}\n    {}",
                m.row.id,
                m.row.lang,
                m.row.case,
                m.verdict,
                m.risk,
                if m.findings.is_empty() {
                    "(no findings)"
                } else {
                    &m.findings
                },
                text
            );
        }
    }
    cli::emit(&report)
}
