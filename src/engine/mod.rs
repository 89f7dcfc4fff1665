//! The compiled matcher and one message's evaluation: normalization, turns, the raw hits,
//! what they mean (speakers, reported speech, turn rules), sender classes, context
//! conditions and composite rules. The jobs beside it have files of their own: `search`
//! (the raw matching pass: every keyword of every rule in one Aho-Corasick automaton,
//! regexes gated by the literals they must start or end with), `patterns` (compiling
//! regexes and cue lists), `scope` (negation and reported speech), `context` (scripts, home
//! region, time, attempts, document shape), `voice` (who a text speaks as and to), `hosts`
//! (link hosts dressed as an institution they do not belong to),
//! `composite` (evaluation order), and `compile` (building it from the rule definitions).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::MatchKind;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::error::{BuildError, BuildErrorKind};
use crate::message::Message;
use crate::normalize::{Normalized, Normalizer};
use crate::overlap::LiteralSet;
use crate::rules::{Example, Home, RuleDef, is_valid_id};
use crate::sender::canonical_sender;
use crate::settings::{Negation, Settings};
use crate::transcript::{Turn, TurnParser, resolve_neutral, turn_at};
use crate::verdict::{Axis, Bilingual, Evidence, Scheme, Source, Speaker};
use crate::work::WorkCounts;

mod compile;
mod composite;
mod context;
mod gate;
mod hosts;
mod patterns;
mod scope;
mod search;
mod voice;

use composite::composite_order;
pub(crate) use context::{ContextCondition, Script, Scripts};
use context::{home_allows, minutes};
use gate::{Gate, parse_pattern, required_ends, required_literals};
use hosts::Lookalikes;
use patterns::{
    CachePool, CueKind, LiteralTable, LiteralTargets, Pattern, builtin_gate, compile_cues,
    compile_list, compile_regex,
};
use scope::Attribution;
use search::MAX_PATTERNS;
#[cfg(test)]
use search::Search;

/// Compiled size limit of one regex (bytes of NFA), and of its lazy DFA cache.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;
/// An anchored regex search looks at most this many bytes from its start: no rule's match
/// is longer (the longest in the packs is a few dozen characters), and the bound makes each
/// search cost a constant.
pub(crate) const MAX_MATCH_BYTES: usize = 1024;

/// An unbounded repetition (`+`, `*`, `{n,}`) in a pattern that scans the whole text is
/// compiled as at most this many more repeats than its minimum, so that its matches have a
/// bounded length.
const SCAN_REPEAT_BOUND: u32 = 16;
/// At most this many evidence spans are kept per rule.
pub(crate) const MAX_SPANS_PER_RULE: usize = 8;

/// The strength of a collection-topic word inside a speaker label (`收数员:`): the
/// transcript's writer names the role, which says what the text is about, at half the
/// weight of the speaker's own words.
const LABEL_FACTOR: f32 = 0.5;
/// A turn quoted as evidence (an evasive answer) is cut to this many characters.
const MAX_TURN_SPAN_CHARS: usize = 60;

/// One piece of evidence: a range of the normalized text, and its transcript turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub range: Range<usize>,
    pub turn: Option<usize>,
}

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
    /// A concrete demand on the reader (an account number, a link): a text with one is not
    /// a public warning.
    pub concrete_demand: bool,
    /// Its hits are reported-speech cues: it narrates someone else's act.
    pub narrates: bool,
    /// Its collection weight makes a topic for an abusive verdict only with a second
    /// witness (see `RuleDef::needs_witness`).
    pub needs_witness: bool,
    /// Its evidence routes money or credentials elsewhere than the creditor's own channel.
    pub pays_elsewhere: bool,
    /// It names the creditor's own payment channel.
    pub pays_own_channel: bool,
    /// A fraud sign that legitimacy signs cannot offset.
    pub firm: bool,
    /// The script of the rule's pack: context rules fire only on texts in that script, turn
    /// rules only on answers in that script.
    pub script: Option<Script>,
    /// The home region the rule belongs to (a country's number plan): it fires only on
    /// messages read in that region.
    pub home: Option<Home>,
    /// What the rule's evidence comes from (text, sender, metadata, turns).
    pub source: Source,
    pub kind: RuleKind,
    pub title: std::sync::Arc<Bilingual>,
    pub reason: std::sync::Arc<Bilingual>,
    pub reference: Option<std::sync::Arc<str>>,
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
    /// Fires on the metadata: time sent, contact attempts.
    Context(ContextCondition),
    /// Fires when a question rule hits in a debtor's turn and none of the answer rules hits
    /// in the next collector turn.
    Turns {
        question: usize,
        answers: Vec<usize>,
    },
    /// Fires on other rules.
    Composite {
        all: Vec<usize>,
        any: Vec<usize>,
        min_any: usize,
        none: Vec<usize>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LiteralTarget {
    /// A keyword of this rule.
    Keyword(usize),
    /// A literal every match of this regex starts with: the regex is searched anchored at
    /// each occurrence.
    Start(usize),
    /// A literal every match of this regex ends with: the regex searches the whole text
    /// when one occurs.
    Trigger(usize),
    /// One of the literals every match of this (prefix-gated) regex ends with, or holds
    /// past its start ([`gate::required_ends`]): a candidate start with none beginning
    /// within the window after it cannot match.
    End(usize),
}

/// The matcher. Immutable once built; shared between threads.
#[derive(Clone, Debug)]
pub(crate) struct Engine {
    pub rules: Vec<Rule>,
    pub index: HashMap<String, usize>,
    pub settings: Settings,
    normalizer: Normalizer,
    literals: Option<aho_corasick::nfa::contiguous::NFA>,
    /// For each pattern of `literals`: what its occurrence means.
    literal_targets: LiteralTargets,
    patterns: Vec<Pattern>,
    /// Per pattern, what a short text's `last_end` starts from: 0 for an end-gated
    /// pattern (no end literal seen yet), `u32::MAX` for one without end literals (every
    /// start passes the end gate).
    end_gate_init: Vec<u32>,
    /// Patterns with no required literal: run on every text written in their rule's script.
    ungated: Vec<usize>,
    cues: Option<LiteralSet>,
    /// For each cue pattern: what it does.
    cue_kinds: Vec<CueKind>,
    clause_breaks: Vec<char>,
    /// Characters that end the sentence an after-cue reaches back over.
    after_breaks: Vec<char>,
    latin_clause_breaks: Vec<char>,
    turn_parser: TurnParser,
    reported: Option<LiteralSet>,
    /// The longest reported-speech cue, in bytes.
    reported_max_len: usize,
    sentence_breaks: Vec<char>,
    /// Rules marked `concrete_demand`: their firing cancels the public-warning framing.
    pub warning_defeaters: Vec<usize>,
    /// Rules marked `pays_elsewhere` and `pays_own_channel`.
    pub elsewhere_rules: Vec<usize>,
    pub own_channel_rules: Vec<usize>,
    /// Long-document rules (`document_over`): their firing makes the text a document about
    /// collection (an article, a page), `not_collection` whatever else fires.
    pub document_rules: Vec<usize>,
    /// First-person account rules (`account`): their firing makes the text an account
    /// about collection unless its fraud evidence makes it a scam.
    pub account_rules: Vec<usize>,
    /// Unaddressed-text rules (`unaddressed`): their firing makes a text about a debt that
    /// nothing marks as lawful, abusive or a scam `not_collection` instead of `unverified`.
    pub unaddressed_rules: Vec<usize>,
    /// Composite rules in an order where every rule comes after the rules it uses.
    composite_order: Vec<usize>,
    /// Sender, context and turn rules, in rule order: the rules decided after the text's
    /// hits (the text rules fire from hits, the composites in `composite_order`).
    checked_rules: Vec<usize>,
    /// Host rules (`lookalike_of`) with their institutions: text rules whose hits are
    /// link hosts, found after the keyword and pattern pass.
    host_rules: Vec<(usize, Lookalikes)>,
    /// Whether any rule is limited to a home region (then each text's region is found).
    uses_home: bool,
    caches: CachePool,
}

/// What matched in one message: for each rule, whether it fired and where.
#[derive(Clone, Debug)]
pub(crate) struct Evaluation {
    pub normalized: Normalized,
    pub fired: Vec<bool>,
    /// Per rule: 1 for direct evidence, less when all of it is from a debtor's turn or
    /// reported speech.
    pub strength: Vec<f32>,
    /// Per rule: what kind of evidence gave it its strength.
    pub evidence: Vec<Evidence>,
    /// Evidence per rule, as byte ranges of the normalized text.
    pub spans: SpanTable,
    /// The transcript turns (empty for a plain message).
    pub turns: Vec<Turn>,
    /// The region the message is read in (from its script): picks the label advice.
    pub home: Home,
    /// The normalized text has a Han character (the script scan's answer, kept).
    pub han: bool,
}

impl Engine {
    /// Compiles every pattern not compiled yet; the errors, as (rule id, message).
    #[cfg(test)]
    pub(crate) fn compile_all(&self) -> Vec<(String, String)> {
        self.patterns
            .iter()
            .filter_map(|p| {
                p.compiled()
                    .as_ref()
                    .err()
                    .map(|e| (self.rules[p.rule].id.clone(), e.clone()))
            })
            .collect()
    }

    pub(crate) fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The speaker turns of a normalized text, as the transcript settings parse them (the
    /// speakers of known labels only; neutral labels are left unresolved).
    pub(crate) fn turns(&self, normalized: &str) -> Vec<Turn> {
        self.turn_parser.turns(normalized)
    }

    /// Matches every rule against one message.
    pub(crate) fn evaluate(&self, message: &Message) -> Evaluation {
        self.evaluate_counting(message, &mut WorkCounts::default())
    }

    /// Matches every rule against one message, counting the work done into `work`.
    pub(crate) fn evaluate_counting(&self, message: &Message, work: &mut WorkCounts) -> Evaluation {
        let normalized = self.normalizer.normalize(&message.text);
        let haystack = normalized.as_str();
        work.scanned_bytes += (message.text.len() + haystack.len()) as u64;
        let n = self.rules.len();
        let scripts = Scripts::of(haystack);
        let home = scripts.home();
        let mut hits = self.text_hits(haystack, scripts, self.uses_home.then_some(home), work);
        work.hits += hits.len() as u64;

        let mut turns = self.turn_parser.turns(haystack);
        // Speaker labels ("催收员:") are no evidence of fraud, abuse or lawfulness; a label
        // that names a debt collector ("收数佬:", "debt collector:") still says what the
        // text is about, so its collection-topic hits stay.
        if !turns.is_empty() {
            hits.retain(|(rule, range)| {
                self.rules[*rule].axis == Axis::Collection
                    || turn_at(&turns, range.start)
                        .is_none_or(|t| range.start >= turns[t].content_start)
            });
        }
        if turns.iter().any(|t| t.speaker.is_none()) {
            let mut weight_of_label: HashMap<String, f32> = HashMap::new();
            for (rule, range) in &hits {
                let rule = &self.rules[*rule];
                if !matches!(rule.axis, Axis::Collection | Axis::Fraud | Axis::Abuse) {
                    continue;
                }
                if let Some(t) = turn_at(&turns, range.start) {
                    *weight_of_label.entry(turns[t].label.clone()).or_default() +=
                        rule.weight.unwrap_or(0.5).max(0.0);
                }
            }
            resolve_neutral(
                &mut turns,
                |label| self.turn_parser.is_neutral(label),
                |label| weight_of_label.get(label).copied().unwrap_or(0.0),
            );
        }
        let mut reported = self.reported_cues(haystack, work);
        self.add_narration_cues(&hits, &mut reported);

        let mut fired = vec![false; n];
        let mut strength = vec![0.0f32; n];
        let mut evidence = vec![Evidence::Direct; n];
        let mut spans = SpanTable::new(n);
        // (rule, turn) pairs that hit, for turn rules.
        let mut turn_hits: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (rule, range) in hits {
            let turn = turn_at(&turns, range.start);
            let speaker = turn.and_then(|t| turns[t].speaker);
            let (mut factor, kind) = self.attribution(
                rule,
                &range,
                Attribution {
                    speaker,
                    turn,
                    turns: &turns,
                    haystack,
                    reported: &reported,
                },
                work,
            );
            // A label's word is the transcript writer's, not the speaker's: half weight.
            if turn.is_some_and(|t| range.start < turns[t].content_start) {
                factor = factor.min(LABEL_FACTOR);
            }
            fired[rule] = true;
            if factor > strength[rule] {
                strength[rule] = factor;
                evidence[rule] = kind;
            }
            if let Some(t) = turn {
                turn_hits.insert((rule, t));
            }
            spans.add(rule, Hit { range, turn });
        }

        // For each turn, the first collector turn after it (turn rules judge the answer).
        let mut next_collector: Vec<Option<usize>> = vec![None; turns.len()];
        for t in (0..turns.len().saturating_sub(1)).rev() {
            next_collector[t] = if turns[t + 1].speaker == Some(Speaker::Collector) {
                Some(t + 1)
            } else {
                next_collector[t + 1]
            };
        }
        let sender = message.sender.as_deref().and_then(canonical_sender);
        let home_filter = self.uses_home.then_some(home);
        for &i in &self.checked_rules {
            let rule = &self.rules[i];
            if rule.disabled || !home_allows(rule, home_filter) {
                continue;
            }
            let hit = match &rule.kind {
                RuleKind::Sender(regexes) => sender
                    .as_deref()
                    .is_some_and(|number| regexes.iter().any(|r| r.is_match(number))),
                RuleKind::Context(condition) => {
                    if condition.account.is_some() || condition.unaddressed.is_some() {
                        // The voice count reads the text once more (words and one automaton).
                        work.scanned_bytes += haystack.len() as u64;
                    }
                    scripts.allows(rule.script)
                        && condition.holds(message, haystack, !turns.is_empty())
                }
                RuleKind::Turns { question, answers } => {
                    let before = spans.of(i).len();
                    for &(rule_hit, t) in &turn_hits {
                        if rule_hit != *question || turns[t].speaker != Some(Speaker::Debtor) {
                            continue;
                        }
                        let Some(next) = next_collector[t] else {
                            continue;
                        };
                        if answers.iter().any(|a| turn_hits.contains(&(*a, next))) {
                            continue;
                        }
                        // A pack's turn rule judges answers in its own language: Chinese
                        // answer rules cannot see an English answer, and the reverse.
                        let answer = &haystack[turns[next].content_start..turns[next].range.end];
                        if !Scripts::of(answer).allows(rule.script) {
                            continue;
                        }
                        for hit in spans.of(*question).to_vec() {
                            if hit.turn == Some(t) {
                                spans.add(i, hit);
                            }
                        }
                        spans.add(
                            i,
                            Hit {
                                range: trim_range(haystack, turns[next].range.clone()),
                                turn: Some(next),
                            },
                        );
                    }
                    spans.of(i).len() > before
                }
                RuleKind::Text | RuleKind::Composite { .. } => continue,
            };
            if hit {
                fired[i] = true;
                strength[i] = 1.0;
            }
        }

        // Reused by every composite that fires: its member rules and their evidence.
        let mut members: Vec<usize> = Vec::new();
        let mut union: Vec<Hit> = Vec::new();
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
                && home_allows(&self.rules[i], home_filter)
                && all.iter().all(|&r| fired[r])
                && (any.is_empty() || any_count >= *min_any)
                && !none.iter().any(|&r| fired[r]);
            if !hit {
                continue;
            }
            fired[i] = true;
            members.clear();
            members.extend(all.iter().chain(any.iter()).copied().filter(|&r| fired[r]));
            let all_strength = all.iter().map(|&r| strength[r]).fold(1.0, f32::min);
            let any_strength = any
                .iter()
                .filter(|&&r| fired[r])
                .map(|&r| strength[r])
                .fold(if any.is_empty() { 1.0 } else { 0.0 }, f32::max);
            strength[i] = all_strength.min(any_strength);
            if strength[i] < 1.0 {
                evidence[i] = members
                    .iter()
                    .map(|&r| evidence[r])
                    .find(|e| *e != Evidence::Direct)
                    .unwrap_or(Evidence::Direct);
            }
            union.clear();
            union.extend(members.iter().flat_map(|&r| spans.of(r).iter().cloned()));
            union.sort_by_key(|h| (h.range.start, h.range.end));
            union.dedup();
            spans.set(i, &union);
        }

        Evaluation {
            normalized,
            fired,
            strength,
            evidence,
            spans,
            turns,
            home,
            han: scripts.has_han(),
        }
    }
}

/// Evidence per rule, kept only for the rules that have some (a message fires a few dozen
/// of several hundred rules: an empty list per rule was most of an evaluation's memory
/// traffic). A rule's list is at most [`MAX_SPANS_PER_RULE`] long, so every rule that has
/// evidence gets a fixed block of that many hits in one shared vector: no allocation per
/// rule.
#[derive(Clone, Debug, Default)]
pub(crate) struct SpanTable {
    /// Per rule, the index of its block, or [`SpanTable::NONE`].
    slot: Vec<u32>,
    /// The blocks, [`MAX_SPANS_PER_RULE`] hits each; past a block's length, filler.
    hits: Vec<Hit>,
    /// Per block, how many of its hits are set.
    lens: Vec<u8>,
}

// A block's length is stored in a byte.
const _: () = assert!(MAX_SPANS_PER_RULE <= u8::MAX as usize);

impl SpanTable {
    const NONE: u32 = u32::MAX;
    const FILLER: Hit = Hit {
        range: 0..0,
        turn: None,
    };

    /// Blocks made room for up front: a short message's rules fire in about a dozen
    /// (growing from empty cost five reallocations and copies per message).
    const BLOCKS_RESERVED: usize = 16;

    fn new(rules: usize) -> SpanTable {
        SpanTable {
            slot: vec![SpanTable::NONE; rules],
            hits: Vec::with_capacity(SpanTable::BLOCKS_RESERVED * MAX_SPANS_PER_RULE),
            lens: Vec::with_capacity(SpanTable::BLOCKS_RESERVED),
        }
    }

    /// The evidence of one rule (empty when it has none).
    pub(crate) fn of(&self, rule: usize) -> &[Hit] {
        match self.slot[rule] {
            SpanTable::NONE => &[],
            at => {
                let start = at as usize * MAX_SPANS_PER_RULE;
                &self.hits[start..start + usize::from(self.lens[at as usize])]
            }
        }
    }

    /// The block of one rule, made empty on first use: (its first index in `hits`, its
    /// index in `lens`).
    fn block(&mut self, rule: usize) -> (usize, usize) {
        if self.slot[rule] == SpanTable::NONE {
            self.slot[rule] = self.lens.len() as u32;
            self.lens.push(0);
            self.hits
                .resize(self.hits.len() + MAX_SPANS_PER_RULE, SpanTable::FILLER);
        }
        let at = self.slot[rule] as usize;
        (at * MAX_SPANS_PER_RULE, at)
    }

    /// Adds a hit to a rule's evidence, merging it with an overlapping one (逾期 inside
    /// 已逾期); a rule keeps at most [`MAX_SPANS_PER_RULE`] hits.
    fn add(&mut self, rule: usize, hit: Hit) {
        let (start, at) = self.block(rule);
        let len = usize::from(self.lens[at]);
        let list = &mut self.hits[start..start + len];
        if let Some(existing) = list
            .iter_mut()
            .find(|s| s.range.start < hit.range.end && hit.range.start < s.range.end)
        {
            existing.range.start = existing.range.start.min(hit.range.start);
            existing.range.end = existing.range.end.max(hit.range.end);
            return;
        }
        if len < MAX_SPANS_PER_RULE {
            self.hits[start + len] = hit;
            self.lens[at] += 1;
        }
    }

    /// Replaces a rule's evidence with the first [`MAX_SPANS_PER_RULE`] of `hits`.
    fn set(&mut self, rule: usize, hits: &[Hit]) {
        let (start, at) = self.block(rule);
        let n = hits.len().min(MAX_SPANS_PER_RULE);
        self.hits[start..start + n].clone_from_slice(&hits[..n]);
        self.lens[at] = n as u8;
    }
}

/// A turn's range without trailing whitespace and at most [`MAX_TURN_SPAN_CHARS`] long.
fn trim_range(haystack: &str, range: Range<usize>) -> Range<usize> {
    let text = &haystack[range.clone()];
    let trimmed = text.trim_end();
    let end = trimmed
        .char_indices()
        .nth(MAX_TURN_SPAN_CHARS)
        .map_or(trimmed.len(), |(i, _)| i);
    range.start..range.start + end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(pattern: &str) -> Option<Gate> {
        required_literals(&parse_pattern(pattern).unwrap())
    }

    #[test]
    fn prefixes_are_extracted() {
        let Some(Gate::Prefixes(p)) = gate("(?:个人|私人)账户") else {
            panic!("expected prefixes");
        };
        assert_eq!(p.len(), 2);
        assert!(gate(r"\d{16,19}").is_none());
        assert!(gate(".*").is_none());
        assert!(gate("a?b").is_some());
        // No finite prefix set, so the suffix literals gate it.
        let Some(Gate::Suffixes(s)) = gate("(?:^|[,;])\\s*(?:现已|已被)冻结") else {
            panic!("expected suffixes");
        };
        assert!(s.iter().all(|l| l.ends_with("冻结".as_bytes())), "{s:?}");
        assert!(gate("(?:^|[^0-9])95\\d{3}(?:[^0-9]|$)").is_none());
    }

    #[test]
    fn end_literals_are_extracted_when_long_enough() {
        let ends = |pattern: &str| required_ends(&parse_pattern(pattern).unwrap());
        let e = ends("(?:停车费|罚单)[^,。]{0,16}(?:未缴|逾期)").expect("finite ends");
        assert_eq!(
            e,
            vec!["未缴".as_bytes().to_vec(), "逾期".as_bytes().to_vec()]
        );
        // A digit or one letter at the end would filter nothing: no end gate.
        assert_eq!(ends(r"pay \d"), None);
        assert_eq!(ends("账户[^,]{0,5}"), None);
        // No literal ends every match, but one of a set is inside each: the set past the
        // start (the opening `from`/`with` is what the prefix gate already saw).
        let lit = |l: &str| l.as_bytes().to_vec();
        assert_eq!(
            ends(r"\b(?:from|with)\s*(?:midland|encore)\b(?:\s+here|\s*[.!?]|\s*$)"),
            Some(vec![lit("encore"), lit("midland")])
        );
        // Of two sets past the start, the one whose shortest literal is longer.
        assert_eq!(
            ends("(?:你|您)(?:是)?(?:垃圾|废物|人渣)(?:$|[^分桶])"),
            Some(vec![lit("人渣"), lit("垃圾"), lit("废物")])
        );
        // Long literals are cut to their first bytes; an optional part gates nothing.
        assert_eq!(
            ends("(?:请|快)(?:务必)?联系催收专员(?:$|[^a])"),
            Some(vec![lit("联系催")])
        );
        // A branch with no usable literal (one letter) leaves no set.
        assert_eq!(ends("(?:call|ring)\\s+(?:me|x)(?:$|[.])"), None);
    }

    /// The default packs' patterns compile lazily: every one of them must compile.
    #[test]
    fn every_default_pattern_compiles() {
        let classifier = crate::Classifier::default();
        assert_eq!(classifier.engine().compile_all(), vec![]);
    }

    /// The gates build.rs computed for the embedded packs are the ones the runtime computes,
    /// for every embedded pattern.
    #[test]
    fn precomputed_gates_equal_runtime_gates() {
        let mut checked = 0;
        let packs: Vec<_> = crate::rules::DEFAULT_PACKS
            .iter()
            .map(|(file, text)| crate::rules::parse_pack(file, text).unwrap())
            .collect();
        // build.rs expands the word lists as the builder does, then computes the gates.
        let lists: HashMap<String, Vec<String>> =
            packs.iter().flat_map(|p| p.words.iter().cloned()).collect();
        for pack in &packs {
            for def in &pack.rules {
                for source in &def.patterns {
                    let source = &crate::words::expand(source, &lists).unwrap();
                    let hir = parse_pattern(source).unwrap();
                    let runtime = required_literals(&hir);
                    let ends = match runtime {
                        Some(Gate::Prefixes(_)) => required_ends(&hir),
                        _ => None,
                    };
                    assert_eq!(
                        builtin_gate(source),
                        Some((runtime, ends)),
                        "{} {source}",
                        def.id
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
        assert_eq!(builtin_gate("not a pattern of the packs"), None);
    }

    #[test]
    fn word_boundaries_are_ascii() {
        let regex = compile_regex(r"\bapp\b").unwrap();
        assert!(regex.is_match("请用app还款"));
        assert!(regex.is_match("use the app."));
        assert!(!regex.is_match("happy"));
        // Whole leftmost-first spans, also from the NFA engines (a regression: compiling
        // without the implicit group made them report a shorter span).
        let greedy = compile_regex(r"\bdebt collectors?\b").unwrap();
        let m = greedy.find("ask debt collectors now").unwrap();
        assert_eq!(m.range(), 4..19);
        let negated = compile_regex(r"\Bpp").unwrap();
        assert!(negated.is_match("app"));
        assert!(!negated.is_match("用pp"));
    }

    /// The literal gating (anchored searches at prefix literals, whole-text scans on suffix
    /// literals) finds exactly what scanning the whole text with every regex finds, on every
    /// rule example and counter-example of the default packs and on texts made of several.
    #[test]
    fn gated_search_equals_full_scan() {
        let classifier = crate::Classifier::default();
        let engine = classifier.engine();
        let singles: Vec<String> = engine
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().chain(&r.counter_examples))
            .map(|e| e.to_message(false).text)
            .collect();
        // Joined neighbours repeat literals and put matches next to each other.
        let joined: Vec<String> = singles.chunks(3).map(|w| w.concat()).collect();
        for text in singles.iter().chain(&joined) {
            let normalized = engine.normalizer.normalize(text);
            let haystack = normalized.as_str();
            let scripts = Scripts::of(haystack);
            let mut gated = engine.text_hits_with(
                haystack,
                scripts,
                None,
                Search::Gated,
                &mut WorkCounts::default(),
            );
            let mut full = engine.text_hits_with(
                haystack,
                scripts,
                None,
                Search::FullScan,
                &mut WorkCounts::default(),
            );
            gated.sort_by_key(|(rule, range)| (*rule, range.start, range.end));
            full.sort_by_key(|(rule, range)| (*rule, range.start, range.end));
            assert_eq!(gated, full, "{text:?}");
        }
    }

    #[test]
    fn span_table_merges_caps_and_replaces_per_rule() {
        let hit = |start: usize, end: usize| Hit {
            range: start..end,
            turn: None,
        };
        let mut table = SpanTable::new(4);
        assert!(table.of(0).is_empty() && table.of(3).is_empty());
        // Overlapping hits merge (逾期 inside 已逾期); disjoint ones are kept in order.
        table.add(2, hit(3, 9));
        table.add(2, hit(0, 6));
        table.add(2, hit(20, 24));
        assert_eq!(table.of(2), [hit(0, 9), hit(20, 24)]);
        // Another rule's block does not disturb the first, and at most
        // MAX_SPANS_PER_RULE hits are kept.
        for k in 0..2 * MAX_SPANS_PER_RULE {
            table.add(0, hit(100 * k, 100 * k + 5));
        }
        assert_eq!(table.of(0).len(), MAX_SPANS_PER_RULE);
        assert_eq!(table.of(0)[MAX_SPANS_PER_RULE - 1], hit(700, 705));
        assert_eq!(table.of(2), [hit(0, 9), hit(20, 24)]);
        // `set` replaces a rule's evidence, keeping the first MAX_SPANS_PER_RULE.
        let many: Vec<Hit> = (0..12).map(|k| hit(k, k + 1)).collect();
        table.set(2, &many);
        assert_eq!(table.of(2), &many[..MAX_SPANS_PER_RULE]);
        table.set(3, &many[..1]);
        assert_eq!(table.of(3), &many[..1]);
        assert!(table.of(1).is_empty());
    }
}
