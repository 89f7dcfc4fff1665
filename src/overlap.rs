//! Every occurrence of every literal of a set, overlapping ones included: an Aho-Corasick
//! automaton stepped byte by byte through its [`Automaton`] trait, so that a hit costs a
//! callback, not a re-entry into a search (the crate's overlapping iterator resumes its
//! search once per match, a large part of the pass on keyword-dense text).

use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, BuildError, MatchKind};

/// Calls `hit(literal, range)` for every occurrence of every literal of `automaton` in
/// `haystack` — what `find_overlapping_iter` yields, in the same order: by where they end,
/// and at one end in the automaton's match order. The automaton must support unanchored
/// searches (every automaton built with the crate's defaults does); one that does not
/// reports nothing.
///
/// Linear in the haystack plus the hits: each byte is one transition (failure transitions
/// amortized, as in any Aho-Corasick search).
pub(crate) fn for_each_overlapping<A: Automaton>(
    automaton: &A,
    haystack: &[u8],
    mut hit: impl FnMut(usize, Range<usize>),
) {
    let Ok(mut state) = automaton.start_state(Anchored::No) else {
        debug_assert!(false, "an automaton without unanchored searches");
        return;
    };
    for (at, &byte) in haystack.iter().enumerate() {
        state = automaton.next_state(Anchored::No, state, byte);
        if !automaton.is_match(state) {
            continue;
        }
        let end = at + 1;
        for index in 0..automaton.match_len(state) {
            let literal = automaton.match_pattern(state, index);
            hit(
                literal.as_usize(),
                end - automaton.pattern_len(literal)..end,
            );
        }
    }
}

/// The most bytes of literals a [`LiteralSet`] holds as a DFA. A DFA is the fastest to
/// step, but it has up to one state per byte of the literals, each a row over the alphabet
/// (at most 256 classes of 4 bytes): this bounds one at 8 MB. Longer lists, as a user's
/// settings may give, go in a contiguous NFA, whose memory is linear in the literals. (The
/// default negation cues, 345 literals in 4,143 bytes since the twenty-ninth session, are a
/// DFA: at 4 KB they had become an NFA, +1.5 % instructions per short message.)
const DFA_BYTES: usize = 8192;

/// A list of literals to find every overlapping occurrence of: a DFA for a short list, a
/// contiguous NFA (memory linear in the literals) for a long one. Standard match semantics.
#[derive(Clone, Debug)]
pub(crate) enum LiteralSet {
    Short(aho_corasick::dfa::DFA),
    Long(aho_corasick::nfa::contiguous::NFA),
}

impl LiteralSet {
    /// Builds the automaton for `literals`.
    pub(crate) fn new<P: AsRef<[u8]>>(literals: &[P]) -> Result<LiteralSet, BuildError> {
        let bytes: usize = literals.iter().map(|l| l.as_ref().len()).sum();
        if bytes <= DFA_BYTES {
            aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(literals)
                .map(LiteralSet::Short)
        } else {
            aho_corasick::nfa::contiguous::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(literals)
                .map(LiteralSet::Long)
        }
    }

    /// [`for_each_overlapping`] with this set's automaton.
    pub(crate) fn for_each(&self, haystack: &[u8], hit: impl FnMut(usize, Range<usize>)) {
        match self {
            LiteralSet::Short(dfa) => for_each_overlapping(dfa, haystack, hit),
            LiteralSet::Long(nfa) => for_each_overlapping(nfa, haystack, hit),
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::*;

    /// The same hits in the same order as the crate's overlapping iterator, for every kind
    /// of automaton, on random texts over a small alphabet dense with the literals.
    #[test]
    fn the_same_hits_in_the_same_order_as_the_overlapping_iterator() {
        let literals = ["a", "ab", "bab", "不", "不会", "绝不会", "abab", "b", "会"];
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap();
        let contiguous = aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap();
        let noncontiguous = aho_corasick::nfa::noncontiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap();
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap();
        let alphabet = ["a", "b", "不", "会", "绝", " ", "x"];
        let mut next = crate::test_numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..500 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let expected: Vec<(usize, Range<usize>)> = reference
                .find_overlapping_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.range()))
                .collect();
            let mut got = Vec::new();
            for_each_overlapping(&contiguous, text.as_bytes(), |l, r| got.push((l, r)));
            assert_eq!(got, expected, "contiguous NFA on {text:?}");
            got.clear();
            for_each_overlapping(&noncontiguous, text.as_bytes(), |l, r| got.push((l, r)));
            assert_eq!(got, expected, "noncontiguous NFA on {text:?}");
            got.clear();
            for_each_overlapping(&dfa, text.as_bytes(), |l, r| got.push((l, r)));
            assert_eq!(got, expected, "DFA on {text:?}");
        }
    }

    /// The default negation cues (with their after-cues and blockers, one automaton) stay
    /// a DFA: past `DFA_BYTES` they would silently become a slower NFA.
    #[test]
    fn the_default_negation_cues_fit_a_dfa() {
        let settings: toml::Value = toml::from_str(crate::settings::DEFAULT_SETTINGS).unwrap();
        let negation = &settings["negation"];
        let bytes: usize = ["cues", "after_cues", "not_negating"]
            .iter()
            .flat_map(|list| negation[list].as_array().unwrap())
            .map(|cue| cue.as_str().unwrap().len())
            .sum();
        // The lists were read (and are past the 4 KB the limit was until they outgrew it).
        assert!(bytes > 4000, "{bytes}");
        assert!(bytes <= DFA_BYTES, "{bytes} bytes of cues");
    }

    /// A short list is a DFA, a long one a contiguous NFA, and both find the same hits.
    #[test]
    fn a_literal_set_picks_its_automaton_by_size_and_finds_every_hit() {
        let short = ["不", "不会", "绝不会"];
        let long: Vec<String> = (0..DFA_BYTES / 4)
            .map(|i| format!("w{i:04}"))
            .chain(short.iter().map(|s| s.to_string()))
            .collect();
        let short_set = LiteralSet::new(&short).unwrap();
        let long_set = LiteralSet::new(&long).unwrap();
        assert!(matches!(short_set, LiteralSet::Short(_)));
        assert!(matches!(long_set, LiteralSet::Long(_)));
        let text = "我绝不会说不";
        let mut hits = Vec::new();
        short_set.for_each(text.as_bytes(), |_, r| hits.push(&text[r]));
        assert_eq!(hits, ["不", "绝不会", "不会", "不"]);
        hits.clear();
        long_set.for_each(text.as_bytes(), |_, r| hits.push(&text[r]));
        assert_eq!(hits, ["不", "绝不会", "不会", "不"]);
        hits.clear();
        long_set.for_each(b"w0007 w0070", |_, r| {
            hits.push(["w0007", "w0070"][r.start / 6])
        });
        assert_eq!(hits, ["w0007", "w0070"]);
    }
}
