//! Negation scopes: the clause after a negation cue ("不会…", "we will not …"), where a
//! feature hashes apart from the plain one.

use std::ops::Range;

/// Negation cues. Part of the feature definition: changing them changes what a trained
/// model's buckets mean, so a change needs a retrained model.
const ZH_CUES: &[&str] = &[
    "不会",
    "不得",
    "请勿",
    "切勿",
    "不要",
    "绝不",
    "从不",
    "从未",
    "无需",
    "无须",
    "不需要",
    "不用",
    "并非",
    "谨防",
    "警惕",
    "不接受",
    "不收取",
    "不支持",
    "不通过",
    "别",
];
const EN_CUES: &[&str] = &[
    "not",
    "never",
    "no",
    "don't",
    "won't",
    "doesn't",
    "cannot",
    "can't",
    "isn't",
    "aren't",
    "didn't",
    "shouldn't",
    "wouldn't",
    "beware",
    "without",
];
/// Longest negation scope in bytes (about 14 Han characters or 8 English words).
const SCOPE_BYTES: usize = 48;

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | '!' | '?' | ':' | '\n' | '。' | '、' | '，' | '；' | '！' | '？' | '：'
    )
}

/// The negation scopes of `text` in a new vector (tests).
#[cfg(test)]
pub(super) fn negation_scopes(text: &str) -> Vec<Range<usize>> {
    let mut scopes = Vec::new();
    negation_scopes_into(text, &mut Vec::new(), &mut scopes);
    scopes
}

/// The byte ranges that follow a negation cue up to the end of its clause (at most
/// `SCOPE_BYTES`), sorted and merged, into `scopes` (cleared first); `starts` is working
/// memory. Linear in the text.
pub(super) fn negation_scopes_into(
    text: &str,
    starts: &mut Vec<usize>,
    scopes: &mut Vec<Range<usize>>,
) {
    static ZH_AUTOMATON: std::sync::LazyLock<crate::overlap::LiteralSet> =
        std::sync::LazyLock::new(|| {
            crate::overlap::LiteralSet::new(ZH_CUES).expect("the cue list compiles")
        });
    // One pass for every Chinese cue (overlapping: 绝不会 holds 绝不 and 不会).
    starts.clear();
    scopes.clear();
    ZH_AUTOMATON.for_each(text.as_bytes(), |_, range| starts.push(range.end));
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_alphabetic() && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric()) {
            let mut end = at;
            while end < bytes.len() && (bytes[end].is_ascii_alphabetic() || bytes[end] == b'\'') {
                end += 1;
            }
            if EN_CUES.contains(&&text[at..end]) {
                starts.push(end);
            }
            at = end.max(at + 1);
        } else {
            at += 1;
        }
    }
    starts.sort_unstable();
    for &start in starts.iter() {
        let mut end = start;
        for (i, c) in text[start..].char_indices() {
            if is_clause_break(c) || i >= SCOPE_BYTES {
                break;
            }
            end = start + i + c.len_utf8();
        }
        if end <= start {
            continue;
        }
        match scopes.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => scopes.push(start..end),
        }
    }
}
