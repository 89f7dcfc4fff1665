//! Line breaks that only wrap a long line — text read from a screenshot, copied from a PDF
//! or a hard-wrapped e-mail — are joined back: in a text with Han characters they are
//! removed (`紧急联\n系人` → `紧急联系人`), in Latin text they become a space (`we will\narrest`
//! → `we will arrest`). A line break is kept wherever it may mean something: after a
//! sentence's end, before a speaker label (`催收员:`), a list item (`2.`, `二、`) or a blank
//! line, and in texts whose lines are of uneven width (a signature on its own line, a
//! greeting, the lines of a list), where it is the writer's own.

use super::is_han;

/// A wrapped text's lines are as wide as its widest (within a quarter of it), and that
/// width is at least this many columns (a Han character counts two): 8 Han characters.
const LEAST_WRAP_WIDTH: usize = 16;

/// How far a speaker label's colon may be from the start of a line, in characters (one
/// more than the transcript parser's longest label).
const LABEL_REACH: usize = 17;

/// What a soft wrap becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Join {
    /// Removed: the characters on either side belong together (Han text).
    Drop,
    /// A space: the words on either side are words of one sentence (Latin text).
    Space,
}

/// The columns a character takes: two for Han characters and other wide (East Asian)
/// characters, one for the rest.
fn columns(c: char) -> usize {
    if c as u32 >= 0x2E80 { 2 } else { 1 }
}

fn is_word(c: char) -> bool {
    is_han(c) || c.is_alphanumeric()
}

/// Whether the line starting at `items[start]` opens with a list marker (`2.`, `3、`, `二、`,
/// `4)`) or a label: a few words and a colon (`催收员:`, `Agent 2:`, `卡号：`).
fn opens_on_its_own<T: Copy>(items: &[T], start: usize, ch: &impl Fn(T) -> char) -> bool {
    let head: Vec<char> = items[start..]
        .iter()
        .map(|&item| ch(item))
        .take_while(|&c| c != '\n')
        .take(LABEL_REACH)
        .collect();
    let labelish =
        |c: char| is_word(c) || matches!(c, ' ' | '_' | '-' | '#' | '(' | ')' | '（' | '）');
    if let Some(colon) = head.iter().position(|&c| c == ':' || c == '：') {
        let label = &head[..colon];
        if label.iter().any(|&c| is_word(c)) && label.iter().all(|&c| labelish(c)) {
            return true;
        }
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let digits = head.iter().take_while(|&&c| numeral(c)).count();
    digits > 0
        && head
            .get(digits)
            .is_some_and(|&c| matches!(c, '.' | '、' | ')' | ']'))
}

/// Ends a sentence or a clause that a line may end with on purpose.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '.' | '!' | '?' | '！' | '？' | ';' | '；' | ':' | '：' | '…'
    )
}

/// Joins the parts of a link, a number or an id that a cut at a width may put first on a
/// line (`.top`, `-001`, `://`, ` 0012`).
fn inside_token(c: char) -> bool {
    matches!(c, '-' | '/' | ':' | '@' | '_' | '%' | '*' | '#' | ' ')
}

/// Cannot open a line of its own: it closes or continues what the line before began.
fn continues(c: char) -> bool {
    matches!(
        c,
        ',' | '，'
            | '、'
            | '。'
            | '.'
            | '!'
            | '?'
            | '！'
            | '？'
            | ';'
            | '；'
            | ')'
            | '）'
            | ']'
            | '】'
            | '」'
            | '』'
            | '》'
            | '”'
            | '’'
            | '…'
    )
}

/// The line breaks (`'\n'`) of `items` that only wrap a line, each with what it becomes, in
/// order. `ch` reads an item's character; `capital` tells whether the item at an index was
/// written as a capital letter (normalized text is lower-cased). Linear in the length of the
/// text.
///
/// A break wraps when the text's lines look cut at one width — the line it ends is at least
/// three quarters as wide as the widest line that ends in a break, which is at least
/// [`LEAST_WRAP_WIDTH`] columns — and the sentence goes on across it: the next line opens no
/// list item and no labelled line. In a text with Han characters (cut at a width, inside
/// words and numbers alike) the line must not end a sentence and the next must start with a
/// word character or punctuation that continues a line; the break is removed. In Latin text
/// (wrapped between words) the line ends in a word or a comma and the next starts with a
/// word not written as a capital (which may open a new sentence); the break becomes a space.
pub(super) fn soft_wraps<T: Copy>(
    items: &[T],
    ch: impl Fn(T) -> char,
    capital: impl Fn(usize) -> bool,
) -> Vec<(usize, Join)> {
    if !items.iter().any(|&item| ch(item) == '\n') {
        return Vec::new();
    }
    // (index of the line's '\n', the line's width) for each line that ends in a break.
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    let mut width = 0;
    for (i, &item) in items.iter().enumerate() {
        let c = ch(item);
        if c == '\n' {
            breaks.push((i, width));
            width = 0;
        } else {
            width += columns(c);
        }
    }
    let widest = breaks.iter().map(|&(_, w)| w).max().unwrap_or(0);
    let han_text = items.iter().any(|&item| is_han(ch(item)));
    if widest < LEAST_WRAP_WIDTH {
        return Vec::new();
    }
    let mut wraps = Vec::new();
    for &(at, width) in &breaks {
        if width * 4 < widest * 3 || at == 0 || at + 1 >= items.len() {
            continue;
        }
        let before = ch(items[at - 1]);
        let after = ch(items[at + 1]);
        if han_text {
            // Text read off a screen is cut at a width, inside words and numbers alike.
            if ends_sentence(before) || !(is_word(after) || continues(after) || inside_token(after))
            {
                continue;
            }
        } else if !(is_word(before) || before == ',')
            || !(is_word(after) || continues(after))
            || capital(at + 1)
        {
            // Wrapped Latin text breaks between words; a capital may open a new sentence.
            continue;
        }
        if opens_on_its_own(items, at + 1, &ch) {
            continue;
        }
        wraps.push((at, if han_text { Join::Drop } else { Join::Space }));
    }
    wraps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let wraps = soft_wraps(&chars, |c| c, |i| chars[i].is_uppercase());
        let mut out = String::new();
        let mut next = wraps.iter().peekable();
        for (i, &c) in chars.iter().enumerate() {
            match next.peek() {
                Some(&&(at, join)) if at == i => {
                    next.next();
                    if join == Join::Space {
                        out.push(' ');
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn fixed_width_han_lines_join() {
        assert_eq!(
            joined(
                "您的借款已逾期三十天，我们将联系您的紧急联\n系人和单位同事，请于今日下午五点前处理\n完毕。"
            ),
            "您的借款已逾期三十天，我们将联系您的紧急联系人和单位同事，请于今日下午五点前处理完毕。"
        );
    }

    #[test]
    fn hard_wrapped_english_joins_with_a_space() {
        assert_eq!(
            joined(
                "If the balance is not paid by Friday we will\nrefer the account to our legal team and\nreport it."
            ),
            "If the balance is not paid by Friday we will refer the account to our legal team and report it."
        );
    }

    #[test]
    fn the_writers_own_line_breaks_stay() {
        for text in [
            // Sentence ends, a signature line, a blank line.
            "您好，您的账单已出。\n请按时还款。",
            "【某某银行】\n尊敬的客户，您的账单已出，请按时还款，谢谢",
            "您的账单已出请按时还款谢谢\n\n客服热线请拨打官方电话咨询",
            // Speaker labels and list items.
            "催收员：你今天必须把钱还上不然后果自负\n借款人：我下周发工资就还给你们",
            "请注意以下事项否则后果自负我们不负责\n2. 逾期将影响您的个人信用记录和贷款",
            "请注意以下事项否则后果自负我们不负责\n二、逾期将影响您的个人信用记录和贷款",
            // Lines of uneven width: a greeting on its own line.
            "张三\n你的借款已经逾期三十天了，今天必须还清，否则我们会联系你的家人",
            // A new English sentence after a break.
            "Your payment of $120 is now thirty days late\nPlease call us today on the number below.",
            // Short lines.
            "ok\nsee you",
        ] {
            assert_eq!(joined(text), text, "{text}");
        }
    }
}
