//! Whose words a hit is and whether it is negated: reported speech, debtor turns, and the
//! negation scopes of Chinese and English cues.

use super::*;

impl Engine {
    /// How strongly a hit speaks about the sender: 1 for the sender's (or collector's) own
    /// words; reduced in a debtor's turn and in reported speech outside collector turns.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn attribution(
        &self,
        rule: usize,
        range: &Range<usize>,
        speaker: Option<Speaker>,
        turn: Option<usize>,
        turns: &[Turn],
        haystack: &str,
        reported: &[Range<usize>],
    ) -> (f32, Evidence) {
        let axis = self.rules[rule].axis;
        if !matches!(axis, Axis::Fraud | Axis::Abuse | Axis::Legit)
            || speaker == Some(Speaker::Collector)
        {
            return (1.0, Evidence::Direct);
        }
        let settings = &self.settings.transcript;
        let mut result = (1.0, Evidence::Direct);
        if speaker == Some(Speaker::Debtor) {
            result = (settings.debtor_factor, Evidence::DebtorTurn);
        }
        let scope_start = turn.map_or(0, |t| turns[t].range.start);
        // A cue that starts before the hit covers it, even when the hit overlaps the cue's
        // end ("said they would" + "they would call my boss").
        let is_reported = reported.iter().any(|cue| {
            let gap = cue.end.min(range.start)..range.start;
            cue.start >= scope_start
                && cue.start < range.start
                && haystack[gap.clone()].chars().count() <= settings.reported_window
                && !haystack[gap]
                    .chars()
                    .any(|c| self.sentence_breaks.contains(&c))
        });
        if is_reported && settings.reported_factor < result.0 {
            result = (settings.reported_factor, Evidence::Reported);
        }
        result
    }

    /// Where reported-speech cues ("他说要", "he said") stand in `haystack`.
    pub(super) fn reported_cues(&self, haystack: &str) -> Vec<Range<usize>> {
        match &self.reported {
            Some(ac) => ac
                .find_overlapping_iter(haystack)
                .map(|m| m.range())
                .filter(|r| stands_as_word(haystack, r))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The negating cues in `haystack`, as ranges, sorted by start.
    pub(super) fn negators(&self, haystack: &str) -> Vec<Range<usize>> {
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
        cues.retain(|c| stands_as_word(haystack, c));
        cues.sort_by_key(|c| c.start);
        cues
    }

    /// Whether a negating cue starts before `at` in the same clause, within the window.
    pub(super) fn is_negated(&self, haystack: &str, at: usize, negators: &[Range<usize>]) -> bool {
        if negators.is_empty() {
            return false;
        }
        let window_start = if is_latin_context(haystack, at) {
            self.latin_scope_start(haystack, at)
        } else {
            let mut window_start = at;
            for (count, (i, c)) in haystack[..at].char_indices().rev().enumerate() {
                if count >= self.settings.negation.window || self.clause_breaks.contains(&c) {
                    break;
                }
                window_start = i;
            }
            window_start
        };
        // A cue that starts before the hit counts even when it overlaps the hit's first
        // character (a pattern may begin with one character of context).
        negators
            .iter()
            .any(|c| c.start >= window_start && c.start < at)
    }
}

impl Engine {
    /// Where the scope of a negation cue before an English hit at `at` starts: at most
    /// `latin_window_words` words back, not past a clause break, a sentence-ending `.`, a
    /// comma before a clause starter ("…, you will …") or a scope end ("but").
    pub(super) fn latin_scope_start(&self, haystack: &str, at: usize) -> usize {
        let negation = &self.settings.negation;
        let before = &haystack[..at];
        let mut start = at;
        let mut words = 0;
        // Byte offset just past the word being read (scanning backwards).
        let mut word_end: Option<usize> = None;
        let finish_word = |start: usize, end: usize, words: &mut usize| -> bool {
            *words += 1;
            let word = before[start..end].trim_matches(|c: char| !c.is_alphanumeric());
            negation.latin_scope_ends.iter().any(|w| w == word)
        };
        for (i, c) in before.char_indices().rev() {
            let next = before[i + c.len_utf8()..].chars().next();
            let sentence_end = c == '.' && next.is_none_or(char::is_whitespace) && i + 1 < at;
            let comma_break = c == ','
                && starts_with_word(
                    before[i + 1..].trim_start(),
                    &negation.latin_clause_starters,
                );
            if self.latin_clause_breaks.contains(&c) || sentence_end || comma_break {
                if let Some(end) = word_end
                    && finish_word(start, end, &mut words)
                {
                    return end;
                }
                break;
            }
            if c.is_whitespace() {
                if let Some(end) = word_end.take() {
                    if finish_word(start, end, &mut words) {
                        return end;
                    }
                    if words >= negation.latin_window_words {
                        break;
                    }
                }
                continue;
            }
            if word_end.is_none() {
                word_end = Some(i + c.len_utf8());
            }
            start = i;
        }
        start
    }
}

/// Whether a hit at `at` is in English text: it starts with an ASCII letter, digit or
/// currency/plus sign, and the nearest character before it (spaces skipped) is not Han.
pub(super) fn is_latin_context(haystack: &str, at: usize) -> bool {
    let first = haystack[at..].chars().next();
    if !first.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '+')) {
        return false;
    }
    !haystack[..at]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(crate::verdict::is_han)
}

/// Whether `text` starts with one of `words`, followed by a non-letter.
pub(super) fn starts_with_word(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| {
        text.strip_prefix(w.as_str())
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Whether `range` starts and ends at word boundaries when it begins with an ASCII letter
/// (Chinese cues need no boundaries).
pub(super) fn stands_as_word(haystack: &str, range: &Range<usize>) -> bool {
    let first = haystack[range.start..].chars().next();
    if !first.is_some_and(|f| f.is_ascii_alphabetic()) {
        return true;
    }
    let before = haystack[..range.start].chars().next_back();
    let after = haystack[range.end..].chars().next();
    !before.is_some_and(|b| b.is_ascii_alphabetic())
        && !after.is_some_and(|a| a.is_ascii_alphabetic())
}
