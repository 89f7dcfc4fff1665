//! Verdict settings (`rules/verdict.toml`): thresholds, the risk curve, negation cues and
//! advice texts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use crate::error::{BuildError, BuildErrorKind};
use crate::rules::Home;
use crate::verdict::{Bilingual, Label, Scheme};

/// The settings shipped with the crate.
pub(crate) const DEFAULT_SETTINGS: &str = include_str!("../rules/verdict.toml");
pub(crate) const DEFAULT_SETTINGS_FILE: &str = "rules/verdict.toml";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    pub thresholds: Thresholds,
    pub risk: RiskCurve,
    pub negation: Negation,
    #[serde(default)]
    pub transcript: TranscriptSettings,
    pub scheme: SchemeDefaults,
    #[serde(default)]
    pub advice: Vec<AdviceDef>,
    /// Advice per label for messages read in China (Chinese text): the default.
    #[serde(default)]
    pub label_advice: HashMap<Label, Vec<String>>,
    /// Advice per label for English messages (read in the US home region); when empty,
    /// `label_advice` serves every message.
    #[serde(default)]
    pub label_advice_en: HashMap<Label, Vec<String>>,
    /// Advice for a scam of a given scheme, instead of the label's (a phishing text about a
    /// parcel needs other advice than a fake collector), for Chinese messages…
    #[serde(default)]
    pub scheme_advice: HashMap<Scheme, Vec<String>>,
    /// … and for English ones (when empty, `scheme_advice` serves every message).
    #[serde(default)]
    pub scheme_advice_en: HashMap<Scheme, Vec<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Thresholds {
    /// Collection score from which a message is about a debt.
    pub collection: f32,
    /// Effective fraud score from which a message is a scam.
    pub scam: f32,
    /// Abuse score from which a collection message is abusive.
    pub abusive: f32,
    /// Abuse score from which a message is abusive even without a clear debt topic.
    pub abusive_without_topic: f32,
    /// Collection score that, below `collection`, still hints at money owed ("还钱", "repay"):
    /// enough for an abusive verdict when the abuse score reaches `abusive`.
    #[serde(default = "never")]
    pub collection_hint: f32,
    /// Legit score from which a collection message is legitimate.
    pub legitimate: f32,
    /// A legitimate verdict needs the fraud score below this.
    pub legitimate_max_fraud: f32,
    /// A legitimate verdict needs the abuse score below this.
    pub legitimate_max_abuse: f32,
    /// Each legit point lowers the effective fraud score by this much.
    pub legit_offsets_fraud: f32,
    /// Warning score from which a text is a public warning or news, not a message to the
    /// reader (unless a rule marked `concrete_demand` fires).
    #[serde(default = "never")]
    pub public_warning: f32,
    /// The model's probability of fraud of any kind (fake collector, debt relief, other
    /// fraud) from which a text the rules and the model's gates leave `unverified` or
    /// `not_collection` is a scam, provided the rules themselves see at least
    /// `fraud_promotion_rules` points of fraud (absent: never).
    #[serde(default = "never")]
    pub fraud_promotion: f32,
    /// The rules' own fraud score, from direct evidence only, that
    /// [`Thresholds::fraud_promotion`] needs beside the model: one red flag of weight 2, or
    /// two weaker signs.
    #[serde(default = "never")]
    pub fraud_promotion_rules: f32,
}

impl Thresholds {
    /// Whether these settings promote fraud of any kind at all (a probability above 1, as
    /// when the setting is absent, never applies).
    pub(crate) fn promotes_fraud(&self) -> bool {
        self.fraud_promotion <= 1.0
    }
}

fn never() -> f32 {
    f32::MAX
}

/// How call transcripts are recognised and how their turns weigh.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TranscriptSettings {
    /// Speaker labels of the collector side (normalized form, before a colon).
    #[serde(default)]
    pub collector_labels: Vec<String>,
    /// Speaker labels of the debtor side.
    #[serde(default)]
    pub debtor_labels: Vec<String>,
    /// Labels that say nothing about the role (A/B, left/right): the side whose turns hold
    /// more collection, fraud and abuse evidence is taken as the collector.
    #[serde(default)]
    pub neutral_labels: Vec<String>,
    /// Words before a colon that are fields, never speakers (`subject:`, `卡号:`): in a
    /// transcript with a listed label, any other short label at a line start is a speaker
    /// of the side the listed labels leave open.
    #[serde(default)]
    pub not_labels: Vec<String>,
    /// Weight factor for fraud, abuse and legit evidence in a debtor's turn.
    pub debtor_factor: f32,
    /// Cues of reported speech ("他说要", "he said"): evidence after them, in the same
    /// sentence, counts at `reported_factor`.
    #[serde(default)]
    pub reported_speech: Vec<String>,
    /// Weight factor for reported speech.
    pub reported_factor: f32,
    /// How many characters after a reported-speech cue its scope reaches.
    pub reported_window: usize,
    /// Characters that end a sentence (the scope of reported speech).
    pub sentence_breaks: String,
}

impl Default for TranscriptSettings {
    fn default() -> Self {
        TranscriptSettings {
            collector_labels: Vec::new(),
            debtor_labels: Vec::new(),
            neutral_labels: Vec::new(),
            not_labels: Vec::new(),
            debtor_factor: 0.4,
            reported_speech: Vec::new(),
            reported_factor: 0.5,
            reported_window: 30,
            sentence_breaks: "。!?;\n".into(),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RiskCurve {
    /// The effective score at which risk is 50.
    pub half: f32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Negation {
    /// How many characters before a hit a cue may stand (Chinese text).
    pub window: usize,
    /// Characters that end a clause (the scope of a cue) in Chinese text.
    pub clause_breaks: String,
    /// In English text (a hit that starts with a Latin letter or digit after Latin text):
    /// how many words before the hit a cue may stand.
    #[serde(default = "default_latin_window_words")]
    pub latin_window_words: usize,
    /// Characters that end a clause in English text. A `.` followed by a space or a line
    /// break also ends one (never the `.` in `12.50` or `ftc.gov`), and so does a `,`
    /// followed by one of `latin_clause_starters`.
    #[serde(default = "default_latin_clause_breaks")]
    pub latin_clause_breaks: String,
    /// Words that start a new clause after a comma in English ("…, you will be arrested"),
    /// where a comma that separates list items ("gift cards, wires or crypto") does not.
    #[serde(default)]
    pub latin_clause_starters: Vec<String>,
    /// Words that end the scope of a cue in English ("but", "however").
    #[serde(default)]
    pub latin_scope_ends: Vec<String>,
    /// Negation and warning cues, in normalized form.
    pub cues: Vec<String>,
    /// Phrases that contain a cue but do not negate (double negation, idioms).
    pub not_negating: Vec<String>,
    /// Cues that negate the hits *before* them in the same sentence, at most
    /// `after_window` characters back: a warning that names what it describes first and
    /// judges it after ("要求您向个人账户转账的，都是诈骗"). In normalized form; a phrase of
    /// `not_negating` that contains one keeps it from negating ("其他的都是诈骗").
    #[serde(default)]
    pub after_cues: Vec<String>,
    /// How many characters after a hit's start an `after_cues` cue may start.
    #[serde(default = "default_after_window")]
    pub after_window: usize,
    /// Characters that end the sentence an `after_cues` cue reaches back over (commas do
    /// not: the judgement usually follows one).
    #[serde(default = "default_after_breaks")]
    pub after_breaks: String,
    /// Cues of a refusal ("不会", "从不") that, followed within `request_reach` characters by
    /// one of `request_verbs` ("不会以电话要求您…"), govern the rest of their clause up to
    /// `request_scope` characters (Chinese text): a request refused covers all it would have
    /// asked ("本行不会以电话要求您至ATM操作或提供网银密码"). The imperatives of a scammer's
    /// secrecy ("不要告诉任何人…", "别跟家里人说…") are no refusal and keep the window.
    #[serde(default)]
    pub request_cues: Vec<String>,
    /// Verbs of asking, in normalized form ("要求", "索要", "让您").
    #[serde(default)]
    pub request_verbs: Vec<String>,
    /// How many characters after a refusal cue's end a request verb may start.
    #[serde(default = "default_request_reach")]
    pub request_reach: usize,
    /// How many characters after a refusal cue's end its scope reaches, within the clause.
    #[serde(default = "default_request_scope")]
    pub request_scope: usize,
    /// The verbs of asking in English ("ask you", "require you", "tell you to"): a refusal
    /// cue ("never", "will not") followed by one within `latin_request_reach` characters
    /// covers the rest of its sentence up to `latin_request_scope` characters, commas and
    /// "or" included ("we will never ask you to pay by Zelle, or to buy gift cards").
    #[serde(default)]
    pub latin_request_verbs: Vec<String>,
    /// How many characters after a refusal cue's end an English request verb may start.
    #[serde(default = "default_latin_request_reach")]
    pub latin_request_reach: usize,
    /// How many characters after a refusal cue's end its English scope reaches.
    #[serde(default = "default_latin_request_scope")]
    pub latin_request_scope: usize,
}

fn default_latin_request_reach() -> usize {
    24
}

fn default_latin_request_scope() -> usize {
    160
}

fn default_request_reach() -> usize {
    8
}

fn default_request_scope() -> usize {
    40
}

fn default_after_window() -> usize {
    30
}

fn default_after_breaks() -> String {
    "。;!?\n".into()
}

fn default_latin_window_words() -> usize {
    8
}

fn default_latin_clause_breaks() -> String {
    ";!?\n:。、".into()
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SchemeDefaults {
    /// The scheme of a scam about a debt when no rule names one.
    pub collection: Scheme,
    /// The scheme of any other scam when no rule names one.
    pub otherwise: Scheme,
}

/// One advice text, read from `[[advice]]`; its two languages are held as one shared text,
/// so every verdict that gives this advice holds the same text instead of a copy.
#[derive(Clone, Debug, Deserialize)]
#[serde(from = "AdviceToml")]
pub(crate) struct AdviceDef {
    pub id: String,
    pub text: Arc<Bilingual>,
    /// The region whose institutions and hotlines it names; `None`: any.
    pub home: Option<Home>,
    /// The same advice for the other home region.
    pub counterpart: Option<String>,
    /// Advice about a debt (check it with the lender, pay through its app): given only when
    /// the text is about one.
    pub debt_only: bool,
}

/// `[[advice]]` as written in the settings file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdviceToml {
    id: String,
    #[serde(default)]
    home: Option<Home>,
    #[serde(default)]
    counterpart: Option<String>,
    #[serde(default)]
    debt_only: bool,
    zh: String,
    en: String,
}

impl From<AdviceToml> for AdviceDef {
    fn from(a: AdviceToml) -> Self {
        AdviceDef {
            id: a.id,
            text: Arc::new(Bilingual { zh: a.zh, en: a.en }),
            home: a.home,
            counterpart: a.counterpart,
            debt_only: a.debt_only,
        }
    }
}

impl Settings {
    pub(crate) fn from_toml(file: &str, source: &str) -> Result<Self, BuildError> {
        let settings: Settings = toml::from_str(source)
            .map_err(|e| BuildError::new(file, None, BuildErrorKind::Toml(e.to_string())))?;
        settings.validate(file)?;
        Ok(settings)
    }

    fn validate(&self, file: &str) -> Result<(), BuildError> {
        let bad = |msg: String| Err(BuildError::new(file, None, BuildErrorKind::Setting(msg)));
        let t = &self.thresholds;
        for (name, v) in [
            ("collection", t.collection),
            ("scam", t.scam),
            ("abusive", t.abusive),
            ("abusive_without_topic", t.abusive_without_topic),
            ("collection_hint", t.collection_hint),
            ("legitimate", t.legitimate),
            ("legitimate_max_fraud", t.legitimate_max_fraud),
            ("legitimate_max_abuse", t.legitimate_max_abuse),
            ("legit_offsets_fraud", t.legit_offsets_fraud),
        ] {
            if !v.is_finite() || v < 0.0 {
                return bad(format!("thresholds.{name} must be a non-negative number"));
            }
        }
        if !(t.public_warning.is_finite() && t.public_warning > 0.0) {
            return bad("thresholds.public_warning must be a positive number".into());
        }
        let tr = &self.transcript;
        for (name, v) in [
            ("debtor_factor", tr.debtor_factor),
            ("reported_factor", tr.reported_factor),
        ] {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return bad(format!("transcript.{name} must be between 0 and 1"));
            }
        }
        if !(self.risk.half.is_finite() && self.risk.half > 0.0) {
            return bad("risk.half must be a positive number".into());
        }
        let mut ids = HashSet::new();
        for a in &self.advice {
            if !ids.insert(a.id.as_str()) {
                return bad(format!("advice `{}` is defined twice", a.id));
            }
        }
        for a in &self.advice {
            let Some(counterpart) = &a.counterpart else {
                continue;
            };
            let Some(other) = self.advice.iter().find(|b| b.id == *counterpart) else {
                return bad(format!(
                    "advice `{}` names unknown counterpart `{counterpart}`",
                    a.id
                ));
            };
            if a.home.is_none() || other.home.is_none() || a.home == other.home {
                return bad(format!(
                    "advice `{}` and its counterpart `{counterpart}` need two different homes",
                    a.id
                ));
            }
        }
        let label_lists = [
            ("label_advice", &self.label_advice),
            ("label_advice_en", &self.label_advice_en),
        ]
        .into_iter()
        .flat_map(|(table, map)| map.iter().map(move |(k, v)| (table, k.as_str(), v)));
        let scheme_lists = [
            ("scheme_advice", &self.scheme_advice),
            ("scheme_advice_en", &self.scheme_advice_en),
        ]
        .into_iter()
        .flat_map(|(table, map)| map.iter().map(move |(k, v)| (table, k.as_str(), v)));
        for (table, key, list) in label_lists.chain(scheme_lists) {
            for id in list {
                if !ids.contains(id.as_str()) {
                    return bad(format!("{table}.{key} names unknown advice `{id}`"));
                }
            }
        }
        if self.negation.latin_window_words == 0 {
            return bad("negation.latin_window_words must be at least 1".into());
        }
        if self.negation.cues.iter().any(String::is_empty) {
            return bad("negation.cues must not contain an empty cue".into());
        }
        if self.negation.after_cues.iter().any(String::is_empty) {
            return bad("negation.after_cues must not contain an empty cue".into());
        }
        Ok(())
    }

    /// The advice ids for a label (and a scam's scheme), in the message's home region: the
    /// scheme's own list when the settings have one, else the label's.
    pub(crate) fn label_advice(
        &self,
        label: Label,
        scheme: Option<Scheme>,
        home: Home,
    ) -> &[String] {
        let schemes = for_home(home, &self.scheme_advice, &self.scheme_advice_en);
        if let Some(list) = scheme
            .filter(|_| label == Label::Scam)
            .and_then(|s| schemes.get(&s))
        {
            return list;
        }
        let labels = for_home(home, &self.label_advice, &self.label_advice_en);
        labels.get(&label).map_or(&[], Vec::as_slice)
    }

    /// The advice with id `id`.
    fn advice_def(&self, id: &str) -> Option<&AdviceDef> {
        self.advice.iter().find(|a| a.id == id)
    }

    /// The advice a rule's advice `id` stands for in a message of `home`: itself when it
    /// serves that home (or every home), else its counterpart for that home, else none.
    pub(crate) fn advice_in<'a>(&'a self, id: &'a str, home: Home) -> Option<&'a str> {
        let Some(advice) = self.advice_def(id) else {
            return Some(id);
        };
        match (advice.home, &advice.counterpart) {
            (None, _) => Some(id),
            (Some(h), _) if h == home => Some(id),
            (Some(_), Some(counterpart)) => self
                .advice_def(counterpart)
                .filter(|b| b.home == Some(home))
                .map(|b| b.id.as_str()),
            (Some(_), None) => None,
        }
    }

    /// Whether advice `id` speaks of a debt (given only when the text is about one).
    pub(crate) fn advice_is_debt_only(&self, id: &str) -> bool {
        self.advice_def(id).is_some_and(|a| a.debt_only)
    }

    pub(crate) fn advice_text(&self, id: &str) -> Option<Arc<Bilingual>> {
        self.advice_def(id).map(|a| Arc::clone(&a.text))
    }
}

/// The table of a message's home region: the English one for a US message when the
/// settings have one, else the default (Chinese) one.
fn for_home<'a, K>(
    home: Home,
    default: &'a HashMap<K, Vec<String>>,
    english: &'a HashMap<K, Vec<String>>,
) -> &'a HashMap<K, Vec<String>> {
    if matches!(home, Home::Us) && !english.is_empty() {
        english
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule's advice follows the message's home: its counterpart stands in for a
    /// message of the other home; a counterpart must exist and serve the other home.
    #[test]
    fn advice_follows_the_home_and_counterparts_are_checked() {
        let settings = Settings::from_toml(DEFAULT_SETTINGS_FILE, DEFAULT_SETTINGS).unwrap();
        assert_eq!(
            settings.advice_in("do_not_click_links", Home::Us),
            Some("en_do_not_click")
        );
        assert_eq!(
            settings.advice_in("do_not_click_links", Home::Cn),
            Some("do_not_click_links")
        );
        assert_eq!(
            settings.advice_in("en_report_ftc", Home::Cn),
            Some("report_fraud_96110")
        );
        // No counterpart: left out in the other home.
        assert_eq!(settings.advice_in("verify_court_12368", Home::Us), None);
        // An unknown counterpart, and a counterpart of the same home: errors naming the
        // file and the problem.
        for (from, to, problem) in [
            (
                "counterpart = \"en_verify_collector\"",
                "counterpart = \"en_nothing\"",
                "en_nothing",
            ),
            (
                "id = \"en_verify_collector\"\nhome = \"us\"",
                "id = \"en_verify_collector\"\nhome = \"cn\"",
                "two different homes",
            ),
        ] {
            let error = Settings::from_toml("custom.toml", &DEFAULT_SETTINGS.replacen(from, to, 1))
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("custom.toml") && error.contains(problem),
                "{error}"
            );
        }
    }

    /// An `[[advice]]` table is read into one shared text, and a misspelt field is still
    /// an error that names the file.
    #[test]
    fn advice_is_read_into_a_shared_text_and_unknown_fields_are_refused() {
        let settings = Settings::from_toml(DEFAULT_SETTINGS_FILE, DEFAULT_SETTINGS).unwrap();
        let first = &settings.advice[0];
        let text = settings.advice_text(&first.id).unwrap();
        assert!(Arc::ptr_eq(&text, &first.text));
        assert!(!text.zh.is_empty() && !text.en.is_empty());

        let bad = DEFAULT_SETTINGS.replacen("[[advice]]", "[[advice]]\nnote = \"x\"", 1);
        let error = Settings::from_toml("custom.toml", &bad)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("custom.toml") && error.contains("note"),
            "{error}"
        );
    }
}
