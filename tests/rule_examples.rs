//! Every rule's examples must fire and its counter-examples must not; a rule lacking either
//! kind fails (Semgrep's `ruleid:` / `ok:` habit).

use collectguard::Classifier;

#[test]
fn every_rule_example_behaves_as_declared() {
    let classifier = Classifier::default();
    let failures = classifier.check_rule_examples();
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} rule example failures (listed above)",
        failures.len()
    );
}

#[test]
fn every_rule_is_explained() {
    for rule in Classifier::default().rules() {
        let id = rule.id();
        for (what, text) in [
            ("title.zh", &rule.title().zh),
            ("title.en", &rule.title().en),
            ("reason.zh", &rule.reason().zh),
            ("reason.en", &rule.reason().en),
        ] {
            assert!(!text.trim().is_empty(), "{id}: empty {what}");
        }
        assert!(
            rule.title().en.chars().count() <= 60,
            "{id}: English title longer than 60 characters"
        );
    }
}

#[test]
fn the_default_pack_covers_every_family() {
    let ids: Vec<String> = Classifier::default()
        .rules()
        .map(|r| r.id().to_string())
        .collect();
    for family in [
        "zh.topic.",
        "zh.payment.",
        "zh.identity.",
        "zh.impersonation.",
        "zh.third_party.",
        "zh.threat.",
        "zh.relief.",
        "zh.legit.",
        "sender.",
    ] {
        let n = ids.iter().filter(|id| id.starts_with(family)).count();
        assert!(n >= 3, "family {family} has only {n} rules");
    }
}

#[test]
fn a_broken_example_is_reported() {
    let pack = r#"
[[rule]]
id = "test.word"
axis = "fraud"
weight = 1.0
keywords = ["转账"]
title = { zh = "转账", en = "Transfer" }
reason = { zh = "测试", en = "Test" }
examples = ["没有这个词"]
counter_examples = ["请转账"]

[[rule]]
id = "test.no_examples"
axis = "fraud"
weight = 1.0
keywords = ["汇款"]
title = { zh = "汇款", en = "Remit" }
reason = { zh = "测试", en = "Test" }
"#;
    let classifier = Classifier::builder()
        .without_default_packs()
        .add_pack_str("test.toml", pack)
        .build()
        .unwrap();
    let problems: Vec<String> = classifier
        .check_rule_examples()
        .iter()
        .map(|f| format!("{}: {}", f.rule_id, f.problem))
        .collect();
    assert_eq!(
        problems,
        [
            "test.word: example does not fire: \"没有这个词\"",
            "test.word: counter-example fires: \"请转账\"",
            "test.no_examples: has no `examples`",
            "test.no_examples: has no `counter_examples`",
        ]
    );
}
