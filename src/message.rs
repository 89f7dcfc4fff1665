//! The input: one SMS or call transcript and what is known about it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How the message reached the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A text message (SMS, chat message).
    #[default]
    Sms,
    /// A phone call, as a transcript or a voicemail.
    Call,
    /// A letter or e-mail.
    Letter,
    /// Any other channel (a web form, a chat app …); unknown names read as this.
    #[serde(other)]
    Other,
}

/// One message to judge.
///
/// ```
/// use collectguard::{Channel, Message};
///
/// let msg = Message::new("您的借款已逾期3天，请通过App还款。")
///     .with_sender("95588")
///     .with_channel(Channel::Sms)
///     .with_sent_at("2026-11-23T21:30".parse().unwrap());
/// assert_eq!(msg.sender.as_deref(), Some("95588"));
/// assert_eq!(msg.sent_at.unwrap().hour(), 21);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The text: an SMS, or a call transcript (one turn per line, optionally with speaker
    /// labels).
    pub text: String,
    /// The sender: a phone number (any common notation: `+86 171 …`, `0086…`, `95588`,
    /// `1069…`) or an SMS sender id.
    #[serde(default)]
    pub sender: Option<String>,
    /// How the message arrived. Unknown is treated as SMS.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// When the message was sent, in the recipient's local time.
    #[serde(default)]
    pub sent_at: Option<LocalTime>,
    /// How many times the same collector has tried to reach the recipient today, when the
    /// caller of the API knows it (from a call log, say).
    #[serde(default)]
    pub attempts_today: Option<ContactAttempts>,
}

/// Contact attempts by one collector on one day, as counted by the recipient's call log.
///
/// The industry guidelines treat more than 3 answered calls, or more than 6 unanswered
/// attempts, a day as harassment (the rules that use these counts live in the packs).
///
/// ```
/// use collectguard::{Classifier, ContactAttempts, Message};
/// let message = Message::new("您的借款已逾期，请尽快还款。")
///     .with_attempts_today(ContactAttempts { answered: 1, unanswered: 9 });
/// let verdict = Classifier::default().classify(&message);
/// assert!(verdict.findings.iter().any(|f| f.rule_id == "context.attempts_excessive"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactAttempts {
    /// Calls the recipient answered.
    #[serde(default)]
    pub answered: u32,
    /// Calls and messages left unanswered.
    #[serde(default)]
    pub unanswered: u32,
}

impl Message {
    /// A message with only its text.
    pub fn new(text: impl Into<String>) -> Self {
        Message {
            text: text.into(),
            ..Message::default()
        }
    }

    /// Sets the sender (phone number or SMS sender id).
    pub fn with_sender(mut self, sender: impl Into<String>) -> Self {
        self.sender = Some(sender.into());
        self
    }

    /// Sets the channel.
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Sets the time the message was sent (recipient's local time).
    pub fn with_sent_at(mut self, sent_at: LocalTime) -> Self {
        self.sent_at = Some(sent_at);
        self
    }

    /// Sets today's contact attempts by the same collector.
    pub fn with_attempts_today(mut self, attempts: ContactAttempts) -> Self {
        self.attempts_today = Some(attempts);
        self
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::new(text)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::new(text)
    }
}

/// A local wall-clock time, optionally with a date: `2026-11-23T22:15`, `2026-11-23 22:15:00`
/// or `22:15`. Time zones are not interpreted: give the recipient's local time.
///
/// ```
/// let t: collectguard::LocalTime = "2026-11-23 07:45:10".parse().unwrap();
/// assert_eq!((t.hour(), t.minute()), (7, 45));
/// assert_eq!(t.date(), Some((2026, 11, 23)));
/// assert_eq!(t.to_string(), "2026-11-23T07:45:10");
/// assert!("25:00".parse::<collectguard::LocalTime>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalTime {
    date: Option<(u16, u8, u8)>,
    hour: u8,
    minute: u8,
    second: u8,
}

impl LocalTime {
    /// A time of day without a date. Returns `None` when out of range.
    pub fn from_hms(hour: u8, minute: u8, second: u8) -> Option<Self> {
        (hour < 24 && minute < 60 && second < 61).then_some(LocalTime {
            date: None,
            hour,
            minute,
            second,
        })
    }

    /// The hour, 0–23.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second, 0–60.
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The date as (year, month, day), when one was given.
    pub fn date(&self) -> Option<(u16, u8, u8)> {
        self.date
    }
}

/// A string that is not a valid [`LocalTime`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTime(String);

impl fmt::Display for InvalidTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid time {:?}: expected YYYY-MM-DDTHH:MM[:SS] or HH:MM[:SS]",
            self.0
        )
    }
}

impl std::error::Error for InvalidTime {}

fn number<T: FromStr>(s: &str, digits: usize) -> Option<T> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for LocalTime {
    type Err = InvalidTime;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || InvalidTime(s.to_string());
        let trimmed = s.trim();
        let (date, time) = match trimmed.find(['T', ' ']) {
            Some(i) => (Some(&trimmed[..i]), &trimmed[i + 1..]),
            None => (None, trimmed),
        };
        // Ignore a trailing zone designator or fraction: the time is taken as local.
        let time = time
            .split(['Z', '+', '.'])
            .next()
            .unwrap_or_default()
            .trim();
        let date = match date {
            None => None,
            Some(d) => {
                let mut parts = d.split('-');
                let y: u16 = parts.next().and_then(|p| number(p, 4)).ok_or_else(err)?;
                let m: u8 = parts.next().and_then(|p| number(p, 2)).ok_or_else(err)?;
                let day: u8 = parts.next().and_then(|p| number(p, 2)).ok_or_else(err)?;
                if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&day) {
                    return Err(err());
                }
                Some((y, m, day))
            }
        };
        let mut parts = time.split(':');
        let hour: u8 = parts.next().and_then(|p| number(p, 2)).ok_or_else(err)?;
        let minute: u8 = parts.next().and_then(|p| number(p, 2)).ok_or_else(err)?;
        let second: u8 = match parts.next() {
            Some(p) => number(p, 2).ok_or_else(err)?,
            None => 0,
        };
        if parts.next().is_some() {
            return Err(err());
        }
        let mut t = LocalTime::from_hms(hour, minute, second).ok_or_else(err)?;
        t.date = date;
        Ok(t)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((y, m, d)) = self.date {
            write!(f, "{y:04}-{m:02}-{d:02}T")?;
        }
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
