//! The learned scorer: a linear model over hashed n-gram and shape features of the
//! normalized text, trained on labelled messages, whose say is combined with the rules'.
//!
//! - [`features`](self) turns a normalized text into hashed features with their spans;
//! - [`Model`] holds the weights, predicts class probabilities and explains them;
//! - [`train()`] fits a model on labelled rows ([`TrainingRow`]), deterministically;
//! - [`Combiner`] turns the model's probabilities into weighted findings on the rule axes
//!   (`model.scam` on fraud, `model.abusive` on abuse, `model.legit` on legit,
//!   `model.collection` on collection); [`fit_combiner`] fits its few parameters on rows
//!   the rules were not written from.
//!
//! ```
//! use collectguard::model::{ModelClass, TrainOptions, TrainingRow, train};
//!
//! let rows: Vec<TrainingRow> = [
//!     ("请把欠款转到我的个人账户", ModelClass::FakeCollection),
//!     ("马上转账到私人账户否则冻结", ModelClass::FakeCollection),
//!     ("您的账单已出，请按时还款", ModelClass::LegitCollection),
//!     ("本月账单请通过官方App还款", ModelClass::LegitCollection),
//!     ("今晚一起吃饭吗", ModelClass::Benign),
//!     ("明天一起去看电影", ModelClass::Benign),
//! ]
//! .into_iter()
//! .map(|(text, class)| TrainingRow::new(text, class))
//! .collect();
//! let model = train(&rows, &TrainOptions { bits: 14, ..TrainOptions::default() });
//! let p = model.predict("请转到个人账户");
//! assert!(p.probability(ModelClass::FakeCollection) > p.probability(ModelClass::Benign));
//! // A model survives a round trip through its file format unchanged.
//! let bytes = model.to_bytes();
//! let back = collectguard::model::Model::from_bytes("inline", &bytes).unwrap();
//! assert_eq!(back.predict("请转到个人账户"), p);
//! ```

mod combine;
mod explain;
pub(crate) mod features;
mod fit;
mod format;
mod scratch;
mod train;
mod weights;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use crate::verdict::{Label, Scheme};

pub use combine::{Gate, Regime};
pub(crate) use combine::{MODEL_FINDINGS, RuleContext, describe_generic, explained};
pub use features::FeatureSet;
pub use fit::{
    CombinerRow, fit_combiner, fit_combiner_bagged, fit_combiner_with_budget, fit_promotions,
};

pub use format::ModelError;
pub(crate) use scratch::Scratch;
pub use train::{Algorithm, TrainOptions, TrainingRow, train};

/// The classes a model tells apart: the labels of the labelled sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelClass {
    /// A lawful collector or creditor about a real debt.
    LegitCollection,
    /// A real collector breaking the rules.
    AbusiveCollection,
    /// A scammer posing as a collector, lender, court or police about a debt.
    FakeCollection,
    /// A seller of "stop the collection" or debt settlement for a fee.
    DebtReliefScam,
    /// Harmless and not a collection message.
    Benign,
    /// A scam that is not about a debt.
    OtherFraud,
}

impl ModelClass {
    /// Every class, in the order of their wire names.
    pub const ALL: [ModelClass; 6] = [
        ModelClass::LegitCollection,
        ModelClass::AbusiveCollection,
        ModelClass::FakeCollection,
        ModelClass::DebtReliefScam,
        ModelClass::Benign,
        ModelClass::OtherFraud,
    ];

    /// The snake_case name used in labelled JSONL files and model files.
    ///
    /// ```
    /// use collectguard::model::ModelClass;
    /// assert_eq!(ModelClass::DebtReliefScam.as_str(), "debt_relief_scam");
    /// assert_eq!(ModelClass::from_name("benign"), Some(ModelClass::Benign));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ModelClass::LegitCollection => "legit_collection",
            ModelClass::AbusiveCollection => "abusive_collection",
            ModelClass::FakeCollection => "fake_collection",
            ModelClass::DebtReliefScam => "debt_relief_scam",
            ModelClass::Benign => "benign",
            ModelClass::OtherFraud => "other_fraud",
        }
    }

    /// The class of a snake_case name.
    pub fn from_name(name: &str) -> Option<ModelClass> {
        ModelClass::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The verdict label this class stands for.
    pub fn label(self) -> Label {
        match self {
            ModelClass::LegitCollection => Label::Legitimate,
            ModelClass::AbusiveCollection => Label::Abusive,
            ModelClass::FakeCollection | ModelClass::DebtReliefScam | ModelClass::OtherFraud => {
                Label::Scam
            }
            ModelClass::Benign => Label::NotCollection,
        }
    }

    /// The scam scheme of a scam class.
    pub fn scheme(self) -> Option<Scheme> {
        match self {
            ModelClass::FakeCollection => Some(Scheme::FakeCollector),
            ModelClass::DebtReliefScam => Some(Scheme::DebtRelief),
            ModelClass::OtherFraud => Some(Scheme::Other),
            _ => None,
        }
    }

    /// Whether the class is about a debt.
    pub fn is_collection(self) -> bool {
        !matches!(self, ModelClass::Benign | ModelClass::OtherFraud)
    }
}

impl fmt::Display for ModelClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How feature values are scaled before the dot product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scaling {
    /// Each distinct feature counts `1 / sqrt(number of distinct features)` (logistic
    /// regression).
    L2,
    /// Each distinct feature counts 1 (naive Bayes log-probabilities).
    Binary,
}

/// What a model was trained on, as its model card records it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelCard {
    /// Training rows per class (wire name → count).
    pub rows_per_class: Vec<(String, usize)>,
    /// Where the training rows came from (file names or descriptions), with licences.
    pub sources: Vec<String>,
    /// How it was trained (algorithm and options).
    pub trained_with: String,
}

impl ModelCard {
    /// The number of training rows.
    pub fn rows(&self) -> usize {
        self.rows_per_class.iter().map(|(_, n)| n).sum()
    }
}

/// A trained linear model over hashed features, with the combiner that turns its
/// probabilities into findings.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    classes: Vec<ModelClass>,
    bits: u8,
    /// The optional feature families it was trained on (and reads).
    features: FeatureSet,
    scaling: Scaling,
    /// One row of weights per bucket, one weight per class.
    weights: weights::Weights,
    bias: Vec<f32>,
    combiner: Combiner,
    card: ModelCard,
    /// The titles and reasons of its findings, made on first use.
    texts: combine::FindingTexts,
}

/// The parameters that turn a model's probabilities into weighted findings on the rule
/// axes: each axis gets a [`Gate`]'s weight for the probability of the classes that stand
/// for that axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Combiner {
    /// `model.scam` on the fraud axis: fake collection + debt relief (other fraud's verdict
    /// is `not_collection`, so it does not count).
    pub scam: Gate,
    /// `model.abusive` on the abuse axis.
    pub abusive: Gate,
    /// `model.legit` on the legit axis.
    pub legit: Gate,
    /// `model.collection` on the collection axis: every class about a debt.
    pub collection: Gate,
    /// `model.fraud` on the fraud axis: every kind of fraud (fake collection, debt relief
    /// and other fraud), beside `model.scam`. A fake collector's message the model finds
    /// half like other fraud counts here in full. `None` (files before it): not used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraud: Option<Gate>,
    /// Gates of their own for texts without Han characters (English and other
    /// Latin-script texts), whose rules and n-grams differ from the Chinese ones; their
    /// own `latin` and `fitted_on` are not used. `None`: the same gates for every text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latin: Option<Box<Combiner>>,
    /// The probability of the debt scams (fake collector + debt relief) from which the
    /// model alone makes a scam of a text that the rules and the gates leave `unverified`
    /// or `not_collection` — never a public warning, a document or a first-person account,
    /// and never a text they call lawful or abusive: its `model.scam` weight is raised, up
    /// to the scam gate's cap, until the fraud score reaches the scam threshold. The gates
    /// weigh each axis on its own; this is the one place the model's sureness about a debt
    /// scam decides against an otherwise empty verdict. Fitted like the gates
    /// ([`fit_promotions`]); `None` (files before
    /// it, and models trained without `--promote-scam`): never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promote_scam: Option<f32>,
    /// The same for an abusive collector's message: from this probability of the abusive
    /// class, `model.abusive` is raised, up to the abusive gate's cap, to the abuse score an
    /// abusive verdict needs (with or without a debt topic). `None`: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promote_abusive: Option<f32>,
    /// The same for a lawful collection notice: from this probability of the lawful class,
    /// `model.legit` and `model.collection` are raised, each up to its gate's cap, to the
    /// scores a `legitimate` verdict needs — only when no red flag or abusive sign stands
    /// against it (fraud and abuse below the limits a lawful verdict allows). `None`: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promote_legit: Option<f32>,
    /// The other way: from this probability of the harmless class, a text the rules and
    /// the gates call a scam, abusive or `unverified` — with no firm red flag (a personal
    /// account, a code request…) and no concrete demand on the reader — is read as a text
    /// *about* such messages (news, a warning, a forum post that quotes one): `model.benign`
    /// adds to the warning axis what a public warning needs, and the verdict is
    /// `not_collection`. `None`: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demote_benign: Option<f32>,
    /// Where the parameters were fitted (description).
    #[serde(default)]
    pub fitted_on: String,
}

impl Default for Combiner {
    fn default() -> Self {
        let gate = |scale, offset| Gate {
            scale,
            scale_alone: scale / 4.0,
            offset,
            offset_alone: 4.0,
            cap: 8.0,
            scale_corroborated: None,
            offset_corroborated: None,
            scale_hint: None,
            offset_hint: None,
        };
        let topic_only = |scale, offset| Gate {
            scale_alone: 0.0,
            ..gate(scale, offset)
        };
        Combiner {
            scam: gate(2.0, 0.0),
            abusive: gate(2.0, 0.0),
            legit: topic_only(1.5, 0.0),
            collection: topic_only(1.5, 0.0),
            fraud: None,
            latin: None,
            promote_scam: None,
            promote_abusive: None,
            promote_legit: None,
            demote_benign: None,
            fitted_on: "hand-set defaults".into(),
        }
    }
}

/// Class probabilities for one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    probabilities: Vec<(ModelClass, f32)>,
}

impl Prediction {
    /// The probability of one class (0 when the model does not know the class).
    pub fn probability(&self, class: ModelClass) -> f32 {
        self.probabilities
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(0.0, |(_, p)| *p)
    }

    /// The summed probability of the classes that stand for `label`.
    pub fn label_probability(&self, label: Label) -> f32 {
        self.probabilities
            .iter()
            .filter(|(c, _)| c.label() == label)
            .map(|(_, p)| p)
            .sum()
    }

    /// The summed probability of the classes about a debt.
    pub fn collection_probability(&self) -> f32 {
        self.probabilities
            .iter()
            .filter(|(c, _)| c.is_collection())
            .map(|(_, p)| p)
            .sum()
    }

    /// Every class with its probability, in the model's class order.
    pub fn probabilities(&self) -> &[(ModelClass, f32)] {
        &self.probabilities
    }

    /// The most probable class.
    pub fn top(&self) -> ModelClass {
        self.probabilities
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(ModelClass::Benign, |(c, _)| *c)
    }

    /// The most probable verdict label (summing the classes of each label).
    pub fn top_label(&self) -> Label {
        [
            Label::Legitimate,
            Label::Abusive,
            Label::Scam,
            Label::NotCollection,
        ]
        .into_iter()
        .max_by(|a, b| {
            self.label_probability(*a)
                .total_cmp(&self.label_probability(*b))
        })
        .unwrap_or(Label::NotCollection)
    }
}

const DEFAULT_MODEL_BYTES: &[u8] = include_bytes!("../../model/default.cgm");
/// The name the embedded model goes by in errors and model cards.
pub const DEFAULT_MODEL_FILE: &str = "model/default.cgm";

/// Decoded once per process and shared by every classifier that uses it.
static DEFAULT_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(
        Model::from_bytes(DEFAULT_MODEL_FILE, DEFAULT_MODEL_BYTES)
            .expect("the embedded model is valid (checked by the test suite)"),
    )
});

impl Model {
    /// The model embedded in the crate (trained on our own labelled sets; see MODEL.md).
    ///
    /// ```
    /// let model = collectguard::model::Model::embedded();
    /// assert!(model.card().rows() > 1000);
    /// ```
    pub fn embedded() -> &'static Model {
        &DEFAULT_MODEL
    }

    /// The embedded model, shared (no copy of its weights).
    pub(crate) fn embedded_shared() -> Arc<Model> {
        Arc::clone(&DEFAULT_MODEL)
    }

    /// Reads a model file written by [`save`](Self::save) (or the `train` example).
    /// A missing, truncated, corrupt or foreign file is an error naming the file.
    ///
    /// ```
    /// let err = collectguard::model::Model::load("no/such/model.cgm").unwrap_err();
    /// assert!(err.to_string().starts_with("no/such/model.cgm: "));
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Model, ModelError> {
        let name = path.as_ref().display().to_string();
        let bytes =
            std::fs::read(path.as_ref()).map_err(|e| ModelError::new(&name, e.to_string()))?;
        Model::from_bytes(&name, &bytes)
    }

    /// Parses a model from bytes; `name` is used in error messages.
    ///
    /// ```
    /// let err = collectguard::model::Model::from_bytes("x.cgm", b"not a model").unwrap_err();
    /// assert_eq!(err.file(), "x.cgm");
    /// ```
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model, ModelError> {
        format::decode(name, bytes)
    }

    /// The model in its file format (deterministic: the same model gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        format::encode(self)
    }

    /// Writes the model file.
    pub fn save(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes())
    }

    /// The classes, in the model's order.
    pub fn classes(&self) -> &[ModelClass] {
        &self.classes
    }

    /// The hash-table size as a power of two.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// The optional feature families it reads (recorded in its file).
    ///
    /// ```
    /// use collectguard::model::{FeatureSet, Model};
    ///
    /// let features: FeatureSet = Model::embedded().features();
    /// assert!(features.word_chars);
    /// ```
    pub fn features(&self) -> FeatureSet {
        self.features
    }

    /// Bytes of memory its weight table holds (16 bits per class and bucket, as the file
    /// stores them).
    ///
    /// ```
    /// let model = collectguard::model::Model::embedded();
    /// // 2^18 buckets × 6 classes × 2 bytes.
    /// assert!(model.weight_bytes() < 3_200_000);
    /// ```
    pub fn weight_bytes(&self) -> usize {
        self.weights.heap_bytes()
    }

    /// What the model was trained on.
    pub fn card(&self) -> &ModelCard {
        &self.card
    }

    /// The combiner parameters.
    pub fn combiner(&self) -> &Combiner {
        &self.combiner
    }

    /// The title and reason of one of its findings (shared: made once per finding id and
    /// whole percent of probability).
    pub(crate) fn describe(
        &self,
        finding: &combine::ModelFinding,
    ) -> (
        Arc<crate::verdict::Bilingual>,
        Arc<crate::verdict::Bilingual>,
    ) {
        self.texts.get(finding, self.card.rows())
    }

    /// The same model with other combiner parameters.
    pub fn with_combiner(mut self, combiner: Combiner) -> Model {
        self.combiner = combiner;
        self
    }

    /// The same model with another model card.
    pub fn with_card(mut self, card: ModelCard) -> Model {
        self.card = card;
        // The reasons name the card's row count.
        self.texts = Default::default();
        self
    }

    /// Class probabilities for a text (normalized first, as the classifier does).
    pub fn predict(&self, text: &str) -> Prediction {
        let normalized = crate::normalize::normalize(text);
        self.predict_normalized(normalized.as_str(), &mut Scratch::default())
    }

    /// Class probabilities for an already normalized text; `scratch` holds the text's
    /// features (in text order), their distinct buckets and those buckets' weights
    /// afterwards. Linear in the text: a short text's buckets are sorted by counting
    /// passes, a long text's found with a bitset.
    pub(crate) fn predict_normalized(&self, normalized: &str, scratch: &mut Scratch) -> Prediction {
        features::extract_with(
            normalized,
            self.bits,
            self.features,
            &mut scratch.features,
            &mut scratch.workspace,
        );
        scratch.collect_distinct(self.bits);
        let c = self.classes.len();
        let mut scores = self.logits(&scratch.distinct, &mut scratch.rows);
        softmax_in_place(&mut scores[..c]);
        Prediction {
            probabilities: self.classes.iter().copied().zip(scores).collect(),
        }
    }

    /// The value each distinct feature counts with.
    fn feature_value(&self, distinct: usize) -> f32 {
        match self.scaling {
            Scaling::L2 => 1.0 / (distinct.max(1) as f32).sqrt(),
            Scaling::Binary => 1.0,
        }
    }

    /// Raw class scores for a set of distinct buckets. Each class's score is summed in
    /// the order of `distinct`, over fixed-width rows so that the loop unrolls. The rows
    /// are left in `rows` (one per distinct bucket) for the explanation.
    fn logits(&self, distinct: &[u32], rows: &mut Vec<[f32; WIDTH]>) -> [f32; WIDTH] {
        let x = self.feature_value(distinct.len());
        let mut logits = [0.0; WIDTH];
        logits[..self.bias.len()].copy_from_slice(&self.bias);
        rows.clear();
        for &bucket in distinct {
            let row = self.weights.row(bucket);
            for k in 0..WIDTH {
                logits[k] += x * row[k];
            }
            rows.push(row);
        }
        logits
    }
}

/// The most classes a model has ([`ModelClass::ALL`]): rows of weights are handled at
/// this fixed width, models with fewer classes padded with zeros.
pub(crate) const WIDTH: usize = ModelClass::ALL.len();

fn softmax(logits: &[f32]) -> Vec<f32> {
    let mut p = logits.to_vec();
    softmax_in_place(&mut p);
    p
}

/// Turns scores into probabilities where they are.
fn softmax_in_place(scores: &mut [f32]) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
    }
    let sum: f32 = scores.iter().sum();
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

/// `f` applied to every item, on up to two threads (this is a 2-core tool's training path),
/// results in item order: what the threads do never changes the result.
pub(crate) fn map_on_two_threads<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 2);
    let f = &f;
    let mut out = Vec::with_capacity(items.len());
    for round in items.chunks(threads) {
        let results: Vec<R> = std::thread::scope(|scope| {
            let handles: Vec<_> = round
                .iter()
                .map(|item| scope.spawn(move || f(item)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a training thread panicked"))
                .collect()
        });
        out.extend(results);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_texts_are_made_once_and_follow_the_card() {
        let model = Model::embedded().clone();
        let finding = combine::ModelFinding {
            rule_id: "model.scam",
            axis: crate::verdict::Axis::Fraud,
            weight: 1.0,
            probability: 0.934,
            classes: &[],
        };
        let (title, reason) = model.describe(&finding);
        let (title_again, reason_again) = model.describe(&finding);
        assert!(Arc::ptr_eq(&title, &title_again) && Arc::ptr_eq(&reason, &reason_again));
        assert!(reason.en.contains(" 93%"), "{}", reason.en);
        // Another percent, another reason.
        let surer = combine::ModelFinding {
            probability: 0.99,
            ..finding
        };
        assert!(model.describe(&surer).1.en.contains(" 99%"));
        // A new card (another row count) is never described with the old texts.
        let card = ModelCard {
            rows_per_class: vec![("benign".into(), 7)],
            ..ModelCard::default()
        };
        let (_, recarded) = model.with_card(card).describe(&finding);
        assert!(recarded.en.contains("from 7 labelled"), "{}", recarded.en);
    }

    #[test]
    fn embedded_model_loads_and_predicts() {
        let model = Model::embedded();
        let p = model.predict("你好");
        let total: f32 = p.probabilities().iter().map(|(_, p)| p).sum();
        assert!((total - 1.0).abs() < 1e-4);
        assert_eq!(model.classes().len(), ModelClass::ALL.len());
    }
}
