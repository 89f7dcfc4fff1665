//! Axis scores to a label: the thresholds of `rules/verdict.toml` applied to the summed
//! weights of everything that fired (rules and the learned model alike).

use crate::settings::Thresholds;
use crate::verdict::{Axis, Label, Scores};

/// What the label is decided from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct AxisTotals {
    /// The summed weights per axis.
    pub scores: Scores,
    /// The part of the fraud score that legitimacy signs cannot offset: rules marked
    /// `firm` (a personal account, a code request, a payment link to a stranger's domain).
    /// A scammer copies signatures and polite wording; these they cannot hide.
    pub firm_fraud: f32,
    /// A public warning or news text with no concrete demand on the reader.
    pub public_warning: bool,
    /// A long document (article, page, forum thread) rather than a message.
    pub document: bool,
    /// The part of the legit score that came from the learned model: it counts toward a
    /// `legitimate` verdict but never offsets fraud (n-grams of polite wording are exactly
    /// what a scammer copies).
    pub model_legit: f32,
    /// The part of the fraud score that came from the learned model: soft evidence, which
    /// the rules' legitimacy signs offset as they offset soft rules.
    pub model_fraud: f32,
    /// A rule that names a debt scheme fired (a fake collector's or a relief seller's
    /// sign): the text is about debts even without a topic word.
    pub debt_scheme: bool,
}

impl AxisTotals {
    /// The rules' legit score times `legit_offsets_fraud`.
    fn legit_offset(&self, t: &Thresholds) -> f32 {
        t.legit_offsets_fraud * (self.scores.legit - self.model_legit).max(0.0)
    }

    /// The fraud score a `legitimate` verdict must stay under: the rules' fraud as it is,
    /// the model's after the rules' legitimacy signs offset it.
    fn fraud_against_legit(&self, t: &Thresholds) -> f32 {
        self.scores.fraud - self.model_fraud + (self.model_fraud - self.legit_offset(t)).max(0.0)
    }

    /// Fraud minus the legit offset, where the offset never eats into the firm part.
    pub fn effective_fraud(&self, t: &Thresholds) -> f32 {
        let offset = self.legit_offset(t);
        let soft = self.scores.fraud - self.firm_fraud;
        self.firm_fraud
            + if soft > 0.0 {
                (soft - offset).max(0.0)
            } else {
                soft
            }
    }

    /// Whether the rules see a debt topic: a topic word (collection score of at least
    /// `collection_hint`) or a rule that names a debt scheme. The model's say is larger
    /// when they do.
    pub fn debt_topic(&self, t: &Thresholds) -> bool {
        self.scores.collection >= t.collection_hint || self.debt_scheme
    }

    /// Adds a finding of the learned model.
    pub fn add_model(&mut self, axis: Axis, weight: f32) {
        self.scores.add(axis, weight);
        match axis {
            Axis::Legit => self.model_legit += weight,
            Axis::Fraud => self.model_fraud += weight,
            _ => {}
        }
    }

    /// The label the thresholds give.
    pub fn label(&self, t: &Thresholds) -> Label {
        let s = &self.scores;
        let about_debt = s.collection >= t.collection;
        if self.public_warning || self.document {
            Label::NotCollection
        } else if self.effective_fraud(t) >= t.scam {
            Label::Scam
        } else if s.abuse >= t.abusive
            && (about_debt
                || s.collection >= t.collection_hint
                || s.abuse >= t.abusive_without_topic)
        {
            Label::Abusive
        } else if about_debt {
            if s.legit >= t.legitimate
                && self.fraud_against_legit(t) < t.legitimate_max_fraud
                && s.abuse < t.legitimate_max_abuse
            {
                Label::Legitimate
            } else {
                Label::Unverified
            }
        } else {
            Label::NotCollection
        }
    }
}
