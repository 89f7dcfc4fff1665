//! The learned scorer through the public API: training, the file format, loading, the
//! combined verdict, explanations, and the rules-only path.

use collectguard::model::{Combiner, Gate, Model, ModelClass, TrainOptions, TrainingRow, train};
use collectguard::{Classifier, Label, Source};
use proptest::prelude::*;

/// A small training set in our own words: the only difference between the scam rows and
/// the harmless ones is the payment channel.
fn toy_rows() -> Vec<TrainingRow> {
    let mut rows = Vec::new();
    let names = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    for (i, name) in names.iter().enumerate() {
        rows.push(TrainingRow::new(
            format!("{name}先生，欠款{i}00元请用礼品卡支付给专员"),
            ModelClass::FakeCollection,
        ));
        rows.push(TrainingRow::new(
            format!("{name}先生，欠款{i}00元请在官方应用里还款"),
            ModelClass::LegitCollection,
        ));
        rows.push(TrainingRow::new(
            format!("{name}先生，周末的聚餐定在{i}号，记得带伞"),
            ModelClass::Benign,
        ));
    }
    rows
}

fn toy_options() -> TrainOptions {
    TrainOptions {
        bits: 14,
        epochs: 20,
        ..TrainOptions::default()
    }
}

/// A combiner under which the model always speaks (for tests of the explanation path).
fn always_on() -> Combiner {
    let gate = Gate {
        scale: 1.0,
        scale_alone: 1.0,
        offset: -30.0,
        offset_alone: -30.0,
        cap: 40.0,
        scale_corroborated: None,
        offset_corroborated: None,
        scale_hint: None,
        offset_hint: None,
    };
    Combiner {
        scam: gate,
        abusive: gate,
        legit: gate,
        collection: gate,
        fraud: None,
        latin: None,
        promote_scam: None,
        promote_abusive: None,
        promote_legit: None,
        demote_benign: None,
        fitted_on: "test: always on".into(),
    }
}

#[test]
fn a_tiny_training_run_learns_the_word_that_differs() {
    let model = train(&toy_rows(), &toy_options());
    let scam = model.predict("孙先生，欠款700元请用礼品卡支付给专员");
    let lawful = model.predict("孙先生，欠款700元请在官方应用里还款");
    assert_eq!(scam.top(), ModelClass::FakeCollection);
    assert_eq!(lawful.top(), ModelClass::LegitCollection);
    assert_eq!(model.card().rows(), 30);
}

#[test]
fn training_is_deterministic_and_the_file_round_trips() {
    let a = train(&toy_rows(), &toy_options());
    let b = train(&toy_rows(), &toy_options());
    assert_eq!(
        a.to_bytes(),
        b.to_bytes(),
        "same rows and options, same file"
    );
    let dir = std::env::temp_dir().join(format!("collectguard-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("toy.cgm");
    a.save(&path).unwrap();
    let loaded = Model::load(&path).unwrap();
    assert_eq!(loaded.to_bytes(), a.to_bytes());
    for text in ["孙先生，欠款请用礼品卡支付", "周末聚餐", ""] {
        let (p, q) = (a.predict(text), loaded.predict(text));
        for ((c1, p1), (c2, p2)) in p.probabilities().iter().zip(q.probabilities()) {
            assert_eq!(c1, c2);
            assert!(
                (p1 - p2).abs() < 1e-3,
                "{text}: {p1} vs {p2} (quantized weights)"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_model_files_are_errors_that_name_the_file() {
    let dir = std::env::temp_dir().join(format!("collectguard-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = train(&toy_rows(), &toy_options()).to_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.cgm", Vec::new()),
        ("text.cgm", b"[weights]\nnot = 1\n".to_vec()),
        ("truncated.cgm", good[..good.len() / 2].to_vec()),
        ("flipped.cgm", {
            let mut b = good.clone();
            let at = b.len() - 20;
            b[at] ^= 0xFF;
            b
        }),
    ];
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = Classifier::builder().model_file(&path).build().unwrap_err();
        assert_eq!(err.file(), path.display().to_string(), "{name}");
        assert!(err.to_string().contains("invalid model"), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn pairs_that_differ_only_in_a_word_the_model_weighs() {
    let model = train(&toy_rows(), &toy_options()).with_combiner(Combiner {
        scam: Gate {
            scale: 3.0,
            scale_alone: 3.0,
            offset: 0.0,
            offset_alone: 0.0,
            cap: 12.0,
            scale_corroborated: None,
            offset_corroborated: None,
            scale_hint: None,
            offset_hint: None,
        },
        ..Combiner::default()
    });
    // Rules alone see nothing here (no default packs): the model's findings decide.
    let classifier = Classifier::builder()
        .without_default_packs()
        .model(model)
        .build()
        .unwrap();
    let scam_text = "孙先生，欠款700元请用礼品卡支付给专员";
    let lawful_text = "孙先生，欠款700元请在官方应用里还款";
    let scam = classifier.classify_text(scam_text);
    let lawful = classifier.classify_text(lawful_text);
    assert_eq!(scam.label, Label::Scam, "{scam:#?}");
    assert_ne!(lawful.label, Label::Scam);
    let finding = scam
        .findings
        .iter()
        .find(|f| f.rule_id == "model.scam")
        .unwrap();
    assert_eq!(finding.source, Source::Model);
    assert!(
        finding.reason.en.contains("30 labelled messages"),
        "{}",
        finding.reason.en
    );
    // The words that weighed most include the one that differs.
    assert!(
        finding.spans.iter().any(|s| s.text.contains("礼品")),
        "{:?}",
        finding.spans
    );
    assert!(lawful.findings.iter().all(|f| f.rule_id != "model.scam"));
}

#[test]
fn without_a_model_no_finding_comes_from_one() {
    let rules = Classifier::builder().without_model().build().unwrap();
    assert!(rules.model().is_none());
    for text in [
        "你的网贷已逾期，马上转到我的私人账户，不然通知你全家。",
        "Final notice: pay the balance in gift cards today or a warrant will be issued.",
        "今晚一起吃饭吗？",
    ] {
        let v = rules.classify_text(text);
        assert!(
            v.findings
                .iter()
                .all(|f| f.source != Source::Model && !f.rule_id.starts_with("model.")),
            "{text}: {:?}",
            v.findings.iter().map(|f| &f.rule_id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_embedded_model_has_a_card_and_speaks_in_the_default_classifier() {
    let model = Model::embedded();
    assert_eq!(model.classes().len(), ModelClass::ALL.len());
    assert!(model.card().rows() >= 5000, "{}", model.card().rows());
    assert!(!model.card().sources.is_empty());
    let c = Classifier::default();
    let v = c.classify_text(
        "【某某金融】您的借款已逾期45天，今天下班前把3800元转到财务个人账户6222021234567890，\
         否则明天把你的欠款情况发给你单位和通讯录里所有人。",
    );
    assert!(
        matches!(v.label, Label::Scam | Label::Abusive),
        "{:?}",
        v.label
    );
}

fn classifier_with_model_always_on() -> &'static Classifier {
    static C: std::sync::LazyLock<Classifier> = std::sync::LazyLock::new(|| {
        Classifier::builder()
            .model(Model::embedded().clone().with_combiner(always_on()))
            .build()
            .unwrap()
    });
    &C
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// The model's spans, like every rule's, are non-empty ranges of the original text on
    /// character boundaries, whatever normalization did to it.
    #[test]
    fn model_spans_lie_inside_the_original(text in "(\\PC|[ 　\u{200B}ＡＢ０１２逾期轉帳個人賬戶😀.:/@]|pay|gift|card|warrant|now){0,60}") {
        let v = classifier_with_model_always_on().classify_text(&text);
        for finding in v.findings.iter().filter(|f| f.source == Source::Model) {
            for span in &finding.spans {
                prop_assert!(span.start < span.end);
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                prop_assert_eq!(&text[span.start..span.end], span.text.as_str());
                // Whole words: a span never starts or ends inside an ASCII word.
                let before = text[..span.start].chars().next_back();
                let after = text[span.end..].chars().next();
                let first = span.text.chars().next();
                let last = span.text.chars().next_back();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                prop_assert!(!(word(before) && word(first)), "{:?} in {:?}", span.text, text);
                prop_assert!(!(word(after) && word(last)), "{:?} in {:?}", span.text, text);
            }
        }
    }
}

/// Scammers copy a bank's signature, masked card number, amount and hotline; the one thing
/// they cannot copy — where the money goes — decides. The lawful twin stays legitimate.
#[test]
fn copied_legitimacy_signs_do_not_hide_a_personal_account_a_code_request_or_a_stranger_link() {
    let c = Classifier::default();
    let head = "【某某银行】尊敬的王先生，您尾号8812的信用卡已逾期15天，欠款3260.50元，";
    let tail = "如有疑问请致电95588。";
    let lawful = format!("{head}请通过手机银行还款，{tail}");
    assert_eq!(c.classify_text(&lawful).label, Label::Legitimate);
    for demand in [
        "请今日内转账至个人账户6222021234567890（户名张某）还款，",
        "为核实身份请回复收到的短信验证码，",
        "请点击 http://yh-repay.top/pay 完成还款，",
    ] {
        let text = format!("{head}{demand}{tail}");
        let v = c.classify_text(&text);
        assert_eq!(
            v.label,
            Label::Scam,
            "{text}\n{:?}",
            v.findings
                .iter()
                .map(|f| (&f.rule_id, f.weight))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_red_flag_of_the_rules_lets_the_model_speak_without_a_debt_topic() {
    // The model may speak without a topic only when a rule saw fraud evidence of its own.
    let model = train(&toy_rows(), &toy_options()).with_combiner(Combiner {
        scam: Gate {
            scale: 3.0,
            scale_alone: 0.0,
            offset: 0.0,
            offset_alone: 0.0,
            cap: 12.0,
            scale_corroborated: Some(3.0),
            offset_corroborated: Some(0.0),
            scale_hint: None,
            offset_hint: None,
        },
        ..Combiner::default()
    });
    let pack = r#"
[[rule]]
id = "toy.specialist"
axis = "fraud"
weight = 1.0
keywords = ["专员"]
title = { zh = "专员", en = "A specialist" }
reason = { zh = "测试用。", en = "For the test." }
examples = ["请联系专员"]
counter_examples = ["请联系客服"]
"#;
    let classifier = Classifier::builder()
        .without_default_packs()
        .add_pack_str("toy.toml", pack)
        .model(model)
        .build()
        .unwrap();
    // Same payment words; only the first has the rule's red flag.
    let flagged = classifier.classify_text("请用礼品卡支付给专员");
    let bare = classifier.classify_text("请用礼品卡支付");
    assert!(flagged.fired("toy.specialist"));
    assert!(flagged.fired("model.scam"), "{flagged:#?}");
    assert!(!bare.fired("model.scam"), "{bare:#?}");
}

#[test]
fn the_model_alone_can_make_a_lawful_notice_a_debt_notice_when_its_gates_allow() {
    // No rule pack at all: the rules see no topic. Under the default combiner the legit and
    // collection gates stay silent without a topic; fitted gates that may speak alone let
    // a notice in words no rule knows reach `legitimate`.
    let model = train(&toy_rows(), &toy_options());
    let lawful = "孙先生，欠款700元请在官方应用里还款";
    let mute = Gate {
        scale: 0.0,
        scale_alone: 0.0,
        ..always_on().scam
    };
    let always_on = || Combiner {
        scam: mute,
        abusive: mute,
        ..always_on()
    };
    let silent = Classifier::builder()
        .without_default_packs()
        .model(model.clone().with_combiner(Combiner {
            legit: Gate {
                scale_alone: 0.0,
                ..always_on().legit
            },
            collection: Gate {
                scale_alone: 0.0,
                ..always_on().collection
            },
            ..always_on()
        }))
        .build()
        .unwrap();
    let speaking = Classifier::builder()
        .without_default_packs()
        .model(model.with_combiner(always_on()))
        .build()
        .unwrap();
    let quiet = silent.classify_text(lawful);
    assert!(!quiet.fired("model.legit") && !quiet.fired("model.collection"));
    assert_ne!(quiet.label, Label::Legitimate, "{quiet:#?}");
    let spoken = speaking.classify_text(lawful);
    assert!(spoken.fired("model.legit") && spoken.fired("model.collection"));
    assert_eq!(spoken.label, Label::Legitimate, "{spoken:#?}");
}

#[test]
fn model_spans_never_point_into_the_debtors_blanked_turns() {
    // Found by the span proptest: "i:pay" is one debtor turn, which the model reads as
    // line breaks; a line-break feature was shown as the original's "i:p".
    for (text, debtor_start) in [
        ("i:pay", 0),
        ("催收员：今天还钱\n我：pay later gift card", 25),
    ] {
        assert!(text[debtor_start..].starts_with(['i', '我']));
        let v = classifier_with_model_always_on().classify_text(text);
        for finding in v.findings.iter().filter(|f| f.source == Source::Model) {
            for span in &finding.spans {
                assert!(span.end <= debtor_start, "{span:?} in {text:?}");
            }
        }
    }
}

/// `model.fraud` (every kind of fraud) speaks as a gate only in a model whose combiner has
/// that gate; the gate survives the file format, and the catalogue lists the finding only
/// when the gate or the settings' fraud promotion can make it.
#[test]
fn the_fraud_gate_speaks_only_when_the_combiner_has_one() {
    let text =
        "Your parcel is held at customs: pay the release fee at parcel-release-desk.top today.";
    let with_gate = Combiner {
        fraud: Some(always_on().scam),
        ..always_on()
    };
    let model = Model::embedded().clone().with_combiner(with_gate);
    let back = Model::from_bytes("inline", &model.to_bytes()).unwrap();
    assert_eq!(back.combiner(), model.combiner());
    let settings = std::fs::read_to_string("rules/verdict.toml").unwrap();
    let without_promotion = settings
        .lines()
        .filter(|l| !l.starts_with("fraud_promotion"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(settings.lines().count(), without_promotion.lines().count());
    let ids = |model: Model| {
        let c = Classifier::builder()
            .model(model)
            .settings_str("verdict.toml", without_promotion.clone())
            .build()
            .unwrap();
        let findings: Vec<String> = c
            .classify_text(text)
            .findings
            .iter()
            .map(|f| f.rule_id.clone())
            .collect();
        let listed = c
            .catalog()
            .findings
            .iter()
            .any(|e| e.rule_id == "model.fraud");
        (findings, listed)
    };
    let (findings, listed) = ids(back);
    assert!(
        findings.iter().any(|id| id == "model.fraud"),
        "{findings:?}"
    );
    assert!(listed);
    let (findings, listed) = ids(Model::embedded().clone().with_combiner(always_on()));
    assert!(
        !findings.iter().any(|id| id == "model.fraud"),
        "{findings:?}"
    );
    assert!(!listed);
    // With the embedded settings the fraud promotion may make the finding: listed.
    let promoting = Classifier::builder()
        .model(Model::embedded().clone().with_combiner(always_on()))
        .build()
        .unwrap();
    assert!(
        promoting
            .catalog()
            .findings
            .iter()
            .any(|e| e.rule_id == "model.fraud")
    );
}

/// A combiner with gates of its own for Latin-script texts uses them for texts without Han
/// characters only; they survive the file format.
#[test]
fn latin_script_texts_use_their_own_gates_when_the_combiner_has_them() {
    let silent = Gate {
        scale: 0.0,
        scale_alone: 0.0,
        scale_corroborated: Some(0.0),
        scale_hint: Some(0.0),
        ..always_on().scam
    };
    let latin = Combiner {
        scam: silent,
        abusive: silent,
        legit: silent,
        collection: silent,
        ..always_on()
    };
    let combiner = Combiner {
        latin: Some(Box::new(latin)),
        ..always_on()
    };
    let model = Model::embedded().clone().with_combiner(combiner);
    let back = Model::from_bytes("inline", &model.to_bytes()).unwrap();
    assert_eq!(back.combiner(), model.combiner());
    let c = Classifier::builder().model(back).build().unwrap();
    let from_model = |text: &str| {
        c.classify_text(text)
            .findings
            .iter()
            .filter(|f| f.source == Source::Model)
            .count()
    };
    assert_eq!(
        from_model("Pay the overdue balance today or we will call your boss."),
        0
    );
    assert!(from_model("今天不还钱就打电话给你老板。") > 0);
}

/// `promote_scam`: a text the rules and the gates leave without a verdict becomes a scam
/// when the model alone is sure enough of a debt scam — with a `model.scam` finding that
/// shows its words — and survives the file format; a harmless text, the same text below
/// the probability, and a public warning are left alone.
#[test]
fn the_model_alone_makes_a_scam_only_above_its_promotion_probability() {
    let scam = "孙先生，欠款700元请用礼品卡支付给专员";
    let harmless = "孙先生，周末的聚餐定在7号，记得带伞";
    let trained = train(&toy_rows(), &toy_options());
    let p = trained
        .predict(scam)
        .probability(ModelClass::FakeCollection);
    assert!(p > 0.6, "the toy model must be sure of the scam text: {p}");
    let classifier = |least: Option<f32>| silent_with(&trained, |c| c.promote_scam = least);
    let without = classifier(None);
    let with = classifier(Some(0.5));
    let too_high = classifier(Some((p + 1.0) / 2.0));
    assert_ne!(without.classify_text(scam).label, Label::Scam);
    assert!(!without.classify_text(scam).fired("model.scam"));
    assert_scam_explained_by(&with, scam, "model.scam");
    assert_ne!(too_high.classify_text(scam).label, Label::Scam);
    assert_eq!(with.classify_text(harmless).label, Label::NotCollection);
    // A public warning that quotes the scam is still no message to its reader.
    let warning =
        format!("警方提醒：骗子会发这样的短信：“{scam}”，凡是要求用礼品卡还款的都是诈骗。");
    let warned = with.classify_text(&warning);
    assert_eq!(warned.label, Label::NotCollection, "{warned:#?}");
}

/// `fraud_promotion` (rules/verdict.toml): a text the rules flag under the scam threshold
/// and leave `not_collection` becomes a scam when the model is sure enough of fraud of any
/// kind — with a `model.fraud` finding that shows its words — but never on the model alone,
/// never below the probability, and never in a public warning.
#[test]
fn fraud_of_any_kind_needs_the_rules_red_flags_beside_the_models_sureness() {
    let flagged = "孙先生，欠款700元请用礼品卡支付给专员，红旗专线";
    let bare = "孙先生，欠款700元请用礼品卡支付给专员";
    let trained = train(&toy_rows(), &toy_options());
    let fraud = |text: &str| {
        let p = trained.predict(text);
        [
            ModelClass::FakeCollection,
            ModelClass::DebtReliefScam,
            ModelClass::OtherFraud,
        ]
        .iter()
        .map(|c| p.probability(*c))
        .sum::<f32>()
    };
    let p = fraud(flagged);
    assert!(
        p > 0.6 && fraud(bare) > 0.6,
        "the toy model must be sure: {p}"
    );
    let settings = std::fs::read_to_string("rules/verdict.toml").unwrap();
    assert!(settings.contains("\nfraud_promotion = 0.9\n"));
    let classifier = |least: f32| {
        let settings = settings.replace(
            "\nfraud_promotion = 0.9\n",
            &format!("\nfraud_promotion = {least}\n"),
        );
        toy_classifier_with(
            trained.clone().with_combiner(silent_combiner()),
            Some(settings),
        )
    };
    let with = classifier(p / 2.0);
    let too_high = classifier((p + 1.0) / 2.0);
    // The toy pack's red flag (3.5 fraud points) alone is under the scam threshold.
    let unpromoted = too_high.classify_text(flagged);
    assert!(unpromoted.fired("toy.red_flag"), "{unpromoted:#?}");
    assert_ne!(unpromoted.label, Label::Scam, "{unpromoted:#?}");
    assert_scam_explained_by(&with, flagged, "model.fraud");
    // The model alone, however sure, decides nothing here.
    assert_ne!(with.classify_text(bare).label, Label::Scam);
    let warning = format!("警方提醒：骗子会发这样的短信：“{flagged}”");
    let warned = with.classify_text(&warning);
    assert_eq!(warned.label, Label::NotCollection, "{warned:#?}");
}

/// `promote_legit`: a lawful notice in words no rule knows becomes `legitimate` when the
/// model alone is sure enough of it, with `model.legit` and `model.collection` findings —
/// but never against a red flag of the rules.
#[test]
fn the_model_alone_makes_a_lawful_notice_legitimate_only_without_a_red_flag() {
    let lawful = "孙先生，欠款700元请在官方应用里还款";
    let flagged = "孙先生，欠款700元请在官方应用里还款，另请联系红旗专线";
    let harmless = "孙先生，周末的聚餐定在7号，记得带伞";
    let trained = train(&toy_rows(), &toy_options());
    for text in [lawful, flagged] {
        let p = trained
            .predict(text)
            .probability(ModelClass::LegitCollection);
        assert!(
            p > 0.6,
            "the toy model must be sure of the notice: {text} {p}"
        );
    }
    let classifier = |least: Option<f32>| silent_with(&trained, |c| c.promote_legit = least);
    let without = classifier(None);
    let with = classifier(Some(0.6));
    assert_eq!(without.classify_text(lawful).label, Label::NotCollection);
    let promoted = with.classify_text(lawful);
    assert_eq!(promoted.label, Label::Legitimate, "{promoted:#?}");
    assert!(promoted.fired("model.legit") && promoted.fired("model.collection"));
    assert_eq!(with.classify_text(harmless).label, Label::NotCollection);
    // The toy pack's red flag (红旗专线, 3.5 fraud points) keeps the notice from lawful.
    let red = with.classify_text(flagged);
    assert!(red.fired("toy.red_flag"), "{red:#?}");
    assert_ne!(red.label, Label::Legitimate, "{red:#?}");
}

/// `demote_benign`: a text the rules call a scam on soft red flags alone becomes
/// `not_collection` when the model is sure enough it is harmless, with a `model.benign`
/// finding on the warning axis; a firm red flag (here a personal account) keeps the scam.
#[test]
fn the_model_demotes_soft_red_flags_it_is_sure_are_harmless_but_never_firm_ones() {
    let soft = "孙先生，周末的聚餐定在7号，记得带伞，红旗专线，速转";
    let firm = "孙先生，周末的聚餐定在7号，记得带伞，红旗专线，私人账户";
    let trained = train(&toy_rows(), &toy_options());
    for text in [soft, firm] {
        let p = trained.predict(text).probability(ModelClass::Benign);
        assert!(p > 0.6, "the toy model must find it harmless: {text} {p}");
    }
    let classifier = |least: Option<f32>| silent_with(&trained, |c| c.demote_benign = least);
    let without = classifier(None);
    let with = classifier(Some(0.6));
    assert_eq!(without.classify_text(soft).label, Label::Scam);
    assert!(
        without
            .catalog()
            .findings
            .iter()
            .all(|e| e.rule_id != "model.benign")
    );
    let demoted = with.classify_text(soft);
    assert_eq!(demoted.label, Label::NotCollection, "{demoted:#?}");
    explained_finding(&demoted, "model.benign");
    assert!(
        with.catalog()
            .findings
            .iter()
            .any(|e| e.rule_id == "model.benign")
    );
    assert_eq!(with.classify_text(firm).label, Label::Scam);
}

/// The toy pack with `trained` under a silent combiner that `set` gives one promotion.
fn silent_with(trained: &Model, set: impl FnOnce(&mut Combiner)) -> Classifier {
    let mut combiner = silent_combiner();
    set(&mut combiner);
    toy_classifier(trained.clone().with_combiner(combiner))
}

/// `text` is a scam under `classifier`, and its model finding `rule_id` points at words of
/// the text itself.
fn assert_scam_explained_by(classifier: &Classifier, text: &str, rule_id: &str) {
    let promoted = classifier.classify_text(text);
    assert_eq!(promoted.label, Label::Scam, "{promoted:#?}");
    let finding = explained_finding(&promoted, rule_id);
    for span in &finding.spans {
        assert_eq!(&text[span.start..span.end], span.text);
    }
}

/// The model finding `rule_id` of `verdict`, which must weigh and point at words.
fn explained_finding<'a>(
    verdict: &'a collectguard::Verdict,
    rule_id: &str,
) -> &'a collectguard::Finding {
    let finding = verdict
        .findings
        .iter()
        .find(|f| f.rule_id == rule_id)
        .unwrap_or_else(|| panic!("{rule_id} is a finding: {verdict:#?}"));
    assert!(
        finding.weight > 0.0 && !finding.spans.is_empty(),
        "{finding:#?}"
    );
    finding
}

/// A combiner whose gates never speak (promotions only).
fn silent_combiner() -> Combiner {
    let mute = Gate {
        scale: 0.0,
        scale_alone: 0.0,
        ..always_on().scam
    };
    Combiner {
        scam: mute,
        abusive: mute,
        legit: mute,
        collection: mute,
        ..always_on()
    }
}

/// `model` with a pack of two toy rules and nothing that sees the toy texts' debts: a
/// warning rule (so a public warning stays one) and a red flag.
fn toy_classifier(model: Model) -> Classifier {
    toy_classifier_with(model, None)
}

/// [`toy_classifier`] with the settings of `settings` (a verdict.toml) instead of the
/// embedded ones.
fn toy_classifier_with(model: Model, settings: Option<String>) -> Classifier {
    let back = Model::from_bytes("inline", &model.to_bytes()).unwrap();
    assert_eq!(back.combiner(), model.combiner());
    // (id, axis, weight, firm, keyword): each rule fires on its keyword alone.
    let rules = [
        ("toy.police_notice", "warning", 3.0, false, "警方提醒"),
        ("toy.red_flag", "fraud", 3.5, false, "红旗专线"),
        ("toy.hurry", "fraud", 3.0, false, "速转"),
        ("toy.private_account", "fraud", 3.0, true, "私人账户"),
    ];
    let pack: String = rules
        .iter()
        .map(|(id, axis, weight, firm, keyword)| {
            format!(
                "[[rule]]\nid = \"{id}\"\naxis = \"{axis}\"\nweight = {weight:.1}\nfirm = {firm}\n\
                 keywords = [\"{keyword}\"]\ntitle = {{ zh = \"{keyword}\", en = \"{id}\" }}\n\
                 reason = {{ zh = \"测试用。\", en = \"For the test.\" }}\n\
                 examples = [\"请看{keyword}\"]\ncounter_examples = [\"请联系客服\"]\n\n"
            )
        })
        .collect();
    let builder = Classifier::builder()
        .without_default_packs()
        .add_pack_str("toy.toml", &pack)
        .model(back);
    match settings {
        Some(toml) => builder.settings_str("verdict.toml", toml),
        None => builder,
    }
    .build()
    .unwrap()
}
