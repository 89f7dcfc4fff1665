//! The working memory of one prediction, reused from text to text: the features in text
//! order, their distinct buckets (found with a two-level bitset: read back in order on a
//! short text, in first-seen order on a long one) and those buckets' rows of weights.

use super::{WIDTH, features};

/// Reusable working memory of a prediction: the features in text order, their distinct
/// buckets with their rows of weights, and a two-level bitset to find those in time
/// linear in the features.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub features: Vec<features::Feature>,
    pub distinct: Vec<u32>,
    /// The weights of each distinct bucket, in the order of `distinct`.
    pub rows: Vec<[f32; WIDTH]>,
    /// One bit per bucket of the table; all clear between predictions.
    seen: Vec<u64>,
    /// One bit per word of `seen` that has a bit set; all clear between predictions.
    summary: Vec<u64>,
    /// The feature extractor's own buffers.
    pub workspace: features::Workspace,
}

/// The most features of a text whose distinct buckets are returned sorted.
const SHORT_FEATURES: usize = 256;

/// The most words of the summary bitset read to return buckets sorted (tables of up to
/// 2^20 buckets); a larger table's short texts are sorted by comparison instead.
const MAX_SUMMARY_WORDS: usize = 256;

impl Scratch {
    /// Frees the buffers when a long text made them large (over 64 K features).
    pub(crate) fn shrink_if_large(&mut self) {
        if self.features.capacity() > 1 << 16 || self.workspace.is_large() {
            *self = Scratch::default();
        }
    }

    /// Fills `distinct` with the buckets of `features`, each once: sorted for a short text
    /// (at most `SHORT_FEATURES` features), in first-seen order for a longer one.
    ///
    /// A short text's buckets are marked in the bitset and in its summary (one bit per
    /// word of the bitset), then read back in order through the summary, clearing as they
    /// go: work proportional to the features plus the summary's few words, with none of
    /// the mispredicted branches a comparison sort of random keys spends its time on.
    pub(crate) fn collect_distinct(&mut self, bits: u8) {
        self.distinct.clear();
        let words = (1usize << bits).div_ceil(64);
        if self.seen.len() != words {
            self.seen = vec![0; words];
            self.summary = vec![0; words.div_ceil(64)];
        }
        let short = self.features.len() <= SHORT_FEATURES;
        if short && self.summary.len() > MAX_SUMMARY_WORDS {
            self.distinct.extend(self.features.iter().map(|f| f.bucket));
            self.distinct.sort_unstable();
            self.distinct.dedup();
            return;
        }
        if short {
            for f in &self.features {
                let word = f.bucket as usize / 64;
                self.seen[word] |= 1 << (f.bucket % 64);
                self.summary[word / 64] |= 1 << (word % 64);
            }
            for (s, summary) in self.summary.iter_mut().enumerate() {
                let mut marked = std::mem::take(summary);
                while marked != 0 {
                    let word = s * 64 + marked.trailing_zeros() as usize;
                    marked &= marked - 1;
                    let mut set = std::mem::take(&mut self.seen[word]);
                    while set != 0 {
                        self.distinct
                            .push((word * 64) as u32 + set.trailing_zeros());
                        set &= set - 1;
                    }
                }
            }
            return;
        }
        for f in &self.features {
            let (word, bit) = (f.bucket as usize / 64, f.bucket % 64);
            if self.seen[word] & (1 << bit) == 0 {
                self.seen[word] |= 1 << bit;
                self.distinct.push(f.bucket);
            }
        }
        for &bucket in &self.distinct {
            self.seen[bucket as usize / 64] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct buckets of `buckets` by way of `collect_distinct`.
    fn distinct_of(scratch: &mut Scratch, buckets: &[u32], bits: u8) -> Vec<u32> {
        scratch.features = buckets
            .iter()
            .map(|&bucket| features::Feature {
                bucket,
                range: 0..0,
            })
            .collect();
        scratch.collect_distinct(bits);
        scratch.distinct.clone()
    }

    #[test]
    fn short_texts_get_sorted_distinct_buckets_and_long_ones_first_seen_order() {
        let mut next = crate::test_numbers(0x2545_f491_4f6c_dd1du64);
        // One scratch for every case: each must leave the bitsets clear for the next.
        let mut scratch = Scratch::default();
        for bits in [8u8, 12, 17, 18, 20, 21, 24] {
            for n in [0usize, 1, 2, 7, 100, 255, 256, 257, 400, 3000] {
                let mut buckets: Vec<u32> = (0..n)
                    .map(|_| (next() >> (64 - u32::from(bits))) as u32)
                    .collect();
                // Repeats, as the features of one text have.
                if n > 4 {
                    buckets[3] = buckets[1];
                    buckets[4] = buckets[1] ^ 1;
                }
                let expected = if n <= SHORT_FEATURES {
                    let mut sorted = buckets.clone();
                    sorted.sort_unstable();
                    sorted.dedup();
                    sorted
                } else {
                    let mut first_seen = Vec::new();
                    for &b in &buckets {
                        if !first_seen.contains(&b) {
                            first_seen.push(b);
                        }
                    }
                    first_seen
                };
                assert_eq!(
                    distinct_of(&mut scratch, &buckets, bits),
                    expected,
                    "bits {bits}, n {n}"
                );
            }
            assert!(scratch.seen.iter().all(|&w| w == 0), "bits {bits}");
            assert!(scratch.summary.iter().all(|&w| w == 0), "bits {bits}");
        }
    }
}
