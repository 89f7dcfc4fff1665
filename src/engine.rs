//! The compiled matcher: every keyword of every rule in one Aho-Corasick automaton, regexes
//! gated by the literals they must start with, negation scopes, sender classes and
//! composite rules.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::error::{BuildError, BuildErrorKind};
use crate::normalize::{Normalized, Normalizer};
use crate::rules::{Example, RuleDef, is_valid_id};
use crate::sender::canonical_sender;
use crate::settings::{Negation, Settings};
use crate::verdict::{Axis, Bilingual, Scheme};

/// Compiled size limit of one regex (bytes of NFA), and of its lazy DFA cache.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;
/// At most this many evidence spans are kept per rule.
pub(crate) const MAX_SPANS_PER_RULE: usize = 8;

/// One compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub file: String,
    pub axis: Axis,
    pub weight: Option<f32>,
    pub scheme: Option<Scheme>,
    pub negatable: bool,
    pub disabled: bool,
    pub kind: RuleKind,
    pub title: Bilingual,
    pub reason: Bilingual,
    pub reference: Option<String>,
    pub advice: Vec<String>,
    pub examples: Vec<Example>,
    pub counter_examples: Vec<Example>,
}

#[derive(Clone, Debug)]
pub(crate) enum RuleKind {
    /// Fires on keywords and patterns in the text.
    Text,
    /// Fires on the canonical sender number.
    Sender(Vec<Regex>),
    /// Fires on other rules.
    Composite {
        all: Vec<usize>,
        any: Vec<usize>,
        min_any: usize,
        none: Vec<usize>,
    },
}

#[derive(Clone, Copy, Debug)]
enum LiteralTarget {
    /// A keyword of this rule.
    Keyword(usize),
    /// A literal that must occur for this regex to match.
    Trigger(usize),
}

#[derive(Clone, Debug)]
struct Pattern {
    regex: Regex,
    rule: usize,
}

/// The matcher. Immutable once built; shared between threads.
#[derive(Clone, Debug)]
pub(crate) struct Engine {
    pub rules: Vec<Rule>,
    pub index: HashMap<String, usize>,
    pub settings: Settings,
    normalizer: Normalizer,
    literals: Option<AhoCorasick>,
    literal_targets: Vec<LiteralTarget>,
    patterns: Vec<Pattern>,
    /// Patterns with no required literal: run on every text.
    ungated: Vec<usize>,
    cues: Option<AhoCorasick>,
    /// For each cue pattern: true = negates, false = contains a cue but does not negate.
    cue_negates: Vec<bool>,
    clause_breaks: Vec<char>,
    /// Composite rules in an order where every rule comes after the rules it uses.
    composite_order: Vec<usize>,
}

/// What matched in one message: for each rule, whether it fired and where.
#[derive(Clone, Debug)]
pub(crate) struct Evaluation {
    pub normalized: Normalized,
    pub fired: Vec<bool>,
    /// Evidence per rule, as byte ranges of the normalized text.
    pub spans: Vec<Vec<Range<usize>>>,
}

impl Engine {
    pub(crate) fn build(
        defs: Vec<RuleDef>,
        settings: Settings,
        settings_file: &str,
        normalizer: Normalizer,
    ) -> Result<Engine, BuildError> {
        let mut index = HashMap::new();
        for (i, def) in defs.iter().enumerate() {
            let err = |kind| Err(BuildError::new(&def.file, Some(&def.id), kind));
            if !is_valid_id(&def.id) {
                return err(BuildErrorKind::InvalidId);
            }
            if index.insert(def.id.clone(), i).is_some() {
                return err(BuildErrorKind::DuplicateId);
            }
        }

        let mut rules = Vec::with_capacity(defs.len());
        let mut literal_strings: Vec<Vec<u8>> = Vec::new();
        let mut literal_targets = Vec::new();
        let mut patterns = Vec::new();
        let mut ungated = Vec::new();
        for (rule_index, def) in defs.into_iter().enumerate() {
            let err = |kind| BuildError::new(&def.file, Some(&def.id), kind);
            let is_text = !def.keywords.is_empty() || !def.patterns.is_empty();
            let is_sender = !def.sender_patterns.is_empty();
            let is_composite = !def.all.is_empty() || !def.any.is_empty();
            let shapes = usize::from(is_text) + usize::from(is_sender) + usize::from(is_composite);
            if shapes == 0 {
                return Err(err(BuildErrorKind::Shape(
                    "the rule needs keywords, patterns, sender_patterns or composite members (all/any)"
                        .into(),
                )));
            }
            if shapes > 1 {
                return Err(err(BuildErrorKind::Shape(
                    "a rule is either a text rule (keywords, patterns), a sender rule (sender_patterns) or a composite (all, any), not several".into(),
                )));
            }
            if !is_composite && (!def.none.is_empty() || def.min_any.is_some()) {
                return Err(err(BuildErrorKind::Shape(
                    "`none` and `min_any` belong to composite rules".into(),
                )));
            }
            if let Some(w) = def.weight
                && !w.is_finite()
            {
                return Err(err(BuildErrorKind::InvalidWeight));
            }
            for advice in &def.advice {
                if settings.advice_text(advice).is_none() {
                    return Err(err(BuildErrorKind::UnknownAdvice(advice.clone())));
                }
            }
            for keyword in &def.keywords {
                let normalized = normalizer.normalize(keyword);
                if normalized.as_str() != keyword || keyword.is_empty() {
                    return Err(err(BuildErrorKind::KeywordNotNormalized {
                        keyword: keyword.clone(),
                        normalized: normalized.as_str().to_string(),
                    }));
                }
                literal_strings.push(keyword.as_bytes().to_vec());
                literal_targets.push(LiteralTarget::Keyword(rule_index));
            }
            for source in &def.patterns {
                let regex = compile_regex(source).map_err(|e| err(BuildErrorKind::Regex(e)))?;
                let pattern_index = patterns.len();
                patterns.push(Pattern {
                    regex,
                    rule: rule_index,
                });
                match required_prefixes(source) {
                    Some(prefixes) => {
                        for p in prefixes {
                            literal_strings.push(p);
                            literal_targets.push(LiteralTarget::Trigger(pattern_index));
                        }
                    }
                    None => ungated.push(pattern_index),
                }
            }
            let kind = if is_sender {
                let regexes = def
                    .sender_patterns
                    .iter()
                    .map(|p| compile_regex(p).map_err(|e| err(BuildErrorKind::Regex(e))))
                    .collect::<Result<Vec<_>, _>>()?;
                RuleKind::Sender(regexes)
            } else if is_composite {
                let resolve = |ids: &[String]| {
                    ids.iter()
                        .map(|id| {
                            index
                                .get(id)
                                .copied()
                                .ok_or_else(|| err(BuildErrorKind::UnknownRule(id.clone())))
                        })
                        .collect::<Result<Vec<_>, _>>()
                };
                let any = resolve(&def.any)?;
                let min_any = def.min_any.unwrap_or(1);
                if !any.is_empty() && (min_any == 0 || min_any > any.len()) {
                    return Err(err(BuildErrorKind::Shape(format!(
                        "min_any = {min_any} but `any` lists {} rules",
                        any.len()
                    ))));
                }
                RuleKind::Composite {
                    all: resolve(&def.all)?,
                    any,
                    min_any,
                    none: resolve(&def.none)?,
                }
            } else {
                RuleKind::Text
            };
            let negatable = def
                .negatable
                .unwrap_or(matches!(def.axis, Axis::Fraud | Axis::Abuse));
            rules.push(Rule {
                id: def.id,
                file: def.file,
                axis: def.axis,
                weight: def.weight,
                scheme: def.scheme,
                negatable,
                disabled: def.disabled,
                kind,
                title: def.title,
                reason: def.reason,
                reference: def.reference,
                advice: def.advice,
                examples: def.examples,
                counter_examples: def.counter_examples,
            });
        }

        let composite_order = composite_order(&rules)?;
        let literals = if literal_strings.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&literal_strings)
                    .map_err(|e| {
                        BuildError::new("<rules>", None, BuildErrorKind::Regex(e.to_string()))
                    })?,
            )
        };
        let (cues, cue_negates) = compile_cues(&settings.negation, settings_file, &normalizer)?;
        let clause_breaks = settings.negation.clause_breaks.chars().collect();
        Ok(Engine {
            rules,
            index,
            settings,
            normalizer,
            literals,
            literal_targets,
            patterns,
            ungated,
            cues,
            cue_negates,
            clause_breaks,
            composite_order,
        })
    }

    pub(crate) fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Matches every rule against one message.
    pub(crate) fn evaluate(&self, text: &str, sender: Option<&str>) -> Evaluation {
        let normalized = self.normalizer.normalize(text);
        let haystack = normalized.as_str();
        let n = self.rules.len();
        let mut fired = vec![false; n];
        let mut spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        let negators = self.negators(haystack);

        let mut run_pattern = vec![false; self.patterns.len()];
        for &p in &self.ungated {
            run_pattern[p] = true;
        }
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(haystack) {
                match self.literal_targets[m.pattern().as_usize()] {
                    LiteralTarget::Keyword(rule) => {
                        self.record(rule, m.range(), haystack, &negators, &mut fired, &mut spans)
                    }
                    LiteralTarget::Trigger(p) => run_pattern[p] = true,
                }
            }
        }
        for (p, pattern) in self.patterns.iter().enumerate() {
            if !run_pattern[p] {
                continue;
            }
            for m in pattern.regex.find_iter(haystack) {
                if m.is_empty() {
                    continue;
                }
                self.record(
                    pattern.rule,
                    m.range(),
                    haystack,
                    &negators,
                    &mut fired,
                    &mut spans,
                );
            }
        }

        let sender = sender.and_then(canonical_sender);
        if let Some(number) = &sender {
            for (i, rule) in self.rules.iter().enumerate() {
                if let RuleKind::Sender(regexes) = &rule.kind
                    && !rule.disabled
                    && regexes.iter().any(|r| r.is_match(number))
                {
                    fired[i] = true;
                }
            }
        }

        for &i in &self.composite_order {
            let RuleKind::Composite {
                all,
                any,
                min_any,
                none,
            } = &self.rules[i].kind
            else {
                continue;
            };
            let any_count = any.iter().filter(|&&r| fired[r]).count();
            let hit = !self.rules[i].disabled
                && all.iter().all(|&r| fired[r])
                && (any.is_empty() || any_count >= *min_any)
                && !none.iter().any(|&r| fired[r]);
            if hit {
                fired[i] = true;
                let mut union: Vec<Range<usize>> = all
                    .iter()
                    .chain(any.iter())
                    .filter(|&&r| fired[r])
                    .flat_map(|&r| spans[r].iter().cloned())
                    .collect();
                union.sort_by_key(|r| (r.start, r.end));
                union.dedup();
                union.truncate(MAX_SPANS_PER_RULE);
                spans[i] = union;
            }
        }

        Evaluation {
            normalized,
            fired,
            spans,
        }
    }

    /// Records a hit unless a negation cue scopes over it.
    fn record(
        &self,
        rule: usize,
        range: Range<usize>,
        haystack: &str,
        negators: &[Range<usize>],
        fired: &mut [bool],
        spans: &mut [Vec<Range<usize>>],
    ) {
        if self.rules[rule].disabled {
            return;
        }
        if self.rules[rule].negatable && self.is_negated(haystack, range.start, negators) {
            return;
        }
        fired[rule] = true;
        let list = &mut spans[rule];
        // Merge with an overlapping span (e.g. 逾期 inside 已逾期).
        if let Some(existing) = list
            .iter_mut()
            .find(|s| s.start < range.end && range.start < s.end)
        {
            existing.start = existing.start.min(range.start);
            existing.end = existing.end.max(range.end);
            return;
        }
        if list.len() < MAX_SPANS_PER_RULE {
            list.push(range);
        }
    }

    /// The negating cues in `haystack`, as ranges, sorted by start.
    fn negators(&self, haystack: &str) -> Vec<Range<usize>> {
        let Some(ac) = &self.cues else {
            return Vec::new();
        };
        let mut cues = Vec::new();
        let mut blockers = Vec::new();
        for m in ac.find_overlapping_iter(haystack) {
            if self.cue_negates[m.pattern().as_usize()] {
                cues.push(m.range());
            } else {
                blockers.push(m.range());
            }
        }
        cues.retain(|c| {
            !blockers
                .iter()
                .any(|b| b.start <= c.start && c.end <= b.end)
        });
        // An English cue must stand as a word.
        cues.retain(|c| {
            let before = haystack[..c.start].chars().next_back();
            let after = haystack[c.end..].chars().next();
            let first = haystack[c.start..].chars().next();
            let ascii_word = first.is_some_and(|f| f.is_ascii_alphabetic());
            !ascii_word
                || (!before.is_some_and(|b| b.is_ascii_alphabetic())
                    && !after.is_some_and(|a| a.is_ascii_alphabetic()))
        });
        cues.sort_by_key(|c| c.start);
        cues
    }

    /// Whether a negating cue starts before `at` in the same clause, within the window.
    fn is_negated(&self, haystack: &str, at: usize, negators: &[Range<usize>]) -> bool {
        if negators.is_empty() {
            return false;
        }
        let mut window_start = at;
        for (count, (i, c)) in haystack[..at].char_indices().rev().enumerate() {
            if count >= self.settings.negation.window || self.clause_breaks.contains(&c) {
                break;
            }
            window_start = i;
        }
        // A cue that starts before the hit counts even when it overlaps the hit's first
        // character (a pattern may begin with one character of context).
        negators
            .iter()
            .any(|c| c.start >= window_start && c.start < at)
    }
}

fn compile_regex(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// The literals one of which every match of `pattern` must start with, or `None` when there
/// is no such finite set (then the regex runs on every text).
fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

fn compile_cues(
    negation: &Negation,
    file: &str,
    normalizer: &Normalizer,
) -> Result<(Option<AhoCorasick>, Vec<bool>), BuildError> {
    let mut strings = Vec::new();
    let mut negates = Vec::new();
    for (list, flag) in [(&negation.cues, true), (&negation.not_negating, false)] {
        for cue in list {
            let normalized = normalizer.normalize(cue);
            if normalized.as_str() != cue {
                return Err(BuildError::new(
                    file,
                    None,
                    BuildErrorKind::Setting(format!(
                        "negation cue {cue:?} is not in normalized form; write {:?}",
                        normalized.as_str()
                    )),
                ));
            }
            strings.push(cue.clone());
            negates.push(flag);
        }
    }
    if strings.is_empty() {
        return Ok((None, negates));
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&strings)
        .map_err(|e| BuildError::new(file, None, BuildErrorKind::Setting(e.to_string())))?;
    Ok((Some(ac), negates))
}

/// Orders composite rules so that each comes after the composites it uses; fails on cycles.
fn composite_order(rules: &[Rule]) -> Result<Vec<usize>, BuildError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        i: usize,
        rules: &[Rule],
        marks: &mut [Mark],
        order: &mut Vec<usize>,
    ) -> Result<(), BuildError> {
        match marks[i] {
            Mark::Done => return Ok(()),
            Mark::Active => {
                return Err(BuildError::new(
                    &rules[i].file,
                    Some(&rules[i].id),
                    BuildErrorKind::Cycle,
                ));
            }
            Mark::New => {}
        }
        marks[i] = Mark::Active;
        if let RuleKind::Composite { all, any, none, .. } = &rules[i].kind {
            for &dep in all.iter().chain(any).chain(none) {
                visit(dep, rules, marks, order)?;
            }
            order.push(i);
        }
        marks[i] = Mark::Done;
        Ok(())
    }
    let mut marks = vec![Mark::New; rules.len()];
    let mut order = Vec::new();
    for i in 0..rules.len() {
        visit(i, rules, &mut marks, &mut order)?;
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_extracted() {
        let p = required_prefixes("(?:个人|私人)账户").unwrap();
        assert_eq!(p.len(), 2);
        assert!(required_prefixes(r"\d{16,19}").is_none());
        assert!(required_prefixes(".*").is_none());
        assert!(required_prefixes("a?b").is_some());
    }
}
