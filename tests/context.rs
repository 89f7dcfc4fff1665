//! Context (issue 3): negation and disclaimers, public warnings, transcripts with speakers and
//! reported speech, graded legal language, senders and numbers in the text, time and
//! contact frequency. Most tests are pairs that differ only in context and must be judged
//! differently.

use collectguard::{
    Classifier, ContactAttempts, Evidence, Label, LocalTime, Message, Source, Speaker,
};

#[path = "support/verdicts.rs"]
mod verdicts;
use verdicts::{classify, finding, fired};

// 1. Negation and warnings.

#[test]
fn a_forbidden_red_flag_does_not_fire_and_a_disclaimer_is_a_legit_sign() {
    let demand = "您的借款已逾期，请将欠款转到我的个人账户。";
    let disclaimer = "您的借款已逾期，请通过官方App还款，我司不会要求您向个人账户转账。";
    assert!(fired(demand, "zh.payment.private_account"));
    assert!(!fired(disclaimer, "zh.payment.private_account"));
    let v = classify(disclaimer);
    assert!(
        finding(&v, "zh.legit.anti_fraud_notice").is_some(),
        "{v:#?}"
    );
    assert!(v.scores.fraud < classify(demand).scores.fraud);
    assert_ne!(v.label, Label::Scam);
}

#[test]
fn double_negation_is_a_demand() {
    assert!(fired(
        "你不得不把钱转到我的个人账户",
        "zh.payment.private_account"
    ));
    assert!(!fired(
        "你不要把钱转到个人账户",
        "zh.payment.private_account"
    ));
}

#[test]
fn a_refused_request_covers_its_clause_but_secrecy_does_not() {
    // "不会…要求您…" refuses everything the request would have asked, however far on in its
    // clause; a hit beyond the window of a plain cue stays negated.
    let notice = classify("本行不会以电话要求您至ATM操作或提供网银密码，如有疑问请拨打本行客服。");
    assert!(!notice.fired("zh.payment.code_ask"), "{notice:#?}");
    assert_ne!(notice.label, Label::Scam, "{notice:#?}");
    // The same words without the refusal are a demand.
    assert!(fired("请您至ATM操作并提供网银密码", "zh.payment.code_ask"));
    // A scammer's imperative of secrecy is no refusal: the demand after it stands.
    assert!(fired(
        "不要告诉任何人今天下午五点之前必须把欠款转到这个个人账户",
        "zh.payment.private_account"
    ));
    // The scope ends at the clause.
    assert!(fired(
        "我们不会要求您做任何事，今天请把欠款转到这个个人账户",
        "zh.payment.private_account"
    ));
    // English: the refusal runs to the end of its sentence, past ", or …"; a verb that asks
    // no one ("do not ask questions") and a new sentence or a colon end it.
    assert!(!fired(
        "We will never ask you to send payment through Zelle, Venmo or Cash App to an individual, or to pay with cryptocurrency or gift cards.",
        "en.payment.gift_card"
    ));
    assert!(fired(
        "Do not ask questions, just buy the gift cards and read me the numbers today.",
        "en.payment.gift_card"
    ));
    assert!(fired(
        "We never ask you twice. Pay with gift cards today.",
        "en.payment.gift_card"
    ));
    // The verb starts a word: "task you" asks nothing.
    assert!(fired(
        "We will never task you with paperwork, just pay with gift cards today.",
        "en.payment.gift_card"
    ));
}

#[test]
fn a_disclaimer_never_cancels_a_live_demand_elsewhere() {
    let v = classify(
        "您的网贷已严重逾期。请勿相信他人，请直接转账至以下账户：6222 0212 3456 7890 123，今天到账即可销账。",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
}

#[test]
fn a_conditional_threat_is_graded_by_its_consequence_not_negated() {
    let v = classify("你的网贷逾期了，如不还款，我们就把你欠钱的事发给你所有的联系人和单位领导。");
    assert!(
        v.findings
            .iter()
            .any(|f| f.rule_id.starts_with("zh.third_party.")),
        "{v:#?}"
    );
    assert!(matches!(v.label, Label::Abusive | Label::Scam), "{v:#?}");
}

// 2. Public warnings and news.

#[test]
fn a_police_warning_that_quotes_a_scam_is_not_collection() {
    let psa = "警方提醒：近期骗子冒充网贷平台催收，谎称不还款就冻结所有银行卡，要求把钱转到所谓安全账户。凡是要求转账到个人账户的都是诈骗。";
    let v = classify(psa);
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
    assert_eq!(v.risk, 0);
    assert!(v.scores.warning >= 3.0);
    // The same scare lines addressed to the reader, with an account to pay: a scam.
    let scam =
        "你的网贷已逾期，不还款就冻结所有银行卡，立即把钱转到安全账户：6222 0212 3456 7890 123。";
    assert_eq!(classify(scam).label, Label::Scam);
}

#[test]
fn a_warning_with_a_concrete_demand_is_still_judged() {
    let v = classify(
        "警方提醒：骗子会冒充催收。您的网贷已逾期，请立即转账到安全账户：6222 0212 3456 7890 123。",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
}

#[test]
fn a_news_case_narrative_is_not_collection() {
    let v = classify(
        "近日，市民王女士（化名）接到自称网贷催收的电话，对方称她逾期不还将被起诉坐牢，要求她转账到个人账户，王女士被骗3万元后报警。民警提醒，此类诈骗中骗子常冒充平台工作人员。",
    );
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
}

#[test]
fn a_first_person_account_of_collection_is_not_collection() {
    // A borrower's comment: "I" and "they", debt words and the abuse they suffered, but
    // nothing asked of the reader.
    let comment = "I fell behind on a store card two years ago and the collection agency \
        would not leave me alone. They called my sister and my boss, and one collector told me \
        I would be arrested if I did not pay that day. I paid what I could, but I still think \
        they should not be allowed to call my family about my debt.";
    let v = classify(comment);
    assert!(fired(comment, "context.first_person_account"), "{v:#?}");
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
    let post = "我前年在两个平台借了钱，后来失业就逾期了。他们每天打我电话，还打给我妈和我同事，\
        说我再不还就要上门。我现在已经和平台协商分期，想问问大家，我这种情况征信多久能恢复？";
    assert!(fired(post, "context.first_person_account"));
    assert_eq!(classify(post).label, Label::NotCollection);
    // The same complaints spoken to the debtor are a collector's threats.
    let threat = "You fell behind on your store card and you are not leaving us a choice. \
        We will call your sister and your boss, and you will be arrested if you do not pay \
        today. Pay what you owe now, or your family will hear about your debt from us.";
    assert!(!fired(threat, "context.first_person_account"));
    assert_ne!(classify(threat).label, Label::NotCollection);
    // A collector speaking of themself and of the debtor ("I", "him") to a relative is a
    // collection message, not an account.
    let voicemail = "我是某某银行信用卡中心的工作人员，我姓王，工号1032。我这边负责张先生名下\
        信用卡的账务，我今天打了三次电话他都没接，我明天上午还会再联系他，麻烦家人转告他尽快回电。";
    assert!(!fired(voicemail, "context.first_person_account"));
    assert_ne!(classify(voicemail).label, Label::NotCollection);
}

#[test]
fn a_long_text_that_addresses_no_one_is_not_collection_unless_something_marks_it() {
    // A news item full of debt words: about debts, addressed to no one.
    let news = "Consumer borrowing rose for the fourth month in a row, and the share of \
        card balances more than ninety days past due reached its highest level since 2012. \
        Analysts expect more accounts to be placed with collection agencies next year as \
        savings run down.";
    assert!(fired(news, "context.unaddressed_text"));
    assert_eq!(classify(news).label, Label::NotCollection);
    // The same facts put to the reader are a message about their debt.
    let notice = "Your card balance is more than ninety days past due. If you do not pay \
        or call us this month, your account may be placed with a collection agency. You can \
        pay online or call the number on your statement.";
    assert!(!fired(notice, "context.unaddressed_text"));
    assert_ne!(classify(notice).label, Label::NotCollection);
}

#[test]
fn a_first_person_pitch_with_a_scam_stays_a_scam() {
    // Relief sellers tell their pitch as a testimonial; the account framing does not
    // silence the fraud evidence.
    let pitch = "I was drowning in credit card debt and the collectors called me every day. \
        Then I found a program that made my debt disappear and stopped all the calls in a \
        week. I paid a small fee up front by gift card and now I am debt free. They told me \
        to share this: text me and I will send you their number.";
    let v = classify(pitch);
    assert_eq!(v.label, Label::Scam, "{v:#?}");
}

// 3. Transcripts with speakers.

const COLLECTOR_THREAT: &str = "催收员:你的网贷逾期三个月了，再不还我们就去你单位找你领导，让你同事都知道。\n我:我这个月真的没钱。";
const DEBTOR_MENTION: &str = "客服:您好，您的网贷逾期三个月了，请问什么时候能还款？\n我:你们是不是要去我单位找我领导，让我同事都知道？";

#[test]
fn a_debtor_mentioning_a_threat_weighs_less_than_the_collector_making_it() {
    let threat = classify(COLLECTOR_THREAT);
    let mention = classify(DEBTOR_MENTION);
    assert_eq!(threat.label, Label::Abusive, "{threat:#?}");
    assert!(mention.scores.abuse < threat.scores.abuse, "{mention:#?}");
    let f = mention
        .findings
        .iter()
        .find(|f| f.rule_id.starts_with("zh.third_party."))
        .expect("the mention is still evidence");
    assert_eq!(f.evidence, Evidence::DebtorTurn);
    assert_eq!(f.spans[0].turn, Some(1));
    assert_eq!(f.spans[0].speaker, Some(Speaker::Debtor));
    assert_ne!(mention.label, Label::Abusive);
}

#[test]
fn findings_say_which_turn_they_are_in() {
    let v = classify(COLLECTOR_THREAT);
    let f = finding(&v, "zh.third_party.tell_employer").expect("fires");
    assert_eq!(f.spans[0].turn, Some(0));
    assert_eq!(f.spans[0].speaker, Some(Speaker::Collector));
    assert_eq!(f.evidence, Evidence::Direct);
}

#[test]
fn reported_speech_weighs_less_than_direct_speech() {
    let direct = classify("你的网贷逾期了，我们明天就去你单位找你领导，让你同事都知道。");
    let reported = classify("我的网贷逾期了，催收员说要去我单位找我领导，让我同事都知道。");
    assert!(reported.scores.abuse < direct.scores.abuse, "{reported:#?}");
    assert!(
        reported
            .findings
            .iter()
            .any(|f| f.evidence == Evidence::Reported)
    );
}

#[test]
fn what_someone_made_the_writer_do_is_reported_not_demanded() {
    // "…让我提供验证码": the writer retells a demand made of them; the same words addressed
    // to the reader are the demand itself.
    let retold = classify("刚才有个自称快递客服的让我提供验证码，我没理他。");
    let demand = classify("请提供您刚收到的验证码，我们马上为您处理。");
    let weight = |v: &collectguard::Verdict| {
        v.findings
            .iter()
            .find(|f| f.rule_id == "zh.payment.code_ask")
            .map(|f| (f.weight, f.evidence))
    };
    let (retold_weight, evidence) = weight(&retold).expect("code_ask fires on the retelling");
    assert_eq!(evidence, Evidence::Reported, "{retold:#?}");
    let (demand_weight, _) = weight(&demand).expect("code_ask fires on the demand");
    assert!(retold_weight < demand_weight, "{retold:#?}");
    assert_ne!(retold.label, Label::Scam, "{retold:#?}");
    assert_eq!(demand.label, Label::Scam, "{demand:#?}");
}

#[test]
fn a_scheme_narrated_as_others_habit_is_reported_up_to_the_sentence_end() {
    // "骗子常以…为由，让你…": a warning narrates what scammers do; the same demand made of
    // the reader in its own sentence is the demand itself.
    let weight = |v: &collectguard::Verdict, rule: &str| {
        v.findings
            .iter()
            .find(|f| f.rule_id == rule)
            .map(|f| (f.weight, f.evidence))
    };
    let narrated = classify("骗子常以网贷逾期为由，让你把钱转到个人账户。");
    let (narrated_weight, evidence) =
        weight(&narrated, "zh.payment.private_account").expect("the account fires");
    assert_eq!(evidence, Evidence::Reported, "{narrated:#?}");
    let next_sentence = classify("骗子常以网贷逾期为由骗钱。请你把钱转到个人账户。");
    let (direct_weight, evidence) =
        weight(&next_sentence, "zh.payment.private_account").expect("the account fires");
    assert_eq!(evidence, Evidence::Direct, "{next_sentence:#?}");
    assert!(narrated_weight < direct_weight);
    // A fake officer's "有不法分子利用您的身份…" is about the reader's case, not a habit.
    let case = classify("有不法分子利用您的身份信息开了账户，请把钱转到个人账户配合调查。");
    let (_, evidence) = weight(&case, "zh.payment.private_account").expect("the account fires");
    assert_eq!(evidence, Evidence::Direct, "{case:#?}");
    // English: what victims were made to do.
    let told = classify("Victims are told to buy gift cards and read the numbers over the phone.");
    let fraud: Vec<_> = told
        .findings
        .iter()
        .filter(|f| f.axis == collectguard::Axis::Fraud && f.weight > 0.0)
        .collect();
    assert!(!fraud.is_empty(), "{told:#?}");
    assert!(
        fraud.iter().all(|f| f.evidence == Evidence::Reported),
        "{told:#?}"
    );
}

#[test]
fn fake_legal_threats_that_end_in_the_lenders_own_app_are_abuse_not_a_scam() {
    // A real lender dressing its demand in criminal threats still takes the money in its
    // own app; a fake collector's threats end in a route of its own.
    let own_app = "【快易贷·法务部】你已涉嫌恶意逃废债，材料今天移交经侦。如需撤回，请于今日18点前在快易贷APP内一次性结清。";
    let own_account = "【快易贷·法务部】你已涉嫌恶意逃废债，材料今天移交经侦。如需撤回，请于今日18点前转到指定账户6222 0201 1234 5678结清。";
    let in_app = "FINAL WARNING from QuickRupee: an FIR for cheating under Section 420 will be lodged today and police will arrest you. Pay the full amount in the QuickRupee app before 6pm.";
    let to_upi = "FINAL WARNING from QuickRupee: an FIR for cheating under Section 420 will be lodged today and police will arrest you. Pay the full amount to UPI id quickrecovery88@okaxis before 6pm.";
    for (own_channel, elsewhere) in [(own_app, own_account), (in_app, to_upi)] {
        let v = classify(own_channel);
        assert_eq!(v.label, Label::Abusive, "{v:#?}");
        let v = classify(elsewhere);
        assert_eq!(v.label, Label::Scam, "{v:#?}");
    }
}

#[test]
fn slash_separated_and_neutral_labels_are_turns() {
    let v =
        classify("A:您好，您在我们平台的借款逾期了，今天不还就上门找你家人 / B:我下周发工资就还");
    let f = v
        .findings
        .iter()
        .find(|f| f.axis == collectguard::Axis::Abuse && f.weight > 0.0)
        .expect("an abuse finding");
    assert_eq!(f.spans[0].speaker, Some(Speaker::Collector), "{v:#?}");
}

#[test]
fn english_speaker_labels_are_turns() {
    let v = classify("Collector: 你的网贷逾期了，不还就通知你全部通讯录。\nMe: 我会尽快还。");
    let f = v
        .findings
        .iter()
        .find(|f| f.rule_id.starts_with("zh.third_party."))
        .expect("fires");
    assert_eq!(f.spans[0].speaker, Some(Speaker::Collector));
}

#[test]
fn dodging_which_platform_is_a_red_flag_and_answering_is_not() {
    let dodge = "催收员:你的欠款今天必须处理，不然后果自负。\n我:你们到底是哪个平台的？\n催收员:你别管哪个平台，今天不还就等着。";
    let answer = "催收员:你的欠款今天必须处理。\n我:你们到底是哪个平台的？\n催收员:我是招商银行信用卡中心的，工号a2231，您可以拨打95555核实。";
    let v = classify(dodge);
    let f = finding(&v, "zh.turn.evasive_answer").expect("evasion fires");
    assert_eq!(f.source, Source::Turns);
    assert!(f.spans.iter().any(|s| s.turn == Some(2)), "{f:#?}");
    assert!(finding(&classify(answer), "zh.turn.evasive_answer").is_none());
}

// 4. Legal language graded.

#[test]
fn the_same_lawsuit_is_legit_when_measured_and_a_red_flag_when_exaggerated() {
    let measured = classify(
        "【招商银行】尊敬的客户，您尾号1234的信用卡已逾期30天，欠款5230元。如仍未还款，我行可能依法提起诉讼，并按规定报送征信。请通过招商银行App还款，详询95555。",
    );
    let exaggerated = classify(
        "你的网贷已逾期，今天下午五点前不还款，立即起诉并刑事立案，明天公安上门拘留，子女不能上学。",
    );
    assert_eq!(measured.label, Label::Legitimate, "{measured:#?}");
    assert!(matches!(exaggerated.label, Label::Scam | Label::Abusive));
    assert!(exaggerated.scores.fraud + exaggerated.scores.abuse > 6.0);
    assert!(
        measured.scores.fraud + measured.scores.abuse < 2.0,
        "{measured:#?}"
    );
}

// 5. Senders.

#[test]
fn sender_notations_are_recognized() {
    let c = Classifier::default();
    for sender in [
        "+86 171 2345 6789",
        "0086-17123456789",
        "＋８６１７１２３４５６７８９",
    ] {
        let ids = c.matched_rule_ids(&Message::new("你好").with_sender(sender));
        assert!(ids.contains(&"sender.virtual_range"), "{sender}: {ids:?}");
    }
    let ids = c.matched_rule_ids(&Message::new("你好").with_sender("+95 588 123"));
    assert!(ids.contains(&"sender.myanmar_lookalike_955"), "{ids:?}");
    assert!(ids.contains(&"sender.overseas"));
    let ids = c.matched_rule_ids(&Message::new("你好").with_sender("95588"));
    assert!(ids.contains(&"sender.financial_955"));
}

#[test]
fn a_link_from_12381_is_forged() {
    let c = Classifier::default();
    let text = "您的网贷账户存在风险，点击 http://x.example/a 处理。";
    let forged = c.classify(&Message::new(text).with_sender("12381"));
    assert!(
        finding(&forged, "number.forged_12381").is_some(),
        "{forged:#?}"
    );
    let warning = c.classify(&Message::new("您可能正在遭遇诈骗，请勿转账。").with_sender("12381"));
    assert!(finding(&warning, "number.forged_12381").is_none());
}

#[test]
fn numbers_in_the_text_are_evidence_with_spans() {
    let text = "你的网贷逾期了，速加微信号:zhang_fa88 或回电17012345678处理。";
    let v = classify(text);
    for id in ["number.contact_id", "number.callback_virtual"] {
        let f = finding(&v, id).unwrap_or_else(|| panic!("{id} fires: {v:#?}"));
        let span = &f.spans[0];
        assert_eq!(&text[span.start..span.end], span.text);
    }
}

// 6. Time and frequency.

fn at(hh_mm: &str) -> LocalTime {
    hh_mm.parse().unwrap()
}

#[test]
fn collection_at_night_is_an_abuse_sign_unless_agreed() {
    let c = Classifier::default();
    let text = "你的网贷已经逾期十天了，赶紧还款。";
    let night = c.classify(&Message::new(text).with_sent_at(at("23:15")));
    let day = c.classify(&Message::new(text).with_sent_at(at("10:15")));
    let f = finding(&night, "zh.context.night_contact").expect("night rule fires");
    assert_eq!(f.source, Source::Context);
    assert!(f.reference.is_some());
    assert!(night.scores.abuse > day.scores.abuse);
    let agreed = c.classify(
        &Message::new("你的网贷已经逾期十天了，按您的要求晚上这个时间提醒您还款。")
            .with_sent_at(at("22:30")),
    );
    assert!(finding(&agreed, "zh.context.night_contact").is_none());
}

#[test]
fn too_many_attempts_are_an_abuse_sign() {
    let c = Classifier::default();
    let base = Message::new("你的网贷已经逾期十天了，赶紧还款。");
    let many = c.classify(&base.clone().with_attempts_today(ContactAttempts {
        answered: 0,
        unanswered: 12,
    }));
    let few = c.classify(&base.with_attempts_today(ContactAttempts {
        answered: 1,
        unanswered: 2,
    }));
    assert!(finding(&many, "context.attempts_excessive").is_some());
    assert!(finding(&few, "context.attempts_excessive").is_none());
    assert!(many.scores.abuse > few.scores.abuse);
}
