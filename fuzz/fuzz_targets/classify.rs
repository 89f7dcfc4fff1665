//! Any bytes, as a JSONL batch line and (when UTF-8) as a message: no panic, spans inside
//! the text on char boundaries, a verdict that serializes. Shares its checks with the
//! corpus replay in tests/fuzz_corpus.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::classify_input(data));
