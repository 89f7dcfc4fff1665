//! Errors raised while building a classifier from rule packs.

use std::fmt;

/// A rule pack (or the fold or verdict settings) could not be built.
///
/// The message names the file, the rule id where there is one, and the problem:
///
/// ```
/// let bad = r#"
/// [[rule]]
/// id = "my.bad"
/// axis = "fraud"
/// weight = 2.0
/// patterns = ['(unclosed']
/// title = { zh = "坏", en = "Bad" }
/// reason = { zh = "坏", en = "Bad" }
/// examples = ["x"]
/// counter_examples = ["y"]
/// "#;
/// let err = collectguard::Classifier::builder()
///     .add_pack_str("my-pack.toml", bad)
///     .build()
///     .unwrap_err();
/// assert_eq!(err.file(), "my-pack.toml");
/// assert_eq!(err.rule(), Some("my.bad"));
/// assert!(err.to_string().starts_with("my-pack.toml: rule `my.bad`: "));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    file: String,
    rule: Option<String>,
    kind: BuildErrorKind,
}

/// What went wrong while building a classifier.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// The file could not be read.
    Io(String),
    /// The file is not valid TOML, or a field is missing, unknown or of the wrong type.
    Toml(String),
    /// The rule id is not of the form `^[a-z0-9]+(?:[._-][a-z0-9]+)*$`.
    InvalidId,
    /// Two rules share one id.
    DuplicateId,
    /// A rule has neither keywords, patterns, sender patterns nor composite members, or it
    /// mixes a leaf (keywords, patterns) with a composite (all, any).
    Shape(String),
    /// A keyword is not in normalized form (normalizing it would change it).
    KeywordNotNormalized {
        /// The keyword as written.
        keyword: String,
        /// What normalization makes of it.
        normalized: String,
    },
    /// A regex does not compile or exceeds the size limit.
    Regex(String),
    /// A composite rule names a rule that does not exist, or an override names an unknown
    /// rule.
    UnknownRule(String),
    /// Composite rules refer to each other in a cycle.
    Cycle,
    /// A rule names an advice id that `verdict.toml` does not define.
    UnknownAdvice(String),
    /// A weight is not a finite number.
    InvalidWeight,
    /// A fold in `folds.toml` is invalid.
    Fold(String),
    /// A setting in `verdict.toml` is invalid.
    Setting(String),
    /// The learned model file is missing, malformed or corrupt.
    Model(String),
    /// A word list (`[words]`) is malformed or defined twice, or a pattern names one that
    /// does not exist.
    Words(String),
}

impl BuildError {
    pub(crate) fn new(file: &str, rule: Option<&str>, kind: BuildErrorKind) -> Self {
        BuildError {
            file: file.to_string(),
            rule: rule.map(str::to_string),
            kind,
        }
    }

    /// The file (or the name a pack was given) where the problem is.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The id of the rule at fault, when the problem is in one rule.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        match &self.kind {
            BuildErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            BuildErrorKind::Toml(e) => write!(f, "invalid TOML: {}", e.trim_end()),
            BuildErrorKind::InvalidId => write!(
                f,
                "invalid id (use lower-case letters and digits separated by `.`, `_` or `-`)"
            ),
            BuildErrorKind::DuplicateId => write!(f, "duplicate id"),
            BuildErrorKind::Shape(e) => write!(f, "{e}"),
            BuildErrorKind::KeywordNotNormalized {
                keyword,
                normalized,
            } => write!(
                f,
                "keyword {keyword:?} is not in normalized form; write {normalized:?}"
            ),
            BuildErrorKind::Regex(e) => write!(f, "invalid pattern: {e}"),
            BuildErrorKind::UnknownRule(id) => write!(f, "unknown rule `{id}`"),
            BuildErrorKind::Cycle => write!(f, "composite rules refer to each other in a cycle"),
            BuildErrorKind::UnknownAdvice(id) => write!(f, "unknown advice `{id}`"),
            BuildErrorKind::InvalidWeight => write!(f, "weight must be a finite number"),
            BuildErrorKind::Fold(e) => write!(f, "invalid fold: {e}"),
            BuildErrorKind::Setting(e) => write!(f, "invalid setting: {e}"),
            BuildErrorKind::Model(e) => write!(f, "invalid model: {e}"),
            BuildErrorKind::Words(e) => write!(f, "word lists: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The bytes given to [`Classifier::classify_bytes`](crate::Classifier::classify_bytes)
/// are not valid UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidUtf8 {
    pub(crate) valid_up_to: usize,
}

impl InvalidUtf8 {
    /// The number of leading bytes that are valid UTF-8.
    pub fn valid_up_to(&self) -> usize {
        self.valid_up_to
    }
}

impl fmt::Display for InvalidUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "message is not valid UTF-8 (invalid byte sequence at byte {})",
            self.valid_up_to
        )
    }
}

impl std::error::Error for InvalidUtf8 {}
