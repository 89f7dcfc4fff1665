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
    (
        "a refused request running on without a clause break",
        "不会要求您转到个人账户或提供验证码",
    ),
    (
        "an English refusal running on",
        "we will never ask you to pay with gift cards or wire, ",
    ),
    ("hits judged by a later cue", "转到个人账户的，"),
    ("later cues", "转到个人账户的都是诈骗"),
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
    (
        "first-person and third-person words",
        "i told them my debt, they called me ",
    ),
    ("first-person and third-person words, zh", "我说他们"),
    // The learned model's feature scans: runs of link characters that are no link (each
    // word of one used to be read to the run's end: 200 KB of `a/` took 7 s), and runs
    // that look like masked numbers and are not.
    ("link characters without a dot", "a/"),
    ("link characters with an unknown domain", "a.b/"),
    ("hyphenated run ending in a domain", "a-"),
    ("explicit links", "www.a-"),
    ("lone masks", "* "),
    ("mask pairs without digits", "xx "),
    ("masked numbers", "138****5678 "),
    // Link hosts dressed as an institution (`rules/links.toml`): many such hosts, one run
    // of host characters that never ends, and hosts on the institution's own domain.
    ("lookalike hosts", "usps-a.top "),
    ("one run of host characters", "usps.a-"),
    ("official hosts", "tools.usps.com "),
    // Rules marked `narrates` add a reported-speech cue per hit: many cues, each followed by
    // a demand in its sentence, and cues with no sentence break for the whole text.
    ("narrated schemes", "骗子常以逾期为由，让你转到个人账户。"),
    (
        "narration without a sentence break",
        "诱导受害人转到个人账户，",
    ),
    (
        "narrated schemes, en",
        "scammers often ask for gift cards. ",
    ),
    // Normalization's layout steps: character references read as their character, and
    // lines cut at a width joined back into one long line (no clause break left).
    ("HTML character references", "&#65292;&nbsp;&amp;&#x4E0D;"),
    ("references that never close", "&#6529"),
    (
        "lines cut at a width",
        "您的借款已逾期请立即转到个人账户否则\n",
    ),
    (
        "lines cut at a width, en",
        "we will report you to the police unless\n",
    ),
    // Where the money goes: own-channel and elsewhere routes side by side, many of each.
    (
        "own channel and elsewhere routes",
        "请在官方App还款，或转到个人账户，",
    ),
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
        // The model families' work is the model's: the counter must see it.
        if name.contains("link") || name.contains("mask") {
            assert!(large.feature_steps > 0, "{name}: {large:?}");
        }
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

/// A regex gated by its first literals is not searched at a start with none of the
/// literals every match ends with in reach: many starts, no ends, no searches — and the
/// match is still found where an end follows.
#[test]
fn starts_without_an_end_literal_in_reach_are_not_searched() {
    let pack = r#"[[rule]]
id = "t.unpaid_fine"
axis = "fraud"
weight = 2.0
patterns = ['(?:停车费|罚单)[^,。]{0,16}(?:未缴|逾期)']
title = { zh = "标题", en = "Title" }
reason = { zh = "原因", en = "Reason" }
examples = ["您的停车费尚未缴纳，已逾期"]
counter_examples = ["停车费已缴清"]
"#;
    let classifier = Classifier::builder()
        .without_default_packs()
        .add_pack_str("pack.toml", pack)
        .without_model()
        .build()
        .expect("pack builds");
    // A short text (one window) and a long one take different paths; both skip.
    let short = work(&classifier, "停车费已缴清。".repeat(20));
    assert_eq!(
        (short.regex_searches, short.end_gate_skips),
        (0, 20),
        "{short:?}"
    );
    let (verdict, short_with_end) = classifier.classify_counting(&Message::new(format!(
        "{}罚单逾期",
        "停车费已缴清。".repeat(20)
    )));
    assert!(verdict.fired("t.unpaid_fine"), "{verdict:?}");
    assert_eq!(short_with_end.regex_searches, 21, "{short_with_end:?}");
    let starts_only = work(&classifier, "停车费已缴清。".repeat(200));
    assert_eq!(starts_only.regex_searches, 0, "{starts_only:?}");
    assert_eq!(starts_only.end_gate_skips, 200, "{starts_only:?}");
    let (verdict, with_end) = classifier.classify_counting(&Message::new(format!(
        "{}罚单逾期",
        "停车费已缴清。".repeat(200)
    )));
    assert!(verdict.fired("t.unpaid_fine"), "{verdict:?}");
    // Only the starts within one window (1 KiB, 21 bytes a unit) of the end are searched.
    assert!(with_end.regex_searches <= 1 + 1024 / 21, "{with_end:?}");
    assert!(with_end.end_gate_skips >= 200 - 1024 / 21, "{with_end:?}");
}
