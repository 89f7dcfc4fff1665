//! The model's probabilities as weighted findings on the rule axes (the gates; their fit
//! is in `fit.rs`), with the words that weighed most.

use serde::{Deserialize, Serialize};

use super::{Combiner, Model, ModelClass, Prediction};
use crate::decision::AxisTotals;
use crate::settings::Thresholds;
use crate::verdict::{Axis, Label};

/// One axis's share of the model's say: `scale × (logit(p) − offset)`, clamped to
/// `0..=cap`, with a scale and offset for each of four situations ([`Regime`]): the rules
/// see a debt topic (a collection score of at least `collection`, or a rule naming a debt
/// scheme fired); they see only a hint of one (a score of at least `collection_hint`: one
/// weak word such as "loan", which ads use too); they see no topic but some evidence on
/// this gate's own axis (a red flag for `model.scam`, an abusive sign for
/// `model.abusive`): two independent witnesses; or they see neither. n-grams alone raise
/// false alarms on ordinary texts, the rules' words keep them down.
///
/// ```
/// use collectguard::model::{Gate, Regime};
/// let gate = Gate {
///     scale: 2.0,
///     scale_alone: 0.5,
///     offset: 0.0,
///     offset_alone: 2.0,
///     cap: 8.0,
///     scale_corroborated: Some(1.0),
///     offset_corroborated: Some(1.0),
///     scale_hint: None,
///     offset_hint: None,
/// };
/// assert_eq!(gate.weight(0.5, true), 0.0); // even odds: no evidence
/// assert!((gate.weight(0.9, true) - 2.0 * (0.9f32 / 0.1).ln()).abs() < 1e-4);
/// // Without a topic the model must be surer: log-odds above 2 (p > 0.88) count.
/// assert_eq!(gate.weight(0.8, false), 0.0);
/// assert!((gate.weight(0.99, false) - 0.5 * ((0.99f32 / 0.01).ln() - 2.0)).abs() < 1e-4);
/// // With a rule's evidence on the same axis it speaks from log-odds 1 (p > 0.73).
/// assert!(gate.weight_in(0.8, Regime::Corroborated) > 0.0);
/// // A weak topic word only: the topic's parameters unless the hint has its own.
/// assert_eq!(gate.weight_in(0.9, Regime::Hint), gate.weight(0.9, true));
/// let cautious = Gate { offset_hint: Some(3.0), ..gate };
/// assert_eq!(cautious.weight_in(0.9, Regime::Hint), 0.0);
/// assert_eq!(gate.weight(0.999_999, true), 8.0); // capped
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    /// Weight per unit of log-odds when the rules see a debt topic.
    pub scale: f32,
    /// Weight per unit of log-odds when they see neither a topic nor evidence on the axis.
    pub scale_alone: f32,
    /// Log-odds below which the model adds nothing.
    pub offset: f32,
    /// The same when the rules see neither a topic nor evidence on the axis.
    pub offset_alone: f32,
    /// The largest weight the model may add on this axis.
    pub cap: f32,
    /// Weight per unit of log-odds when the rules see no topic but evidence on this axis
    /// (`None`: as `scale_alone`; model files before this field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_corroborated: Option<f32>,
    /// Log-odds below which the model adds nothing in that situation (`None`: as
    /// `offset_alone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_corroborated: Option<f32>,
    /// Weight per unit of log-odds when the rules see only a hint of a debt topic (`None`:
    /// as `scale`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_hint: Option<f32>,
    /// Log-odds below which the model adds nothing in that situation (`None`: as
    /// `offset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_hint: Option<f32>,
}

/// What the rules see of a message, which decides how much the model may say on an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// The rules see a debt topic.
    Topic,
    /// They see only a hint of one (a weak topic word).
    Hint,
    /// No debt topic, but the rules found evidence on the gate's own axis.
    Corroborated,
    /// Neither.
    Alone,
}

impl Gate {
    /// The weight for probability `p`; `topic`: whether the rules see a debt topic (without
    /// one, the `alone` parameters apply).
    pub fn weight(&self, p: f32, topic: bool) -> f32 {
        self.weight_in(p, if topic { Regime::Topic } else { Regime::Alone })
    }

    /// The weight for probability `p` in a given situation.
    pub fn weight_in(&self, p: f32, regime: Regime) -> f32 {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        let logit = (p / (1.0 - p)).ln();
        let (scale, offset) = match regime {
            Regime::Topic => (self.scale, self.offset),
            Regime::Hint => (
                self.scale_hint.unwrap_or(self.scale),
                self.offset_hint.unwrap_or(self.offset),
            ),
            Regime::Alone => (self.scale_alone, self.offset_alone),
            Regime::Corroborated => (
                self.scale_corroborated.unwrap_or(self.scale_alone),
                self.offset_corroborated.unwrap_or(self.offset_alone),
            ),
        };
        (scale * (logit - offset)).clamp(0.0, self.cap.max(0.0))
    }
}

/// What the rules saw before the model speaks: a debt topic, and evidence of their own on
/// the fraud and abuse axes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RuleContext {
    pub topic: bool,
    /// Only a weak topic word (`topic` is then true too).
    pub hint_only: bool,
    pub fraud: bool,
    pub abuse: bool,
    /// A text without Han characters.
    pub latin: bool,
}

impl RuleContext {
    fn regime(&self, axis_evidence: bool) -> Regime {
        if self.topic && self.hint_only {
            Regime::Hint
        } else if self.topic {
            Regime::Topic
        } else if axis_evidence {
            Regime::Corroborated
        } else {
            Regime::Alone
        }
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

/// `model.scam`: the debt scams only. A text the model finds fraudulent in another way is
/// other fraud, whose verdict is `not_collection`; counting it here made the gate stricter
/// for the debt scams too.
const SCAM: &[ModelClass] = &[ModelClass::FakeCollection, ModelClass::DebtReliefScam];
const ABUSIVE: &[ModelClass] = &[ModelClass::AbusiveCollection];
const BENIGN: &[ModelClass] = &[ModelClass::Benign];
const LEGIT: &[ModelClass] = &[ModelClass::LegitCollection];
/// `model.fraud`: every kind of fraud.
const FRAUD: &[ModelClass] = &[
    ModelClass::FakeCollection,
    ModelClass::DebtReliefScam,
    ModelClass::OtherFraud,
];
const COLLECTION: &[ModelClass] = &[
    ModelClass::LegitCollection,
    ModelClass::AbusiveCollection,
    ModelClass::FakeCollection,
    ModelClass::DebtReliefScam,
];

/// The findings (weight > 0 only) that `prediction` gives under `combiner`; `context`:
/// what the rules saw.
pub(crate) fn model_findings(
    combiner: &Combiner,
    prediction: &Prediction,
    context: RuleContext,
) -> Vec<ModelFinding> {
    // Latin-script texts have gates of their own when the model was fitted with them.
    let combiner = match &combiner.latin {
        Some(latin) if context.latin => latin,
        _ => combiner,
    };
    let mass = |classes: &[ModelClass]| mass(prediction, classes);
    [
        (
            "model.scam",
            Axis::Fraud,
            &combiner.scam,
            SCAM,
            context.fraud,
        ),
        (
            "model.abusive",
            Axis::Abuse,
            &combiner.abusive,
            ABUSIVE,
            context.abuse,
        ),
        // No corroborated situation: the rules' evidence on these axes is a topic already.
        ("model.legit", Axis::Legit, &combiner.legit, LEGIT, false),
        (
            "model.collection",
            Axis::Collection,
            &combiner.collection,
            COLLECTION,
            false,
        ),
    ]
    .into_iter()
    .chain(
        combiner
            .fraud
            .as_ref()
            .map(|gate| ("model.fraud", Axis::Fraud, gate, FRAUD, context.fraud)),
    )
    .filter_map(|(rule_id, axis, gate, classes, evidence)| {
        let probability = mass(classes);
        let weight = gate.weight_in(probability, context.regime(evidence));
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

/// The model's findings for a message whose rule findings sum to `totals`: the gates'
/// findings ([`model_findings`]); when the message would otherwise be `unverified` or
/// `not_collection` and the model alone is sure enough of one class the combiner promotes
/// ([`Combiner::promote_scam`], [`Combiner::promote_abusive`],
/// [`Combiner::promote_legit`]), the weights that class's verdict needs; and when the rules
/// flag it on soft evidence alone and the model is sure enough it is harmless
/// ([`Combiner::demote_benign`]), `model.benign` on the warning axis.
pub(crate) fn findings_for(
    combiner: &Combiner,
    prediction: &Prediction,
    totals: &AxisTotals,
    thresholds: &Thresholds,
) -> Vec<ModelFinding> {
    let context = totals.rule_context(thresholds);
    let mut findings = model_findings(combiner, prediction, context);
    promote(combiner, prediction, totals, &mut findings, thresholds);
    findings
}

/// Demotes (see [`demote`]) or raises (or adds) the model's findings for the class it
/// promotes, when one applies and its verdict then follows; otherwise leaves `findings` as
/// they are.
fn promote(
    combiner: &Combiner,
    prediction: &Prediction,
    totals: &AxisTotals,
    findings: &mut Vec<ModelFinding>,
    t: &Thresholds,
) {
    let none = combiner.promote_scam.is_none()
        && combiner.promote_abusive.is_none()
        && combiner.promote_legit.is_none()
        && combiner.demote_benign.is_none()
        && !t.promotes_fraud();
    if none || totals.public_warning || totals.document || totals.account {
        return;
    }
    let mut after = *totals;
    for finding in findings.iter() {
        after.add_model(finding.axis, finding.weight);
    }
    let label = after.label(t);
    if matches!(label, Label::Scam | Label::Abusive | Label::Unverified)
        && demote(combiner, prediction, &after, findings, t)
    {
        return;
    }
    if !matches!(label, Label::Unverified | Label::NotCollection) {
        return;
    }
    let gates = match &combiner.latin {
        Some(latin) if totals.latin => latin.as_ref(),
        _ => combiner,
    };
    let mass = |classes: &[ModelClass]| mass(prediction, classes);
    let sure =
        |least: Option<f32>, classes: &[ModelClass]| least.is_some_and(|l| mass(classes) >= l);
    // (finding, its axis, its classes, its gate, the weight to add) for each raise.
    let mut raises: Vec<(&'static str, Axis, &'static [ModelClass], &Gate, f32)> = Vec::new();
    // The model's fraud is soft evidence: the rules' legitimacy signs offset it. Raised by
    // this much, the effective fraud (firm + (soft + extra − offset)) reaches a scam.
    let to_scam = {
        let soft = after.scores.fraud - after.firm_fraud;
        t.scam - after.firm_fraud - soft + after.legit_offset(t)
    };
    let target = if sure(combiner.promote_scam, SCAM) {
        raises.push(("model.scam", Axis::Fraud, SCAM, &gates.scam, to_scam));
        Label::Scam
    } else if sure(combiner.promote_abusive, ABUSIVE) {
        let needed = if after.scores.collection >= t.collection_hint {
            t.abusive
        } else {
            t.abusive_without_topic
        };
        let extra = needed - after.scores.abuse;
        raises.push(("model.abusive", Axis::Abuse, ABUSIVE, &gates.abusive, extra));
        Label::Abusive
    } else if sure(combiner.promote_legit, LEGIT) {
        let legit = t.legitimate - after.scores.legit;
        let collection = t.collection - after.scores.collection;
        raises.push(("model.legit", Axis::Legit, LEGIT, &gates.legit, legit));
        raises.push((
            "model.collection",
            Axis::Collection,
            COLLECTION,
            &gates.collection,
            collection,
        ));
        Label::Legitimate
    } else if mass(FRAUD) >= t.fraud_promotion && totals.direct_fraud >= t.fraud_promotion_rules {
        // Fraud of any kind, with the rules' own red flags beside the model's sureness: a
        // phishing text about a toll, a parcel or a refund is a scam though it names no
        // debt. Raised as a debt scam is, on `model.fraud`, up to the scam gate's cap.
        raises.push(("model.fraud", Axis::Fraud, FRAUD, &gates.scam, to_scam));
        Label::Scam
    } else {
        return;
    };
    let mut promoted = findings.clone();
    for (rule_id, axis, classes, gate, extra) in raises {
        if extra <= 0.0 {
            continue;
        }
        // A hair above the threshold, so that rounding cannot leave the sum under it.
        let extra = extra + 1e-3;
        match promoted.iter_mut().find(|f| f.rule_id == rule_id) {
            Some(f) if f.weight + extra <= gate.cap => f.weight += extra,
            None if extra <= gate.cap => promoted.push(ModelFinding {
                rule_id,
                axis,
                weight: extra,
                probability: mass(classes),
                classes,
            }),
            _ => return,
        }
        after.add_model(axis, extra);
    }
    // Only when the class's verdict follows (a red flag keeps a notice from `legitimate`).
    if after.label(t) == target {
        *findings = promoted;
    }
}

/// Adds `model.benign` on the warning axis (see [`Combiner::demote_benign`]) when it applies
/// to a text whose rules and gates sum to `after`; whether it did.
fn demote(
    combiner: &Combiner,
    prediction: &Prediction,
    after: &AxisTotals,
    findings: &mut Vec<ModelFinding>,
    t: &Thresholds,
) -> bool {
    let Some(least) = combiner.demote_benign else {
        return false;
    };
    let probability = prediction.probability(ModelClass::Benign);
    if probability < least || after.firm_fraud > 0.0 || after.warning_defeated {
        return false;
    }
    let weight = (t.public_warning - after.scores.warning).max(0.0) + 1e-3;
    findings.push(ModelFinding {
        rule_id: "model.benign",
        axis: Axis::Warning,
        weight,
        probability,
        classes: BENIGN,
    });
    true
}

/// The summed probability of `classes`.
fn mass(prediction: &Prediction, classes: &[ModelClass]) -> f32 {
    classes.iter().map(|c| prediction.probability(*c)).sum()
}

/// A model finding with the normalized byte ranges of the words that weighed most.
pub(crate) type ExplainedFinding = (ModelFinding, Vec<std::ops::Range<usize>>);

/// The model's findings for a message, with spans, ready to join the rule findings.
pub(crate) fn explained(
    model: &Model,
    normalized: &str,
    totals: &AxisTotals,
    thresholds: &Thresholds,
    scratch: &mut super::Scratch,
) -> (Prediction, Vec<ExplainedFinding>) {
    let prediction = model.predict_normalized(normalized, scratch);
    if scratch.features.is_empty() {
        // Nothing to read (empty, blank, emoji only): the model's prior is no evidence.
        return (prediction, Vec::new());
    }
    let findings = findings_for(&model.combiner, &prediction, totals, thresholds);
    let targets: Vec<&[ModelClass]> = findings.iter().map(|f| f.classes).collect();
    let spans = super::explain::top_phrases(model, scratch, &prediction, &targets, normalized);
    (prediction, findings.into_iter().zip(spans).collect())
}

/// The titles and reasons of a model's findings, each made the first time it is needed
/// and shared after: one per finding id and whole percent of probability (the reason
/// names both), so a verdict's model findings cost no formatting or allocation for them.
#[derive(Default)]
pub(crate) struct FindingTexts {
    cells: std::sync::OnceLock<Vec<std::sync::OnceLock<Texts>>>,
}

type Texts = (
    std::sync::Arc<crate::verdict::Bilingual>,
    std::sync::Arc<crate::verdict::Bilingual>,
);

impl FindingTexts {
    pub(crate) fn get(&self, finding: &ModelFinding, rows: usize) -> Texts {
        let id = MODEL_FINDINGS
            .iter()
            .position(|(id, _)| *id == finding.rule_id)
            .unwrap_or(0);
        let percent = percent(finding.probability);
        let cells = self.cells.get_or_init(|| {
            (0..MODEL_FINDINGS.len() * 101)
                .map(|_| std::sync::OnceLock::new())
                .collect()
        });
        cells[id * 101 + percent]
            .get_or_init(|| {
                let (title, reason) = describe(finding, rows);
                (title.into(), reason.into())
            })
            .clone()
    }
}

/// A cache is not part of what a model is: clones start empty, and any two compare equal.
impl Clone for FindingTexts {
    fn clone(&self) -> Self {
        FindingTexts::default()
    }
}

impl PartialEq for FindingTexts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for FindingTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FindingTexts")
    }
}

/// A probability as a whole percent, 0..=100.
fn percent(probability: f32) -> usize {
    (probability * 100.0).round().clamp(0.0, 100.0) as usize
}

/// The title and reason of a model finding.
fn describe(
    finding: &ModelFinding,
    rows: usize,
) -> (crate::verdict::Bilingual, crate::verdict::Bilingual) {
    let percent = percent(finding.probability);
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
pub(crate) const MODEL_FINDINGS: [(&str, crate::verdict::Axis); 6] = [
    ("model.scam", crate::verdict::Axis::Fraud),
    ("model.fraud", crate::verdict::Axis::Fraud),
    ("model.abusive", crate::verdict::Axis::Abuse),
    ("model.legit", crate::verdict::Axis::Legit),
    ("model.collection", crate::verdict::Axis::Collection),
    ("model.benign", crate::verdict::Axis::Warning),
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
        "model.scam" => (
            "模型判断：像假催收或债务重组骗局",
            "Learned model: reads like a fake collector or a debt-relief scam",
        ),
        "model.fraud" => (
            "模型判断：像诈骗信息",
            "Learned model: reads like a scam of some kind",
        ),
        "model.abusive" => (
            "模型判断：像违规催收",
            "Learned model: reads like abusive collection",
        ),
        "model.legit" => (
            "模型判断：像正规催收",
            "Learned model: reads like a lawful notice",
        ),
        "model.benign" => (
            "模型判断：像谈论此类信息的文字，不是发给你的信息",
            "Learned model: reads like a text about such messages, not one to you",
        ),
        _ => ("模型判断：与欠款有关", "Learned model: about a debt"),
    };
    crate::verdict::Bilingual {
        zh: zh.to_string(),
        en: en.to_string(),
    }
}
