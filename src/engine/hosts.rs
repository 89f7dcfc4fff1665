//! Link hosts dressed as an institution they do not belong to: `usps-redeliver.top` carries
//! the postal service's name on a domain that is not the postal service's, `mygov-refund.help`
//! a government word on a domain outside every government suffix. Phishing kits name their
//! domains that way so that the link looks official at a glance; the institution's own
//! links are on the domains it publishes. A rule with `lookalike_of` lists the names
//! (`tokens`) and the official domains of each institution it watches.
//!
//! Linear in the text: one pass finds the host candidates (runs of `[a-z0-9.-]` with a
//! dot), and each candidate is searched once by one automaton of every token.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::rules::LookalikeDef;

/// One rule's institutions: their name tokens in one automaton, and for each token the
/// institution it names.
#[derive(Clone, Debug)]
pub(crate) struct Lookalikes {
    tokens: AhoCorasick,
    /// Per token of the automaton: its institution and where in a label it counts.
    token_of: Vec<TokenInfo>,
    /// Per institution: the domains that are its own (a host equal to one, or under one).
    official: Vec<Vec<String>>,
}

/// A token's institution, and where in a label it counts besides on its own between
/// separators: at a label's start (`prefix`: `uspsredeliver`) or anywhere (`inside`:
/// `paymystatetollbalance`).
#[derive(Clone, Copy, Debug)]
struct TokenInfo {
    institution: usize,
    prefix: bool,
    inside: bool,
}

/// Top-level domains that are also common words at the start of a sentence: a host ending
/// in one (`follow-ups.in`, typed without a space after the full stop) counts only with
/// some sign that it is a link (`www.`, `://` before it, `@` before it, `/` after it).
const WORD_TLDS: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my",
    "no", "of", "ok", "on", "or", "so", "to", "up", "us", "we", "im",
];

/// Second-level names under which a word-like country domain is a host whatever surrounds
/// it (`sbi-kyc.co.in`, `x.com.my`).
const SECOND_LEVELS: &[&str] = &[
    "ac", "co", "com", "edu", "go", "gov", "ne", "net", "or", "org",
];

/// Generic and brand top-level domains a host may end with, besides the two-letter country
/// domains: a run that ends in another word (`line.thanks`, typed without a space after the
/// full stop) is no host.
const GENERIC_TLDS: &[&str] = &[
    "agency",
    "app",
    "asia",
    "bank",
    "bet",
    "biz",
    "blog",
    "bond",
    "buzz",
    "care",
    "cash",
    "center",
    "cfd",
    "chat",
    "claims",
    "click",
    "cloud",
    "club",
    "com",
    "company",
    "cool",
    "credit",
    "cyou",
    "deals",
    "delivery",
    "dev",
    "digital",
    "email",
    "express",
    "finance",
    "fun",
    "game",
    "global",
    "gov",
    "group",
    "guru",
    "help",
    "host",
    "hsbc",
    "icu",
    "info",
    "ink",
    "int",
    "jobs",
    "kim",
    "life",
    "link",
    "live",
    "loan",
    "loans",
    "lol",
    "ltd",
    "media",
    "mil",
    "mobi",
    "money",
    "name",
    "net",
    "network",
    "news",
    "one",
    "online",
    "org",
    "page",
    "pay",
    "plus",
    "pro",
    "quest",
    "red",
    "ren",
    "rest",
    "sale",
    "sbi",
    "sbs",
    "services",
    "shop",
    "site",
    "solutions",
    "space",
    "store",
    "support",
    "tax",
    "tech",
    "tel",
    "tips",
    "today",
    "top",
    "travel",
    "vip",
    "wang",
    "website",
    "win",
    "work",
    "world",
    "xin",
    "xyz",
    "zone",
];

/// File name extensions: `usps-form.pdf` names a file, not a host.
const FILE_EXTENSIONS: &[&str] = &[
    "apk", "asp", "aspx", "css", "csv", "doc", "docx", "exe", "gif", "htm", "html", "jpeg", "jpg",
    "js", "json", "mp3", "mp4", "pdf", "php", "png", "txt", "xls",
];

impl Lookalikes {
    /// Checks and compiles `defs`; the error says which entry is wrong and why.
    pub(crate) fn new(defs: &[LookalikeDef]) -> Result<Lookalikes, String> {
        let mut strings: Vec<&str> = Vec::new();
        let mut token_of = Vec::new();
        let mut official = Vec::with_capacity(defs.len());
        for (institution, def) in defs.iter().enumerate() {
            let what = format!("lookalike_of entry {:?}", def.name);
            if def.tokens.is_empty() {
                return Err(format!("{what}: `tokens` is empty"));
            }
            if def.official.is_empty() {
                return Err(format!("{what}: `official` is empty"));
            }
            for token in &def.tokens {
                let valid = !token.is_empty()
                    && token
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !token.starts_with('-')
                    && !token.ends_with('-');
                if !valid {
                    return Err(format!(
                        "{what}: token {token:?} must be lowercase ASCII letters, digits and inner hyphens"
                    ));
                }
                if def.inside && token.len() < 4 {
                    return Err(format!(
                        "{what}: token {token:?} is too short to count inside a word (`inside` needs four characters or more)"
                    ));
                }
                strings.push(token);
                token_of.push(TokenInfo {
                    institution,
                    prefix: def.prefix,
                    inside: def.inside,
                });
            }
            for domain in &def.official {
                let valid = !domain.is_empty()
                    && domain.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                    })
                    && !domain.starts_with('.')
                    && !domain.ends_with('.');
                if !valid {
                    return Err(format!(
                        "{what}: official domain {domain:?} must be a lowercase domain name"
                    ));
                }
            }
            official.push(def.official.clone());
        }
        let tokens = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&strings)
            .map_err(|e| format!("lookalike_of: {e}"))?;
        Ok(Lookalikes {
            tokens,
            token_of,
            official,
        })
    }

    /// Whether `host` (a host of [`hosts`], lower case) carries a token of an institution
    /// whose domains it is not on.
    pub(crate) fn dressed_up(&self, host: &str) -> bool {
        let bytes = host.as_bytes();
        self.tokens.find_overlapping_iter(host).any(|m| {
            let info = self.token_of[m.pattern().as_usize()];
            let token = &bytes[m.start()..m.end()];
            let starts = info.inside || m.start() == 0 || apart(bytes[m.start() - 1], token[0]);
            let ends = m.end() == bytes.len()
                || info.prefix
                || info.inside
                || apart(bytes[m.end()], token[token.len() - 1]);
            starts
                && ends
                && !self.official[info.institution]
                    .iter()
                    .any(|domain| on_domain(host, domain) || country_variant(host, domain))
        })
    }
}

/// Whether `host` is on a country variant of an official domain: the same registered name
/// under a two-letter country domain, with or without a second level
/// (`americanexpress.co.uk` for `americanexpress.com`, `dhl.com.vn` for `dhl.com`). Brands
/// hold their names under the country domains; phishing kits add words to them instead.
fn country_variant(host: &str, domain: &str) -> bool {
    let Some(name) = registered_name(domain) else {
        return false;
    };
    let mut labels = host.rsplit('.');
    let Some(country) = labels.next() else {
        return false;
    };
    if country.len() != 2 {
        return false;
    }
    match (labels.next(), labels.next()) {
        (Some(second), Some(third)) if SECOND_LEVELS.contains(&second) => third == name,
        (Some(second), _) => second == name,
        _ => false,
    }
}

/// The registered name of an official domain: its label before the public suffix (a
/// generic top-level domain, a country domain, or a second level under one).
fn registered_name(domain: &str) -> Option<&str> {
    let mut labels = domain.rsplit('.');
    let top = labels.next()?;
    let second = labels.next()?;
    if top.len() == 2 && SECOND_LEVELS.contains(&second) {
        labels.next()
    } else {
        Some(second)
    }
}

/// Whether `neighbour` ends a token whose edge character is `edge`: a dot or a hyphen, or
/// a digit beside a letter and a letter beside a digit (`hmrc24`, `10086jf`), never a letter
/// beside a letter (`groups` does not carry `ups`).
fn apart(neighbour: u8, edge: u8) -> bool {
    match neighbour {
        b'.' | b'-' => true,
        b if b.is_ascii_digit() => !edge.is_ascii_digit(),
        b if b.is_ascii_lowercase() => !edge.is_ascii_lowercase(),
        _ => true,
    }
}

/// Whether `host` is `domain` or a name under it.
fn on_domain(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// The host names of a normalized text: each maximal run of `[a-z0-9.-]` that has a dot,
/// trimmed of dots and hyphens at its ends, with at least two labels, none empty, the last
/// a two-letter country domain or a known generic one. A run right after a single `/` is a
/// path, not a host; a host ending in a word-like country domain (`.in`, `.me`, `.us`) needs
/// a sign of a link or a second level such as `co.in`. Linear in the text.
pub(crate) fn hosts(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let is_host_byte =
        |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-';
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // The next run.
            while at < bytes.len() && !is_host_byte(bytes[at]) {
                at += 1;
            }
            let run_start = at;
            let mut has_dot = false;
            while at < bytes.len() && is_host_byte(bytes[at]) {
                has_dot |= bytes[at] == b'.';
                at += 1;
            }
            if !has_dot {
                continue;
            }
            let (mut start, mut end) = (run_start, at);
            while start < end && matches!(bytes[start], b'.' | b'-') {
                start += 1;
            }
            while end > start && matches!(bytes[end - 1], b'.' | b'-') {
                end -= 1;
            }
            let before = |back: usize| (run_start >= back).then(|| bytes[run_start - back]);
            let after = bytes.get(at).copied();
            let scheme = before(1) == Some(b'/') && before(2) == Some(b'/');
            if before(1) == Some(b'/') && !scheme {
                continue;
            }
            if is_host(&text[start..end], || {
                scheme || before(1) == Some(b'@') || after == Some(b'/')
            }) {
                return Some(start..end);
            }
        }
        None
    })
}

/// Whether `candidate` (trimmed, lower case) has the shape of a host name; `linked`: whether
/// the text around it marks it as a link, asked only for a word-like top-level domain.
fn is_host(candidate: &str, linked: impl FnOnce() -> bool) -> bool {
    let mut labels = candidate.rsplit('.');
    let Some(tld) = labels.next() else {
        return false;
    };
    if !tld.bytes().all(|b| b.is_ascii_lowercase()) || FILE_EXTENSIONS.contains(&tld) {
        return false;
    }
    let country = tld.len() == 2;
    if !country && !GENERIC_TLDS.contains(&tld) {
        return false;
    }
    let Some(second) = labels.next() else {
        return false;
    };
    if second.is_empty() || labels.any(str::is_empty) {
        return false;
    }
    !WORD_TLDS.contains(&tld)
        || SECOND_LEVELS.contains(&second)
        || candidate.starts_with("www.")
        || linked()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One institution of a test table.
    fn def(name: &str, tokens: &[&str], official: &[&str], prefix: bool) -> LookalikeDef {
        LookalikeDef {
            name: name.into(),
            tokens: tokens.iter().map(|s| s.to_string()).collect(),
            official: official.iter().map(|s| s.to_string()).collect(),
            prefix,
            inside: false,
        }
    }

    fn brands() -> Lookalikes {
        Lookalikes::new(&[
            def("USPS", &["usps"], &["usps.com", "usps.gov"], true),
            def("UPS", &["ups"], &["ups.com"], false),
            def("Traffic police", &["12123"], &["122.gov.cn"], false),
            def("Government", &["gov"], &["gov", "gov.uk", "gov.cn"], false),
            LookalikeDef {
                inside: true,
                ..def(
                    "Toll words",
                    &["toll", "turnpike"],
                    &["paturnpike.com"],
                    false,
                )
            },
        ])
        .unwrap()
    }

    fn dressed(text: &str) -> Vec<&str> {
        let brands = brands();
        hosts(text)
            .filter(|r| brands.dressed_up(&text[r.clone()]))
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn hosts_are_found_with_their_exact_range() {
        let text = "pay at https://usps-redeliver.top/a?b=1 or www.example.com, mail x@y-z.co.uk";
        let found: Vec<&str> = hosts(text).map(|r| &text[r]).collect();
        assert_eq!(
            found,
            ["usps-redeliver.top", "www.example.com", "y-z.co.uk"]
        );
    }

    #[test]
    fn paths_files_numbers_and_sentences_are_not_hosts() {
        for text in [
            "see evil.top/usps.pdf",
            "the fee is 12.50 today",
            "thanks for the follow-ups.in the meantime",
            "a.b",
            "version 1.2.3",
            "form usps-ps3811.pdf",
            "ask usps.thanks",
        ] {
            let found: Vec<&str> = hosts(text).map(|r| &text[r]).collect();
            assert!(
                found
                    .iter()
                    .all(|h| !h.contains("usps") && !h.contains("ups.in")),
                "{text:?}: {found:?}"
            );
        }
        let text = "go to www.follow-ups.in now";
        assert_eq!(
            hosts(text).map(|r| &text[r]).collect::<Vec<_>>(),
            ["www.follow-ups.in"]
        );
    }

    #[test]
    fn a_token_on_someone_elses_domain_is_dressed_up() {
        assert_eq!(
            dressed("usps: pay at usps-redeliver.top"),
            ["usps-redeliver.top"]
        );
        assert_eq!(dressed("uspsredeliver.info/x"), ["uspsredeliver.info"]);
        assert_eq!(
            dressed("track: usps.com-track.info"),
            ["usps.com-track.info"]
        );
        assert_eq!(dressed("登录jtgl-12123.top缴纳"), ["jtgl-12123.top"]);
        assert_eq!(
            dressed("refund at mygov-refund.help or gov-uk.claims.com"),
            ["gov-uk.claims.com"]
        );
        assert_eq!(dressed("ups-parcel2.com"), ["ups-parcel2.com"]);
        assert_eq!(
            dressed("see paymystatetollbalance.net now"),
            ["paymystatetollbalance.net"]
        );
        assert_eq!(dressed("pay at ups-pay.co.in"), ["ups-pay.co.in"]);
        // A country variant is the same name only: `usps.top` is no country domain.
        assert_eq!(
            dressed("usps.top or usps-ph.com.ph"),
            ["usps.top", "usps-ph.com.ph"]
        );
    }

    #[test]
    fn the_institutions_own_domains_and_other_words_are_not() {
        for text in [
            "track it at usps.com or tools.usps.com/go",
            "www.ups.com/track",
            "startups.com and groups.google.com",
            "my.gov.uk and www.gov.cn and irs.gov",
            "upstream.io",
            "gab.122.gov.cn",
            "www.paturnpike.com",
            "call our toll-free line.thanks",
            "usps.com.ph and www.ups.co.uk",
        ] {
            assert!(dressed(text).is_empty(), "{text:?}: {:?}", dressed(text));
        }
    }

    #[test]
    fn a_malformed_entry_is_an_error_that_names_it() {
        let bad = def("Bad", &["Bad Token"], &["bad.com"], false);
        let err = Lookalikes::new(&[bad]).unwrap_err();
        assert!(
            err.contains("\"Bad\"") && err.contains("Bad Token"),
            "{err}"
        );
        let empty = def("Empty", &["empty"], &[], false);
        assert!(Lookalikes::new(&[empty]).unwrap_err().contains("official"));
        let short = LookalikeDef {
            inside: true,
            ..def("Short", &["abc"], &["abc.com"], false)
        };
        assert!(
            Lookalikes::new(&[short])
                .unwrap_err()
                .contains("four characters")
        );
    }

    #[test]
    fn a_long_run_of_host_characters_is_read_once() {
        // One run of 200,000 bytes: one candidate, searched once.
        let text = "a.".repeat(100_000);
        assert!(hosts(&text).count() <= 1);
        let spaced = "usps-x.top ".repeat(10_000);
        assert_eq!(dressed(&spaced).len(), 10_000);
    }
}
