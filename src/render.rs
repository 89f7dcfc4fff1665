//! Human-readable reports of a verdict, in Chinese or English.

use std::fmt::{self, Write};

use unicode_segmentation::UnicodeSegmentation;

use crate::verdict::{Axis, Evidence, Label, Lang, Scheme, Span, Speaker, Verdict};

/// The longest snippet shown per span, in grapheme clusters.
const SNIPPET_GRAPHEMES: usize = 40;

/// A [`Verdict`] rendered for people: label and risk first, then each finding with its
/// points, its evidence and its reason, then the advice.
///
/// ```
/// use collectguard::{Classifier, Lang};
///
/// let v = Classifier::default().classify_text("欠款逾期了，加我微信转账给我个人，今天必须还清。");
/// let zh = v.report(Lang::Zh).to_string();
/// assert!(zh.starts_with("判定："));
/// let en = v.report(Lang::En).to_string();
/// assert!(en.starts_with("Verdict: "));
/// assert!(en.contains("Advice"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    verdict: &'a Verdict,
    lang: Lang,
}

impl Verdict {
    /// A human-readable report in `lang`.
    pub fn report(&self, lang: Lang) -> Report<'_> {
        Report {
            verdict: self,
            lang,
        }
    }
}

fn label_name(label: Label, lang: Lang) -> &'static str {
    match (label, lang) {
        (Label::Legitimate, Lang::Zh) => "正规催收",
        (Label::Unverified, Lang::Zh) => "催收信息，无法确认真伪",
        (Label::Abusive, Lang::Zh) => "违规催收",
        (Label::Scam, Lang::Zh) => "诈骗",
        (Label::NotCollection, Lang::Zh) => "不是催收信息",
        (Label::Legitimate, Lang::En) => "legitimate collection",
        (Label::Unverified, Lang::En) => "collection, unverified",
        (Label::Abusive, Lang::En) => "abusive collection",
        (Label::Scam, Lang::En) => "scam",
        (Label::NotCollection, Lang::En) => "not a collection message",
    }
}

fn scheme_name(scheme: Scheme, lang: Lang) -> &'static str {
    match (scheme, lang) {
        (Scheme::FakeCollector, Lang::Zh) => "冒充催收",
        (Scheme::DebtRelief, Lang::Zh) => "债务优化/停催骗局",
        (Scheme::Impersonation, Lang::Zh) => "冒充公检法或机构",
        (Scheme::Phishing, Lang::Zh) => "钓鱼链接/骗取验证码",
        (Scheme::Other, Lang::Zh) => "其他诈骗",
        (Scheme::FakeCollector, Lang::En) => "fake collector",
        (Scheme::DebtRelief, Lang::En) => "debt-relief scam",
        (Scheme::Impersonation, Lang::En) => "impersonation",
        (Scheme::Phishing, Lang::En) => "phishing",
        (Scheme::Other, Lang::En) => "other fraud",
    }
}

fn axis_name(axis: Axis, lang: Lang) -> &'static str {
    match (axis, lang) {
        (Axis::Collection, Lang::Zh) => "催收",
        (Axis::Fraud, Lang::Zh) => "诈骗",
        (Axis::Abuse, Lang::Zh) => "违规",
        (Axis::Legit, Lang::Zh) => "正规",
        (Axis::Collection, Lang::En) => "collection",
        (Axis::Fraud, Lang::En) => "fraud",
        (Axis::Abuse, Lang::En) => "abuse",
        (Axis::Legit, Lang::En) => "legit",
        (Axis::Warning, Lang::Zh) => "提示",
        (Axis::Warning, Lang::En) => "warning",
    }
}

/// " (turn 3, collector)" for spans in a transcript.
fn turn_note(span: &Span, lang: Lang) -> String {
    let Some(turn) = span.turn else {
        return String::new();
    };
    let speaker = match (span.speaker, lang) {
        (Some(Speaker::Collector), Lang::Zh) => "，催收方",
        (Some(Speaker::Debtor), Lang::Zh) => "，借款人",
        (Some(Speaker::Collector), Lang::En) => ", collector",
        (Some(Speaker::Debtor), Lang::En) => ", debtor",
        (None, _) => "",
    };
    match lang {
        Lang::Zh => format!("（第{}轮{speaker}）", turn + 1),
        Lang::En => format!(" (turn {}{speaker})", turn + 1),
    }
}

/// Shortens `text` to at most [`SNIPPET_GRAPHEMES`] grapheme clusters, on one line.
fn snippet(text: &str) -> String {
    let mut out = String::new();
    for (n, g) in text.graphemes(true).enumerate() {
        if n == SNIPPET_GRAPHEMES {
            out.push('…');
            break;
        }
        if g.chars().any(char::is_control) {
            out.push(' ');
        } else {
            out.push_str(g);
        }
    }
    out
}

fn points(weight: f32) -> String {
    let mut s = String::new();
    if weight.fract() == 0.0 {
        let _ = write!(s, "{weight:+.0}");
    } else {
        let _ = write!(s, "{weight:+.1}");
    }
    s
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.verdict;
        let lang = self.lang;
        let zh = lang == Lang::Zh;
        let label = label_name(v.label, lang);
        match (v.scheme, zh) {
            (Some(s), true) => writeln!(
                f,
                "判定：{label}（{}）  风险 {}/100",
                scheme_name(s, lang),
                v.risk
            )?,
            (Some(s), false) => writeln!(
                f,
                "Verdict: {label} ({})  risk {}/100",
                scheme_name(s, lang),
                v.risk
            )?,
            (None, true) => writeln!(f, "判定：{label}  风险 {}/100", v.risk)?,
            (None, false) => writeln!(f, "Verdict: {label}  risk {}/100", v.risk)?,
        }
        let s = &v.scores;
        writeln!(
            f,
            "{} {} {:.1} · {} {:.1} · {} {:.1} · {} {:.1}{}",
            if zh { "得分：" } else { "Scores:" },
            axis_name(Axis::Collection, lang),
            s.collection,
            axis_name(Axis::Fraud, lang),
            s.fraud,
            axis_name(Axis::Abuse, lang),
            s.abuse,
            axis_name(Axis::Legit, lang),
            s.legit,
            if s.warning > 0.0 {
                format!(" · {} {:.1}", axis_name(Axis::Warning, lang), s.warning)
            } else {
                String::new()
            }
        )?;
        if v.rests_on_model_alone() {
            writeln!(
                f,
                "{}",
                if zh {
                    "注意：这一判定只来自统计模型，没有规则找到证据；模型在很短的文字上也可能很有把握地出错，请自行核实。"
                } else {
                    "Note: this verdict rests on the learned model alone (no rule found evidence); on a text of a few words it can be sure and wrong. Check it yourself."
                }
            )?;
        }
        if v.is_risky_outside_collection() {
            writeln!(
                f,
                "{}",
                if zh {
                    "注意：按我们的判断这不是催收信息，但其中有诈骗或威胁的迹象，请先看下面的发现再决定怎么做。"
                } else {
                    "Note: not a debt-collection message as we read it, but it carries signs of fraud or threats: read the findings below before you act on it."
                }
            )?;
        }
        if v.findings.is_empty() {
            writeln!(
                f,
                "{}",
                if zh {
                    "\n没有规则命中。"
                } else {
                    "\nNo rule fired."
                }
            )?;
        } else {
            writeln!(
                f,
                "\n{} ({}):",
                if zh { "发现" } else { "Findings" },
                v.findings.len()
            )?;
            for finding in &v.findings {
                writeln!(
                    f,
                    "  {:>4} [{}] {}  ({})",
                    points(finding.weight),
                    axis_name(finding.axis, lang),
                    finding.title.get(lang),
                    finding.rule_id
                )?;
                if let Some(sender) = &finding.sender {
                    writeln!(
                        f,
                        "       {} {}",
                        if zh { "发送方：" } else { "sender:" },
                        snippet(sender)
                    )?;
                }
                for span in finding.spans.iter().take(3) {
                    writeln!(
                        f,
                        "       「{}」 @{}..{}{}",
                        snippet(&span.text),
                        span.start,
                        span.end,
                        turn_note(span, lang)
                    )?;
                }
                if finding.spans.len() > 3 {
                    writeln!(
                        f,
                        "       {}",
                        if zh {
                            format!("……另有{}处", finding.spans.len() - 3)
                        } else {
                            format!("… and {} more", finding.spans.len() - 3)
                        }
                    )?;
                }
                match (finding.evidence, zh) {
                    (Evidence::Direct, _) => {}
                    (Evidence::DebtorTurn, true) => {
                        writeln!(f, "       （出自借款人一方的话，作为旁证按较低分值计）")?
                    }
                    (Evidence::DebtorTurn, false) => writeln!(
                        f,
                        "       (mentioned by the debtor: evidence about the collector, at reduced weight)"
                    )?,
                    (Evidence::Reported, true) => {
                        writeln!(f, "       （转述的话，作为旁证按较低分值计）")?
                    }
                    (Evidence::Reported, false) => {
                        writeln!(f, "       (reported speech: evidence at reduced weight)")?
                    }
                }
                writeln!(f, "       {}", finding.reason.get(lang))?;
                if let Some(reference) = &finding.reference {
                    writeln!(
                        f,
                        "       {} {reference}",
                        if zh { "依据：" } else { "Reference:" }
                    )?;
                }
            }
        }
        if !v.advice.is_empty() {
            writeln!(f, "\n{}:", if zh { "建议" } else { "Advice" })?;
            for (n, advice) in v.advice.iter().enumerate() {
                writeln!(f, "  {}. {}", n + 1, advice.text.get(lang))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_that_rests_on_the_model_alone_says_so() {
        let classifier = crate::Classifier::default();
        let mut v = classifier.classify_text(
            "【催收中心】你已严重逾期，今天必须把欠款转到个人账户6222000011112222。",
        );
        for lang in [Lang::Zh, Lang::En] {
            let report = v.report(lang).to_string();
            assert!(!report.contains("这一判定只来自统计模型") && !report.contains("model alone"));
        }
        for finding in &mut v.findings {
            finding.source = crate::Source::Model;
        }
        assert!(
            v.report(Lang::Zh)
                .to_string()
                .contains("这一判定只来自统计模型")
        );
        assert!(
            v.report(Lang::En)
                .to_string()
                .contains("rests on the learned model alone")
        );
        // A finding of the rules with no points (a context note) leaves it resting on the model.
        let mut note = v.findings[0].clone();
        note.rule_id = "context.unaddressed_text".into();
        note.source = crate::Source::Text;
        note.weight = 0.0;
        v.findings.push(note);
        assert!(v.rests_on_model_alone());
    }

    #[test]
    fn a_risky_text_outside_collection_gets_a_note_and_a_harmless_one_does_not() {
        let classifier = crate::Classifier::default();
        let note = "signs of fraud or threats";
        let threat = classifier.classify_text("Transfer the 500 tonight or you go to jail.");
        assert_eq!(threat.label, Label::NotCollection);
        assert!(threat.report(Lang::En).to_string().contains(note));
        assert!(
            threat
                .report(Lang::Zh)
                .to_string()
                .contains("诈骗或威胁的迹象")
        );
        let chat = classifier.classify_text("See you at the game tonight.");
        assert!(!chat.report(Lang::En).to_string().contains(note));
        // The same red flags in a scam verdict need no note: the label says it.
        let scam = classifier.classify_text(
            "【催收中心】你已严重逾期，今天必须把欠款转到个人账户6222000011112222。",
        );
        assert_eq!(scam.label, Label::Scam);
        assert!(
            !scam
                .report(Lang::Zh)
                .to_string()
                .contains("诈骗或威胁的迹象")
        );
        // Below the risk line, no note.
        let mut low = threat.clone();
        low.risk = crate::RISKY_OUTSIDE_COLLECTION - 1;
        assert!(!low.report(Lang::En).to_string().contains(note));
    }

    #[test]
    fn snippets_are_short_and_single_line() {
        let long = "字".repeat(100);
        assert_eq!(snippet(&long).chars().count(), SNIPPET_GRAPHEMES + 1);
        assert_eq!(snippet("a\nb"), "a b");
        assert_eq!(points(4.0), "+4");
        assert_eq!(points(-1.5), "-1.5");
    }
}
