//! Who a text speaks as and to: counts of first-person words ("I", "my", 我), words that
//! address the reader ("you", 你, 您) and words about third parties ("they", "collectors",
//! 他们, 催收员). A message to a debtor addresses them; an account of one's own debts, a
//! forum post or a comment on a rule speaks of "I" and "they"; a news item or an explainer
//! addresses no one. The `account` context condition fires on the second shape, the
//! `unaddressed` one on the third (thresholds and word lists are data in
//! `rules/context.toml`).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::rules::{AccountDef, UnaddressedDef};

/// Whose voice a listed word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Person {
    /// The writer: "I", "my", 我.
    First,
    /// The reader addressed: "you", 你, 您.
    Second,
    /// Third parties written about: "they", "collectors", 他们.
    Others,
    /// Listed only so that a longer word is not counted as a shorter one: 我们, 我司 (the
    /// collector speaking as a firm) are not "I".
    Neither,
}

/// How many words of each voice a text has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct VoiceCounts {
    pub first: usize,
    pub second: usize,
    pub others: usize,
    /// Characters of the text (Han characters counted separately below).
    pub chars: usize,
    pub han_chars: usize,
}

/// The compiled `account` condition: a text long enough, with at least `narrative` words
/// of the writer or about third parties (`first` of them the writer's, `min_others` about
/// others), and at most one word addressing the reader for every `ratio` of those. The
/// `unaddressed` condition is the same with no narrative words and no word for the reader.
#[derive(Clone, Debug)]
pub(crate) struct AccountCondition {
    min_chars: usize,
    min_han_chars: usize,
    narrative: usize,
    first: usize,
    min_others: usize,
    ratio: usize,
    /// Lowercase ASCII words (matched as whole words).
    words: HashMap<String, Person>,
    /// The longest of `words` in bytes, and a bit per first letter: most words of a text
    /// are none of them and are passed over without hashing.
    longest_word: usize,
    first_letters: u64,
    /// Only second-person words are listed: the first one decides (the unaddressed
    /// condition), so counting stops there.
    second_only: bool,
    /// Han (or other non-ASCII) words, leftmost-longest, and their voices.
    han: Option<AhoCorasick>,
    han_person: Vec<Person>,
}

impl AccountCondition {
    /// Compiles the condition; the error says which list or word is wrong.
    pub(crate) fn new(def: &AccountDef) -> Result<AccountCondition, String> {
        if def.ratio == 0 || def.narrative == 0 {
            return Err("account: `narrative` and `ratio` must be at least 1".into());
        }
        let mut words = HashMap::new();
        let mut han_words = Vec::new();
        let mut han_person = Vec::new();
        for (list, person, name) in [
            (&def.first_person, Person::First, "first_person"),
            (&def.second_person, Person::Second, "second_person"),
            (&def.others, Person::Others, "others"),
            (&def.neither, Person::Neither, "neither"),
        ] {
            for word in list {
                if word.is_empty() {
                    return Err(format!("account: an empty word in `{name}`"));
                }
                if word.is_ascii() {
                    if !word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'')
                    {
                        return Err(format!(
                            "account: {word:?} in `{name}` must be one lowercase word"
                        ));
                    }
                    if words.insert(word.clone(), person).is_some() {
                        return Err(format!("account: {word:?} is listed twice"));
                    }
                } else {
                    if han_words.contains(word) {
                        return Err(format!("account: {word:?} is listed twice"));
                    }
                    han_words.push(word.clone());
                    han_person.push(person);
                }
            }
        }
        let han = if han_words.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&han_words)
                    .map_err(|e| format!("account: {e}"))?,
            )
        };
        let longest_word = words.keys().map(String::len).max().unwrap_or(0);
        let first_letters = words
            .keys()
            .fold(0u64, |mask, w| mask | letter_bit(w.as_bytes()[0]));
        let second_only = words
            .values()
            .chain(&han_person)
            .all(|p| *p == Person::Second);
        Ok(AccountCondition {
            longest_word,
            first_letters,
            second_only,
            min_chars: def.chars,
            min_han_chars: def.han_chars,
            narrative: def.narrative,
            first: def.first,
            min_others: def.min_others,
            ratio: def.ratio,
            words,
            han,
            han_person,
        })
    }

    /// The `unaddressed` condition: a text long enough with no word addressing the reader
    /// (an account condition that needs no narrative words and allows no second person).
    pub(crate) fn unaddressed(def: &UnaddressedDef) -> Result<AccountCondition, String> {
        let mut condition = AccountCondition::new(&AccountDef {
            chars: def.chars,
            han_chars: def.han_chars,
            narrative: 1,
            first: 0,
            min_others: 0,
            ratio: 1,
            first_person: Vec::new(),
            second_person: def.second_person.clone(),
            others: Vec::new(),
            neither: Vec::new(),
        })
        .map_err(|e| e.replacen("account:", "unaddressed:", 1))?;
        condition.narrative = 0;
        Ok(condition)
    }

    /// Counts the voices of a normalized text (lowercase ASCII, Simplified Han). One pass
    /// over the bytes and one automaton pass: linear in the text.
    #[cfg(test)]
    fn count(&self, text: &str) -> VoiceCounts {
        let mut counts = self.count_words(text, false);
        counts.chars = text.chars().count();
        counts.han_chars = crate::verdict::han_count(text);
        counts
    }

    /// The word counts only; with `stop_at_second`, counting ends at the first word that
    /// addresses the reader when only such words are listed.
    fn count_words(&self, text: &str, stop_at_second: bool) -> VoiceCounts {
        let stop = stop_at_second && self.second_only;
        let mut counts = VoiceCounts::default();
        let mut add = |person: Person| {
            match person {
                Person::First => counts.first += 1,
                Person::Second => counts.second += 1,
                Person::Others => counts.others += 1,
                Person::Neither => {}
            }
            stop && person == Person::Second
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if is_word_byte(bytes[i]) {
                let start = i;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                let word = text[start..i].trim_matches('\'');
                let candidate = !word.is_empty()
                    && word.len() <= self.longest_word
                    && self.first_letters & letter_bit(word.as_bytes()[0]) != 0;
                if candidate {
                    if let Some(&person) = self.words.get(word) {
                        if add(person) {
                            return counts;
                        }
                    }
                }
            } else {
                i += 1;
            }
        }
        if let Some(han) = &self.han {
            for m in han.find_iter(text) {
                if add(self.han_person[m.pattern().as_usize()]) {
                    return counts;
                }
            }
        }
        counts
    }

    /// Whether the text is long enough: characters first, Han characters only when that
    /// is not enough.
    fn long_enough(&self, text: &str) -> bool {
        text.chars().count() >= self.min_chars
            || (self.min_han_chars > 0 && crate::verdict::han_count(text) >= self.min_han_chars)
    }

    /// The voice part of the condition: enough words of the writer and about others, few
    /// enough addressing the reader.
    fn voices_hold(&self, counts: &VoiceCounts) -> bool {
        let narrative = counts.first + counts.others;
        narrative >= self.narrative
            && counts.first >= self.first
            && counts.others >= self.min_others
            && counts.second.saturating_mul(self.ratio) <= narrative
    }

    /// Whether the condition holds for a normalized text; a text too short
    /// in bytes to reach either length minimum is not counted at all (most messages).
    pub(crate) fn holds(&self, text: &str) -> bool {
        // A character takes at least one byte, a Han character three.
        let reachable = text.len() >= self.min_chars
            || (self.min_han_chars > 0 && text.len() >= self.min_han_chars.saturating_mul(3));
        if !reachable || !self.long_enough(text) {
            return false;
        }
        self.voices_hold(&self.count_words(text, true))
    }
}

/// A bit for the first byte of a word (letters and digits share the 64 bits).
fn letter_bit(b: u8) -> u64 {
    1 << (b % 64)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\''
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition() -> AccountCondition {
        let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect();
        AccountCondition::new(&AccountDef {
            chars: 40,
            han_chars: 20,
            narrative: 3,
            first: 1,
            min_others: 0,
            ratio: 4,
            first_person: list(&["i", "my", "me", "我"]),
            second_person: list(&["you", "your", "你", "您"]),
            others: list(&["they", "collectors", "他们"]),
            neither: list(&["我们", "我司"]),
        })
        .expect("valid lists")
    }

    #[test]
    fn counts_whole_words_and_the_longest_han_word() {
        let c = condition();
        let counts = c.count("my collector said i'd pay; they myself you'll");
        assert_eq!((counts.first, counts.second, counts.others), (1, 0, 1));
        let counts = c.count("我们公司通知你，我司已受理，我说他们");
        assert_eq!((counts.first, counts.second, counts.others), (1, 1, 1));
    }

    #[test]
    fn an_account_speaks_of_i_and_they_a_message_addresses_you() {
        let c = condition();
        assert!(
            c.holds("i fell behind on my card and they called me at work every day for a month")
        );
        assert!(!c.holds(
            "i am calling about your card: you are behind and you must pay me your balance today"
        ));
        assert!(!c.holds("i owe them; my bad")); // too short
        // About a debtor to their contacts: no first-person word.
        assert!(!c.holds("they say collectors and they and they will come, they and they"));
        assert!(c.holds("我网贷逾期了，他们天天给我打电话，还打给我的家人和同事，我该怎么办呢"));
        assert!(!c.holds("我们是某某公司，你的欠款已经逾期，请你今天之内还款，否则我们将上门"));
    }

    #[test]
    fn an_unaddressed_text_has_no_word_for_the_reader() {
        let c = AccountCondition::unaddressed(&UnaddressedDef {
            chars: 40,
            han_chars: 20,
            second_person: vec!["you".into(), "your".into(), "你".into(), "您".into()],
        })
        .expect("valid list");
        assert!(c.holds("household debt rose again and more accounts went to collection agencies"));
        assert!(!c.holds("household debt rose again and your account went to a collection agency"));
        assert!(!c.holds("debt rose")); // too short
        assert!(c.holds("近年来网络借贷逾期问题受到关注，部分平台将逾期账户委托给第三方机构处理"));
        assert!(!c.holds("近年来网络借贷逾期问题受到关注，您的账户已被委托给第三方机构处理"));
        let err = AccountCondition::unaddressed(&UnaddressedDef {
            chars: 1,
            han_chars: 0,
            second_person: vec!["You".into()],
        })
        .unwrap_err();
        assert!(
            err.starts_with("unaddressed:") && err.contains("\"You\""),
            "{err}"
        );
    }

    #[test]
    fn bad_lists_are_errors_that_name_the_word() {
        let def = |first: &[&str]| AccountDef {
            chars: 1,
            han_chars: 0,
            narrative: 1,
            first: 0,
            min_others: 0,
            ratio: 1,
            first_person: first.iter().map(|w| w.to_string()).collect(),
            second_person: Vec::new(),
            others: Vec::new(),
            neither: Vec::new(),
        };
        let err = AccountCondition::new(&def(&["I"])).unwrap_err();
        assert!(err.contains("\"I\""), "{err}");
        let err = AccountCondition::new(&def(&["me", "me"])).unwrap_err();
        assert!(err.contains("twice"), "{err}");
        assert!(AccountCondition::new(&def(&[""])).is_err());
        assert!(
            AccountCondition::new(&AccountDef {
                ratio: 0,
                ..def(&["i"])
            })
            .is_err()
        );
    }
}
