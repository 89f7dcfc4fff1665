//! The model file format: versioned, checksummed, deterministic.
//!
//! ```text
//! magic        8 bytes  "CGMODEL\0"
//! version      u32 LE   1
//! header_len   u32 LE   then a JSON header: classes, bits, features (optional families;
//!                       absent in older files: the default set), scaling, combiner, card
//! bias         f32 LE × classes
//! scale        f32 LE × classes   (weight = i16 × scale)
//! entries      u32 LE   then, per non-zero bucket in increasing order:
//!                       LEB128 gap from the previous bucket, i16 LE × classes
//! checksum     u64 LE   FNV-1a 64 of every byte before it
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::weights::{Weights, grid_steps, quantize};
use super::{Combiner, FeatureSet, Model, ModelCard, ModelClass, Scaling};

const MAGIC: &[u8; 8] = b"CGMODEL\0";
const VERSION: u32 = 1;
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;

/// A model file could not be read: the message names the file and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    file: String,
    problem: String,
}

impl ModelError {
    pub(crate) fn new(file: &str, problem: impl Into<String>) -> ModelError {
        ModelError {
            file: file.to_string(),
            problem: problem.into(),
        }
    }

    /// The file (or name) the model was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// What is wrong.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl std::error::Error for ModelError {}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    classes: Vec<ModelClass>,
    bits: u8,
    /// Absent in files written before the optional families existed: their features.
    #[serde(default)]
    features: FeatureSet,
    scaling: Scaling,
    combiner: Combiner,
    card: ModelCard,
}

pub(crate) fn encode(model: &Model) -> Vec<u8> {
    let c = model.classes.len();
    let header = Header {
        classes: model.classes.clone(),
        bits: model.bits,
        features: model.features,
        scaling: model.scaling,
        combiner: model.combiner.clone(),
        card: model.card.clone(),
    };
    let header = serde_json::to_vec(&header).expect("the header serializes");
    let mut out = Vec::with_capacity(64 + header.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    for b in &model.bias {
        out.extend_from_slice(&b.to_le_bytes());
    }
    // The scales are computed again from the weights as read, as they always were, so
    // that the same model gives the same bytes.
    let dense = model.weights.dense();
    let scales = grid_steps(&dense, c);
    for s in &scales {
        out.extend_from_slice(&s.to_le_bytes());
    }
    let rows: Vec<(usize, Vec<i16>)> = dense
        .chunks(c)
        .enumerate()
        .filter_map(|(bucket, row)| {
            let q: Vec<i16> = row
                .iter()
                .zip(&scales)
                .map(|(w, s)| quantize(*w, *s))
                .collect();
            q.iter().any(|&v| v != 0).then_some((bucket, q))
        })
        .collect();
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut previous = 0usize;
    for (i, (bucket, q)) in rows.iter().enumerate() {
        let gap = if i == 0 { *bucket } else { bucket - previous };
        write_leb128(&mut out, gap as u64);
        previous = *bucket;
        for v in q {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let checksum = fnv1a(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<Model, ModelError> {
    let err = |problem: String| ModelError::new(name, problem);
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(err(
            "not a collectguard model file (bad magic number)".into()
        ));
    }
    if bytes.len() < MAGIC.len() + 8 + 8 {
        return Err(err("truncated file".into()));
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let stored = u64::from_le_bytes(tail.try_into().expect("8 bytes"));
    if fnv1a(body) != stored {
        return Err(err(
            "checksum mismatch: the file is corrupt or truncated".into()
        ));
    }
    let mut r = Reader {
        bytes: body,
        at: MAGIC.len(),
    };
    let version = r.u32().ok_or_else(|| err("truncated file".into()))?;
    if version != VERSION {
        return Err(err(format!(
            "format version {version} is not supported (this build reads version {VERSION})"
        )));
    }
    let header_len = r.u32().ok_or_else(|| err("truncated header".into()))? as usize;
    let header = r
        .take(header_len)
        .ok_or_else(|| err("truncated header".into()))?;
    let header: Header =
        serde_json::from_slice(header).map_err(|e| err(format!("bad header: {e}")))?;
    if header.classes.is_empty() || header.classes.len() > ModelClass::ALL.len() {
        return Err(err(format!("bad class count {}", header.classes.len())));
    }
    for (i, class) in header.classes.iter().enumerate() {
        if header.classes[..i].contains(class) {
            return Err(err(format!("class `{class}` listed twice")));
        }
    }
    if !(MIN_BITS..=MAX_BITS).contains(&header.bits) {
        return Err(err(format!(
            "bits = {} is outside {MIN_BITS}..={MAX_BITS}",
            header.bits
        )));
    }
    for (name, gate) in [
        ("scam", &header.combiner.scam),
        ("abusive", &header.combiner.abusive),
        ("legit", &header.combiner.legit),
        ("collection", &header.combiner.collection),
    ]
    .into_iter()
    .chain(header.combiner.fraud.as_ref().map(|g| ("fraud", g)))
    .chain(header.combiner.latin.iter().flat_map(|l| {
        [
            ("latin scam", &l.scam),
            ("latin abusive", &l.abusive),
            ("latin legit", &l.legit),
            ("latin collection", &l.collection),
        ]
        .into_iter()
        .chain(l.fraud.as_ref().map(|g| ("latin fraud", g)))
    })) {
        if ![
            gate.scale,
            gate.scale_alone,
            gate.offset,
            gate.offset_alone,
            gate.cap,
        ]
        .iter()
        .all(|v| v.is_finite())
        {
            return Err(err(format!(
                "combiner gate `{name}` has a non-finite parameter"
            )));
        }
    }
    let c = header.classes.len();
    let mut floats = |what: &str| -> Result<Vec<f32>, ModelError> {
        (0..c)
            .map(|_| {
                r.f32()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| err(format!("truncated or non-finite {what}")))
            })
            .collect()
    };
    let bias = floats("bias")?;
    let scales = floats("scale")?;
    let buckets = 1usize << header.bits;
    let entries = r.u32().ok_or_else(|| err("truncated weights".into()))? as usize;
    if entries > buckets {
        return Err(err(format!("{entries} weight rows for {buckets} buckets")));
    }
    let mut steps = vec![0i16; buckets * c];
    let mut bucket = 0usize;
    for i in 0..entries {
        let gap = r.leb128().ok_or_else(|| err("truncated weights".into()))? as usize;
        if i > 0 && gap == 0 {
            return Err(err("weight rows out of order".into()));
        }
        bucket = bucket
            .checked_add(gap)
            .filter(|&b| b < buckets)
            .ok_or_else(|| err("weight row outside the table".into()))?;
        for k in 0..c {
            steps[bucket * c + k] = r.i16().ok_or_else(|| err("truncated weights".into()))?;
        }
    }
    if r.at != body.len() {
        return Err(err(format!(
            "{} unexpected bytes after the weights",
            body.len() - r.at
        )));
    }
    Ok(Model {
        classes: header.classes,
        bits: header.bits,
        features: header.features,
        scaling: header.scaling,
        weights: Weights::from_parts(steps, scales),
        bias,
        combiner: header.combiner,
        card: header.card,
        texts: Default::default(),
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn leb128(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

fn write_leb128(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let c = 2;
        let bits = 8;
        let mut weights = vec![0.0; (1 << bits) * c];
        weights[3] = 0.5;
        weights[200] = -1.25;
        Model {
            classes: vec![ModelClass::Benign, ModelClass::FakeCollection],
            bits,
            features: FeatureSet::default(),
            scaling: Scaling::L2,
            weights: Weights::quantize(&weights, c),
            bias: vec![0.1, -0.1],
            combiner: Combiner::default(),
            card: ModelCard::default(),
            texts: Default::default(),
        }
    }

    #[test]
    fn round_trip_is_exact_up_to_quantization_and_bytes_are_stable() {
        let model = tiny();
        let bytes = encode(&model);
        let back = decode("t", &bytes).unwrap();
        assert_eq!(encode(&back), bytes);
        assert_eq!(back.weights, model.weights);
        for (a, b) in model.weights.dense().iter().zip(&back.weights.dense()) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
    }

    /// `bytes` with its JSON header replaced by `edit` of it (lengths and checksum made
    /// right again).
    fn with_header(bytes: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
        let at = MAGIC.len() + 4;
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let header = std::str::from_utf8(&bytes[at + 4..at + 4 + len]).unwrap();
        let header = edit(header);
        let mut out = bytes[..at].to_vec();
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&bytes[at + 4 + len..bytes.len() - 8]);
        let checksum = fnv1a(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    #[test]
    fn the_feature_set_round_trips_and_an_older_file_reads_as_the_default() {
        let mut model = tiny();
        model.features = FeatureSet {
            word_trigrams: true,
            word_chars: false,
        };
        let bytes = encode(&model);
        assert_eq!(decode("t", &bytes).unwrap().features, model.features);
        // A file written before the field existed has no `features` in its header.
        let field = r#""features":{"word_trigrams":true,"word_chars":false},"#;
        let older = with_header(&bytes, |h| {
            assert!(h.contains(field), "{h}");
            h.replacen(field, "", 1)
        });
        let back = decode("old.cgm", &older).unwrap();
        assert_eq!(back.features, FeatureSet::default());
        assert_eq!(back.weights, model.weights);
        // An unknown family is an error naming the file, not a silent default.
        let unknown = with_header(&bytes, |h| {
            h.replacen(r#""word_chars":false"#, r#""han_4grams":true"#, 1)
        });
        let e = decode("new.cgm", &unknown).unwrap_err().to_string();
        assert!(
            e.starts_with("new.cgm: bad header") && e.contains("han_4grams"),
            "{e}"
        );
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_an_error_not_a_panic() {
        let bytes = encode(&tiny());
        for len in 0..bytes.len() {
            assert!(decode("t", &bytes[..len]).is_err(), "truncated at {len}");
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x41;
            let e = decode("bad.cgm", &bad).unwrap_err();
            assert!(e.to_string().starts_with("bad.cgm: "), "{e}");
        }
    }
}
