//! The rule-file schema (`rules/**/*.toml`) and its parsing, with errors that name the file,
//! the rule id and the problem. The format is described in `rules/README.md`.

use serde::Deserialize;

use crate::error::{BuildError, BuildErrorKind};
use crate::message::Message;
use crate::verdict::{Axis, Bilingual, Scheme};

/// The rule packs shipped with the crate, as (file name, contents).
pub(crate) const DEFAULT_PACKS: &[(&str, &str)] = &[
    ("rules/words.toml", include_str!("../rules/words.toml")),
    ("rules/numbers.toml", include_str!("../rules/numbers.toml")),
    (
        "rules/zh/topic.toml",
        include_str!("../rules/zh/topic.toml"),
    ),
    (
        "rules/zh/payment.toml",
        include_str!("../rules/zh/payment.toml"),
    ),
    (
        "rules/zh/identity.toml",
        include_str!("../rules/zh/identity.toml"),
    ),
    (
        "rules/zh/impersonation.toml",
        include_str!("../rules/zh/impersonation.toml"),
    ),
    (
        "rules/zh/third_party.toml",
        include_str!("../rules/zh/third_party.toml"),
    ),
    (
        "rules/zh/threats.toml",
        include_str!("../rules/zh/threats.toml"),
    ),
    (
        "rules/zh/debt_relief.toml",
        include_str!("../rules/zh/debt_relief.toml"),
    ),
    (
        "rules/zh/legitimacy.toml",
        include_str!("../rules/zh/legitimacy.toml"),
    ),
    (
        "rules/zh/warning.toml",
        include_str!("../rules/zh/warning.toml"),
    ),
    (
        "rules/zh/phishing.toml",
        include_str!("../rules/zh/phishing.toml"),
    ),
    (
        "rules/zh/other_fraud.toml",
        include_str!("../rules/zh/other_fraud.toml"),
    ),
    (
        "rules/zh/turns.toml",
        include_str!("../rules/zh/turns.toml"),
    ),
    (
        "rules/zh/combos.toml",
        include_str!("../rules/zh/combos.toml"),
    ),
    (
        "rules/en/topic.toml",
        include_str!("../rules/en/topic.toml"),
    ),
    (
        "rules/en/legitimacy.toml",
        include_str!("../rules/en/legitimacy.toml"),
    ),
    (
        "rules/en/payment.toml",
        include_str!("../rules/en/payment.toml"),
    ),
    (
        "rules/en/impersonation.toml",
        include_str!("../rules/en/impersonation.toml"),
    ),
    (
        "rules/en/threats.toml",
        include_str!("../rules/en/threats.toml"),
    ),
    (
        "rules/en/third_party.toml",
        include_str!("../rules/en/third_party.toml"),
    ),
    (
        "rules/en/identity.toml",
        include_str!("../rules/en/identity.toml"),
    ),
    (
        "rules/en/debt_relief.toml",
        include_str!("../rules/en/debt_relief.toml"),
    ),
    (
        "rules/en/warning.toml",
        include_str!("../rules/en/warning.toml"),
    ),
    (
        "rules/en/phishing.toml",
        include_str!("../rules/en/phishing.toml"),
    ),
    (
        "rules/en/other_fraud.toml",
        include_str!("../rules/en/other_fraud.toml"),
    ),
    (
        "rules/en/turns.toml",
        include_str!("../rules/en/turns.toml"),
    ),
    (
        "rules/en/combos.toml",
        include_str!("../rules/en/combos.toml"),
    ),
    ("rules/context.toml", include_str!("../rules/context.toml")),
    ("rules/links.toml", include_str!("../rules/links.toml")),
];

/// One rule as written in a pack.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub id: String,
    /// From the embedded default packs (whose patterns compile on first use).
    #[serde(skip)]
    pub builtin: bool,
    pub axis: Axis,
    #[serde(default)]
    pub weight: Option<f32>,
    #[serde(default)]
    pub scheme: Option<Scheme>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub sender_patterns: Vec<String>,
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub min_any: Option<usize>,
    #[serde(default)]
    pub none: Vec<String>,
    /// Context rule: fires when the message was sent between these local times
    /// (`["22:00", "08:00"]` wraps past midnight).
    #[serde(default)]
    pub sent_between: Option<[String; 2]>,
    /// Context rule: fires when today's contact attempts exceed these counts.
    #[serde(default)]
    pub attempts_over: Option<AttemptsOver>,
    /// Context rule: fires when the text is a long document rather than a message: at
    /// least `chars` characters on at least `lines` non-empty lines, and not a transcript.
    #[serde(default)]
    pub document_over: Option<DocumentOver>,
    /// Context rule: fires when the text reads as a first-person account (a comment, a
    /// forum post, a debtor's story) rather than a message to the reader: long enough, with
    /// words of the writer and about third parties outnumbering words addressing the reader.
    #[serde(default)]
    pub account: Option<AccountDef>,
    /// Context rule: fires when a long text never addresses its reader (none of
    /// `second_person`): an article, a report or a notice about someone else, not a message
    /// to the reader.
    #[serde(default)]
    pub unaddressed: Option<UnaddressedDef>,
    /// Host rule: fires on every link host that carries the name of one of these
    /// institutions and is not on one of its own domains (`usps-redeliver.top`).
    #[serde(default)]
    pub lookalike_of: Vec<LookalikeDef>,
    /// Turn rule: a rule that fires in a debtor's turn (a question) …
    #[serde(default)]
    pub question: Option<String>,
    /// … and none of these rules fires in the next collector turn (the answer).
    #[serde(default)]
    pub answered_by: Vec<String>,
    /// Fires only on messages read in this home region (`"cn"`: the text has Han characters
    /// or no letters at all; `"us"`: English text with no Han characters). For rules that
    /// belong to one country's number plan, e.g. a `+1` number is domestic in the US.
    #[serde(default)]
    pub home: Option<Home>,
    /// Marks a concrete demand on the reader (an account number, a link, a contact id): a
    /// text where such a rule fires is never treated as a public warning.
    #[serde(default)]
    pub concrete_demand: bool,
    /// Narrates someone else's act ("骗子会要求…", "scammers may ask…"): the rest of the
    /// sentence after one of its hits, within `reported_window` characters, is read as
    /// reported speech (the demands it describes are not made of the reader).
    #[serde(default)]
    pub narrates: bool,
    /// A collection-axis rule that infers the debt from a collection tactic (a threat to
    /// tell the employer, a flood of calls) whose abuse already counts on the abuse axis:
    /// for an abusive verdict its weight makes a debt topic only with a second witness — the
    /// learned model's abusive or collection finding, or another collection rule.
    #[serde(default)]
    pub needs_witness: bool,
    /// A fraud rule whose evidence is a route for the money or the credentials other than
    /// the creditor's own channel: an account, a link, a code, a number to call.
    #[serde(default)]
    pub pays_elsewhere: bool,
    /// A legit rule naming the creditor's own payment channel (its app, its payment
    /// methods). Where the only route is the creditor's own, threats are a real lender's
    /// pressure: an abusive verdict, not a scam, when the abuse is enough for one.
    #[serde(default)]
    pub pays_own_channel: bool,
    /// A red flag that legitimacy signs cannot offset (a personal account, a code request,
    /// a payment link to a stranger's domain): scammers copy signatures and polite wording,
    /// not these.
    #[serde(default)]
    pub firm: bool,
    #[serde(default)]
    pub negatable: Option<bool>,
    pub title: Bilingual,
    pub reason: Bilingual,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub advice: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counter_examples: Vec<Example>,
    /// The file the rule came from (set after parsing).
    #[serde(skip)]
    pub file: String,
    /// Disabled by the builder: kept so composites can name it, never fires.
    #[serde(skip)]
    pub disabled: bool,
}

/// The country a message is read as domestic for, from its script: Chinese text is read
/// under Chinese rules and number plans, English text under US/Canadian ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Home {
    /// China (+86): texts with Han characters, and texts with no letters at all.
    Cn,
    /// The US and Canada (+1, NANP): English texts with no Han characters.
    Us,
}

impl Home {
    /// The home region of a normalized text.
    #[cfg(test)]
    pub(crate) fn of_text(text: &str) -> Home {
        crate::engine::Scripts::of(text).home()
    }
}

/// One institution a host rule watches: the tokens that name it in a host (`usps`,
/// `12123`, `gov`) and the domains that are its own (`usps.com`; a host under one is too).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LookalikeDef {
    /// The institution, for the reader of the pack and for error messages.
    pub name: String,
    /// Lowercase ASCII names as they appear in a host: a token counts where a dot, a
    /// hyphen or the change between letters and digits sets it apart (`usps-pay`,
    /// `hmrc24`), not inside a word (`groups` does not carry `ups`).
    pub tokens: Vec<String>,
    /// The institution's own domains: a host equal to one or under one is not a lookalike.
    pub official: Vec<String>,
    /// Whether a label that starts with a token counts too (`uspsredeliver`); for tokens
    /// no ordinary word starts with.
    #[serde(default)]
    pub prefix: bool,
    /// Whether a token counts anywhere inside a label (`paymystatetollbalance`): for the
    /// words of a trade (`toll`, `turnpike`) that phishing domains glue to others; at least
    /// four characters.
    #[serde(default)]
    pub inside: bool,
}

/// Minimums of a long-document rule: characters and non-empty lines.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentOver {
    pub chars: usize,
    pub lines: usize,
}

/// The `account` condition of a context rule: a text of at least `chars` characters (or
/// `han_chars` Han characters) with at least `narrative` words of `first_person` and
/// `others` together (at least `first` of them first-person and `min_others` about others),
/// and at most one word of `second_person` for every `ratio` of those.
/// ASCII words are whole lowercase words; other words (Han) are matched leftmost-longest,
/// so that a word in `neither` (我们, 我司: a firm speaking) is not counted as a shorter one.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccountDef {
    pub chars: usize,
    #[serde(default)]
    pub han_chars: usize,
    pub narrative: usize,
    /// Of those, at least this many first-person words: the writer speaks of themself (a
    /// message *about* a debtor to their contacts speaks of "he" and "they" only).
    #[serde(default)]
    pub first: usize,
    /// … and at least this many about third parties: a story has agents other than the
    /// writer ("they", "the collectors"), a collector's message about a debtor speaks of
    /// "I" and "him" (singular third persons are left out of the lists for that reason).
    #[serde(default)]
    pub min_others: usize,
    pub ratio: usize,
    pub first_person: Vec<String>,
    pub second_person: Vec<String>,
    pub others: Vec<String>,
    #[serde(default)]
    pub neither: Vec<String>,
}

/// The `unaddressed` condition of a context rule: a text of at least `chars` characters (or
/// `han_chars` Han characters) with no word of `second_person` (matched as in
/// [`AccountDef`]).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnaddressedDef {
    pub chars: usize,
    #[serde(default)]
    pub han_chars: usize,
    pub second_person: Vec<String>,
}

/// Thresholds of a contact-frequency rule: it fires when either count is exceeded.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttemptsOver {
    #[serde(default)]
    pub answered: Option<u32>,
    #[serde(default)]
    pub unanswered: Option<u32>,
}

/// A rule example: a text (for sender rules: a sender number), or a whole message with
/// metadata (`{ text = "…", sender = "…", sent_at = "23:10", attempts_today = { unanswered = 9 } }`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Example {
    /// Just a text (for sender rules, the sender).
    Text(String),
    /// A message with its metadata.
    Message(Box<Message>),
}

impl Example {
    /// The message this example stands for; a bare string is the sender for sender rules
    /// and the text otherwise.
    pub fn to_message(&self, is_sender_rule: bool) -> Message {
        match self {
            Example::Text(sender) if is_sender_rule => Message::new("").with_sender(sender.clone()),
            Example::Text(text) => Message::new(text.clone()),
            Example::Message(message) => (**message).clone(),
        }
    }
}

impl std::fmt::Display for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Example::Text(text) => write!(f, "{text:?}"),
            Example::Message(m) => {
                write!(f, "{:?}", m.text)?;
                if let Some(sender) = &m.sender {
                    write!(f, " from {sender:?}")?;
                }
                if let Some(t) = &m.sent_at {
                    write!(f, " at {t}")?;
                }
                if let Some(a) = &m.attempts_today {
                    write!(
                        f,
                        " after {} answered / {} unanswered attempts",
                        a.answered, a.unanswered
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// One parsed pack: its rules and the word lists it defines (`[words]`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Pack {
    pub rules: Vec<RuleDef>,
    /// (name, entries) in file order.
    pub words: Vec<(String, Vec<String>)>,
}

/// Parses one pack. Each rule is deserialized on its own so that an error can name it.
pub(crate) fn parse_pack(file: &str, source: &str) -> Result<Pack, BuildError> {
    let toml_err =
        |rule: Option<&str>, e: String| BuildError::new(file, rule, BuildErrorKind::Toml(e));
    let table: toml::Table = toml::from_str(source).map_err(|e| toml_err(None, e.to_string()))?;
    let mut pack = Pack::default();
    for (key, value) in table {
        if key == "words" {
            pack.words = parse_words(file, value)?;
            continue;
        }
        if key != "rule" {
            return Err(toml_err(
                None,
                format!(
                    "unknown top-level key `{key}` (a pack holds `[[rule]]` tables and a `[words]` table)"
                ),
            ));
        }
        let toml::Value::Array(items) = value else {
            return Err(toml_err(None, "`rule` must be an array of tables".into()));
        };
        for (n, item) in items.into_iter().enumerate() {
            let id = item
                .get("id")
                .and_then(toml::Value::as_str)
                .map(str::to_string);
            let Some(id) = id else {
                return Err(toml_err(
                    None,
                    format!("rule number {} has no string `id`", n + 1),
                ));
            };
            let mut def: RuleDef = item
                .try_into()
                .map_err(|e: toml::de::Error| toml_err(Some(&id), e.message().to_string()))?;
            def.file = file.to_string();
            pack.rules.push(def);
        }
    }
    Ok(pack)
}

/// The `[words]` table: each key a list name, each value a non-empty array of non-empty
/// strings.
fn parse_words(file: &str, value: toml::Value) -> Result<Vec<(String, Vec<String>)>, BuildError> {
    let words_err = |e: String| BuildError::new(file, None, BuildErrorKind::Words(e));
    let toml::Value::Table(table) = value else {
        return Err(words_err(
            "`words` must be a table of word lists (`name = [\"…\", …]`)".into(),
        ));
    };
    let mut lists = Vec::new();
    for (name, entries) in table {
        if !crate::words::is_valid_list_name(&name) {
            return Err(words_err(format!(
                "invalid word list name `{name}` (use lower-case letters, digits and `_`, starting with a letter)"
            )));
        }
        let entries: Option<Vec<String>> = entries.as_array().and_then(|items| {
            items
                .iter()
                .map(|e| e.as_str().filter(|s| !s.is_empty()).map(str::to_string))
                .collect()
        });
        match entries {
            Some(entries) if !entries.is_empty() => lists.push((name, entries)),
            _ => {
                return Err(words_err(format!(
                    "word list `{name}` must be a non-empty array of non-empty strings"
                )));
            }
        }
    }
    Ok(lists)
}

/// `^[a-z0-9]+(?:[._-][a-z0-9]+)*$`
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut prev_sep = true;
    for b in id.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => prev_sep = false,
            b'.' | b'_' | b'-' if !prev_sep => prev_sep = true,
            _ => return false,
        }
    }
    !id.is_empty() && !prev_sep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("zh.payment.private_account"));
        assert!(is_valid_id("a1"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Zh.x"));
        assert!(!is_valid_id("zh..x"));
        assert!(!is_valid_id("zh.x."));
        assert!(!is_valid_id(".x"));
    }

    #[test]
    fn home_region_follows_the_script() {
        assert_eq!(Home::of_text("您的欠款已逾期"), Home::Cn);
        assert_eq!(Home::of_text("your app 账单"), Home::Cn);
        assert_eq!(Home::of_text("your account is past due"), Home::Us);
        assert_eq!(Home::of_text(""), Home::Cn);
        assert_eq!(Home::of_text("12345 :)"), Home::Cn);
    }

    #[test]
    fn errors_name_the_rule() {
        let src = "[[rule]]\nid = \"a.b\"\naxis = \"fraud\"\nbogus = 1\n";
        let err = parse_pack("f.toml", src).unwrap_err();
        assert_eq!(err.rule(), Some("a.b"));
        assert!(err.to_string().contains("bogus"), "{err}");
        let err = parse_pack("f.toml", "[[rule]]\naxis = \"fraud\"\n").unwrap_err();
        assert!(err.to_string().contains("no string `id`"), "{err}");
        let err = parse_pack("f.toml", "x = 1").unwrap_err();
        assert!(err.to_string().contains("unknown top-level key"), "{err}");
        let err = parse_pack("f.toml", "[[rule]\n").unwrap_err();
        assert_eq!(err.file(), "f.toml");
    }

    #[test]
    fn word_lists_parse_and_malformed_ones_name_the_problem() {
        let pack = parse_pack(
            "w.toml",
            "[words]\nen_kin = [\"wife\", \"mum\"]\nzh_kin = [\"家人\"]\n",
        )
        .unwrap();
        assert!(pack.rules.is_empty());
        assert_eq!(
            pack.words,
            vec![
                (
                    "en_kin".to_string(),
                    vec!["wife".to_string(), "mum".to_string()]
                ),
                ("zh_kin".to_string(), vec!["家人".to_string()]),
            ]
        );
        for (src, problem) in [
            ("words = 1", "must be a table"),
            ("[words]\nKin = [\"a\"]", "invalid word list name `Kin`"),
            ("[words]\nkin = []", "`kin` must be a non-empty array"),
            ("[words]\nkin = [\"\"]", "`kin` must be a non-empty array"),
            ("[words]\nkin = [1]", "`kin` must be a non-empty array"),
            ("[words]\nkin = \"wife\"", "`kin` must be a non-empty array"),
        ] {
            let err = parse_pack("w.toml", src).unwrap_err();
            assert_eq!(err.file(), "w.toml");
            assert!(err.to_string().contains(problem), "{src}: {err}");
        }
    }
}
