//! The public entry point: build a classifier from rule packs, classify messages.

use std::sync::{Arc, LazyLock};

use crate::assemble::model_view;
use crate::builder::ClassifierBuilder;
use crate::engine::{Engine, RuleKind};
use crate::error::InvalidUtf8;
use crate::message::Message;
use crate::model::Model;
use crate::rule_info::{ExampleFailure, RuleInfo};
use crate::rules::Example;
use crate::verdict::{Bilingual, Source, Verdict};
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
                if id == "model.fraud"
                    && model.combiner().fraud.is_none()
                    && !engine.settings.thresholds.promotes_fraud()
                {
                    continue; // this model has no such gate, nor the settings its promotion
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
        let (normalized, turns) = self.model_normalized(message, &evaluation);
        model_view(normalized.as_str(), &turns).into_owned()
    }
}
