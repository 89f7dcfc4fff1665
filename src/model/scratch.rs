//! The working memory of one prediction, reused from text to text: the features in text
//! order, their distinct buckets (found by counting passes on a short text, with a bitset
//! on a long one) and those buckets' rows of weights.

use super::{WIDTH, features};

/// Reusable working memory of a prediction: the features in text order, their distinct
/// buckets with their rows of weights, and a bitset to find those in linear time on long
/// texts.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub features: Vec<features::Feature>,
    pub distinct: Vec<u32>,
    /// The weights of each distinct bucket, in the order of `distinct`.
    pub rows: Vec<[f32; WIDTH]>,
    seen: Vec<u64>,
    /// Working memory of the short texts' sort.
    sorting: Vec<u32>,
    /// The feature extractor's own buffers.
    pub workspace: features::Workspace,
}

/// The most features of a text whose distinct buckets are found by sorting.
const SHORT_FEATURES: usize = 256;

/// Sorts buckets below `2^bits`: for up to `SHORT_FEATURES` of them and up to 20 bits, by
/// two counting passes over the low and the high half of their bits (a comparison sort
/// of a few hundred random keys spends most of its time on mispredicted branches), else
/// by `sort_unstable`. `spare` is working memory.
fn sort_buckets(buckets: &mut [u32], spare: &mut Vec<u32>, bits: u8) {
    const MAX_DIGIT_BITS: u32 = 10;
    let n = buckets.len();
    let low_bits = u32::from(bits).div_ceil(2);
    if n > SHORT_FEATURES || low_bits > MAX_DIGIT_BITS || buckets.iter().any(|&b| b >> bits != 0) {
        buckets.sort_unstable();
        return;
    }
    let mask = (1u32 << low_bits) - 1;
    let mut low = [0u16; (1 << MAX_DIGIT_BITS) + 1];
    let mut high = [0u16; (1 << MAX_DIGIT_BITS) + 1];
    for &b in buckets.iter() {
        low[(b & mask) as usize + 1] += 1;
        high[(b >> low_bits) as usize + 1] += 1;
    }
    let digits = 1usize << low_bits;
    for d in 0..digits {
        low[d + 1] += low[d];
        high[d + 1] += high[d];
    }
    spare.clear();
    spare.resize(n, 0);
    for &b in buckets.iter() {
        let slot = &mut low[(b & mask) as usize];
        spare[*slot as usize] = b;
        *slot += 1;
    }
    for &b in spare.iter() {
        let slot = &mut high[(b >> low_bits) as usize];
        buckets[*slot as usize] = b;
        *slot += 1;
    }
}

impl Scratch {
    /// Frees the buffers when a long text made them large (over 64 K features).
    pub(crate) fn shrink_if_large(&mut self) {
        if self.features.capacity() > 1 << 16 || self.workspace.is_large() {
            *self = Scratch::default();
        }
    }

    /// Fills `distinct` with the buckets of `features`, each once: sorted for a short text
    /// (at most `SHORT_FEATURES` features), in first-seen order for a longer one.
    pub(crate) fn collect_distinct(&mut self, bits: u8) {
        self.distinct.clear();
        if self.features.len() <= SHORT_FEATURES {
            // Short texts: a small sort beats clearing a bitset of the whole table.
            self.distinct.extend(self.features.iter().map(|f| f.bucket));
            sort_buckets(&mut self.distinct, &mut self.sorting, bits);
            self.distinct.dedup();
            return;
        }
        let words = (1usize << bits).div_ceil(64);
        if self.seen.len() != words {
            self.seen = vec![0; words];
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

    #[test]
    fn bucket_sort_matches_sort_unstable() {
        let mut next = crate::test_numbers(0x2545_f491_4f6c_dd1du64);
        let mut spare = Vec::new();
        for bits in [8u8, 12, 17, 18, 20, 21, 24] {
            for n in [0usize, 1, 2, 7, 100, 255, 256, 257, 400] {
                let mut buckets: Vec<u32> = (0..n)
                    .map(|_| (next() >> (64 - u32::from(bits))) as u32)
                    .collect();
                // Repeats, as the features of one text have.
                if n > 4 {
                    buckets[3] = buckets[1];
                }
                let mut expected = buckets.clone();
                expected.sort_unstable();
                sort_buckets(&mut buckets, &mut spare, bits);
                assert_eq!(buckets, expected, "bits {bits}, n {n}");
            }
        }
        // A bucket out of range (never made by the extractor) is still sorted.
        let mut odd = vec![5, 1 << 20, 3];
        sort_buckets(&mut odd, &mut spare, 12);
        assert_eq!(odd, [3, 5, 1 << 20]);
    }
}
