//! Accuracy metrics over labelled messages, shared by `examples/evaluate.rs`,
//! `examples/calibrate.rs` and `tests/accuracy.rs` (examples cannot be imported by tests, so
//! each includes this file with `#[path = …] mod eval;`).
//!
//! # Input
//!
//! One JSON object per line: `text`, `label` (a case label, or `null` = skip the row),
//! optional `id`, `sender`, `channel`, `lang` and `accept` (a list of verdict labels that are
//! all correct for the row). Other fields are ignored.
//!
//! # Definitions
//!
//! - **Expected verdict** of a case label: `fake_collection`, `debt_relief_scam` → `scam`;
//!   `abusive_collection` → `abusive`; `legit_collection` → `legitimate`; `benign` →
//!   `not_collection`; `other_fraud` → any verdict but `legitimate` or `unverified`.
//! - **Correct**: when the row has an `accept` list, the verdict is in it (the list replaces
//!   the mapping); otherwise the verdict is the expected one.
//! - **Reference label** of a row, for precision and recall: the verdict itself when it is
//!   correct (an accepted verdict is a true positive for the verdict it got); otherwise the
//!   *primary* expected label (the mapping above; `scam` for `other_fraud`). Precision,
//!   recall and F1 of a verdict label L are then the usual ones over (reference, verdict)
//!   pairs: TP = correct rows with verdict L; FP = wrong rows with verdict L; FN = wrong rows
//!   whose primary label is L. A correct `unverified` row counts for none of the four main
//!   labels; a wrong `unverified` row is a false negative of its primary label.
//! - **Macro-F1**: the mean F1 of `scam`, `abusive`, `legitimate`, `not_collection`, over
//!   the labels that occur at all (as reference or verdict); an undefined precision or
//!   recall counts as 0.
//! - **Scam recall**: share of `fake_collection` + `debt_relief_scam` rows with a correct
//!   verdict (`scam`, or a verdict in the row's `accept` list). The strict figure (verdict is
//!   `scam`) is reported too.
//! - **False-alarm rate**: share of `legit_collection` + `benign` rows called `scam` or
//!   `abusive`, unless that verdict is in the row's `accept` list.
//! - **Benign called legitimate** / **other fraud called legitimate**: share of `benign` /
//!   `other_fraud` rows with verdict `legitimate`, unless it is in the row's `accept` list.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::{self, BufRead};
use std::path::Path;

use collectguard::{Channel, Label, Message};
use serde::Serialize;
use serde_json::Value;

/// The label a test case carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseLabel {
    LegitCollection,
    FakeCollection,
    AbusiveCollection,
    DebtReliefScam,
    OtherFraud,
    Benign,
}

impl CaseLabel {
    pub const ALL: [CaseLabel; 6] = [
        CaseLabel::LegitCollection,
        CaseLabel::FakeCollection,
        CaseLabel::AbusiveCollection,
        CaseLabel::DebtReliefScam,
        CaseLabel::OtherFraud,
        CaseLabel::Benign,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseLabel::LegitCollection => "legit_collection",
            CaseLabel::FakeCollection => "fake_collection",
            CaseLabel::AbusiveCollection => "abusive_collection",
            CaseLabel::DebtReliefScam => "debt_relief_scam",
            CaseLabel::OtherFraud => "other_fraud",
            CaseLabel::Benign => "benign",
        }
    }

    pub fn parse(s: &str) -> Option<CaseLabel> {
        CaseLabel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    fn index(self) -> usize {
        CaseLabel::ALL.iter().position(|c| *c == self).unwrap()
    }

    /// The verdict the mapping expects; `scam` for `other_fraud` (which also accepts
    /// `abusive` and `not_collection`).
    pub fn primary(self) -> Label {
        match self {
            CaseLabel::FakeCollection | CaseLabel::DebtReliefScam | CaseLabel::OtherFraud => {
                Label::Scam
            }
            CaseLabel::AbusiveCollection => Label::Abusive,
            CaseLabel::LegitCollection => Label::Legitimate,
            CaseLabel::Benign => Label::NotCollection,
        }
    }

    /// Whether `verdict` is what the mapping expects (no `accept` list).
    pub fn expects(self, verdict: Label) -> bool {
        match self {
            CaseLabel::OtherFraud => !matches!(verdict, Label::Legitimate | Label::Unverified),
            _ => verdict == self.primary(),
        }
    }

    /// Fake collectors and debt-relief sellers: the rows of scam recall.
    pub fn is_scam_case(self) -> bool {
        matches!(self, CaseLabel::FakeCollection | CaseLabel::DebtReliefScam)
    }

    /// Lawful or unrelated messages: the rows of the false-alarm rate.
    pub fn is_innocent(self) -> bool {
        matches!(self, CaseLabel::LegitCollection | CaseLabel::Benign)
    }
}

impl fmt::Display for CaseLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Verdict labels in table order.
pub const VERDICTS: [Label; 5] = [
    Label::Scam,
    Label::Abusive,
    Label::Legitimate,
    Label::Unverified,
    Label::NotCollection,
];

/// The four labels of precision, recall and macro-F1.
pub const MAIN_LABELS: [Label; 4] = [
    Label::Scam,
    Label::Abusive,
    Label::Legitimate,
    Label::NotCollection,
];

fn verdict_index(label: Label) -> usize {
    VERDICTS.iter().position(|l| *l == label).unwrap()
}

fn parse_verdict(s: &str) -> Option<Label> {
    VERDICTS.into_iter().find(|l| l.as_str() == s)
}

/// Language groups of the per-language breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LangGroup {
    Zh,
    En,
    Other,
}

impl LangGroup {
    pub const ALL: [LangGroup; 3] = [LangGroup::Zh, LangGroup::En, LangGroup::Other];

    /// `zh`, `zh-Hans`, `zh-Hant`, `zh-TW` … → Zh; `en`, `en-US` … → En; anything else
    /// (including no `lang`) → Other.
    pub fn of(lang: &str) -> LangGroup {
        let lang = lang.trim().to_ascii_lowercase();
        if lang.starts_with("zh") {
            LangGroup::Zh
        } else if lang == "en" || lang.starts_with("en-") || lang.starts_with("en_") {
            LangGroup::En
        } else {
            LangGroup::Other
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LangGroup::Zh => "zh",
            LangGroup::En => "en",
            LangGroup::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<LangGroup> {
        LangGroup::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// One labelled message.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub text: String,
    pub sender: Option<String>,
    pub channel: Option<Channel>,
    pub lang: String,
    pub case: CaseLabel,
    pub accept: Option<Vec<Label>>,
    /// The cell of the diversity plan it was written for (`family`), if given.
    pub family: Option<String>,
    /// The file it was read from.
    pub file: String,
}

impl Row {
    pub fn message(&self) -> Message {
        let mut message = Message::new(self.text.clone());
        if let Some(sender) = &self.sender {
            message = message.with_sender(sender.clone());
        }
        if let Some(channel) = self.channel {
            message = message.with_channel(channel);
        }
        message
    }

    pub fn group(&self) -> LangGroup {
        LangGroup::of(&self.lang)
    }

    /// Whether `verdict` counts as correct for this row (see the module docs).
    pub fn is_correct(&self, verdict: Label) -> bool {
        match &self.accept {
            Some(accept) => accept.contains(&verdict),
            None => self.case.expects(verdict),
        }
    }

    /// The group a row is held out with: its file and the cell of its family —
    /// `region.channel.label`, the first three parts (the tactic and register parts are
    /// nearly unique per row) — or its file and the id's stem for rows without a family
    /// (`pages-12` → `pages`, `blindg-3` → `blindg`).
    pub fn group_key(&self) -> String {
        match &self.family {
            Some(family) => {
                let cell: Vec<&str> = family.split('.').take(3).collect();
                format!("{}#{}", self.file, cell.join("."))
            }
            None => format!(
                "{}#{}",
                self.file,
                self.id.trim_end_matches(|c: char| c.is_ascii_digit())
            ),
        }
    }

    fn accepts(&self, verdict: Label) -> bool {
        self.accept.as_ref().is_some_and(|a| a.contains(&verdict))
    }
}

fn channel_of(s: &str) -> Channel {
    match s.trim().to_ascii_lowercase().as_str() {
        "sms" | "text" => Channel::Sms,
        "call" | "voice" => Channel::Call,
        "letter" | "mail" | "email" => Channel::Letter,
        _ => Channel::Other,
    }
}

/// Parses one input line. `Ok(None)`: the row has `"label": null` (or no label) and is
/// skipped. `fallback_id` names rows without an `id`.
pub fn parse_row(line: &str, fallback_id: &str) -> Result<Option<Row>, String> {
    parse_row_as(line, fallback_id, None)
}

/// [`parse_row`], reading a row without a label as `unlabelled` when that is given (texts
/// whose class is known for the whole file, e.g. comments *about* collection: `benign`).
pub fn parse_row_as(
    line: &str,
    fallback_id: &str,
    unlabelled: Option<CaseLabel>,
) -> Result<Option<Row>, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".into());
    };
    let string = |key: &str| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("`{key}` is not a string: {other}")),
        }
    };
    let case = match string("label")? {
        None => match unlabelled {
            Some(case) => case,
            None => return Ok(None),
        },
        Some(label) => {
            CaseLabel::parse(&label).ok_or_else(|| format!("unknown label {label:?}"))?
        }
    };
    let text = string("text")?.ok_or("no `text`")?;
    let id = match obj.get("id") {
        None | Some(Value::Null) => fallback_id.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let accept = match obj.get("accept") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|item| {
                    item.as_str()
                        .and_then(parse_verdict)
                        .ok_or_else(|| format!("bad verdict label in `accept`: {item}"))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(other) => return Err(format!("`accept` is not a list: {other}")),
    };
    Ok(Some(Row {
        id,
        text,
        sender: string("sender")?.filter(|s| !s.trim().is_empty()),
        channel: string("channel")?.map(|c| channel_of(&c)),
        lang: string("lang")?.unwrap_or_default(),
        case,
        accept,
        family: string("family")?,
        file: String::new(),
    }))
}

/// The rows of some files.
#[derive(Clone, Debug, Default)]
pub struct RowSet {
    pub rows: Vec<Row>,
    /// Non-empty lines read.
    pub read: usize,
    /// Rows with a null label.
    pub skipped: usize,
    /// Read rows with a null label as this case label instead of skipping them.
    pub unlabelled_as: Option<CaseLabel>,
    /// Lines that could not be read, as `file:line: problem`.
    pub invalid: Vec<String>,
}

impl RowSet {
    /// Reads every file; invalid lines are kept in `invalid` and reported on stderr. The
    /// error names the file that could not be read.
    pub fn read_files(paths: &[std::path::PathBuf]) -> Result<RowSet, String> {
        Self::read_files_as(paths, None)
    }

    /// [`RowSet::read_files`], reading rows with a null label as `unlabelled` when given.
    pub fn read_files_as(
        paths: &[std::path::PathBuf],
        unlabelled: Option<CaseLabel>,
    ) -> Result<RowSet, String> {
        let mut set = RowSet {
            unlabelled_as: unlabelled,
            ..RowSet::default()
        };
        for path in paths {
            set.read_file(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        }
        for problem in &set.invalid {
            eprintln!("warning: {problem}");
        }
        Ok(set)
    }

    /// Keeps only the rows whose id is a line of the split file at `path` (`splits/*.ids`);
    /// returns how many ids the file lists. The error names the file.
    pub fn retain_ids(&mut self, path: &Path) -> Result<usize, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let ids: std::collections::HashSet<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        self.rows.retain(|r| ids.contains(r.id.as_str()));
        Ok(ids.len())
    }

    /// Reads a JSON Lines file and adds its rows.
    pub fn read_file(&mut self, path: &Path) -> io::Result<()> {
        let file = std::fs::File::open(path)?;
        let name = path.display().to_string();
        for (i, line) in io::BufReader::new(file).lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            self.read += 1;
            match parse_row_as(&line, &format!("{name}:{}", i + 1), self.unlabelled_as) {
                Ok(Some(row)) => self.rows.push(Row {
                    file: name.clone(),
                    ..row
                }),
                Ok(None) => self.skipped += 1,
                Err(e) => self.invalid.push(format!("{name}:{}: {e}", i + 1)),
            }
        }
        Ok(())
    }
}

/// `num / den`, kept as counts so tables can show both. Serialized as
/// `{"value": num/den or null, "num": …, "den": …}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    pub num: usize,
    pub den: usize,
}

impl Ratio {
    /// `None` when there are no rows.
    pub fn value(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }

    fn add(&mut self, hit: bool) {
        self.den += 1;
        self.num += usize::from(hit);
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Ratio", 3)?;
        s.serialize_field("value", &self.value())?;
        s.serialize_field("num", &self.num)?;
        s.serialize_field("den", &self.den)?;
        s.end()
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            Some(v) => write!(f, "{v:.3} ({}/{})", self.num, self.den),
            None => f.write_str("n/a (0 rows)"),
        }
    }
}

/// Precision, recall and F1 of one verdict label.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LabelScore {
    pub label: Label,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl LabelScore {
    pub fn new(label: Label, tp: usize, fp: usize, fn_: usize) -> Self {
        let div = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        let precision = div(tp, tp + fp);
        let recall = div(tp, tp + fn_);
        let f1 = (tp + fp + fn_ > 0).then(|| {
            let (p, r) = (precision.unwrap_or(0.0), recall.unwrap_or(0.0));
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        });
        LabelScore {
            label,
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// Counts over classified rows.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// `confusion[case][verdict]`, in the order of [`CaseLabel::ALL`] and [`VERDICTS`].
    pub confusion: [[usize; 5]; 6],
    /// Correct rows per case label.
    pub correct: [usize; 6],
    tp: [usize; 4],
    fp: [usize; 4],
    fn_: [usize; 4],
    scam: Ratio,
    scam_strict: Ratio,
    false_alarm: Ratio,
    benign_legit: Ratio,
    other_fraud_legit: Ratio,
}

impl Tally {
    /// Counts one row and the verdict it got.
    pub fn add(&mut self, row: &Row, verdict: Label) {
        let case = row.case.index();
        let correct = row.is_correct(verdict);
        self.confusion[case][verdict_index(verdict)] += 1;
        self.correct[case] += usize::from(correct);
        let main = |l: Label| MAIN_LABELS.iter().position(|m| *m == l);
        if correct {
            if let Some(i) = main(verdict) {
                self.tp[i] += 1;
            }
        } else {
            if let Some(i) = main(verdict) {
                self.fp[i] += 1;
            }
            if let Some(i) = main(row.case.primary()) {
                self.fn_[i] += 1;
            }
        }
        if row.case.is_scam_case() {
            self.scam.add(correct);
            self.scam_strict.add(verdict == Label::Scam);
        }
        if row.case.is_innocent() {
            self.false_alarm
                .add(matches!(verdict, Label::Scam | Label::Abusive) && !row.accepts(verdict));
        }
        let called_legit = verdict == Label::Legitimate && !row.accepts(verdict);
        match row.case {
            CaseLabel::Benign => self.benign_legit.add(called_legit),
            CaseLabel::OtherFraud => self.other_fraud_legit.add(called_legit),
            _ => {}
        }
    }

    pub fn rows(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn case_rows(&self, case: CaseLabel) -> usize {
        self.confusion[case.index()].iter().sum()
    }

    pub fn figures(&self) -> Figures {
        let labels: Vec<LabelScore> = MAIN_LABELS
            .iter()
            .enumerate()
            .map(|(i, l)| LabelScore::new(*l, self.tp[i], self.fp[i], self.fn_[i]))
            .collect();
        let f1s: Vec<f64> = labels.iter().filter_map(|s| s.f1).collect();
        let correct = self.correct.iter().sum();
        Figures {
            rows: self.rows(),
            accuracy: Ratio {
                num: correct,
                den: self.rows(),
            },
            macro_f1: (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64),
            labels,
            scam_recall: self.scam,
            scam_recall_strict: self.scam_strict,
            false_alarm: self.false_alarm,
            benign_legit: self.benign_legit,
            other_fraud_legit: self.other_fraud_legit,
        }
    }

    /// The confusion matrix as a text table, with per-case accuracy.
    pub fn confusion_table(&self) -> String {
        let mut out = String::new();
        let _ = write!(out, "{:<20}", "case \\ verdict");
        for v in VERDICTS {
            let _ = write!(out, "{:>15}", v.as_str());
        }
        let _ = writeln!(out, "{:>8}{:>10}", "rows", "correct");
        for case in CaseLabel::ALL {
            let n = self.case_rows(case);
            if n == 0 {
                continue;
            }
            let _ = write!(out, "{:<20}", case.as_str());
            for count in self.confusion[case.index()] {
                let _ = write!(out, "{count:>15}");
            }
            let share = self.correct[case.index()] as f64 / n as f64;
            let _ = writeln!(out, "{n:>8}{share:>10.3}");
        }
        out
    }
}

/// The headline figures of a [`Tally`].
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub rows: usize,
    /// Rows with a correct verdict.
    pub accuracy: Ratio,
    /// Precision, recall and F1 of scam, abusive, legitimate, not_collection.
    pub labels: Vec<LabelScore>,
    pub macro_f1: Option<f64>,
    pub scam_recall: Ratio,
    pub scam_recall_strict: Ratio,
    pub false_alarm: Ratio,
    pub benign_legit: Ratio,
    pub other_fraud_legit: Ratio,
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

impl Figures {
    pub fn label(&self, label: Label) -> Option<&LabelScore> {
        self.labels.iter().find(|s| s.label == label)
    }

    /// The precision/recall/F1 table.
    pub fn label_table(&self) -> String {
        let mut out = format!(
            "{:<16}{:>6}{:>6}{:>6}{:>11}{:>8}{:>8}\n",
            "verdict", "TP", "FP", "FN", "precision", "recall", "F1"
        );
        for s in &self.labels {
            let _ = writeln!(
                out,
                "{:<16}{:>6}{:>6}{:>6}{:>11}{:>8}{:>8}",
                s.label.as_str(),
                s.tp,
                s.fp,
                s.fn_,
                opt(s.precision),
                opt(s.recall),
                opt(s.f1)
            );
        }
        let _ = writeln!(out, "macro-F1 (4 labels): {}", opt(self.macro_f1));
        out
    }

    /// The headline figures, one per line.
    pub fn headline(&self) -> String {
        format!(
            "accuracy (accept rule):         {}\n\
             macro-F1:                       {}\n\
             scam recall (fake+relief):      {}\n\
             scam recall, verdict = scam:    {}\n\
             false alarms (legit+benign):    {}\n\
             benign called legitimate:       {}\n\
             other_fraud called legitimate:  {}\n",
            self.accuracy,
            opt(self.macro_f1),
            self.scam_recall,
            self.scam_recall_strict,
            self.false_alarm,
            self.benign_legit,
            self.other_fraud_legit,
        )
    }

    /// One line for a per-language table; see [`Figures::compact_header`].
    pub fn compact_row(&self, name: &str) -> String {
        format!(
            "{name:<8}{:>6}{:>10}{:>10}{:>14}{:>14}{:>14}{:>14}{:>14}",
            self.rows,
            opt(self.accuracy.value()),
            opt(self.macro_f1),
            opt(self.scam_recall.value()),
            opt(self.label(Label::Abusive).and_then(|s| s.recall)),
            opt(self.false_alarm.value()),
            opt(self.benign_legit.value()),
            opt(self.other_fraud_legit.value()),
        )
    }

    pub fn compact_header() -> String {
        format!(
            "{:<8}{:>6}{:>10}{:>10}{:>14}{:>14}{:>14}{:>14}{:>14}",
            "lang",
            "rows",
            "accuracy",
            "macro-F1",
            "scam recall",
            "abuse recall",
            "false alarms",
            "benign→legit",
            "fraud→legit"
        )
    }
}

/// Tallies overall and per language group.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub all: Tally,
    pub by_group: BTreeMap<LangGroup, Tally>,
}

impl Evaluation {
    /// Prints the confusion matrix, the per-label table, the headline figures and the
    /// per-language table under a title.
    pub fn print(&self, title: &str) {
        let figures = self.all.figures();
        println!("== {title}");
        println!("{}", self.all.confusion_table());
        println!("{}", figures.label_table());
        println!("{}", figures.headline());
        println!("{}", self.group_table());
    }

    pub fn add(&mut self, row: &Row, verdict: Label) {
        self.all.add(row, verdict);
        self.by_group
            .entry(row.group())
            .or_default()
            .add(row, verdict);
    }

    /// The per-language table.
    pub fn group_table(&self) -> String {
        let mut out = Figures::compact_header();
        out.push('\n');
        for (group, tally) in &self.by_group {
            out.push_str(&tally.figures().compact_row(group.as_str()));
            out.push('\n');
        }
        out.push_str(&self.all.figures().compact_row("all"));
        out.push('\n');
        out
    }
}

/// Columns of the rule table.
pub const HIT_COLUMNS: [&str; 5] = ["scam", "abusive", "legit", "benign", "oth_fraud"];

fn hit_column(case: CaseLabel) -> usize {
    match case {
        CaseLabel::FakeCollection | CaseLabel::DebtReliefScam => 0,
        CaseLabel::AbusiveCollection => 1,
        CaseLabel::LegitCollection => 2,
        CaseLabel::Benign => 3,
        CaseLabel::OtherFraud => 4,
    }
}

/// Per-rule hit counts by kind of row, SpamAssassin hit-frequencies style.
#[derive(Clone, Debug, Default)]
pub struct RuleHits {
    pub hits: BTreeMap<String, [usize; 5]>,
    /// Rows per column.
    pub rows: [usize; 5],
}

impl RuleHits {
    pub fn add<'a>(&mut self, row: &Row, fired: impl IntoIterator<Item = &'a str>) {
        let col = hit_column(row.case);
        self.rows[col] += 1;
        for id in fired {
            self.hits.entry(id.to_string()).or_default()[col] += 1;
        }
    }

    /// The table, most hits first. `describe` gives a rule's axis and weight, e.g.
    /// `fraud +4.0` (empty for unknown rules). S/O = share of hits on scam-expected and
    /// abusive rows; F/O also counts other_fraud rows as bad.
    pub fn table(&self, describe: impl Fn(&str) -> String) -> String {
        let mut rules: Vec<(&String, &[usize; 5])> = self.hits.iter().collect();
        rules.sort_by(|a, b| {
            let total = |h: &[usize; 5]| h.iter().sum::<usize>();
            total(b.1).cmp(&total(a.1)).then_with(|| a.0.cmp(b.0))
        });
        let mut out = format!("{:>6}", "hits");
        for (name, n) in HIT_COLUMNS.iter().zip(self.rows) {
            let _ = write!(out, " {:>12}", format!("{name}/{n}"));
        }
        let _ = writeln!(out, "{:>7}{:>7}  {:<14} rule", "S/O", "F/O", "axis weight");
        for (id, h) in rules {
            let total: usize = h.iter().sum();
            let _ = write!(out, "{total:>6}");
            for count in h {
                let _ = write!(out, " {count:>12}");
            }
            let so = (h[0] + h[1]) as f64 / total as f64;
            let fo = (h[0] + h[1] + h[4]) as f64 / total as f64;
            let _ = writeln!(out, "{so:>7.2}{fo:>7.2}  {:<14} {id}", describe(id));
        }
        out
    }
}

/// FNV-1a, for deterministic splits without a random-number crate.
pub fn fnv1a(seed: u64, text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// 95 % intervals of the headline figures: the percentile bootstrap over rows (Efron), the
/// rows drawn with replacement `resamples` times (seeded: the same rows, verdicts and seed
/// give the same intervals). They say how far a figure could move from the rows drawn
/// alone; two sets' intervals overlapping does not make their difference noise, but a
/// difference well inside one set's interval is not evidence of a change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Intervals {
    pub resamples: usize,
    pub accuracy: Option<(f64, f64)>,
    pub macro_f1: Option<(f64, f64)>,
    pub scam_recall: Option<(f64, f64)>,
    pub false_alarm: Option<(f64, f64)>,
}

/// [`Intervals`] of `judged` (each row with the verdict it got).
#[allow(dead_code)] // used by the evaluate example and the accuracy tests, not calibrate
pub fn bootstrap(judged: &[(&Row, Label)], resamples: usize, seed: u64) -> Intervals {
    if judged.is_empty() || resamples == 0 {
        return Intervals::default();
    }
    let mut state = seed;
    // splitmix64
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut samples: [Vec<f64>; 4] = Default::default();
    for _ in 0..resamples {
        let mut tally = Tally::default();
        for _ in 0..judged.len() {
            let (row, verdict) = judged[(next() % judged.len() as u64) as usize];
            tally.add(row, verdict);
        }
        let f = tally.figures();
        let values = [
            f.accuracy.value(),
            f.macro_f1,
            f.scam_recall.value(),
            f.false_alarm.value(),
        ];
        for (list, value) in samples.iter_mut().zip(values) {
            list.extend(value);
        }
    }
    // A figure is read off the resamples that can measure it (a resample may draw no scam
    // row); when more than a tenth cannot, it has no interval.
    let interval = |list: &mut Vec<f64>| {
        if list.len() * 10 < resamples * 9 {
            return None;
        }
        list.sort_by(f64::total_cmp);
        let at = |q: f64| list[((list.len() - 1) as f64 * q).round() as usize];
        Some((at(0.025), at(0.975)))
    };
    let [accuracy, macro_f1, scam_recall, false_alarm] = &mut samples;
    Intervals {
        resamples,
        accuracy: interval(accuracy),
        macro_f1: interval(macro_f1),
        scam_recall: interval(scam_recall),
        false_alarm: interval(false_alarm),
    }
}
