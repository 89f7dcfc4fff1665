//! Training: multinomial logistic regression with per-coordinate AdaGrad steps, or
//! multinomial naive Bayes, over the hashed features. Deterministic: the same rows in the
//! same order with the same options give the same model, bit for bit.

use super::features::{Feature, extract};
use super::{Combiner, Model, ModelCard, ModelClass, Scaling};

/// One labelled text to learn from.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingRow {
    /// The message text (normalized during training, as at inference).
    pub text: String,
    /// Its class.
    pub class: ModelClass,
}

impl TrainingRow {
    /// A row from a text and its class.
    pub fn new(text: impl Into<String>, class: ModelClass) -> TrainingRow {
        TrainingRow {
            text: text.into(),
            class,
        }
    }
}

/// The learning algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// Multinomial logistic regression (softmax), AdaGrad, L2-scaled features.
    Logistic,
    /// Multinomial naive Bayes with Laplace smoothing, binary features.
    NaiveBayes,
    /// A fastText-style bag of embeddings (Joulin et al. 2017): each bucket has a vector of
    /// `dim` numbers, a text is the scaled sum of its buckets' vectors, and a linear layer
    /// maps that sum to the class logits; plain SGD with a linearly decaying rate. Having no
    /// hidden non-linearity, the trained model is a linear model of rank `dim`, and is
    /// stored as one (each bucket's class weights are its vector through the output layer),
    /// so it costs nothing more at inference.
    Embedding {
        /// Length of each bucket's vector.
        dim: usize,
    },
}

/// Training options. The defaults are the ones the embedded model was trained with.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// Hash-table size as a power of two (8..=24).
    pub bits: u8,
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Passes over the data (logistic regression).
    pub epochs: usize,
    /// AdaGrad base learning rate.
    pub learning_rate: f32,
    /// L2 penalty per step.
    pub l2: f32,
    /// Weigh each class inversely to its frequency.
    pub balance_classes: bool,
    /// Seed of the row shuffle.
    pub seed: u64,
    /// Logistic regression: how many models, each with its own shuffle (seeds `seed`,
    /// `seed + 1`, …), are trained and averaged into one (bagging over orders: the same
    /// size and speed at inference, less dependence on one order of the rows).
    pub bags: usize,
    /// Fragments: for every row of at least 24 characters, this many extra
    /// rows of the same class made of one seeded random window of 40–85 % of its
    /// characters. Real messages reach us quoted in part (a news page's excerpt, a
    /// screenshot's visible lines); a model that learned only whole messages leans on their
    /// openings and signatures.
    pub crops: usize,
    /// How much one fragment row counts against a whole row (logistic regression).
    pub crop_weight: f32,
    /// Feature dropout (logistic regression): the share of a row's distinct features left
    /// out of each step, drawn anew every epoch (seeded), so that no few strong n-grams
    /// carry a class alone and the weight spreads over everything that comes with them.
    pub dropout: f32,
    /// Label smoothing (logistic regression): each row's target gives its own class
    /// `1 − ε` and every other class `ε / (classes − 1)` instead of 1 and 0, so that no
    /// row pushes its class's probability all the way to certainty (ε is clamped to 0…0.5;
    /// measured on the shipped data and rejected, MODEL.md).
    pub label_smoothing: f32,
    /// The optional feature families to train on; the model records them and reads the
    /// same at inference.
    pub features: super::FeatureSet,
}

/// The shortest row (in characters) that [`TrainOptions::crops`] cuts fragments from.
pub(crate) const MIN_CROP_CHARS: usize = 24;

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 18,
            algorithm: Algorithm::Logistic,
            epochs: 12,
            learning_rate: 0.5,
            l2: 1e-6,
            balance_classes: true,
            seed: 0x5EED,
            bags: 1,
            crops: 0,
            crop_weight: 1.0,
            dropout: 0.0,
            label_smoothing: 0.0,
            features: super::FeatureSet::default(),
        }
    }
}

/// Trains a model on `rows`. The classes of the model are the classes present in the rows
/// (in [`ModelClass::ALL`] order); the combiner starts from its defaults (fit it with
/// [`fit_combiner`](super::fit_combiner)).
///
/// ```
/// use collectguard::model::{ModelClass, TrainOptions, TrainingRow, train};
/// let rows = vec![
///     TrainingRow::new("pay the fine in gift cards now", ModelClass::FakeCollection),
///     TrainingRow::new("your statement is ready", ModelClass::Benign),
/// ];
/// let model = train(&rows, &TrainOptions { bits: 12, ..TrainOptions::default() });
/// assert_eq!(model.classes(), &[ModelClass::FakeCollection, ModelClass::Benign]);
/// ```
pub fn train(rows: &[TrainingRow], options: &TrainOptions) -> Model {
    let bits = options.bits.clamp(8, 24);
    let classes: Vec<ModelClass> = ModelClass::ALL
        .into_iter()
        .filter(|c| rows.iter().any(|r| r.class == *c))
        .collect();
    let classes = if classes.is_empty() {
        vec![ModelClass::Benign]
    } else {
        classes
    };
    let cropped = fragments(rows, options);
    let examples: Vec<Example> = rows
        .iter()
        .map(|row| (row, 1.0))
        .chain(cropped.iter().map(|row| (row, options.crop_weight)))
        .map(|(row, weight)| {
            let normalized = crate::normalize::normalize(&row.text);
            let mut features: Vec<Feature> = Vec::new();
            extract(normalized.as_str(), bits, options.features, &mut features);
            let mut buckets: Vec<u32> = features.iter().map(|f| f.bucket).collect();
            buckets.sort_unstable();
            buckets.dedup();
            let class = classes.iter().position(|c| *c == row.class).unwrap_or(0);
            Example {
                buckets,
                class,
                weight,
            }
        })
        .collect();
    let mut counts = vec![0usize; classes.len()];
    for example in &examples {
        counts[example.class] += 1;
    }
    let (weights, bias, scaling) = match options.algorithm {
        Algorithm::Logistic => {
            let (w, b) = bagged(&examples, &counts, classes.len(), bits, options);
            (w, b, Scaling::L2)
        }
        Algorithm::NaiveBayes => {
            let (w, b) = naive_bayes(&examples, &counts, classes.len(), bits);
            (w, b, Scaling::Binary)
        }
        Algorithm::Embedding { .. } => {
            let (w, b) = bagged(&examples, &counts, classes.len(), bits, options);
            (w, b, Scaling::L2)
        }
    };
    // Rounded to the file's 16-bit grid, so a model predicts the same before and after a
    // save and load.
    let weights = super::weights::Weights::quantize(&weights, classes.len());
    let card = ModelCard {
        rows_per_class: classes
            .iter()
            .zip(&original_counts(rows, &classes))
            .map(|(c, n)| (c.as_str().to_string(), *n))
            .collect(),
        sources: Vec::new(),
        trained_with: format!("{options:?}"),
    };
    Model {
        classes,
        bits,
        features: options.features,
        scaling,
        weights,
        bias,
        combiner: Combiner::default(),
        card,
        texts: Default::default(),
    }
}

/// One training example: its distinct feature buckets, class index and weight.
struct Example {
    buckets: Vec<u32>,
    class: usize,
    weight: f32,
}

/// Rows per class of the data as given (fragments not counted).
fn original_counts(rows: &[TrainingRow], classes: &[ModelClass]) -> Vec<usize> {
    classes
        .iter()
        .map(|c| rows.iter().filter(|r| r.class == *c).count())
        .collect()
}

/// The extra fragment rows of [`TrainOptions::crops`], in row order (seeded: the same rows
/// and options give the same fragments).
fn fragments(rows: &[TrainingRow], options: &TrainOptions) -> Vec<TrainingRow> {
    let mut out = Vec::new();
    if options.crops == 0 {
        return out;
    }
    let mut rng = SplitMix(options.seed ^ 0xC20F_5EED);
    for row in rows {
        let starts: Vec<usize> = row.text.char_indices().map(|(i, _)| i).collect();
        let n = starts.len();
        if n < MIN_CROP_CHARS {
            continue;
        }
        for _ in 0..options.crops {
            let share = 40 + (rng.next() % 46) as usize;
            let len = (n * share / 100).max(1);
            let first = (rng.next() % (n - len + 1) as u64) as usize;
            let end = starts.get(first + len).copied().unwrap_or(row.text.len());
            out.push(TrainingRow::new(&row.text[starts[first]..end], row.class));
        }
    }
    out
}

/// Class weights: inverse frequency, averaging 1 over the rows.
fn class_weights(counts: &[usize], balance: bool) -> Vec<f32> {
    let total: usize = counts.iter().sum();
    counts
        .iter()
        .map(|&n| {
            if !balance || n == 0 {
                1.0
            } else {
                total as f32 / (counts.len() as f32 * n as f32)
            }
        })
        .collect()
}

/// `options.bags` linear models (logistic regression, or the folded bag of embeddings) over
/// different row orders, averaged weight by weight.
/// Trained on up to two threads; the sum runs in bag order, so the result does not depend
/// on the threads.
fn bagged(
    examples: &[Example],
    counts: &[usize],
    c: usize,
    bits: u8,
    options: &TrainOptions,
) -> (Vec<f32>, Vec<f32>) {
    let one = |options: &TrainOptions| match options.algorithm {
        Algorithm::Embedding { dim } => embedding(examples, counts, c, bits, dim, options),
        _ => logistic(examples, counts, c, bits, options),
    };
    let bags = options.bags.max(1);
    if bags == 1 {
        return one(options);
    }
    let seeds: Vec<u64> = (0..bags)
        .map(|k| options.seed.wrapping_add(k as u64))
        .collect();
    let models = super::map_on_two_threads(&seeds, |&seed| {
        let options = TrainOptions {
            seed,
            ..options.clone()
        };
        one(&options)
    });
    let mut models = models.into_iter();
    let (mut w, mut b) = models.next().expect("at least one bag");
    for (wk, bk) in models {
        w.iter_mut().zip(&wk).for_each(|(a, x)| *a += x);
        b.iter_mut().zip(&bk).for_each(|(a, x)| *a += x);
    }
    let n = bags as f32;
    w.iter_mut().for_each(|a| *a /= n);
    b.iter_mut().for_each(|a| *a /= n);
    (w, b)
}

fn logistic(
    examples: &[Example],
    counts: &[usize],
    c: usize,
    bits: u8,
    options: &TrainOptions,
) -> (Vec<f32>, Vec<f32>) {
    let size = (1usize << bits) * c;
    let mut w = vec![0.0f32; size];
    let mut g2 = vec![0.0f32; size];
    let mut b = vec![0.0f32; c];
    let mut gb2 = vec![0.0f32; c];
    let class_weight = class_weights(counts, options.balance_classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(options.seed);
    let mut logits = vec![0.0f32; c];
    let lr = options.learning_rate;
    let smoothing = options.label_smoothing.clamp(0.0, 0.5);
    let (on, off) = if c > 1 {
        (1.0 - smoothing, smoothing / (c - 1) as f32)
    } else {
        (1.0, 0.0)
    };
    let mut kept: Vec<u32> = Vec::new();
    let mut drop_rng = SplitMix(options.seed ^ 0xD0_0D0);
    // Keep a feature when a uniform draw of 24 bits is at or above this.
    let drop_below = (options.dropout.clamp(0.0, 0.95) * (1 << 24) as f32) as u64;
    for _ in 0..options.epochs {
        shuffle(&mut order, &mut rng);
        for &i in &order {
            let Example {
                buckets,
                class,
                weight,
            } = &examples[i];
            let buckets: &[u32] = if drop_below == 0 {
                buckets
            } else {
                kept.clear();
                kept.extend(
                    buckets
                        .iter()
                        .copied()
                        .filter(|_| drop_rng.next() >> 40 >= drop_below),
                );
                if kept.is_empty() { buckets } else { &kept }
            };
            let x = 1.0 / (buckets.len().max(1) as f32).sqrt();
            logits.copy_from_slice(&b);
            for &f in buckets {
                let row = &w[f as usize * c..f as usize * c + c];
                for (l, wk) in logits.iter_mut().zip(row) {
                    *l += x * wk;
                }
            }
            let p = super::softmax(&logits);
            let cw = class_weight[*class] * weight;
            for k in 0..c {
                let target = if k == *class { on } else { off };
                let g = (p[k] - target) * cw;
                gb2[k] += g * g;
                b[k] -= lr * g / (gb2[k].sqrt() + 1e-6);
                if g == 0.0 {
                    continue;
                }
                for &f in buckets {
                    let at = f as usize * c + k;
                    let grad = g * x + options.l2 * w[at];
                    g2[at] += grad * grad;
                    w[at] -= lr * grad / (g2[at].sqrt() + 1e-6);
                }
            }
        }
    }
    (w, b)
}

/// The bag of embeddings of [`Algorithm::Embedding`], trained with SGD as fastText does
/// (input vectors uniform in ±1/dim, output layer zero, the rate falling linearly to zero
/// over all steps), then folded into per-bucket class weights.
fn embedding(
    examples: &[Example],
    counts: &[usize],
    c: usize,
    bits: u8,
    dim: usize,
    options: &TrainOptions,
) -> (Vec<f32>, Vec<f32>) {
    let dim = dim.max(1);
    let buckets = 1usize << bits;
    let mut rng = SplitMix(options.seed ^ 0xE3BE_DD17);
    let mut input: Vec<f32> = (0..buckets * dim)
        .map(|_| ((rng.next() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) / dim as f32)
        .collect();
    let mut output = vec![0.0f32; c * dim];
    let mut b = vec![0.0f32; c];
    let class_weight = class_weights(counts, options.balance_classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut hidden = vec![0.0f32; dim];
    let mut back = vec![0.0f32; dim];
    let mut logits = vec![0.0f32; c];
    let total_steps = (options.epochs.max(1) * examples.len().max(1)) as f32;
    let mut step = 0usize;
    for _ in 0..options.epochs {
        shuffle(&mut order, &mut rng);
        for &i in &order {
            let Example {
                buckets: features,
                class,
                weight,
            } = &examples[i];
            let lr = options.learning_rate * (1.0 - step as f32 / total_steps);
            step += 1;
            let x = 1.0 / (features.len().max(1) as f32).sqrt();
            hidden.iter_mut().for_each(|h| *h = 0.0);
            for &f in features {
                let v = &input[f as usize * dim..f as usize * dim + dim];
                hidden.iter_mut().zip(v).for_each(|(h, e)| *h += x * e);
            }
            for k in 0..c {
                let o = &output[k * dim..k * dim + dim];
                logits[k] = b[k] + o.iter().zip(&hidden).map(|(a, h)| a * h).sum::<f32>();
            }
            let p = super::softmax(&logits);
            let cw = class_weight[*class] * weight;
            back.iter_mut().for_each(|g| *g = 0.0);
            for k in 0..c {
                let target = if k == *class { 1.0 } else { 0.0 };
                let g = (p[k] - target) * cw;
                if g == 0.0 {
                    continue;
                }
                b[k] -= lr * g;
                let o = &mut output[k * dim..k * dim + dim];
                for ((a, h), gb) in o.iter_mut().zip(&hidden).zip(back.iter_mut()) {
                    *gb += g * *a;
                    *a -= lr * g * h;
                }
            }
            for &f in features {
                let v = &mut input[f as usize * dim..f as usize * dim + dim];
                v.iter_mut()
                    .zip(&back)
                    .for_each(|(e, g)| *e -= lr * (x * g + options.l2 * *e));
            }
        }
    }
    let mut w = vec![0.0f32; buckets * c];
    for f in 0..buckets {
        let v = &input[f * dim..f * dim + dim];
        for k in 0..c {
            let o = &output[k * dim..k * dim + dim];
            w[f * c + k] = o.iter().zip(v).map(|(a, e)| a * e).sum();
        }
    }
    (w, b)
}

fn naive_bayes(examples: &[Example], counts: &[usize], c: usize, bits: u8) -> (Vec<f32>, Vec<f32>) {
    let buckets = 1usize << bits;
    let mut n = vec![0.0f32; buckets * c];
    let mut totals = vec![0.0f32; c];
    for Example {
        buckets: features,
        class,
        ..
    } in examples
    {
        for &f in features {
            n[f as usize * c + class] += 1.0;
        }
        totals[*class] += features.len() as f32;
    }
    let seen: Vec<bool> = (0..buckets)
        .map(|f| (0..c).any(|k| n[f * c + k] > 0.0))
        .collect();
    let vocabulary = seen.iter().filter(|s| **s).count().max(1) as f32;
    let alpha = 0.5;
    let mut w = vec![0.0f32; buckets * c];
    for f in 0..buckets {
        if !seen[f] {
            continue;
        }
        // Log-probability ratios against the mean over classes, so unseen buckets stay 0.
        let logs: Vec<f32> = (0..c)
            .map(|k| ((n[f * c + k] + alpha) / (totals[k] + alpha * vocabulary)).ln())
            .collect();
        let mean = logs.iter().sum::<f32>() / c as f32;
        for k in 0..c {
            w[f * c + k] = logs[k] - mean;
        }
    }
    let total: usize = counts.iter().sum();
    let bias = counts
        .iter()
        .map(|&k| ((k as f32 + 1.0) / (total as f32 + c as f32)).ln())
        .collect();
    (w, bias)
}

/// Fisher–Yates with the seeded generator: each epoch's order of the rows.
fn shuffle(order: &mut [usize], rng: &mut SplitMix) {
    for i in (1..order.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// splitmix64: a small, well-mixed, seeded generator (no dependency needed).
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<TrainingRow> {
        let mut rows = Vec::new();
        for i in 0..20 {
            rows.push(TrainingRow::new(
                format!("请在{i}小时内转账到个人账户，否则冻结银行卡"),
                ModelClass::FakeCollection,
            ));
            rows.push(TrainingRow::new(
                format!("再不还钱就告诉你全家和同事，第{i}次警告"),
                ModelClass::AbusiveCollection,
            ));
            rows.push(TrainingRow::new(
                format!("周末{i}点一起爬山吗，记得带水"),
                ModelClass::Benign,
            ));
        }
        rows
    }

    /// A model trained on [`rows`], trained twice to check that both give the same file.
    fn train_deterministically(options: &TrainOptions) -> Model {
        let model = train(&rows(), options);
        assert_eq!(model.to_bytes(), train(&rows(), options).to_bytes());
        model
    }

    /// A model trained on [`rows`] tells its three kinds apart in words it was not shown
    /// together.
    fn assert_learns_the_toy_set(model: &Model, what: &str) {
        for (text, class) in [
            ("马上转账到个人账户", ModelClass::FakeCollection),
            ("不还钱就告诉你同事", ModelClass::AbusiveCollection),
            ("一起去爬山", ModelClass::Benign),
        ] {
            assert_eq!(model.predict(text).top(), class, "{what}: {text}");
        }
    }

    #[test]
    fn training_is_deterministic() {
        let options = TrainOptions {
            bits: 12,
            epochs: 3,
            ..TrainOptions::default()
        };
        let a = train_deterministically(&options);
        let other_seed = train(&rows(), &TrainOptions { seed: 7, ..options });
        assert_ne!(a.to_bytes(), other_seed.to_bytes());
    }

    #[test]
    fn bagging_averages_models_over_row_orders_deterministically() {
        let options = TrainOptions {
            bits: 12,
            epochs: 3,
            bags: 3,
            ..TrainOptions::default()
        };
        let a = train_deterministically(&options);
        // Not any one of its members: the average of three orders.
        for seed in 0..3u64 {
            let single = train(
                &rows(),
                &TrainOptions {
                    bags: 1,
                    seed: options.seed + seed,
                    ..options.clone()
                },
            );
            assert_ne!(a.to_bytes(), single.to_bytes());
        }
        assert_eq!(
            a.predict("马上转账到个人账户").top(),
            ModelClass::FakeCollection
        );
    }

    #[test]
    fn dropout_is_seeded_and_changes_the_fit_but_not_what_it_learns() {
        let options = TrainOptions {
            bits: 12,
            epochs: 6,
            dropout: 0.3,
            ..TrainOptions::default()
        };
        let model = train_deterministically(&options);
        let plain = train(
            &rows(),
            &TrainOptions {
                dropout: 0.0,
                ..options.clone()
            },
        );
        assert_ne!(
            model.predict("马上转账到个人账户").probabilities(),
            plain.predict("马上转账到个人账户").probabilities()
        );
        assert_learns_the_toy_set(&model, "dropout");
    }

    #[test]
    fn label_smoothing_keeps_a_training_row_off_certainty() {
        let options = TrainOptions {
            bits: 12,
            epochs: 30,
            ..TrainOptions::default()
        };
        let plain = train_deterministically(&options);
        let smoothed = train_deterministically(&TrainOptions {
            label_smoothing: 0.2,
            ..options.clone()
        });
        let text = "马上转账到个人账户";
        let p = |m: &Model| m.predict(text).probability(ModelClass::FakeCollection);
        // Trained toward 0.8, the smoothed model stays clearly below the plain one, which
        // goes on towards 1 with every epoch.
        assert!(
            p(&smoothed) < p(&plain) - 0.05,
            "{} {}",
            p(&smoothed),
            p(&plain)
        );
        assert!(p(&smoothed) < 0.85, "{}", p(&smoothed));
        assert_learns_the_toy_set(&smoothed, "label smoothing");
        // No smoothing is the plain model, bit for bit.
        let zero = train(
            &rows(),
            &TrainOptions {
                label_smoothing: 0.0,
                ..options
            },
        );
        assert_eq!(zero.to_bytes(), plain.to_bytes());
    }

    #[test]
    fn fragments_are_seeded_windows_of_long_rows_only() {
        let long = "请在今天下午五点之前把欠款转到指定的个人账户，否则后果自负。";
        let rows = vec![
            TrainingRow::new(long, ModelClass::FakeCollection),
            TrainingRow::new("短消息", ModelClass::Benign),
        ];
        let options = TrainOptions {
            crops: 3,
            ..TrainOptions::default()
        };
        let cut = fragments(&rows, &options);
        // Only the row of 24+ characters is cut, three times, keeping its class.
        assert_eq!(cut.len(), 3);
        let n = long.chars().count();
        for f in &cut {
            assert!(long.contains(f.text.as_str()), "{}", f.text);
            assert_eq!(f.class, ModelClass::FakeCollection);
            let len = f.text.chars().count();
            assert!(len * 100 >= n * 40 && len * 100 <= n * 86, "{len} of {n}");
        }
        assert_eq!(cut, fragments(&rows, &options));
        assert!(fragments(&rows, &TrainOptions::default()).is_empty());
        // Fragments change the weights, not the card's row counts.
        let small = TrainOptions {
            bits: 12,
            epochs: 2,
            ..options
        };
        let model = train(&rows, &small);
        let whole_only = train(
            &rows,
            &TrainOptions {
                crops: 0,
                ..small.clone()
            },
        );
        assert_ne!(
            model.predict("转到指定的个人账户").probabilities(),
            whole_only.predict("转到指定的个人账户").probabilities()
        );
        assert_eq!(model.card().rows(), 2);
    }

    #[test]
    fn every_algorithm_learns_a_separable_toy_set() {
        for algorithm in [
            Algorithm::Logistic,
            Algorithm::NaiveBayes,
            Algorithm::Embedding { dim: 8 },
        ] {
            let options = TrainOptions {
                bits: 12,
                algorithm,
                ..TrainOptions::default()
            };
            // Deterministic for every algorithm (the embeddings' start is seeded too).
            let model = train_deterministically(&options);
            assert_learns_the_toy_set(&model, &format!("{algorithm:?}"));
        }
    }
}
