//! The weight table as a model holds it in memory: per class, a step of a 16-bit grid and
//! each bucket's weight as a whole number of steps — the model file's own form, half the
//! memory of `f32` weights and half the cache lines per lookup. A weight is always read as
//! `f32::from(step) * scale`, the value decoding has always produced, so predictions do
//! not depend on which form a model was built in.

use super::WIDTH;

/// `steps[bucket * classes + class]` steps of `scales[class]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Weights {
    classes: usize,
    steps: Vec<i16>,
    scales: Vec<f32>,
    /// `scales` padded with zeros to `WIDTH`, for rows read at a fixed width.
    padded_scales: [f32; WIDTH],
}

fn padded(scales: &[f32]) -> [f32; WIDTH] {
    let mut padded = [0.0; WIDTH];
    padded[..scales.len()].copy_from_slice(scales);
    padded
}

impl Weights {
    /// Dense `f32` weights (`weights[bucket * classes + class]`) rounded to each class's
    /// grid, whose step maps the largest |weight| to `i16::MAX`.
    pub(crate) fn quantize(weights: &[f32], classes: usize) -> Weights {
        let scales = grid_steps(weights, classes);
        let steps = weights
            .chunks(classes)
            .flat_map(|row| row.iter().zip(&scales).map(|(w, s)| quantize(*w, *s)))
            .collect();
        Weights {
            classes,
            steps,
            padded_scales: padded(&scales),
            scales,
        }
    }

    /// A table as read from a file: `steps.len()` is a multiple of `scales.len()`.
    pub(crate) fn from_parts(steps: Vec<i16>, scales: Vec<f32>) -> Weights {
        debug_assert!(!scales.is_empty() && steps.len() % scales.len() == 0);
        Weights {
            classes: scales.len(),
            steps,
            padded_scales: padded(&scales),
            scales,
        }
    }

    /// The weights of one bucket, one per class, padded with zeros to `WIDTH`.
    #[inline]
    pub(crate) fn row(&self, bucket: u32) -> [f32; WIDTH] {
        let c = self.classes;
        let steps = &self.steps[bucket as usize * c..(bucket as usize + 1) * c];
        let mut row = [0.0; WIDTH];
        match <&[i16; WIDTH]>::try_from(steps) {
            // Every class: a fixed-width loop that compiles to a few vector instructions.
            Ok(steps) => {
                for k in 0..WIDTH {
                    row[k] = f32::from(steps[k]) * self.padded_scales[k];
                }
            }
            Err(_) => {
                for ((w, &q), &s) in row.iter_mut().zip(steps).zip(&self.scales) {
                    *w = f32::from(q) * s;
                }
            }
        }
        row
    }

    /// Every weight as `f32`, bucket-major (for writing a file).
    pub(crate) fn dense(&self) -> Vec<f32> {
        self.steps
            .chunks(self.classes)
            .flat_map(|row| {
                row.iter()
                    .zip(&self.scales)
                    .map(|(&q, &s)| f32::from(q) * s)
            })
            .collect()
    }

    /// Bytes of memory the table holds.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.steps.len() * std::mem::size_of::<i16>() + self.scales.len() * 4
    }
}

/// Per class: the step of the 16-bit grid (the largest |weight| maps to `i16::MAX`; 1 for
/// a class without weights).
pub(crate) fn grid_steps(weights: &[f32], c: usize) -> Vec<f32> {
    (0..c)
        .map(|k| {
            let max = weights
                .iter()
                .skip(k)
                .step_by(c)
                .fold(0.0f32, |m, w| m.max(w.abs()));
            if max > 0.0 {
                max / f32::from(i16::MAX)
            } else {
                1.0
            }
        })
        .collect()
}

/// The whole number of steps nearest to `w`.
pub(crate) fn quantize(w: f32, scale: f32) -> i16 {
    (w / scale).round().clamp(-32767.0, 32767.0) as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_each_weight_as_steps_times_its_class_step() {
        let dense = [0.5, -2.0, 0.0, 1.0, 0.25, -0.5];
        let weights = Weights::quantize(&dense, 2);
        let steps = grid_steps(&dense, 2);
        assert_eq!(steps, [0.5 / 32767.0, 2.0 / 32767.0]);
        for bucket in 0..3u32 {
            let row = weights.row(bucket);
            for k in 0..2 {
                let w = dense[bucket as usize * 2 + k];
                assert_eq!(row[k], f32::from(quantize(w, steps[k])) * steps[k]);
                assert!((row[k] - w).abs() <= steps[k]);
            }
            assert!(row[2..].iter().all(|&w| w == 0.0));
        }
        assert_eq!(weights.dense()[..2], [weights.row(0)[0], weights.row(0)[1]]);
        assert_eq!(weights.heap_bytes(), 6 * 2 + 2 * 4);
    }
}
