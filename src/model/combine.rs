//! The model's probabilities as weighted findings on the rule axes, and the fit of the
//! few parameters that do it.

use serde::{Deserialize, Serialize};

use super::{Combiner, Model, ModelClass, Prediction};
use crate::classifier::Classifier;
use crate::decision::AxisTotals;
use crate::message::Message;
use crate::verdict::{Axis, Label};

/// One axis's share of the model's say: `scale × (logit(p) − offset)`, clamped to
/// `0..=cap`, with one scale when the rules see a debt topic (a collection score of at
/// least `collection_hint`, or a rule naming a debt scheme fired) and another
/// (`scale_alone`) when they do not: n-grams alone
/// raise false alarms on ordinary texts, the rules' topic words keep them down.
///
/// ```
/// use collectguard::model::Gate;
/// let gate = Gate { scale: 2.0, scale_alone: 0.5, offset: 0.0, offset_alone: 2.0, cap: 8.0 };
/// assert_eq!(gate.weight(0.5, true), 0.0); // even odds: no evidence
/// assert!((gate.weight(0.9, true) - 2.0 * (0.9f32 / 0.1).ln()).abs() < 1e-4);
/// // Without a topic the model must be surer: log-odds above 2 (p > 0.88) count.
/// assert_eq!(gate.weight(0.8, false), 0.0);
/// assert!((gate.weight(0.99, false) - 0.5 * ((0.99f32 / 0.01).ln() - 2.0)).abs() < 1e-4);
/// assert_eq!(gate.weight(0.999_999, true), 8.0); // capped
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    /// Weight per unit of log-odds when the rules see a debt topic.
    pub scale: f32,
    /// Weight per unit of log-odds when they do not.
    pub scale_alone: f32,
    /// Log-odds below which the model adds nothing.
    pub offset: f32,
    /// The same when the rules see no debt topic.
    pub offset_alone: f32,
    /// The largest weight the model may add on this axis.
    pub cap: f32,
}

impl Gate {
    /// The weight for probability `p`; `topic`: whether the rules see a debt topic.
    pub fn weight(&self, p: f32, topic: bool) -> f32 {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        let logit = (p / (1.0 - p)).ln();
        let (scale, offset) = if topic {
            (self.scale, self.offset)
        } else {
            (self.scale_alone, self.offset_alone)
        };
        (scale * (logit - offset)).clamp(0.0, self.cap.max(0.0))
    }
}

/// A finding the model makes: which id, on which axis, for which classes, how heavy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ModelFinding {
    pub rule_id: &'static str,
    pub axis: Axis,
    pub weight: f32,
    pub probability: f32,
    /// The classes whose probability it stands for (explanations point at their words).
    pub classes: &'static [ModelClass],
}

const SCAM: &[ModelClass] = &[
    ModelClass::FakeCollection,
    ModelClass::DebtReliefScam,
    ModelClass::OtherFraud,
];
const ABUSIVE: &[ModelClass] = &[ModelClass::AbusiveCollection];
const LEGIT: &[ModelClass] = &[ModelClass::LegitCollection];
const COLLECTION: &[ModelClass] = &[
    ModelClass::LegitCollection,
    ModelClass::AbusiveCollection,
    ModelClass::FakeCollection,
    ModelClass::DebtReliefScam,
];

/// The findings (weight > 0 only) that `prediction` gives under `combiner`; `topic`:
/// whether the rules see a debt topic.
pub(crate) fn model_findings(
    combiner: &Combiner,
    prediction: &Prediction,
    topic: bool,
) -> Vec<ModelFinding> {
    let mass = |classes: &[ModelClass]| -> f32 {
        classes.iter().map(|c| prediction.probability(*c)).sum()
    };
    [
        ("model.scam", Axis::Fraud, &combiner.scam, SCAM),
        ("model.abusive", Axis::Abuse, &combiner.abusive, ABUSIVE),
        ("model.legit", Axis::Legit, &combiner.legit, LEGIT),
        (
            "model.collection",
            Axis::Collection,
            &combiner.collection,
            COLLECTION,
        ),
    ]
    .into_iter()
    .filter_map(|(rule_id, axis, gate, classes)| {
        let probability = mass(classes);
        let weight = gate.weight(probability, topic);
        (weight > 0.0).then_some(ModelFinding {
            rule_id,
            axis,
            weight,
            probability,
            classes,
        })
    })
    .collect()
}

/// One row to fit the combiner on: a message, its class, and the model's out-of-fold
/// prediction for it (from a model that did not train on the row).
#[derive(Clone, Debug)]
pub struct CombinerRow {
    /// The message.
    pub message: Message,
    /// Its labelled class.
    pub class: ModelClass,
    /// Verdicts that are also right for it (the `accept` list of a labelled row).
    pub accept: Vec<Label>,
    /// The out-of-fold prediction.
    pub prediction: Prediction,
    /// How much the row counts in the fit (1 for most rows; more for real messages when
    /// the rest were written for training).
    pub weight: f32,
    /// A real message, not one written for training. When some harmless rows are real, the
    /// false-alarm rate (and its budget) is measured on those only: written "ordinary"
    /// texts are easier than a real inbox.
    pub real: bool,
}

/// Fits the combiner's gates by coordinate search, maximizing macro-F1 over the four
/// verdict labels minus `false_alarm_cost` × (the false-alarm rate — lawful and harmless
/// rows called scam or abusive — plus the share of harmless and other-fraud rows called
/// legitimate). `classifier` must run the rules without a model. Use rows the
/// rules were not written from, with predictions made out of fold; otherwise the fit
/// trusts whichever side saw the rows.
///
/// ```
/// use collectguard::Classifier;
/// use collectguard::model::{CombinerRow, ModelClass, fit_combiner};
/// let rules = Classifier::builder().without_model().build().unwrap();
/// let model = collectguard::model::Model::embedded();
/// let rows: Vec<CombinerRow> = [("今晚吃饭吗", ModelClass::Benign)]
///     .into_iter()
///     .map(|(text, class)| CombinerRow {
///         message: collectguard::Message::new(text),
///         class,
///         accept: vec![],
///         prediction: model.predict(text),
///         weight: 1.0,
///         real: false,
///     })
///     .collect();
/// let combiner = fit_combiner(&rules, &rows, 3.0, model.combiner());
/// assert!(combiner.scam.scale >= 0.0);
/// ```
pub fn fit_combiner(
    classifier: &Classifier,
    rows: &[CombinerRow],
    false_alarm_cost: f32,
    start: &Combiner,
) -> Combiner {
    fit_combiner_with_budget(classifier, rows, false_alarm_cost, 1.0, start)
}

/// [`fit_combiner`] with a false-alarm budget: every point of false-alarm rate above
/// `budget` costs 100 points of the objective, so the fit keeps the rate within it where
/// it can (a hard constraint in all but name).
pub fn fit_combiner_with_budget(
    classifier: &Classifier,
    rows: &[CombinerRow],
    false_alarm_cost: f32,
    budget: f32,
    start: &Combiner,
) -> Combiner {
    let thresholds = &classifier.settings().thresholds;
    let totals: Vec<AxisTotals> = rows
        .iter()
        .map(|row| classifier.rule_totals(&row.message))
        .collect();
    let objective = |combiner: &Combiner| -> f32 {
        let labels: Vec<Label> = rows
            .iter()
            .zip(&totals)
            .map(|(row, totals)| {
                let mut totals = *totals;
                let topic = totals.debt_topic(thresholds);
                for finding in model_findings(combiner, &row.prediction, topic) {
                    totals.add_model(finding.axis, finding.weight);
                }
                totals.label(thresholds)
            })
            .collect();
        score(rows, &labels, false_alarm_cost, budget)
    };
    // Coordinate search from a few starting points (the given one, one where the model
    // never speaks without a topic, one where it speaks freely); the best end point wins.
    // Deterministic: fixed grids, fixed order.
    let mut cautious = start.clone();
    let mut bold = start.clone();
    for (c, b) in [
        (&mut cautious.scam, &mut bold.scam),
        (&mut cautious.abusive, &mut bold.abusive),
    ] {
        c.scale_alone = 0.0;
        b.scale_alone = 1.0;
        b.offset_alone = 3.0;
        b.scale = 3.0;
    }
    let mut best = start.clone();
    let mut best_score = f32::NEG_INFINITY;
    for origin in [start.clone(), cautious, bold] {
        let (end, score) = coordinate_search(origin, &objective);
        if score > best_score + 1e-6 {
            best = end;
            best_score = score;
        }
    }
    best.fitted_on = format!(
        "{} rows (out-of-fold predictions), objective macro-F1 − {false_alarm_cost} × false alarms (budget {budget}) = {best_score:.4}",
        rows.len()
    );
    best
}

/// Coordinate search over the gates' grids from `origin`: returns the end point and its
/// objective.
fn coordinate_search(origin: Combiner, objective: &dyn Fn(&Combiner) -> f32) -> (Combiner, f32) {
    let mut best = origin;
    let mut best_score = objective(&best);
    let scales = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0];
    let offsets = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0];
    let caps = [3.0, 4.0, 6.0, 8.0, 12.0];
    // Without a debt topic from the rules the model must be much surer (n-grams alone
    // mistake ordinary texts for scams: on the corpus's ordinary SMS the model alone flags a
    // third to a half); `offset_alone` starts high.
    let alone = [0.0, 0.25, 0.5, 1.0, 2.0, 3.0];
    let offsets_alone = [2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    for _sweep in 0..4 {
        let mut improved = false;
        for gate in 0..4 {
            for field in 0..5 {
                let values: &[f32] = match field {
                    0 => &scales,
                    1 => &offsets,
                    2 => &caps,
                    3 => &alone,
                    _ => &offsets_alone,
                };
                // Without the rules' topic the model never makes a text a lawful debt notice
                // (ordinary and other-fraud texts called legitimate is the costliest error).
                if field >= 3 && gate >= 2 {
                    continue;
                }
                for &value in values {
                    let mut candidate = best.clone();
                    let g = match gate {
                        0 => &mut candidate.scam,
                        1 => &mut candidate.abusive,
                        2 => &mut candidate.legit,
                        _ => &mut candidate.collection,
                    };
                    match field {
                        0 => g.scale = value,
                        1 => g.offset = value,
                        2 => g.cap = value,
                        3 => g.scale_alone = value,
                        _ => g.offset_alone = value,
                    }
                    let s = objective(&candidate);
                    if s > best_score + 1e-6 {
                        best = candidate;
                        best_score = s;
                        improved = true;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
    (best, best_score)
}

/// Macro-F1 over legitimate / abusive / scam / not_collection minus the false-alarm cost.
fn score(rows: &[CombinerRow], labels: &[Label], false_alarm_cost: f32, budget: f32) -> f32 {
    let main = [
        Label::Legitimate,
        Label::Abusive,
        Label::Scam,
        Label::NotCollection,
    ];
    let mut tp = [0f32; 4];
    let mut fp = [0f32; 4];
    let mut fn_ = [0f32; 4];
    let mut alarms = 0f32;
    let mut harmless = 0f32;
    let mut called_legit = 0f32;
    let mut not_debt = 0f32;
    let real_harmless = rows
        .iter()
        .any(|r| r.real && matches!(r.class, ModelClass::LegitCollection | ModelClass::Benign));
    for (row, &got) in rows.iter().zip(labels) {
        let w = row.weight.max(0.0);
        let expected = row.class.label();
        let correct = got == expected
            || row.accept.contains(&got)
            || (row.class == ModelClass::OtherFraud && got == Label::NotCollection);
        let index = |l: Label| main.iter().position(|m| *m == l);
        if correct {
            if let Some(i) = index(got) {
                tp[i] += w;
            }
        } else {
            if let Some(i) = index(got) {
                fp[i] += w;
            }
            if let Some(i) = index(expected) {
                fn_[i] += w;
            }
        }
        if matches!(row.class, ModelClass::Benign | ModelClass::OtherFraud) {
            not_debt += w;
            if got == Label::Legitimate && !row.accept.contains(&got) {
                called_legit += w;
            }
        }
        if matches!(row.class, ModelClass::LegitCollection | ModelClass::Benign)
            && (row.real || !real_harmless)
        {
            harmless += w;
            if matches!(got, Label::Scam | Label::Abusive) && !row.accept.contains(&got) {
                alarms += w;
            }
        }
    }
    let f1: f32 = (0..4)
        .map(|i| {
            let d = 2.0 * tp[i] + fp[i] + fn_[i];
            if d > 0.0 { 2.0 * tp[i] / d } else { 0.0 }
        })
        .sum::<f32>()
        / 4.0;
    let alarm_rate = alarms / harmless.max(1.0);
    f1 - false_alarm_cost * (alarm_rate + called_legit / not_debt.max(1.0))
        - 100.0 * (alarm_rate - budget).max(0.0)
}

/// A model finding with the normalized byte ranges of the words that weighed most.
pub(crate) type ExplainedFinding = (ModelFinding, Vec<std::ops::Range<usize>>);

/// The model's findings for a message, with spans, ready to join the rule findings.
pub(crate) fn explained(
    model: &Model,
    normalized: &str,
    topic: bool,
    scratch: &mut super::Scratch,
) -> (Prediction, Vec<ExplainedFinding>) {
    let prediction = model.predict_normalized(normalized, scratch);
    if scratch.features.is_empty() {
        // Nothing to read (empty, blank, emoji only): the model's prior is no evidence.
        return (prediction, Vec::new());
    }
    let findings = model_findings(&model.combiner, &prediction, topic)
        .into_iter()
        .map(|f| {
            let spans =
                super::explain::top_phrases(model, scratch, &prediction, f.classes, normalized);
            (f, spans)
        })
        .collect();
    (prediction, findings)
}

/// The title and reason of a model finding.
pub(crate) fn describe(
    finding: &ModelFinding,
    rows: usize,
) -> (crate::verdict::Bilingual, crate::verdict::Bilingual) {
    let percent = (finding.probability * 100.0).round();
    let reason = crate::verdict::Bilingual {
        zh: format!(
            "由 {rows} 条标注消息训练的统计模型估计的概率为 {percent}%；标出的词语对这一判断贡献最大。模型是佐证，不是证明。"
        ),
        en: format!(
            "A statistical model learned from {rows} labelled messages puts this at {percent}%; the marked words weighed most. The model is evidence, not proof."
        ),
    };
    (model_title(finding.rule_id), reason)
}

/// The finding ids the model can report, with their axes.
pub(crate) const MODEL_FINDINGS: [(&str, crate::verdict::Axis); 4] = [
    ("model.scam", crate::verdict::Axis::Fraud),
    ("model.abusive", crate::verdict::Axis::Abuse),
    ("model.legit", crate::verdict::Axis::Legit),
    ("model.collection", crate::verdict::Axis::Collection),
];

/// The catalogue's title and reason of a model finding (the reason without a message's
/// probability).
pub(crate) fn describe_generic(
    rule_id: &str,
    rows: usize,
) -> (crate::verdict::Bilingual, crate::verdict::Bilingual) {
    let reason = crate::verdict::Bilingual {
        zh: format!(
            "由 {rows} 条标注消息训练的统计模型的判断；标出的词语对这一判断贡献最大。模型是佐证，不是证明。"
        ),
        en: format!(
            "A statistical model learned from {rows} labelled messages; the marked words weighed most. The model is evidence, not proof."
        ),
    };
    (model_title(rule_id), reason)
}

fn model_title(rule_id: &str) -> crate::verdict::Bilingual {
    let (zh, en) = match rule_id {
        "model.scam" => ("模型判断：像诈骗", "Learned model: reads like a scam"),
        "model.abusive" => (
            "模型判断：像违规催收",
            "Learned model: reads like abusive collection",
        ),
        "model.legit" => (
            "模型判断：像正规催收",
            "Learned model: reads like a lawful notice",
        ),
        _ => ("模型判断：与欠款有关", "Learned model: about a debt"),
    };
    crate::verdict::Bilingual {
        zh: zh.to_string(),
        en: en.to_string(),
    }
}
