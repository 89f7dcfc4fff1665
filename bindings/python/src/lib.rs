//! Python bindings of collectguard (module `collectguard._native`; the package
//! `collectguard` re-exports it and adds DataFrame helpers in pure Python).
//!
//! Verdicts cross into Python as objects whose `to_dict()` is exactly the Rust JSON wire
//! format. Batches release the GIL and run on every core; a bad row becomes a `RowError`
//! in its place, never an exception that loses the batch.

use std::path::PathBuf;

use collectguard::batch::{RowError as RustRowError, read_line};
use collectguard::{Lang, Message};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;

pyo3::create_exception!(
    collectguard,
    BuildError,
    PyValueError,
    "A rule pack, settings file or model file could not be loaded (the message names the file, the rule and the problem)."
);

/// A value's serde name (`"scam"`, `"fraud"`, …).
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Python object from JSON text (through the `json` module, so types are plain Python).
fn from_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The classifier: the embedded rule packs and learned model, built once and shared.
#[pyclass(frozen, module = "collectguard")]
struct Classifier {
    inner: collectguard::Classifier,
}

/// Where one row of a batch stands before classification: its id (JSON), its message
/// being the next of the batch's messages, or why it cannot be judged.
enum Row {
    Message { id: String },
    Error(RustRowError),
}

#[pymethods]
impl Classifier {
    /// Builds a classifier: the embedded packs and model, plus extra pack directories,
    /// minus disabled rules; a user-trained model file instead of the embedded one, or
    /// none.
    #[new]
    #[pyo3(signature = (*, pack_dirs=None, disabled_rules=None, model=None, without_model=false))]
    fn new(
        pack_dirs: Option<Vec<PathBuf>>,
        disabled_rules: Option<Vec<String>>,
        model: Option<PathBuf>,
        without_model: bool,
    ) -> PyResult<Self> {
        if model.is_some() && without_model {
            return Err(PyValueError::new_err(
                "give either model=PATH or without_model=True, not both",
            ));
        }
        let plain = pack_dirs.is_none() && disabled_rules.is_none() && model.is_none();
        if plain && !without_model {
            return Ok(Classifier {
                inner: collectguard::Classifier::default(),
            });
        }
        let mut builder = collectguard::Classifier::builder();
        for dir in pack_dirs.unwrap_or_default() {
            builder = builder.add_pack_dir(dir);
        }
        for id in disabled_rules.unwrap_or_default() {
            builder = builder.disable_rule(id);
        }
        if let Some(path) = model {
            builder = builder.model_file(path);
        }
        if without_model {
            builder = builder.without_model();
        }
        let inner = builder
            .build()
            .map_err(|e| BuildError::new_err(e.to_string()))?;
        Ok(Classifier { inner })
    }

    /// Judges one message. `channel` is "sms", "call", "letter" or "other" (an unknown name
    /// reads as "other"); `sent_at` the
    /// recipient's local time ("2026-11-23T22:15" or "22:15"); `attempts_today` a dict
    /// {"answered": n, "unanswered": n}.
    #[pyo3(signature = (text, sender=None, channel=None, sent_at=None, attempts_today=None))]
    fn classify(
        &self,
        py: Python<'_>,
        text: String,
        sender: Option<String>,
        channel: Option<String>,
        sent_at: Option<String>,
        attempts_today: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Verdict> {
        let mut message = Message::new(text);
        message.sender = sender;
        if let Some(channel) = channel {
            message.channel = Some(
                serde_json::from_value(serde_json::Value::String(channel.clone())).map_err(
                    |_| {
                        PyValueError::new_err(format!(
                            "channel must be a name such as sms, call, letter or other, not {channel:?}"
                        ))
                    },
                )?,
            );
        }
        if let Some(sent_at) = sent_at {
            message.sent_at = Some(
                sent_at
                    .parse()
                    .map_err(|e| PyValueError::new_err(format!("{e}")))?,
            );
        }
        if let Some(attempts) = attempts_today {
            let json: String = py
                .import("json")?
                .call_method1("dumps", (attempts,))?
                .extract()?;
            message.attempts_today = Some(serde_json::from_str(&json).map_err(|e| {
                PyValueError::new_err(format!(
                    "attempts_today must be {{\"answered\": n, \"unanswered\": n}}: {e}"
                ))
            })?);
        }
        let verdict = py.detach(|| self.inner.classify(&message));
        Ok(Verdict {
            inner: verdict,
            id: "null".into(),
        })
    }

    /// Judges many rows on `threads` threads (default: one per core) with the GIL
    /// released. A row is a string (the text) or a dict in the JSON Lines input shape
    /// ({"id", "text", "sender", "channel", "sent_at", "attempts_today"}). Returns one
    /// `Verdict` or `RowError` per row, in order.
    #[pyo3(signature = (rows, threads=None))]
    fn classify_many(
        &self,
        py: Python<'_>,
        rows: Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Py<PyList>> {
        let json = py.import("json")?;
        let mut prepared: Vec<Row> = Vec::new();
        let mut messages: Vec<Message> = Vec::new();
        for item in rows.try_iter()? {
            let item = item?;
            if item.is_instance_of::<PyString>() {
                prepared.push(Row::Message { id: "null".into() });
                messages.push(Message::new(item.extract::<String>()?));
                continue;
            }
            if !item.is_instance_of::<PyDict>() {
                prepared.push(Row::Error(RustRowError {
                    id: serde_json::Value::Null,
                    error: format!(
                        "a row must be a str or a dict, not {}",
                        item.get_type().name()?
                    ),
                }));
                continue;
            }
            let line: String = match json.call_method1("dumps", (&item,)) {
                Ok(s) => s.extract()?,
                Err(e) => {
                    let id = item
                        .get_item("id")
                        .ok()
                        .and_then(|id| json.call_method1("dumps", (id,)).ok())
                        .and_then(|s| s.extract::<String>().ok())
                        .and_then(|s| serde_json::from_str(&s).ok())
                        .unwrap_or(serde_json::Value::Null);
                    prepared.push(Row::Error(RustRowError {
                        id,
                        error: format!("the row is not JSON-serializable: {e}"),
                    }));
                    continue;
                }
            };
            match read_line(line.as_bytes()) {
                Ok(row) => {
                    prepared.push(Row::Message {
                        id: row.id.to_string(),
                    });
                    messages.push(row.message);
                }
                Err(e) => prepared.push(Row::Error(e)),
            }
        }
        let threads = threads.unwrap_or(0);
        let verdicts = py.detach(|| self.inner.classify_batch_threads(&messages, threads));
        let out = PyList::empty(py);
        let mut verdicts = verdicts.into_iter();
        for row in prepared {
            match row {
                Row::Message { id } => {
                    let inner = verdicts.next().expect("one verdict per message");
                    out.append(Py::new(py, Verdict { inner, id })?)?;
                }
                Row::Error(e) => {
                    out.append(Py::new(
                        py,
                        RowError {
                            id: e.id.to_string(),
                            error: e.error,
                        },
                    )?)?;
                }
            }
        }
        Ok(out.unbind())
    }

    /// Every finding this classifier can report (title, reason, reference) and every
    /// advice text, as a dict: what compact verdicts refer to.
    fn catalog<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&self.inner.catalog())?)
    }

    fn __repr__(&self) -> String {
        format!(
            "collectguard.Classifier({} rules{})",
            self.inner.rules().count(),
            if self.inner.model().is_some() {
                ", learned model"
            } else {
                ""
            }
        )
    }
}

/// The explained verdict on one message.
#[pyclass(frozen, module = "collectguard")]
struct Verdict {
    inner: collectguard::Verdict,
    /// The row's `id` as JSON (batches); "null" otherwise.
    id: String,
}

#[pymethods]
impl Verdict {
    /// The row id given to `classify_many` (None for a string row or `classify`).
    #[getter]
    fn id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.id)
    }
    /// "legitimate", "abusive", "scam", "unverified" or "not_collection".
    #[getter]
    fn label(&self) -> String {
        name_of(&self.inner.label)
    }
    /// For scams: "fake_collector", "debt_relief", "phishing", … or None.
    #[getter]
    fn scheme(&self) -> Option<String> {
        self.inner.scheme.as_ref().map(name_of)
    }
    /// 0 (no risk seen) to 100.
    #[getter]
    fn risk(&self) -> u8 {
        self.inner.risk
    }
    /// The per-axis scores, as a dict.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&self.inner.scores)?)
    }
    /// Every scored rule that fired, strongest first.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner
            .findings
            .iter()
            .map(|f| Finding { inner: f.clone() })
            .collect()
    }
    /// What to do: a list of {"id", "text": {"zh", "en"}} dicts.
    #[getter]
    fn advice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&self.inner.advice)?)
    }
    /// Exactly the Rust JSON wire format, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.to_json()?)
    }
    /// The Rust JSON wire format, as a string.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }
    /// The compact form (rule ids, weights, spans; titles in `Classifier.catalog()`).
    fn compact<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&self.inner.compact())?)
    }
    /// A human-readable report in "zh" or "en".
    #[pyo3(signature = (lang="zh"))]
    fn report(&self, lang: &str) -> PyResult<String> {
        let lang = match lang {
            "zh" => Lang::Zh,
            "en" => Lang::En,
            other => {
                return Err(PyValueError::new_err(format!(
                    "lang must be \"zh\" or \"en\", not {other:?}"
                )));
            }
        };
        Ok(self.inner.report(lang).to_string())
    }
    /// Whether the rule with this id fired.
    fn fired(&self, rule_id: &str) -> bool {
        self.inner.fired(rule_id)
    }
    /// Whether the label rests on the learned model alone (it says more than
    /// `not_collection` and every finding with points is a `model.*` finding): the least
    /// trustworthy verdicts, worth a human look in an audit.
    fn rests_on_model_alone(&self) -> bool {
        self.inner.rests_on_model_alone()
    }
    /// Whether the label is `not_collection` and yet the text carries red flags (risk of at
    /// least 50 from fraud or abuse findings, and it is no public warning, article or
    /// first-person account): mostly frauds of other kinds, or threats with no word for the
    /// debt.
    fn is_risky_outside_collection(&self) -> bool {
        self.inner.is_risky_outside_collection()
    }
    fn __repr__(&self) -> String {
        format!(
            "collectguard.Verdict(label={:?}, risk={}, findings={})",
            name_of(&self.inner.label),
            self.inner.risk,
            self.inner.findings.len()
        )
    }
}

/// One rule (or the learned model) that fired, with its evidence and explanation.
#[pyclass(frozen, module = "collectguard")]
struct Finding {
    inner: collectguard::Finding,
}

#[pymethods]
impl Finding {
    /// The rule's stable id, e.g. "zh.payment.private_account".
    #[getter]
    fn rule_id(&self) -> &str {
        &self.inner.rule_id
    }
    /// "fraud", "abuse", "legit", "collection" or "warning".
    #[getter]
    fn axis(&self) -> String {
        name_of(&self.inner.axis)
    }
    /// The points it added to its axis.
    #[getter]
    fn weight(&self) -> f32 {
        self.inner.weight
    }
    /// "direct", "debtor_turn" or "reported".
    #[getter]
    fn evidence(&self) -> String {
        name_of(&self.inner.evidence)
    }
    /// "text", "sender", "context", "turns" or "model".
    #[getter]
    fn source(&self) -> String {
        name_of(&self.inner.source)
    }
    /// Where the evidence is in the original text.
    #[getter]
    fn spans(&self) -> Vec<Span> {
        self.inner
            .spans
            .iter()
            .map(|s| Span { inner: s.clone() })
            .collect()
    }
    /// The sender the finding is about, for sender findings.
    #[getter]
    fn sender(&self) -> Option<&str> {
        self.inner.sender.as_deref()
    }
    /// {"zh": …, "en": …}
    #[getter]
    fn title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&*self.inner.title)?)
    }
    /// {"zh": …, "en": …}
    #[getter]
    fn reason<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&*self.inner.reason)?)
    }
    /// The rule of conduct or law behind it, or None.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.inner.reference.as_deref()
    }
    /// The finding as in the wire format.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &to_json(&self.inner)?)
    }
    fn __repr__(&self) -> String {
        format!(
            "collectguard.Finding({:?}, weight={})",
            self.inner.rule_id, self.inner.weight
        )
    }
}

/// A piece of evidence: byte offsets into the original text (UTF-8) and the text itself.
#[pyclass(frozen, module = "collectguard")]
struct Span {
    inner: collectguard::Span,
}

#[pymethods]
impl Span {
    /// Byte offset (UTF-8) where the evidence starts in the original text.
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }
    /// Byte offset just past it.
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }
    /// The original text of the span.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// In a transcript: the turn (0-based), else None.
    #[getter]
    fn turn(&self) -> Option<usize> {
        self.inner.turn
    }
    /// In a transcript: "collector" or "debtor", when known.
    #[getter]
    fn speaker(&self) -> Option<String> {
        self.inner.speaker.as_ref().map(name_of)
    }
    fn __repr__(&self) -> String {
        format!(
            "collectguard.Span({}..{}, {:?})",
            self.inner.start, self.inner.end, self.inner.text
        )
    }
}

/// A batch row that could not be judged, in its place in the results.
#[pyclass(frozen, module = "collectguard")]
struct RowError {
    id: String,
    error: String,
}

#[pymethods]
impl RowError {
    /// The row's id, when one could be read.
    #[getter]
    fn id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.id)
    }
    /// What is wrong with the row.
    #[getter]
    fn error(&self) -> &str {
        &self.error
    }
    /// Always None: a row error has no label (so `[r.label for r in results]` works).
    #[getter]
    fn label(&self) -> Option<String> {
        None
    }
    /// {"id": …, "error": …}, as the JSON Lines mode writes it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        dict.set_item("id", from_json(py, &self.id)?)?;
        dict.set_item("error", &self.error)?;
        Ok(dict.into_any())
    }
    fn __repr__(&self) -> String {
        format!("collectguard.RowError({:?})", self.error)
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Classifier>()?;
    m.add_class::<Verdict>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Span>()?;
    m.add_class::<RowError>()?;
    m.add("BuildError", m.py().get_type::<BuildError>())?;
    m.add("SCHEMA_VERSION", collectguard::SCHEMA_VERSION)?;
    Ok(())
}
