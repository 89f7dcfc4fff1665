//! The compact verdict for batches, and the rule catalogue it refers to.
//!
//! A full [`Verdict`] repeats every finding's title, reason and reference in two languages
//! (about 8 KB for a scam SMS). In a batch of many messages that text is the same for every
//! message a rule fires on, so the compact form keeps only what differs per message (rule
//! ids, weights, evidence kinds, byte spans, advice ids) and the [`Catalog`] holds the rest
//! once. `classify --jsonl --compact` writes this form; `classify --catalog` prints the
//! catalogue as JSON.

use serde::{Deserialize, Serialize};

use crate::verdict::{
    Advice, Axis, Bilingual, Evidence, Finding, Label, Scheme, Scores, Source, Speaker, Verdict,
};

/// A verdict without the text a [`Catalog`] holds: what a batch should store per message.
///
/// ```
/// use collectguard::Classifier;
///
/// let c = Classifier::default();
/// let text = "你的网贷已经逾期，今天之内把钱转到我的个人微信，不然就通知你通讯录里所有人。";
/// let verdict = c.classify_text(text);
/// let compact = verdict.compact();
/// assert_eq!(compact.label, verdict.label);
/// assert_eq!(compact.findings.len(), verdict.findings.len());
/// // The spans index the original text; titles and reasons are in the catalogue.
/// let span = &compact.findings[0].spans[0];
/// assert!(text.is_char_boundary(span.start) && span.end <= text.len());
/// let catalog = c.catalog();
/// let entry = catalog.get(&compact.findings[0].rule_id).unwrap();
/// assert_eq!(entry.title, *verdict.findings[0].title);
/// let full = serde_json::to_string(&verdict).unwrap();
/// let small = serde_json::to_string(&compact).unwrap();
/// assert!(small.len() * 5 < full.len());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompactVerdict {
    /// The version of the JSON forms ([`crate::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// What kind of message this is.
    pub label: Label,
    /// For scams, which kind.
    #[serde(default)]
    pub scheme: Option<Scheme>,
    /// 0 to 100: how strongly the message shows fraud or abuse ([`Verdict::risk`]).
    pub risk: u8,
    /// The per-axis scores behind the label.
    pub scores: Scores,
    /// Every scored rule that fired, strongest first.
    pub findings: Vec<CompactFinding>,
    /// The ids of the advice, most important first (texts in [`Catalog::advice`]).
    pub advice: Vec<String>,
}

/// A finding without its title, reason and reference (look them up by `rule_id` in the
/// [`Catalog`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompactFinding {
    /// The rule's stable id.
    pub rule_id: String,
    /// The points it added to its axis ([`Finding::weight`]).
    pub weight: f32,
    /// How directly the evidence speaks about the sender; omitted when direct.
    #[serde(default, skip_serializing_if = "is_direct")]
    pub evidence: Evidence,
    /// Where the evidence is in the original text (no copy of the text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<CompactSpan>,
    /// The sender the finding is about, for sender findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
}

/// A span as byte offsets of the original text, with its transcript turn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactSpan {
    /// Byte offset where the evidence starts.
    pub start: usize,
    /// Byte offset just past the evidence.
    pub end: usize,
    /// In a transcript: the turn (0-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<usize>,
    /// In a transcript: who speaks in that turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
}

fn is_direct(evidence: &Evidence) -> bool {
    *evidence == Evidence::Direct
}

impl From<&Finding> for CompactFinding {
    fn from(f: &Finding) -> Self {
        CompactFinding {
            rule_id: f.rule_id.clone(),
            weight: f.weight,
            evidence: f.evidence,
            spans: f
                .spans
                .iter()
                .map(|s| CompactSpan {
                    start: s.start,
                    end: s.end,
                    turn: s.turn,
                    speaker: s.speaker,
                })
                .collect(),
            sender: f.sender.clone(),
        }
    }
}

impl From<&Verdict> for CompactVerdict {
    fn from(v: &Verdict) -> Self {
        CompactVerdict {
            schema_version: v.schema_version,
            label: v.label,
            scheme: v.scheme,
            risk: v.risk,
            scores: v.scores,
            findings: v.findings.iter().map(CompactFinding::from).collect(),
            advice: v.advice.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

impl Verdict {
    /// The compact form of this verdict (see [`CompactVerdict`]).
    ///
    /// ```
    /// let v = collectguard::Classifier::default().classify_text("您的账单已逾期3天");
    /// assert_eq!(v.compact().risk, v.risk);
    /// ```
    pub fn compact(&self) -> CompactVerdict {
        CompactVerdict::from(self)
    }
}

/// What every finding a classifier can report means, and every advice text: the part of a
/// verdict that is the same for every message.
///
/// ```
/// let catalog = collectguard::Classifier::default().catalog();
/// let entry = catalog.get("zh.payment.private_account").unwrap();
/// assert_eq!(entry.axis, collectguard::Axis::Fraud);
/// assert!(!entry.title.en.is_empty() && !entry.reason.zh.is_empty());
/// assert!(catalog.get("model.scam").is_some());
/// assert!(!catalog.advice.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The version of the JSON forms ([`crate::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// One entry per scored rule (and per learned-model finding), in pack order.
    pub findings: Vec<CatalogEntry>,
    /// Every advice text, by id.
    pub advice: Vec<Advice>,
}

/// What one finding id means.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// The rule's stable id (as in [`CompactFinding::rule_id`]).
    pub rule_id: String,
    /// The axis it scores on.
    pub axis: Axis,
    /// What its evidence comes from.
    pub source: Source,
    /// The weight it adds when its evidence is direct (model findings: varies).
    #[serde(default)]
    pub weight: Option<f32>,
    /// The kind of scam it points to, where it names one.
    #[serde(default)]
    pub scheme: Option<Scheme>,
    /// The pack file it comes from (`model` for the learned model).
    pub file: String,
    /// A short title.
    pub title: Bilingual,
    /// Why it matters.
    pub reason: Bilingual,
    /// The rule of conduct or law behind it, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl Catalog {
    /// The entry of a finding id.
    pub fn get(&self, rule_id: &str) -> Option<&CatalogEntry> {
        self.findings.iter().find(|e| e.rule_id == rule_id)
    }

    /// The text of an advice id.
    ///
    /// ```
    /// let c = collectguard::Classifier::default();
    /// let v = c.classify_text("欠款请直接微信转账给我");
    /// let catalog = c.catalog();
    /// for id in &v.compact().advice {
    ///     assert!(catalog.advice_text(id).is_some());
    /// }
    /// ```
    pub fn advice_text(&self, id: &str) -> Option<&Bilingual> {
        self.advice.iter().find(|a| a.id == id).map(|a| &*a.text)
    }
}
