//! Letters that look like Latin ones, read as the Latin letter: `Yоur аccоunt` with Cyrillic
//! `о` and `а` is `your account`, and `ʏᴏᴜʀ ᴀᴄᴄᴏᴜɴᴛ` in small capitals too.
//!
//! Spam and phishing texts swap a few letters for look-alikes so that filters miss their
//! words; a reader sees no difference. Unicode's security mechanisms (UTS #39) call these
//! confusables and flag a word that mixes scripts. A text written in Latin letters (or
//! Han characters) gets its Cyrillic and Greek look-alikes folded; a Russian or Greek text,
//! whose letters are half of them no look-alike of any Latin letter, is left as it is. Only
//! letters whose shape is a Latin letter's are listed (not `з` for `3`, not UTS #39's
//! many-to-one prototypes such as `m` → `rn`). Small capitals and the few other Latin
//! letters that "fancy text" generators use and NFKC leaves alone (`ᴘ`, `ʀ`, `ɢ`, `ꜱ`) are
//! Latin letters in any text and always fold.

/// Latin small capitals and look-alike letters NFKC leaves alone, with the letter each
/// stands for, sorted for a binary search.
const STYLIZED: &[(char, char)] = &[
    ('\u{0131}', 'i'), // ı dotless i
    ('\u{01EB}', 'q'), // ǫ, the small-capital q of fancy-text generators
    ('\u{0251}', 'a'), // ɑ
    ('\u{0261}', 'g'), // ɡ
    ('\u{0262}', 'g'), // ɢ
    ('\u{026A}', 'i'), // ɪ
    ('\u{0274}', 'n'), // ɴ
    ('\u{0280}', 'r'), // ʀ
    ('\u{028F}', 'y'), // ʏ
    ('\u{0299}', 'b'), // ʙ
    ('\u{029C}', 'h'), // ʜ
    ('\u{029F}', 'l'), // ʟ
    ('\u{1D00}', 'a'), // ᴀ
    ('\u{1D04}', 'c'), // ᴄ
    ('\u{1D05}', 'd'), // ᴅ
    ('\u{1D07}', 'e'), // ᴇ
    ('\u{1D0A}', 'j'), // ᴊ
    ('\u{1D0B}', 'k'), // ᴋ
    ('\u{1D0D}', 'm'), // ᴍ
    ('\u{1D0F}', 'o'), // ᴏ
    ('\u{1D18}', 'p'), // ᴘ
    ('\u{1D1B}', 't'), // ᴛ
    ('\u{1D1C}', 'u'), // ᴜ
    ('\u{1D20}', 'v'), // ᴠ
    ('\u{1D21}', 'w'), // ᴡ
    ('\u{1D22}', 'z'), // ᴢ
    ('\u{A730}', 'f'), // ꜰ
    ('\u{A731}', 's'), // ꜱ
];

fn stylized(c: char) -> Option<char> {
    if !matches!(c, '\u{0131}' | '\u{01EB}' | '\u{0250}'..='\u{02AF}' | '\u{1D00}'..='\u{1D2B}' | '\u{A730}'..='\u{A731}')
    {
        return None;
    }
    STYLIZED
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| STYLIZED[i].1)
}

/// (look-alike, the Latin letter it imitates), sorted by the look-alike for a binary search.
/// The text is lower-cased by then: a capital look-alike reads as its lower-case form does
/// (`Н` → `н` → `h`, `Т` → `т` → `t`); where a Greek capital and its small letter imitate
/// different letters (`Ν`/`ν`, `Η`/`η`), the small letter's reading wins.
const LOOK_ALIKES: &[(char, char)] = &[
    ('α', 'a'),
    ('β', 'b'),
    ('γ', 'y'),
    ('ε', 'e'),
    ('ζ', 'z'),
    ('η', 'n'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('μ', 'u'),
    ('ν', 'v'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('τ', 't'),
    ('υ', 'u'),
    ('χ', 'x'),
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ү', 'y'),
    ('һ', 'h'),
    ('ӏ', 'l'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
];

/// The Latin letter `c` (lower case) imitates, if it is a listed look-alike.
fn latin_look_alike(c: char) -> Option<char> {
    LOOK_ALIKES
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|i| LOOK_ALIKES[i].1)
}

fn is_cyrillic_or_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1F00}'..='\u{1FFF}')
}

/// Whether letters are those of a text written in Latin letters (or Han characters) with
/// look-alikes among them: a look-alike, and Cyrillic and Greek letters that imitate no
/// Latin letter (`и`, `л`, `я`, `ж`, `λ` …, about half the letters of any Russian or Greek
/// text) under a quarter of the other letters. A text disguised letter by letter (`Рау whаt
/// уоu оwе`, every look-alike swapped) has none of them.
fn written_in_latin(letters: impl Iterator<Item = char>) -> bool {
    let (mut latin, mut look_alikes, mut foreign) = (0usize, 0usize, 0usize);
    for c in letters {
        if c.is_ascii_alphabetic() || super::is_han(c) {
            latin += 1;
        } else if is_cyrillic_or_greek(c) && c.is_alphabetic() {
            if latin_look_alike(c).is_some() {
                look_alikes += 1;
            } else {
                foreign += 1;
            }
        }
    }
    look_alikes > 0 && foreign * 4 < latin + look_alikes
}

/// Reads stylized Latin letters as plain ones, and the Cyrillic and Greek look-alikes of
/// mapped (lower-cased, NFKC) characters as Latin letters when the text is written in Latin
/// letters.
pub(super) fn fold_look_alikes(chars: &mut [super::Mapped]) {
    let mut cyrillic_or_greek = false;
    for m in chars.iter_mut() {
        if let Some(latin) = stylized(m.ch) {
            m.ch = latin;
        }
        cyrillic_or_greek |= is_cyrillic_or_greek(m.ch);
    }
    if !cyrillic_or_greek {
        return;
    }
    if !written_in_latin(chars.iter().map(|m| m.ch)) {
        return;
    }
    for m in chars.iter_mut() {
        if let Some(latin) = latin_look_alike(m.ch) {
            m.ch = latin;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_latin(text: &str) -> bool {
        written_in_latin(text.to_lowercase().chars())
    }

    #[test]
    fn stylized_letters_are_latin() {
        assert!(STYLIZED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            STYLIZED
                .iter()
                .all(|&(from, to)| stylized(from) == Some(to))
        );
        let plain: String = "ʏᴏᴜʀ ᴀᴄᴄᴏᴜɴᴛ ɪꜱ ᴘᴀꜱᴛ ᴅᴜᴇ"
            .chars()
            .map(|c| stylized(c).unwrap_or(c))
            .collect();
        assert_eq!(plain, "your account is past due");
    }

    #[test]
    fn the_table_is_sorted_and_maps_to_ascii_letters() {
        assert!(LOOK_ALIKES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(LOOK_ALIKES.iter().all(|&(_, to)| to.is_ascii_lowercase()));
        assert!(
            LOOK_ALIKES
                .iter()
                .all(|&(from, _)| is_cyrillic_or_greek(from))
        );
        assert!(LOOK_ALIKES.iter().all(|&(from, _)| from.is_lowercase()));
    }

    #[test]
    fn only_latin_texts_fold() {
        assert!(reads_latin("Yоur аccоunt is оverdue")); // Cyrillic о, а
        assert!(reads_latin("请加微信 Аbc123")); // Cyrillic А among Latin letters
        assert!(reads_latin("请下载Арр还款")); // a Latin word all in look-alikes
        assert!(reads_latin("Рау whаt уоu оwе")); // every look-alike swapped
        assert!(!reads_latin("Ваш счёт заблокирован")); // Russian
        assert!(!reads_latin("Оплатите долг сегодня")); // Russian, look-alikes and all
        assert!(!reads_latin("Ο λογαριασμός σας")); // Greek
        assert!(!reads_latin("Your account is overdue")); // nothing to fold
        assert_eq!(latin_look_alike('р'), Some('p'));
        assert_eq!(latin_look_alike('з'), None);
    }
}
