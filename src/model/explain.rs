//! Which words made the model say what it said: the features with the largest
//! contributions to a set of classes, merged into phrases of the normalized text.

use std::ops::Range;

use super::features::Feature;
use super::{Model, ModelClass, Prediction};

/// Most features looked at per explanation.
const TOP_FEATURES: usize = 10;
/// Most occurrences of one feature shown.
const OCCURRENCES: usize = 3;
/// Most phrases returned.
const PHRASES: usize = 4;

/// Byte ranges of the normalized text (sorted, disjoint) holding the n-grams that raised
/// the probability of `target` the most. `sorted` are the text's features sorted by bucket.
pub(crate) fn top_phrases(
    model: &Model,
    sorted: &[Feature],
    prediction: &Prediction,
    target: &[ModelClass],
    text: &str,
) -> Vec<Range<usize>> {
    let c = model.classes.len();
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
    let mut scored: Vec<(f32, usize)> = Vec::new(); // (contribution, index of first occurrence)
    let mut i = 0;
    while i < sorted.len() {
        let bucket = sorted[i].bucket as usize;
        let row = &model.weights[bucket * c..bucket * c + c];
        let contribution: f32 = row.iter().zip(&mix).map(|(w, a)| w * a).sum();
        if contribution > 0.0 {
            scored.push((contribution, i));
        }
        while i < sorted.len() && sorted[i].bucket as usize == bucket {
            i += 1;
        }
    }
    let by_weight = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > TOP_FEATURES {
        scored.select_nth_unstable_by(TOP_FEATURES, by_weight);
        scored.truncate(TOP_FEATURES);
    }
    scored.sort_unstable_by(by_weight);
    let mut pieces: Vec<(Range<usize>, f32)> = Vec::new();
    for (contribution, first) in scored {
        let bucket = sorted[first].bucket;
        for feature in sorted[first..]
            .iter()
            .take_while(|f| f.bucket == bucket)
            .take(OCCURRENCES)
        {
            pieces.push((feature.range.clone(), contribution));
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
