//! A fixed workload for counting instructions with callgrind (`scripts/instruction_count.sh`):
//! three short messages (a bank's lawful reminder, a fake collector, an English scam) or
//! a 10 KB call transcript, classified N times.
//!
//! ```sh
//! cargo run --release --example instruction_count -- sms 1000
//! cargo run --release --example instruction_count -- sms-rules 1000
//! cargo run --release --example instruction_count -- transcript 10
//! cargo run --release --example instruction_count -- en 1000   # one SMS: zh-bank, zh-scam or en
//! cargo run --release --example instruction_count -- en-rules 1000
//! ```

use collectguard::{Classifier, Message};

const SMS: [&str; 3] = [
    "【某某银行】尊敬的客户，您尾号6621的信用卡本期账单已逾期3天，请于本月25日前通过手机银行还款。如已还款请忽略。客服95588",
    "【催收中心】你已严重逾期，今天下午5点前必须把欠款转到个人账户6222 0000 1111 2222，否则立即冻结你名下所有银行卡并通知你全部联系人。",
    "FINAL NOTICE: your loan account #4471 is 60 days past due. A lawsuit will be filed against you today unless you pay $480 now with Google Play gift cards. Call 1-800-555-0199 before 5pm.",
];

// The benches' texts: the 10 KB transcript is the one `classify/transcript_10kb` judges.
#[allow(dead_code)]
#[path = "../benches/support/texts.rs"]
mod texts;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "sms".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let classifier = if mode.ends_with("-rules") {
        Classifier::builder()
            .without_model()
            .build()
            .expect("the embedded packs build")
    } else {
        Classifier::default()
    };
    let texts: Vec<String> = match mode.as_str() {
        "sms" | "sms-rules" => SMS.iter().map(|s| s.to_string()).collect(),
        "zh-bank" | "zh-bank-rules" => vec![SMS[0].to_string()],
        "zh-scam" | "zh-scam-rules" => vec![SMS[1].to_string()],
        "en" | "en-rules" => vec![SMS[2].to_string()],
        "transcript" => vec![texts::transcript(10_000)],
        other => {
            eprintln!(
                "unknown mode {other}: sms, zh-bank, zh-scam or en (each also as …-rules), or transcript"
            );
            std::process::exit(2);
        }
    };
    // One pass first, outside the measured loop, so that the lazy regex compilation of
    // the first message is not counted when callgrind collects only `measured_loop`
    // (`--toggle-collect='*measured_loop*'`).
    let mut warm = 0usize;
    for text in &texts {
        warm += classifier
            .classify(&Message::new(text.as_str()))
            .findings
            .len();
    }
    println!("{}", warm + measured_loop(&classifier, &texts, n));
}

/// Classifies every text `n` times and returns the number of findings (so that nothing is
/// optimized away).
#[inline(never)]
fn measured_loop(classifier: &Classifier, texts: &[String], n: usize) -> usize {
    let mut findings = 0usize;
    for _ in 0..n {
        for text in texts {
            findings += classifier
                .classify(&Message::new(text.as_str()))
                .findings
                .len();
        }
    }
    findings
}
