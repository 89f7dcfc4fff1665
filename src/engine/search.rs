//! The raw matching pass over one text: every keyword hit from one Aho-Corasick pass over
//! all literals, and every regex hit from anchored searches at the literals its matches
//! must start with (skipped when no literal it must end with follows within reach), or
//! from whole-text scans for the few regexes with neither. Hits that a negation cue scopes
//! over, or whose rule does not apply to the text's home region, are dropped here; what a
//! hit means (speakers, reported speech, composites) is decided in the parent module.

use std::ops::Range;

use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input};

use super::context::{Scripts, home_allows};
use super::hosts::hosts;
use super::patterns::{PackedTarget, SearchSet};
use super::{Engine, MAX_MATCH_BYTES};
use crate::overlap::for_each_overlapping;
use crate::rules::Home;
use crate::work::WorkCounts;

/// Candidate starts are sorted as integers `pattern << START_BITS | position`: patterns are
/// fewer than 2^24 (checked when an engine is built) and positions below 2^40 (a text of
/// 1 TiB or more is searched by full scans instead, see `text_hits_with`).
pub(super) const MAX_PATTERNS: usize = 1 << 24;
const START_BITS: u32 = 40;

/// How `text_hits` runs the gated regexes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Search {
    /// Anchored at prefix literals, or whole-text scans when a suffix literal occurs.
    Gated,
    /// Every gated regex scans the whole text (the reference the gating must equal; used by
    /// the tests only).
    #[cfg_attr(not(test), allow(dead_code))]
    FullScan,
}

impl Engine {
    /// Every keyword and pattern hit that no negation cue scopes over, as (rule, range).
    pub(super) fn text_hits(
        &self,
        haystack: &str,
        scripts: Scripts,
        home: Option<Home>,
        work: &mut WorkCounts,
    ) -> Vec<(usize, Range<usize>)> {
        self.text_hits_with(haystack, scripts, home, Search::Gated, work)
    }

    pub(super) fn text_hits_with(
        &self,
        haystack: &str,
        scripts: Scripts,
        home: Option<Home>,
        search: Search,
        work: &mut WorkCounts,
    ) -> Vec<(usize, Range<usize>)> {
        let negators = self.negators(haystack, work);
        // A short message has a few dozen hits: one allocation instead of a growing vector.
        let mut hits = Vec::with_capacity(32);
        let mut keep = |rule: usize, range: Range<usize>, work: &mut WorkCounts| {
            let r = &self.rules[rule];
            if r.disabled
                || !home_allows(r, home)
                || (r.negatable && self.is_negated(haystack, range.start, &negators, work))
            {
                return;
            }
            hits.push((rule, range));
        };
        let mut set = self.caches.take(self.patterns.len());
        let SearchSet {
            caches,
            scans,
            starts,
            ends,
            last_end,
            literal_hits,
        } = &mut set;
        scans.clear();
        starts.clear();
        ends.clear();
        // A pattern of the Chinese pack cannot match a text without Han, nor one of the
        // English pack a text without Latin letters: skip them there.
        scans.extend(
            self.ungated
                .iter()
                .copied()
                .filter(|&p| scripts.allows(self.rules[self.patterns[p].rule].script)),
        );
        // `starts`: (pattern, position) for every literal a match of that pattern must
        // start with, packed into one integer so that sorting them is a sort of plain
        // integers. `ends`: (pattern, position) for every end literal of a pattern that has
        // them (a literal its matches end with, or hold past their start:
        // `gate::required_ends`), where the literal begins: a match from a start must
        // contain one that begins in its window. In a text no longer than one window, every
        // start's window reaches the text's end: the last place each pattern's end literals
        // begin (plus one; 0: none, `last_end`; `u32::MAX` for a pattern without end literals, which
        // every start passes) is enough, and nothing needs sorting.
        let short = haystack.len() <= MAX_MATCH_BYTES;
        last_end.clear();
        if short {
            last_end.extend_from_slice(&self.end_gate_init);
        }
        let pack = |p: usize, at: usize| ((p as u64) << START_BITS) | at as u64;
        if let Some(ac) = &self.literals {
            work.scanned_bytes += haystack.len() as u64;
            let bytes = haystack.as_bytes();
            // `\b` cannot hold between two word characters: a pattern that starts with it
            // cannot start at a literal that begins inside a word.
            let inside_word = |start: usize| {
                start > 0 && is_ascii_word(bytes[start - 1]) && is_ascii_word(bytes[start])
            };
            if short {
                // Two steps: the pass finds every literal and notes where each pattern's
                // end literals last begin; then the literals' other targets, in the
                // pass's order, with each start checked against that at once (a start no
                // end literal follows is never stored: on English text most are such).
                literal_hits.clear();
                for_each_overlapping(ac, bytes, |literal, range| {
                    for &target in self.literal_targets.ends_of(literal) {
                        let p = target.index();
                        // Positions below one window fit a u32.
                        last_end[p] = last_end[p].max(range.start as u32 + 1);
                    }
                    literal_hits.push((literal as u32, range.start as u32, range.end as u32));
                });
                for &(literal, start, end) in literal_hits.iter() {
                    let (start, end) = (start as usize, end as usize);
                    let inside_word = inside_word(start);
                    for &target in self.literal_targets.others_of(literal as usize) {
                        let index = target.index();
                        match target.kind() {
                            PackedTarget::KEYWORD => keep(index, start..end, work),
                            // `\b` cannot hold inside a word.
                            PackedTarget::START if inside_word && target.word_start() => {}
                            PackedTarget::START if last_end[index] as usize > start => {
                                starts.push(pack(index, start));
                            }
                            PackedTarget::START => work.end_gate_skips += 1,
                            // Triggers (ends were read apart).
                            _ => scans.push(index),
                        }
                    }
                }
            } else {
                for_each_overlapping(ac, bytes, |literal, range| {
                    let start = range.start;
                    for &target in self.literal_targets.ends_of(literal) {
                        ends.push(pack(target.index(), start));
                    }
                    let inside_word = inside_word(start);
                    for &target in self.literal_targets.others_of(literal) {
                        let index = target.index();
                        match target.kind() {
                            PackedTarget::KEYWORD => keep(index, range.clone(), work),
                            PackedTarget::START => {
                                if !(inside_word && target.word_start()) {
                                    starts.push(pack(index, start));
                                }
                            }
                            // Triggers (ends were read apart).
                            _ => scans.push(index),
                        }
                    }
                });
            }
        }
        // Positions of 2^40 and beyond do not fit the packed starts: scan fully (correct,
        // slower; no such text fits in memory today).
        if search == Search::FullScan || haystack.len() >= 1 << START_BITS {
            // Reference behaviour for tests: every gated regex scans the whole text.
            starts.clear();
            scans.extend((0..self.patterns.len()).filter(|p| !self.ungated.contains(p)));
        }
        // In pattern order, once each (as the hits of a pass over the patterns would come).
        scans.sort_unstable();
        scans.dedup();
        // Anchored searches at the candidate starts, in order, give the same matches as a
        // leftmost-first scan of the whole text (every match starts at a candidate), at the
        // cost of the candidates only.
        sort_packed(starts, self.patterns.len());
        starts.dedup();
        sort_packed(ends, self.patterns.len());
        let mut searched_to: Option<(usize, usize)> = None;
        // Both lists are sorted by (pattern, position): one pointer walks the ends.
        let mut next_end = 0;
        for &packed in starts.iter() {
            let (p, start) = unpack(packed);
            if searched_to.is_some_and(|(q, end)| q == p && start < end) {
                continue;
            }
            // No match is longer than the window: each search costs a bounded amount
            // (a pattern that could run on, like `\d+`, stops at the window's end).
            let end = char_boundary_at_or_before(haystack, start + MAX_MATCH_BYTES);
            if self.patterns[p].end_gated && !short {
                while next_end < ends.len() && ends[next_end] < packed {
                    next_end += 1;
                }
                // The first end literal of this pattern at or after the start must begin
                // before the window closes.
                if next_end == ends.len() || ends[next_end] >= pack(p, end) {
                    work.end_gate_skips += 1;
                    continue;
                }
            }
            let input = Input::new(haystack)
                .range(start..end)
                .anchored(Anchored::Yes);
            work.regex_searches += 1;
            let Some(regex) = self.patterns[p].regex() else {
                continue;
            };
            let cache = caches[p].get_or_insert_with(|| regex.create_cache());
            if let Some(m) = regex.search_with(cache, &input) {
                if !m.is_empty() {
                    keep(self.patterns[p].rule, m.range(), work);
                    searched_to = Some((p, m.end()));
                }
            }
        }
        for &p in scans.iter() {
            let pattern = &self.patterns[p];
            // These patterns were compiled with bounded repetitions (`bound_repetitions`), so
            // every step of the scan looks at most a bounded distance past a match.
            work.regex_searches += 1;
            let Some(regex) = pattern.regex() else {
                continue;
            };
            let cache = caches[p].get_or_insert_with(|| regex.create_cache());
            let mut searcher = Searcher::new(Input::new(haystack));
            while let Some(m) = searcher.advance(|input| Ok(regex.search_with(cache, input))) {
                work.regex_searches += 1;
                if !m.is_empty() {
                    keep(pattern.rule, m.range(), work);
                }
            }
        }
        self.caches.give_back(set);
        // Host rules: every link host dressed as an institution it is not. The hosts are
        // found once (most texts have none: one byte search for a dot decides).
        if !self.host_rules.is_empty() && haystack.as_bytes().contains(&b'.') {
            work.scanned_bytes += haystack.len() as u64;
            let hosts: Vec<Range<usize>> = hosts(haystack).collect();
            for (rule, lookalikes) in &self.host_rules {
                for host in &hosts {
                    work.scanned_bytes += host.len() as u64;
                    if lookalikes.dressed_up(&haystack[host.clone()]) {
                        keep(*rule, host.clone(), work);
                    }
                }
            }
        }
        hits
    }
}

/// The pattern and position of a packed candidate start.
fn unpack(packed: u64) -> (usize, usize) {
    (
        (packed >> START_BITS) as usize,
        (packed & ((1 << START_BITS) - 1)) as usize,
    )
}

/// Below this many packed candidates a comparison sort is cheaper than counting.
const COUNTING_SORT_FROM: usize = 512;

/// Sorts packed `(pattern, position)` candidates ascending, as `sort_unstable` would. On
/// long texts: a counting sort by pattern (linear in their number plus `patterns`), then
/// each pattern's positions sorted on their own (small comparison sorts, skipped when a
/// pattern's candidates arrived in order). One comparison sort of a 10 KB transcript's
/// ~5,000 candidates was a tenth of its classification.
fn sort_packed(packed: &mut Vec<u64>, patterns: usize) {
    if packed.len() < COUNTING_SORT_FROM || patterns == 0 {
        packed.sort_unstable();
        return;
    }
    let pattern_of = |p: u64| (p >> START_BITS) as usize;
    // `first[q]`: where pattern q's candidates begin in the sorted order.
    let mut first = vec![0usize; patterns + 1];
    for &p in packed.iter() {
        first[pattern_of(p).min(patterns - 1) + 1] += 1;
    }
    for q in 0..patterns {
        first[q + 1] += first[q];
    }
    let mut sorted = vec![0u64; packed.len()];
    let mut next = first.clone();
    for &p in packed.iter() {
        let q = pattern_of(p).min(patterns - 1);
        sorted[next[q]] = p;
        next[q] += 1;
    }
    for q in 0..patterns {
        let bucket = &mut sorted[first[q]..first[q + 1]];
        if !bucket.is_sorted() {
            bucket.sort_unstable();
        }
    }
    *packed = sorted;
}

/// Whether `b` is an ASCII word character (what `\b` in a rule pattern means).
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The largest char boundary of `haystack` at or before `at` (its length when `at` is past
/// the end).
fn char_boundary_at_or_before(haystack: &str, at: usize) -> usize {
    if at >= haystack.len() {
        return haystack.len();
    }
    let mut at = at;
    while !haystack.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_packed_orders_as_a_comparison_sort_does() {
        // A seeded mix of patterns and positions, long enough for the counting sort, with
        // duplicates and runs arriving out of order.
        let mut next = crate::test_numbers(0x9E37_79B9_7F4A_7C15u64);
        for (len, patterns) in [(10, 5), (600, 3), (5_000, 1_205), (20_000, 40)] {
            let packed: Vec<u64> = (0..len)
                .map(|_| {
                    let p = next() % patterns;
                    let at = next() % 10_000;
                    (p << START_BITS) | at
                })
                .collect();
            let mut expected = packed.clone();
            expected.sort_unstable();
            let mut got = packed;
            sort_packed(&mut got, patterns as usize);
            assert_eq!(got, expected, "{len} candidates of {patterns} patterns");
        }
        // As the automaton reports them: positions rising, a few bytes early or late.
        let packed: Vec<u64> = (0..3_000u64)
            .map(|i| ((i % 7) << START_BITS) | (i * 3 + next() % 9))
            .collect();
        let mut expected = packed.clone();
        expected.sort_unstable();
        let mut got = packed;
        sort_packed(&mut got, 7);
        assert_eq!(got, expected);
    }
}
