//! Numbers in a normalized text: plain ones with inner separators and masked ones
//! (`138****5678`, `尾号****`).

use std::ops::Range;

/// The longest masked number read (a card number of 19 digits with spaces is 23 bytes).
const MAX_MASKED_NUMBER_BYTES: usize = 32;

/// End of a number with masked digits starting at `start`: digits, `*` and `x` with
/// single inner spaces or dashes, at least one of them a mask, at least four in all, and
/// either a digit among them or only asterisks (three or more: `尾号****`); masks come in
/// runs of two or more (a lone `x` or `*` is "times": `2 x 500`, `5*3`); a whole token,
/// neither continuing nor continued by a letter or digit. `x` alone never masks (kisses),
/// nor anything inside a word ("0x1f", "xbox"). At most [`MAX_MASKED_NUMBER_BYTES`] long:
/// the scan stops there, so that a long run that is no masked number (`* * * …`, `xx xx
/// …`), tried again at each of its tokens, costs a bounded amount per token.
#[inline]
pub(super) fn masked_number_end(bytes: &[u8], start: usize, steps: &mut u64) -> Option<usize> {
    let is_unit = |b: u8| b.is_ascii_digit() || b == b'*' || b == b'x';
    if !bytes.get(start).is_some_and(|&b| is_unit(b))
        || (start > 0 && bytes[start - 1].is_ascii_alphanumeric())
    {
        return None;
    }
    let (mut digits, mut stars, mut exes) = (0usize, 0usize, 0usize);
    let mut end = start;
    let mut i = start;
    // The length of the current run of one mask character, and whether a run was short.
    let (mut run, mut lone) = (0usize, false);
    while i < bytes.len() {
        if i - start >= MAX_MASKED_NUMBER_BYTES {
            return None;
        }
        *steps += 1;
        let b = bytes[i];
        if is_unit(b) {
            match b {
                b'*' => stars += 1,
                b'x' => exes += 1,
                _ => digits += 1,
            }
            run = if b != b'*' && b != b'x' {
                0
            } else if i > start && bytes[i - 1] == b {
                run + 1
            } else {
                1
            };
            if run == 1 && bytes.get(i + 1).is_none_or(|&n| n != b) {
                lone = true;
            }
            i += 1;
            end = i;
        } else if matches!(b, b' ' | b'-') && bytes.get(i + 1).is_some_and(|&n| is_unit(n)) {
            i += 1;
        } else {
            break;
        }
    }
    let masks = stars + exes;
    let whole = !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
    let masked =
        masks >= 1 && !lone && digits + masks >= 4 && (digits >= 1 || (exes == 0 && stars >= 3));
    (whole && masked).then_some(end)
}

/// End of a number starting at `start`: digits with single inner separators
/// (`6222 0212 3456`, `3,260.50`, `138-1234-5678`, `22:15`).
#[inline]
pub(super) fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    let mut i = start;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            i += 1;
            end = i;
        } else if matches!(bytes[i], b' ' | b'-' | b',' | b'.' | b':' | b'/')
            && i > start
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// The shape class of the number `raw` (its digits and separators) found at `range` of
/// `text`: a time, an amount by size, a count of days, a clock time or a date, a phone
/// number by class, a hotline, an SMS port, a card or id number, or a plain number by
/// length — never the digits themselves.
pub(super) fn number_class(text: &str, range: Range<usize>, raw: &str) -> &'static str {
    // The count of digits and the first three (every class below looks at no more of
    // them): no string is built for a number. An ASCII digit is one byte in UTF-8.
    let mut n = 0;
    let mut first = [0u8; 3];
    for digit in raw.bytes().filter(u8::is_ascii_digit) {
        if let Some(slot) = first.get_mut(n) {
            *slot = digit;
        }
        n += 1;
    }
    let digits = Prefix(&first[..n.min(first.len())]);
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    if raw.contains(':') && n <= 4 {
        "time"
    } else if matches!(before, Some('¥' | '$' | '£' | '€' | '₹' | '₦' | '₱'))
        || matches!(after, Some('元' | '块' | '万' | '千' | 'k'))
        || (raw.contains('.') && raw.rsplit('.').next().is_some_and(|d| d.len() == 2) && n >= 3)
        || (raw.contains(',') && n >= 4)
    {
        match n {
            0..=3 => "amount_small",
            4..=5 => "amount_mid",
            _ => "amount_large",
        }
    } else if matches!(
        after,
        Some('天' | '日' | '号' | '月' | '年' | '时' | '点' | '小' | '分')
    ) {
        match after {
            Some('天') => "count_days",
            Some('点' | '时' | '小' | '分') => "clock",
            _ => "date",
        }
    } else if raw.matches(['-', '/', '.']).count() == 2 && (6..=8).contains(&n) {
        "date"
    } else if n == 11 && digits.starts_with("1") {
        if ["170", "171", "162", "165", "167"]
            .iter()
            .any(|p| digits.starts_with(p))
        {
            "phone_virtual"
        } else {
            "phone_mobile"
        }
    } else if (n == 13 || n == 15) && digits.starts_with("86") {
        "phone_mobile"
    } else if n == 5 && (digits.starts_with("95") || digits.starts_with("96")) {
        "hotline_95"
    } else if n == 10 && (digits.starts_with("400") || digits.starts_with("800")) {
        "hotline_400"
    } else if digits.starts_with("106") && n >= 8 {
        "sms_port"
    } else if (15..=19).contains(&n) {
        "card_number"
    } else if n == 18 || (n == 17 && raw.ends_with(['x', 'X'])) {
        "id_number"
    } else if n == 6 {
        "six_digits"
    } else if n == 4 {
        "four_digits"
    } else {
        match n {
            1..=2 => "number_short",
            3 => "number_3",
            5 => "number_5",
            7..=10 => "number_long",
            _ => "number_very_long",
        }
    }
}

/// The first digits of a number, asked whether they start with a prefix of at most as many.
struct Prefix<'a>(&'a [u8]);

impl Prefix<'_> {
    fn starts_with(&self, prefix: &str) -> bool {
        debug_assert!(prefix.len() <= 3, "only the first three digits are kept");
        self.0.starts_with(prefix.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_numbers_are_whole_tokens_of_digits_and_runs_of_masks() {
        // Masked numbers: whole tokens with a run of masks among digits, or asterisks.
        let masked = |s: &str, at: usize| masked_number_end(s.as_bytes(), at, &mut 0);
        assert_eq!(masked("call 138****5678 now", 5), Some(16));
        assert_eq!(masked("138xxxx5678", 0), Some(11));
        assert_eq!(masked("6222 **** **** 1234.", 0), Some(19));
        assert_eq!(masked("尾号****的卡", "尾号".len()), Some("尾号****".len()));
        for (text, at) in [
            ("13812345678", 0), // no mask: an ordinary number
            ("2 x 500", 0),     // times
            ("5*3=15", 0),
            ("xxx love you", 0), // kisses
            ("xbox", 0),
            ("0x1f", 0),
            ("ab12**34", 2), // inside a word
            ("1**", 0),      // too short
            // Longer than any number: not read as one (and the scan stops early).
            ("1234 **** **** **** **** **** **** 5678", 0),
        ] {
            assert_eq!(masked(text, at), None, "{text}");
        }
    }
}
