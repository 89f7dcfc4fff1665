//! Batch classification over JSON Lines, for audits of many messages.
//!
//! Each input line is a JSON object `{"id": any, "text": string, "sender": string|null,
//! "channel": "sms"|"call"|null, "sent_at": string|null, "attempts_today":
//! {"answered": n, "unanswered": n}|null}`; fields other than these are ignored. Each output line is the verdict JSON with the same `id` first, or
//! `{"id": …, "error": "…"}` when the line cannot be read (invalid UTF-8, bad JSON, no
//! `text`). There is always exactly one output line per input line, in input order.

use std::io::{self, BufRead, Write};

use serde::Deserialize;
use serde_json::Value;

use crate::classifier::Classifier;
use crate::message::{Channel, ContactAttempts, LocalTime, Message};

/// What a batch run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Lines read (and lines written).
    pub lines: usize,
    /// Lines that got a verdict.
    pub verdicts: usize,
    /// Lines that got an error object.
    pub errors: usize,
}

#[derive(Deserialize)]
struct BatchLine {
    text: String,
    #[serde(default)]
    sender: Option<String>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    sent_at: Option<LocalTime>,
    #[serde(default)]
    attempts_today: Option<ContactAttempts>,
}

/// Classifies every line of `input` and writes one JSON line per input line to `output`.
///
/// Fails only when reading `input` or writing `output` fails; a bad line becomes an error
/// line and the batch goes on.
///
/// ```
/// use collectguard::{Classifier, batch::classify_jsonl};
///
/// let input = concat!(
///     r#"{"id": 1, "text": "您的借款已逾期3天，请尽快还款"}"#, "\n",
///     "not json\n",
///     r#"{"id": "b", "sender": "95588"}"#, "\n",
/// );
/// let mut output = Vec::new();
/// let summary = classify_jsonl(&Classifier::default(), input.as_bytes(), &mut output).unwrap();
/// assert_eq!((summary.lines, summary.verdicts, summary.errors), (3, 1, 2));
/// let lines: Vec<serde_json::Value> = String::from_utf8(output).unwrap()
///     .lines().map(|l| serde_json::from_str(l).unwrap()).collect();
/// assert_eq!(lines[0]["id"], 1);
/// assert!(lines[0]["label"].is_string());
/// assert!(lines[1]["id"].is_null() && lines[1]["error"].is_string());
/// assert_eq!(lines[2]["id"], "b");
/// ```
pub fn classify_jsonl<R: BufRead, W: Write>(
    classifier: &Classifier,
    input: R,
    mut output: W,
) -> io::Result<BatchSummary> {
    let mut summary = BatchSummary::default();
    for line in input.split(b'\n') {
        let mut line = line?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let (text, ok) = classify_line(classifier, &line);
        summary.lines += 1;
        if ok {
            summary.verdicts += 1;
        } else {
            summary.errors += 1;
        }
        output.write_all(text.as_bytes())?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(summary)
}

/// The output line for one input line, and whether it is a verdict (not an error).
pub fn classify_line(classifier: &Classifier, line: &[u8]) -> (String, bool) {
    let error = |id: &Value, message: String| {
        (
            serde_json::json!({ "id": id, "error": message }).to_string(),
            false,
        )
    };
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return error(
                &Value::Null,
                format!(
                    "line is not valid UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            );
        }
    };
    if text.trim().is_empty() {
        return error(&Value::Null, "empty line".into());
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return error(&Value::Null, format!("not valid JSON: {e}")),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    if !value.is_object() {
        return error(&id, "a line must be a JSON object".into());
    }
    let parsed: BatchLine = match serde_json::from_value(value) {
        Ok(p) => p,
        Err(e) => return error(&id, format!("cannot read the message: {e}")),
    };
    let mut message = Message::new(parsed.text);
    message.sender = parsed.sender;
    message.channel = parsed.channel;
    message.sent_at = parsed.sent_at;
    message.attempts_today = parsed.attempts_today;
    let verdict = classifier.classify(&message);
    match serde_json::to_string(&verdict) {
        // `{"id":…,` followed by the verdict's own fields, so `id` comes first.
        Ok(json) => (format!("{{\"id\":{},{}", id, &json[1..]), true),
        Err(e) => error(&id, format!("cannot serialize the verdict: {e}")),
    }
}
