//! From what the engine found to a verdict: the rules' findings and axis totals, the
//! learned model's findings through its combiner, then the label, scheme, risk and advice.

use crate::classifier::Classifier;
use crate::decision::AxisTotals;
use crate::engine::Evaluation;
use crate::message::Message;
use crate::verdict::{
    Advice, Axis, Evidence, Finding, Label, RISKY_OUTSIDE_COLLECTION, SCHEMA_VERSION, Scheme,
    Source, Span, Verdict, widen_to_words,
};
use crate::work::WorkCounts;

impl Classifier {
    /// The rules' axis totals for a message (no model), for fitting the combiner.
    pub(crate) fn rule_totals(&self, message: &Message) -> AxisTotals {
        let evaluation = self.engine.evaluate(message);
        self.rule_findings(message, &evaluation).0
    }

    /// The rules' findings, their axis totals and the rules' scheme votes.
    fn rule_findings(
        &self,
        message: &Message,
        evaluation: &Evaluation,
    ) -> (AxisTotals, Vec<Finding>, Vec<(Scheme, f32)>) {
        let engine = &*self.engine;
        let mut totals = AxisTotals {
            latin: !evaluation.han,
            ..AxisTotals::default()
        };
        // Every fired rule may make a finding, and the model adds a few: one allocation.
        let fired = evaluation.fired.iter().filter(|&&f| f).count();
        let mut findings = Vec::with_capacity(fired + MODEL_FINDINGS_AT_MOST);
        let mut scheme_votes: Vec<(Scheme, f32)> = Vec::new();
        for (i, rule) in engine.rules.iter().enumerate() {
            let Some(weight) = rule.weight else { continue };
            if !evaluation.fired[i] {
                continue;
            }
            let weight = weight * evaluation.strength[i];
            totals.scores.add(rule.axis, weight);
            if rule.needs_witness && rule.axis == Axis::Collection {
                totals.tactic_topic += weight;
            }
            if rule.firm && rule.axis == Axis::Fraud {
                totals.firm_fraud += weight;
            }
            if rule.axis == Axis::Fraud && evaluation.evidence[i] == Evidence::Direct {
                totals.direct_fraud += weight;
            }
            if weight > 0.0
                && matches!(
                    rule.scheme,
                    Some(Scheme::DebtRelief | Scheme::FakeCollector)
                )
            {
                totals.debt_scheme = true;
            }
            if let (Some(scheme), Axis::Fraud) = (rule.scheme, rule.axis) {
                match scheme_votes.iter_mut().find(|(s, _)| *s == scheme) {
                    Some((_, total)) => *total += weight,
                    None => scheme_votes.push((scheme, weight)),
                }
            }
            let source = rule.source;
            let spans = evaluation
                .spans
                .of(i)
                .iter()
                .map(|hit| {
                    let original = widen_to_words(
                        &message.text,
                        evaluation.normalized.original_range(hit.range.clone()),
                        32,
                    );
                    Span {
                        text: message.text[original.clone()].to_string(),
                        start: original.start,
                        end: original.end,
                        turn: hit.turn,
                        speaker: hit.turn.and_then(|t| evaluation.turns[t].speaker),
                    }
                })
                .collect();
            findings.push(Finding {
                rule_id: rule.id.clone(),
                axis: rule.axis,
                weight,
                evidence: evaluation.evidence[i],
                source,
                spans,
                sender: if source == Source::Sender {
                    message.sender.clone()
                } else {
                    None
                },
                title: rule.title.clone(),
                reason: rule.reason.clone(),
                reference: rule.reference.clone(),
            });
        }
        let t = &engine.settings.thresholds;
        // A public warning or news text describes scams in the third person: it is not a
        // message to the reader unless it also makes a concrete demand of them. A demand
        // only reported ("他让我扫码", "they told me to send gift cards") or said in the
        // debtor's turn was made of the writer, not of the reader: it defeats nothing.
        totals.warning_defeated = engine
            .warning_defeaters
            .iter()
            .any(|&r| evaluation.fired[r] && evaluation.strength[r] >= 1.0);
        totals.settle_warning(t);
        totals.pays_elsewhere = engine.elsewhere_rules.iter().any(|&r| evaluation.fired[r]);
        totals.pays_own_channel = engine
            .own_channel_rules
            .iter()
            .any(|&r| evaluation.fired[r]);
        totals.document = engine.document_rules.iter().any(|&r| evaluation.fired[r]);
        totals.account = engine.account_rules.iter().any(|&r| evaluation.fired[r]);
        totals.unaddressed = engine
            .unaddressed_rules
            .iter()
            .any(|&r| evaluation.fired[r]);
        (totals, findings, scheme_votes)
    }

    /// The model's findings for a message (none without a model), added to `totals`.
    fn model_findings(
        &self,
        message: &Message,
        evaluation: &Evaluation,
        totals: &mut AxisTotals,
        scheme_votes: &mut Vec<(Scheme, f32)>,
        work: &mut WorkCounts,
    ) -> Vec<Finding> {
        let Some(model) = &self.model else {
            return Vec::new();
        };
        totals.model_consulted = true;
        let (model_normalized, turns) = self.model_normalized(message, evaluation);
        let normalized = model_normalized.as_ref();
        let thresholds = &self.engine.settings.thresholds;
        let text = model_view(normalized.as_str(), &turns);
        // The features' working memory is kept per thread (no allocation per message);
        // what a very long text grew is given back.
        thread_local! {
            static SCRATCH: std::cell::RefCell<crate::model::Scratch> =
                std::cell::RefCell::new(crate::model::Scratch::default());
        }
        let (prediction, found) = SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let out = crate::model::explained(model, &text, totals, thresholds, &mut scratch);
            work.feature_steps += scratch.workspace.steps;
            scratch.shrink_if_large();
            out
        });
        let mut model_scheme = None;
        let findings = found
            .into_iter()
            .map(|(finding, ranges)| {
                totals.add_model(finding.axis, finding.weight);
                if finding.axis == Axis::Fraud && model_scheme.is_none() {
                    model_scheme = finding
                        .classes
                        .iter()
                        .max_by(|a, b| {
                            prediction
                                .probability(**a)
                                .total_cmp(&prediction.probability(**b))
                        })
                        .and_then(|c| c.scheme());
                }
                let spans = ranges
                    .into_iter()
                    .map(|range| {
                        // Turns are in text order: the last one starting at or before the span.
                        let turn = turns
                            .partition_point(|t| t.range.start <= range.start)
                            .checked_sub(1)
                            .filter(|&t| turns[t].range.contains(&range.start));
                        let original = normalized.original_range(range);
                        Span {
                            text: message.text[original.clone()].to_string(),
                            start: original.start,
                            end: original.end,
                            turn,
                            speaker: turn.and_then(|t| turns[t].speaker),
                        }
                    })
                    .collect();
                let (title, reason) = model.describe(&finding);
                Finding {
                    rule_id: finding.rule_id.to_string(),
                    axis: finding.axis,
                    weight: finding.weight,
                    evidence: Evidence::Direct,
                    source: Source::Model,
                    spans,
                    sender: None,
                    title,
                    reason,
                    reference: None,
                }
            })
            .collect();
        // A rule names a scheme from what it saw; the model only from what the text
        // resembles, so its scheme counts only when no rule names one.
        if let (Some(scheme), true) = (model_scheme, scheme_votes.is_empty()) {
            scheme_votes.push((scheme, 0.0));
        }
        // `model.benign` weighs on the warning axis: a text it demotes is a public warning.
        totals.settle_warning(thresholds);
        findings
    }

    pub(crate) fn verdict(&self, message: &Message, evaluation: &Evaluation) -> Verdict {
        self.verdict_counting(message, evaluation, &mut WorkCounts::default())
    }

    /// [`verdict`](Self::verdict), counting the model's feature work into `work`.
    pub(crate) fn verdict_counting(
        &self,
        message: &Message,
        evaluation: &Evaluation,
        work: &mut WorkCounts,
    ) -> Verdict {
        let engine = &*self.engine;
        let (mut totals, mut findings, mut scheme_votes) = self.rule_findings(message, evaluation);
        findings.extend(self.model_findings(
            message,
            evaluation,
            &mut totals,
            &mut scheme_votes,
            work,
        ));
        findings.sort_by(|a, b| {
            b.weight
                .abs()
                .total_cmp(&a.weight.abs())
                .then_with(|| a.rule_id.cmp(&b.rule_id))
        });
        let t = &engine.settings.thresholds;
        let scores = totals.scores;
        let effective_fraud = totals.effective_fraud(t);
        let about_debt = scores.collection >= t.collection;
        let public_warning = totals.public_warning;
        let label = totals.label(t);
        let scheme = (label == Label::Scam).then(|| {
            scheme_votes
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(s, _)| *s)
                .unwrap_or(if about_debt {
                    engine.settings.scheme.collection
                } else {
                    engine.settings.scheme.otherwise
                })
        });
        let risk = if public_warning {
            0
        } else {
            risk(effective_fraud.max(scores.abuse), engine.settings.risk.half)
        };

        let debt_advice =
            about_debt || matches!(scheme, Some(Scheme::FakeCollector | Scheme::DebtRelief));
        let mut advice_ids: Vec<&str> = Vec::new();
        // Label-level advice follows the message's home region: Chinese hotlines for
        // Chinese text, the CFPB and the FTC for English text.
        let label_ids = engine
            .settings
            .label_advice(label, scheme, evaluation.home)
            .iter();
        // The red flags' own advice comes with every collection verdict but a lawful one,
        // and with a text that is no collection message yet risky by its red flags (a
        // phishing text about a fine or a card, no debt named: risk 50 or more, the risk
        // curve's half); never with a public warning or a document that only quotes them.
        let flags_advise = match label {
            Label::Scam | Label::Abusive | Label::Unverified => true,
            Label::NotCollection => {
                risk >= RISKY_OUTSIDE_COLLECTION && !totals.public_warning && !totals.document
            }
            Label::Legitimate => false,
        };
        let finding_ids = findings
            .iter()
            .filter(|f| {
                flags_advise && f.weight > 0.0 && matches!(f.axis, Axis::Fraud | Axis::Abuse)
            })
            .filter_map(|f| engine.index.get(&f.rule_id))
            .flat_map(|&i| engine.rules[i].advice.iter())
            // A Chinese rule's advice on an English text (a link rule fires on both) names
            // Chinese hotlines: its US counterpart stands in, and vice versa.
            .filter_map(|id| engine.settings.advice_in(id, evaluation.home));
        for id in label_ids.map(String::as_str).chain(finding_ids) {
            // "Check the debt with your lender" is no advice for a text about a parcel.
            if !debt_advice && engine.settings.advice_is_debt_only(id) {
                continue;
            }
            if !advice_ids.contains(&id) {
                advice_ids.push(id);
            }
        }
        let advice = advice_ids
            .into_iter()
            .filter_map(|id| {
                engine.settings.advice_text(id).map(|text| Advice {
                    id: id.to_string(),
                    text,
                })
            })
            .collect();

        Verdict {
            schema_version: SCHEMA_VERSION,
            label,
            scheme,
            risk,
            scores,
            findings,
            advice,
        }
    }
}

impl Classifier {
    /// The normalized text the learned model reads and the turns that index it: the rules'
    /// own, unless a fold for the rules only (written Cantonese) changed the message — then
    /// the message normalized again without those folds, as the model was trained. A
    /// transcript's turns are found again in that text and take the rules' speakers turn by
    /// turn; should the two not line up (a fold inside a label), the rules' view is kept.
    pub(crate) fn model_normalized<'a>(
        &self,
        message: &Message,
        evaluation: &'a Evaluation,
    ) -> (
        std::borrow::Cow<'a, crate::Normalized>,
        std::borrow::Cow<'a, [crate::transcript::Turn]>,
    ) {
        use std::borrow::Cow;
        let rules_view = || {
            (
                Cow::Borrowed(&evaluation.normalized),
                Cow::Borrowed(evaluation.turns.as_slice()),
            )
        };
        if !evaluation.normalized.rules_only_folded() {
            return rules_view();
        }
        let normalized = self.engine.normalizer().normalize_for_model(&message.text);
        if evaluation.turns.is_empty() {
            return (Cow::Owned(normalized), Cow::Borrowed(&[]));
        }
        let mut turns = self.engine.turns(normalized.as_str());
        let lined_up = turns.len() == evaluation.turns.len()
            && turns
                .iter()
                .zip(&evaluation.turns)
                .all(|(a, b)| a.label == b.label);
        if !lined_up {
            return rules_view();
        }
        for (turn, rules_turn) in turns.iter_mut().zip(&evaluation.turns) {
            turn.speaker = rules_turn.speaker;
        }
        (Cow::Owned(normalized), Cow::Owned(turns))
    }
}

/// The normalized text with the debtor's turns blanked byte for byte with line breaks
/// (which normalization keeps, so the view is its own normal form, and every position
/// still indexes the normalized text); borrowed when there is no debtor turn.
pub(crate) fn model_view<'a>(
    normalized: &'a str,
    turns: &[crate::transcript::Turn],
) -> std::borrow::Cow<'a, str> {
    let debtor = |t: &crate::transcript::Turn| t.speaker == Some(crate::verdict::Speaker::Debtor);
    if !turns.iter().any(debtor) {
        return std::borrow::Cow::Borrowed(normalized);
    }
    let mut bytes = normalized.as_bytes().to_vec();
    for turn in turns.iter().filter(|t| debtor(t)) {
        if let Some(range) = bytes.get_mut(turn.range.clone()) {
            range.fill(b'\n');
        }
    }
    // Turn ranges lie on character boundaries; should one not, read the text unmasked.
    match String::from_utf8(bytes) {
        Ok(masked) => std::borrow::Cow::Owned(masked),
        Err(_) => std::borrow::Cow::Borrowed(normalized),
    }
}

/// Room kept in a verdict's findings for the model's (one per axis it weighs on, and a
/// promotion or demotion).
const MODEL_FINDINGS_AT_MOST: usize = 6;

/// `100 × s / (s + half)`, rounded; 0 for s ≤ 0.
fn risk(score: f32, half: f32) -> u8 {
    if score.is_nan() || score <= 0.0 {
        return 0;
    }
    (100.0 * score / (score + half)).round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use crate::Classifier;
    use crate::verdict::{Source, widen_to_words};

    #[test]
    fn a_verdicts_spans_are_whole_words_and_a_model_findings_do_not_overlap() {
        let text = "FINAL NOTICE: your account with QuickCash is 45 days overdue. Pay the \
                    paymentlink today via gift cards or face an arrestwarrant.";
        let verdict = Classifier::default().classify_text(text);
        let word = |at: usize| {
            text.as_bytes()
                .get(at)
                .is_some_and(u8::is_ascii_alphanumeric)
        };
        for finding in &verdict.findings {
            for span in &finding.spans {
                assert_eq!(&text[span.start..span.end], span.text);
                assert!(
                    !(span.start > 0 && word(span.start - 1) && word(span.start)),
                    "{span:?}"
                );
                assert!(!(word(span.end - 1) && word(span.end)), "{span:?}");
            }
            if finding.source == Source::Model {
                for pair in finding.spans.windows(2) {
                    assert!(pair[0].end <= pair[1].start, "{:?}", finding.spans);
                }
            }
        }
    }

    #[test]
    fn spans_inside_a_latin_word_widen_to_the_word_and_no_further() {
        let whole_words = |text: &str, range| widen_to_words(text, range, 32);
        let text = "your account with QuickCash is overdue, 逾期还款";
        let cut = text.find("Q").unwrap() + 1;
        // Ends inside "QuickCash": the whole name.
        assert_eq!(
            &text[whole_words(text, 0..cut)],
            "your account with QuickCash"
        );
        // Starts and ends inside words: both widened.
        let a = text.find("ccount").unwrap();
        assert_eq!(&text[whole_words(text, a..a + 3)], "account");
        // On word boundaries, or in Han text: unchanged.
        let b = text.find("is").unwrap();
        assert_eq!(whole_words(text, b..b + 2), b..b + 2);
        let c = text.find("逾期").unwrap();
        assert_eq!(whole_words(text, c..c + 6), c..c + 6);
        // Empty, out-of-range and edge ranges are returned as they are or stay inside.
        assert_eq!(whole_words(text, 3..3), 3..3);
        assert_eq!(whole_words(text, 0..text.len() + 1), 0..text.len() + 1);
        assert_eq!(whole_words("abc", 1..2), 0..3);
        // At most 32 bytes each way.
        let long = "x".repeat(100);
        assert_eq!(whole_words(&long, 50..51), 18..83);
    }
}
