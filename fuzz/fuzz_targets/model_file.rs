//! Any bytes as a model file (as given, and with the checksum made right): a model that
//! classifies or a clear error naming the file, never a panic. Shares its checks with the
//! corpus replay in tests/fuzz_corpus.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::model_file_input(data));
