//! Classification costs work proportional to the text on every input, including the
//! hostile ones that used to be super-linear (every hit walking every earlier cue, every
//! English hit walking back over a word with no spaces, every negation cue compared with
//! every blocker). The measure is the matcher's operation counter ([`WorkCounts`]), not a
//! clock: ten times the text must cost at most about ten times the work.

use collectguard::{Classifier, Message, WorkCounts};

/// Repeatable units that stress one part of the matcher each.
const FAMILIES: &[(&str, &str)] = &[
    ("reported speech, zh", "他说冻结银行卡"),
    (
        "reported speech in a debtor turn",
        "债务人:他说冻结银行卡\n",
    ),
    ("reported speech, en", "they said they would arrest you "),
    ("English negation without spaces", "donotpaybymoneygram"),
    ("blocker around a cue", "不得不"),
    ("negated keyword", "不会冻结银行卡，"),
    ("keyword", "逾期"),
    ("overlapping keywords", "逾期逾期未还款"),
    ("digits", "1234567890"),
    ("spaces", " "),
    ("mixed scripts", "a逾b期c"),
    ("speaker labels", "催收员:"),
    (
        "question turns with no answer",
        "借款人:你们是哪个公司的?\n",
    ),
    ("links", "http://a.top/pay "),
    ("English threat words", "arrest warrant lawsuit "),
    ("English comma clauses", ", you will be sued"),
    ("emoji", "😀"),
    ("control characters", "\u{0}\u{7}\u{1b}"),
    ("amounts", "欠款5000元"),
];

fn repeated(unit: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + unit.len());
    while text.len() < bytes {
        text.push_str(unit);
    }
    text
}

fn work(classifier: &Classifier, text: String) -> WorkCounts {
    classifier.classify_counting(&Message::new(text)).1
}

#[test]
fn work_grows_linearly_on_pathological_inputs() {
    let classifier = Classifier::default();
    let mut failures = Vec::new();
    for (name, unit) in FAMILIES {
        let small = work(&classifier, repeated(unit, 10 * 1024));
        let large = work(&classifier, repeated(unit, 100 * 1024));
        // Linear: ten times the bytes, at most ~10x the work (slack for the edges).
        let ratio = large.total() as f64 / small.total().max(1) as f64;
        // And a constant per byte, whatever the family.
        let per_byte = large.total() as f64 / (100.0 * 1024.0);
        if ratio > 11.0 || per_byte > 64.0 {
            failures.push(format!(
                "{name}: 10 KB {small:?}\n  100 KB {large:?}\n  ratio {ratio:.1}, {per_byte:.1} per byte"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The counter is not blind: the families above do produce hits, searches and cue checks
/// (a counter stuck at zero would pass the linearity test).
#[test]
fn the_counter_sees_the_work() {
    let classifier = Classifier::default();
    let w = work(&classifier, repeated("他说冻结银行卡", 10 * 1024));
    assert!(w.hits > 400, "{w:?}");
    assert!(w.cue_checks > 1000, "{w:?}");
    assert!(w.scope_steps > 1000, "{w:?}");
    let w = work(&classifier, repeated("欠款5000元", 10 * 1024));
    assert!(w.regex_searches > 100, "{w:?}");
}
