//! Read-only views of the compiled rules, and the failures of their examples.

use std::fmt;

use crate::engine::RuleKind;
use crate::rules::Example;
use crate::verdict::{Axis, Bilingual, Scheme};

/// A read-only view of one rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo<'a> {
    pub(crate) rule: &'a crate::engine::Rule,
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
    /// `rules/verdict.toml`, and in [`Classifier::catalog`](crate::Classifier::catalog)).
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
