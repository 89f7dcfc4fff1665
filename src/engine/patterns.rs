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

/// What a negation cue of the settings does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CueKind {
    /// Negates the hits after it in its clause (`cues`).
    Before,
    /// Negates the hits before it in its sentence (`after_cues`).
    After,
    /// Contains a cue but negates nothing (`not_negating`).
    Blocker,
}

pub(super) fn compile_cues(
    negation: &Negation,
    file: &str,
    normalizer: &Normalizer,
) -> Result<(Option<LiteralSet>, Vec<CueKind>), BuildError> {
    let mut strings = Vec::new();
    let mut kinds = Vec::new();
    for (list, kind) in [
        (&negation.cues, CueKind::Before),
        (&negation.after_cues, CueKind::After),
        (&negation.not_negating, CueKind::Blocker),
    ] {
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
            kinds.push(kind);
        }
    }
    if strings.is_empty() {
        return Ok((None, kinds));
    }
    let ac = LiteralSet::new(&strings)
        .map_err(|e| BuildError::new(file, None, BuildErrorKind::Setting(e.to_string())))?;
    Ok((Some(ac), kinds))
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
    /// A short text's literal hits, (literal, start, end), in the pass's order.
    pub(super) literal_hits: Vec<(u32, u32, u32)>,
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
/// one array (one indirection and dense memory on the hot path of every keyword hit), each
/// packed into four bytes: a short English text's hundred literal hits visit a thousand
/// targets ("you", "pay" begin dozens of patterns), and the pass reads nothing else.
#[derive(Clone, Debug)]
pub(super) struct LiteralTargets {
    /// `targets[starts[i]..starts[i + 1]]` are literal `i`'s: its end targets, then from
    /// `others[i]` the rest.
    starts: Vec<u32>,
    others: Vec<u32>,
    targets: Vec<PackedTarget>,
}

/// A [`LiteralTarget`] in four bytes: its kind in the top two bits, for a start whether
/// its pattern begins with `\b` in the next, and the rule or pattern index below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PackedTarget(u32);

impl PackedTarget {
    const INDEX_BITS: u32 = 29;
    const INDEX_MASK: u32 = (1 << Self::INDEX_BITS) - 1;
    const WORD_START: u32 = 1 << Self::INDEX_BITS;
    pub(super) const KEYWORD: u32 = 0;
    pub(super) const START: u32 = 1;
    pub(super) const TRIGGER: u32 = 2;
    pub(super) const END: u32 = 3;

    fn new(target: LiteralTarget, word_start: bool) -> PackedTarget {
        let (kind, index) = match target {
            LiteralTarget::Keyword(rule) => (Self::KEYWORD, rule),
            LiteralTarget::Start(p) => (Self::START, p),
            LiteralTarget::Trigger(p) => (Self::TRIGGER, p),
            LiteralTarget::End(p) => (Self::END, p),
        };
        let index = u32::try_from(index)
            .ok()
            .filter(|&i| i <= Self::INDEX_MASK)
            .expect("rule and pattern indices below 2^29 (patterns are checked below 2^24)");
        let flag = if kind == Self::START && word_start {
            Self::WORD_START
        } else {
            0
        };
        PackedTarget(kind << 30 | flag | index)
    }

    /// The kind: [`Self::KEYWORD`], [`Self::START`], [`Self::TRIGGER`] or [`Self::END`].
    #[inline]
    pub(super) fn kind(self) -> u32 {
        self.0 >> 30
    }

    /// The rule (a keyword's) or the pattern (a start's, trigger's or end's).
    #[inline]
    pub(super) fn index(self) -> usize {
        (self.0 & Self::INDEX_MASK) as usize
    }

    /// For a start: whether its pattern begins with `\b`.
    #[inline]
    pub(super) fn word_start(self) -> bool {
        self.0 & Self::WORD_START != 0
    }
}

impl LiteralTargets {
    /// Flattens one list of targets per literal, each literal's end targets first (the
    /// others keep their order); `word_start(p)`: whether pattern `p` begins with `\b`.
    pub(super) fn new(
        per_literal: Vec<Vec<LiteralTarget>>,
        word_start: impl Fn(usize) -> bool,
    ) -> LiteralTargets {
        let mut starts = Vec::with_capacity(per_literal.len() + 1);
        let mut others = Vec::with_capacity(per_literal.len());
        let mut targets = Vec::new();
        starts.push(0);
        let pack = |t: LiteralTarget| {
            let flag = matches!(t, LiteralTarget::Start(p) if word_start(p));
            PackedTarget::new(t, flag)
        };
        let count = |len: usize| u32::try_from(len).expect("fewer than 2^32 literal targets");
        for list in per_literal {
            let is_end = |t: &LiteralTarget| matches!(t, LiteralTarget::End(_));
            targets.extend(list.iter().copied().filter(is_end).map(pack));
            others.push(count(targets.len()));
            targets.extend(list.iter().copied().filter(|t| !is_end(t)).map(pack));
            starts.push(count(targets.len()));
        }
        LiteralTargets {
            starts,
            others,
            targets,
        }
    }

    /// The end targets of literal `literal`.
    #[inline]
    pub(super) fn ends_of(&self, literal: usize) -> &[PackedTarget] {
        &self.targets[self.starts[literal] as usize..self.others[literal] as usize]
    }

    /// The other targets of literal `literal` (keywords, starts, triggers), in the order
    /// they were added.
    #[inline]
    pub(super) fn others_of(&self, literal: usize) -> &[PackedTarget] {
        &self.targets[self.others[literal] as usize..self.starts[literal + 1] as usize]
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

    /// Each literal's targets come back packed and unchanged: its end targets first, the
    /// others in the order they were added, a start's `\b` flag with it.
    #[test]
    fn literal_targets_pack_and_split_without_losing_order() {
        use super::super::LiteralTarget::{End, Keyword, Start, Trigger};
        let per_literal = vec![
            vec![
                Keyword(3),
                End(7),
                Start(2),
                Trigger(9),
                End(1),
                Keyword(0),
                Start(5),
            ],
            vec![],
            vec![End(4)],
            vec![Start((1 << 24) - 1), Keyword((1 << 29) - 1)],
        ];
        let word_start = |p: usize| p == 5 || p == (1 << 24) - 1;
        let table = LiteralTargets::new(per_literal, word_start);
        let read = |targets: &[PackedTarget]| -> Vec<(u32, usize, bool)> {
            targets
                .iter()
                .map(|t| (t.kind(), t.index(), t.word_start()))
                .collect()
        };
        let end = PackedTarget::END;
        assert_eq!(read(table.ends_of(0)), [(end, 7, false), (end, 1, false)]);
        assert_eq!(
            read(table.others_of(0)),
            [
                (PackedTarget::KEYWORD, 3, false),
                (PackedTarget::START, 2, false),
                (PackedTarget::TRIGGER, 9, false),
                (PackedTarget::KEYWORD, 0, false),
                (PackedTarget::START, 5, true),
            ]
        );
        assert!(table.ends_of(1).is_empty() && table.others_of(1).is_empty());
        assert_eq!(read(table.ends_of(2)), [(end, 4, false)]);
        assert!(table.others_of(2).is_empty());
        assert_eq!(
            read(table.others_of(3)),
            [
                (PackedTarget::START, (1 << 24) - 1, true),
                (PackedTarget::KEYWORD, (1 << 29) - 1, false),
            ]
        );
    }
}
