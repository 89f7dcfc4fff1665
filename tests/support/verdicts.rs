//! Helpers shared by the integration tests that judge single texts through the public API.
//! Each test file includes this with `#[path = "support/verdicts.rs"] mod verdicts;` and may
//! use only some of the helpers.
#![allow(dead_code)]

use collectguard::{Classifier, Finding, Verdict};

/// The verdict of the default classifier on `text`.
pub fn classify(text: &str) -> Verdict {
    Classifier::default().classify_text(text)
}

/// The verdict of the rules alone (no learned model) on `text`: for tests that pin what a
/// rule pack decides by itself.
pub fn classify_rules(text: &str) -> Verdict {
    static RULES: std::sync::LazyLock<Classifier> = std::sync::LazyLock::new(|| {
        Classifier::builder()
            .without_model()
            .build()
            .expect("the default packs build")
    });
    RULES.classify_text(text)
}

/// The finding of `rule_id` in `v`, if that rule is reported.
pub fn finding<'a>(v: &'a Verdict, rule_id: &str) -> Option<&'a Finding> {
    v.findings.iter().find(|f| f.rule_id == rule_id)
}

/// Whether `rule_id` matched `text` (sub-rules included, though they are never reported).
pub fn fired(text: &str, rule_id: &str) -> bool {
    Classifier::default()
        .matched_rule_ids(&text.into())
        .contains(&rule_id)
}

/// Whether any reported finding's rule id starts with `prefix`.
pub fn has_prefix(v: &Verdict, prefix: &str) -> bool {
    v.findings.iter().any(|f| f.rule_id.starts_with(prefix))
}
