//! Replays the inputs the fuzz targets kept (fuzz/corpus, minimized with `cargo fuzz cmin`)
//! and their seeds through the same checks the targets run, so every input the fuzzer
//! found interesting stays a regression test without nightly or libFuzzer.

#[path = "support/fuzz_checks.rs"]
mod fuzz_checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["corpus", "seeds"] {
        let dir = root.join(dir).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails its fuzz check", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn classify_corpus_replays_clean() {
    let n = replay("classify", fuzz_checks::classify_input);
    assert!(n >= 100, "only {n} classify inputs found under fuzz/");
}

#[test]
fn rule_pack_corpus_replays_clean() {
    let n = replay("rule_pack", fuzz_checks::rule_pack_input);
    assert!(n >= 10, "only {n} rule_pack inputs found under fuzz/");
}

#[test]
fn model_file_corpus_replays_clean() {
    let n = replay("model_file", fuzz_checks::model_file_input);
    assert!(n >= 3, "only {n} model_file inputs found under fuzz/");
}
