//! Word lists: named alternations that rule patterns share. A pack may hold a `[words]`
//! table (`en_family = ["wife", "husband", "mum", …]`); a pattern of any pack built with it
//! writes `{en_family}` for `(?:wife|husband|mum|…)`. One list per concept keeps every rule
//! that means "a relative of yours" reading the same relatives: a rule written with three of
//! them no longer misses the fourth.
//!
//! An entry is a piece of regex in the rules' syntax (`neighbou?rs?`, `hr\s+department`)
//! and may name another list (`{en_family}` inside `en_circle`). A reference is `{name}` with
//! `name` of lower-case letters, digits and `_`, starting with a letter — never a regex
//! repetition such as `{0,4}`; it is not expanded after a backslash (`\{`) or inside a
//! character class (`[{}]`).
//!
//! This file is also compiled by `build.rs` (which expands the embedded packs' patterns
//! before computing their gates), so it uses nothing but `std`.

use std::collections::HashMap;

/// Why a pattern's word lists could not be expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum WordsError {
    /// A pattern or list names a list no pack defines.
    Unknown(String),
    /// Lists name each other in a cycle (the names, in order).
    Cycle(Vec<String>),
}

impl std::fmt::Display for WordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WordsError::Unknown(name) => write!(f, "unknown word list `{{{name}}}`"),
            WordsError::Cycle(names) => {
                write!(
                    f,
                    "word lists name each other in a cycle: {}",
                    names.join(" → ")
                )
            }
        }
    }
}

/// Whether `name` may name a word list: `^[a-z][a-z0-9_]*$`.
pub(crate) fn is_valid_list_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `pattern` with every `{name}` replaced by its list's alternation (lists expanded inside
/// lists too). A pattern without references comes back unchanged.
pub(crate) fn expand(
    pattern: &str,
    lists: &HashMap<String, Vec<String>>,
) -> Result<String, WordsError> {
    let mut stack = Vec::new();
    expand_in(pattern, lists, &mut stack)
}

fn expand_in(
    pattern: &str,
    lists: &HashMap<String, Vec<String>>,
    stack: &mut Vec<String>,
) -> Result<String, WordsError> {
    if !pattern.contains('{') {
        return Ok(pattern.to_string());
    }
    let mut out = String::with_capacity(pattern.len());
    // Inside a character class: its depth (classes nest: `[a[b]]`); 0 outside.
    let mut class_depth = 0usize;
    // The previous character was an unescaped backslash.
    let mut escaped = false;
    // The previous character opened a class (`[` or `[^`): a `]` there is a literal.
    let mut class_start = false;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if escaped {
            escaped = false;
            class_start = false;
            out.push(c);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => {
                class_depth += 1;
                class_start = true;
                out.push(c);
                rest = &rest[len..];
                continue;
            }
            '^' if class_start => {
                out.push(c);
                rest = &rest[len..];
                continue;
            }
            ']' if class_depth > 0 && !class_start => class_depth -= 1,
            '{' if class_depth == 0 => {
                if let Some(name) = reference_at(rest) {
                    let Some(entries) = lists.get(name) else {
                        return Err(WordsError::Unknown(name.to_string()));
                    };
                    if let Some(at) = stack.iter().position(|n| n == name) {
                        let mut cycle = stack[at..].to_vec();
                        cycle.push(name.to_string());
                        return Err(WordsError::Cycle(cycle));
                    }
                    stack.push(name.to_string());
                    out.push_str("(?:");
                    for (i, entry) in entries.iter().enumerate() {
                        if i > 0 {
                            out.push('|');
                        }
                        out.push_str(&expand_in(entry, lists, stack)?);
                    }
                    out.push(')');
                    stack.pop();
                    rest = &rest[name.len() + 2..];
                    class_start = false;
                    continue;
                }
            }
            _ => {}
        }
        class_start = false;
        out.push(c);
        rest = &rest[len..];
    }
    Ok(out)
}

/// The list name of a reference at the start of `text` (`{name}…`), if it is one.
fn reference_at(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let name = &inner[..end];
    is_valid_list_name(name).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(pairs: &[(&str, &[&str])]) -> HashMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(name, entries)| {
                (
                    name.to_string(),
                    entries.iter().map(|e| e.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn references_become_alternations_and_lists_nest() {
        let l = lists(&[
            ("family", &["wife", "husband", r"mum|mom"]),
            ("circle", &["{family}", r"neighbou?rs?"]),
        ]);
        assert_eq!(
            expand(r"\btell\s+your\s+{family}\b", &l).unwrap(),
            r"\btell\s+your\s+(?:wife|husband|mum|mom)\b"
        );
        assert_eq!(
            expand("{circle}s", &l).unwrap(),
            r"(?:(?:wife|husband|mum|mom)|neighbou?rs?)s"
        );
    }

    #[test]
    fn repetitions_escapes_and_classes_are_left_alone() {
        let l = lists(&[("family", &["wife"])]);
        for pattern in [
            r"a{0,4}b{2}c{3,}",
            r"\{family\}",
            r"[{family}]",
            r"[^]{family}]",
            r"[a[b]{family}]",
            "{Family}",
            "{1family}",
            "{family",
            "",
            "家人{0,3}",
        ] {
            assert_eq!(expand(pattern, &l).unwrap(), pattern, "{pattern}");
        }
        // After a class closes, references count again; an escaped backslash escapes nothing.
        assert_eq!(expand("[a]{family}", &l).unwrap(), "[a](?:wife)");
        assert_eq!(expand(r"\\{family}", &l).unwrap(), r"\\(?:wife)");
        assert_eq!(expand("你{family}吗", &l).unwrap(), "你(?:wife)吗");
    }

    #[test]
    fn unknown_lists_and_cycles_are_errors() {
        let l = lists(&[("a", &["x", "{b}"]), ("b", &["{a}"]), ("c", &["{nope}"])]);
        assert_eq!(
            expand("{nope}", &l),
            Err(WordsError::Unknown("nope".into()))
        );
        assert_eq!(expand("{c}", &l), Err(WordsError::Unknown("nope".into())));
        let err = expand("{a}", &l).unwrap_err();
        assert_eq!(
            err,
            WordsError::Cycle(vec!["a".into(), "b".into(), "a".into()])
        );
        assert_eq!(
            err.to_string(),
            "word lists name each other in a cycle: a → b → a"
        );
    }

    #[test]
    fn list_names() {
        assert!(is_valid_list_name("en_family"));
        assert!(is_valid_list_name("zh2"));
        for bad in ["", "_x", "En", "a-b", "a.b", "0a", "家人"] {
            assert!(!is_valid_list_name(bad), "{bad}");
        }
    }
}
