//! The output: an explained verdict.
//!
//! The JSON form of [`Verdict`] is a versioned wire format: fields are snake_case, byte
//! offsets are half-open ranges into the original UTF-8 text, and
//! [`SCHEMA_VERSION`] changes whenever a field changes meaning or disappears.

use std::fmt;
use std::ops::Range;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The version of the JSON form of [`Verdict`]. Version 2 (the learned model) added the
/// `source` value `"model"` and the `model.*` finding ids; nothing else changed.
pub const SCHEMA_VERSION: u32 = 2;

/// What kind of message this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// A collection message with the signs of a lawful collector (creditor named, amount,
    /// official channels, measured language) and no red flags.
    Legitimate,
    /// About a debt, but without enough evidence either way: verify through the creditor's
    /// official channel.
    Unverified,
    /// A collector breaking the rules: threats to family, employer or contacts, insults,
    /// shaming, violence, flooding.
    Abusive,
    /// A scam: a fake collector, a debt-relief seller, an impersonator or another fraud.
    Scam,
    /// Not a collection message.
    NotCollection,
}

impl Label {
    /// The snake_case name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Legitimate => "legitimate",
            Label::Unverified => "unverified",
            Label::Abusive => "abusive",
            Label::Scam => "scam",
            Label::NotCollection => "not_collection",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which kind of scam.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Poses as a collector and asks for payment outside the creditor's channels.
    FakeCollector,
    /// Sells "stopping collection", debt negotiation or credit repair for a fee.
    DebtRelief,
    /// Poses as police, a court, a lawyer or a regulator.
    Impersonation,
    /// Sends a link or asks for codes and passwords to steal accounts.
    Phishing,
    /// Another kind of fraud.
    Other,
}

impl Scheme {
    /// The snake_case name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Scheme::FakeCollector => "fake_collector",
            Scheme::DebtRelief => "debt_relief",
            Scheme::Impersonation => "impersonation",
            Scheme::Phishing => "phishing",
            Scheme::Other => "other",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four things the rules measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// Is the message about an overdue debt at all.
    Collection,
    /// Signs of a fake collector or another scam.
    Fraud,
    /// Signs of a real collector breaking the rules.
    Abuse,
    /// Signs of a lawful collector.
    Legit,
    /// Signs that the text is a public warning, news report or case narrative that
    /// describes scams in the third person rather than a message to the reader.
    Warning,
}

impl Axis {
    /// The snake_case name used in JSON and rule files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Axis::Collection => "collection",
            Axis::Fraud => "fraud",
            Axis::Abuse => "abuse",
            Axis::Legit => "legit",
            Axis::Warning => "warning",
        }
    }
}

impl fmt::Display for Axis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The sum of the weights of the rules that fired, per axis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Evidence that the message is about a debt.
    pub collection: f32,
    /// Evidence of a scam.
    pub fraud: f32,
    /// Evidence of abusive collection.
    pub abuse: f32,
    /// Evidence of a lawful collector.
    pub legit: f32,
    /// Evidence that the text is a public warning or news, not a message to the reader.
    #[serde(default)]
    pub warning: f32,
}

impl Scores {
    /// The score of one axis.
    pub fn get(&self, axis: Axis) -> f32 {
        match axis {
            Axis::Collection => self.collection,
            Axis::Fraud => self.fraud,
            Axis::Abuse => self.abuse,
            Axis::Legit => self.legit,
            Axis::Warning => self.warning,
        }
    }

    pub(crate) fn add(&mut self, axis: Axis, weight: f32) {
        match axis {
            Axis::Collection => self.collection += weight,
            Axis::Fraud => self.fraud += weight,
            Axis::Abuse => self.abuse += weight,
            Axis::Legit => self.legit += weight,
            Axis::Warning => self.warning += weight,
        }
    }
}

/// A text in Chinese and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A language for human-readable output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language to report in for a message: Chinese when the text has Han characters,
    /// English otherwise.
    ///
    /// ```
    /// use collectguard::Lang;
    /// assert_eq!(Lang::of_text("您的借款已逾期"), Lang::Zh);
    /// assert_eq!(Lang::of_text("Your account is past due."), Lang::En);
    /// assert_eq!(Lang::of_text("Re: 您的账单"), Lang::Zh);
    /// // Every Han block counts, CJK extension G (U+30000…) included.
    /// assert_eq!(Lang::of_text("\u{30000}"), Lang::Zh);
    /// ```
    pub fn of_text(text: &str) -> Lang {
        if has_han(text) { Lang::Zh } else { Lang::En }
    }
}

/// Whether `text` has a Han character. ASCII text (most English messages) has none: one
/// vectorized test of its bytes instead of a decode of every character.
pub(crate) fn has_han(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(crate::normalize::is_han)
}

/// The number of Han characters in `text`.
pub(crate) fn han_count(text: &str) -> usize {
    if text.is_ascii() {
        0
    } else {
        text.chars()
            .filter(|&c| crate::normalize::is_han(c))
            .count()
    }
}

/// `range` of `text` widened to whole Latin words where it starts or ends inside one, by
/// at most `limit` bytes each way: a span is shown as words, not fragments. Han text and
/// ranges on word boundaries are unchanged; an empty or out-of-range range is returned as
/// it is.
pub(crate) fn widen_to_words(text: &str, mut range: Range<usize>, limit: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let in_word = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphanumeric);
    if range.start >= range.end || range.end > bytes.len() {
        return range;
    }
    let (start, end) = (range.start, range.end);
    while start - range.start < limit
        && range.start > 0
        && in_word(range.start - 1)
        && in_word(range.start)
    {
        range.start -= 1;
    }
    while range.end - end < limit && in_word(range.end - 1) && in_word(range.end) {
        range.end += 1;
    }
    range
}

/// Where a piece of evidence is in the original text. A rule's span that would start or
/// end inside a Latin word (a pattern that checks only the first letter of a name) covers
/// the whole word, up to 32 bytes beyond the match each way; a model's spans are whole
/// words already.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset where the evidence starts in the original text.
    pub start: usize,
    /// Byte offset just past the evidence (half-open).
    pub end: usize,
    /// The original text of the span.
    pub text: String,
    /// In a transcript: the index of the turn (0-based) the span is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<usize>,
    /// In a transcript: who speaks in that turn, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
}

/// Who speaks in a turn of a call transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The caller or agent: collector, customer service, the other party.
    Collector,
    /// The person being collected from (我, 借款人, Me, Customer, Debtor).
    Debtor,
}

/// How directly a finding's evidence speaks about the sender.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The sender (or the collector's turn) says it.
    #[default]
    Direct,
    /// The debtor's turn in a transcript mentions it: evidence about the collector at
    /// reduced weight, never the debtor's own threat.
    DebtorTurn,
    /// Reported speech ("他说要去我单位", "he said …"): evidence at reduced weight.
    Reported,
}

/// What a finding was found in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The message text; the spans say where.
    #[default]
    Text,
    /// The sender number or id.
    Sender,
    /// The metadata: the time the message was sent, the number of contact attempts.
    Context,
    /// The sequence of turns in a transcript (e.g. a question left unanswered).
    Turns,
    /// The learned model; the spans are the words that weighed most.
    Model,
}

/// One rule that fired, with its evidence and explanation. The title, reason and reference
/// are shared with the rule (`Arc`): a verdict does not copy them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable id, e.g. `zh.payment.private_account`.
    pub rule_id: String,
    /// The axis the rule scores on.
    pub axis: Axis,
    /// The points it added to its axis (negative: evidence against the axis): the rule's
    /// weight, reduced for evidence from a debtor's turn or reported speech.
    pub weight: f32,
    /// Whether the sender says it directly, or a debtor's turn or reported speech mentions
    /// it (then `weight` is reduced).
    #[serde(default)]
    pub evidence: Evidence,
    /// Where the evidence is: the text, the sender, the metadata or the turn sequence.
    pub source: Source,
    /// The evidence in the original text (empty for sender findings).
    pub spans: Vec<Span>,
    /// The sender the finding is about, for sender findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// A short title.
    pub title: Arc<Bilingual>,
    /// Why it matters.
    pub reason: Arc<Bilingual>,
    /// The rule of conduct or law clause behind the finding, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Arc<str>>,
}

/// Something the reader should do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// A stable id, e.g. `no_private_payment`.
    pub id: String,
    /// The advice (shared by every verdict that gives it).
    pub text: Arc<Bilingual>,
}

/// The least risk at which a `not_collection` verdict is reported as carrying red flags
/// ([`Verdict::is_risky_outside_collection`]) and gets its red flags' advice: the score at
/// the risk curve's half (fraud or abuse as likely as not).
pub const RISKY_OUTSIDE_COLLECTION: u8 = 50;

/// The explained verdict on one message.
///
/// ```
/// use collectguard::{Classifier, Label};
///
/// let verdict = Classifier::default().classify_text(
///     "你的网贷已经逾期，今天之内把钱转到我的个人微信，不然就把你欠钱的事发给你通讯录里所有人。",
/// );
/// assert_eq!(verdict.label, Label::Scam);
/// assert!(verdict.risk >= 70);
/// let json = serde_json::to_string(&verdict).unwrap();
/// let back: collectguard::Verdict = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, verdict);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The version of this JSON form ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// What kind of message this is.
    pub label: Label,
    /// For scams, which kind.
    #[serde(default)]
    pub scheme: Option<Scheme>,
    /// 0 (no risk seen) to 100 (certainly harmful): how strongly the message shows fraud or
    /// abuse, after legitimacy signs are taken into account.
    pub risk: u8,
    /// The per-axis scores behind the label.
    pub scores: Scores,
    /// Every scored rule that fired, strongest first.
    pub findings: Vec<Finding>,
    /// What to do, most important first.
    pub advice: Vec<Advice>,
}

impl Verdict {
    /// The findings on one axis.
    ///
    /// ```
    /// use collectguard::{Axis, Classifier};
    /// let v = Classifier::default().classify_text("不还钱就把你欠款的事告诉你单位领导和同事");
    /// assert!(v.findings_on(Axis::Abuse).count() >= 1);
    /// ```
    pub fn findings_on(&self, axis: Axis) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.axis == axis)
    }

    /// Whether the rule with this id fired.
    ///
    /// ```
    /// use collectguard::Classifier;
    /// let v = Classifier::default().classify_text("欠款请直接微信转账给我");
    /// assert!(v.fired("zh.payment.wechat_alipay"));
    /// assert!(!v.fired("zh.legit.official_channel"));
    /// ```
    pub fn fired(&self, rule_id: &str) -> bool {
        self.findings.iter().any(|f| f.rule_id == rule_id)
    }

    /// Whether the label rests on the learned model alone: it says more than
    /// `not_collection`, and every finding that weighs (non-zero points) is the model's
    /// ([`Source::Model`]). Such a verdict deserves the least trust — the model can be sure of the
    /// wrong thing in a text of a few words (README, "Limits") — and the report says so.
    ///
    /// ```
    /// use collectguard::{Classifier, Label, Source};
    /// let mut v = Classifier::default()
    ///     .classify_text("【催收中心】你已严重逾期，今天必须把欠款转到个人账户6222000011112222。");
    /// assert_eq!(v.label, Label::Scam);
    /// assert!(!v.rests_on_model_alone()); // the rules found the private account
    /// // Were every finding the model's, the same verdict would rest on it alone…
    /// for f in &mut v.findings {
    ///     f.source = Source::Model;
    /// }
    /// assert!(v.rests_on_model_alone());
    /// // …and saying "not a collection message" needs no evidence.
    /// v.label = Label::NotCollection;
    /// assert!(!v.rests_on_model_alone());
    /// ```
    pub fn rests_on_model_alone(&self) -> bool {
        let weighing = || self.findings.iter().filter(|f| f.weight != 0.0);
        self.label != Label::NotCollection
            && weighing().next().is_some()
            && weighing().all(|f| f.source == Source::Model)
    }

    /// Whether the text is no debt-collection message as we read it (`not_collection`) and
    /// yet carries red flags: a risk of at least [`RISKY_OUTSIDE_COLLECTION`] from fraud or
    /// abuse findings, with no sign that it is a public warning, an article or a
    /// first-person account (no finding on the warning axis). Most such texts are frauds of
    /// other kinds (a fake fine, a prize, a parcel fee) or threats with no word for the
    /// debt; the report says so under its headline, since "not a collection message" alone
    /// reads like "harmless". (Such a verdict's red flags also bring their advice, from the
    /// same risk on; the advice holds back only for public warnings and long documents, this
    /// note also for first-person accounts and for texts that borrow a warning's words,
    /// which the verdict alone cannot tell from a warning.)
    ///
    /// ```
    /// use collectguard::{Axis, Classifier, Label};
    /// let c = Classifier::default();
    /// let threat = c.classify_text("Transfer the 500 tonight or you go to jail.");
    /// assert_eq!(threat.label, Label::NotCollection);
    /// assert!(threat.is_risky_outside_collection());
    /// // A harmless text, and a warning that quotes such threats, are not.
    /// assert!(!c.classify_text("See you at the game tonight.").is_risky_outside_collection());
    /// let warning = c.classify_text(
    ///     "Police warning: scammers text \"pay or go to jail\". Never pay anyone who threatens arrest.",
    /// );
    /// assert!(warning.findings_on(Axis::Warning).any(|f| f.weight > 0.0));
    /// assert!(!warning.is_risky_outside_collection());
    /// ```
    pub fn is_risky_outside_collection(&self) -> bool {
        let weighs_on = |axes: &[Axis]| {
            self.findings
                .iter()
                .any(|f| axes.contains(&f.axis) && f.weight > 0.0)
        };
        self.label == Label::NotCollection
            && self.risk >= RISKY_OUTSIDE_COLLECTION
            && !weighs_on(&[Axis::Warning])
            && weighs_on(&[Axis::Fraud, Axis::Abuse])
    }
}
