//! Any bytes as a rule pack: a classifier or a clear error, never a panic; a pack that
//! builds classifies text and checks its own examples. Shares its checks with the corpus
//! replay in tests/fuzz_corpus.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::rule_pack_input(data));
