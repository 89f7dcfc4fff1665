//! Batches: the same verdicts as one message at a time, in input order, on any number of
//! threads; the compact form and the catalogue it refers to.

use std::sync::atomic::{AtomicUsize, Ordering};

use collectguard::batch::{BatchOptions, classify_jsonl_with};
use collectguard::{Classifier, CompactVerdict, Message};

/// Messages of our own labelled sets (every label, both languages), in file order.
fn messages() -> Vec<Message> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/labelled/own.jsonl"
    ))
    .unwrap();
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            Message::new(v["text"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn batch_verdicts_equal_one_at_a_time_in_order() {
    let c = Classifier::default();
    let messages = messages();
    assert!(messages.len() > 100);
    let one_by_one: Vec<_> = messages.iter().map(|m| c.classify(m)).collect();
    for threads in [1, 2, 3] {
        assert_eq!(
            c.classify_batch_threads(&messages, threads),
            one_by_one,
            "{threads}"
        );
    }
    assert_eq!(c.classify_batch(&messages), one_by_one);
    assert!(c.classify_batch(&[]).is_empty());
}

fn jsonl_input() -> String {
    let mut input = String::new();
    for (i, m) in messages().iter().enumerate() {
        input.push_str(&serde_json::json!({ "id": i, "text": m.text }).to_string());
        input.push('\n');
        if i % 37 == 0 {
            input.push_str("not json\n");
        }
    }
    input
}

fn run(options: BatchOptions<'_>) -> (Vec<String>, collectguard::batch::BatchSummary) {
    let mut output = Vec::new();
    let summary = classify_jsonl_with(
        &Classifier::default(),
        jsonl_input().as_bytes(),
        &mut output,
        options,
    )
    .unwrap();
    let text = String::from_utf8(output).unwrap();
    (text.lines().map(str::to_string).collect(), summary)
}

#[test]
fn jsonl_output_is_the_same_on_any_number_of_threads() {
    let (one, summary) = run(BatchOptions {
        threads: 1,
        ..Default::default()
    });
    let (two, _) = run(BatchOptions {
        threads: 2,
        ..Default::default()
    });
    assert_eq!(one, two);
    assert_eq!(one.len(), summary.lines);
    assert!(summary.errors >= 4 && summary.verdicts > 100, "{summary:?}");
    // In input order: ids ascend, error lines where the bad lines were.
    let ids: Vec<i64> = one
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_i64())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert!(one[1].contains("\"error\""), "{}", one[1]);
}

#[test]
fn compact_lines_refer_to_the_catalog_and_are_much_smaller() {
    let calls = AtomicUsize::new(0);
    let last = AtomicUsize::new(0);
    let progress = |done: usize| {
        calls.fetch_add(1, Ordering::Relaxed);
        last.fetch_max(done, Ordering::Relaxed);
    };
    let (compact, summary) = run(BatchOptions {
        threads: 2,
        compact: true,
        progress: Some(&progress),
    });
    let (full, _) = run(BatchOptions::default());
    assert!(calls.load(Ordering::Relaxed) > 0);
    assert_eq!(last.load(Ordering::Relaxed), summary.lines);
    let catalog = Classifier::default().catalog();
    let mut findings = 0;
    for (c, f) in compact.iter().zip(&full) {
        let value: serde_json::Value = serde_json::from_str(c).unwrap();
        if value.get("error").is_some() {
            assert_eq!(c, f);
            continue;
        }
        let verdict: CompactVerdict = serde_json::from_value(value).unwrap();
        let full: collectguard::Verdict = serde_json::from_str(f).unwrap();
        assert_eq!(verdict, full.compact());
        for finding in &verdict.findings {
            let entry = catalog
                .get(&finding.rule_id)
                .expect("every finding is catalogued");
            let in_full = full
                .findings
                .iter()
                .find(|x| x.rule_id == finding.rule_id)
                .unwrap();
            assert_eq!(entry.axis, in_full.axis);
            if entry.file != "model" {
                assert_eq!(entry.title, *in_full.title);
                assert_eq!(entry.reason, *in_full.reason);
            }
            findings += 1;
        }
        for id in &verdict.advice {
            assert!(catalog.advice_text(id).is_some(), "{id}");
        }
    }
    assert!(findings > 100);
    let (small, large): (usize, usize) = (
        compact.iter().map(String::len).sum(),
        full.iter().map(String::len).sum(),
    );
    assert!(small * 4 < large, "compact {small} B, full {large} B");
}
