//! Properties that must hold for any input.

use collectguard::{Classifier, Message, normalize};
use proptest::prelude::*;

fn classifier() -> &'static Classifier {
    static C: std::sync::LazyLock<Classifier> = std::sync::LazyLock::new(Classifier::default);
    &C
}

/// The rules alone: the monotonicity properties below are about the rules' mechanisms
/// (negation scopes, transcript roles); a learned model's n-gram weights are not monotone
/// in added words and are measured, not asserted, there.
fn rules() -> &'static Classifier {
    static C: std::sync::LazyLock<Classifier> =
        std::sync::LazyLock::new(|| Classifier::builder().without_model().build().unwrap());
    &C
}

/// Text built from pieces that exercise the normalizer: Han (Simplified and Traditional),
/// full-width forms, separators, invisible characters, emoji, pinyin glosses and keywords.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("逾期".to_string()),
        Just("轉帳".to_string()),
        Just("个人账户".to_string()),
        Just("加 V 信".to_string()),
        Just("ＶＸ".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{FE0F}".to_string()),
        Just("😀".to_string()),
        Just("(dǎo)".to_string()),
        Just("（".to_string()),
        Just("請勿".to_string()),
        Just(" - ".to_string()),
        Just("\r\n".to_string()),
        Just("\u{0}".to_string()),
        Just("İ".to_string()),
        Just("ﬁ".to_string()),
        Just("㈱".to_string()),
        // transcript pieces: labels, line and sentence ends, turn separators
        Just("\nMe: ".to_string()),
        Just("催收员：".to_string()),
        Just("我:".to_string()),
        Just("Agent:".to_string()),
        Just("A：".to_string()),
        Just("。".to_string()),
        Just(".".to_string()),
        Just("?\n".to_string()),
        Just("…".to_string()),
        Just(" / ".to_string()),
        Just("Which company is this for?".to_string()),
        Just("你们是哪个平台的？".to_string()),
        "\\PC{0,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Normalizing a normalized text changes nothing, but for two readings of layout that
/// depend on the text around them: a line break judged a soft wrap once the lines around it
/// were joined or folded (its line is now wider: `vx` became `微信`), which may then leave a
/// separator between Han characters to remove; and a character reference that a decoded
/// `&amp;` formed (`&amp;#65292;` is `&#65292;` once and `，` twice: one level per pass, as
/// a browser shows it). Everything but line breaks and separators is the same, and a text
/// without a line break or an `&` comes back exactly.
fn assert_idempotent(text: &str) -> Result<(), TestCaseError> {
    let once = normalize(text);
    let twice = normalize(once.as_str());
    if once.as_str().contains('&') {
        return Ok(());
    }
    if !once.as_str().contains('\n') {
        prop_assert_eq!(once.as_str(), twice.as_str());
        return Ok(());
    }
    let visible = |s: &str| {
        s.chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\n' | ' ' | '-' | '_' | '.' | '*' | '~' | '^' | '`' | '='
                )
            })
            .collect::<String>()
    };
    prop_assert_eq!(visible(once.as_str()), visible(twice.as_str()));
    prop_assert!(twice.as_str().len() <= once.as_str().len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_unicode(text in any::<String>(), sender in proptest::option::of(any::<String>())) {
        let mut message = Message::new(text);
        message.sender = sender;
        let v = classifier().classify(&message);
        prop_assert!(v.risk <= 100);
    }

    #[test]
    fn never_panics_on_tricky_text(text in tricky_text()) {
        let v = classifier().classify_text(&text);
        prop_assert!(v.risk <= 100);
    }

    #[test]
    fn bytes_api_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = classifier().classify_bytes(&bytes);
    }

    #[test]
    fn spans_lie_inside_the_original_on_char_boundaries(text in tricky_text()) {
        let v = classifier().classify_text(&text);
        for finding in &v.findings {
            for span in &finding.spans {
                prop_assert!(span.start < span.end, "empty span in {}", finding.rule_id);
                prop_assert!(span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start));
                prop_assert!(text.is_char_boundary(span.end));
                prop_assert_eq!(&text[span.start..span.end], span.text.as_str());
            }
        }
    }

    #[test]
    fn normalization_is_idempotent(text in tricky_text()) {
        assert_idempotent(&text)?;
    }

    #[test]
    fn normalization_is_idempotent_on_any_string(text in any::<String>()) {
        assert_idempotent(&text)?;
    }

    #[test]
    fn original_ranges_are_monotone_and_in_bounds(text in tricky_text()) {
        let n = normalize(&text);
        let mut last_end = 0;
        for (i, c) in n.as_str().char_indices() {
            let r = n.original_range(i..i + c.len_utf8());
            prop_assert!(r.start <= r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.end >= last_end || r.start < last_end);
            last_end = r.end;
        }
    }
}

/// Variants of a positive example: Traditional, full-width, zero-width-injected, spaced
/// out, cut into short lines and written with HTML character references must get the same
/// label as the plain form.
#[test]
fn variants_of_positive_examples_keep_their_label() {
    let cases = [
        (
            "你的网贷已经逾期30天，马上转账到我的个人账户，否则通知你全家。",
            "你的網貸已經逾期30天，馬上轉賬到我的個人賬戶，否則通知你全家。",
        ),
        (
            "您的借款已逾期，请加VX: abc123 转账还款。",
            "您的借款已逾期，請加薇信: abc123 轉帳還款。",
        ),
        (
            "停息挂账，成功上岸，先交服务费999元。",
            "停息掛賬，成功上岸，先交服務費999元。",
        ),
    ];
    let c = classifier();
    for (plain, traditional) in cases {
        let expected = c.classify_text(plain).label;
        let full_width: String = plain
            .chars()
            .map(|ch| match ch {
                '!'..='~' => char::from_u32(ch as u32 + 0xFEE0).unwrap(),
                _ => ch,
            })
            .collect();
        let zero_width: String = plain.chars().flat_map(|ch| [ch, '\u{200B}']).collect();
        // Evasion spacing goes between Han characters ("加 微 信").
        let spaced: String = plain
            .chars()
            .flat_map(|ch| {
                let han = ('\u{4E00}'..='\u{9FFF}').contains(&ch);
                [Some(ch), han.then_some(' ')]
            })
            .flatten()
            .collect();
        // Read off a screenshot: cut every nine characters (a phone's line), wherever that
        // falls.
        let chars: Vec<char> = plain.chars().collect();
        let wrapped = chars
            .chunks(9)
            .map(|line| line.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        // Exported from a web page: punctuation and digits as HTML character references.
        let referenced: String = plain
            .chars()
            .map(|ch| match ch {
                '，' | '。' | ':' => format!("&#{};", ch as u32),
                '0'..='9' => format!("&#x{:X};", ch as u32),
                ' ' => "&nbsp;".to_string(),
                _ => ch.to_string(),
            })
            .collect();
        for variant in [
            traditional.to_string(),
            full_width,
            zero_width,
            spaced,
            wrapped,
            referenced,
        ] {
            assert_eq!(
                c.classify_text(&variant).label,
                expected,
                "variant {variant:?} of {plain:?}"
            );
        }
    }
}

/// Positive examples (plain texts) of scored text rules on `axis`: real red flags.
fn red_flags(axis: collectguard::Axis) -> Vec<String> {
    let mut flags: Vec<String> = classifier()
        .rules()
        .filter(|r| r.axis() == axis && r.weight().is_some_and(|w| w > 0.0))
        .filter(|r| !r.is_composite() && !r.is_sender_rule())
        .flat_map(|r| r.examples().iter())
        .filter_map(|e| match e {
            collectguard::Example::Text(t) if !t.contains('\n') => Some(t.clone()),
            _ => None,
        })
        .collect();
    flags.sort();
    flags.dedup();
    flags
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Adding a warning cue in the red flag's own language right before it never raises the
    /// rules' fraud score. (A Han cue before an English-only flag would also switch on the Chinese
    /// pack, which is not what this property is about.)
    #[test]
    fn a_negation_cue_never_raises_fraud(
        index in any::<prop::sample::Index>(),
        cue in any::<prop::sample::Index>(),
        prefix in prop::sample::select(vec!["", "您的借款已逾期。", "温馨提示:", "你好,"]),
    ) {
        let flags = red_flags(collectguard::Axis::Fraud);
        let flag = index.get(&flags);
        let has_han = flag.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let cues: &[&str] = if has_han {
            &["请勿", "切勿", "谨防", "警惕", "我司不会"]
        } else {
            &["never ", "do not ", "we will never ", "beware of "]
        };
        let cue = cue.get(cues);
        let plain = rules().classify_text(&format!("{prefix}{flag}"));
        let negated = rules().classify_text(&format!("{prefix}{cue}{flag}"));
        prop_assert!(
            negated.scores.fraud <= plain.scores.fraud + 1e-4,
            "{cue}{flag}: {} > {}", negated.scores.fraud, plain.scores.fraud
        );
    }

    /// Renaming the speaker of one turn from collector to debtor never raises the rules' abuse
    /// score.
    #[test]
    fn a_collector_turn_renamed_to_debtor_never_raises_abuse(
        turns in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 1..5),
        renamed in any::<prop::sample::Index>(),
    ) {
        let flags = red_flags(collectguard::Axis::Abuse);
        let lines: Vec<(bool, &String)> =
            turns.iter().map(|(i, collector)| (*collector, i.get(&flags))).collect();
        let render = |rename: Option<usize>| {
            lines
                .iter()
                .enumerate()
                .map(|(n, (collector, text))| {
                    let label = if *collector && rename != Some(n) { "催收员" } else { "我" };
                    format!("{label}:{text}")
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let n = renamed.index(lines.len());
        let before = rules().classify_text(&render(None));
        let after = rules().classify_text(&render(Some(n)));
        prop_assert!(
            after.scores.abuse <= before.scores.abuse + 1e-4,
            "{} > {}\n{}", after.scores.abuse, before.scores.abuse, render(Some(n))
        );
    }
}
