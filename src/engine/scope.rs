//! Whose words a hit is and whether it is negated: reported speech, debtor turns, and the
//! negation scopes of Chinese and English cues.

use super::*;

/// Where a hit stands: its speaker and turn, and the text's reported-speech cues.
pub(super) struct Attribution<'a> {
    pub speaker: Option<Speaker>,
    pub turn: Option<usize>,
    pub turns: &'a [Turn],
    pub haystack: &'a str,
    /// Reported-speech cues, sorted by start.
    pub reported: &'a [Range<usize>],
}

/// How far (in characters) an English hit's negation scope may reach back before it stops
/// looking for word breaks: a "word" longer than this is not an English word, and walking it
/// for every hit would cost the square of the text.
const MAX_LATIN_WORD_CHARS: usize = 32;
/// How many spaces `is_latin_context` skips looking for the character before a hit.
const MAX_SPACES_SKIPPED: usize = 16;

impl Engine {
    /// How strongly a hit speaks about the sender: 1 for the sender's (or collector's) own
    /// words; reduced in a debtor's turn and in reported speech outside collector turns.
    pub(super) fn attribution(
        &self,
        rule: usize,
        range: &Range<usize>,
        at: Attribution<'_>,
        work: &mut WorkCounts,
    ) -> (f32, Evidence) {
        let axis = self.rules[rule].axis;
        if !matches!(axis, Axis::Fraud | Axis::Abuse | Axis::Legit)
            || at.speaker == Some(Speaker::Collector)
        {
            return (1.0, Evidence::Direct);
        }
        let settings = &self.settings.transcript;
        let mut result = (1.0, Evidence::Direct);
        if at.speaker == Some(Speaker::Debtor) {
            result = (settings.debtor_factor, Evidence::DebtorTurn);
        }
        let scope_start = at.turn.map_or(0, |t| at.turns[t].range.start);
        // A cue covers a hit when it starts before it, in its turn, and at most
        // `reported_window` characters (4 bytes at most each) lie between the cue's end and
        // the hit: only cues starting in that many bytes plus one cue's length before the
        // hit can, and the cues are sorted by start, so only those are looked at.
        let reach = settings.reported_window.saturating_mul(4) + self.reported_max_len;
        let lowest = scope_start.max(range.start.saturating_sub(reach));
        let first = at.reported.partition_point(|cue| cue.start < lowest);
        // A cue that starts before the hit covers it, even when the hit overlaps the cue's
        // end ("said they would" + "they would call my boss").
        let is_reported = at.reported[first..]
            .iter()
            .take_while(|cue| cue.start < range.start)
            .any(|cue| {
                work.cue_checks += 1;
                let gap = &at.haystack[cue.end.min(range.start)..range.start];
                work.scope_steps += gap.len() as u64;
                gap.chars().count() <= settings.reported_window
                    && !gap.chars().any(|c| self.sentence_breaks.contains(&c))
            });
        if is_reported && settings.reported_factor < result.0 {
            result = (settings.reported_factor, Evidence::Reported);
        }
        result
    }

    /// Adds the hits of rules marked `narrates` ("骗子常以…", "scammers often ask…") to the
    /// reported-speech cues, keeping them sorted by start. A long hit counts from its last
    /// `reported_max_len` bytes: the attribution looks back that far before the window.
    pub(super) fn add_narration_cues(
        &self,
        hits: &[(usize, Range<usize>)],
        cues: &mut Vec<Range<usize>>,
    ) {
        let before = cues.len();
        for (rule, range) in hits {
            if self.rules[*rule].narrates {
                let start = range
                    .end
                    .saturating_sub(self.reported_max_len)
                    .max(range.start);
                cues.push(start..range.end);
            }
        }
        if cues.len() > before {
            cues.sort_by_key(|c| (c.start, c.end));
        }
    }

    /// Where reported-speech cues ("他说要", "he said") stand in `haystack`, sorted by start.
    pub(super) fn reported_cues(&self, haystack: &str, work: &mut WorkCounts) -> Vec<Range<usize>> {
        let Some(ac) = &self.reported else {
            return Vec::new();
        };
        work.scanned_bytes += haystack.len() as u64;
        let mut cues: Vec<Range<usize>> = Vec::new();
        ac.for_each(haystack.as_bytes(), |_, range| {
            if stands_as_word(haystack, &range) {
                cues.push(range);
            }
        });
        cues.sort_by_key(|c| (c.start, c.end));
        cues
    }

    /// The negating cues in `haystack`, as ranges sorted by start: those that negate what
    /// follows them and those that negate what precedes them.
    pub(super) fn negators(&self, haystack: &str, work: &mut WorkCounts) -> Negators {
        let Some(ac) = &self.cues else {
            return Negators::default();
        };
        work.scanned_bytes += haystack.len() as u64;
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut blockers = Vec::new();
        ac.for_each(haystack.as_bytes(), |cue, range| {
            match self.cue_kinds[cue] {
                CueKind::Before => before.push(range),
                CueKind::After => after.push(range),
                CueKind::Blocker => blockers.push(range),
            }
        });
        blockers.sort_by_key(|b| b.start);
        let before = unblocked(before, &blockers, haystack, work);
        let after = unblocked(after, &blockers, haystack, work);
        Negators { before, after }
    }

    /// Whether a negating cue starts before `at` in the same clause, within the window, or
    /// an after-cue starts after it in the same sentence, within its window.
    pub(super) fn is_negated(
        &self,
        haystack: &str,
        at: usize,
        negators: &Negators,
        work: &mut WorkCounts,
    ) -> bool {
        self.negated_before(haystack, at, &negators.before, work)
            || self.negated_after(haystack, at, &negators.after, work)
    }

    fn negated_before(
        &self,
        haystack: &str,
        at: usize,
        negators: &[Range<usize>],
        work: &mut WorkCounts,
    ) -> bool {
        if negators.is_empty() {
            return false;
        }
        // No cue before the hit: nothing to scope.
        let first_after = negators.partition_point(|c| c.start < at);
        work.cue_checks += 1;
        if first_after == 0 {
            return false;
        }
        let latin = is_latin_context(haystack, at, work);
        let window_start = if latin {
            self.latin_scope_start(haystack, at, work)
        } else {
            let mut window_start = at;
            for (count, (i, c)) in haystack[..at].char_indices().rev().enumerate() {
                work.scope_steps += 1;
                if count >= self.settings.negation.window || self.clause_breaks.contains(&c) {
                    break;
                }
                window_start = i;
            }
            window_start
        };
        // A cue that starts before the hit counts even when it overlaps the hit's first
        // character (a pattern may begin with one character of context). Cues are sorted by
        // start: the last one starting before the hit decides.
        let cue = &negators[first_after - 1];
        cue.start >= window_start || self.refuses_request(haystack, cue, at, latin, work)
    }

    /// Whether `cue` refuses a request ("不会" + "要求", "never" + "ask you" within the reach)
    /// whose clause (in English, whose sentence: "…, or to pay with gift cards" is still
    /// refused) runs on, unbroken and within the scope, to the hit at `at`:
    /// "本行不会以电话要求您至ATM操作或提供网银密码" refuses the password as well. Bounded work
    /// per hit: at most the scope's characters looked at, and the reach's starting points
    /// for each verb.
    fn refuses_request(
        &self,
        haystack: &str,
        cue: &Range<usize>,
        at: usize,
        latin: bool,
        work: &mut WorkCounts,
    ) -> bool {
        let negation = &self.settings.negation;
        let (verbs, reach, scope) = if latin {
            (
                &negation.latin_request_verbs,
                negation.latin_request_reach,
                negation.latin_request_scope,
            )
        } else {
            (
                &negation.request_verbs,
                negation.request_reach,
                negation.request_scope,
            )
        };
        if verbs.is_empty()
            || cue.end > at
            || !negation
                .request_cues
                .iter()
                .any(|c| haystack.get(cue.clone()) == Some(c.as_str()))
        {
            return false;
        }
        let clause = &haystack[cue.end..at];
        let mut chars = clause.chars().peekable();
        let mut count = 0;
        while let Some(c) = chars.next() {
            work.scope_steps += 1;
            let ends = if latin {
                let sentence_end = c == '.' && chars.peek().is_none_or(|n| n.is_whitespace());
                self.latin_clause_breaks.contains(&c) || sentence_end
            } else {
                self.clause_breaks.contains(&c)
            };
            if count >= scope || ends {
                return false;
            }
            count += 1;
        }
        clause.char_indices().take(reach).any(|(offset, _)| {
            work.scope_steps += 1;
            // An English verb starts a word ("ask you", not the "ask you" in "task you").
            let word_start = !latin || !clause[..offset].ends_with(|c: char| c.is_alphanumeric());
            word_start
                && verbs
                    .iter()
                    .any(|verb| clause[offset..].starts_with(verb.as_str()))
        })
    }

    /// Whether an after-cue starts after `at` in the same sentence, at most `after_window`
    /// characters on: the first one after the hit decides.
    fn negated_after(
        &self,
        haystack: &str,
        at: usize,
        cues: &[Range<usize>],
        work: &mut WorkCounts,
    ) -> bool {
        if cues.is_empty() {
            return false;
        }
        let next = cues.partition_point(|c| c.start <= at);
        work.cue_checks += 1;
        let Some(cue) = cues.get(next) else {
            return false;
        };
        for (count, c) in haystack[at..cue.start].chars().enumerate() {
            work.scope_steps += 1;
            if count >= self.settings.negation.after_window || self.after_breaks.contains(&c) {
                return false;
            }
        }
        true
    }
}

/// The negating cues of a text, sorted by start.
#[derive(Debug, Default)]
pub(super) struct Negators {
    /// Cues that negate the hits after them.
    pub before: Vec<Range<usize>>,
    /// Cues that negate the hits before them.
    pub after: Vec<Range<usize>>,
}

/// `cues` without those inside a blocker ("不" in "不得不") and, for English cues, those
/// that do not stand as a word. `blockers` are sorted by start.
fn unblocked(
    mut cues: Vec<Range<usize>>,
    blockers: &[Range<usize>],
    haystack: &str,
    work: &mut WorkCounts,
) -> Vec<Range<usize>> {
    // A blocker contains a cue when it starts at or before it and ends at or after it:
    // sweeping both lists by start with the furthest end of the blockers seen so far
    // answers that for every cue in one pass.
    cues.sort_by_key(|c| c.start);
    let mut next_blocker = 0;
    let mut furthest_end = 0;
    cues.retain(|c| {
        while next_blocker < blockers.len() && blockers[next_blocker].start <= c.start {
            furthest_end = furthest_end.max(blockers[next_blocker].end);
            next_blocker += 1;
            work.cue_checks += 1;
        }
        work.cue_checks += 1;
        !(next_blocker > 0 && c.end <= furthest_end)
    });
    // An English cue must stand as a word.
    cues.retain(|c| stands_as_word(haystack, c));
    cues
}

impl Engine {
    /// Where the scope of a negation cue before an English hit at `at` starts: at most
    /// `latin_window_words` words back, not past a clause break, a sentence-ending `.`, a
    /// comma before a clause starter ("…, you will …") or a scope end ("but").
    pub(super) fn latin_scope_start(
        &self,
        haystack: &str,
        at: usize,
        work: &mut WorkCounts,
    ) -> usize {
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
        let max_steps = (negation.latin_window_words + 1) * MAX_LATIN_WORD_CHARS;
        for (steps, (i, c)) in before.char_indices().rev().enumerate() {
            work.scope_steps += 1;
            if steps >= max_steps {
                break;
            }
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
pub(super) fn is_latin_context(haystack: &str, at: usize, work: &mut WorkCounts) -> bool {
    let first = haystack[at..].chars().next();
    if !first.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '+')) {
        return false;
    }
    let before = haystack[..at]
        .chars()
        .rev()
        .take(MAX_SPACES_SKIPPED + 1)
        .inspect(|_| work.scope_steps += 1)
        .find(|c| !c.is_whitespace());
    !before.is_some_and(crate::normalize::is_han)
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
