//! Call transcripts: speaker-labelled turns found in the normalized text.
//!
//! A turn starts at the beginning of a line, or after a `/` that separates turns on one
//! line, with a speaker label followed by a colon: `催收员:`, `客服：`, `我:`, `借款人:`,
//! `Collector:`, `Me:`, `A:`, `left:`. The labels and their roles come from the
//! `[transcript]` section of `rules/verdict.toml`. Text before the first label belongs to
//! no turn.

use std::collections::HashMap;
use std::ops::Range;

use crate::settings::TranscriptSettings;
use crate::verdict::Speaker;

/// The longest label (in characters) looked for before a colon.
const MAX_LABEL_CHARS: usize = 16;

/// The role a label gives its turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Known(Speaker),
    /// A/B, left/right: resolved from the evidence in the turns.
    Neutral,
}

/// One turn of a transcript, in normalized-text byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Turn {
    /// From the label to the start of the next turn.
    pub range: Range<usize>,
    /// The label as written (normalized), e.g. `催收员` or `a`.
    pub label: String,
    /// Where the words of the turn start (just past the colon after the label).
    pub content_start: usize,
    /// Who speaks; `None` until a neutral label is resolved.
    pub speaker: Option<Speaker>,
}

/// Finds speaker labels.
#[derive(Clone, Debug, Default)]
pub(crate) struct TurnParser {
    roles: HashMap<String, Role>,
    /// Field names that are never speakers (`subject`, `卡号`).
    not_labels: std::collections::HashSet<String>,
}

/// The longest other label (in characters): a name or a role not listed (`陳生`, `Kelvin`,
/// `Lawyer 2`), at the start of a line, in a transcript that has a listed label.
const MAX_OTHER_LABEL_CHARS: usize = 12;

impl TurnParser {
    pub(crate) fn new(settings: &TranscriptSettings) -> Self {
        let mut roles = HashMap::new();
        for label in &settings.neutral_labels {
            roles.insert(label.clone(), Role::Neutral);
        }
        for label in &settings.debtor_labels {
            roles.insert(label.clone(), Role::Known(Speaker::Debtor));
        }
        for label in &settings.collector_labels {
            roles.insert(label.clone(), Role::Known(Speaker::Collector));
        }
        let not_labels = settings.not_labels.iter().cloned().collect();
        TurnParser { roles, not_labels }
    }

    /// The turns of `text` (normalized), or an empty list when no speaker label is found.
    /// Turns with a neutral label have `speaker == None`: call [`resolve_neutral`].
    pub(crate) fn turns(&self, text: &str) -> Vec<Turn> {
        // Every label ends with a colon (`label_at`): most messages have none, and one
        // search of the bytes spares them the walk over their characters.
        if self.roles.is_empty() || !text.contains(':') {
            return Vec::new();
        }
        let mut starts: Vec<(usize, String, usize)> = Vec::new();
        let mut candidate = Some(0);
        let mut previous = '\n';
        for (i, c) in text.char_indices() {
            if let Some(at) = candidate.take()
                && let Some((label, content)) = self.label_at(text, at)
                // A sentence end right before a line break offers the same label twice.
                && starts.last().is_none_or(|last| last.2 != content)
            {
                starts.push((at, label, content));
            }
            // A "/" separates turns unless it is part of a URL or a path ("a.cn/b"). Once a
            // transcript has begun, a sentence end may also start the next turn, for
            // transcripts pasted on one line ("借款人:下周还。催收:下周?").
            let separates = c == '\n'
                || (c == '/'
                    && !(previous.is_ascii_alphanumeric() || matches!(previous, '/' | ':' | '.')))
                || (!starts.is_empty() && matches!(c, '。' | '!' | '?' | '.' | '…'));
            if separates {
                candidate = Some(i + c.len_utf8());
            }
            previous = c;
        }
        if let Some(at) = candidate
            && let Some((label, content)) = self.label_at(text, at)
            && starts.last().is_none_or(|last| last.2 != content)
        {
            starts.push((at, label, content));
        }
        // A transcript with a listed speaker (not only A/B): other short labels at line
        // starts are speakers too, of the side the listed ones leave open (resolved later).
        // (at least two turns under listed labels: one "借款人:" line is a letter's field)
        let listed = starts
            .iter()
            .filter(|(_, label, _)| matches!(self.roles.get(label.as_str()), Some(Role::Known(_))))
            .count()
            >= 2;
        if listed {
            let mut line_start = 0;
            let mut others = Vec::new();
            for line in text.split_inclusive('\n') {
                // (no listed label may start inside it: "ok.我:" is the listed 我)
                if let Some((label, content)) = self.other_label_at(text, line_start)
                    && !starts
                        .iter()
                        .any(|s| (line_start..=content).contains(&s.0) || s.2 == content)
                {
                    others.push((line_start, label, content));
                }
                line_start += line.len();
            }
            if !others.is_empty() {
                starts.extend(others);
                starts.sort_by_key(|s| s.0);
            }
        }
        let mut turns = Vec::with_capacity(starts.len());
        for (n, (start, label, content_start)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(text.len(), |next| next.0);
            // A turn's content never starts past its end.
            let content_start = &(*content_start).min(end);
            let speaker = match self.roles.get(label.as_str()) {
                Some(Role::Known(s)) => Some(*s),
                _ => None,
            };
            turns.push(Turn {
                range: *start..end,
                label: label.clone(),
                content_start: *content_start,
                speaker,
            });
        }
        turns
    }

    /// The words before a colon at `at` (after optional spaces), at most `max_chars` of
    /// them, without a parenthesised note (`催收员(男)`), and where the turn's words start.
    fn before_colon(text: &str, at: usize, max_chars: usize) -> Option<(&str, usize)> {
        let rest = text[at..].trim_start_matches([' ', '\t']);
        let rest_start = text.len() - rest.len();
        let colon = rest
            .char_indices()
            .take(max_chars + 1)
            .find(|&(_, c)| c == ':')
            .map(|(i, _)| i)?;
        let raw = rest[..colon].trim();
        let label = match raw.find('(') {
            Some(open) if raw.ends_with(')') => raw[..open].trim(),
            _ => raw,
        };
        Some((label, rest_start + colon + 1))
    }

    /// An unlisted label at `at` (a line start): a short name or role before a colon —
    /// letters, Han characters, digits and spaces, at most three words, not only digits,
    /// not a field name of `not_labels` — and where its content starts.
    fn other_label_at(&self, text: &str, at: usize) -> Option<(String, usize)> {
        let (label, content) = Self::before_colon(text, at, MAX_OTHER_LABEL_CHARS)?;
        let plausible = !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == '\'' || c == '-')
            && label.chars().any(|c| !c.is_ascii_digit() && c != ' ')
            && label.split_whitespace().count() <= 3
            && !label.starts_with("http")
            && !self.roles.contains_key(label)
            && !self.not_labels.contains(label);
        plausible.then(|| (label.to_string(), content))
    }

    /// Whether `label` is one of the neutral labels (A/B, left/right).
    pub(crate) fn is_neutral(&self, label: &str) -> bool {
        matches!(self.roles.get(label), Some(Role::Neutral))
    }

    /// The listed label that starts at `at` (after optional spaces), followed by a colon,
    /// and where the turn's words start. A parenthesised note after the label
    /// (`催收员(男)`) is allowed.
    fn label_at(&self, text: &str, at: usize) -> Option<(String, usize)> {
        let (label, content) = Self::before_colon(text, at, MAX_LABEL_CHARS)?;
        self.roles
            .contains_key(label)
            .then(|| (label.to_string(), content))
    }
}

/// Gives every turn without a role (a neutral or an unlisted label) a speaker: when the
/// listed labels are of one side only, the other side; otherwise the label whose turns
/// weigh most (by `weight_of_label`) is the collector, the others debtors, ties going to
/// the label that speaks first. Listed labels keep their role.
pub(crate) fn resolve_neutral(
    turns: &mut [Turn],
    is_neutral: impl Fn(&str) -> bool,
    weight_of_label: impl Fn(&str) -> f32,
) {
    let mut neutral: Vec<String> = Vec::new();
    for turn in turns.iter() {
        if turn.speaker.is_none() && !neutral.contains(&turn.label) {
            neutral.push(turn.label.clone());
        }
    }
    if neutral.is_empty() {
        return;
    }
    // Listed labels of one side only: every other label is the other side (a "我:" with a
    // "陳生:" or "Officer Wu:" is the debtor and a caller; a "收数员:" with a "陳太:" the reverse).
    let has = |s: Speaker| turns.iter().any(|t| t.speaker == Some(s));
    let open_side = match (has(Speaker::Collector), has(Speaker::Debtor)) {
        (true, false) => Some(Speaker::Debtor),
        (false, true) => Some(Speaker::Collector),
        _ => None,
    };
    if let Some(side) = open_side {
        // (unlisted labels only: a neutral A or B beside a listed label keeps the rule below)
        for turn in turns
            .iter_mut()
            .filter(|t| t.speaker.is_none() && !is_neutral(&t.label))
        {
            turn.speaker = Some(side);
        }
        neutral.retain(|label| is_neutral(label));
        if neutral.is_empty() {
            return;
        }
    }
    let mut collector = neutral[0].clone();
    let mut best = weight_of_label(&neutral[0]);
    for label in &neutral[1..] {
        let w = weight_of_label(label);
        if w > best {
            best = w;
            collector = label.to_string();
        }
    }
    for turn in turns.iter_mut().filter(|t| t.speaker.is_none()) {
        turn.speaker = Some(if turn.label == collector {
            Speaker::Collector
        } else {
            Speaker::Debtor
        });
    }
}

/// The index of the turn holding byte `at`, if any.
pub(crate) fn turn_at(turns: &[Turn], at: usize) -> Option<usize> {
    let i = turns.partition_point(|t| t.range.start <= at);
    (i > 0 && turns[i - 1].range.contains(&at)).then(|| i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parser() -> TurnParser {
        TurnParser::new(&TranscriptSettings {
            collector_labels: vec!["催收员".into(), "collector".into()],
            debtor_labels: vec!["我".into(), "me".into()],
            neutral_labels: vec!["a".into(), "b".into()],
            ..TranscriptSettings::default()
        })
    }

    fn resolved(text: &str) -> Vec<(String, Option<Speaker>)> {
        let p = TurnParser::new(&TranscriptSettings {
            collector_labels: vec!["催收员".into(), "collector".into()],
            debtor_labels: vec!["我".into(), "me".into(), "借款人".into()],
            neutral_labels: vec!["a".into(), "b".into()],
            not_labels: vec!["subject".into(), "金额".into()],
            ..TranscriptSettings::default()
        });
        let mut turns = p.turns(text);
        resolve_neutral(&mut turns, |l| p.is_neutral(l), |_| 0.0);
        turns.into_iter().map(|t| (t.label, t.speaker)).collect()
    }

    #[test]
    fn an_unlisted_label_beside_listed_ones_is_the_side_they_leave_open() {
        use Speaker::{Collector, Debtor};
        assert_eq!(
            resolved("我:喂\n陈生:你欠的钱今天还\n我:下周还"),
            [
                ("我".into(), Some(Debtor)),
                ("陈生".into(), Some(Collector)),
                ("我".into(), Some(Debtor))
            ]
        );
        assert_eq!(
            resolved("催收员:陈太吗\n陈太:系\n催收员:你欠款逾期"),
            [
                ("催收员".into(), Some(Collector)),
                ("陈太".into(), Some(Debtor)),
                ("催收员".into(), Some(Collector))
            ]
        );
        // A neutral A beside a listed label keeps the rule by weight (here: the collector).
        assert_eq!(
            resolved("collector:hi\na:he is out\ncollector:thanks"),
            [
                ("collector".into(), Some(Collector)),
                ("a".into(), Some(Collector)),
                ("collector".into(), Some(Collector))
            ]
        );
    }

    #[test]
    fn an_unlisted_label_never_swallows_a_listed_one_on_its_line() {
        // "ok.我:" holds the listed 我 after a full stop: the line is no other label, and no
        // turn's content starts past its end (a fuzz input once sliced out of order here).
        let p = parser();
        for text in [
            "ok.我:你好\n我:好\n陈生:还钱",
            "a.me:x\nme:y\nbob:z",
            "x.催收员:\n我:\n陈:",
        ] {
            for t in p.turns(text) {
                assert!(
                    t.range.start <= t.content_start && t.content_start <= t.range.end,
                    "{text:?}: {t:?}"
                );
            }
        }
    }

    #[test]
    fn fields_and_one_listed_line_make_no_transcript_of_a_letter() {
        // One "借款人:" line is a letter's field: the other fields start no turn.
        let turns = resolved("借款人:张三\n金额:500\n地址:某路1号\n请按时还款");
        assert_eq!(turns.len(), 1, "{turns:?}");
        // A field name never starts a turn, even in a transcript.
        let turns = resolved("me:hi\nsubject:your loan\nme:ok");
        assert!(turns.iter().all(|(l, _)| l != "subject"), "{turns:?}");
    }

    #[test]
    fn labelled_lines_become_turns() {
        let text = "催收员:你好\n我:谁啊\n催收员(男):还钱";
        let turns = parser().turns(text);
        assert_eq!(turns.len(), 3);
        assert_eq!(turns[0].speaker, Some(Speaker::Collector));
        assert_eq!(turns[1].speaker, Some(Speaker::Debtor));
        assert_eq!(&text[turns[1].range.clone()], "我:谁啊\n");
        assert_eq!(turns[2].label, "催收员");
        assert_eq!(&text[turns[2].content_start..], "还钱");
        assert_eq!(turn_at(&turns, 0), Some(0));
        assert_eq!(turn_at(&turns, text.len() - 1), Some(2));
    }

    #[test]
    fn slash_separated_turns_and_preamble() {
        let text = "录音整理 / collector: pay now / me: who is this";
        let turns = parser().turns(text);
        assert_eq!(turns.len(), 2);
        assert_eq!(turn_at(&turns, 0), None);
        assert_eq!(turns[1].speaker, Some(Speaker::Debtor));
    }

    #[test]
    fn turns_on_one_line_split_at_sentence_ends() {
        let text = "我:我下周发工资就还。催收员:下周?我现在就去你单位门口。";
        let turns = parser().turns(text);
        assert_eq!(turns.len(), 2, "{turns:?}");
        assert_eq!(turns[1].speaker, Some(Speaker::Collector));
        assert!(text[turns[1].range.clone()].starts_with("催收员:"));
        // Without a first label a sentence end starts nothing, and a decimal point in a
        // turn does not end it.
        assert!(parser().turns("您好。催收员:请稍等").is_empty());
        let english = parser().turns("collector: pay $12.50 today. me: no.");
        // A sentence end before a line break does not open a second, empty turn.
        let lines = parser().turns("collector: pay now.\nme: no.\ncollector: ok.");
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|t| t.content_start <= t.range.end));
        assert_eq!(english.len(), 2, "{english:?}");
    }

    #[test]
    fn plain_text_has_no_turns() {
        assert!(parser().turns("温馨提示:您的账单已出").is_empty());
        assert!(parser().turns("").is_empty());
        assert!(parser().turns("http://a.cn/b:c").is_empty());
    }

    #[test]
    fn neutral_labels_resolve_by_weight() {
        let mut turns = parser().turns("a:你好\nb:马上还钱否则上门\na:我没钱");
        resolve_neutral(
            &mut turns,
            |label| label == "a" || label == "b",
            |label| if label == "b" { 5.0 } else { 1.0 },
        );
        assert_eq!(turns[0].speaker, Some(Speaker::Debtor));
        assert_eq!(turns[1].speaker, Some(Speaker::Collector));
    }
}
