#![allow(dead_code)] // each fuzz target uses one of the checks
//! The checks the fuzz targets (fuzz/fuzz_targets) run on each input; `cargo test` replays
//! the kept fuzz corpus through them (tests/fuzz_corpus.rs).

use std::sync::OnceLock;

use collectguard::model::Model;
use collectguard::{Classifier, Message, batch};

fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(Classifier::default)
}

/// One input of the `classify` target: the bytes as a batch line; as a message (when they
/// are UTF-8) whose first line, if short, is also its sender.
pub fn classify_input(data: &[u8]) {
    let c = classifier();
    let (line, ok) = batch::classify_line(c, data);
    let value: serde_json::Value = serde_json::from_str(&line).expect("a batch line is JSON");
    assert_eq!(ok, value.get("error").is_none(), "{line}");
    let Ok(text) = std::str::from_utf8(data) else {
        let err = c
            .classify_bytes(data)
            .expect_err("invalid UTF-8 is an error");
        assert!(err.valid_up_to() < data.len());
        return;
    };
    let mut message = Message::new(text);
    if let Some((first, _)) = text.split_once('\n')
        && first.len() <= 32
    {
        message = message.with_sender(first);
    }
    let verdict = c.classify(&message);
    for finding in &verdict.findings {
        for span in &finding.spans {
            assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert_eq!(&text[span.start..span.end], span.text);
        }
    }
    assert!(verdict.risk <= 100);
    serde_json::to_string(&verdict).expect("a verdict serializes");
}

/// One input of the `rule_pack` target: the bytes as a pack of rules beside no others.
pub fn rule_pack_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let built = Classifier::builder()
        .without_default_packs()
        .without_model()
        .without_generated_weights()
        .add_pack_str("fuzz.toml", text)
        .build();
    match built {
        Ok(c) => {
            let _ = c.classify_text("您的借款已逾期3天 your loan is overdue 请勿转账");
            let _ = c.check_rule_examples();
        }
        Err(e) => {
            // A clear error names the file.
            assert!(
                e.to_string().contains("fuzz.toml") || e.file() != "fuzz.toml",
                "{e}"
            );
        }
    }
}

/// One input of the `model_file` target: the bytes as a model file, as they are and with
/// their last eight bytes replaced by the right checksum (so that mutations reach the
/// header and the weights): a model that classifies, or an error that names the file.
pub fn model_file_input(data: &[u8]) {
    for bytes in [data.to_vec(), with_checksum(data)] {
        match Model::from_bytes("fuzz.cgm", &bytes) {
            Ok(model) => {
                if let Ok(c) = Classifier::builder().model(model).build() {
                    let v = c.classify_text("您的借款已逾期3天 pay now at pay-desk.top 请勿转账");
                    assert!(v.risk <= 100);
                    serde_json::to_string(&v).expect("a verdict serializes");
                }
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz.cgm: "), "{e}"),
        }
    }
}

/// `data` with its last eight bytes replaced by the FNV-1a 64 checksum of the rest (the
/// model format's trailer).
fn with_checksum(data: &[u8]) -> Vec<u8> {
    if data.len() < 8 {
        return data.to_vec();
    }
    let body = &data[..data.len() - 8];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in body {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut out = body.to_vec();
    out.extend_from_slice(&hash.to_le_bytes());
    out
}
