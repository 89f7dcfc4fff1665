//! The literals that gate a pattern: one of them occurs wherever the pattern matches, so a
//! pattern runs only when one was seen. Shared with `build.rs`, which computes the gates of
//! the embedded packs when the crate is compiled (parsing 1,200 patterns is most of what a
//! classifier build would otherwise cost); keep this file free of crate imports.

use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

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

/// The literals one of which every match of `pattern` ends with, when they are a finite
/// set of literals of at least [`MIN_END_LITERAL_BYTES`] bytes: a pattern searched at its
/// prefix literals need not be searched at a start with none of these in reach.
pub fn required_ends(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    literals(hir, ExtractKind::Suffix)
        .filter(|ends| ends.iter().all(|l| l.len() >= MIN_END_LITERAL_BYTES))
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
