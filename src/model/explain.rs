//! Which words made the model say what it said: the features with the largest
//! contributions to a set of classes, merged into phrases of the normalized text.

use std::ops::Range;

use super::{Model, ModelClass, Prediction, Scratch, WIDTH};

/// Most features looked at per explanation.
const TOP_FEATURES: usize = 10;
/// Most occurrences of one feature shown.
const OCCURRENCES: usize = 3;
/// Most phrases returned.
const PHRASES: usize = 4;

/// For each class set of `targets`, the byte ranges of the normalized text (sorted,
/// disjoint) holding the n-grams that raised the probability of that set the most.
///
/// One pass over the distinct features' rows for each target, and one pass over the
/// features in text order finds where the chosen ones are, for every target at once.
pub(crate) fn top_phrases(
    model: &Model,
    scratch: &Scratch,
    prediction: &Prediction,
    targets: &[&[ModelClass]],
    text: &str,
) -> Vec<Vec<Range<usize>>> {
    // Contribution of a feature to log P(target): x · (E_target[w] − E_all[w]), i.e. the
    // weights dotted with a = p/mass on target classes minus p. `None`: no mass, no words.
    // Fixed-width rows (a model has at most `WIDTH` classes; fewer are padded with zeros)
    // let the dot products unroll: this loop is the explanation's main cost.
    let mut chosen: Vec<Option<Chosen>> = targets
        .iter()
        .map(|target| mix(model, prediction, target).map(Chosen::new))
        .collect();
    // Target by target over the rows (a few KB, in cache after the first target): the
    // target's multipliers stay in registers through the loop.
    for target in chosen.iter_mut().flatten() {
        let mix = target.mix;
        for (&bucket, row) in scratch.distinct.iter().zip(&scratch.rows) {
            target.top.offer(dot(row, &mix), bucket);
        }
    }
    // The first occurrences of the chosen features, in text order, for every target at
    // once. Each target's chosen buckets are sorted for a binary search (at most 10).
    let mut filter = [0u64; 4];
    for target in chosen.iter_mut().flatten() {
        target.sort_lookup();
        for &(bucket, _) in target.lookup() {
            // A 256-bit filter of every chosen bucket: most features are none of them
            // and cost one test.
            filter[(bucket as usize >> 6) & 3] |= 1 << (bucket & 63);
        }
    }
    // (target, range, contribution) of every occurrence shown: at most `OCCURRENCES` of
    // `TOP_FEATURES` features for each target.
    let mut pieces: Vec<(usize, Range<usize>, f32)> =
        Vec::with_capacity(targets.len() * TOP_FEATURES * OCCURRENCES);
    for feature in &scratch.features {
        let bucket = feature.bucket;
        if filter[(bucket as usize >> 6) & 3] & (1 << (bucket & 63)) == 0 {
            continue;
        }
        for (t, target) in chosen.iter_mut().enumerate() {
            let Some(target) = target else { continue };
            if let Ok(i) = target.lookup().binary_search_by_key(&bucket, |(b, _)| *b) {
                let k = target.lookup[i].1;
                if target.shown[k] < OCCURRENCES {
                    target.shown[k] += 1;
                    pieces.push((t, feature.range.clone(), target.top.slots[k].0));
                }
            }
        }
    }
    phrases_by_target(pieces, targets.len(), text)
}

/// One target's state in [`top_phrases`].
struct Chosen {
    /// Per-class multipliers of the target's contributions.
    mix: [f32; WIDTH],
    /// Its best features so far.
    top: Top,
    /// (bucket, rank in `top`) of the chosen features, sorted by bucket.
    lookup: [(u32, usize); TOP_FEATURES],
    /// Occurrences shown of each chosen feature, by rank.
    shown: [usize; TOP_FEATURES],
}

impl Chosen {
    fn new(mix: [f32; WIDTH]) -> Chosen {
        Chosen {
            mix,
            top: Top::default(),
            lookup: [(0, 0); TOP_FEATURES],
            shown: [0; TOP_FEATURES],
        }
    }

    /// Fills `lookup` from the chosen features.
    fn sort_lookup(&mut self) {
        for (k, (_, bucket)) in self.top.entries().iter().enumerate() {
            self.lookup[k] = (*bucket, k);
        }
        let len = self.top.len;
        self.lookup[..len].sort_unstable();
    }

    fn lookup(&self) -> &[(u32, usize)] {
        &self.lookup[..self.top.len]
    }
}

/// The dot product of two fixed-width rows, summed in two halves (independent chains the
/// processor can run side by side).
fn dot(a: &[f32; WIDTH], b: &[f32; WIDTH]) -> f32 {
    let mut halves = [0.0f32; 2];
    for k in 0..WIDTH {
        halves[k % 2] += a[k] * b[k];
    }
    halves[0] + halves[1]
}

/// The per-class multipliers whose dot product with a feature's weights is its
/// contribution to log P(target), zero past the model's classes; `None` when the target
/// has no probability mass.
fn mix(model: &Model, prediction: &Prediction, target: &[ModelClass]) -> Option<[f32; WIDTH]> {
    let p = &prediction.probabilities;
    let target_mass: f32 = p
        .iter()
        .filter(|(class, _)| target.contains(class))
        .map(|(_, p)| p)
        .sum();
    if target_mass <= 0.0 {
        return None;
    }
    let mut mix = [0.0; WIDTH];
    for ((slot, class), (_, pk)) in mix.iter_mut().zip(&model.classes).zip(p) {
        let inside = if target.contains(class) {
            pk / target_mass
        } else {
            0.0
        };
        *slot = inside - pk;
    }
    Some(mix)
}

/// The `TOP_FEATURES` buckets with the largest positive contributions (ties: the smaller
/// bucket), kept as they are offered: each offer costs at most `TOP_FEATURES` steps, and
/// one comparison once the list is full and the offer does not beat its last entry.
#[derive(Clone, Copy)]
struct Top {
    /// (contribution, bucket), best first; the first `len` are set.
    slots: [(f32, u32); TOP_FEATURES],
    len: usize,
    /// The least contribution that can enter: 0 until the list is full, then its last
    /// entry's (an offer equal to it enters only with a smaller bucket).
    floor: f32,
}

impl Default for Top {
    fn default() -> Self {
        Top {
            slots: [(0.0, 0); TOP_FEATURES],
            len: 0,
            floor: 0.0,
        }
    }
}

impl Top {
    /// The entries, best first.
    fn entries(&self) -> &[(f32, u32)] {
        &self.slots[..self.len]
    }

    #[inline]
    fn offer(&mut self, contribution: f32, bucket: u32) {
        // Not a number, not positive, or below a full list's last entry.
        if contribution.is_nan() || contribution < self.floor || contribution <= 0.0 {
            return;
        }
        self.insert(contribution, bucket);
    }

    fn insert(&mut self, contribution: f32, bucket: u32) {
        let better = |a: &(f32, u32)| contribution > a.0 || (contribution == a.0 && bucket < a.1);
        if self.len == TOP_FEATURES && !better(&self.slots[TOP_FEATURES - 1]) {
            return;
        }
        let at = self.entries().iter().position(better).unwrap_or(self.len);
        let end = self.len.min(TOP_FEATURES - 1);
        self.slots.copy_within(at..end, at + 1);
        self.slots[at] = (contribution, bucket);
        self.len = (self.len + 1).min(TOP_FEATURES);
        if self.len == TOP_FEATURES {
            self.floor = self.slots[TOP_FEATURES - 1].0;
        }
    }
}

/// For each of `targets` targets, its pieces (ranges with their contributions) grown to
/// whole words, merged where they overlap, touch or are one space apart, and the `PHRASES`
/// heaviest kept in text order.
fn phrases_by_target(
    mut pieces: Vec<(usize, Range<usize>, f32)>,
    targets: usize,
    text: &str,
) -> Vec<Vec<Range<usize>>> {
    // A line break explains nothing, and in a transcript the debtor's turns are blanked
    // with line breaks: shown, they would point at the debtor's words in the original.
    let bytes = text.as_bytes();
    pieces.retain(|(_, range, _)| !bytes[range.clone()].iter().all(u8::is_ascii_whitespace));
    // An in-word character n-gram ("arran" of "warrant") is shown as its whole word.
    for (_, range, _) in &mut pieces {
        *range = crate::verdict::widen_to_words(text, range.clone(), usize::MAX);
    }
    // Stable: pieces of one range keep their order, and so their sum.
    pieces.sort_by_key(|(t, r, _)| (*t, r.start, r.end));
    let mut out = Vec::with_capacity(targets);
    let mut merged: Vec<(Range<usize>, f32)> = Vec::new();
    let mut rest = &pieces[..];
    for t in 0..targets {
        let n = rest
            .iter()
            .take_while(|(target, _, _)| *target == t)
            .count();
        let (mine, after) = rest.split_at(n);
        rest = after;
        merged.clear();
        for (_, range, contribution) in mine {
            match merged.last_mut() {
                Some((last, total))
                    if range.start <= last.end
                        || (range.start == last.end + 1 && bytes[last.end] == b' ') =>
                {
                    last.end = last.end.max(range.end);
                    *total += contribution;
                }
                _ => merged.push((range.clone(), *contribution)),
            }
        }
        // A lone character ("你", "元") says little next to a phrase: phrases of two or
        // more characters first, each group heaviest first.
        let lone = |r: &Range<usize>| text[r.clone()].chars().nth(1).is_none();
        merged.sort_by(|a, b| {
            lone(&a.0)
                .cmp(&lone(&b.0))
                .then(b.1.total_cmp(&a.1))
                .then(a.0.start.cmp(&b.0.start))
        });
        merged.truncate(PHRASES);
        let mut ranges: Vec<Range<usize>> = merged.iter().map(|(r, _)| r.clone()).collect();
        ranges.sort_by_key(|r| r.start);
        out.push(ranges);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TrainOptions, TrainingRow, train};

    #[test]
    fn top_keeps_the_largest_positive_contributions_best_first() {
        let mut top = Top::default();
        for (i, c) in [0.5f32, -1.0, 3.0, 0.0, 2.0, 2.0].into_iter().enumerate() {
            top.offer(c, i as u32);
        }
        assert_eq!(top.entries(), [(3.0, 2), (2.0, 4), (2.0, 5), (0.5, 0)]);
        for bucket in 10..30 {
            top.offer(1.0, bucket);
        }
        assert_eq!(top.entries().len(), TOP_FEATURES);
        assert_eq!(top.entries()[..3], [(3.0, 2), (2.0, 4), (2.0, 5)]);
        // Among equal contributions the smaller buckets stay (the selection is stable).
        assert_eq!(top.entries()[TOP_FEATURES - 1], (1.0, 16));
        // Once full, an offer below the last entry is turned away at the floor, one equal
        // to it enters only with a smaller bucket, and no number is never an entry.
        top.offer(0.5, 1);
        top.offer(1.0, 17);
        top.offer(f32::NAN, 2);
        assert_eq!(top.entries()[TOP_FEATURES - 1], (1.0, 16));
        top.offer(1.0, 9);
        assert_eq!(top.entries()[TOP_FEATURES - 1], (1.0, 15));
        assert!(top.entries().contains(&(1.0, 9)));
        assert!(top.entries().iter().all(|(c, _)| !c.is_nan()));
    }

    #[test]
    fn phrases_of_two_or_more_characters_come_before_a_lone_character() {
        let text = "你的借款已逾期,请联系客服还款,否则上门";
        let at = |s: &str| {
            let start = text.find(s).unwrap();
            start..start + s.len()
        };
        // The lone "你" weighs most, but four longer phrases fill the list.
        let pieces = vec![
            (0, at("你"), 5.0),
            (0, at("借款"), 1.0),
            (0, at("逾期"), 1.0),
            (0, at("客服"), 0.5),
            (0, at("上门"), 0.5),
        ];
        let phrases = phrases_by_target(pieces.clone(), 1, text);
        let shown: Vec<&str> = phrases[0].iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["借款", "逾期", "客服", "上门"]);
        // With room to spare, it is shown.
        let phrases = phrases_by_target(pieces[..3].to_vec(), 1, text);
        let shown: Vec<&str> = phrases[0].iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["你", "借款", "逾期"]);
    }

    /// A model trained on two classes has rows narrower than `WIDTH`: they are padded,
    /// and its explanation points at the words that made its one scam class.
    #[test]
    fn a_model_with_fewer_classes_is_explained_from_padded_rows() {
        let rows = [
            TrainingRow::new(
                "pay the fee into my personal account now",
                ModelClass::FakeCollection,
            ),
            TrainingRow::new(
                "send the fee to this personal account today",
                ModelClass::FakeCollection,
            ),
            TrainingRow::new("your statement is ready in the app", ModelClass::Benign),
            TrainingRow::new("thanks, your payment was received", ModelClass::Benign),
        ];
        let model = train(
            &rows,
            &TrainOptions {
                bits: 12,
                ..TrainOptions::default()
            },
        );
        assert_eq!(model.classes().len(), 2);
        let text = "please pay into my personal account";
        let mut scratch = Scratch::default();
        let prediction = model.predict_normalized(text, &mut scratch);
        let phrases = top_phrases(
            &model,
            &scratch,
            &prediction,
            &[&[ModelClass::FakeCollection], &[ModelClass::Benign]],
            text,
        );
        assert_eq!(phrases.len(), 2);
        // Every word shown for the scam class is a word of its training rows, none only
        // of the harmless ones.
        let shown: Vec<&str> = phrases[0]
            .iter()
            .flat_map(|r| text[r.clone()].split(' '))
            .collect();
        assert!(!shown.is_empty());
        for word in &shown {
            assert!(
                rows[..2]
                    .iter()
                    .any(|r| r.text.split(' ').any(|w| w == *word)),
                "{word} in {shown:?}"
            );
        }
        for range in phrases.iter().flatten() {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }

    #[test]
    fn dot_matches_the_plain_sum() {
        let a = [1.0, -2.0, 0.5, 0.0, 3.0, 0.25];
        let b = [0.5, 0.5, -1.0, 7.0, 0.0, 4.0];
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        // Exact here (every product and partial sum is a small binary fraction).
        assert_eq!(dot(&a, &b), plain);
    }
}
