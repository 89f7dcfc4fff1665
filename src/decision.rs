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
    /// A rule marked `concrete_demand` fired (an account number, a link): whatever the
    /// warning score, the text is no public warning.
    pub warning_defeated: bool,
    /// A long document (article, page, forum thread) rather than a message.
    pub document: bool,
    /// A first-person account (a comment, a post, a borrower's story) rather than a
    /// message to the reader: `not_collection` unless the fraud evidence makes it a scam
    /// (a relief seller's testimonial pitch is told in the first person too) or the
    /// legitimacy signs a lawful message.
    pub account: bool,
    /// A long text that never addresses its reader: about a debt but, when nothing marks it
    /// as lawful, abusive or a scam, `not_collection` rather than `unverified`.
    pub unaddressed: bool,
    /// The part of the legit score that came from the learned model: it counts toward a
    /// `legitimate` verdict but never offsets fraud (n-grams of polite wording are exactly
    /// what a scammer copies).
    pub model_legit: f32,
    /// The rules' fraud weight from direct evidence (the sender's own words, not reported
    /// speech or a debtor's turn): what the fraud promotion asks of the rules, so that a
    /// warning narrating what scammers do never becomes a scam by the model's sureness.
    pub direct_fraud: f32,
    /// The part of the fraud score that came from the learned model: soft evidence, which
    /// the rules' legitimacy signs offset as they offset soft rules.
    pub model_fraud: f32,
    /// The collection weight of rules that infer the debt from a collection tactic
    /// (`needs_witness`): the tactic's abuse already counts on the abuse axis.
    pub tactic_topic: f32,
    /// The learned model found abuse or a debt topic (a positive finding on either axis).
    pub model_witness: bool,
    /// A rule marked `pays_elsewhere` fired: the money or the credentials go somewhere
    /// other than the creditor's own channel (an account, a link, a code, a number).
    pub pays_elsewhere: bool,
    /// A rule marked `pays_own_channel` fired: the text names the creditor's own channel.
    pub pays_own_channel: bool,
    /// A learned model judged the text (false for a rules-only classifier, which has no
    /// second witness to ask: a tactic's topic then counts as it is).
    pub model_consulted: bool,
    /// A rule that names a debt scheme fired (a fake collector's or a relief seller's
    /// sign): the text is about debts even without a topic word.
    pub debt_scheme: bool,
    /// The text has no Han character (English and other Latin-script texts): a model
    /// with gates of its own for such texts uses those.
    pub latin: bool,
}

impl AxisTotals {
    /// The legit score of the rules alone (the model's legit weight never offsets fraud).
    fn rules_legit(&self) -> f32 {
        (self.scores.legit - self.model_legit).max(0.0)
    }

    /// The rules' legit score times `legit_offsets_fraud`.
    pub(crate) fn legit_offset(&self, t: &Thresholds) -> f32 {
        t.legit_offsets_fraud * self.rules_legit()
    }

    /// The fraud score a `legitimate` verdict must stay under: the rules' fraud as it is,
    /// the model's after the rules' legitimacy signs offset it.
    fn fraud_against_legit(&self, t: &Thresholds) -> f32 {
        self.scores.fraud - self.model_fraud + (self.model_fraud - self.legit_offset(t)).max(0.0)
    }

    /// The fraud score a `legitimate` verdict must stay under. Where the rules' own
    /// legitimacy signs reach the lawful threshold by themselves and no rule sends the money
    /// or the credentials elsewhere (`pays_elsewhere`), they offset the soft red flags as
    /// they do against a scam verdict: a bank's overdue notice that links its own hardship
    /// plan, a collector's letter in legal wording. Otherwise (few signs of the rules' own,
    /// or a route of the sender's own choosing) only the model's fraud weight is offset.
    /// The firm part is never offset.
    fn fraud_for_legit(&self, t: &Thresholds) -> f32 {
        if self.pays_elsewhere || self.rules_legit() < t.legitimate {
            self.fraud_against_legit(t)
        } else {
            self.effective_fraud(t)
        }
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

    /// What the rules saw before the model speaks: the debt topic, and whether any of their
    /// findings weigh on the fraud or the abuse axis.
    pub(crate) fn rule_context(&self, t: &Thresholds) -> crate::model::RuleContext {
        crate::model::RuleContext {
            // A first-person account is about debts, not about the reader's: the model must
            // be as sure as it must be without a topic.
            topic: self.debt_topic(t) && !self.account,
            hint_only: !self.debt_scheme && self.scores.collection < t.collection,
            fraud: self.scores.fraud > 0.0,
            abuse: self.scores.abuse > 0.0,
            latin: self.latin,
        }
    }

    /// Adds a finding of the learned model.
    pub fn add_model(&mut self, axis: Axis, weight: f32) {
        self.scores.add(axis, weight);
        match axis {
            Axis::Legit => self.model_legit += weight,
            Axis::Fraud => self.model_fraud += weight,
            Axis::Abuse | Axis::Collection if weight > 0.0 => self.model_witness = true,
            _ => {}
        }
    }

    /// Whether the warning score (the rules' and the model's) makes a public warning: at
    /// least the threshold, and no concrete demand on the reader.
    pub fn settle_warning(&mut self, t: &Thresholds) {
        self.public_warning = self.scores.warning >= t.public_warning && !self.warning_defeated;
    }

    /// The collection score an abusive verdict reads: without a second witness (the
    /// model's abusive or collection finding, or another collection rule) a topic inferred
    /// from a collection tactic alone counts nothing — one threat would otherwise be both
    /// the abuse and the evidence that a debt is meant ("全公司都知道了" between friends).
    fn collection_for_abuse(&self) -> f32 {
        let s = &self.scores;
        let others = s.collection - self.tactic_topic;
        if !self.model_consulted || self.model_witness || others > 0.0 {
            s.collection
        } else {
            others
        }
    }

    /// A real lender's pressure rather than a scam: the only route for the money is the
    /// creditor's own channel and the abuse is enough for an abusive verdict. A fake
    /// collector's threats end in a route of its own (an account, a link, a code, a
    /// number); threats that end in "pay in our app" are a lender's unlawful pressure.
    fn lender_pressure(&self, t: &Thresholds) -> bool {
        self.pays_own_channel && !self.pays_elsewhere && self.scores.abuse >= t.abusive
    }

    /// The label the thresholds give.
    pub fn label(&self, t: &Thresholds) -> Label {
        let s = &self.scores;
        let about_debt = s.collection >= t.collection;
        let abuse_topic = self.collection_for_abuse();
        if self.public_warning || self.document {
            Label::NotCollection
        } else if self.effective_fraud(t) >= t.scam && !self.lender_pressure(t) {
            Label::Scam
        } else if s.abuse >= t.abusive
            && !self.account
            && (abuse_topic >= t.collection_hint || s.abuse >= t.abusive_without_topic)
        {
            Label::Abusive
        } else if about_debt {
            if s.legit >= t.legitimate
                && self.fraud_for_legit(t) < t.legitimate_max_fraud
                && s.abuse < t.legitimate_max_abuse
            {
                Label::Legitimate
            } else if self.unaddressed || self.account {
                Label::NotCollection
            } else {
                Label::Unverified
            }
        } else {
            Label::NotCollection
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thresholds() -> Thresholds {
        crate::settings::Settings::from_toml(
            crate::settings::DEFAULT_SETTINGS_FILE,
            crate::settings::DEFAULT_SETTINGS,
        )
        .expect("default settings")
        .thresholds
    }

    fn totals(fraud: f32, firm: f32, legit: f32) -> AxisTotals {
        AxisTotals {
            scores: Scores {
                collection: 6.0,
                fraud,
                legit,
                ..Scores::default()
            },
            firm_fraud: firm,
            ..AxisTotals::default()
        }
    }

    #[test]
    fn legitimacy_signs_offset_soft_fraud_but_never_the_firm_part() {
        let t = thresholds();
        // 6 soft fraud points, 10 legit points: offset by 5 (0.5 per legit point).
        assert_eq!(totals(6.0, 0.0, 10.0).effective_fraud(&t), 1.0);
        // The same 6 points all firm (a personal account, a code request): nothing offset.
        assert_eq!(totals(6.0, 6.0, 10.0).effective_fraud(&t), 6.0);
        assert_eq!(totals(6.0, 6.0, 10.0).label(&t), Label::Scam);
        // Mixed: the offset eats the soft part only, never below the firm part.
        assert_eq!(totals(8.0, 4.0, 20.0).effective_fraud(&t), 4.0);
    }

    #[test]
    fn a_topic_inferred_from_the_tactic_alone_needs_a_second_witness() {
        let t = thresholds();
        // "全公司都知道了": one tactic, counted as abuse and, by a tactic composite, as the
        // debt topic too.
        let tactic = AxisTotals {
            scores: Scores {
                collection: 1.0,
                abuse: 4.0,
                ..Scores::default()
            },
            tactic_topic: 1.0,
            model_consulted: true,
            ..AxisTotals::default()
        };
        assert_eq!(tactic.label(&t), Label::NotCollection);
        // The model finds abuse or a debt too: two witnesses.
        let mut witnessed = tactic;
        witnessed.add_model(Axis::Abuse, 0.5);
        assert_eq!(witnessed.label(&t), Label::Abusive);
        // Another collection rule is a second witness as well.
        let mut topic_word = tactic;
        topic_word.scores.collection += 1.0;
        assert_eq!(topic_word.label(&t), Label::Abusive);
        // A rules-only classifier has no model to ask: the tactic counts as it is.
        let rules_only = AxisTotals {
            model_consulted: false,
            ..tactic
        };
        assert_eq!(rules_only.label(&t), Label::Abusive);
        // Abuse strong enough to stand without any topic is abusive either way.
        let mut strong = tactic;
        strong.scores.abuse = t.abusive_without_topic;
        assert_eq!(strong.label(&t), Label::Abusive);
    }

    #[test]
    fn threats_that_end_in_the_creditors_own_channel_are_a_lenders_pressure() {
        let t = thresholds();
        let threats = AxisTotals {
            scores: Scores {
                collection: 6.0,
                fraud: 9.0,
                abuse: t.abusive,
                ..Scores::default()
            },
            pays_own_channel: true,
            ..AxisTotals::default()
        };
        assert_eq!(threats.label(&t), Label::Abusive);
        // A route of the sender's own (an account, a link, a code) makes it a scam.
        let elsewhere = AxisTotals {
            pays_elsewhere: true,
            ..threats
        };
        assert_eq!(elsewhere.label(&t), Label::Scam);
        // Without abuse enough for an abusive verdict the fraud score decides.
        let mut mild = threats;
        mild.scores.abuse = t.abusive - 1.0;
        assert_eq!(mild.label(&t), Label::Scam);
        // No channel named at all: the fraud score decides.
        let unnamed = AxisTotals {
            pays_own_channel: false,
            ..threats
        };
        assert_eq!(unnamed.label(&t), Label::Scam);
    }

    #[test]
    fn the_models_legit_weight_never_offsets_fraud() {
        let t = thresholds();
        let mut rules_only = totals(7.0, 0.0, 0.0);
        assert_eq!(rules_only.label(&t), Label::Scam);
        rules_only.add_model(Axis::Legit, 12.0);
        assert_eq!(rules_only.effective_fraud(&t), 7.0);
        assert_eq!(rules_only.label(&t), Label::Scam);
    }

    #[test]
    fn the_rules_legit_signs_offset_the_models_scam_weight_for_a_lawful_verdict() {
        let t = thresholds();
        // A lawful-looking notice (legit 9 from the rules) the model finds scam-like (5):
        // 5 − 0.5 × 9 stays under legitimate_max_fraud (3).
        let mut v = totals(0.0, 0.0, 9.0);
        v.add_model(Axis::Fraud, 5.0);
        assert_eq!(v.label(&t), Label::Legitimate);
        // With few legitimacy signs (3) the same model weight blocks it: 5 − 1.5 ≥ 3.
        let mut bare = totals(0.0, 0.0, 3.0);
        bare.add_model(Axis::Fraud, 5.0);
        assert_eq!(bare.label(&t), Label::Unverified);
    }

    #[test]
    fn many_lawful_signs_offset_soft_rule_flags_unless_the_money_goes_elsewhere() {
        let t = thresholds();
        // A creditor's notice with legit 8 from the rules and one soft flag of the rules
        // (a link, a hardship pitch: 4): 4 − 0.5 × 8 = 0, under legitimate_max_fraud.
        let own_channel = totals(4.0, 0.0, 8.0);
        assert_eq!(own_channel.label(&t), Label::Legitimate);
        // The same with a rule that sends the money elsewhere: the flag counts whole.
        let elsewhere = AxisTotals {
            pays_elsewhere: true,
            ..totals(4.0, 0.0, 8.0)
        };
        assert_eq!(elsewhere.label(&t), Label::Unverified);
        // The same flag firm (a personal account): never offset.
        assert_eq!(totals(4.0, 4.0, 8.0).label(&t), Label::Unverified);
        // Rules' signs under the lawful threshold (2), the rest from the model: no offset
        // of the rules' flag, however sure the model is.
        let mut thin = totals(4.0, 0.0, 2.0);
        thin.add_model(Axis::Legit, 8.0);
        assert_eq!(thin.label(&t), Label::Unverified);
    }

    #[test]
    fn the_rule_context_tells_a_weak_topic_word_from_a_topic() {
        let t = thresholds();
        let with = |collection: f32, fraud: f32, debt_scheme: bool| AxisTotals {
            scores: Scores {
                collection,
                fraud,
                ..Scores::default()
            },
            debt_scheme,
            ..AxisTotals::default()
        };
        let weak = with(t.collection_hint, 0.0, false).rule_context(&t);
        assert!(weak.topic && weak.hint_only && !weak.fraud);
        let strong = with(t.collection, 1.0, false).rule_context(&t);
        assert!(strong.topic && !strong.hint_only && strong.fraud);
        // A rule naming a debt scheme is a topic however few topic words fired.
        let scheme = with(0.0, 0.0, true).rule_context(&t);
        assert!(scheme.topic && !scheme.hint_only);
        let none = with(0.0, 0.0, false).rule_context(&t);
        assert!(!none.topic);
    }

    #[test]
    fn warnings_and_documents_are_not_collection_whatever_fired() {
        let t = thresholds();
        let mut v = totals(20.0, 20.0, 0.0);
        v.document = true;
        assert_eq!(v.label(&t), Label::NotCollection);
        v.document = false;
        v.public_warning = true;
        assert_eq!(v.label(&t), Label::NotCollection);
    }

    #[test]
    fn an_account_is_not_collection_unless_it_is_a_scam_or_lawful() {
        let t = thresholds();
        let mut about = totals(0.0, 0.0, 0.0);
        about.scores.collection = t.collection + 1.0;
        about.scores.abuse = t.abusive + 1.0;
        assert_eq!(about.label(&t), Label::Abusive);
        about.account = true;
        assert_eq!(about.label(&t), Label::NotCollection);
        // The topic words of an account are not a debt of the reader's: the model speaks
        // as it does without a topic.
        assert!(!about.rule_context(&t).topic);
        let mut pitch = totals(t.scam + 1.0, t.scam + 1.0, 0.0);
        pitch.account = true;
        assert_eq!(pitch.label(&t), Label::Scam);
        let mut lawful = totals(0.0, 0.0, t.legitimate + 1.0);
        lawful.scores.collection = t.collection + 1.0;
        lawful.account = true;
        assert_eq!(lawful.label(&t), Label::Legitimate);
    }

    #[test]
    fn an_unaddressed_text_is_not_collection_only_where_it_would_be_unverified() {
        let t = thresholds();
        let mut about = totals(0.0, 0.0, 0.0);
        about.scores.collection = t.collection + 1.0;
        assert_eq!(about.label(&t), Label::Unverified);
        about.unaddressed = true;
        assert_eq!(about.label(&t), Label::NotCollection);
        // Whatever marks it as lawful, abusive or a scam still decides.
        let mut lawful = about;
        lawful.scores.legit = t.legitimate + 1.0;
        assert_eq!(lawful.label(&t), Label::Legitimate);
        let mut abusive = about;
        abusive.scores.abuse = t.abusive + 1.0;
        assert_eq!(abusive.label(&t), Label::Abusive);
        let mut scam = totals(t.scam + 1.0, t.scam + 1.0, 0.0);
        scam.unaddressed = true;
        assert_eq!(scam.label(&t), Label::Scam);
    }
}
