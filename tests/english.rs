//! The English pack (issue 5), through the public API only: one test or pair per family.
//! Pairs differ in one thing (who says it, a negation, the time sent) and must be judged
//! differently. Every text here is written for this file.

use collectguard::{
    Classifier, Evidence, Label, Lang, LocalTime, Message, Scheme, Source, Speaker,
};

#[path = "support/verdicts.rs"]
mod verdicts;
use verdicts::{classify, classify_rules, finding, fired, has_prefix};

fn at(hh_mm: &str) -> LocalTime {
    hh_mm.parse().unwrap()
}

// --- Lawful collectors ------------------------------------------------------------------

#[test]
fn a_disclosure_with_dispute_rights_is_legitimate() {
    let v = classify(
        "Hello Ms. Ortiz, this is Harbor Recovery Group, a debt collector. This is an attempt to \
         collect a debt and any information obtained will be used for that purpose. We are \
         collecting on behalf of Pine State Bank. You can dispute the debt in writing within 30 \
         days. Reply STOP to opt out.",
    );
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
    assert!(v.scores.legit >= 3.0);
    assert_eq!(v.scores.fraud, 0.0, "{v:#?}");
}

#[test]
fn a_validation_notice_is_legitimate() {
    let v = classify(
        "Harbor Recovery Group is a debt collector. We are trying to collect a debt that you owe \
         to Pine State Bank. As of March 3, 2026, you owed: $1,240.00. You can request the name \
         and address of the original creditor. Learn more about your rights at \
         www.consumerfinance.gov/debt-collection.",
    );
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
}

#[test]
fn a_limited_content_voicemail_is_not_a_red_flag() {
    let v = classify(
        "Hi, this message is for Jordan Blake. This is Sam from Harbor Recovery. Please call \
         us back at 800-555-0142 about an account, weekdays between 9 and 5. Thank you.",
    );
    assert!(
        matches!(
            v.label,
            Label::Legitimate | Label::Unverified | Label::NotCollection
        ),
        "{v:#?}"
    );
    assert_eq!(v.scores.fraud, 0.0, "{v:#?}");
    assert_eq!(v.scores.abuse, 0.0, "{v:#?}");
}

// --- Threats ------------------------------------------------------------------------------

#[test]
fn arrest_and_jail_threats_over_a_debt_are_a_scam() {
    let v = classify(
        "Your payday loan is past due. If you do not pay $600 today, a warrant will be issued and \
         you will be arrested and taken to jail.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(v.fired("en.threat.arrest"), "{v:#?}");
}

#[test]
fn a_sheriff_at_the_door_is_an_unlawful_threat() {
    let v = classify(
        "You owe $900 on your account. The sheriff will come to your house tonight to arrest you \
         unless the balance is paid now.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
}

#[test]
fn a_deportation_threat_is_flagged() {
    let v = classify(
        "Your loan balance of $1,200 is overdue. Pay it today or we will report you to \
         immigration and you will be deported.",
    );
    assert!(v.fired("en.threat.deportation"), "{v:#?}");
    assert!(matches!(v.label, Label::Scam | Label::Abusive), "{v:#?}");
}

#[test]
fn the_same_lawsuit_is_legit_when_conditional_and_a_red_flag_when_immediate() {
    let measured = classify(
        "This is Harbor Recovery Group, a debt collector. Your Pine State Bank card balance of \
         $2,300 is past due. If it remains unpaid, our client may consider legal action. Call us \
         at 800-555-0142.",
    );
    let immediate = classify(
        "Your card balance of $2,300 is past due. A lawsuit will be filed against you today and \
         your wages will be garnished tomorrow unless you pay now.",
    );
    assert!(
        measured.scores.fraud + measured.scores.abuse < 2.0,
        "{measured:#?}"
    );
    assert!(
        immediate.scores.fraud + immediate.scores.abuse > measured.scores.fraud + 4.0,
        "{immediate:#?}"
    );
}

// --- Impersonation -----------------------------------------------------------------------

#[test]
fn a_police_officer_collecting_a_debt_is_impersonation() {
    let v = classify(
        "This is Officer Daniels with the county sheriff's office. You have an unpaid loan of \
         $850 and must settle it today to avoid criminal charges.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(has_prefix(&v, "en.impersonation."), "{v:#?}");
}

#[test]
fn a_government_agency_collecting_a_debt_is_impersonation() {
    let v = classify(
        "This is the Department of Justice, Federal Crime Unit. Your unpaid loan of $1,450 has \
         been flagged and you must pay today.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(has_prefix(&v, "en.impersonation."), "{v:#?}");
}

#[test]
fn a_claimed_attorney_or_court_is_flagged() {
    let v = classify(
        "This is the legal department. A case has been filed against you in county court over \
         your unpaid loan of $700. Call back today to avoid being served.",
    );
    assert!(has_prefix(&v, "en.impersonation."), "{v:#?}");
    assert!(matches!(v.label, Label::Scam | Label::Abusive), "{v:#?}");
}

// --- Payment routes ----------------------------------------------------------------------

#[test]
fn gift_cards_for_a_debt_are_a_scam() {
    let v = classify(
        "Your loan is past due. Buy three Google Play gift cards of $200 each and read me the \
         numbers on the back.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::FakeCollector));
    assert!(v.fired("en.combo.debt_paid_off_channel"), "{v:#?}");
}

#[test]
fn wire_crypto_and_payment_apps_to_a_person_are_red_flags() {
    for text in [
        "You owe $780 on your account. Send it by Western Union wire transfer today.",
        "You owe $780 on your account. Pay the balance in Bitcoin at the machine in the store.",
        "You owe $780 on your account. Send it through Zelle to my personal number.",
    ] {
        let v = classify(text);
        assert!(v.fired("en.combo.debt_paid_off_channel"), "{text}: {v:#?}");
        assert_eq!(v.label, Label::Scam, "{text}: {v:#?}");
    }
}

#[test]
fn bank_and_card_numbers_on_the_call_are_a_red_flag() {
    let v = classify(
        "Your account is past due. To settle it now, give me your debit card number and your \
         bank account and routing numbers.",
    );
    assert!(v.fired("en.combo.debt_data_harvest"), "{v:#?}");
    assert!(v.scores.fraud >= 4.0, "{v:#?}");
}

// --- Who is calling (turns) ---------------------------------------------------------------

const DODGE: &str = "Collector: You owe $950 on an old loan and it has to be settled today.\n\
    Me: What is the name of your company and your mailing address?\n\
    Collector: That's not important. Just pay now and this goes away.";
const ANSWER: &str = "Collector: You owe $950 on an old loan and it has to be settled today.\n\
    Me: What is the name of your company and your mailing address?\n\
    Collector: This is Dana with Ridgeline Recovery, our mailing address is PO Box 4410, \
    Dayton, Ohio, and I will mail you a validation notice.";

#[test]
fn dodging_the_company_name_is_a_red_flag_and_answering_is_not() {
    let dodge = classify(DODGE);
    let f = finding(&dodge, "en.turn.evasive_answer").expect("evasion fires");
    assert_eq!(f.source, Source::Turns);
    assert!(f.spans.iter().any(|s| s.turn == Some(2)), "{f:#?}");
    assert!(f.reference.as_deref().unwrap_or("").contains("1692"));
    // The Chinese turn rule cannot judge an English answer.
    assert!(!dodge.fired("zh.turn.evasive_answer"), "{dodge:#?}");
    let answer = classify(ANSWER);
    assert!(!answer.fired("en.turn.evasive_answer"), "{answer:#?}");
    assert!(dodge.scores.fraud > answer.scores.fraud);
}

#[test]
fn refusing_an_address_outright_makes_a_dodge_a_scam() {
    let v = classify(
        "Agent: You owe $950 on a loan and it must be paid today.\n\
         Me: Send me a validation notice in writing first.\n\
         Agent: We don't send letters. You pay on this call or it goes to the sheriff.",
    );
    assert!(v.fired("en.turn.evasive_answer"), "{v:#?}");
    assert!(v.fired("en.identity.refuses_details"), "{v:#?}");
    // Together they reach the scam threshold on the fraud axis.
    assert!(v.scores.fraud >= 6.0, "{v:#?}");
    assert!(v.risk >= 60, "{v:#?}");
}

// --- The debt itself ----------------------------------------------------------------------

#[test]
fn an_old_payday_loan_and_added_fees_are_red_flags() {
    let v = classify(
        "This is about an old payday loan you never repaid. You owe $500 plus processing fees of \
         $350, and this one-time offer is only good today.",
    );
    assert!(v.fired("en.identity.unknown_debt"), "{v:#?}");
    assert!(v.fired("en.identity.inflated_amount"), "{v:#?}");
    assert!(v.fired("en.identity.settle_today"), "{v:#?}");
    assert!(v.scores.fraud >= 4.0, "{v:#?}");
}

#[test]
fn settle_now_for_less_is_pressure_and_a_written_offer_is_not() {
    assert!(fired(
        "Your balance is $2,000. Settle today for only $400 and we close the file.",
        "en.identity.settle_today"
    ));
    assert!(!fired(
        "Your balance is $2,000. We can offer to settle for 60% if paid by June 30; the offer is in the letter we mailed.",
        "en.identity.settle_today"
    ));
}

// --- Third parties ------------------------------------------------------------------------

#[test]
fn telling_the_employer_or_family_is_abusive() {
    for text in [
        "Your credit card is 90 days past due. If you do not pay today we will call your boss \
         and tell him you owe us money.",
        "Your credit card is 90 days past due. We will contact your mother and your neighbors \
         about the money you owe.",
    ] {
        let v = classify(text);
        assert!(has_prefix(&v, "en.third_party."), "{text}: {v:#?}");
        assert!(
            matches!(v.label, Label::Abusive | Label::Scam),
            "{text}: {v:#?}"
        );
    }
}

#[test]
fn promising_not_to_contact_the_employer_is_not_abuse() {
    let v = classify(
        "Your credit card is 90 days past due. We will not contact your employer or your family \
         about this account.",
    );
    assert!(!has_prefix(&v, "en.third_party."), "{v:#?}");
    assert_ne!(v.label, Label::Abusive);
}

// --- Time ---------------------------------------------------------------------------------

#[test]
fn a_debt_text_at_night_is_flagged_and_the_same_text_by_day_is_not() {
    let c = Classifier::default();
    let text = "Your Pine State Bank card payment is 30 days past due. Please call us today.";
    let night = c.classify(&Message::new(text).with_sent_at(at("21:40")));
    let early = c.classify(&Message::new(text).with_sent_at(at("07:10")));
    let day = c.classify(&Message::new(text).with_sent_at(at("14:00")));
    let f = finding(&night, "en.context.night_contact").expect("night rule fires");
    assert_eq!(f.source, Source::Context);
    assert!(f.reference.as_deref().unwrap_or("").contains("1692c"));
    assert!(early.fired("en.context.night_contact"));
    assert!(!day.fired("en.context.night_contact"));
    assert!(night.scores.abuse > day.scores.abuse);
    // 21:40 is night under US rules but not under the Chinese 22:00 rule.
    assert!(!night.fired("zh.context.night_contact"));
}

#[test]
fn night_contact_the_consumer_asked_for_is_not_flagged() {
    let c = Classifier::default();
    let text = "Your card payment is 30 days past due. You asked us to call after 9, so we are \
                following up now.";
    let v = c.classify(&Message::new(text).with_sent_at(at("21:30")));
    assert!(!v.fired("en.context.night_contact"), "{v:#?}");
}

// --- Abuse --------------------------------------------------------------------------------

#[test]
fn obscene_language_is_abusive() {
    let v = classify(
        "You owe us $400 you stupid deadbeat. Pay your damn bill or we will keep calling you \
         every hour.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    let polite = classify("You owe us $400. Please pay your bill or call us to set up a plan.");
    assert_ne!(polite.label, Label::Abusive);
    assert!(polite.scores.abuse < v.scores.abuse);
}

// --- Debt relief --------------------------------------------------------------------------

#[test]
fn debt_relief_with_an_upfront_fee_and_press_1_is_a_scam() {
    let v = classify(
        "You qualify for our debt relief program! We can erase up to 70% of your credit card \
         debt and stop collector calls. A one-time enrollment fee of $399 is due today. Press 1 \
         to speak with a counselor.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief), "{v:#?}");
}

#[test]
fn credit_repair_for_a_fee_is_a_red_flag() {
    let v = classify(
        "We guarantee to remove late payments and collections from your credit report in 30 \
         days. Pay $199 upfront to get started.",
    );
    assert!(v.fired("en.relief.credit_repair"), "{v:#?}");
    assert!(v.scores.fraud >= 3.0, "{v:#?}");
}

// --- Negation, warnings, speakers ---------------------------------------------------------

#[test]
fn a_promise_never_to_ask_for_gift_cards_is_not_a_scam() {
    let demand = "Your loan is past due. Pay the balance with gift cards, wire transfer or crypto.";
    let promise = "Your loan is past due. We will never ask you to pay with gift cards, wire \
                   transfer or crypto; pay only at our website.";
    assert_eq!(classify(demand).label, Label::Scam);
    let v = classify(promise);
    assert_ne!(v.label, Label::Scam, "{v:#?}");
    assert!(!v.fired("en.combo.debt_paid_off_channel"), "{v:#?}");
    for rule in [
        "en.payment.gift_card",
        "en.payment.wire_transfer",
        "en.payment.crypto",
    ] {
        assert!(!fired(promise, rule), "{rule}");
    }
}

#[test]
fn a_negation_ends_at_the_sentence_but_not_at_a_decimal_point() {
    // The "never" of the first sentence does not reach the demand in the second.
    let v = classify(
        "Your loan is past due. We never call at night. Pay the balance with Google Play gift \
         cards today.",
    );
    assert!(v.fired("en.payment.gift_card"), "{v:#?}");
    // A decimal point is not a sentence end: the warning still covers the gift cards.
    let w = classify("Never pay a $12.50 fee or any debt with gift cards.");
    assert!(!w.fired("en.payment.gift_card"), "{w:#?}");
}

#[test]
fn a_comma_before_a_new_clause_ends_the_negation() {
    let v = classify(
        "Your loan is past due. Don't even think about ignoring us, you will be arrested today.",
    );
    assert!(v.fired("en.threat.arrest"), "{v:#?}");
}

#[test]
fn curly_apostrophes_read_like_straight_ones() {
    let straight = classify("Your loan is past due. We won't ask for gift cards or wires.");
    let curly = classify("Your loan is past due. We won\u{2019}t ask for gift cards or wires.");
    assert_eq!(straight.label, curly.label);
    assert_eq!(straight.scores, curly.scores);
    let text = "I can\u{2019}t give you our mailing address. Pay now.";
    let v = classify(text);
    let f = finding(&v, "en.identity.refuses_details").expect("fires with a curly apostrophe");
    assert_eq!(&text[f.spans[0].start..f.spans[0].end], f.spans[0].text);
    assert!(f.spans[0].text.contains('\u{2019}'));
}

#[test]
fn an_ftc_style_warning_is_not_collection() {
    let v = classify(
        "Consumer alert: how to spot a fake debt collector. Scammers may threaten to have you \
         arrested or demand payment by gift card or wire transfer. A real collector will send \
         you a written validation notice. If you get a call like this, hang up and report it at \
         ReportFraud.ftc.gov.",
    );
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
    assert_eq!(v.risk, 0);
}

#[test]
fn the_debtor_threatening_to_call_the_police_is_not_abuse_or_fraud() {
    let debtor = classify(
        "Collector: Hello, this is Harbor Recovery about your past due balance of $600.\n\
         Me: Stop calling me or I'll call the police and report you for harassment.",
    );
    assert!(
        !matches!(debtor.label, Label::Abusive | Label::Scam),
        "{debtor:#?}"
    );
    let collector = classify(
        "Collector: Your balance of $600 is past due. Pay today or we will call the police and \
         have you arrested.\nMe: I will pay on Friday.",
    );
    assert_eq!(collector.label, Label::Scam, "{collector:#?}");
}

#[test]
fn a_debtor_repeating_a_threat_weighs_less_than_the_collector_making_it() {
    let direct = classify(
        "Collector: Your balance of $600 is past due. We will call your boss and tell him you \
         owe us.\nMe: Okay.",
    );
    let mentioned = classify(
        "Collector: Your balance of $600 is past due. When can you pay?\n\
         Me: Are you going to call my boss and tell him I owe you?",
    );
    assert!(
        mentioned.scores.abuse < direct.scores.abuse,
        "{mentioned:#?}"
    );
    let f = mentioned
        .findings
        .iter()
        .find(|f| f.rule_id.starts_with("en.third_party."))
        .expect("the mention is still evidence");
    assert_eq!(f.evidence, Evidence::DebtorTurn);
    assert_eq!(f.spans[0].speaker, Some(Speaker::Debtor));
}

#[test]
fn reported_speech_weighs_less_than_direct_speech() {
    let direct = classify("Your loan is past due. We will call your boss and tell him you owe us.");
    let reported = classify(
        "My loan is past due and the collector said they would call my boss and tell him I owe \
         them.",
    );
    assert!(reported.scores.abuse < direct.scores.abuse, "{reported:#?}");
    assert!(
        reported
            .findings
            .iter()
            .any(|f| f.evidence == Evidence::Reported),
        "{reported:#?}"
    );
}

// --- Numbers and advice --------------------------------------------------------------------

#[test]
fn a_us_number_is_domestic_for_an_english_message_and_abroad_for_a_chinese_one() {
    let c = Classifier::default();
    let en = c.classify(
        &Message::new("Your account is past due. Call us at +1 415 555 0100.")
            .with_sender("+1 415 555 0100"),
    );
    assert!(!en.fired("sender.overseas"), "{en:#?}");
    assert!(!en.fired("number.callback_overseas"), "{en:#?}");
    let uk = c.classify(
        &Message::new("Your account is past due. Call us at +44 20 7946 0000.")
            .with_sender("+44 20 7946 0000"),
    );
    assert!(uk.fired("sender.overseas"), "{uk:#?}");
    assert!(uk.fired("number.callback_overseas"), "{uk:#?}");
    let zh = c.classify(
        &Message::new("您的网贷已逾期，请回电+1 415 555 0100处理。").with_sender("+1 415 555 0100"),
    );
    assert!(zh.fired("sender.overseas"), "{zh:#?}");
    assert!(zh.fired("number.callback_overseas"), "{zh:#?}");
}

#[test]
fn english_verdicts_give_us_advice() {
    let scam = classify(
        "Your loan is past due. Buy Google Play gift cards today and read me the numbers on the \
         back.",
    );
    assert_eq!(scam.label, Label::Scam);
    let ids: Vec<&str> = scam.advice.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"en_report_ftc"), "{ids:?}");
    assert!(!ids.contains(&"report_fraud_96110"), "{ids:?}");
    let abusive = classify(
        "You owe us $400 you stupid deadbeat. Pay your damn bill or we will keep calling you \
         every hour.",
    );
    let ids: Vec<&str> = abusive.advice.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"en_complain_cfpb"), "{ids:?}");
    assert!(!ids.contains(&"complain_12378"), "{ids:?}");
    // A rule of the Chinese pack that fires on English text too (a payment link) gives
    // its US counterpart, never the Chinese advice.
    let toll = classify(
        "Your account has an unpaid toll of $6.99. Pay within 24 hours to avoid a $50 late \
         fee: https://tolls-pay.top/pay",
    );
    assert!(toll.fired("zh.payment.url"), "{toll:#?}");
    let ids: Vec<&str> = toll.advice.iter().map(|a| a.id.as_str()).collect();
    assert!(ids.contains(&"en_do_not_click"), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("en_")), "{ids:?}");
    // A Chinese scam keeps the Chinese hotlines.
    let zh = classify("你的网贷逾期了，马上把钱转到我的个人账户。");
    assert!(
        zh.advice.iter().any(|a| a.id == "report_fraud_96110"),
        "{zh:#?}"
    );
}

#[test]
fn an_english_report_renders_in_english() {
    let text = "Your loan is past due. Buy Google Play gift cards today and read me the numbers.";
    let v = classify(text);
    let report = v.report(Lang::of_text(text)).to_string();
    assert!(report.starts_with("Verdict: scam"), "{report}");
    assert!(report.contains("Advice"), "{report}");
    assert!(report.contains("ReportFraud.ftc.gov"), "{report}");
    assert!(!report.contains("判定"), "{report}");
}

// --- Families added from the held-out development misses (own words throughout) ----------

#[test]
fn an_abbreviated_account_lock_with_a_look_alike_link_is_a_scam() {
    let v = classify(
        "Harbor Bank NOTICE: your overdue card acct is now suspended. Confirm your identity at \
         harbor-verify-pay.com/id before further action is taken.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert!(
        finding(&v, "en.phish.account_suspended").is_some(),
        "{v:#?}"
    );
    assert!(finding(&v, "en.phish.lookalike_domain").is_some(), "{v:#?}");
    // The bank's own message sends you to the number on your card, not to a link.
    let own = classify(
        "Harbor Bank: your card account is past due. Please call the number on the back of your \
         card to make a payment.",
    );
    assert_ne!(own.label, Label::Scam, "{own:#?}");
    assert!(finding(&own, "en.phish.lookalike_domain").is_none());
}

#[test]
fn a_plain_language_validation_notice_with_numeric_dates_is_legitimate() {
    let v = classify(
        "Tall Pines Credit Management is a debt collector. We are trying to collect a debt that \
         you owe to Orchard Card Services. As of 09/30/2025 you owed $742.18. Between then and \
         today you were charged $0 in fees. Write to us by 12/05/2025 to dispute all or part of \
         the debt. If you do not, we will assume our information is correct.",
    );
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
    assert!(
        finding(&v, "en.legit.collector_disclosure").is_some(),
        "{v:#?}"
    );
    assert!(
        finding(&v, "en.legit.validation_notice").is_some(),
        "{v:#?}"
    );
}

#[test]
fn a_debt_posted_on_social_media_is_abusive() {
    let v = classify(
        "Public post on your Facebook timeline from Crestview Auto Lending: Marco Diaz still owes \
         $2,040 on his car. Friends, please urge him to pay what he owes.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(finding(&v, "en.combo.debt_broadcast").is_some(), "{v:#?}");
    let birthday = classify(
        "Public post on your Facebook timeline from your cousin: happy birthday, see you Sunday!",
    );
    assert_eq!(birthday.label, Label::NotCollection, "{birthday:#?}");
}

#[test]
fn a_price_on_making_collectors_go_away_is_a_relief_scam() {
    let v = classify(
        "Tired of collectors? Our attorneys mail a cease-and-desist letter to all your creditors \
         and make your judgments disappear, everything for a flat $349. Text us today.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief), "{v:#?}");
    assert!(finding(&v, "en.combo.relief_priced").is_some(), "{v:#?}");
    // Free self-help advice names the same remedy without a price or a promise.
    let advice = classify(
        "You can ask a debt collector in writing to stop contacting you; it costs nothing. \
         Ignoring a lawsuit will not make it go away.",
    );
    assert_ne!(advice.label, Label::Scam, "{advice:#?}");
    assert!(
        finding(&advice, "en.relief.make_go_away").is_none(),
        "{advice:#?}"
    );
}

#[test]
fn a_night_time_stamp_in_the_text_counts_like_the_send_time() {
    let night = classify(
        "[Voicemail 10:37 PM] Hi Jordan, it's Kyle from Lakemont Recovery. Answer your phone, \
         we're going to keep calling all night until you pick up.",
    );
    assert_eq!(night.label, Label::Abusive, "{night:#?}");
    assert!(
        finding(&night, "en.combo.night_contact_in_text").is_some(),
        "{night:#?}"
    );
    let afternoon = classify(
        "[Voicemail 2:37 PM] Hi Jordan, it's Kyle from Lakemont Recovery. Please call me back \
         when you can.",
    );
    assert_ne!(afternoon.label, Label::Abusive, "{afternoon:#?}");
    assert!(finding(&afternoon, "en.combo.night_contact_in_text").is_none());
}

#[test]
fn a_hospital_financial_assistance_offer_is_not_relief_marketing() {
    let v = classify(
        "Second notice: your account with Maple Valley Hospital has an unpaid balance of $318.40 \
         for a visit on 06/11. If it is not paid or a plan set up within 30 days, the account may \
         be referred to a collection agency. Pay at maplevalleyhealth.org/pay or call Patient \
         Accounts. If you may qualify for financial assistance or have insurance questions, \
         please let us know.",
    );
    assert_eq!(v.label, Label::Legitimate, "{v:#?}");
    assert!(finding(&v, "en.relief.qualify").is_none(), "{v:#?}");
    assert!(
        finding(&v, "en.legit.financial_assistance").is_some(),
        "{v:#?}"
    );
    // The same words in a relief pitch still count as marketing.
    assert!(fired(
        "You may qualify for our debt relief plan, call today.",
        "en.relief.qualify"
    ));
}

#[test]
fn a_consolidation_offer_that_wants_an_ssn_and_a_deposit_is_a_scam() {
    let v = classify(
        "Thanks for asking about consolidating your card debt. To lock in your special hardship \
         rate, text us your Social Security number and send the $120 enrollment deposit via \
         Zelle today.",
    );
    assert_eq!(v.label, Label::Scam, "{v:#?}");
    assert_eq!(v.scheme, Some(Scheme::DebtRelief), "{v:#?}");
    assert!(finding(&v, "en.relief.teaser_rate").is_some(), "{v:#?}");
    assert!(finding(&v, "en.relief.upfront_fee").is_some(), "{v:#?}");
}

// --- Abuse that rarely restates the debt (dev set F mechanisms) --------------------------

#[test]
fn a_dawn_text_that_promises_more_calls_is_abusive() {
    let v = classify(
        "[Text received 5:40 AM] Lakeview Recovery: your store card balance of $612 must be \
         paid before noon. We will keep calling until somebody answers.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(
        finding(&v, "en.combo.night_contact_in_text").is_some(),
        "{v:#?}"
    );
    // The same text sent in the afternoon is a hard-nosed reminder, not night contact, by
    // the rules. (The learned model reads "must be paid before noon" from a recovery firm as
    // abusive and the combined verdict is abusive: a known disagreement, issue 10's note.)
    let day = classify_rules(
        "[Text received 2:40 PM] Lakeview Recovery: your store card balance of $612 must be \
         paid before noon.",
    );
    assert_ne!(day.label, Label::Abusive, "{day:#?}");
}

#[test]
fn calling_on_after_a_stop_letter_or_a_lawyer_is_abusive() {
    let v = classify(
        "Me: I mailed you a letter asking you to stop contacting me.\nAgent: Your letter doesn't \
         mean anything here. You owe the furniture store $540 and I'm going to keep calling.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    assert!(
        finding(&v, "en.combo.contact_after_stop").is_some(),
        "{v:#?}"
    );
    let lawful = classify(
        "Me: I mailed you a letter asking you to stop contacting me.\nAgent: Understood, we have \
         noted it and will only write to confirm. You owe the furniture store $540.",
    );
    assert_ne!(lawful.label, Label::Abusive, "{lawful:#?}");
}

#[test]
fn telling_a_relative_or_the_office_about_the_debt_is_abusive() {
    let v = classify(
        "Hi, is this Omar's uncle? This is Beth with Keystone Receivables. Your nephew Omar owes \
         $1,100 on his car loan and we're going to keep calling the whole family until he pays.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    let office = classify(
        "To: j.lee@northmill.com\nCc: payroll@northmill.com\nYour employee Jae Lee has a badly \
         delinquent card account with our client. We ask payroll's help in getting him to call \
         us about the $930 balance. - Westgate Receivables",
    );
    assert_eq!(office.label, Label::Abusive, "{office:#?}");
}

#[test]
fn fee_stacking_credit_threats_and_immigration_hints_are_abusive() {
    for text in [
        "Crestview Recovery: we are tacking on a $95 file handling fee to your account. Extra \
         fees will be added every day you wait.",
        "If the Visa account isn't paid I'll make sure your credit is wrecked. I'll report it as \
         fraud so no lender touches you again.",
        "Funny thing, my cousin works at immigration. Somebody who doesn't pay his store card \
         might get his papers checked. $400 by Monday.",
    ] {
        let v = classify(text);
        assert_eq!(v.label, Label::Abusive, "{text}\n{v:#?}");
    }
}

#[test]
fn news_and_forum_questions_about_collectors_are_not_collection() {
    for text in [
        "Quick question for anyone who knows: can a collector really have you arrested over a \
         store card? A caller said a warrant is coming and I'm panicking.",
        "The FTC sued a collection firm on Monday, alleging its callers told borrowers they \
         would be jailed unless they paid at once.",
        "Episode 58: a listener who owed $22K explains what to do when a collection letter \
         arrives.",
    ] {
        let v = classify(text);
        assert_eq!(v.label, Label::NotCollection, "{text}\n{v:#?}");
    }
}

// --- Debt-relief pitches in many registers ------------------------------------------------

#[test]
fn relief_pitches_that_charge_first_are_scams() {
    for text in [
        // fee before settlement, and the advice to stop paying the cards
        "Rep: We clear your cards for about a third of what you owe. Our fee comes first, \
         $1,800, then our negotiators start. Quit paying the cards so the banks deal with us.",
        // slang testimonial
        "ngl this guy got my whole 15k erased, he charges $400 up front but worth it. \
         text him 555-0101",
        // pseudo-legal theory with a retainer
        "The 609 loophole the banks don't want you to know: your balances can be discharged. \
         Retainer: $900.",
        // foreclosure rescue
        "Behind on the house? We stop foreclosure this week. Sign the deed over to our partner \
         and keep living there. First month's fee of $1,500 holds the sale.",
        // student-loan seller claiming government ties
        "Caller: We're partnered with the Department of Education and can start your \
         forgiveness today. There's a $399 document prep fee first.",
        // CPN
        "Fresh start! A new CPN and a 720+ score for $300. DM me.",
    ] {
        let v = classify(text);
        assert_eq!(v.label, Label::Scam, "{text}\n{v:#?}");
        assert_eq!(v.scheme, Some(Scheme::DebtRelief), "{text}\n{v:#?}");
    }
}

#[test]
fn a_creditors_free_hardship_plan_is_not_relief_selling() {
    let v = classify(
        "Hi Dana, this is Pine State Bank. As we discussed, your hardship plan lowers the card \
         payment to $60 a month for 12 months. There is no fee to enroll. Sign in to online \
         banking to accept, or call the number on the back of your card.",
    );
    assert_ne!(v.label, Label::Scam, "{v:#?}");
    assert!(v.scores.fraud < 3.0, "{v:#?}");
}

// --- Fake collectors: credentials, courts that phone, files sent to the judge -------------

#[test]
fn fake_collectors_in_new_wordings_are_scams() {
    for text in [
        // bank credentials to "stop" a suit
        "Your installment loan is in default and was forwarded for litigation. To stop it, \
         sign in with your online banking credentials at loan-settle-desk.net within 12hrs.",
        // a "court" on the phone taking app payments
        "Caller: This is the debt arbitration court. Your hearing is scheduled for this \
         afternoon on a defaulted payday loan. You can avoid appearing by settling now. \
         Do you have Venmo?",
        // sheriff notice with an arrest and a balance
        "Sheriff Dept notice: deputies are coming to have you picked up tonight unless the \
         balance of $640 on your cash advance is cleared.",
        // wire to a named person, the file goes to the judge
        "Last chance before legal. Wire $300 today to the account below or your file goes to \
         the judge Friday. Routing 021000021, beneficiary R. Diaz.",
    ] {
        let v = classify(text);
        assert_eq!(v.label, Label::Scam, "{text}\n{v:#?}");
    }
}

#[test]
fn asking_for_the_full_ssn_in_a_list_is_data_harvesting() {
    assert!(fired(
        "pls text me ur address, full social and DOB so we can verify",
        "en.payment.ssn"
    ));
    assert!(!fired(
        "We will never ask for your full Social Security number by text.",
        "en.payment.ssn"
    ));
}

// --- Lawful creditors and collectors in everyday wording ---------------------------------

#[test]
fn everyday_creditor_reminders_and_careful_collectors_are_legitimate() {
    for text in [
        // a utility with its own channels and assistance programs
        "NORTH VALLEY GAS - past due $141.20. Service may be shut off after May 9 if the \
         past-due amount is not paid or an arrangement made. Pay at nvgas.com/pay, in the app, \
         or at any authorized pay location. Ask about budget billing or energy assistance.",
        // a student-loan servicer that says its programs are free
        "Your student loan payment of $180 was due 03/01 and has not been received; the account \
         is 20 days delinquent. Log in to your servicer account to pay or to look at deferment \
         and income-driven repayment. These programs are free, and you never have to pay \
         anyone to enroll.",
        // a collector that puts a settlement in writing first
        "Hi Lee, this is Ana with Ridgeway Credit Co. As discussed, your settlement on the Maple \
         card account is $520. We're mailing the written agreement today and won't process \
         anything until you've had it a week. Reply STOP to opt out.",
        // a collector that honours a do-not-call-at-work request
        "Rep: This is Jo with Fairline Services, we're a debt collector calling about the \
         Lakeside Clinic account.\nConsumer: I can't talk at work.\nRep: Understood, I'm \
         putting a note on the account not to call your workplace. Is there a better number to \
         reach you? I'll send a letter with the balance so you have it in writing.",
        // a deceased debtor's relative treated lawfully (by the rules; see below)
        "Caller: I'm sorry for your loss. I'm with Northbay Recovery about her account. Are you \
         handling her estate?\nCustomer: No, my aunt is.\nCaller: Then you're not personally \
         responsible for her debts; we'll deal with the executor.",
    ] {
        // The rules alone: legitimate. Combined, never a false alarm; legitimate too but
        // for two texts on the edge of the model's abusive gate: the estate call (a known
        // disagreement, issue 10's note) and the do-not-call-at-work call, whose model
        // abusive weight (p ≈ 0.24) crosses the legitimate verdict's abuse limit of 2 or
        // not as the combiner's fit moves between retrainings (1.4 before the fifteenth
        // session's retraining, 2.9 after; 2.7 with the thirteenth session's one-byte
        // weights).
        let v = classify_rules(text);
        assert_eq!(v.label, Label::Legitimate, "{text}\n{v:#?}");
        let combined = classify(text);
        assert!(
            !matches!(combined.label, Label::Abusive | Label::Scam),
            "{text}\n{combined:#?}"
        );
        if !text.starts_with("Caller: I'm sorry") && !text.starts_with("Rep: This is Jo") {
            assert_eq!(combined.label, Label::Legitimate, "{text}");
        }
    }
}

#[test]
fn a_name_and_company_answers_the_identity_question() {
    let v = classify(
        "Me: who are you with again?\nAgent: Priya, with Westbrook Account Recovery. This is an \
         attempt to collect a debt by a debt collector, and the validation notice goes out today.",
    );
    assert!(finding(&v, "en.turn.evasive_answer").is_none(), "{v:#?}");
}

#[test]
fn a_card_issuers_own_hardship_program_is_not_a_relief_pitch() {
    let v = classify(
        "Subject: your hardship program, card ending 1182\nHi Mo, thanks for calling about your \
         reduced hours. You qualify for our 12-month hardship program: a lower APR and a fixed \
         payment of $95 a month. No fee to enroll, and late fees are waived while you stay on \
         plan. Sign in to your online account or call the number on the back of your card.",
    );
    assert!(finding(&v, "en.combo.relief_bundle").is_none(), "{v:#?}");
    assert!(finding(&v, "en.relief.qualify").is_none(), "{v:#?}");
    assert_ne!(v.label, Label::Scam, "{v:#?}");
    // A third party selling the same program for a fee is still relief selling.
    let pitch = classify(
        "You qualify for our national hardship program! We erase up to 60% of your card debt. \
         Small $395 enrollment fee to start.",
    );
    assert_eq!(pitch.label, Label::Scam, "{pitch:#?}");
}

#[test]
fn texting_slang_threats_to_tell_family_and_boss_are_abusive() {
    let v = classify("pay the store card or i'm telling ur mom and ur boss what a bum u are");
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
    let fees = classify(
        "We're slapping a $60 processing charge on your account for every week you ignore us.",
    );
    // The added-fee rule names the abuse; since the wave-5 model (2026-12-03) the learned
    // model reads "processing charge" as an upfront-fee scam (as the relief rule does) and
    // the verdict is `scam`. Either warns the reader; the abuse finding must be there.
    assert!(finding(&fees, "en.abuse.added_fees").is_some(), "{fees:#?}");
    assert!(
        matches!(fees.label, Label::Abusive | Label::Scam),
        "{fees:#?}"
    );
    // The same slang without a threat or an insult is not abuse.
    let calm = classify("hey can u tell ur mom the store card payment went through? thx");
    assert_ne!(calm.label, Label::Abusive, "{calm:#?}");
}

// --- How collectors name the debt (dev set I) ---------------------------------------------

#[test]
fn a_named_card_with_a_church_disclosure_is_abusive() {
    let v = classify(
        "Mr. Dunmore, I spoke with your pastor's office about the Larkfield store card balance. \
         Maybe your church friends can talk some sense into you.",
    );
    assert_eq!(v.label, Label::Abusive, "{v:#?}");
}

#[test]
fn a_friends_iou_is_not_a_named_creditor_debt() {
    let text = "lol you owe me $15 for the movie tickets, pay me back whenever";
    let v = classify(text);
    assert_eq!(v.label, Label::NotCollection, "{v:#?}");
    assert!(!fired(text, "en.topic.owe_named_party"), "{v:#?}");
}
