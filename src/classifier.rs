//! The public entry point: build a classifier from rule packs, classify messages.

use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::builder::ClassifierBuilder;
use crate::decision::AxisTotals;
use crate::engine::{Engine, Evaluation, RuleKind};
use crate::error::InvalidUtf8;
use crate::message::Message;
use crate::model::Model;
use crate::rules::Example;
use crate::verdict::{
    Advice, Axis, Bilingual, Evidence, Finding, Label, SCHEMA_VERSION, Scheme, Source, Span,
    Verdict,
};
use crate::work::WorkCounts;

static DEFAULT_CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| {
    ClassifierBuilder::new()
        .build()
        .expect("the embedded rule packs are valid (checked by the test suite)")
});

/// Judges collection messages. Cheap to clone (the compiled rules are shared), `Send` and
/// `Sync`: build it once and use it from any number of threads.
///
/// # Untrusted input
///
/// [`classify`](Classifier::classify) accepts any text (empty, megabytes long, emoji,
/// control characters) and never panics; its cost is linear in the length of the text.
///
/// ```
/// use collectguard::{Classifier, Label, Message};
///
/// let classifier = Classifier::default();
/// let verdict = classifier.classify(&Message::new(
///     "【招商银行】尊敬的王先生，您尾号8812的信用卡已逾期15天，欠款3260.50元，\
///      请通过招商银行App或网点还款，如有疑问请致电95555。",
/// ));
/// assert_eq!(verdict.label, Label::Legitimate);
/// for finding in &verdict.findings {
///     println!("{} {:+} {:?}", finding.rule_id, finding.weight, finding.spans);
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Classifier {
    pub(crate) engine: Arc<Engine>,
    pub(crate) model: Option<Arc<Model>>,
}

#[cfg(test)]
impl Classifier {
    /// The compiled engine, for the engine's own tests.
    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }
}

const _: () = {
    const fn assert_send_sync<
        T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe,
    >() {
    }
    assert_send_sync::<Classifier>();
};

impl Default for Classifier {
    /// The classifier with the embedded default packs, built once per process.
    fn default() -> Self {
        DEFAULT_CLASSIFIER.clone()
    }
}

impl Classifier {
    /// A builder for a classifier with custom packs, disabled rules or new weights.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::new()
    }

    /// Judges one message.
    pub fn classify(&self, message: &Message) -> Verdict {
        let evaluation = self.engine.evaluate(message);
        self.verdict(message, &evaluation)
    }

    /// Judges many messages on every core, keeping their order.
    ///
    /// ```
    /// use collectguard::{Classifier, Label, Message};
    /// let c = Classifier::default();
    /// let messages = vec![Message::new("今晚一起吃饭吗？"); 40];
    /// let verdicts = c.classify_batch(&messages);
    /// assert_eq!(verdicts.len(), 40);
    /// assert!(verdicts.iter().all(|v| v.label == Label::NotCollection));
    /// ```
    pub fn classify_batch(&self, messages: &[Message]) -> Vec<Verdict> {
        self.classify_batch_threads(messages, 0)
    }

    /// [`classify_batch`](Self::classify_batch) on `threads` threads (0: one per core).
    ///
    /// ```
    /// use collectguard::{Classifier, Message};
    /// let c = Classifier::default();
    /// let messages: Vec<Message> =
    ///     ["您的借款已逾期3天", "hello"].iter().map(|t| Message::new(*t)).collect();
    /// let two = c.classify_batch_threads(&messages, 2);
    /// assert_eq!(two, messages.iter().map(|m| c.classify(m)).collect::<Vec<_>>());
    /// ```
    pub fn classify_batch_threads(&self, messages: &[Message], threads: usize) -> Vec<Verdict> {
        crate::batch::parallel_map(
            messages,
            crate::batch::thread_count(threads),
            |m| self.classify(m),
            &|_| {},
        )
    }

    /// Judges one message and counts the work the matcher did (see [`WorkCounts`]): for
    /// tests and audits of linear time.
    ///
    /// ```
    /// use collectguard::{Classifier, Message};
    /// let (verdict, work) = Classifier::default().classify_counting(&Message::new("逾期"));
    /// assert_eq!(verdict, Classifier::default().classify_text("逾期"));
    /// assert!(work.hits >= 1);
    /// ```
    pub fn classify_counting(&self, message: &Message) -> (Verdict, WorkCounts) {
        let mut work = WorkCounts::default();
        let evaluation = self.engine.evaluate_counting(message, &mut work);
        let verdict = self.verdict_counting(message, &evaluation, &mut work);
        (verdict, work)
    }

    /// What every finding this classifier can report means, and every advice text: the
    /// catalogue that [`CompactVerdict`](crate::CompactVerdict)s refer to.
    ///
    /// ```
    /// let c = collectguard::Classifier::default();
    /// let catalog = c.catalog();
    /// assert!(catalog.findings.len() > 100);
    /// let v = c.classify_text("欠款请直接微信转账给我");
    /// for f in &v.findings {
    ///     assert_eq!(catalog.get(&f.rule_id).unwrap().axis, f.axis);
    /// }
    /// ```
    pub fn catalog(&self) -> crate::Catalog {
        let engine = &*self.engine;
        let mut findings: Vec<crate::CatalogEntry> = engine
            .rules
            .iter()
            .filter(|r| r.weight.is_some() && !r.disabled)
            .map(|r| crate::CatalogEntry {
                rule_id: r.id.clone(),
                axis: r.axis,
                source: r.source,
                weight: r.weight,
                scheme: r.scheme,
                file: r.file.clone(),
                title: Bilingual::clone(&r.title),
                reason: Bilingual::clone(&r.reason),
                reference: r.reference.as_deref().map(str::to_string),
            })
            .collect();
        if let Some(model) = &self.model {
            for (id, axis) in crate::model::MODEL_FINDINGS {
                if id == "model.fraud" && model.combiner().fraud.is_none() {
                    continue; // this model has no such gate
                }
                if id == "model.benign" && model.combiner().demote_benign.is_none() {
                    continue; // nor this demotion
                }
                let (title, reason) = crate::model::describe_generic(id, model.card().rows());
                findings.push(crate::CatalogEntry {
                    rule_id: id.to_string(),
                    axis,
                    source: Source::Model,
                    weight: None,
                    scheme: None,
                    file: "model".to_string(),
                    title,
                    reason,
                    reference: None,
                });
            }
        }
        let advice = engine
            .settings
            .advice
            .iter()
            .map(|a| crate::Advice {
                id: a.id.clone(),
                text: Arc::clone(&a.text),
            })
            .collect();
        crate::Catalog {
            schema_version: crate::SCHEMA_VERSION,
            findings,
            advice,
        }
    }

    /// Judges a text with no metadata.
    ///
    /// ```
    /// use collectguard::{Classifier, Label};
    /// let v = Classifier::default().classify_text("今晚一起吃饭吗？");
    /// assert_eq!(v.label, Label::NotCollection);
    /// assert_eq!(v.risk, 0);
    /// ```
    pub fn classify_text(&self, text: &str) -> Verdict {
        self.classify(&Message::new(text))
    }

    /// Judges a text given as bytes; fails with the offset of the first invalid byte when
    /// they are not UTF-8.
    ///
    /// ```
    /// use collectguard::Classifier;
    /// let c = Classifier::default();
    /// assert!(c.classify_bytes("你好".as_bytes()).is_ok());
    /// let err = c.classify_bytes(b"ab\xFFcd").unwrap_err();
    /// assert_eq!(err.valid_up_to(), 2);
    /// ```
    pub fn classify_bytes(&self, bytes: &[u8]) -> Result<Verdict, InvalidUtf8> {
        let text = std::str::from_utf8(bytes).map_err(|e| InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        })?;
        Ok(self.classify_text(text))
    }

    /// The rules this classifier runs, in pack order.
    ///
    /// ```
    /// let c = collectguard::Classifier::default();
    /// assert!(c.rules().any(|r| r.id().starts_with("zh.payment.")));
    /// ```
    pub fn rules(&self) -> impl Iterator<Item = RuleInfo<'_>> {
        self.engine.rules.iter().map(|rule| RuleInfo { rule })
    }

    /// Runs every rule's `examples` (each must make the rule fire) and `counter_examples`
    /// (none may), and reports rules lacking either kind. An empty list means every rule
    /// passed. Use it to test a custom pack.
    ///
    /// ```
    /// let failures = collectguard::Classifier::default().check_rule_examples();
    /// assert!(failures.is_empty(), "{failures:#?}");
    /// ```
    pub fn check_rule_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (i, rule) in self.engine.rules.iter().enumerate() {
            if rule.disabled {
                continue;
            }
            let fail = |problem: String| ExampleFailure {
                rule_id: rule.id.clone(),
                file: rule.file.clone(),
                problem,
            };
            if rule.examples.is_empty() {
                failures.push(fail("has no `examples`".into()));
            }
            if rule.counter_examples.is_empty() {
                failures.push(fail("has no `counter_examples`".into()));
            }
            let is_sender = matches!(rule.kind, RuleKind::Sender(_));
            let fires = |example: &Example| {
                let message = example.to_message(is_sender);
                self.engine.evaluate(&message).fired[i]
            };
            for example in &rule.examples {
                if !fires(example) {
                    failures.push(fail(format!("example does not fire: {example}")));
                }
            }
            for example in &rule.counter_examples {
                if fires(example) {
                    failures.push(fail(format!("counter-example fires: {example}")));
                }
            }
        }
        failures
    }

    /// The ids of every rule that matched `message`, including unscored sub-rules; for
    /// debugging rules and for evaluation tools.
    pub fn matched_rule_ids(&self, message: &Message) -> Vec<&str> {
        let evaluation = self.engine.evaluate(message);
        self.engine
            .rules
            .iter()
            .zip(&evaluation.fired)
            .filter(|(_, fired)| **fired)
            .map(|(rule, _)| rule.id.as_str())
            .collect()
    }

    /// The normalized form of `text` as this classifier matches it.
    pub fn normalize(&self, text: &str) -> crate::Normalized {
        self.engine.normalizer().normalize(text)
    }

    /// The verdict settings (thresholds) this classifier decides with.
    pub(crate) fn settings(&self) -> &crate::settings::Settings {
        &self.engine.settings
    }

    /// The learned model this classifier combines with its rules, if any.
    ///
    /// ```
    /// let c = collectguard::Classifier::default();
    /// assert!(c.model().is_some());
    /// let rules_only = collectguard::Classifier::builder().without_model().build().unwrap();
    /// assert!(rules_only.model().is_none());
    /// ```
    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    /// The text the learned model reads for `message`: normalized, with the debtor's turns
    /// of a transcript blanked (transcript roles apply to the model as to the rules).
    /// Train and fit on this view so that training sees what inference sees.
    ///
    /// ```
    /// let c = collectguard::Classifier::default();
    /// let view = c.model_view(&"催收员：不还就去你单位\n我：你们要去我单位？".into());
    /// assert!(view.contains("去你单位") && !view.contains("我单位"));
    /// ```
    pub fn model_view(&self, message: &Message) -> String {
        let evaluation = self.engine.evaluate(message);
        model_view(evaluation.normalized.as_str(), &evaluation.turns).into_owned()
    }

    /// The rules' axis totals for a message (no model), for fitting the combiner.
    pub(crate) fn rule_totals(&self, message: &Message) -> AxisTotals {
        let evaluation = self.engine.evaluate(message);
        self.rule_findings(message, &evaluation).0
    }

    /// The rules' findings, their axis totals and the rules' scheme votes.
    fn rule_findings(
        &self,
        message: &Message,
        evaluation: &Evaluation,
    ) -> (AxisTotals, Vec<Finding>, Vec<(Scheme, f32)>) {
        let engine = &*self.engine;
        let mut totals = AxisTotals {
            latin: !evaluation.han,
            ..AxisTotals::default()
        };
        let mut findings = Vec::new();
        let mut scheme_votes: Vec<(Scheme, f32)> = Vec::new();
        for (i, rule) in engine.rules.iter().enumerate() {
            let Some(weight) = rule.weight else { continue };
            if !evaluation.fired[i] {
                continue;
            }
            let weight = weight * evaluation.strength[i];
            totals.scores.add(rule.axis, weight);
            if rule.firm && rule.axis == Axis::Fraud {
                totals.firm_fraud += weight;
            }
            if weight > 0.0
                && matches!(
                    rule.scheme,
                    Some(Scheme::DebtRelief | Scheme::FakeCollector)
                )
            {
                totals.debt_scheme = true;
            }
            if let (Some(scheme), Axis::Fraud) = (rule.scheme, rule.axis) {
                match scheme_votes.iter_mut().find(|(s, _)| *s == scheme) {
                    Some((_, total)) => *total += weight,
                    None => scheme_votes.push((scheme, weight)),
                }
            }
            let source = rule.source;
            let spans = evaluation
                .spans
                .of(i)
                .iter()
                .map(|hit| {
                    let original = evaluation.normalized.original_range(hit.range.clone());
                    Span {
                        text: message.text[original.clone()].to_string(),
                        start: original.start,
                        end: original.end,
                        turn: hit.turn,
                        speaker: hit.turn.and_then(|t| evaluation.turns[t].speaker),
                    }
                })
                .collect();
            findings.push(Finding {
                rule_id: rule.id.clone(),
                axis: rule.axis,
                weight,
                evidence: evaluation.evidence[i],
                source,
                spans,
                sender: if source == Source::Sender {
                    message.sender.clone()
                } else {
                    None
                },
                title: rule.title.clone(),
                reason: rule.reason.clone(),
                reference: rule.reference.clone(),
            });
        }
        let t = &engine.settings.thresholds;
        // A public warning or news text describes scams in the third person: it is not a
        // message to the reader unless it also makes a concrete demand of them.
        totals.warning_defeated = engine
            .warning_defeaters
            .iter()
            .any(|&r| evaluation.fired[r]);
        totals.settle_warning(t);
        totals.document = engine.document_rules.iter().any(|&r| evaluation.fired[r]);
        totals.account = engine.account_rules.iter().any(|&r| evaluation.fired[r]);
        totals.unaddressed = engine
            .unaddressed_rules
            .iter()
            .any(|&r| evaluation.fired[r]);
        (totals, findings, scheme_votes)
    }

    /// The model's findings for a message (none without a model), added to `totals`.
    fn model_findings(
        &self,
        message: &Message,
        evaluation: &Evaluation,
        totals: &mut AxisTotals,
        scheme_votes: &mut Vec<(Scheme, f32)>,
        work: &mut WorkCounts,
    ) -> Vec<Finding> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        let normalized = &evaluation.normalized;
        let thresholds = &self.engine.settings.thresholds;
        let text = model_view(normalized.as_str(), &evaluation.turns);
        // The features' working memory is kept per thread (no allocation per message);
        // what a very long text grew is given back.
        thread_local! {
            static SCRATCH: std::cell::RefCell<crate::model::Scratch> =
                std::cell::RefCell::new(crate::model::Scratch::default());
        }
        let (prediction, found) = SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let out = crate::model::explained(model, &text, totals, thresholds, &mut scratch);
            work.feature_steps += scratch.workspace.steps;
            scratch.shrink_if_large();
            out
        });
        let mut model_scheme = None;
        let findings = found
            .into_iter()
            .map(|(finding, ranges)| {
                totals.add_model(finding.axis, finding.weight);
                if finding.axis == Axis::Fraud && model_scheme.is_none() {
                    model_scheme = finding
                        .classes
                        .iter()
                        .max_by(|a, b| {
                            prediction
                                .probability(**a)
                                .total_cmp(&prediction.probability(**b))
                        })
                        .and_then(|c| c.scheme());
                }
                let spans = ranges
                    .into_iter()
                    .map(|range| {
                        // Turns are in text order: the last one starting at or before the span.
                        let turn = evaluation
                            .turns
                            .partition_point(|t| t.range.start <= range.start)
                            .checked_sub(1)
                            .filter(|&t| evaluation.turns[t].range.contains(&range.start));
                        let original = normalized.original_range(range);
                        Span {
                            text: message.text[original.clone()].to_string(),
                            start: original.start,
                            end: original.end,
                            turn,
                            speaker: turn.and_then(|t| evaluation.turns[t].speaker),
                        }
                    })
                    .collect();
                let (title, reason) = model.describe(&finding);
                Finding {
                    rule_id: finding.rule_id.to_string(),
                    axis: finding.axis,
                    weight: finding.weight,
                    evidence: Evidence::Direct,
                    source: Source::Model,
                    spans,
                    sender: None,
                    title,
                    reason,
                    reference: None,
                }
            })
            .collect();
        // A rule names a scheme from what it saw; the model only from what the text
        // resembles, so its scheme counts only when no rule names one.
        if let (Some(scheme), true) = (model_scheme, scheme_votes.is_empty()) {
            scheme_votes.push((scheme, 0.0));
        }
        // `model.benign` weighs on the warning axis: a text it demotes is a public warning.
        totals.settle_warning(thresholds);
        findings
    }

    fn verdict(&self, message: &Message, evaluation: &Evaluation) -> Verdict {
        self.verdict_counting(message, evaluation, &mut WorkCounts::default())
    }

    /// [`verdict`](Self::verdict), counting the model's feature work into `work`.
    fn verdict_counting(
        &self,
        message: &Message,
        evaluation: &Evaluation,
        work: &mut WorkCounts,
    ) -> Verdict {
        let engine = &*self.engine;
        let (mut totals, mut findings, mut scheme_votes) = self.rule_findings(message, evaluation);
        findings.extend(self.model_findings(
            message,
            evaluation,
            &mut totals,
            &mut scheme_votes,
            work,
        ));
        findings.sort_by(|a, b| {
            b.weight
                .abs()
                .total_cmp(&a.weight.abs())
                .then_with(|| a.rule_id.cmp(&b.rule_id))
        });
        let t = &engine.settings.thresholds;
        let scores = totals.scores;
        let effective_fraud = totals.effective_fraud(t);
        let about_debt = scores.collection >= t.collection;
        let public_warning = totals.public_warning;
        let label = totals.label(t);
        let scheme = (label == Label::Scam).then(|| {
            scheme_votes
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| *s)
                .unwrap_or(if about_debt {
                    engine.settings.scheme.collection
                } else {
                    engine.settings.scheme.otherwise
                })
        });
        let risk = if public_warning {
            0
        } else {
            risk(effective_fraud.max(scores.abuse), engine.settings.risk.half)
        };

        let debt_advice =
            about_debt || matches!(scheme, Some(Scheme::FakeCollector | Scheme::DebtRelief));
        let mut advice_ids: Vec<&str> = Vec::new();
        // Label-level advice follows the message's home region: Chinese hotlines for
        // Chinese text, the CFPB and the FTC for English text.
        let label_ids = engine
            .settings
            .label_advice(label, scheme, evaluation.home)
            .iter();
        // The red flags' own advice comes with every collection verdict but a lawful one,
        // and with a text that is no collection message yet risky by its red flags (a
        // phishing text about a fine or a card, no debt named: risk 50 or more, the risk
        // curve's half); never with a public warning or a document that only quotes them.
        let flags_advise = match label {
            Label::Scam | Label::Abusive | Label::Unverified => true,
            Label::NotCollection => risk >= RISKY && !totals.public_warning && !totals.document,
            Label::Legitimate => false,
        };
        let finding_ids = findings
            .iter()
            .filter(|f| {
                flags_advise && f.weight > 0.0 && matches!(f.axis, Axis::Fraud | Axis::Abuse)
            })
            .filter_map(|f| engine.index.get(&f.rule_id))
            .flat_map(|&i| engine.rules[i].advice.iter())
            // A Chinese rule's advice on an English text (a link rule fires on both) names
            // Chinese hotlines: its US counterpart stands in, and vice versa.
            .filter_map(|id| engine.settings.advice_in(id, evaluation.home));
        for id in label_ids.map(String::as_str).chain(finding_ids) {
            // "Check the debt with your lender" is no advice for a text about a parcel.
            if !debt_advice && engine.settings.advice_is_debt_only(id) {
                continue;
            }
            if !advice_ids.contains(&id) {
                advice_ids.push(id);
            }
        }
        let advice = advice_ids
            .into_iter()
            .filter_map(|id| {
                engine.settings.advice_text(id).map(|text| Advice {
                    id: id.to_string(),
                    text,
                })
            })
            .collect();

        Verdict {
            schema_version: SCHEMA_VERSION,
            label,
            scheme,
            risk,
            scores,
            findings,
            advice,
        }
    }
}

/// The normalized text with the debtor's turns blanked byte for byte with line breaks
/// (which normalization keeps, so the view is its own normal form, and every position
/// still indexes the normalized text); borrowed when there is no debtor turn.
fn model_view<'a>(
    normalized: &'a str,
    turns: &[crate::transcript::Turn],
) -> std::borrow::Cow<'a, str> {
    let debtor = |t: &crate::transcript::Turn| t.speaker == Some(crate::verdict::Speaker::Debtor);
    if !turns.iter().any(debtor) {
        return std::borrow::Cow::Borrowed(normalized);
    }
    let mut bytes = normalized.as_bytes().to_vec();
    for turn in turns.iter().filter(|t| debtor(t)) {
        if let Some(range) = bytes.get_mut(turn.range.clone()) {
            range.fill(b'\n');
        }
    }
    // Turn ranges lie on character boundaries; should one not, read the text unmasked.
    match String::from_utf8(bytes) {
        Ok(masked) => std::borrow::Cow::Owned(masked),
        Err(_) => std::borrow::Cow::Borrowed(normalized),
    }
}

/// The risk from which a text that is no collection message still gets its red flags'
/// advice: the score at the risk curve's half (fraud or abuse as likely as not).
const RISKY: u8 = 50;

/// `100 × s / (s + half)`, rounded; 0 for s ≤ 0.
fn risk(score: f32, half: f32) -> u8 {
    if score.is_nan() || score <= 0.0 {
        return 0;
    }
    (100.0 * score / (score + half)).round().clamp(0.0, 100.0) as u8
}

/// A read-only view of one rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo<'a> {
    rule: &'a crate::engine::Rule,
}

impl<'a> RuleInfo<'a> {
    /// The stable id.
    pub fn id(&self) -> &'a str {
        &self.rule.id
    }
    /// The file (or pack name) the rule came from.
    pub fn file(&self) -> &'a str {
        &self.rule.file
    }
    /// The axis it scores on.
    pub fn axis(&self) -> Axis {
        self.rule.axis
    }
    /// Its weight; `None` for an unscored sub-rule.
    pub fn weight(&self) -> Option<f32> {
        self.rule.weight
    }
    /// The scam scheme it points to, if any.
    pub fn scheme(&self) -> Option<Scheme> {
        self.rule.scheme
    }
    /// The title.
    pub fn title(&self) -> &'a Bilingual {
        &self.rule.title
    }
    /// Why it matters.
    pub fn reason(&self) -> &'a Bilingual {
        &self.rule.reason
    }
    /// The law or code-of-conduct reference, if any.
    pub fn reference(&self) -> Option<&'a str> {
        self.rule.reference.as_deref()
    }
    /// The ids of the advice it adds to a verdict when it fires (texts in
    /// `rules/verdict.toml`, and in [`Classifier::catalog`]).
    ///
    /// ```
    /// use collectguard::Classifier;
    /// let classifier = Classifier::default();
    /// let catalog = classifier.catalog();
    /// for rule in classifier.rules() {
    ///     for id in rule.advice() {
    ///         assert!(catalog.advice_text(id).is_some(), "{}: {id}", rule.id());
    ///     }
    /// }
    /// ```
    pub fn advice(&self) -> &'a [String] {
        &self.rule.advice
    }
    /// Whether the rule is a composite of other rules.
    pub fn is_composite(&self) -> bool {
        matches!(self.rule.kind, RuleKind::Composite { .. })
    }
    /// Whether the rule matches the sender rather than the text.
    pub fn is_sender_rule(&self) -> bool {
        matches!(self.rule.kind, RuleKind::Sender(_))
    }
    /// Examples that must make the rule fire.
    pub fn examples(&self) -> &'a [Example] {
        &self.rule.examples
    }
    /// Examples that must not make the rule fire.
    pub fn counter_examples(&self) -> &'a [Example] {
        &self.rule.counter_examples
    }
}

/// A rule whose examples do not behave as declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule_id: String,
    /// The file the rule is in.
    pub file: String,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: rule `{}`: {}",
            self.file, self.rule_id, self.problem
        )
    }
}
