//! Compiling rule patterns and cue lists: ASCII word boundaries, bounded repetitions, size
//! limits; the patterns compiled on first use, their gates (precomputed for the embedded
//! packs), the literal table of the one automaton, and the pool of regex caches.

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
) -> Result<Option<LiteralSet>, BuildError> {
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
    LiteralSet::new(list)
        .map(Some)
        .map_err(|e| setting(e.to_string()))
}

pub(super) fn compile_cues(
    negation: &Negation,
    file: &str,
    normalizer: &Normalizer,
) -> Result<(Option<LiteralSet>, Vec<bool>), BuildError> {
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
    let ac = LiteralSet::new(&strings)
        .map_err(|e| BuildError::new(file, None, BuildErrorKind::Setting(e.to_string())))?;
    Ok((Some(ac), negates))
}

/// A rule pattern. The default packs' patterns are parsed and compiled on first use (most
/// never run on a given text, and compiling all of them would be most of a build; their
/// gates were computed when the crate was compiled); those of packs added by the user are
/// compiled when the classifier is built, so that their errors show there.
#[derive(Clone, Debug)]
pub(super) struct Pattern {
    pub(super) source: String,
    /// Scans the whole text: compiled with bounded repetitions.
    pub(super) bounded: bool,
    /// Every match starts at an (ASCII) word boundary: the pattern opens with `\b`. Such a
    /// pattern cannot match at a literal that continues a word ("i" in "final").
    pub(super) word_start: bool,
    /// Searched at a candidate start only when one of the literals its matches end with
    /// or hold ([`gate::required_ends`]) begins within reach after it.
    pub(super) end_gated: bool,
    pub(super) regex: OnceLock<Result<Regex, String>>,
    pub(super) rule: usize,
}

impl Pattern {
    /// The compiled regex, compiling it on first use; `None` if it cannot be compiled
    /// (never for the default packs: a test compiles every one of them).
    pub(super) fn regex(&self) -> Option<&Regex> {
        self.compiled().as_ref().ok()
    }

    pub(super) fn compiled(&self) -> &Result<Regex, String> {
        self.regex.get_or_init(|| {
            let hir = parse_pattern(&self.source)?;
            compile_hir(if self.bounded {
                bound_repetitions(hir, SCAN_REPEAT_BOUND)
            } else {
                hir
            })
        })
    }
}

/// The working memory of one matching pass: the regexes' lazy DFA caches and the pass's
/// lists, one set per evaluation running at a time. A set is taken for an evaluation and
/// given back after it, so the memory is bounded by how many evaluations run at once, not
/// by how many threads ever ran one (the regex crate's own per-regex pools keep a cache per
/// thread they have seen, and batches that start threads round after round grew to a
/// gigabyte that way), and a message allocates none of it.
#[derive(Debug, Default)]
pub(super) struct CachePool {
    sets: std::sync::Mutex<Vec<SearchSet>>,
}

/// One pass's working memory (see [`CachePool`]); its lists are cleared by the pass that
/// takes it.
#[derive(Debug, Default)]
pub(super) struct SearchSet {
    /// A lazy DFA cache per pattern, made on the pattern's first search.
    pub(super) caches: Vec<Option<meta::Cache>>,
    /// Patterns to scan the whole text with.
    pub(super) scans: Vec<usize>,
    /// Packed (pattern, position) candidate starts.
    pub(super) starts: Vec<u64>,
    /// Packed (pattern, position) end literals.
    pub(super) ends: Vec<u64>,
    /// Per pattern, the last place one of its end literals begins, plus one (short texts).
    pub(super) last_end: Vec<u32>,
}

impl SearchSet {
    /// The most entries a list keeps between passes.
    const KEPT_ENTRIES: usize = 1 << 14;

    fn free_if_large(&mut self) {
        if self.scans.capacity() > Self::KEPT_ENTRIES {
            self.scans = Vec::new();
        }
        if self.starts.capacity() > Self::KEPT_ENTRIES {
            self.starts = Vec::new();
        }
        if self.ends.capacity() > Self::KEPT_ENTRIES {
            self.ends = Vec::new();
        }
    }
}

impl Clone for CachePool {
    /// A clone starts with no caches of its own.
    fn clone(&self) -> Self {
        CachePool::default()
    }
}

impl CachePool {
    pub(super) fn take(&self, patterns: usize) -> SearchSet {
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        sets.pop().unwrap_or_else(|| {
            let mut set = SearchSet::default();
            set.caches.resize_with(patterns, || None);
            set
        })
    }

    /// Returns a set to the pool; lists a long text grew past [`SearchSet::KEPT_ENTRIES`]
    /// are freed first, so the pool keeps no more than a short text needs.
    pub(super) fn give_back(&self, mut set: SearchSet) {
        set.free_if_large();
        self.sets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(set);
    }
}

/// The distinct literals of the one automaton, each with everything it stands for.
#[derive(Default)]
pub(super) struct LiteralTable {
    ids: HashMap<Vec<u8>, usize>,
    pub(super) strings: Vec<Vec<u8>>,
    pub(super) targets: Vec<Vec<LiteralTarget>>,
}

impl LiteralTable {
    pub(super) fn add(&mut self, literal: Vec<u8>, target: LiteralTarget) {
        let id = *self.ids.entry(literal).or_insert_with_key(|literal| {
            self.strings.push(literal.clone());
            self.targets.push(Vec::new());
            self.strings.len() - 1
        });
        if !self.targets[id].contains(&target) {
            self.targets[id].push(target);
        }
    }
}

/// What each literal of the automaton stands for, every literal's targets side by side in
/// one array (one indirection and dense memory on the hot path of every keyword hit).
#[derive(Clone, Debug)]
pub(super) struct LiteralTargets {
    /// `targets[starts[i]..starts[i + 1]]` are literal `i`'s.
    starts: Vec<u32>,
    targets: Vec<LiteralTarget>,
}

impl LiteralTargets {
    /// Flattens one list of targets per literal.
    pub(super) fn new(per_literal: Vec<Vec<LiteralTarget>>) -> LiteralTargets {
        let mut starts = Vec::with_capacity(per_literal.len() + 1);
        let mut targets = Vec::new();
        starts.push(0);
        for list in per_literal {
            targets.extend(list);
            starts.push(u32::try_from(targets.len()).expect("fewer than 2^32 literal targets"));
        }
        LiteralTargets { starts, targets }
    }

    /// The targets of literal `literal`.
    #[inline]
    pub(super) fn of(&self, literal: usize) -> &[LiteralTarget] {
        &self.targets[self.starts[literal] as usize..self.starts[literal + 1] as usize]
    }
}

/// The gates of the embedded packs' patterns, computed by build.rs.
mod builtin {
    use super::gate::GateKind;
    include!(concat!(env!("OUT_DIR"), "/builtin_gates.rs"));
}

/// A pattern's gate and, for a prefix gate, the literals one of which every match ends
/// with or holds past its start.
pub(super) type PatternGates = (Option<Gate>, Option<Vec<Vec<u8>>>);

/// The precomputed gate of an embedded pattern and, for a prefix gate, the literals its
/// matches end with or hold ([`gate::required_ends`]); `None` when `source` is not one.
pub(super) fn builtin_gate(source: &str) -> Option<PatternGates> {
    let i = builtin::BUILTIN_GATES
        .binary_search_by(|(s, _, _)| (*s).cmp(source))
        .ok()?;
    let (_, gate, ends) = builtin::BUILTIN_GATES[i];
    let owned = |literals: &[&[u8]]| literals.iter().map(|l| l.to_vec()).collect();
    let gate = gate.map(|(kind, literals)| match kind {
        gate::GateKind::Prefixes => Gate::Prefixes(owned(literals)),
        gate::GateKind::Suffixes => Gate::Suffixes(owned(literals)),
    });
    Some((gate, ends.map(owned)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_search_set_keeps_short_lists_and_frees_long_ones() {
        let pool = CachePool::default();
        let mut set = pool.take(3);
        assert_eq!(set.caches.len(), 3);
        set.starts.reserve(SearchSet::KEPT_ENTRIES + 1);
        set.ends.reserve(10);
        set.scans.reserve(SearchSet::KEPT_ENTRIES * 4);
        pool.give_back(set);
        let again = pool.take(3);
        assert_eq!(again.starts.capacity(), 0);
        assert_eq!(again.scans.capacity(), 0);
        assert!(again.ends.capacity() >= 10);
        assert_eq!(again.caches.len(), 3);
    }
}
