//! collectguard tells whether a debt-collection message is real, abusive or a scam, and
//! shows why.
//!
//! It reads one SMS, chat message or call transcript (Chinese, Simplified or Traditional,
//! and English) and returns an explained [`Verdict`]: a [`Label`], a risk figure, every red
//! flag and legitimacy sign that fired ([`Finding`]) with its place in the original text,
//! why it matters in Chinese and English, and what to do ([`Advice`]).
//!
//! ```
//! use collectguard::{Classifier, Label, Lang, Message, Scheme};
//!
//! let classifier = Classifier::default(); // embedded rules, built once per process
//! let text = "你在某某贷的借款已逾期，马上把钱转到我的私人微信，否则今天就冻结你所有银行卡。";
//! let verdict = classifier.classify(&Message::new(text).with_sender("+86 170 1234 5678"));
//!
//! assert_eq!(verdict.label, Label::Scam);
//! assert_eq!(verdict.scheme, Some(Scheme::FakeCollector));
//! let finding = &verdict.findings[0];
//! let span = &finding.spans[0];
//! assert_eq!(&text[span.start..span.end], span.text); // spans index the original text
//! println!("{}", verdict.report(Lang::En));
//! ```
//!
//! # How it works
//!
//! The text is normalized (full-width, Traditional, spacing and look-alike evasions folded,
//! with a map back to the original bytes); every keyword of every rule is found in one
//! Aho-Corasick pass; regexes run only when the literals they need were seen; hits inside a
//! negation or warning ("请勿向个人账户转账") are dropped; the sender number is classified;
//! composite rules combine the rest. A learned linear model over hashed n-grams of the
//! normalized text ([`model`], embedded; see `MODEL.md`) adds its say through a fitted
//! combiner, as findings (`model.scam`, `model.abusive`, …) that point at the words that
//! weighed most. Per-axis scores become a label through thresholds that live with the
//! rules in `rules/verdict.toml`. Rules are data: see `rules/README.md`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod assemble;
pub mod batch;
mod builder;
mod classifier;
mod compact;
mod decision;
mod engine;
mod error;
mod message;
pub mod model;
mod normalize;
mod overlap;
mod render;
mod rule_info;
mod rules;
mod sender;
mod settings;
mod transcript;
mod verdict;
mod words;
mod work;

/// Seeded pseudo-random numbers for the unit tests (xorshift64): the same seed, the same
/// sequence.
#[cfg(test)]
pub(crate) fn test_numbers(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

pub use builder::ClassifierBuilder;
pub use classifier::Classifier;
pub use compact::{Catalog, CatalogEntry, CompactFinding, CompactSpan, CompactVerdict};
pub use error::{BuildError, BuildErrorKind, InvalidUtf8};
pub use message::{Channel, ContactAttempts, InvalidTime, LocalTime, Message};
pub use normalize::{Normalized, normalize};
pub use render::Report;
pub use rule_info::{ExampleFailure, RuleInfo};
pub use rules::Example;
pub use sender::canonical_sender;
pub use verdict::{
    Advice, Axis, Bilingual, Evidence, Finding, Label, Lang, RISKY_OUTSIDE_COLLECTION,
    SCHEMA_VERSION, Scheme, Scores, Source, Span, Speaker, Verdict,
};
pub use work::WorkCounts;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
