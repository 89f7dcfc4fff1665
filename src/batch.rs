//! Batch classification over JSON Lines, for audits of many messages.
//!
//! Each input line is a JSON object `{"id": any, "text": string, "sender": string|null,
//! "channel": "sms"|"call"|null, "sent_at": string|null, "attempts_today":
//! {"answered": n, "unanswered": n}|null}`; fields other than these are ignored. Each output line is the verdict JSON with the same `id` first, or
//! `{"id": …, "error": "…"}` when the line cannot be read (invalid UTF-8, bad JSON, no
//! `text`). There is always exactly one output line per input line, in input order.

use std::io::{self, BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// How a batch runs.
///
/// ```
/// use collectguard::batch::BatchOptions;
/// let options = BatchOptions { threads: 1, compact: true, ..Default::default() };
/// assert!(options.compact);
/// ```
#[derive(Clone, Copy, Default)]
pub struct BatchOptions<'a> {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Write [`CompactVerdict`](crate::CompactVerdict)s (titles and reasons in the
    /// [`Catalog`](crate::Catalog)) instead of full verdicts.
    pub compact: bool,
    /// Called from time to time with the number of lines done so far.
    pub progress: Option<&'a (dyn Fn(usize) + Sync)>,
}

impl std::fmt::Debug for BatchOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchOptions")
            .field("threads", &self.threads)
            .field("compact", &self.compact)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Lines read and judged together: the unit of work that threads share, and the most
/// lines held in memory at once.
const LINES_PER_ROUND: usize = 4096;
/// Items a thread takes at a time from a shared list.
const ITEMS_PER_TAKE: usize = 16;

/// The number of worker threads for `requested` (0: one per core).
pub(crate) fn thread_count(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// `f` over `items` on `threads` threads (scoped; no pool), results in input order.
/// `progress` is told how many items are done after each take.
pub(crate) fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().div_ceil(ITEMS_PER_TAKE).max(1));
    if threads == 1 {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(ITEMS_PER_TAKE) {
            out.extend(chunk.iter().map(&f));
            progress(out.len());
        }
        return out;
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let start = next.fetch_add(ITEMS_PER_TAKE, Ordering::Relaxed);
                        if start >= items.len() {
                            break;
                        }
                        let end = (start + ITEMS_PER_TAKE).min(items.len());
                        mine.push((start, items[start..end].iter().map(&f).collect()));
                        let total = done.fetch_add(end - start, Ordering::Relaxed) + end - start;
                        progress(total);
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a batch worker does not panic"))
            .collect()
    });
    parts.sort_unstable_by_key(|(start, _)| *start);
    parts.into_iter().flat_map(|(_, part)| part).collect()
}

/// Classifies every line of `input` and writes one JSON line per input line to `output`,
/// with one thread per core.
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
    output: W,
) -> io::Result<BatchSummary> {
    classify_jsonl_with(classifier, input, output, BatchOptions::default())
}

/// [`classify_jsonl`] with options: the number of threads, the compact form, a progress
/// callback. Lines are read and judged 4,096 at a time, spread over the
/// threads; the output keeps the input order.
///
/// ```
/// use collectguard::{Classifier, batch::{BatchOptions, classify_jsonl_with}};
///
/// let input = "{\"id\": 7, \"text\": \"您的借款已逾期3天\"}\n{\"text\": 5}\n";
/// let mut output = Vec::new();
/// let options = BatchOptions { threads: 2, compact: true, ..Default::default() };
/// let summary = classify_jsonl_with(&Classifier::default(), input.as_bytes(), &mut output, options)
///     .unwrap();
/// assert_eq!((summary.verdicts, summary.errors), (1, 1));
/// let first: serde_json::Value =
///     serde_json::from_str(String::from_utf8(output).unwrap().lines().next().unwrap()).unwrap();
/// assert_eq!(first["id"], 7);
/// assert!(first["findings"][0].get("title").is_none()); // compact: titles are in the catalogue
/// ```
pub fn classify_jsonl_with<R: BufRead, W: Write>(
    classifier: &Classifier,
    input: R,
    mut output: W,
    options: BatchOptions<'_>,
) -> io::Result<BatchSummary> {
    let threads = thread_count(options.threads);
    let mut summary = BatchSummary::default();
    let mut lines = input.split(b'\n');
    let mut round: Vec<Vec<u8>> = Vec::with_capacity(LINES_PER_ROUND);
    loop {
        round.clear();
        for line in lines.by_ref().take(LINES_PER_ROUND) {
            let mut line = line?;
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            round.push(line);
        }
        if round.is_empty() {
            break;
        }
        let before = summary.lines;
        let report = |done: usize| {
            if let Some(progress) = options.progress {
                progress(before + done);
            }
        };
        let results = parallel_map(
            &round,
            threads,
            |line| classify_line_with(classifier, line, options.compact),
            &report,
        );
        for (text, ok) in results {
            summary.lines += 1;
            if ok {
                summary.verdicts += 1;
            } else {
                summary.errors += 1;
            }
            output.write_all(text.as_bytes())?;
            output.write_all(b"\n")?;
        }
    }
    output.flush()?;
    Ok(summary)
}

/// The output line for one input line, and whether it is a verdict (not an error).
pub fn classify_line(classifier: &Classifier, line: &[u8]) -> (String, bool) {
    classify_line_with(classifier, line, false)
}

/// [`classify_line`], writing the compact verdict when `compact` is set.
pub fn classify_line_with(classifier: &Classifier, line: &[u8], compact: bool) -> (String, bool) {
    let row = match read_line(line) {
        Ok(row) => row,
        Err(e) => return (e.to_json(), false),
    };
    let verdict = classifier.classify(&row.message);
    let json = if compact {
        serde_json::to_string(&verdict.compact())
    } else {
        serde_json::to_string(&verdict)
    };
    match json {
        // `{"id":…,` followed by the verdict's own fields, so `id` comes first.
        Ok(json) => (format!("{{\"id\":{},{}", row.id, &json[1..]), true),
        Err(e) => (
            RowError {
                id: row.id,
                error: format!("cannot serialize the verdict: {e}"),
            }
            .to_json(),
            false,
        ),
    }
}

/// One input line read: its `id` (JSON null when absent) and the message.
#[derive(Clone, Debug)]
pub struct BatchRow {
    /// The line's `id`, any JSON value.
    pub id: Value,
    /// The message to judge.
    pub message: Message,
}

/// Why an input line cannot be judged, with its `id` when one could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// The line's `id`, or JSON null.
    pub id: Value,
    /// What is wrong with the line.
    pub error: String,
}

impl RowError {
    /// The error line written for it: `{"id": …, "error": "…"}`.
    pub fn to_json(&self) -> String {
        serde_json::json!({ "id": self.id, "error": self.error }).to_string()
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error)
    }
}

impl std::error::Error for RowError {}

/// Reads one input line of the JSON Lines shape (see the module docs).
///
/// ```
/// use collectguard::batch::read_line;
/// let row = read_line(br#"{"id": 3, "text": "hi", "sender": "95588"}"#).unwrap();
/// assert_eq!(row.id, 3);
/// assert_eq!(row.message.sender.as_deref(), Some("95588"));
/// let err = read_line(br#"{"id": "x"}"#).unwrap_err();
/// assert_eq!(err.id, "x");
/// assert!(read_line(b"\xff").unwrap_err().error.contains("UTF-8"));
/// ```
pub fn read_line(line: &[u8]) -> Result<BatchRow, RowError> {
    let error = |id: &Value, error: String| RowError {
        id: id.clone(),
        error,
    };
    let text = std::str::from_utf8(line).map_err(|e| {
        error(
            &Value::Null,
            format!(
                "line is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(error(&Value::Null, "empty line".into()));
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| error(&Value::Null, format!("not valid JSON: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    if !value.is_object() {
        return Err(error(&id, "a line must be a JSON object".into()));
    }
    let parsed: BatchLine = serde_json::from_value(value)
        .map_err(|e| error(&id, format!("cannot read the message: {e}")))?;
    let mut message = Message::new(parsed.text);
    message.sender = parsed.sender;
    message.channel = parsed.channel;
    message.sent_at = parsed.sent_at;
    message.attempts_today = parsed.attempts_today;
    Ok(BatchRow { id, message })
}
