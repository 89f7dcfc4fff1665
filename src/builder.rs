//! Building a classifier: the default packs and settings, packs added by the user, weights,
//! disabled rules and the learned model, checked and compiled into a [`Classifier`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::classifier::Classifier;
use crate::engine::Engine;
use crate::error::{BuildError, BuildErrorKind};
use crate::model::{Model, ModelError};
use crate::normalize::{DEFAULT_FOLDS, Normalizer};
use crate::rules::{DEFAULT_PACKS, RuleDef, parse_pack};
use crate::settings::{DEFAULT_SETTINGS, DEFAULT_SETTINGS_FILE, Settings};

/// Fitted weights shipped with the crate (written by `examples/calibrate.rs`).
const GENERATED_WEIGHTS: &str = include_str!("../rules/weights.generated.toml");
const GENERATED_WEIGHTS_FILE: &str = "rules/weights.generated.toml";

/// Parses a `[weights]` table of rule id = weight.
fn parse_weights(file: &str, text: &str) -> Result<Vec<(String, f32)>, BuildError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct WeightsFile {
        #[serde(default)]
        weights: std::collections::BTreeMap<String, f32>,
    }
    let parsed: WeightsFile = toml::from_str(text)
        .map_err(|e| BuildError::new(file, None, BuildErrorKind::Toml(e.to_string())))?;
    Ok(parsed.weights.into_iter().collect())
}

/// Builds a [`Classifier`] from the default packs and/or custom ones.
///
/// ```
/// use collectguard::{Classifier, Label};
///
/// let pack = r#"
/// [[rule]]
/// id = "acme.gift_card"
/// axis = "fraud"
/// weight = 7.0
/// keywords = ["礼品卡"]
/// title = { zh = "要求用礼品卡付款", en = "Asks for gift cards" }
/// reason = { zh = "正规机构不收礼品卡。", en = "No lender takes gift cards." }
/// examples = ["请购买礼品卡还款"]
/// counter_examples = ["生日礼物"]
/// "#;
/// let classifier = Classifier::builder()
///     .add_pack_str("acme.toml", pack)
///     .set_weight("zh.topic.collection", 3.0)
///     .build()
///     .unwrap();
/// let v = classifier.classify_text("请购买礼品卡还款");
/// assert_eq!(v.label, Label::Scam);
/// assert!(v.fired("acme.gift_card"));
/// ```
#[derive(Clone, Debug)]
pub struct ClassifierBuilder {
    defaults: bool,
    packs: Vec<(String, String)>,
    settings: Option<(String, String)>,
    disabled: Vec<String>,
    weights: Vec<(String, f32)>,
    generated_weights: Option<(String, String)>,
    model: ModelChoice,
    errors: Vec<BuildError>,
}

/// Which learned model a built classifier combines with its rules.
#[derive(Clone, Debug)]
enum ModelChoice {
    Embedded,
    Given(Arc<Model>),
    File(std::path::PathBuf),
    None,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClassifierBuilder {
    /// A builder that starts from the embedded default packs and settings.
    pub fn new() -> Self {
        ClassifierBuilder {
            defaults: true,
            packs: Vec::new(),
            settings: None,
            disabled: Vec::new(),
            weights: Vec::new(),
            generated_weights: Some((
                GENERATED_WEIGHTS_FILE.to_string(),
                GENERATED_WEIGHTS.to_string(),
            )),
            model: ModelChoice::Embedded,
            errors: Vec::new(),
        }
    }

    /// Combines the rules with `model` instead of the embedded one.
    ///
    /// ```
    /// use collectguard::Classifier;
    /// use collectguard::model::{ModelClass, TrainOptions, TrainingRow, train};
    /// let model = train(
    ///     &[TrainingRow::new("hello", ModelClass::Benign)],
    ///     &TrainOptions { bits: 10, ..TrainOptions::default() },
    /// );
    /// let c = Classifier::builder().model(model).build().unwrap();
    /// assert_eq!(c.model().unwrap().bits(), 10);
    /// ```
    pub fn model(mut self, model: Model) -> Self {
        self.model = ModelChoice::Given(Arc::new(model));
        self
    }

    /// Combines the rules with the model in a file written by the `train` example; a
    /// missing or malformed file makes [`build`](Self::build) fail with an error naming it.
    ///
    /// ```
    /// let err = collectguard::Classifier::builder()
    ///     .model_file("missing.cgm")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.file(), "missing.cgm");
    /// ```
    pub fn model_file(mut self, path: impl AsRef<Path>) -> Self {
        self.model = ModelChoice::File(path.as_ref().to_path_buf());
        self
    }

    /// Rules only: no learned model.
    ///
    /// ```
    /// let c = collectguard::Classifier::builder().without_model().build().unwrap();
    /// assert!(c.model().is_none());
    /// assert!(c.classify_text("你好").findings.iter().all(|f| !f.rule_id.starts_with("model.")));
    /// ```
    pub fn without_model(mut self) -> Self {
        self.model = ModelChoice::None;
        self
    }

    /// Starts from the hand-set weights of the packs, without the fitted weights of
    /// `rules/weights.generated.toml` (what a calibration run starts from).
    ///
    /// ```
    /// let c = collectguard::Classifier::builder().without_generated_weights().build();
    /// assert!(c.is_ok());
    /// ```
    pub fn without_generated_weights(mut self) -> Self {
        self.generated_weights = None;
        self
    }

    /// Replaces the generated weights with a TOML string in the format of
    /// `rules/weights.generated.toml` (a `[weights]` table of rule id = weight). Weights
    /// set with [`set_weight`](Self::set_weight) still win.
    ///
    /// ```
    /// let c = collectguard::Classifier::builder()
    ///     .weights_str("fitted.toml", "[weights]\n\"zh.payment.private_account\" = 5.0\n")
    ///     .build()
    ///     .unwrap();
    /// let rule = c.rules().find(|r| r.id() == "zh.payment.private_account").unwrap();
    /// assert_eq!(rule.weight(), Some(5.0));
    /// ```
    pub fn weights_str(mut self, name: impl Into<String>, toml: impl Into<String>) -> Self {
        self.generated_weights = Some((name.into(), toml.into()));
        self
    }

    /// Leaves out the embedded default rule packs (the default settings stay unless
    /// replaced with [`settings_str`](Self::settings_str)).
    pub fn without_default_packs(mut self) -> Self {
        self.defaults = false;
        self
    }

    /// Adds a pack from a TOML string; `name` is used in error messages.
    pub fn add_pack_str(mut self, name: impl Into<String>, toml: impl Into<String>) -> Self {
        self.packs.push((name.into(), toml.into()));
        self
    }

    /// Adds every `*.toml` pack under `dir` (recursively, in path order). A file named
    /// `verdict.toml` replaces the settings, `weights.generated.toml` the generated weights;
    /// `folds.toml` is skipped (folds are fixed).
    pub fn add_pack_dir(mut self, dir: impl AsRef<Path>) -> Self {
        let mut files = Vec::new();
        if let Err(e) = collect_toml(dir.as_ref(), &mut files) {
            self.errors.push(BuildError::new(
                &dir.as_ref().display().to_string(),
                None,
                BuildErrorKind::Io(e.to_string()),
            ));
            return self;
        }
        files.sort();
        for path in files {
            let name = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => match path.file_name().and_then(|n| n.to_str()) {
                    Some("verdict.toml") => self.settings = Some((name, text)),
                    Some("folds.toml") => {}
                    Some("weights.generated.toml") => self.generated_weights = Some((name, text)),
                    _ => self.packs.push((name, text)),
                },
                Err(e) => self.errors.push(BuildError::new(
                    &name,
                    None,
                    BuildErrorKind::Io(e.to_string()),
                )),
            }
        }
        self
    }

    /// Replaces the verdict settings (thresholds, risk curve, negation cues, advice) with a
    /// TOML string in the format of `rules/verdict.toml`.
    pub fn settings_str(mut self, name: impl Into<String>, toml: impl Into<String>) -> Self {
        self.settings = Some((name.into(), toml.into()));
        self
    }

    /// Disables a rule: it is neither matched nor scored, and composites that use it treat
    /// it as not fired.
    pub fn disable_rule(mut self, id: impl Into<String>) -> Self {
        self.disabled.push(id.into());
        self
    }

    /// Gives a rule a new weight.
    pub fn set_weight(mut self, id: impl Into<String>, weight: f32) -> Self {
        self.weights.push((id.into(), weight));
        self
    }

    /// Compiles the rules.
    pub fn build(self) -> Result<Classifier, BuildError> {
        if let Some(e) = self.errors.into_iter().next() {
            return Err(e);
        }
        let normalizer = Normalizer::from_toml("rules/folds.toml", DEFAULT_FOLDS)?;
        let (settings_file, settings_text) = match &self.settings {
            Some((name, text)) => (name.as_str(), text.as_str()),
            None => (DEFAULT_SETTINGS_FILE, DEFAULT_SETTINGS),
        };
        let settings = Settings::from_toml(settings_file, settings_text)?;
        let mut defs: Vec<RuleDef> = Vec::new();
        let mut words = WordListSet::default();
        if self.defaults {
            for (file, text) in DEFAULT_PACKS {
                let pack = parse_pack(file, text)?;
                words.add(file, pack.words, &normalizer)?;
                defs.extend(pack.rules.into_iter().map(|mut def| {
                    def.builtin = true;
                    def
                }));
            }
        }
        for (file, text) in &self.packs {
            let pack = parse_pack(file, text)?;
            words.add(file, pack.words, &normalizer)?;
            defs.extend(pack.rules);
        }
        words.check()?;
        for def in &mut defs {
            words.expand_patterns(def)?;
        }
        let mut weights = match &self.generated_weights {
            Some((file, text)) => parse_weights(file, text)?
                .into_iter()
                .map(|(id, w)| (file.as_str(), id, w))
                .collect(),
            None => Vec::new(),
        };
        weights.extend(
            self.weights
                .iter()
                .map(|(id, w)| ("<builder>", id.clone(), *w)),
        );
        for (file, id, weight) in &weights {
            if !weight.is_finite() {
                return Err(BuildError::new(
                    file,
                    Some(id),
                    BuildErrorKind::InvalidWeight,
                ));
            }
            let Some(def) = defs.iter_mut().find(|d| &d.id == id) else {
                return Err(BuildError::new(
                    file,
                    Some(id),
                    BuildErrorKind::UnknownRule(id.clone()),
                ));
            };
            def.weight = Some(*weight);
        }
        for id in &self.disabled {
            if !defs.iter().any(|d| &d.id == id) {
                return Err(BuildError::new(
                    "<builder>",
                    Some(id),
                    BuildErrorKind::UnknownRule(id.clone()),
                ));
            }
        }
        for def in &mut defs {
            def.disabled = self.disabled.contains(&def.id);
        }
        let model = match self.model {
            ModelChoice::Embedded => Some(Model::embedded_shared()),
            ModelChoice::Given(model) => Some(model),
            ModelChoice::File(path) => Some(Arc::new(Model::load(&path).map_err(model_error)?)),
            ModelChoice::None => None,
        };
        let engine = Engine::build(defs, settings, settings_file, normalizer)?;
        Ok(Classifier {
            engine: Arc::new(engine),
            model,
        })
    }
}

/// The word lists of every pack being built (one namespace), with the file each came from.
#[derive(Default)]
struct WordListSet {
    lists: HashMap<String, Vec<String>>,
    files: HashMap<String, String>,
}

impl WordListSet {
    /// Adds a pack's lists: a name defined twice, or a plain-word entry not in normalized
    /// form (patterns read the normalized text), is an error naming the file.
    fn add(
        &mut self,
        file: &str,
        lists: Vec<(String, Vec<String>)>,
        normalizer: &Normalizer,
    ) -> Result<(), BuildError> {
        let words_err = |e: String| BuildError::new(file, None, BuildErrorKind::Words(e));
        for (name, entries) in lists {
            if let Some(first) = self.files.get(&name) {
                return Err(words_err(format!(
                    "word list `{name}` is defined twice (first in {first})"
                )));
            }
            for entry in &entries {
                let plain = !entry.contains(|c: char| "\\.+*?()|[]{}^$".contains(c));
                let normalized = normalizer.normalize(entry);
                if plain && normalized.as_str() != entry {
                    return Err(words_err(format!(
                        "entry {entry:?} of `{name}` is not in normalized form; write {:?}",
                        normalized.as_str()
                    )));
                }
            }
            self.files.insert(name.clone(), file.to_string());
            self.lists.insert(name, entries);
        }
        Ok(())
    }

    /// Expands every list once, used or not: an unknown name or a cycle among the lists is
    /// an error naming the file that defines the list.
    fn check(&self) -> Result<(), BuildError> {
        let mut names: Vec<&String> = self.lists.keys().collect();
        names.sort();
        for name in names {
            crate::words::expand(&format!("{{{name}}}"), &self.lists).map_err(|e| {
                BuildError::new(
                    &self.files[name],
                    None,
                    BuildErrorKind::Words(format!("in `{name}`: {e}")),
                )
            })?;
        }
        Ok(())
    }

    /// Replaces the list references (`{name}`) in a rule's patterns by their alternations.
    fn expand_patterns(&self, def: &mut RuleDef) -> Result<(), BuildError> {
        for pattern in def.patterns.iter_mut().filter(|p| p.contains('{')) {
            *pattern = crate::words::expand(pattern, &self.lists).map_err(|e| {
                BuildError::new(
                    &def.file,
                    Some(&def.id),
                    BuildErrorKind::Words(e.to_string()),
                )
            })?;
        }
        Ok(())
    }
}

fn model_error(e: ModelError) -> BuildError {
    BuildError::new(
        e.file(),
        None,
        BuildErrorKind::Model(e.problem().to_string()),
    )
}

fn collect_toml(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
