//! HTML character references (`&#65292;`, `&#x4E0D;`, `&nbsp;`, `&amp;`) read as the
//! character they stand for.
//!
//! Messages exported from web pages, e-mail and chat archives keep them: an audit file where
//! every comma is `&#65292;` and every space `&nbsp;` hides the words the rules look for and
//! splits the model's n-grams. Only well-formed references are read — a terminating `;`, a
//! code point that is a Unicode scalar value, or one of the common names below — so a bare
//! `&` (`T&Cs`, `Q&A`, `AT&T`) stays as it is.

/// The named references read, with their characters: the markup escapes, the spaces and the
/// punctuation and currency signs that exported messages carry.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("middot", '·'),
    ("bull", '•'),
    ("yen", '¥'),
    ("pound", '£'),
    ("euro", '€'),
    ("cent", '¢'),
];

/// The longest reference read, in bytes (`&#x10FFFF;`, `&thinsp;`, `&#1114111;`).
const LONGEST: usize = 10;

/// The character reference at the start of `rest` (which starts with `&`): the character it
/// stands for and the reference's length in bytes, or `None` when `rest` starts with no
/// well-formed reference.
pub(super) fn character_reference(rest: &str) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    let window = &bytes[..bytes.len().min(LONGEST)];
    let semi = window.iter().position(|&b| b == b';')?;
    let body = &rest[1..semi];
    let len = semi + 1;
    if let Some(number) = body.strip_prefix('#') {
        let code = if let Some(hex) = number.strip_prefix(['x', 'X']) {
            if !(1..=6).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if !(1..=7).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            number.parse().ok()?
        };
        return char::from_u32(code)
            .filter(|&c| c != '\0')
            .map(|c| (c, len));
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == body)
        .map(|&(_, c)| (c, len))
}

/// Whether `text` holds a character reference anywhere (the plain-ASCII fast path of
/// normalization leaves texts with one to the general path, which reads them).
pub(super) fn has_reference(text: &str) -> bool {
    text.match_indices('&')
        .any(|(at, _)| character_reference(&text[at..]).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_named_references() {
        assert_eq!(character_reference("&#65292;x"), Some(('，', 8)));
        assert_eq!(character_reference("&#x4E0D;"), Some(('不', 8)));
        assert_eq!(character_reference("&#X4e0d;"), Some(('不', 8)));
        assert_eq!(character_reference("&nbsp;you"), Some(('\u{A0}', 6)));
        assert_eq!(character_reference("&amp;"), Some(('&', 5)));
        assert_eq!(character_reference("&#1114111;"), Some(('\u{10FFFF}', 10)));
    }

    #[test]
    fn malformed_references_are_left_alone() {
        for text in [
            "&",
            "&;",
            "& nbsp;",
            "&nbsp",
            "&#;",
            "&#x;",
            "&#xZZ;",
            "&#-12;",
            "&#+12;",
            "&#x+1F;",
            "&#0;",
            "&#xD800;",
            "&#1114112;",
            "&#12345678;",
            "&copyright;",
            "T&Cs apply; see",
            "AT&T;",
            "&#x0000041;",
        ] {
            assert_eq!(character_reference(text), None, "{text}");
        }
        assert!(!has_reference("Q&A: T&Cs; AT&T"));
        assert!(has_reference("pay &#36;500"));
    }
}
