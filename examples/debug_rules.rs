//! Rule-writing aid: for each text argument, prints its normalized form, the ids of every
//! rule that matched (including unscored sub-rules), the label and the axis scores.
//!
//! ```text
//! cargo run --example debug_rules -- "加 V 信 转账还款"
//! ```

use std::fmt::Write;
use std::process::ExitCode;

#[path = "support/cli.rs"]
#[allow(dead_code)] // its argument parsing is for the examples with options
mod cli;

const USAGE: &str = "usage: debug_rules TEXT [TEXT ...]

For each text: its normalized form, the ids of every rule that matched (sub-rules too),
the label, the scheme, the risk and the axis scores.";

fn main() -> ExitCode {
    let texts: Vec<String> = std::env::args().skip(1).collect();
    if texts.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if texts.iter().any(|t| t == "-h" || t == "--help") {
        return cli::emit(&format!("{USAGE}\n"));
    }
    let classifier = collectguard::Classifier::default();
    let mut report = String::new();
    for text in &texts {
        let verdict = classifier.classify_text(text);
        // Writing into a `String` cannot fail.
        let _ = writeln!(
            report,
            "normalized: {}\nmatched:    {:?}\nverdict:    {} {:?} risk={} {:?}",
            classifier.normalize(text).as_str(),
            classifier.matched_rule_ids(&text.as_str().into()),
            verdict.label,
            verdict.scheme,
            verdict.risk,
            verdict.scores
        );
    }
    cli::emit(&report)
}
