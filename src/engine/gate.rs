//! The literals that gate a pattern: one of them occurs wherever the pattern matches, so a
//! pattern runs only when one was seen. Shared with `build.rs`, which computes the gates of
//! the embedded packs when the crate is compiled (parsing 1,200 patterns is most of what a
//! classifier build would otherwise cost); keep this file free of crate imports.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Gate literals are cut to this many bytes (three Han characters). A shorter literal is
/// still one every match starts (or ends) with, so the gate stays exact; fewer distinct
/// literals make a smaller automaton that builds faster, at the cost of a few more
/// anchored searches that fail at once.
pub const GATE_LITERAL_BYTES: usize = 9;

/// Where the literals that gate a regex stand in its matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Every match starts with one of these.
    Prefixes(Vec<Vec<u8>>),
    /// Every match ends with one of these.
    Suffixes(Vec<Vec<u8>>),
}

/// Parses a rule pattern (the crate's syntax: Unicode, case-sensitive).
pub fn parse_pattern(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// The literals one of which every match of `pattern` must contain: the ones every match
/// starts with or, when those are not a finite set (a pattern opening with `(?:^|[^0-9])`),
/// the ones every match ends with. `None` when neither is a finite set of non-empty
/// literals (then the regex runs on every text of its script).
pub fn required_literals(hir: &Hir) -> Option<Gate> {
    literals(hir, ExtractKind::Prefix)
        .map(Gate::Prefixes)
        .or_else(|| literals(hir, ExtractKind::Suffix).map(Gate::Suffixes))
}

/// The shortest literal [`required_ends`] accepts: one Han character, three ASCII letters.
/// Shorter ones (a digit, one letter) occur everywhere and would filter nothing.
pub const MIN_END_LITERAL_BYTES: usize = 3;

/// The literals one of which every match of `pattern` contains past the literal it starts
/// with: a pattern searched at its prefix literals need not be searched at a start with
/// none of these beginning within reach after it. They are the literals every match ends
/// with when those are a finite set of literals of at least [`MIN_END_LITERAL_BYTES`]
/// bytes; otherwise a set read from the pattern's structure (`from\s*(?:midland|encore)\b`
/// contains `midland` or `encore`), also of literals of at least that length and at most
/// [`MAX_CONTAINED_LITERALS`] of them. `None` when there is neither.
pub fn required_ends(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    literals(hir, ExtractKind::Suffix)
        .filter(|ends| ends.iter().all(|l| l.len() >= MIN_END_LITERAL_BYTES))
        .or_else(|| contained_past_start(hir))
}

/// The most literals a contained set may have (a larger one filters little and grows the
/// automaton).
pub const MAX_CONTAINED_LITERALS: usize = 64;

/// A set of literals one of which every match of `hir` contains, chosen among the parts
/// that follow its first consuming part (the first part is what the prefix literals
/// already gate): of a sequence, the part with the longest shortest literal (ties: fewer
/// literals, then the earlier part); of an alternation, the union of its branches' sets.
fn contained_past_start(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => contained_past_start(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => {
            contained_past_start(&repetition.sub)
        }
        HirKind::Alternation(branches) => union(branches.iter().map(contained_past_start)),
        HirKind::Concat(parts) => {
            let first = parts
                .iter()
                .position(|p| p.properties().minimum_len() != Some(0))?;
            best(
                std::iter::once(contained_past_start(&parts[first]))
                    .chain(parts[first + 1..].iter().map(contained))
                    .flatten(),
            )
        }
        _ => None,
    }
}

/// A set of literals one of which every match of `hir` contains (see
/// [`contained_past_start`]), each cut to [`GATE_LITERAL_BYTES`] (its first bytes, which
/// occur wherever it does).
fn contained(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = match hir.kind() {
        HirKind::Literal(literal) => {
            let bytes = &literal.0[..literal.0.len().min(GATE_LITERAL_BYTES)];
            Some(vec![bytes.to_vec()])
        }
        HirKind::Capture(capture) => contained(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => contained(&repetition.sub),
        HirKind::Alternation(branches) => union(branches.iter().map(contained)),
        HirKind::Concat(parts) => best(parts.iter().filter_map(contained)),
        _ => None,
    }?;
    let usable =
        set.len() <= MAX_CONTAINED_LITERALS && set.iter().all(|l| l.len() >= MIN_END_LITERAL_BYTES);
    usable.then_some(set)
}

/// The union of every branch's set (sorted, deduplicated); `None` when a branch has none
/// or the union is too large.
fn union(sets: impl Iterator<Item = Option<Vec<Vec<u8>>>>) -> Option<Vec<Vec<u8>>> {
    let mut all = Vec::new();
    for set in sets {
        all.extend(set?);
    }
    all.sort();
    all.dedup();
    (!all.is_empty() && all.len() <= MAX_CONTAINED_LITERALS).then_some(all)
}

/// The set that filters best (ties: the first).
fn best(sets: impl Iterator<Item = Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    sets.fold(None, |best, set| match best {
        Some(best) if !is_better(&set, &best) => Some(best),
        _ => Some(set),
    })
}

/// Whether `a` filters better than `b`: a longer shortest literal, then fewer literals.
fn is_better(a: &[Vec<u8>], b: &[Vec<u8>]) -> bool {
    let shortest = |s: &[Vec<u8>]| s.iter().map(Vec::len).min().unwrap_or(0);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

/// The finite set of non-empty literals (cut to [`GATE_LITERAL_BYTES`]: the first bytes of
/// prefixes, the last of suffixes) every match starts or ends with, sorted.
fn literals(hir: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new()
        .kind(kind)
        .limit_literal_len(GATE_LITERAL_BYTES)
        .extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Which end of the match a precomputed gate's literals stand at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateKind {
    /// [`Gate::Prefixes`].
    Prefixes,
    /// [`Gate::Suffixes`].
    Suffixes,
}
