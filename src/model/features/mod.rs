//! Hashed features of a normalized text: Han character 1–3-grams, Latin word 1–2-grams (and
//! 3-grams when the model's [`FeatureSet`] asks for them) and in-word character 3–5-grams,
//! and shape tokens for links, amounts, card numbers, phone numbers by class, chat ids,
//! times and dates.
//!
//! Every feature keeps the byte range of the normalized text it came from, so that the
//! n-grams that weighed most can be shown as spans of the original text.

mod hash;
mod links;
mod negation;
mod numbers;

use std::ops::Range;

use hash::{Space, finish, fnv_continue, hash_bytes, hash_str, mix};
use links::{LinkRun, url_end};
use negation::negation_scopes_into;
use numbers::{masked_number_end, number_class, number_end};

/// Which optional feature families a model reads. A model records its set in its file, so
/// that inference extracts exactly the features the model was trained on; a file written
/// before the set existed reads as [`FeatureSet::default`] (the features of that time).
///
/// ```
/// use collectguard::model::FeatureSet;
///
/// let set = FeatureSet::default();
/// assert!(!set.word_trigrams && set.word_chars);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeatureSet {
    /// Latin word 3-grams ("pay it now") beside the 1- and 2-grams.
    pub word_trigrams: bool,
    /// Latin in-word character 3–5-grams (`<pay`, `ymen`).
    pub word_chars: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            word_trigrams: false,
            word_chars: true,
        }
    }
}

/// Salted into the hash of a word 3-gram, so that it hashes apart from the word pairs.
const TRIGRAM_SALT: u64 = 0x7472_6970;

/// One occurrence of a feature: its hash bucket and where it is in the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Feature {
    /// The bucket, `hash >> (64 - bits)`.
    pub bucket: u32,
    /// Byte range in the normalized text.
    pub range: Range<usize>,
}

/// Salted into the hash of a feature that starts inside a negation scope.
const NEGATED_SALT: u64 = 0x6E65_6761_7465_6421;

/// Collects the features of `text` (already normalized) into `out` (cleared first).
/// The work is linear in the length of the text: each character is visited a bounded
/// number of times.
pub(crate) fn extract(text: &str, bits: u8, set: FeatureSet, out: &mut Vec<Feature>) {
    extract_with(text, bits, set, out, &mut Workspace::default());
}

/// The working memory of [`extract_with`], kept between texts so that a short text costs
/// no allocation once the buffers have grown.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    /// Where each negation cue ends.
    cue_ends: Vec<usize>,
    /// The negation scopes, sorted and disjoint.
    scopes: Vec<Range<usize>>,
    /// (start, end) of each Han character of the pending run.
    han_run: Vec<(usize, usize)>,
    /// The last run of link characters read from a bare start.
    link_run: LinkRun,
    /// The work of the last extraction: the text's bytes, the bytes the link and
    /// masked-number scans read (those that found nothing too) and the features made.
    pub(crate) steps: u64,
}

impl Workspace {
    /// Whether a long text left the buffers large (over 64 K entries).
    pub(crate) fn is_large(&self) -> bool {
        self.cue_ends
            .capacity()
            .max(self.scopes.capacity())
            .max(self.han_run.capacity())
            .max(self.link_run.capacity())
            > 1 << 16
    }
}

/// [`extract`] with buffers that outlive the call.
pub(crate) fn extract_with(
    text: &str,
    bits: u8,
    set: FeatureSet,
    out: &mut Vec<Feature>,
    work: &mut Workspace,
) {
    out.clear();
    let mut steps = text.len() as u64;
    let link_run = &mut work.link_run;
    link_run.reset();
    negation_scopes_into(text, &mut work.cue_ends, &mut work.scopes);
    let mut sink = Sink {
        bits,
        out,
        negated: &work.scopes,
        scope: 0,
    };
    let bytes = text.as_bytes();
    let han_run = &mut work.han_run; // (start, end) of each Han char
    han_run.clear();
    let mut previous_word: Option<(u64, usize)> = None; // hash and start of the last word
    // The hash and start of the last word pair, when the last word made one.
    let mut previous_pair: Option<(u64, usize)> = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let width = c.len_utf8();
        if crate::normalize::is_han(c) {
            han_run.push((i, i + width));
            i += width;
            continue;
        }
        if !han_run.is_empty() {
            flush_han(text, han_run, &mut sink);
        }
        if let Some(end) = placeholder_end(bytes, i) {
            // A template slot ({name}, ${amount}, [FIRST NAME]): one shape, not its words.
            sink.shape("placeholder", i..end);
            previous_word = None;
            i = end;
        } else if let Some(end) = url_end(text, i, &mut steps, link_run) {
            sink.url(text, i..end);
            previous_word = None;
            i = end;
        } else if let Some(end) = masked_number_end(bytes, i, &mut steps) {
            // A number with masked digits (138****5678, 6222 xxxx xxxx 1234, 尾号****): the
            // shape of the number it hides, as news, warnings and screenshots quote them.
            let unmasked: String = text[i..end]
                .chars()
                .map(|c| if matches!(c, '*' | 'x') { '0' } else { c })
                .collect();
            sink.number_shape(text, i..end, &unmasked);
            previous_word = None;
            i = end;
        } else if c.is_ascii_alphanumeric() {
            let end = token_end(bytes, i);
            let token = &text[i..end];
            if token.bytes().all(|b| b.is_ascii_alphabetic()) {
                let hash = hash_str(Space::Word, token);
                sink.push(hash, i..end);
                let pair = previous_word.map(|(previous, start)| {
                    let pair_hash = mix(previous, hash, Space::WordPair);
                    sink.push(pair_hash, start..end);
                    (pair_hash, start)
                });
                if set.word_trigrams {
                    if pair.is_some()
                        && let Some((pair_before, pair_start)) = previous_pair
                    {
                        let trigram = mix(pair_before, hash ^ TRIGRAM_SALT, Space::WordPair);
                        sink.push(trigram, pair_start..end);
                    }
                    previous_pair = pair;
                }
                if set.word_chars {
                    sink.word_chars(token, i);
                }
                previous_word = Some((hash, i));
            } else {
                let number_end = number_end(bytes, i);
                if number_end > end || token.bytes().all(|b| b.is_ascii_digit()) {
                    let end = number_end.max(end);
                    sink.number(text, i..end);
                    previous_word = None;
                    i = end;
                    continue;
                }
                sink.shape(
                    if token.len() >= 6 {
                        "alnum_id"
                    } else {
                        "alnum"
                    },
                    i..end,
                );
                previous_word = None;
            }
            i = end;
        } else {
            match c {
                '@' => sink.shape("at_sign", i..i + width),
                '¥' | '$' | '£' | '€' | '₹' | '₦' | '₱' => {
                    sink.shape("currency", i..i + width)
                }
                '!' => sink.shape("exclaim", i..i + width),
                '?' => sink.shape("question", i..i + width),
                '\n' => sink.shape("line_break", i..i + width),
                c if is_emoji(c) => sink.shape("emoji", i..i + width),
                _ => {}
            }
            if !matches!(c, ' ' | '\'' | '-') {
                previous_word = None;
            }
            i += width;
        }
    }
    flush_han(text, han_run, &mut sink);
    work.steps = steps + out.len() as u64;
}

struct Sink<'a> {
    bits: u8,
    out: &'a mut Vec<Feature>,
    /// Sorted, disjoint negation scopes: a feature starting inside one is a different
    /// feature ("不会联系你家人" is not "联系你家人").
    negated: &'a [Range<usize>],
    /// The number of scopes ending at or before the last feature's start. Features come
    /// nearly in text order: the count moves forward a step or two, and is searched afresh
    /// (a binary search) when a feature starts before the last scope counted or far after.
    scope: usize,
}

impl Sink<'_> {
    fn push(&mut self, hash: u64, range: Range<usize>) {
        let negated = self.is_negated(range.start);
        self.push_scoped(hash, negated, range);
    }

    /// `push` for a feature whose negation (`is_negated` of its start) is known: the
    /// n-grams starting at one character share it.
    fn push_scoped(&mut self, hash: u64, negated: bool, range: Range<usize>) {
        let hash = if negated { hash ^ NEGATED_SALT } else { hash };
        let bucket = (finish(hash) >> (64 - u32::from(self.bits))) as u32;
        self.out.push(Feature { bucket, range });
    }

    /// Whether a feature starting at `start` is inside a negation scope.
    #[inline]
    fn is_negated(&mut self, start: usize) -> bool {
        // Most texts have no negation cue at all.
        if self.negated.is_empty() {
            return false;
        }
        self.is_negated_in_scopes(start)
    }

    fn is_negated_in_scopes(&mut self, start: usize) -> bool {
        let negated = self.negated;
        let search = || negated.partition_point(|s| s.end <= start);
        let mut scope = self.scope;
        if scope > 0 && negated[scope - 1].end > start {
            scope = search();
        } else {
            // A few steps forward, or a search: never more than O(log scopes) per feature.
            let mut steps = 0;
            while scope < negated.len() && negated[scope].end <= start {
                scope += 1;
                steps += 1;
                if steps == 4 {
                    scope = search();
                    break;
                }
            }
        }
        self.scope = scope;
        negated.get(scope).is_some_and(|s| s.start <= start)
    }

    fn shape(&mut self, name: &str, range: Range<usize>) {
        self.push(hash_str(Space::Shape, name), range);
    }

    /// Character 3–5-grams of a word with boundary marks (`<ur>` for "ur").
    fn word_chars(&mut self, word: &str, start: usize) {
        let bytes = word.as_bytes();
        if bytes.len() > 24 {
            return;
        }
        let mut marked = [0u8; 26];
        marked[0] = b'<';
        marked[1..=bytes.len()].copy_from_slice(bytes);
        marked[bytes.len() + 1] = b'>';
        let marked = &marked[..bytes.len() + 2];
        // The hash of the n-gram at `at`, for the n of the round: each round continues the
        // previous round's hash by one byte (FNV-1a runs byte by byte), so every n-gram
        // costs one step, not n.
        let mut hashes = [0u64; 26];
        for (at, h) in hashes
            .iter_mut()
            .enumerate()
            .take(marked.len().saturating_sub(1))
        {
            *h = hash_bytes(Space::WordChars, &marked[at..at + 2]);
        }
        for n in 3..=5 {
            if marked.len() < n {
                break;
            }
            for at in 0..=marked.len() - n {
                hashes[at] = fnv_continue(hashes[at], &marked[at + n - 1..at + n]);
            }
            if n == marked.len() && n <= 4 {
                continue; // the whole marked word is the word feature itself
            }
            for (at, &hash) in hashes.iter().enumerate().take(marked.len() - n + 1) {
                let from = start + at.saturating_sub(1);
                let to = (start + at + n - 1).min(start + bytes.len());
                self.push(hash, from..to);
            }
        }
    }

    fn url(&mut self, text: &str, range: Range<usize>) {
        self.shape("url", range.clone());
        let url = &text[range.clone()];
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(url);
        let host_len = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
        let www = if rest.starts_with("www.") { 4 } else { 0 };
        let host = &rest[www.min(host_len)..host_len];
        let host_start = range.start + (url.len() - rest.len()) + www.min(host_len);
        let host_range = host_start..host_start + host.len();
        if let Some(dot) = host.rfind('.') {
            let tld = &host[dot + 1..];
            self.push(hash_str(Space::Domain, tld), host_range.clone());
            let shortener = matches!(
                host,
                "bit.ly"
                    | "t.cn"
                    | "tinyurl.com"
                    | "goo.gl"
                    | "t.co"
                    | "is.gd"
                    | "dwz.cn"
                    | "url.cn"
                    | "suo.im"
                    | "ow.ly"
                    | "rb.gy"
                    | "cutt.ly"
                    | "tiny.cc"
            );
            if shortener {
                self.shape("short_link", range.clone());
            }
            if matches!(tld, "gov" | "gov.cn")
                || host.ends_with(".gov.cn")
                || host.ends_with(".gov")
            {
                self.shape("gov_domain", host_range.clone());
            }
            self.push(hash_str(Space::Domain, host), host_range.clone());
        }
        if rest.len() > host_len + 1 {
            self.shape("url_path", range);
        }
    }

    /// A run of digits (with inner separators): a shape by class and length, never the
    /// digits themselves.
    fn number(&mut self, text: &str, range: Range<usize>) {
        let raw = &text[range.clone()];
        self.number_shape(text, range.clone(), raw);
    }

    /// The shape of the number `raw` (its digits and separators) found at `range`.
    fn number_shape(&mut self, text: &str, range: Range<usize>, raw: &str) {
        let class = number_class(text, range.clone(), raw);
        self.shape(class, range);
    }
}

/// Emits the 1-, 2- and 3-grams of the pending run of Han characters and empties it.
/// FNV-1a runs byte by byte, so the hash of an n-gram continues that of its (n−1)-gram
/// prefix: each character's bytes are hashed once per n-gram start, not once per n-gram.
fn flush_han(text: &str, run: &mut Vec<(usize, usize)>, sink: &mut Sink<'_>) {
    let bytes = text.as_bytes();
    let empty = hash_bytes(Space::Han, &[]);
    for (i, &(first, _)) in run.iter().enumerate() {
        // The 1-, 2- and 3-grams starting here share their start, so their negation.
        let negated = sink.is_negated(first);
        let mut h = empty;
        for &(start, end) in &run[i..run.len().min(i + 3)] {
            h = fnv_continue(h, &bytes[start..end]);
            sink.push_scoped(h, negated, first..end);
        }
    }
    run.clear();
}

/// The end of a template slot starting at `start`: `{…}`, `\${…}` or `[…]` holding at most
/// 24 bytes of ASCII letters, digits, `_`, `$`, `.`, `-` and spaces (at least one letter).
fn placeholder_end(bytes: &[u8], start: usize) -> Option<usize> {
    let open = *bytes.get(start)?;
    let (inner_start, close) = match open {
        b'{' => (start + 1, b'}'),
        b'[' => (start + 1, b']'),
        b'$' if bytes.get(start + 1) == Some(&b'{') => (start + 2, b'}'),
        _ => return None,
    };
    let mut letters = false;
    for (k, &b) in bytes.iter().enumerate().skip(inner_start).take(25) {
        if b == close {
            return (letters && k > inner_start).then_some(k + 1);
        }
        if b.is_ascii_alphabetic() {
            letters = true;
        } else if !(b.is_ascii_digit() || matches!(b, b'_' | b'$' | b'.' | b'-' | b' ')) {
            return None;
        }
    }
    None
}

/// End of the ASCII alphanumeric token starting at `start`.
fn token_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    end
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_feature_is_negated_exactly_when_it_starts_inside_a_scope_in_any_order() {
        let negated = [2..5, 9..10, 14..20, 21..22, 30..31, 33..40];
        // Starts in text order, backwards, and in long jumps both ways.
        let mut starts: Vec<usize> = (0..45).collect();
        starts.extend((0..45).rev());
        starts.extend([0, 44, 1, 35, 3, 40, 15, 0, 21, 43]);
        let mut out = Vec::new();
        let mut sink = super::Sink {
            bits: 18,
            out: &mut out,
            negated: &negated,
            scope: 0,
        };
        let hash = 0x1234_5678_9ABC_DEF0u64;
        for &start in &starts {
            sink.push(hash, start..start + 1);
        }
        for (feature, &start) in out.iter().zip(&starts) {
            let inside = negated.iter().any(|s| s.contains(&start));
            let salted = if inside {
                hash ^ super::NEGATED_SALT
            } else {
                hash
            };
            let bucket = (super::finish(salted) >> (64 - 18)) as u32;
            assert_eq!(feature.bucket, bucket, "start {start}");
        }
    }

    use super::negation::negation_scopes;
    use super::*;

    fn features(text: &str) -> Vec<Feature> {
        let mut out = Vec::new();
        extract(text, 18, FeatureSet::default(), &mut out);
        out
    }

    #[test]
    fn han_ngrams_cover_one_to_three_characters() {
        // 4 characters: 4 unigrams, 3 bigrams, 2 trigrams.
        assert_eq!(features("逾期还款").len(), 9);
        let f = features("逾期还款");
        assert!(f.iter().all(|f| f.range.end <= "逾期还款".len()));
    }

    #[test]
    fn same_text_same_buckets_and_ranges_inside_text() {
        let text = "pay $300 now at bit.ly/x7 or call 170-1234-5678, 你的卡 6222 0212 3456 7890";
        let a = features(text);
        assert_eq!(a, features(text));
        for f in &a {
            assert!(
                f.range.start < f.range.end && f.range.end <= text.len(),
                "{f:?}"
            );
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        }
    }

    #[test]
    fn digits_become_shapes_not_values() {
        // Two card numbers with different digits give the same features.
        assert_eq!(
            features("卡号6222021234567890"),
            features("卡号6228480012345678")
        );
        assert_ne!(
            features("卡号6222021234567890"),
            features("卡号17012345678")
        );
    }

    #[test]
    fn links_are_found_with_their_domain() {
        let text = "点击 https://pay.example.top/a?b=1 处理";
        let f = features(text);
        let url = "https://pay.example.top/a?b=1";
        let at = text.find(url).unwrap();
        assert!(f.iter().any(|f| f.range == (at..at + url.len())));
        assert_ne!(features("visit www.abc.top"), features("visit www.abc.com"));
    }

    #[test]
    fn negated_words_are_other_features() {
        let plain = features("我们联系你家人");
        let negated = features("我们不会联系你家人");
        let at = "我们不会".len();
        let inside = |f: &Vec<Feature>, offset: usize| -> Vec<u32> {
            f.iter()
                .filter(|x| x.range.start >= offset)
                .map(|x| x.bucket)
                .collect()
        };
        // "联系你家人" after 不会 hashes apart from the same words without it.
        let a = inside(&plain, "我们".len());
        let b = inside(&negated, at);
        assert!(a.iter().all(|x| !b.contains(x)), "{a:?} {b:?}");
        // The scope ends at the clause break.
        let after = features("我们不会联系,你家人");
        let tail = "我们不会联系,".len();
        let plain_tail = features("你家人");
        assert_eq!(inside(&after, tail).len(), plain_tail.len());
        assert!(
            inside(&after, tail)
                .iter()
                .all(|x| plain_tail.iter().any(|p| p.bucket == *x))
        );
        // English: a cue word, not a substring ("note" is no cue).
        assert_ne!(
            features("we will not call your boss"),
            features("we will call your boss")
        );
        assert!(negation_scopes("a note about your boss").is_empty());
    }

    #[test]
    fn optional_families_add_or_remove_exactly_their_features() {
        let text = "pay it now";
        let with = |set: FeatureSet| {
            let mut out = Vec::new();
            extract(text, 18, set, &mut out);
            out
        };
        let plain = with(FeatureSet::default());
        let trigrams = with(FeatureSet {
            word_trigrams: true,
            ..FeatureSet::default()
        });
        // One 3-gram more ("pay it now"), spanning the three words; the rest unchanged.
        assert_eq!(trigrams.len(), plain.len() + 1);
        assert!(plain.iter().all(|f| trigrams.contains(f)));
        let extra: Vec<_> = trigrams.iter().filter(|f| !plain.contains(f)).collect();
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].range, 0..text.len());
        // Without in-word character n-grams: the 3 words and 2 pairs only.
        let words_only = with(FeatureSet {
            word_chars: false,
            ..FeatureSet::default()
        });
        assert_eq!(words_only.len(), 5);
        assert!(words_only.iter().all(|f| plain.contains(f)));
        // A break (a number) between words makes no pair and no 3-gram across it.
        let mut out = Vec::new();
        let set = FeatureSet {
            word_trigrams: true,
            word_chars: false,
        };
        extract("pay it 500 now", 18, set, &mut out);
        assert_eq!(out.len(), 3 + 1 + 1, "{out:?}"); // words, pair, the number's shape
    }

    #[test]
    fn template_slots_are_one_shape() {
        let buckets = |t: &str| features(t).iter().map(|f| f.bucket).collect::<Vec<_>>();
        // Any slot name gives the same features; the `$` of `{$name}` is no currency sign.
        assert_eq!(
            buckets("您好{$name}，请还款"),
            buckets("您好{user_id}，请还款")
        );
        assert_eq!(
            buckets("dear [first name], pay"),
            buckets("dear [customer], pay")
        );
        assert_ne!(
            buckets("dear [first name], pay"),
            buckets("dear first name, pay")
        );
        assert_eq!(placeholder_end(b"[1]", 0), None); // a footnote, not a slot
        assert_eq!(placeholder_end(b"{abc", 0), None);
    }

    #[test]
    fn incremental_han_hashes_equal_whole_ngram_hashes() {
        let text = "逾期還款个人账户";
        let mut run: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        let mut out = Vec::new();
        flush_han(
            text,
            &mut run,
            &mut Sink {
                bits: 18,
                out: &mut out,
                negated: &[],
                scope: 0,
            },
        );
        for f in &out {
            let whole = hash_str(Space::Han, &text[f.range.clone()]);
            assert_eq!(
                f.bucket,
                (finish(whole) >> (64 - 18)) as u32,
                "{:?}",
                f.range
            );
        }
        assert_eq!(out.len(), 8 + 7 + 6);
    }

    #[test]
    fn hostile_input_stays_inside_the_text() {
        for text in [
            "",
            "a",
            "1",
            ".",
            "http://",
            "www.",
            "1-",
            "1.2.3.4.5",
            "😀x😀",
            "\u{0}\u{7}",
        ] {
            for f in features(text) {
                assert!(f.range.end <= text.len());
            }
        }
    }
}
