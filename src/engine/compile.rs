//! Building the engine from rule definitions: checking each rule's shape, compiling its
//! keywords, patterns (gated by their literals), sender patterns, context conditions, turn
//! and composite references, and the settings' cue lists.

use super::voice::AccountCondition;
use super::*;

impl Engine {
    /// Compiles the rules; an error names the file, the rule id and the problem.
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
        let mut literal_table = LiteralTable::default();
        let mut patterns = Vec::new();
        let mut ungated = Vec::new();
        let mut host_rules = Vec::new();
        for (rule_index, def) in defs.into_iter().enumerate() {
            let err = |kind| BuildError::new(&def.file, Some(&def.id), kind);
            let is_text = !def.keywords.is_empty() || !def.patterns.is_empty();
            let is_sender = !def.sender_patterns.is_empty();
            let is_composite = !def.all.is_empty() || !def.any.is_empty();
            let is_context = def.sent_between.is_some()
                || def.attempts_over.is_some()
                || def.document_over.is_some()
                || def.account.is_some()
                || def.unaddressed.is_some();
            let is_turns = def.question.is_some();
            let is_host = !def.lookalike_of.is_empty();
            let shapes = [
                is_text,
                is_sender,
                is_composite,
                is_context,
                is_turns,
                is_host,
            ]
            .iter()
            .filter(|&&b| b)
            .count();
            if shapes == 0 {
                return Err(err(BuildErrorKind::Shape(
                    "the rule needs keywords, patterns, sender_patterns, composite members (all/any), a context condition (sent_between, attempts_over, document_over, account, unaddressed), a question or lookalike_of"
                        .into(),
                )));
            }
            if shapes > 1 {
                return Err(err(BuildErrorKind::Shape(
                    "a rule is one of: a text rule (keywords, patterns), a sender rule (sender_patterns), a composite (all, any), a context rule (sent_between, attempts_over, document_over, account, unaddressed), a turn rule (question, answered_by) or a host rule (lookalike_of)".into(),
                )));
            }
            if !is_turns && !def.answered_by.is_empty() {
                return Err(err(BuildErrorKind::Shape(
                    "`answered_by` belongs to turn rules (with `question`)".into(),
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
                literal_table.add(
                    keyword.as_bytes().to_vec(),
                    LiteralTarget::Keyword(rule_index),
                );
            }
            // The voice conditions read the normalized text: their words must be in that form.
            let voice_words = def.account.iter().flat_map(|a| {
                [&a.first_person, &a.second_person, &a.others, &a.neither]
                    .into_iter()
                    .flatten()
            });
            let unaddressed_words = def.unaddressed.iter().flat_map(|u| &u.second_person);
            for word in voice_words.chain(unaddressed_words) {
                let normalized = normalizer.normalize(word);
                if normalized.as_str() != word && !word.is_empty() {
                    return Err(err(BuildErrorKind::KeywordNotNormalized {
                        keyword: word.clone(),
                        normalized: normalized.as_str().to_string(),
                    }));
                }
            }
            for source in &def.patterns {
                let precomputed = if def.builtin {
                    builtin_gate(source)
                } else {
                    None
                };
                let (gate, ends) = match precomputed {
                    Some(gate) => gate,
                    None => {
                        let hir =
                            parse_pattern(source).map_err(|e| err(BuildErrorKind::Regex(e)))?;
                        match required_literals(&hir) {
                            Some(Gate::Prefixes(starts)) => {
                                (Some(Gate::Prefixes(starts)), required_ends(&hir))
                            }
                            other => (other, None),
                        }
                    }
                };
                let pattern = Pattern {
                    source: source.clone(),
                    // A pattern searched anchored at its prefix literals gets a bounded
                    // window; one that scans the whole text gets bounded repetitions.
                    bounded: !matches!(gate, Some(Gate::Prefixes(_))),
                    word_start: source.starts_with(r"\b"),
                    end_gated: ends.is_some(),
                    regex: OnceLock::new(),
                    rule: rule_index,
                };
                if !def.builtin {
                    pattern
                        .compiled()
                        .as_ref()
                        .map_err(|e| err(BuildErrorKind::Regex(e.clone())))?;
                }
                let pattern_index = patterns.len();
                patterns.push(pattern);
                match gate {
                    Some(Gate::Prefixes(literals)) => {
                        for literal in literals {
                            literal_table.add(literal, LiteralTarget::Start(pattern_index));
                        }
                        for literal in ends.into_iter().flatten() {
                            literal_table.add(literal, LiteralTarget::End(pattern_index));
                        }
                    }
                    Some(Gate::Suffixes(literals)) => {
                        for literal in literals {
                            literal_table.add(literal, LiteralTarget::Trigger(pattern_index));
                        }
                    }
                    None => ungated.push(pattern_index),
                }
            }
            if is_host {
                let lookalikes = Lookalikes::new(&def.lookalike_of)
                    .map_err(|m| err(BuildErrorKind::Shape(m)))?;
                host_rules.push((rule_index, lookalikes));
            }
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
            let kind = if is_context {
                let sent_between = match &def.sent_between {
                    Some([from, to]) => match (minutes(from), minutes(to)) {
                        (Some(a), Some(b)) if a != b => Some((a, b)),
                        _ => {
                            return Err(err(BuildErrorKind::Shape(format!(
                                "sent_between needs two different HH:MM times, got [{from:?}, {to:?}]"
                            ))));
                        }
                    },
                    None => None,
                };
                let (answered_over, unanswered_over) = match def.attempts_over {
                    Some(a) if a.answered.is_none() && a.unanswered.is_none() => {
                        return Err(err(BuildErrorKind::Shape(
                            "attempts_over needs `answered` and/or `unanswered`".into(),
                        )));
                    }
                    Some(a) => (a.answered, a.unanswered),
                    None => (None, None),
                };
                RuleKind::Context(ContextCondition {
                    sent_between,
                    answered_over,
                    unanswered_over,
                    document_over: def.document_over.map(|d| (d.chars, d.lines)),
                    account: def
                        .account
                        .as_ref()
                        .map(|a| AccountCondition::new(a).map(Box::new))
                        .transpose()
                        .map_err(|m| err(BuildErrorKind::Shape(m)))?,
                    unaddressed: def
                        .unaddressed
                        .as_ref()
                        .map(|u| AccountCondition::unaddressed(u).map(Box::new))
                        .transpose()
                        .map_err(|m| err(BuildErrorKind::Shape(m)))?,
                })
            } else if let Some(question) = &def.question {
                RuleKind::Turns {
                    question: resolve(std::slice::from_ref(question))?[0],
                    answers: resolve(&def.answered_by)?,
                }
            } else if is_sender {
                let regexes = def
                    .sender_patterns
                    .iter()
                    .map(|p| compile_regex(p).map_err(|e| err(BuildErrorKind::Regex(e))))
                    .collect::<Result<Vec<_>, _>>()?;
                RuleKind::Sender(regexes)
            } else if is_composite {
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
                script: Script::of_rule(&def.id),
                id: def.id,
                file: def.file,
                axis: def.axis,
                weight: def.weight,
                scheme: def.scheme,
                negatable,
                disabled: def.disabled,
                home: def.home,
                source: Source::Text,
                concrete_demand: def.concrete_demand,
                narrates: def.narrates,
                needs_witness: def.needs_witness,
                pays_elsewhere: def.pays_elsewhere,
                pays_own_channel: def.pays_own_channel,
                firm: def.firm,
                kind,
                title: def.title.into(),
                reason: def.reason.into(),
                reference: def.reference.map(Into::into),
                advice: def.advice,
                examples: def.examples,
                counter_examples: def.counter_examples,
            });
        }

        let composite_order = composite_order(&rules)?;
        let checked_rules = (0..rules.len())
            .filter(|&i| {
                matches!(
                    rules[i].kind,
                    RuleKind::Sender(_) | RuleKind::Context(_) | RuleKind::Turns { .. }
                )
            })
            .collect();
        // What each rule's evidence comes from; a composite takes the first non-text source
        // among its members (a night-time rule is about the metadata even when it also needs
        // the text). Members come earlier in `composite_order`.
        for rule in &mut rules {
            rule.source = match rule.kind {
                RuleKind::Sender(_) => Source::Sender,
                RuleKind::Context(_) => Source::Context,
                RuleKind::Turns { .. } => Source::Turns,
                RuleKind::Text | RuleKind::Composite { .. } => Source::Text,
            };
        }
        for &i in &composite_order {
            if let RuleKind::Composite { all, any, .. } = &rules[i].kind {
                let source = all
                    .iter()
                    .chain(any)
                    .map(|&r| rules[r].source)
                    .find(|s| *s != Source::Text)
                    .unwrap_or(Source::Text);
                rules[i].source = source;
            }
        }
        if patterns.len() >= super::MAX_PATTERNS {
            return Err(BuildError::new(
                "<rules>",
                None,
                BuildErrorKind::Shape(format!(
                    "{} patterns: at most {} are supported",
                    patterns.len(),
                    super::MAX_PATTERNS - 1
                )),
            ));
        }
        let LiteralTable {
            strings: literal_strings,
            targets: literal_targets,
            ..
        } = literal_table;
        let literals = if literal_strings.is_empty() {
            None
        } else {
            Some(
                aho_corasick::nfa::contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&literal_strings)
                    .map_err(|e| {
                        BuildError::new("<rules>", None, BuildErrorKind::Regex(e.to_string()))
                    })?,
            )
        };
        let (cues, cue_kinds) = compile_cues(&settings.negation, settings_file, &normalizer)?;
        let clause_breaks = settings.negation.clause_breaks.chars().collect();
        let after_breaks = settings.negation.after_breaks.chars().collect();
        let latin_clause_breaks = settings.negation.latin_clause_breaks.chars().collect();
        let turn_parser = TurnParser::new(&settings.transcript);
        let reported = compile_list(
            &settings.transcript.reported_speech,
            "transcript.reported_speech",
            settings_file,
            &normalizer,
        )?;
        let reported_max_len = settings
            .transcript
            .reported_speech
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(0);
        let sentence_breaks = settings.transcript.sentence_breaks.chars().collect();
        let indices_of = |keep: &dyn Fn(&Rule) -> bool| -> Vec<usize> {
            rules
                .iter()
                .enumerate()
                .filter(|(_, r)| keep(r))
                .map(|(i, _)| i)
                .collect()
        };
        let context = |r: &Rule, has: fn(&ContextCondition) -> bool| matches!(&r.kind, RuleKind::Context(c) if has(c));
        let document_rules = indices_of(&|r| context(r, |c| c.document_over.is_some()));
        let account_rules = indices_of(&|r| context(r, |c| c.account.is_some()));
        let unaddressed_rules = indices_of(&|r| context(r, |c| c.unaddressed.is_some()));
        let warning_defeaters = indices_of(&|r| r.concrete_demand);
        let elsewhere_rules = indices_of(&|r| r.pays_elsewhere);
        let own_channel_rules = indices_of(&|r| r.pays_own_channel);
        let uses_home = rules.iter().any(|r| r.home.is_some());
        Ok(Engine {
            uses_home,
            rules,
            index,
            settings,
            normalizer,
            literals,
            literal_targets: LiteralTargets::new(literal_targets, |p| patterns[p].word_start),
            end_gate_init: patterns
                .iter()
                .map(|p| if p.end_gated { 0 } else { u32::MAX })
                .collect(),
            patterns,
            ungated,
            cues,
            cue_kinds,
            clause_breaks,
            after_breaks,
            latin_clause_breaks,
            turn_parser,
            reported,
            reported_max_len,
            sentence_breaks,
            warning_defeaters,
            elsewhere_rules,
            own_channel_rules,
            document_rules,
            account_rules,
            unaddressed_rules,
            composite_order,
            checked_rules,
            host_rules,
            caches: CachePool::default(),
        })
    }
}
