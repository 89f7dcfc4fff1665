//! Which words made the model say what it said: the features with the largest
//! contributions to a set of classes, merged into phrases of the normalized text.

use std::ops::Range;

use super::{Model, ModelClass, Prediction, Scratch};

/// Most features looked at per explanation.
const TOP_FEATURES: usize = 10;
/// Most occurrences of one feature shown.
const OCCURRENCES: usize = 3;
/// Most phrases returned.
const PHRASES: usize = 4;

/// Byte ranges of the normalized text (sorted, disjoint) holding the n-grams that raised
/// the probability of `target` the most. Linear in the number of features.
pub(crate) fn top_phrases(
    model: &Model,
    scratch: &Scratch,
    prediction: &Prediction,
    target: &[ModelClass],
    text: &str,
) -> Vec<Range<usize>> {
    let p: Vec<f32> = prediction.probabilities.iter().map(|(_, p)| *p).collect();
    let target_mass: f32 = model
        .classes
        .iter()
        .zip(&p)
        .filter(|(class, _)| target.contains(class))
        .map(|(_, p)| p)
        .sum();
    if target_mass <= 0.0 {
        return Vec::new();
    }
    // Contribution of a feature to log P(target): x · (E_target[w] − E_all[w]), i.e. the
    // weights dotted with a = p/mass on target classes minus p.
    let mix: Vec<f32> = model
        .classes
        .iter()
        .zip(&p)
        .map(|(class, pk)| {
            let inside = if target.contains(class) {
                pk / target_mass
            } else {
                0.0
            };
            inside - pk
        })
        .collect();
    let mut scored: Vec<(f32, u32)> = scratch
        .distinct
        .iter()
        .map(|&bucket| {
            let contribution: f32 = model.row(bucket).iter().zip(&mix).map(|(w, a)| w * a).sum();
            (contribution, bucket)
        })
        .filter(|(contribution, _)| *contribution > 0.0)
        .collect();
    let by_weight = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > TOP_FEATURES {
        scored.select_nth_unstable_by(TOP_FEATURES, by_weight);
        scored.truncate(TOP_FEATURES);
    }
    // The first occurrences of the chosen features, in text order.
    let mut shown = [0usize; TOP_FEATURES];
    let mut pieces: Vec<(Range<usize>, f32)> = Vec::new();
    for feature in &scratch.features {
        if let Some(k) = scored.iter().position(|(_, b)| *b == feature.bucket) {
            if shown[k] < OCCURRENCES {
                shown[k] += 1;
                pieces.push((feature.range.clone(), scored[k].0));
            }
        }
    }
    // An in-word character n-gram ("arran" of "warrant") is shown as its whole word.
    let bytes = text.as_bytes();
    for (range, _) in &mut pieces {
        let word = |b: u8| b.is_ascii_alphanumeric();
        while range.start > 0 && word(bytes[range.start - 1]) && word(bytes[range.start]) {
            range.start -= 1;
        }
        while range.end < bytes.len() && word(bytes[range.end]) && word(bytes[range.end - 1]) {
            range.end += 1;
        }
    }
    pieces.sort_by_key(|(r, _)| (r.start, r.end));
    // Merge pieces that overlap, touch, or are separated by one space.
    let mut phrases: Vec<(Range<usize>, f32)> = Vec::new();
    for (range, contribution) in pieces {
        match phrases.last_mut() {
            Some((last, total))
                if range.start <= last.end
                    || (range.start == last.end + 1 && text.as_bytes()[last.end] == b' ') =>
            {
                last.end = last.end.max(range.end);
                *total += contribution;
            }
            _ => phrases.push((range, contribution)),
        }
    }
    phrases.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
    phrases.truncate(PHRASES);
    let mut ranges: Vec<Range<usize>> = phrases.into_iter().map(|(r, _)| r).collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}
