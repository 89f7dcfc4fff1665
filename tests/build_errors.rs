//! A malformed pack fails to build with an error naming the file, the rule and the problem.

use collectguard::{BuildErrorKind, Classifier};

const HEADER: &str = r#"title = { zh = "标题", en = "Title" }
reason = { zh = "原因", en = "Reason" }
examples = ["转账"]
counter_examples = ["你好"]
"#;

fn rule(id: &str, body: &str) -> String {
    format!("[[rule]]\nid = \"{id}\"\n{body}\n{HEADER}\n")
}

fn build_err(pack: &str) -> collectguard::BuildError {
    Classifier::builder()
        .without_default_packs()
        .add_pack_str("pack.toml", pack)
        .build()
        .expect_err("the pack should not build")
}

#[test]
fn invalid_toml_names_the_file() {
    let err = build_err("[[rule]\nid = ");
    assert_eq!(err.file(), "pack.toml");
    assert!(matches!(err.kind(), BuildErrorKind::Toml(_)), "{err}");
}

#[test]
fn unknown_field_names_the_rule_and_field() {
    let err = build_err(&rule(
        "a.b",
        "axis = \"fraud\"\nkeywords = [\"转账\"]\nwieght = 2.0",
    ));
    assert_eq!(err.rule(), Some("a.b"));
    assert!(err.to_string().contains("wieght"), "{err}");
}

#[test]
fn bad_axis_is_reported() {
    let err = build_err(&rule("a.b", "axis = \"money\"\nkeywords = [\"转账\"]"));
    assert_eq!(err.rule(), Some("a.b"));
    assert!(err.to_string().contains("money"), "{err}");
}

#[test]
fn invalid_and_duplicate_ids() {
    let err = build_err(&rule("A B", "axis = \"fraud\"\nkeywords = [\"转账\"]"));
    assert_eq!(err.kind(), &BuildErrorKind::InvalidId);
    let twice = rule("a.b", "axis = \"fraud\"\nkeywords = [\"转账\"]").repeat(2);
    let err = build_err(&twice);
    assert_eq!(err.kind(), &BuildErrorKind::DuplicateId);
    assert_eq!(err.rule(), Some("a.b"));
}

#[test]
fn keyword_not_in_normalized_form() {
    let err = build_err(&rule("a.b", "axis = \"fraud\"\nkeywords = [\"轉帳\"]"));
    assert_eq!(
        err.kind(),
        &BuildErrorKind::KeywordNotNormalized {
            keyword: "轉帳".into(),
            normalized: "转账".into()
        }
    );
    assert!(err.to_string().contains("write \"转账\""), "{err}");
}

#[test]
fn regex_errors() {
    let err = build_err(&rule("a.b", "axis = \"fraud\"\npatterns = ['转(账']"));
    assert!(matches!(err.kind(), BuildErrorKind::Regex(_)), "{err}");
    assert_eq!(err.rule(), Some("a.b"));
    let err = build_err(&rule(
        "a.b",
        "axis = \"fraud\"\npatterns = ['\\w{1000}\\w{1000}']",
    ));
    assert!(matches!(err.kind(), BuildErrorKind::Regex(_)), "{err}");
}

#[test]
fn composite_errors() {
    let err = build_err(&rule("a.b", "axis = \"fraud\"\nall = [\"no.such\"]"));
    assert_eq!(err.kind(), &BuildErrorKind::UnknownRule("no.such".into()));
    let cycle = rule("a.x", "axis = \"fraud\"\nall = [\"a.y\"]")
        + &rule("a.y", "axis = \"fraud\"\nany = [\"a.x\"]");
    let err = build_err(&cycle);
    assert_eq!(err.kind(), &BuildErrorKind::Cycle);
    let err = build_err(&rule(
        "a.b",
        "axis = \"fraud\"\nkeywords = [\"转账\"]\nall = [\"a.b\"]",
    ));
    assert!(matches!(err.kind(), BuildErrorKind::Shape(_)), "{err}");
    let err = build_err(&rule("a.b", "axis = \"fraud\""));
    assert!(matches!(err.kind(), BuildErrorKind::Shape(_)), "{err}");
    let err = build_err(
        &(rule("a.x", "axis = \"fraud\"\nkeywords = [\"转账\"]")
            + &rule("a.b", "axis = \"fraud\"\nany = [\"a.x\"]\nmin_any = 2")),
    );
    assert!(matches!(err.kind(), BuildErrorKind::Shape(_)), "{err}");
}

#[test]
fn unknown_advice_and_bad_weight() {
    let err = build_err(&rule(
        "a.b",
        "axis = \"fraud\"\nkeywords = [\"转账\"]\nadvice = [\"pray\"]",
    ));
    assert_eq!(err.kind(), &BuildErrorKind::UnknownAdvice("pray".into()));
    let err = build_err(&rule(
        "a.b",
        "axis = \"fraud\"\nkeywords = [\"转账\"]\nweight = nan",
    ));
    assert_eq!(err.kind(), &BuildErrorKind::InvalidWeight);
}

#[test]
fn overrides_must_name_known_rules() {
    let err = Classifier::builder()
        .disable_rule("no.such.rule")
        .build()
        .unwrap_err();
    assert_eq!(err.rule(), Some("no.such.rule"));
    let err = Classifier::builder()
        .set_weight("no.such.rule", 1.0)
        .build()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &BuildErrorKind::UnknownRule("no.such.rule".into())
    );
}

#[test]
fn bad_settings_are_reported() {
    let err = Classifier::builder()
        .settings_str("my-verdict.toml", "[thresholds]\ncollection = 1.0")
        .build()
        .unwrap_err();
    assert_eq!(err.file(), "my-verdict.toml");
}

#[test]
fn an_empty_after_cue_is_reported_with_its_file() {
    let settings =
        include_str!("../rules/verdict.toml").replacen("after_cues = [", "after_cues = [\"\", ", 1);
    let err = Classifier::builder()
        .settings_str("my-verdict.toml", &settings)
        .build()
        .unwrap_err();
    assert_eq!(err.file(), "my-verdict.toml");
    assert!(err.to_string().contains("after_cues"), "{err}");
    // The shipped settings themselves build.
    Classifier::builder()
        .settings_str("verdict.toml", include_str!("../rules/verdict.toml"))
        .build()
        .expect("the shipped settings build");
}

#[test]
fn missing_directory_is_an_error_not_a_panic() {
    let err = Classifier::builder()
        .add_pack_dir("/nonexistent/collectguard/rules")
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), BuildErrorKind::Io(_)), "{err}");
}

#[test]
fn the_shipped_rules_directory_loads_from_disk() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let from_disk = Classifier::builder()
        .without_default_packs()
        .add_pack_dir(dir)
        .build()
        .expect("rules/ loads from disk");
    assert_eq!(
        from_disk.rules().count(),
        Classifier::default().rules().count()
    );
}

#[test]
fn disabled_rules_never_fire() {
    let text = "请把钱转到我的个人账户";
    let base = Classifier::default();
    let fired: Vec<String> = base
        .matched_rule_ids(&text.into())
        .into_iter()
        .map(String::from)
        .collect();
    assert!(!fired.is_empty());
    let mut builder = Classifier::builder();
    for id in &fired {
        builder = builder.disable_rule(id.clone());
    }
    let classifier = builder.build().unwrap();
    assert!(classifier.matched_rule_ids(&text.into()).is_empty());
    // Only the learned model may still speak: no rule does.
    assert!(
        classifier
            .classify_text(text)
            .findings
            .iter()
            .all(|f| f.source == collectguard::Source::Model)
    );
}

#[test]
fn a_bad_account_condition_names_the_rule_and_the_word() {
    let err = build_err(&rule(
        "ctx.account",
        "axis = \"warning\"\naccount = { chars = 10, narrative = 2, ratio = 3, first_person = [\"I\"], second_person = [\"you\"], others = [] }",
    ));
    assert_eq!(err.rule(), Some("ctx.account"));
    assert!(err.to_string().contains("\"I\""), "{err}");
    let err = build_err(&rule(
        "ctx.account",
        "axis = \"warning\"\naccount = { chars = 10, narrative = 2, ratio = 0, first_person = [\"i\"], second_person = [\"you\"], others = [] }",
    ));
    assert!(err.to_string().contains("ratio"), "{err}");
}

#[test]
fn a_bad_unaddressed_condition_names_the_rule_and_the_word() {
    let err = build_err(&rule(
        "ctx.unaddressed",
        "axis = \"warning\"\nunaddressed = { chars = 10, second_person = [\"You\"] }",
    ));
    assert_eq!(err.rule(), Some("ctx.unaddressed"));
    assert!(err.to_string().contains("\"You\""), "{err}");
}

#[test]
fn a_voice_word_not_in_normalized_form_is_an_error_naming_it() {
    // Traditional characters are folded to Simplified before the words are counted.
    let err = build_err(&rule(
        "ctx.account",
        "axis = \"warning\"\naccount = { chars = 10, narrative = 2, ratio = 3, first_person = [\"i\"], second_person = [\"you\"], others = [\"他們\"] }",
    ));
    assert_eq!(err.rule(), Some("ctx.account"));
    assert!(
        matches!(err.kind(), BuildErrorKind::KeywordNotNormalized { keyword, .. } if keyword == "他們"),
        "{err}"
    );
}

#[test]
fn word_lists_expand_in_patterns_and_their_errors_name_file_rule_and_list() {
    // A pack's list, used by its own pattern, and the default packs' lists by a user pack.
    let pack = format!(
        "[words]\nkin = [\"姐姐\", \"{{zh_kin}}\"]\n\n{}",
        rule(
            "a.b",
            "axis = \"abuse\"\nweight = 4.0\npatterns = ['告诉你{kin}']"
        )
    );
    let classifier = Classifier::builder()
        .add_pack_str("pack.toml", pack.replace("[\"转账\"]", "[\"告诉你姐姐\"]"))
        .build()
        .expect("a pack using its own and the default word lists builds");
    for text in ["我要告诉你姐姐", "我要告诉你老婆"] {
        let verdict = classifier.classify_text(text);
        assert!(
            verdict.findings.iter().any(|f| f.rule_id == "a.b"),
            "{text}"
        );
    }

    let err = build_err(&rule(
        "a.b",
        "axis = \"abuse\"\npatterns = ['告诉你{nope}']",
    ));
    assert_eq!(err.file(), "pack.toml");
    assert_eq!(err.rule(), Some("a.b"));
    assert!(matches!(err.kind(), BuildErrorKind::Words(_)), "{err}");
    assert!(
        err.to_string().contains("unknown word list `{nope}`"),
        "{err}"
    );

    // Lists are checked whether or not a pattern uses them.
    let err = build_err("[words]\na = [\"{b}\"]\nb = [\"x\", \"{a}\"]\n");
    assert_eq!(err.file(), "pack.toml");
    assert!(err.to_string().contains("in a cycle: a → b → a"), "{err}");
    let err = build_err("[words]\na = [\"{nope}\"]\n");
    assert!(
        err.to_string()
            .contains("in `a`: unknown word list `{nope}`"),
        "{err}"
    );

    let err = build_err("[words]\nkin = [\"媽媽\"]\n");
    assert!(err.to_string().contains("not in normalized form"), "{err}");
    let err = build_err("[words]\nKin = [\"妈妈\"]\n");
    assert!(err.to_string().contains("invalid word list name"), "{err}");
    let err = Classifier::builder()
        .add_pack_str("mine.toml", "[words]\nzh_kin = [\"妈妈\"]\n")
        .build()
        .expect_err("a list the default packs define");
    assert_eq!(err.file(), "mine.toml");
    assert!(
        err.to_string()
            .contains("`zh_kin` is defined twice (first in rules/words.toml)"),
        "{err}"
    );
}
