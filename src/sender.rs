//! Sender numbers: one canonical form for every common notation, matched against the
//! number classes of `rules/numbers.toml` (virtual ranges, overseas origin, 955xx …).
//!
//! A sender is evidence, never proof: caller ID can be spoofed, and real lenders use 106
//! ports, 95 call centres and ordinary mobiles too.

use unicode_normalization::UnicodeNormalization;

/// The canonical form of a sender number, or `None` when the sender is not a number (an
/// SMS sender id such as `中国银行`).
///
/// Domestic numbers are written as national digits (`+86`, `0086` and `86` before an
/// 11-digit mobile are removed); numbers from abroad keep a leading `+` and their country
/// code. Spaces, dashes, dots, brackets and full-width digits are accepted.
///
/// ```
/// use collectguard::canonical_sender;
/// assert_eq!(canonical_sender("+86 171-2345-6789").as_deref(), Some("17123456789"));
/// assert_eq!(canonical_sender("0086 13812345678").as_deref(), Some("13812345678"));
/// assert_eq!(canonical_sender("＋９５ ５８８ １２３").as_deref(), Some("+95588123"));
/// assert_eq!(canonical_sender("00852 6123 4567").as_deref(), Some("+85261234567"));
/// assert_eq!(canonical_sender("(010) 95580").as_deref(), Some("01095580"));
/// assert_eq!(canonical_sender("中国银行"), None);
/// ```
pub fn canonical_sender(sender: &str) -> Option<String> {
    let mut plus = false;
    let mut digits = String::new();
    for c in sender.nfkc() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{00A0}' | '\t' => {}
            _ => return None,
        }
    }
    if digits.len() < 3 || digits.len() > 20 {
        return None;
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(rest) if rest.starts_with("86") => Some(rest[2..].to_string()),
        Some(rest) if !rest.is_empty() => Some(format!("+{rest}")),
        Some(_) => None,
        None if digits.len() == 13 && digits.starts_with("861") => Some(digits[2..].to_string()),
        None => Some(digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notations() {
        assert_eq!(
            canonical_sender("8617012345678").as_deref(),
            Some("17012345678")
        );
        assert_eq!(canonical_sender("95588").as_deref(), Some("95588"));
        assert_eq!(
            canonical_sender("1069 0095 533").as_deref(),
            Some("10690095533")
        );
        assert_eq!(
            canonical_sender("+1 (415) 555-0100").as_deref(),
            Some("+14155550100")
        );
        assert_eq!(canonical_sender("+"), None);
        assert_eq!(canonical_sender("12"), None);
        assert_eq!(canonical_sender("ICBC"), None);
        assert_eq!(canonical_sender(""), None);
    }
}
