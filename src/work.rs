//! Counts of the work one classification does, so tests can check that it grows linearly
//! with the text (a clock is noisy; an operation count is exact).

/// What the matcher did for one message: bytes scanned by the automata, regex searches,
/// hits, negation and reported-speech cues examined, characters walked to find a scope.
///
/// Every count is bounded by a constant times the text length: a search starts only at a
/// literal that occurred, and each hit examines only the cues and characters in a bounded
/// window before it. A regex search itself costs a bounded amount: an anchored search sees
/// at most a fixed window of text, and the patterns that scan the whole text are compiled
/// with bounded repetitions.
///
/// ```
/// use collectguard::{Classifier, Message};
///
/// let c = Classifier::default();
/// let (_, small) = c.classify_counting(&Message::new("他说冻结银行卡".repeat(100)));
/// let (_, large) = c.classify_counting(&Message::new("他说冻结银行卡".repeat(1000)));
/// // Ten times the text, about ten times the work (not a hundred).
/// assert!(large.total() <= 11 * small.total());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkCounts {
    /// Bytes of text read by the one Aho-Corasick pass, the cue passes and normalization.
    pub scanned_bytes: u64,
    /// Regex searches run (anchored at a literal, or one step of a whole-text scan).
    pub regex_searches: u64,
    /// Keyword and pattern hits found.
    pub hits: u64,
    /// Negation and reported-speech cues compared with a hit or with each other.
    pub cue_checks: u64,
    /// Characters walked back from a hit to find its negation or reported-speech scope.
    pub scope_steps: u64,
    /// Candidate starts of a regex not searched: none of the literals every match of it
    /// ends with begins within reach.
    pub end_gate_skips: u64,
    /// The learned model's feature extraction: the bytes it reads (its link and
    /// masked-number scans too, those that found nothing included) and the features it
    /// makes. Zero without a model.
    pub feature_steps: u64,
}

impl WorkCounts {
    /// The sum of all counts.
    ///
    /// ```
    /// let w = collectguard::WorkCounts { hits: 2, cue_checks: 3, ..Default::default() };
    /// assert_eq!(w.total(), 5);
    /// ```
    pub fn total(&self) -> u64 {
        self.scanned_bytes
            + self.regex_searches
            + self.hits
            + self.cue_checks
            + self.scope_steps
            + self.end_gate_skips
            + self.feature_steps
    }
}
