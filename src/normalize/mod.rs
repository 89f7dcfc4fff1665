//! Text normalization with a map back to the original bytes.
//!
//! Matching runs on a normalized copy of the message so that one keyword covers its
//! Traditional, full-width, spaced-out and look-alike spellings. Every normalized character
//! remembers the byte range of the original text it came from, so evidence found in the
//! normalized text is always reported as a span of the **original** text.
//!
//! The steps, in order:
//! 1. per character: drop control and default-ignorable characters (zero-width spaces,
//!    joiners, variation selectors, bidi marks …); NFKC (full-width → half-width, circled
//!    letters, compatibility ideographs); Traditional → Simplified (a 1→1 table generated
//!    from OpenCC); curly apostrophes → `'`; lower-case; HTML character references
//!    (`&#65292;`, `&nbsp;`) read as their character (`entities.rs`); in a text written in
//!    Latin letters, Cyrillic and Greek look-alikes read as the Latin letter
//!    (`Yоur аccоunt`, `confusables.rs`), and so are small capitals (`ᴘᴀʏ`);
//!    then line breaks that only wrap a long line (a screenshot's text, a hard-wrapped
//!    e-mail) are removed in a text with Han characters and become spaces in Latin text
//!    (`wraps.rs`);
//! 2. pinyin glosses right after a Han character are removed: `導(dǎo)語` → `导语`;
//! 3. separators inserted next to Han characters are removed: `加 微 信` → `加微信`,
//!    `转-账` → `转账`;
//! 4. look-alike and evasion folds from `rules/folds.toml`: `v信`, `薇信`, `vx` → `微信`,
//!    `zfb` → `支付宝`, `崔收` → `催收` …; and, for the rules only (`rules_only = true`),
//!    written Cantonese to standard written Chinese: `嘅` → `的`, `唔` → `不`, `搵` → `找` ….

mod confusables;
mod entities;
mod ts_table;
mod wraps;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{BuildError, BuildErrorKind};

/// The fold table shipped with the crate.
pub(crate) const DEFAULT_FOLDS: &str = include_str!("../../rules/folds.toml");
const DEFAULT_FOLDS_FILE: &str = "rules/folds.toml";

static DEFAULT_NORMALIZER: LazyLock<Normalizer> = LazyLock::new(|| {
    Normalizer::from_toml(DEFAULT_FOLDS_FILE, DEFAULT_FOLDS)
        .expect("the embedded rules/folds.toml is valid (checked by the test suite)")
});

/// Normalizes `text` with the default folds.
///
/// ```
/// let n = collectguard::normalize("請用 Ｖ信 轉帳");
/// assert_eq!(n.as_str(), "请用微信转账");
/// // "微信" came from the original "Ｖ信" (bytes 7..13).
/// let at = n.as_str().find("微信").unwrap();
/// assert_eq!(n.original_range(at..at + "微信".len()), 7..13);
///
/// // Character references are read as their character, and a line cut at a width is
/// // joined back; each character still maps to where it was.
/// let n = collectguard::normalize("紧急联系人&#65292;单位同事都会知道你的借款已逾期三十天了的事\n情");
/// assert_eq!(n.as_str(), "紧急联系人,单位同事都会知道你的借款已逾期三十天了的事情");
/// let comma = n.as_str().find(',').unwrap();
/// assert_eq!(n.original_range(comma..comma + 1), 15..23);
/// ```
pub fn normalize(text: &str) -> Normalized {
    DEFAULT_NORMALIZER.normalize(text)
}

/// A normalized text and the map from each of its characters to the original bytes.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    offsets: Offsets,
    /// Whether a fold marked `rules_only` (written Cantonese) was applied.
    rules_only_folded: bool,
}

/// Where each normalized character came from.
#[derive(Clone, Debug)]
enum Offsets {
    /// Byte `i` of the text came from byte `i` of the original (plain ASCII, which
    /// normalization only lower-cases): no table.
    Identity,
    /// Any other text.
    Table {
        /// Byte offset in the text where each normalized character starts.
        starts: Vec<u32>,
        /// The original byte range each normalized character came from.
        origins: Vec<(u32, u32)>,
    },
}

/// Two normalized texts are equal when their texts and their maps to the original are:
/// how the map is stored does not matter.
impl PartialEq for Normalized {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.origin_table() == other.origin_table()
    }
}

impl Eq for Normalized {}

impl Normalized {
    /// The normalized text.
    ///
    /// ```
    /// assert_eq!(collectguard::normalize("ＡＢＣ１２３").as_str(), "abc123");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalized text to the byte range of the original text it
    /// came from. The range is widened to whole characters; an empty or out-of-range input
    /// maps to an empty range at the nearest position.
    ///
    /// ```
    /// let original = "逾期 ３０ 天";
    /// let n = collectguard::normalize(original);
    /// let at = n.as_str().find("30").unwrap();
    /// let r = n.original_range(at..at + 2);
    /// assert_eq!(&original[r], "３０");
    /// ```
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let (starts, origins) = match &self.offsets {
            Offsets::Identity => return identity_range(self.text.len(), range),
            Offsets::Table { starts, origins } => (starts, origins),
        };
        if origins.is_empty() {
            return 0..0;
        }
        let first = starts
            .partition_point(|&s| (s as usize) <= range.start)
            .saturating_sub(1);
        if range.end <= range.start {
            let at = origins[first].0 as usize;
            return at..at;
        }
        let last = starts
            .partition_point(|&s| (s as usize) < range.end)
            .saturating_sub(1)
            .max(first);
        origins[first].0 as usize..origins[last].1 as usize
    }

    /// Each normalized character's start in the text and original byte range, whichever
    /// way they are stored.
    fn origin_table(&self) -> Vec<(u32, (u32, u32))> {
        match &self.offsets {
            Offsets::Identity => (0..self.text.len() as u32)
                .map(|i| (i, (i, i + 1)))
                .collect(),
            Offsets::Table { starts, origins } => starts
                .iter()
                .copied()
                .zip(origins.iter().copied())
                .collect(),
        }
    }

    /// Whether a fold meant for the rules only (written Cantonese → standard written
    /// Chinese) changed this text: the learned model reads the text without those folds.
    pub(crate) fn rules_only_folded(&self) -> bool {
        self.rules_only_folded
    }

    /// `true` when normalization changed nothing (the text was already normal and every
    /// character maps to itself).
    pub fn is_identity(&self, original: &str) -> bool {
        self.text == original
    }
}

/// One character of normalized text during construction: the character and the original
/// byte range it came from.
#[derive(Clone, Copy, Debug)]
struct Mapped {
    ch: char,
    start: u32,
    end: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FoldFile {
    #[serde(default)]
    fold: Vec<FoldDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FoldDef {
    to: String,
    from: Vec<String>,
    /// For the rules only: the learned model reads the text without this fold.
    #[serde(default)]
    rules_only: bool,
}

/// The normalization pipeline with its fold table compiled.
#[derive(Clone, Debug)]
pub(crate) struct Normalizer {
    folds: Option<AhoCorasick>,
    /// Replacement for each fold pattern, as characters.
    replacements: Vec<Vec<char>>,
    /// Whether pattern `i` starts / ends with an ASCII letter (needs a word boundary there).
    edges: Vec<(bool, bool)>,
    /// Whether pattern `i` is an abbreviation in Latin letters (`cs`, `yq`, `zfb`: at most
    /// [`ABBREVIATION_LETTERS`] ASCII letters), which folds only in a text with a Han
    /// character: in English, `CS` is customer service and `T&Cs` the terms.
    abbreviations: Vec<bool>,
    /// Whether pattern `i` folds for the rules only (see `FoldDef::rules_only`).
    rules_only: Vec<bool>,
}

/// The longest fold source that counts as an abbreviation (see `Normalizer::abbreviations`).
const ABBREVIATION_LETTERS: usize = 3;

impl Normalizer {
    /// Builds a normalizer from a fold file.
    pub(crate) fn from_toml(file: &str, source: &str) -> Result<Self, BuildError> {
        let parsed: FoldFile = toml::from_str(source)
            .map_err(|e| BuildError::new(file, None, BuildErrorKind::Toml(e.to_string())))?;
        let bare = Normalizer {
            folds: None,
            replacements: Vec::new(),
            edges: Vec::new(),
            abbreviations: Vec::new(),
            rules_only: Vec::new(),
        };
        let mut patterns = Vec::new();
        let mut replacements = Vec::new();
        let mut edges = Vec::new();
        let mut abbreviations = Vec::new();
        let mut rules_only = Vec::new();
        for fold in &parsed.fold {
            let to = bare.normalize(&fold.to).text;
            if to.is_empty() {
                return Err(BuildError::new(
                    file,
                    None,
                    BuildErrorKind::Fold(format!("fold target {:?} is empty", fold.to)),
                ));
            }
            for from in &fold.from {
                let (_, pattern, _) = bare.normalize_chars(from, true);
                if pattern.is_empty() {
                    return Err(BuildError::new(
                        file,
                        None,
                        BuildErrorKind::Fold(format!("fold source {from:?} is empty")),
                    ));
                }
                let starts_alpha = pattern.starts_with(|c: char| c.is_ascii_alphabetic());
                let ends_alpha = pattern.ends_with(|c: char| c.is_ascii_alphabetic());
                abbreviations.push(
                    pattern.len() <= ABBREVIATION_LETTERS
                        && pattern.bytes().all(|b| b.is_ascii_alphabetic()),
                );
                patterns.push(pattern);
                replacements.push(to.chars().collect::<Vec<_>>());
                rules_only.push(fold.rules_only);
                edges.push((starts_alpha, ends_alpha));
            }
        }
        for (i, p) in patterns.iter().enumerate() {
            for r in &replacements {
                let r: String = r.iter().collect();
                if r.contains(p.as_str()) {
                    return Err(BuildError::new(
                        file,
                        None,
                        BuildErrorKind::Fold(format!(
                            "fold target {r:?} contains the source {:?}; folding would not be idempotent",
                            patterns[i]
                        )),
                    ));
                }
            }
        }
        let folds = if patterns.is_empty() {
            None
        } else {
            Some(
                // A DFA: the fold table holds many one-character sources (written Cantonese),
                // which leave no rare byte for a prefilter, so every Chinese text is scanned
                // byte by byte, and a DFA's step is the cheapest (the table is small).
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| {
                        BuildError::new(file, None, BuildErrorKind::Fold(e.to_string()))
                    })?,
            )
        };
        Ok(Normalizer {
            folds,
            replacements,
            edges,
            abbreviations,
            rules_only,
        })
    }

    /// Normalizes `text` as the rules read it: every fold.
    pub(crate) fn normalize(&self, text: &str) -> Normalized {
        self.normalize_plain_ascii(text)
            .unwrap_or_else(|| self.normalize_with_table(text, true))
    }

    /// Normalizes `text` as the learned model reads it: every fold but those marked
    /// `rules_only` (the model was trained on written Cantonese as it is written).
    pub(crate) fn normalize_for_model(&self, text: &str) -> Normalized {
        self.normalize_plain_ascii(text)
            .unwrap_or_else(|| self.normalize_with_table(text, false))
    }

    /// The general path: every step, and a table from each normalized character to the
    /// original bytes; `for_rules`: whether the rules-only folds apply too.
    fn normalize_with_table(&self, text: &str, for_rules: bool) -> Normalized {
        let (chars, text, rules_only_folded) = self.normalize_chars(text, for_rules);
        let mut starts = Vec::with_capacity(chars.len());
        let mut origins = Vec::with_capacity(chars.len());
        let mut at = 0u32;
        for m in chars {
            starts.push(at);
            origins.push((m.start, m.end));
            at += m.ch.len_utf8() as u32;
        }
        Normalized {
            text,
            offsets: Offsets::Table { starts, origins },
            rules_only_folded,
        }
    }

    /// The whole pipeline for printable ASCII with line breaks and tabs and nothing to fold
    /// (most English messages): every step but lower case and tab → space leaves such a
    /// text as it is, byte for byte, so no per-character table is built. `None` for any
    /// other text, which takes the general path.
    fn normalize_plain_ascii(&self, text: &str) -> Option<Normalized> {
        let plain = |b: &u8| matches!(b, b'\n' | b'\t' | b' '..=b'~');
        if text.len() > OFFSET_LIMIT || !text.as_bytes().iter().all(plain) {
            return None;
        }
        if entities::has_reference(text) {
            return None;
        }
        let mut lowered = text.to_ascii_lowercase();
        if lowered.contains('\t') {
            lowered = lowered.replace('\t', " ");
        }
        // Soft wraps become spaces: one byte for one, so every offset still maps to itself
        // (a text without Han characters has no wrap to drop).
        let wraps = wraps::soft_wraps(lowered.as_bytes(), char::from, |i| {
            text.as_bytes()[i].is_ascii_uppercase()
        });
        if !wraps.is_empty() {
            let mut bytes = lowered.into_bytes();
            for (at, _) in wraps {
                bytes[at] = b' ';
            }
            lowered = String::from_utf8(bytes).expect("ASCII stays ASCII");
        }
        // A fold source may be in it (`vx`, `zfb`): the general path decides (a source
        // next to a letter is not folded, and then the result is the same).
        if self.folds.as_ref().is_some_and(|ac| ac.is_match(&lowered)) {
            return None;
        }
        Some(Normalized {
            text: lowered,
            offsets: Offsets::Identity,
            rules_only_folded: false,
        })
    }

    /// The normalized characters with their origins, the same characters as a string, and
    /// whether a rules-only fold applied; `for_rules`: whether the rules-only folds apply.
    fn normalize_chars(&self, text: &str, for_rules: bool) -> (Vec<Mapped>, String, bool) {
        // Offsets are stored as u32: clamp absurdly large inputs rather than overflow.
        let text = truncate_to_u32(text);
        let mut chars = map_chars(text);
        confusables::fold_look_alikes(&mut chars);
        join_soft_wraps(&mut chars, text);
        let mut joined = String::with_capacity(text.len());
        // Glosses and separators are removed only next to a Han character: a text without
        // one (most English texts) skips both steps until a fold brings one in.
        let mut has_han = chars.iter().any(|m| is_han(m.ch));
        // Latin-letter abbreviations stand for Chinese words only in Chinese text.
        let abbreviations = has_han;
        let mut rules_only_folded = false;
        // A fold can put a Han character next to a gloss or a separator (`vx(dǎo)`), so the
        // string-level steps repeat until no fold applies; folds never re-create their own
        // sources, so this ends quickly (bounded for safety).
        for _ in 0..4 {
            if has_han {
                chars = strip_separators(strip_pinyin_glosses(chars));
            }
            has_han = true;
            joined.clear();
            joined.extend(chars.iter().map(|m| m.ch));
            let (folded, rules_only);
            (chars, folded, rules_only) =
                self.apply_folds(chars, &joined, abbreviations, for_rules);
            rules_only_folded |= rules_only;
            if !folded {
                // Nothing replaced: `joined` is the text of `chars`.
                return (chars, joined, rules_only_folded);
            }
        }
        joined.clear();
        joined.extend(chars.iter().map(|m| m.ch));
        (chars, joined, rules_only_folded)
    }

    /// Applies the folds; returns the result, whether anything was replaced and whether a
    /// rules-only fold was. `joined` is the text of `chars`; `abbreviations`: whether the
    /// abbreviation sources fold too (the text has a Han character); `for_rules`: whether
    /// the rules-only folds do.
    fn apply_folds(
        &self,
        chars: Vec<Mapped>,
        joined: &str,
        abbreviations: bool,
        for_rules: bool,
    ) -> (Vec<Mapped>, bool, bool) {
        let Some(ac) = &self.folds else {
            return (chars, false, false);
        };
        // Most texts have nothing to fold: find that out before building the offset map.
        if ac.find(joined).is_none() {
            return (chars, false, false);
        }
        let mut rules_only_folded = false;
        // Byte offset of each char in `joined` → index in `chars`.
        let mut byte_to_index = Vec::with_capacity(chars.len() + 1);
        let mut offset = 0usize;
        for m in &chars {
            byte_to_index.push(offset);
            offset += m.ch.len_utf8();
        }
        byte_to_index.push(offset);
        let index_of = |byte: usize| byte_to_index.partition_point(|&b| b < byte);

        let mut out = Vec::with_capacity(chars.len());
        let mut next = 0usize; // next index of `chars` not yet copied
        for m in ac.find_iter(joined) {
            let (first, last) = (index_of(m.start()), index_of(m.end()));
            if !abbreviations && self.abbreviations[m.pattern().as_usize()] {
                continue;
            }
            let rules_only = self.rules_only[m.pattern().as_usize()];
            if rules_only && !for_rules {
                continue;
            }
            let (needs_left, needs_right) = self.edges[m.pattern().as_usize()];
            let letter_before = first > 0 && chars[first - 1].ch.is_ascii_alphabetic();
            let letter_after = last < chars.len() && chars[last].ch.is_ascii_alphabetic();
            if (needs_left && letter_before) || (needs_right && letter_after) {
                continue;
            }
            out.extend_from_slice(&chars[next..first]);
            let start = chars[first].start;
            let end = chars[last - 1].end;
            for &ch in &self.replacements[m.pattern().as_usize()] {
                out.push(Mapped { ch, start, end });
            }
            rules_only_folded |= rules_only;
            next = last;
        }
        if next == 0 {
            return (chars, false, false);
        }
        out.extend_from_slice(&chars[next..]);
        (out, true, rules_only_folded)
    }
}

/// `Normalized::original_range` for a text of `len` bytes each mapped to itself: the same
/// result as the table `starts = 0..len`, `origins = (i, i + 1)` gives.
fn identity_range(len: usize, range: Range<usize>) -> Range<usize> {
    if len == 0 {
        return 0..0;
    }
    let first = range.start.min(len - 1);
    if range.end <= range.start {
        return first..first;
    }
    let last = range.end.min(len).saturating_sub(1).max(first);
    first..last + 1
}

/// The longest text whose offsets fit the maps' `u32`s (longer ones are cut there).
const OFFSET_LIMIT: usize = u32::MAX as usize - 8;

fn truncate_to_u32(text: &str) -> &str {
    if text.len() <= OFFSET_LIMIT {
        return text;
    }
    let mut end = OFFSET_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Step 1b: line breaks that only wrap a line are removed in a text with Han characters and
/// become spaces in Latin text (`wraps.rs`). `text` is the original, for the capitals.
fn join_soft_wraps(chars: &mut Vec<Mapped>, text: &str) {
    let capital = |i: usize| {
        text[chars[i].start as usize..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let found = wraps::soft_wraps(chars, |m| m.ch, capital);
    if found.is_empty() {
        return;
    }
    let mut found = found.into_iter().peekable();
    let mut kept = 0;
    for i in 0..chars.len() {
        let mut m = chars[i];
        if found.peek().is_some_and(|&(at, _)| at == i) {
            let (_, join) = found.next().expect("peeked");
            match join {
                wraps::Join::Drop => continue,
                wraps::Join::Space => m.ch = ' ',
            }
        }
        chars[kept] = m;
        kept += 1;
    }
    chars.truncate(kept);
}

/// Step 1: per-character mapping (HTML character references read as their character).
fn map_chars(text: &str) -> Vec<Mapped> {
    let mut out = Vec::with_capacity(text.len());
    let mut iter = text.char_indices().peekable();
    while let Some((at, mut c)) = iter.next() {
        let start = at as u32;
        let mut end = (at + c.len_utf8()) as u32;
        if c == '&' {
            if let Some((decoded, len)) = entities::character_reference(&text[at..]) {
                while iter.peek().is_some_and(|&(next, _)| next < at + len) {
                    iter.next();
                }
                c = decoded;
                end = (at + len) as u32;
            }
        }
        let mut push = |ch: char| out.push(Mapped { ch, start, end });
        if c.is_ascii() {
            match c {
                '\r' => {
                    if !matches!(iter.peek(), Some((_, '\n'))) {
                        push('\n');
                    }
                }
                '\n' => push('\n'),
                '\t' => push(' '),
                c if c.is_ascii_control() => {}
                c => push(c.to_ascii_lowercase()),
            }
            continue;
        }
        if is_cjk_unified(c) {
            push(if is_traditional_unified(c) {
                to_simplified(c)
            } else {
                c
            });
            continue;
        }
        if let Some(ascii) = full_width_ascii(c) {
            push(ascii.to_ascii_lowercase());
            continue;
        }
        if is_plain_cjk_punctuation(c) {
            push(c);
            continue;
        }
        if c.is_control() || is_default_ignorable(c) {
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            if is_default_ignorable(n) || n.is_control() {
                continue;
            }
            let s = to_simplified(n);
            if is_apostrophe(s) {
                push('\'');
            } else if s.is_lowercase() || !s.is_alphabetic() {
                push(s);
            } else {
                for l in s.to_lowercase() {
                    push(l);
                }
            }
        }
    }
    out
}

/// A full-width form of a printable ASCII character (`，` `：` `Ａ` `１`): its NFKC form,
/// without the general decomposition (Chinese text is full of them).
fn full_width_ascii(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xFEE0))
        .flatten()
}

/// CJK punctuation that every step of the per-character mapping leaves as it is (`、` `。`
/// `〈〉《》「」『』【】`): NFKC keeps it, it is neither a letter nor Traditional.
fn is_plain_cjk_punctuation(c: char) -> bool {
    ('\u{3001}'..='\u{3011}').contains(&c)
}

/// Curly and look-alike apostrophes (`’` `‘` `‛` `ʼ` `′`), which NFKC keeps: folded to `'`
/// so that `don’t` and `don't` match the same keyword.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}'
    )
}

/// Traditional → Simplified for one character.
pub(crate) fn to_simplified(c: char) -> char {
    match ts_table::TS_TABLE.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => ts_table::TS_TABLE[i].1,
        Err(_) => c,
    }
}

/// One bit per CJK unified ideograph (U+4E00..=U+9FFF): set where the character is
/// Traditional (a key of the table). Most characters of a text are not, and one bit test
/// spares them the table's binary search.
static TRADITIONAL_UNIFIED: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; (0x9FFF - 0x4E00 + 1usize).div_ceil(64)];
    for &(t, _) in ts_table::TS_TABLE {
        if is_cjk_unified(t) {
            let k = t as usize - 0x4E00;
            bits[k / 64] |= 1 << (k % 64);
        }
    }
    bits
});

/// Whether a CJK unified ideograph has a Simplified form other than itself.
fn is_traditional_unified(c: char) -> bool {
    let k = c as usize - 0x4E00;
    TRADITIONAL_UNIFIED[k / 64] & (1 << (k % 64)) != 0
}

fn is_cjk_unified(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Han characters (CJK unified ideographs and their extensions, compatibility ideographs).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Unicode default-ignorable code points and a few invisible characters used to break
/// keywords (keycap combiner, Hangul fillers).
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{20E3}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

const TONE_MARKS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";

/// Step 2: `導(dǎo)語` → `导语`. A parenthesised gloss of at most 24 pinyin letters and
/// spaces, containing at least one tone mark, right after a Han character, is removed.
fn strip_pinyin_glosses(chars: Vec<Mapped>) -> Vec<Mapped> {
    if !chars.iter().any(|m| m.ch == '(') {
        return chars;
    }
    let mut out: Vec<Mapped> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].ch == '(' && out.last().is_some_and(|m| is_han(m.ch)) {
            if let Some(len) = pinyin_gloss_len(&chars[i + 1..]) {
                i += len + 2; // '(' + gloss + ')'
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn pinyin_gloss_len(rest: &[Mapped]) -> Option<usize> {
    let mut tone = false;
    for (n, m) in rest.iter().enumerate().take(25) {
        match m.ch {
            ')' => return (tone && n > 0).then_some(n),
            c if c.is_ascii_lowercase() || c == ' ' => {}
            c if TONE_MARKS.contains(c) => tone = true,
            _ => return None,
        }
    }
    None
}

fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '-' | '_' | '.' | '*' | '~' | '^' | '`' | '=');
    }
    matches!(c, '·' | '•' | '\u{30FB}') || is_emoji(c)
}

fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{1F000}'..='\u{1FAFF}')
}

fn is_word_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric()
}

/// Step 3: separators between a Han character and a Han character, letter or digit are
/// removed: `加 微 信` → `加微信`, `转-账` → `转账`, `欠款 5000 元` → `欠款5000元`.
/// Runs of up to three separators are removed; longer runs are layout, kept as they are.
fn strip_separators(mut chars: Vec<Mapped>) -> Vec<Mapped> {
    // In place: the kept characters are written at `kept`, never ahead of `i`, so the
    // characters still to read (at `i` and after) are untouched.
    let mut kept = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].ch;
        if is_separator(c) && kept > 0 {
            let run_end = chars[i..]
                .iter()
                .position(|m| !is_separator(m.ch))
                .map_or(chars.len(), |p| i + p);
            let run_len = run_end - i;
            let l = chars[kept - 1].ch;
            if let Some(r) = chars.get(run_end).map(|m| m.ch) {
                let joins = run_len <= 3
                    && is_word_char(l)
                    && is_word_char(r)
                    && (is_han(l) || is_han(r))
                    && !(l.is_ascii_digit() && r.is_ascii_digit());
                if joins {
                    i = run_end;
                    continue;
                }
            }
            chars.copy_within(i..run_end, kept);
            kept += run_len;
            i = run_end;
            continue;
        }
        chars[kept] = chars[i];
        kept += 1;
        i += 1;
    }
    chars.truncate(kept);
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths of the per-character mapping give what the general path gives.
    #[test]
    fn fast_paths_equal_the_general_mapping() {
        let general = |c: char| -> String {
            std::iter::once(c)
                .nfkc()
                .map(to_simplified)
                .flat_map(|n| n.to_lowercase())
                .collect()
        };
        for c in ('\u{FF01}'..='\u{FF5E}').chain('\u{3001}'..='\u{3011}') {
            let fast: String = map_chars(&c.to_string()).iter().map(|m| m.ch).collect();
            assert_eq!(fast, general(c), "U+{:04X}", c as u32);
            assert!(!c.is_control() && !is_default_ignorable(c) && !is_apostrophe(c));
        }
    }

    /// The bitmap that spares most characters the table's search agrees with the table on
    /// every CJK unified ideograph.
    #[test]
    fn the_traditional_bitmap_agrees_with_the_table() {
        for c in ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_cjk_unified(c)) {
            let by_bitmap = if is_traditional_unified(c) {
                to_simplified(c)
            } else {
                c
            };
            assert_eq!(by_bitmap, to_simplified(c), "{c}");
        }
        assert!(is_traditional_unified('們') && !is_traditional_unified('们'));
    }

    /// Plain ASCII skips the per-character table; text and spans are what the general path
    /// gives, including texts with fold sources, tabs, line breaks and nothing at all.
    #[test]
    fn the_plain_ascii_path_equals_the_general_path() {
        let normalizer = &*DEFAULT_NORMALIZER;
        let texts = [
            "",
            "a",
            "Pay NOW\tor else\n",
            "add VX 123",
            "wax on",
            "ZFB pay",
            "vxa",
            "x\r\ny",
            "caf\u{e9}",
            "tab\tand\ttab",
        ];
        for text in texts {
            let fast = normalizer.normalize(text);
            let general = normalizer.normalize_with_table(text, true);
            assert_eq!(fast, general, "{text:?}");
            for start in 0..text.len() + 2 {
                for end in 0..text.len() + 2 {
                    assert_eq!(
                        fast.original_range(start..end),
                        general.original_range(start..end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
        assert!(matches!(
            normalizer.normalize("Pay now").offsets,
            Offsets::Identity
        ));
        assert!(matches!(
            normalizer.normalize("add vx").offsets,
            Offsets::Table { .. }
        ));
    }

    proptest::proptest! {
        #[test]
        fn ascii_texts_normalize_the_same_either_way(text in "[ -~\t\n\r\x00-\x08]{0,40}") {
            let normalizer = &*DEFAULT_NORMALIZER;
            let fast = normalizer.normalize(&text);
            let general = normalizer.normalize_with_table(&text, true);
            proptest::prop_assert_eq!(&fast, &general);
            for start in 0..text.len() + 2 {
                for end in start.saturating_sub(2)..text.len() + 2 {
                    proptest::prop_assert_eq!(
                        fast.original_range(start..end),
                        general.original_range(start..end)
                    );
                }
            }
        }
    }

    #[test]
    fn traditional_full_width_and_case() {
        assert_eq!(normalize("請還款ＡＢＣ").as_str(), "请还款abc");
    }

    #[test]
    fn separators_between_han_are_removed() {
        assert_eq!(normalize("加 微 信").as_str(), "加微信");
        assert_eq!(normalize("转-账 到 个人 账户").as_str(), "转账到个人账户");
        assert_eq!(normalize("hello world").as_str(), "hello world");
        assert_eq!(normalize("6222 0202").as_str(), "6222 0202");
    }

    #[test]
    fn pinyin_glosses_are_removed() {
        assert_eq!(normalize("導(dǎo)語").as_str(), "导语");
        assert_eq!(normalize("欠款（qiàn kuǎn）").as_str(), "欠款");
        // Not a gloss: no tone mark, or not after a Han character.
        assert_eq!(normalize("电话(call)").as_str(), "电话(call)");
        assert_eq!(normalize("a(dǎo)").as_str(), "a(dǎo)");
    }

    #[test]
    fn folds_and_boundaries() {
        assert_eq!(normalize("加VX").as_str(), "加微信");
        assert_eq!(normalize("薇信转账").as_str(), "微信转账");
        assert_eq!(normalize("wax").as_str(), "wax");
        assert_eq!(normalize("崔收").as_str(), "催收");
        assert_eq!(normalize("转到ZFB").as_str(), "转到支付宝");
        // Abbreviations in Latin letters fold only in a text with a Han character; whole
        // pinyin words and names fold in any text.
        assert_eq!(normalize("ZFB").as_str(), "zfb");
        assert_eq!(
            normalize("Fees, T&Cs apply. CS team").as_str(),
            "fees, t&cs apply. cs team"
        );
        assert_eq!(normalize("你的CS已到").as_str(), "你的催收已到");
        assert_eq!(normalize("pay by zhifubao").as_str(), "pay by支付宝");
    }

    #[test]
    fn curly_apostrophes_fold_and_keep_their_spans() {
        let text = "We won’t wait. It’s ‘final’";
        let n = normalize(text);
        assert_eq!(n.as_str(), "we won't wait. it's 'final'");
        let at = n.as_str().find("won't").unwrap();
        assert_eq!(&text[n.original_range(at..at + "won't".len())], "won’t");
        let q = n.as_str().rfind('\'').unwrap();
        assert_eq!(&text[n.original_range(q..q + 1)], "’");
        // Primes from NFKC fold too (idempotence); Chinese quotation marks are left alone.
        assert_eq!(normalize("\u{2057}").as_str(), "''''");
        assert_eq!(normalize("“逾期”").as_str(), "“逾期”");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(normalize("转\u{200B}账\u{FE0F}").as_str(), "转账");
    }

    #[test]
    fn original_ranges() {
        let text = "请用 V 信";
        let n = normalize(text);
        let at = n.as_str().find("微信").unwrap();
        let r = n.original_range(at..at + "微信".len());
        assert_eq!(&text[r], "V 信");
        assert_eq!(n.original_range(0..0), 0..0);
        assert_eq!(normalize("").original_range(0..3), 0..0);
    }
}
