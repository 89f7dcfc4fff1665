//! Scenarios from the seed articles and one test per rule family, through the public API.
//! All texts are written for these tests.

use collectguard::{Axis, Channel, Classifier, Label, Message, Scheme, Source, Verdict};

fn classify(text: &str) -> Verdict {
    Classifier::default().classify_text(text)
}

fn fired_prefix(v: &Verdict, prefix: &str) -> bool {
    v.findings.iter().any(|f| f.rule_id.starts_with(prefix))
}

fn assert_spans_point_into(text: &str, v: &Verdict) {
    for f in &v.findings {
        for s in &f.spans {
            assert_eq!(&text[s.start..s.end], s.text, "{}", f.rule_id);
        }
    }
}

// --- seed-article scenarios ------------------------------------------------------------

#[test]
fn seed_collector_names_platform_amount_and_days() {
    let text = "【安信消费金融】尊敬的陈女士，您在安信消费金融的借款（合同尾号2291）已逾期18天，\
                当前应还金额4,312.60元。请登录安信消费金融App或通过对公账户还款。\
                如有疑问请致电官方客服400-820-1111。";
    let v = classify(text);
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
    assert!(v.scores.legit >= 3.0);
    assert!(v.risk < 30);
    assert_spans_point_into(text, &v);
}

#[test]
fn seed_collector_threatens_to_tell_all_clients() {
    let text =
        "你信用卡欠款再不还，我们就通知你所有客户和合作伙伴，让他们都知道你是个欠钱不还的人。";
    let v = classify(text);
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(v.findings_on(Axis::Abuse).count() >= 1);
    assert_spans_point_into(text, &v);
}

#[test]
fn seed_caller_dodges_which_platform() {
    let text = "我：请问你是哪个平台的？能报一下工号吗？\n\
                对方：你自己借了哪些平台你心里没数吗？工号不方便透露，你今天把欠款处理了就行。";
    let v = Classifier::default().classify(&Message::new(text).with_channel(Channel::Call));
    assert!(fired_prefix(&v, "zh.identity."), "{v:#?}");
    assert_ne!(v.label, Label::Legitimate);
    assert_ne!(v.label, Label::NotCollection);
}

#[test]
fn seed_demand_to_pay_personal_wechat() {
    let text = "你在某某贷的欠款已经逾期，今天必须处理，直接转到我个人微信上，我帮你销账。";
    let v = classify(text);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::FakeCollector));
    assert!(v.advice.iter().any(|a| a.id == "no_private_payment"));
}

#[test]
fn seed_teacher_offers_to_stop_collection() {
    let text = "网贷信用卡逾期被催收爆通讯录？上岸老师帮你停息挂账、停催，全程代办协商，\
                先交800元服务费，加微信咨询。";
    let v = classify(text);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief));
}

#[test]
fn seed_traditional_with_pinyin_glosses() {
    let simplified = "你的贷款已经逾期，今天之内转账到我的个人账户，不然就通知你的家人和单位。";
    let traditional =
        "你的貸(dài)款已經逾期，今天之內轉(zhuǎn)賬到我的個人賬戶，不然就通知你的家(jiā)人和單位。";
    let a = classify(simplified);
    let b = classify(traditional);
    assert_eq!(a.label, b.label);
    assert_eq!(b.label, Label::Scam, "{b:#?}");
    assert_spans_point_into(traditional, &b);
    // The evidence for the personal account points at the Traditional original.
    let private = b
        .findings
        .iter()
        .find(|f| f.rule_id == "zh.payment.private_account")
        .expect("private account finding");
    assert!(private.spans.iter().any(|s| s.text.contains("個人賬戶")));
}

// --- one test per family -----------------------------------------------------------------

#[test]
fn family_topic() {
    let v = classify("您的信用卡账单已逾期未还，请尽快还款。");
    assert!(v.scores.collection >= 3.0, "{v:#?}");
    assert_ne!(v.label, Label::NotCollection);
    let v = classify("周末一起去看电影吧，我请客。");
    assert_eq!(v.label, Label::NotCollection);
    assert!(v.findings.is_empty());
}

#[test]
fn family_payment() {
    for text in [
        "欠款请转到以下私人银行卡：6222 0212 3456 7890 123，户名张某",
        "逾期费用请扫我发的收款码支付",
        "把短信验证码报给我，我帮你把逾期记录消掉",
    ] {
        let v = classify(text);
        assert!(fired_prefix(&v, "zh.payment."), "{text}: {v:#?}");
        assert!(v.scores.fraud >= 3.0, "{text}");
    }
}

#[test]
fn family_identity() {
    let v = classify("你别管我是哪个公司的，欠钱还钱天经地义，今天必须还。");
    assert!(fired_prefix(&v, "zh.identity."), "{v:#?}");
}

#[test]
fn family_impersonation() {
    let v = classify("我是市公安局经侦支队的，你的网贷逾期已涉嫌恶意透支，现已立案，请配合处理。");
    assert!(fired_prefix(&v, "zh.impersonation."), "{v:#?}");
    assert_eq!(v.label, Label::Scam);
    assert_eq!(v.scheme, Some(Scheme::Impersonation));
}

#[test]
fn family_third_parties() {
    let v =
        classify("你的借款逾期了，今天不还我们就打给你爸妈和你们公司领导，把你的通讯录全部爆掉。");
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(fired_prefix(&v, "zh.third_party."));
}

#[test]
fn family_threats_and_insults() {
    let v = classify("欠钱不还的老赖，再不还款小心出门被人打断腿。");
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(fired_prefix(&v, "zh.violence.") || fired_prefix(&v, "zh.insult."));
    let v = classify("你的网贷逾期了，24小时内不还就起诉你，冻结你名下所有银行卡，让你坐牢。");
    assert!(fired_prefix(&v, "zh.threat."), "{v:#?}");
    assert!(v.scores.fraud >= 6.0);
}

#[test]
fn family_debt_relief() {
    let v = classify("专业债务优化，停息挂账，征信修复，成功上岸再收费，添加老师微信。");
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief));
}

#[test]
fn family_legitimacy() {
    let v = classify(
        "【某某银行】尊敬的客户，您尾号5521的信用卡已逾期7天，欠款1520.00元。\
         请通过手机银行或营业网点还款，逾期将产生罚息并可能影响您的个人征信。\
         本行不会要求您向个人账户转账，谨防诈骗。",
    );
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
    assert!(fired_prefix(&v, "zh.legit."));
    assert!(!fired_prefix(&v, "zh.payment."));
}

#[test]
fn family_sender() {
    let text = "您的网贷已逾期，请尽快还款。";
    let c = Classifier::default();
    let v = c.classify(&Message::new(text).with_sender("+86 170 1234 5678"));
    let f = v
        .findings
        .iter()
        .find(|f| f.rule_id == "sender.virtual_range")
        .expect("virtual range");
    assert_eq!(f.source, Source::Sender);
    assert!(f.spans.is_empty());
    let from_bank = c.classify(&Message::new(text).with_sender("95588"));
    assert!(from_bank.fired("sender.financial_955"));
    assert!(from_bank.scores.fraud < v.scores.fraud);
    let abroad = c.classify(&Message::new(text).with_sender("00959551234567"));
    assert!(abroad.fired("sender.overseas"));
}

#[test]
fn negation_keeps_warnings_from_firing() {
    let warning = classify("温馨提示：请勿向任何个人账户转账还款，切勿扫描陌生二维码。");
    assert!(!fired_prefix(&warning, "zh.payment."), "{warning:#?}");
    assert_ne!(warning.label, Label::Scam);
    let demand = classify("请把欠款转到我的个人账户。");
    assert!(fired_prefix(&demand, "zh.payment."));
    // Double negation is positive.
    let forced = classify("你不得不今天把钱转到我的个人账户。");
    assert!(fired_prefix(&forced, "zh.payment."), "{forced:#?}");
}

#[test]
fn a_warning_framed_as_anyone_who_asks_describes_the_scam_without_demanding_it() {
    // Lawful notices often warn in the "凡…/任何人…/如有人…" form: the clause describes
    // what a scammer would ask, and must not count as the sender asking it.
    for warning in [
        "本公司只通过官方App收款，凡要求您转入私人账户的均为诈骗。",
        "还款只认对公账户，任何人让你把钱打到他个人卡上都不要理。",
        "如有人要求您把还款转到个人账户，请立即报警。",
    ] {
        let v = classify(warning);
        assert!(!v.fired("zh.payment.private_account"), "{warning}: {v:#?}");
    }
    // … and a warning that judges what it named first: "…的，都是诈骗" looks back over its
    // sentence (commas included), not past its end, and not in "其他的都是骗子" (a
    // scammer's "only this account is real").
    for warning in [
        "提醒您：要求您向个人账户转账还款的，都是诈骗。",
        "让你把钱打到个人卡上的一律是骗子。",
        "这种让你提供验证码的电话一律挂断。",
    ] {
        let v = classify(warning);
        assert!(!fired_prefix(&v, "zh.payment."), "{warning}: {v:#?}");
    }
    // The same words as a demand still fire, with or without a judgement after them.
    for demand in [
        "请今天把欠款转到我个人账户。拖着不还的都是骗子。",
        "还款请转到我私人账户，其他的都是骗子。",
        "今天之内把还款转入私人账户，户名王某。",
        "你让家里人把钱打到我个人卡上。",
    ] {
        let v = classify(demand);
        assert!(v.fired("zh.payment.private_account"), "{demand}: {v:#?}");
    }
    // A negation covers every item of a list joined by 、 (an enumeration, not a new clause).
    let listed = classify("我行不会以征信修复、停息挂账为由收取任何费用。");
    assert!(!fired_prefix(&listed, "zh.relief."), "{listed:#?}");
}

#[test]
fn a_risky_text_that_is_no_collection_message_keeps_its_red_flags_advice() {
    // Phishing with no debt named: not a collection message, but its red flags advise.
    let text = "您好，您的社保卡因使用异常将于今日停用，请按1转接人工客服处理。";
    let phishing = classify(text);
    assert!(phishing.risk >= 50, "{phishing:#?}");
    let flagged: Vec<&str> = phishing
        .findings
        .iter()
        .filter(|f| f.axis == Axis::Fraud && f.weight > 0.0)
        .map(|f| f.rule_id.as_str())
        .collect();
    assert!(!flagged.is_empty(), "{phishing:#?}");
    assert!(!phishing.advice.is_empty(), "{phishing:#?}");
    let classifier = Classifier::default();
    let advised: Vec<&str> = classifier
        .rules()
        .filter(|r| flagged.contains(&r.id()))
        .flat_map(|r| r.advice().iter().map(String::as_str))
        .collect();
    if phishing.label == Label::NotCollection {
        for a in &phishing.advice {
            assert!(advised.contains(&a.id.as_str()), "{}: {advised:?}", a.id);
        }
    }
    // The same pretext in a police warning that asks nothing of its reader: no advice.
    let warning = classify(
        "警方提醒：近期有骗子冒充社保中心，谎称市民社保卡使用异常将被停用，诱骗按键转人工后\
         套取银行卡信息，凡是此类电话都是诈骗，请大家提高警惕。",
    );
    assert_eq!(warning.label, Label::NotCollection, "{warning:#?}");
    assert!(warning.advice.is_empty(), "{warning:#?}");
    // An ordinary message: no risk, no advice.
    let chat = classify("明天下午三点在三楼会议室开会，记得带上季度报表。");
    assert_eq!((chat.risk, chat.advice.len()), (0, 0), "{chat:#?}");
}

#[test]
fn a_scam_about_no_debt_gets_its_schemes_advice_not_the_lenders() {
    // Phishing about a parcel: advice about links, codes and reporting; nothing about
    // checking a debt with the lender.
    for text in [
        "【速递服务】您的快递因地址不详无法派送，请在24小时内点击 https://parcel-fix.top/a \
         补填地址并支付2元运费，逾期退回。",
        "Courier notice: your parcel is held at the depot due to an incomplete address. Confirm \
         your details within 12 hours at https://parcel-redeliver.top/t or it will be returned.",
    ] {
        let v = classify(text);
        assert_eq!(v.label, Label::Scam, "{v:#?}");
        assert_eq!(v.scheme, Some(Scheme::Phishing), "{v:#?}");
        let ids: Vec<&str> = v.advice.iter().map(|a| a.id.as_str()).collect();
        assert!(ids.iter().any(|id| id.contains("click")), "{text}: {ids:?}");
        for debt in [
            "verify_official_channel",
            "pay_via_official_app",
            "en_verify_collector",
        ] {
            assert!(!ids.contains(&debt), "{text}: {ids:?}");
        }
    }
    // A fake collector keeps the advice to check the debt through the lender's channels.
    let fake =
        classify("你在某某贷的欠款已经逾期，今天必须处理，直接转到我个人微信上，我帮你销账。");
    assert!(
        fake.advice
            .iter()
            .any(|a| a.id == "verify_official_channel"),
        "{fake:#?}"
    );
}

// --- bad input ---------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_are_not_collection() {
    for text in ["", " ", "\n\n", "\u{200B}\u{FEFF}", "😀😀😀"] {
        let v = classify(text);
        assert_eq!(v.label, Label::NotCollection, "{text:?}");
        assert_eq!(v.risk, 0);
    }
}

#[test]
fn huge_text_gets_a_verdict() {
    let unit = "您的借款已逾期，请把钱转到我的个人账户。\u{0007}😀";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    assert!(text.len() >= 1_000_000);
    let v = classify(&text);
    assert_eq!(v.label, Label::Scam);
    assert_spans_point_into(&text, &v);
    for f in &v.findings {
        assert!(f.spans.len() <= 8);
    }
}

#[test]
fn control_characters_do_not_break_matching() {
    let text = "请把欠款\u{0000}转到\u{0008}我的\u{001B}个人账户";
    let v = classify(text);
    assert!(fired_prefix(&v, "zh.payment."), "{v:#?}");
    assert_spans_point_into(text, &v);
}

#[test]
fn verdict_json_is_snake_case_and_round_trips() {
    let v = classify("你的网贷逾期了，马上转到我的个人账户。");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["label"], "scam");
    assert_eq!(json["schema_version"], 2);
    assert!(json["findings"][0]["rule_id"].is_string());
    assert!(json["findings"][0]["title"]["zh"].is_string());
    let back: Verdict = serde_json::from_value(json).unwrap();
    assert_eq!(back, v);
}

// --- issue 4: families added while closing the measured misses -------------------------

#[test]
fn frozen_card_with_a_callback_to_unfreeze_is_a_scam_but_a_branch_visit_is_not() {
    let lure = "【恒丰银行】您的信用卡因长期未还款，现已冻结，请马上联系专员15900002222办理解冻。";
    let v = classify(lure);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(fired_prefix(&v, "zh.combo.unfreeze_callback"));
    assert_spans_point_into(lure, &v);

    let branch =
        "【恒丰银行】您的信用卡因长期未还款，现已冻结，请本人携带身份证到网点柜台办理解冻。";
    let v = classify(branch);
    assert_ne!(v.label, Label::Scam, "{v:#?}");
    assert!(!fired_prefix(&v, "zh.combo.unfreeze_callback"));
}

#[test]
fn a_robocall_summons_with_a_key_menu_is_a_scam() {
    let text = "这里是某某区人民法院，您有一份民事传票尚未签收，详情请按1。";
    let v = classify(text);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(fired_prefix(&v, "zh.impersonation.summons_ivr"));
    // The same key menu in a bank's bill line is not about a summons.
    let v = classify("您本月账单已出，查询账单请按1，人工服务请按0。");
    assert!(!fired_prefix(&v, "zh.impersonation.summons_ivr"));
}

#[test]
fn a_debt_called_a_crime_is_abusive_even_without_a_payment_demand() {
    let text = "你在平台的借款已逾期两个月，已构成恶意拖欠，我们将移送公安追究你的刑事责任。";
    let v = classify(text);
    assert!(matches!(v.label, Label::Abusive | Label::Scam), "{v:#?}");
    assert!(fired_prefix(&v, "zh.combo.criminalizing_default"));
    // A civil suit is the lawful route and is not flagged as intimidation.
    let v = classify("你在平台的借款已逾期两个月，我司将依法向法院提起民事诉讼。");
    assert!(
        !fired_prefix(&v, "zh.combo.criminalizing_default"),
        "{v:#?}"
    );
    assert_ne!(v.label, Label::Abusive);
}

#[test]
fn an_advert_to_all_debtors_pushing_negotiation_is_a_relief_scam() {
    let text = "网贷还不上别慌，专业团队一对一协商，当天出方案。";
    let v = classify(text);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief));
    // The creditor offering the same negotiation under its own name is not an advert.
    let v = classify("【华信银行】您的信用卡已逾期，如有困难可与我行尽快协商还款方案，详询95588。");
    assert_ne!(v.label, Label::Scam, "{v:#?}");
}

#[test]
fn written_cantonese_fires_the_rules_its_standard_chinese_twin_fires() {
    let rules_only = Classifier::builder()
        .without_model()
        .build()
        .expect("default packs");
    let ids = |text: &str| -> Vec<String> {
        let mut ids: Vec<String> = rules_only
            .classify_text(text)
            .findings
            .into_iter()
            .map(|f| f.rule_id.to_string())
            .collect();
        ids.sort();
        ids
    };
    let pairs = [
        (
            "你好，呢度係入境處，你嘅身份證涉及一宗洗黑錢案件。",
            "你好，这里是入境处，你的身份证涉及一宗洗钱案件。",
        ),
        (
            "聽日再唔還錢，我哋就搵你老細。",
            "明天再不还钱，我们就找你老板。",
        ),
    ];
    for (cantonese, standard) in pairs {
        let fired = ids(cantonese);
        assert!(!fired.is_empty(), "{cantonese}");
        assert_eq!(fired, ids(standard), "{cantonese}");
        assert_spans_point_into(cantonese, &rules_only.classify_text(cantonese));
    }
    // A bare 系 of standard Chinese (关系, 系统) is not Cantonese 係 and stays as it is.
    let v = rules_only.classify_text("系统升级期间暂停服务，与您的账户无关系。");
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
    // The learned model reads a single message's Cantonese as written (it was trained so),
    // while the rules read it folded; spans of the model's findings still point into it.
    let with_model = Classifier::default();
    let text = "聽日再唔還錢，我哋就搵你老細，你嘅同事全部都會知。";
    let view = with_model.model_view(&text.into());
    assert!(view.contains('唔') && view.contains('嘅'), "{view}");
    assert!(!with_model.normalize(text).as_str().contains('唔'));
    assert_spans_point_into(text, &with_model.classify_text(text));
}

// --- the common frauds that are no debt, and their genuine twins --------------------------

/// Each pair: the scam script and a harmless message with the same opening. The scam is a
/// `scam` with a scheme and a finding of the fraud packs; the twin is not flagged.
#[test]
fn common_non_debt_frauds_are_scams_and_their_twins_are_not() {
    let pairs = [
        (
            "小王，我是李总，明天到我办公室来一趟。现在有个急事，你先帮我转5万给这个账户，回头给你。",
            "小王，我是李总，明天上午的会改到下午三点，你通知一下大家。",
        ),
        (
            "您好，这里是XX购物网，因为工作人员疏失，将您的订单设定成分期付款，每个月会自动扣款，请您到ATM操作解除。",
            "您好，这里是XX购物网，您的订单已发货，预计明天送达。",
        ),
        (
            "您的医保卡使用出现异常，将于今日17点冻结，请按9转人工服务。",
            "您的医保卡已补办完成，请于工作日到社区服务中心领取。",
        ),
        (
            "Hi mum, this is my new number, my phone broke. Can you send me £250 for a bill, I'll pay you back tomorrow.",
            "Hi mum, this is my new number, my phone broke. Save it and delete the old one x",
        ),
        (
            "Your car's extended warranty is about to expire. Press 1 to speak with a warranty specialist.",
            "Your car is due for its annual service. Book online or call the dealership.",
        ),
    ];
    for (scam, twin) in pairs {
        let v = classify(scam);
        assert_eq!(v.label, Label::Scam, "{scam}\n{v:#?}");
        assert!(
            matches!(
                v.scheme,
                Some(Scheme::Other | Scheme::Phishing | Scheme::Impersonation)
            ),
            "{scam}: {:?}",
            v.scheme
        );
        assert!(
            fired_prefix(&v, "zh.fraud.")
                || fired_prefix(&v, "en.fraud.")
                || fired_prefix(&v, "zh.phish.")
                || fired_prefix(&v, "en.phish."),
            "{scam}\n{v:#?}"
        );
        assert_spans_point_into(scam, &v);
        let t = classify(twin);
        assert!(
            !matches!(t.label, Label::Scam | Label::Abusive),
            "{twin}\n{t:#?}"
        );
    }
}

#[test]
fn a_fee_to_make_the_collectors_stop_is_a_relief_scam_even_without_the_trade_words() {
    // The rules alone: the pitch names no 上岸, 停催 or "debt relief program".
    let rules = Classifier::builder().without_model().build().unwrap();
    let pitches = [
        (
            "我们跟好几家平台都熟，交两千服务费，保证半个月内不再有人打你电话。",
            "zh.relief.paid_peace",
        ),
        (
            "先付三成定金，我们去跟银行谈，谈成了再付尾款。",
            "zh.relief.paid_peace",
        ),
        (
            "Pay us $400 and the collectors will never call you again.",
            "en.relief.paid_peace",
        ),
        (
            "Loan apps shaming you? We block them. Ksh 2,000 only.",
            "en.relief.paid_peace",
        ),
    ];
    for (pitch, rule) in pitches {
        let v = rules.classify_text(pitch);
        assert_eq!(v.label, Label::Scam, "{pitch}\n{v:#?}");
        assert_eq!(v.scheme, Some(Scheme::DebtRelief), "{pitch}");
        assert!(
            v.findings.iter().any(|f| f.rule_id == rule),
            "{pitch}\n{v:#?}"
        );
        assert_spans_point_into(pitch, &v);
    }
    // The creditor's own promise, and a warning that quotes the pitch.
    let twins = [
        "【华信银行】您可申请个性化分期，我行不收取任何费用，结清后不会再联系您。",
        "Pay us the balance by Friday and we will stop calling you.",
        "警方提醒：凡是说交了服务费平台就不会再找你的，都是骗子。",
    ];
    for twin in twins {
        let t = rules.classify_text(twin);
        assert_ne!(t.label, Label::Scam, "{twin}\n{t:#?}");
    }
}

#[test]
fn an_account_handed_over_in_cantonese_or_on_a_mobile_line_is_a_private_payment() {
    let scams = [
        "我哋係財務公司，你仲欠兩期，今日入呢個戶口先，唔好拖。",
        "Your loan is 20 days late. Send the Ksh 4,500 to my line today, the paybill is down.",
    ];
    for scam in scams {
        let v = classify(scam);
        assert_eq!(v.label, Label::Scam, "{scam}\n{v:#?}");
        assert!(
            fired_prefix(&v, "zh.payment.") || fired_prefix(&v, "en.payment."),
            "{scam}\n{v:#?}"
        );
    }
    let lawful = [
        "我哋係財務公司，你仲欠兩期，請經本公司App或到分行櫃位還款。",
        "Your loan is 20 days late. Pay via M-Pesa paybill 400200, account number your ID.",
    ];
    for text in lawful {
        let t = classify(text);
        assert!(!matches!(t.label, Label::Scam), "{text}\n{t:#?}");
    }
}

#[test]
fn a_warning_that_retells_a_demand_made_of_its_writer_stays_a_warning() {
    // The link and the fee were demanded of the writer ("他让我…"), not of the reader: the
    // reported demand does not turn the warning back into a message.
    let retold = "【防骗提醒】大家小心！昨天有人冒充快递理赔中心打给我，说我买的商品质量有问题要三倍赔偿，要我提供银行卡信息，后来他让我点击链接 http://lipei-kd.top 支付验证费，我直接挂了。";
    let v = classify(retold);
    assert_eq!(v.label, Label::NotCollection, "{retold}\n{v:#?}");
    // The same demand made of the reader is a scam, warning header or not.
    let direct = "【快递理赔中心】您购买的商品质量有问题，将三倍赔偿，请提供银行卡信息，并点击链接 http://lipei-kd.top 支付验证费。";
    let d = classify(direct);
    assert_eq!(d.label, Label::Scam, "{direct}\n{d:#?}");
}

#[test]
fn the_largest_chinese_fraud_families_are_scams_and_their_genuine_twins_are_not() {
    // Fake police, a "grandson" in trouble, fake customer service (a rate "above the legal
    // limit", a service opened "by mistake", an unasked-for refund) and a fake lender's
    // frozen loan: each beside the genuine message it imitates.
    let pairs = [
        (
            "你好，我是杭州市公安局的民警，你的身份信息可能涉及一起洗钱案件，为了证明你的清白，请找一个安静的地方，提供你的银行卡号配合调查。",
            "你好，我是杭州市公安局的民警，你报案的电动车已经找到，请带身份证到派出所认领。",
        ),
        (
            "爷爷，我是您孙子，我开车撞到人了，现在被扣在派出所，需要赔钱才能出来，千万别告诉我爸。",
            "爷爷，我是您孙子小军，周末回去看您，给您带了茶叶。",
        ),
        (
            "您好，这里是某东金融客服，您的金条年化利率过高，超出了国家规定的标准，需要为您降低利率，否则会影响征信。",
            "您好，这里是某东金融客服，您本期金条账单已出，可在App内查看。",
        ),
        (
            "您好，由于我们工作人员的错误操作，给您开通了一项会员业务，每月将扣费599元，如需取消请联系专员。",
            "您好，您的会员服务已成功开通，每月将扣费15元，可随时在App内取消。",
        ),
        (
            "您好，您购买的商品在运输中丢失了，为了赔偿您，请提供一下银行卡信息，我们通过理赔中心打款。",
            "您好，您购买的商品在运输中丢失了，我们已为您原路退款，预计1-3个工作日到账。",
        ),
        (
            "您好，您的提款卡信息填写有误，导致资金被冻结，需要缴纳解冻金5000元才能提现。",
            "您好，您的借款已放款成功，请在App中查看。",
        ),
    ];
    let rules = Classifier::builder().without_model().build().unwrap();
    for (scam, twin) in pairs {
        // The rules alone see each script; the default classifier agrees.
        for v in [rules.classify_text(scam), classify(scam)] {
            assert_eq!(v.label, Label::Scam, "{scam}\n{v:#?}");
            assert_spans_point_into(scam, &v);
        }
        let t = classify(twin);
        assert!(
            !matches!(t.label, Label::Scam | Label::Abusive),
            "{twin}\n{t:#?}"
        );
    }
}

#[test]
fn a_link_dressed_as_an_institution_makes_a_fee_text_a_scam_and_its_own_address_does_not() {
    // The same notice twice: once with a host that carries the institution's name on
    // another domain, once with the institution's own address. Only the host differs (the
    // wording of some is a scam's either way; the host adds its weight on top).
    let pairs = [
        (
            "USPS: Your package is on hold for an unpaid $1.99 fee. Pay at usps-redeliver.top today.",
            "USPS: Your package is on hold for an unpaid $1.99 fee. Pay at tools.usps.com today.",
        ),
        (
            "E-ZPass: You have an unpaid toll of $4.15. Pay today to avoid a $50 late fee: ezpass-tolls-pay.com",
            "E-ZPass: You have an unpaid toll of $4.15. Pay today to avoid a $50 late fee: e-zpassny.com",
        ),
        (
            "Road toll balance past due: $7.90. Settle it at https://paymystatetollbalance.net before a $25 charge applies.",
            "Road toll balance past due: $7.90. Settle it at https://www.paturnpike.com before a $25 charge applies.",
        ),
    ];
    let rules = Classifier::builder().without_model().build().unwrap();
    for (scam, twin) in pairs {
        for v in [rules.classify_text(scam), classify(scam)] {
            assert_eq!(v.label, Label::Scam, "{scam}\n{v:#?}");
            assert_spans_point_into(scam, &v);
            let host = v
                .findings
                .iter()
                .find(|f| f.rule_id == "link.brand_lookalike")
                .unwrap_or_else(|| panic!("{scam}\n{v:#?}"));
            // The span is the host, in the original text.
            let span = &host.spans[0];
            assert!(scam[span.start..span.end].contains('.'), "{span:?}");
        }
        // The twin's own address adds nothing: its fraud score is the scam's less the host.
        let t = rules.classify_text(twin);
        assert!(
            t.findings.iter().all(|f| !f.rule_id.starts_with("link.")),
            "{twin}\n{t:#?}"
        );
        let s = rules.classify_text(scam);
        assert!(s.scores.fraud >= t.scores.fraud + 3.0, "{s:#?}\n{t:#?}");
    }
    // Asked to act on such an address, the text is a scam on that alone; a warning that
    // quotes the address and names it a fake stays a warning.
    for scam in [
        "HMRC: £312.48 tax refund due. Claim: hmrc-refunds.uk",
        "【交管12123】您有一条违章待处理，请登录 jtgl-12123.cc 缴纳罚款。",
    ] {
        let v = rules.classify_text(scam);
        assert_eq!(v.label, Label::Scam, "{scam}\n{v:#?}");
    }
    for warning in [
        "警方提醒：近期有人收到短信让登录 jtgl-12123.cc 缴纳罚款，这是诈骗网站，请勿点击。",
        "Consumer alert: texts telling you to pay a toll at ezpass-tolls-pay.com are going around. This is a phishing link, do not click it.",
    ] {
        for v in [rules.classify_text(warning), classify(warning)] {
            assert_eq!(v.label, Label::NotCollection, "{warning}\n{v:#?}");
        }
    }
}

#[test]
fn a_caller_named_by_role_speaks_as_the_caller_not_as_the_debtor() {
    // "Officer:" after "Me:": before the role labels were listed, an unlisted label started
    // no turn, and the officer's words ran on as the debtor's (at the debtor's factor).
    let rules = Classifier::builder().without_model().build().unwrap();
    let text = "Me: I missed only two EMIs.\nOfficer: This is Inspector Rao, Cyber Crime. You are under digital arrest.";
    let v = rules.classify_text(text);
    let officer = v
        .findings
        .iter()
        .find(|f| f.rule_id == "en.impersonation.law_enforcement")
        .unwrap_or_else(|| panic!("{v:#?}"));
    assert_eq!(officer.weight, 4.0, "{v:#?}");
    assert!(
        officer
            .spans
            .iter()
            .all(|s| s.speaker == Some(collectguard::Speaker::Collector)),
        "{v:#?}"
    );
    assert_spans_point_into(text, &v);
    // The same in Chinese role names: a 民警 is the caller.
    let zh = "我：我就欠了两期。\n民警：你涉嫌洗钱，现在对你进行数字逮捕，马上把钱转到安全账户。";
    let v = rules.classify_text(zh);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
}

#[test]
fn a_label_that_names_a_debt_collector_says_what_the_call_is_about_at_half_weight() {
    // 收數佬 (a debt collector, in Cantonese) says the call is about a debt; the menace alone
    // says nothing of a debt. The label's word counts at half the weight of a spoken one.
    let rules = Classifier::builder().without_model().build().unwrap();
    let labelled = rules.classify_text("收數佬：你再唔覆，小心行夜路啊\n我：……");
    let topic = labelled
        .findings
        .iter()
        .find(|f| f.rule_id == "zh.topic.collection")
        .unwrap_or_else(|| panic!("{labelled:#?}"));
    let spoken = rules.classify_text("我哋係收數公司，你再唔覆，小心行夜路啊");
    let spoken_topic = spoken
        .findings
        .iter()
        .find(|f| f.rule_id == "zh.topic.collection")
        .unwrap_or_else(|| panic!("{spoken:#?}"));
    assert!(
        (topic.weight - spoken_topic.weight / 2.0).abs() < 1e-6,
        "{labelled:#?}\n{spoken:#?}"
    );
}

#[test]
fn the_model_reads_a_cantonese_transcript_as_written_with_the_debtors_turns_blanked() {
    // The rules read written Cantonese folded to standard Chinese (嘅 → 的); the model was
    // trained on it as written. A transcript kept the rules' folded view; now its turns are
    // found again in the model's own view.
    let c = Classifier::default();
    let view = c.model_view(&"職員：你今個月嘅供款未收到\n我：我聽日還".into());
    assert!(view.contains("嘅"), "{view:?}");
    assert!(!view.contains("聽日") && !view.contains("听日"), "{view:?}");
}
