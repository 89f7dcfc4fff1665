//! When context and script rules may fire: the text's scripts and home region, the send
//! time, contact attempts and the document shape.

use super::voice::AccountCondition;
use super::*;

/// The script a language pack is written in, from the rule id's first segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    /// `zh.*` rules.
    Han,
    /// `en.*` rules.
    Latin,
}

impl Script {
    pub(super) fn of_rule(id: &str) -> Option<Script> {
        match id.split('.').next() {
            Some("zh") => Some(Script::Han),
            Some("en") => Some(Script::Latin),
            _ => None,
        }
    }
}

/// When a context rule fires.
#[derive(Clone, Debug)]
pub(crate) struct ContextCondition {
    /// Sent between these minutes after midnight (wrapping past midnight when start > end).
    pub(super) sent_between: Option<(u16, u16)>,
    pub(super) answered_over: Option<u32>,
    pub(super) unanswered_over: Option<u32>,
    /// A long document (characters, non-empty lines) that is not a transcript.
    pub(super) document_over: Option<(usize, usize)>,
    /// A first-person account rather than a message to the reader, not a transcript.
    pub(super) account: Option<Box<AccountCondition>>,
    /// A long text that never addresses its reader, not a transcript.
    pub(super) unaddressed: Option<Box<AccountCondition>>,
}

impl ContextCondition {
    /// Whether the condition holds for `message`, whose normalized text is `normalized`.
    pub(super) fn holds(&self, message: &Message, normalized: &str, is_transcript: bool) -> bool {
        for condition in [&self.account, &self.unaddressed].into_iter().flatten() {
            if is_transcript || !condition.holds(normalized) {
                return false;
            }
        }
        if let Some((chars, lines)) = self.document_over {
            if is_transcript {
                return false;
            }
            // Counting stops once both minimums are met: linear in the text, usually less.
            let mut seen_chars = 0;
            let mut seen_lines = 0;
            for line in message.text.lines() {
                if line.trim().is_empty() {
                    continue;
                }
                seen_lines += 1;
                seen_chars += line.chars().count();
                if seen_chars >= chars && seen_lines >= lines {
                    break;
                }
            }
            if seen_chars < chars || seen_lines < lines {
                return false;
            }
        }
        if let Some((start, end)) = self.sent_between {
            let Some(t) = message.sent_at else {
                return false;
            };
            let now = u16::from(t.hour()) * 60 + u16::from(t.minute());
            let inside = if start <= end {
                (start..end).contains(&now)
            } else {
                now >= start || now < end
            };
            if !inside {
                return false;
            }
        }
        if self.answered_over.is_some() || self.unanswered_over.is_some() {
            let Some(a) = message.attempts_today else {
                return false;
            };
            let answered = self.answered_over.is_some_and(|max| a.answered > max);
            let unanswered = self.unanswered_over.is_some_and(|max| a.unanswered > max);
            if !(answered || unanswered) {
                return false;
            }
        }
        true
    }
}

/// The scripts present in a text, for rules that belong to one language's pack.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scripts {
    han: bool,
    latin: bool,
}

impl Scripts {
    /// Han: any Han character; Latin: two ASCII letters in a row.
    pub(crate) fn of(text: &str) -> Scripts {
        let han = crate::verdict::has_han(text);
        let latin = text
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic());
        Scripts { han, latin }
    }

    /// Whether the text has any Han character.
    pub(crate) fn has_han(&self) -> bool {
        self.han
    }

    /// The home region of a text in these scripts: China when it has Han characters or no
    /// letters at all, the US for English text.
    pub(crate) fn home(&self) -> Home {
        if self.latin && !self.han {
            Home::Us
        } else {
            Home::Cn
        }
    }

    pub(super) fn allows(&self, script: Option<Script>) -> bool {
        match script {
            None => true,
            Some(Script::Han) => self.han,
            Some(Script::Latin) => self.latin,
        }
    }
}

/// Parses `HH:MM` into minutes after midnight.
pub(super) fn minutes(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Whether a rule limited to a home region may fire on a message read in `home`.
pub(super) fn home_allows(rule: &Rule, home: Option<Home>) -> bool {
    rule.home.is_none_or(|h| Some(h) == home)
}
