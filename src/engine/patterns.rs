//! Compiling rule patterns and cue lists: ASCII word boundaries, the literals that gate a
//! regex, size limits.

use super::*;

/// Compiles a rule pattern. `\b` and `\B` are ASCII word boundaries: rules match
/// normalized (lower-case, half-width) text, their word boundaries are about English words,
/// and Han or other non-ASCII characters next to an English word count as non-word
/// characters (`\bapp\b` matches in `用app还款`). ASCII boundaries also keep the regexes
/// on the lazy DFA, which gives up on Unicode boundaries in non-ASCII text.
pub(super) fn compile_regex(source: &str) -> Result<Regex, String> {
    compile_hir(parse_pattern(source)?)
}

/// Builds the matcher of a parsed pattern. Only overall match spans are ever asked for, so
/// only the implicit whole-match group is compiled.
pub(super) fn compile_hir(hir: Hir) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(REGEX_DFA_LIMIT)
                .which_captures(WhichCaptures::Implicit),
        )
        .build_from_hir(&ascii_word_boundaries(hir))
        .map_err(|e| e.to_string())
}

/// `hir` with every unbounded repetition (`x*`, `x+`, `x{n,}`) limited to `bound` repeats
/// beyond its minimum, so every match has a bounded length. Used for the patterns that scan
/// the whole text: a scan then looks at most a bounded distance past any match, which keeps
/// iterating over all matches linear in the text.
pub(crate) fn bound_repetitions(hir: Hir, bound: u32) -> Hir {
    match hir.into_kind() {
        HirKind::Repetition(mut repetition) => {
            if repetition.max.is_none() {
                repetition.max = Some(repetition.min.saturating_add(bound));
            }
            repetition.sub = Box::new(bound_repetitions(*repetition.sub, bound));
            Hir::repetition(repetition)
        }
        HirKind::Capture(mut capture) => {
            capture.sub = Box::new(bound_repetitions(*capture.sub, bound));
            Hir::capture(capture)
        }
        HirKind::Concat(subs) => Hir::concat(
            subs.into_iter()
                .map(|h| bound_repetitions(h, bound))
                .collect(),
        ),
        HirKind::Alternation(subs) => Hir::alternation(
            subs.into_iter()
                .map(|h| bound_repetitions(h, bound))
                .collect(),
        ),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
    }
}

/// `hir` with every Unicode word-boundary assertion replaced by its ASCII counterpart.
pub(super) fn ascii_word_boundaries(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        }),
        HirKind::Repetition(mut repetition) => {
            repetition.sub = Box::new(ascii_word_boundaries(*repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Capture(mut capture) => {
            capture.sub = Box::new(ascii_word_boundaries(*capture.sub));
            Hir::capture(capture)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(ascii_word_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(ascii_word_boundaries).collect())
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
    }
}

/// One automaton over a list of phrases from the settings (each in normalized form).
pub(super) fn compile_list(
    list: &[String],
    name: &str,
    file: &str,
    normalizer: &Normalizer,
) -> Result<Option<AhoCorasick>, BuildError> {
    let setting = |msg: String| BuildError::new(file, None, BuildErrorKind::Setting(msg));
    for phrase in list {
        let normalized = normalizer.normalize(phrase);
        if phrase.is_empty() || normalized.as_str() != phrase {
            return Err(setting(format!(
                "{name}: {phrase:?} is empty or not in normalized form (write {:?})",
                normalized.as_str()
            )));
        }
    }
    if list.is_empty() {
        return Ok(None);
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(list)
        .map(Some)
        .map_err(|e| setting(e.to_string()))
}

pub(super) fn compile_cues(
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
