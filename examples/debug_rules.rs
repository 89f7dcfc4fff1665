//! Rule-writing aid: for each text argument, prints its normalized form, the ids of every
//! rule that matched (including unscored sub-rules), the label and the axis scores.
//!
//! ```text
//! cargo run --example debug_rules -- "加 V 信 转账还款"
//! ```

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: debug_rules TEXT [TEXT ...]

For each text: its normalized form, the ids of every rule that matched (sub-rules too),
the label, the scheme, the risk and the axis scores.";

fn main() -> ExitCode {
    let texts: Vec<String> = std::env::args().skip(1).collect();
    if texts.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut stdout = std::io::stdout().lock();
    if texts.iter().any(|t| t == "-h" || t == "--help") {
        // Nothing to do when the reader has gone.
        let _ = writeln!(stdout, "{USAGE}");
        return ExitCode::SUCCESS;
    }
    let classifier = collectguard::Classifier::default();
    for text in &texts {
        let verdict = classifier.classify_text(text);
        let report = format!(
            "normalized: {}\nmatched:    {:?}\nverdict:    {} {:?} risk={} {:?}\n",
            classifier.normalize(text).as_str(),
            classifier.matched_rule_ids(&text.as_str().into()),
            verdict.label,
            verdict.scheme,
            verdict.risk,
            verdict.scores
        );
        match stdout.write_all(report.as_bytes()) {
            Ok(()) => {}
            // A reader that stopped early (`| head`) is no error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
