//! Rule-writing aid: for each text argument, prints its normalized form, the ids of every
//! rule that matched (including unscored sub-rules), the label and the axis scores.
//!
//! ```text
//! cargo run --example debug_rules -- "加 V 信 转账还款"
//! ```

fn main() {
    let classifier = collectguard::Classifier::default();
    for text in std::env::args().skip(1) {
        println!("normalized: {}", classifier.normalize(&text).as_str());
        println!(
            "matched:    {:?}",
            classifier.matched_rule_ids(&text.as_str().into())
        );
        let verdict = classifier.classify_text(&text);
        println!(
            "verdict:    {} {:?} risk={} {:?}",
            verdict.label, verdict.scheme, verdict.risk, verdict.scores
        );
    }
}
