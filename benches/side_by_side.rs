//! The classifier side by side with simple alternatives over the same rules, in one run, so
//! the figures read as ratios (issue 11): `classify`; a naive loop (every rule's keywords
//! with `str::contains`, every pattern's regex `is_match`); one bare Aho-Corasick pass over
//! every keyword (the floor: no regex, no negation, no verdict); that pass plus one
//! `RegexSet` of every pattern. Then how classify scales, in µs per KB, from 1 KB to 1 MB
//! on ordinary transcripts and on inputs that used to be super-linear. Run alone:
//! `cargo bench --bench side_by_side`.

use std::hint::black_box;

use aho_corasick::{AhoCorasick, MatchKind};
use collectguard::{Classifier, Message};
#[path = "support/texts.rs"]
mod texts;
// The word lists' expansion, as the builder and build.rs apply it (std only).
#[path = "../src/words.rs"]
#[allow(dead_code)]
mod words;
use texts::{SCAM_SMS, transcript};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

const ZH_SMS: &str = "【某某银行】尊敬的客户，您尾号6621的信用卡本期账单已逾期3天，\
请于本月25日前通过手机银行还款。如已还款请忽略。客服95588";

const EN_SMS: &str = "FINAL NOTICE: your loan account #4471 is 60 days past due. A lawsuit \
will be filed against you today unless you pay $480 now with Google Play gift cards. \
Call 1-800-555-0199 before 5pm.";

fn repeated(unit: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.push_str(unit);
    }
    out
}

/// Every rule's keywords and patterns, read from the packs in rules/.
struct Packs {
    keywords: Vec<Vec<String>>,
    patterns: Vec<Vec<String>>,
}

fn packs() -> Packs {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &mut files,
    );
    let mut packs = Packs {
        keywords: Vec::new(),
        patterns: Vec::new(),
    };
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let tables: Vec<toml::Table> = files
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap().parse().unwrap())
        .collect();
    // Every pack's word lists (one namespace): a pattern's `{name}` is expanded before it
    // is compiled, as the classifier's builder does.
    let mut lists = std::collections::HashMap::new();
    for table in &tables {
        if let Some(toml::Value::Table(words)) = table.get("words") {
            for (name, entries) in words {
                lists.insert(name.clone(), strings(Some(entries)));
            }
        }
    }
    for table in &tables {
        let Some(rules) = table.get("rule").and_then(toml::Value::as_array) else {
            continue;
        };
        for rule in rules {
            packs.keywords.push(strings(rule.get("keywords")));
            // ASCII word boundaries, as the classifier compiles them (the tuned form: a
            // Unicode `\b` would push the regex crate off its DFA on Chinese text).
            packs.patterns.push(
                strings(rule.get("patterns"))
                    .iter()
                    .map(|p| words::expand(p, &lists).expect("the packs' word lists expand"))
                    .map(|p| p.replace(r"\b", r"(?-u:\b)").replace(r"\B", r"(?-u:\B)"))
                    .collect(),
            );
        }
    }
    packs
}

struct Naive {
    keywords: Vec<Vec<String>>,
    regexes: Vec<Vec<Regex>>,
}

impl Naive {
    /// How many rules fire (a keyword contained or a pattern matching).
    fn run(&self, text: &str) -> usize {
        self.keywords
            .iter()
            .zip(&self.regexes)
            .filter(|(keywords, regexes)| {
                keywords.iter().any(|k| text.contains(k.as_str()))
                    || regexes.iter().any(|r| r.is_match(text))
            })
            .count()
    }
}

fn side_by_side(c: &mut Criterion) {
    let packs = packs();
    let classifier = Classifier::default();
    let naive = Naive {
        keywords: packs.keywords.clone(),
        regexes: packs
            .patterns
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|p| RegexBuilder::new(p).size_limit(1 << 24).build().unwrap())
                    .collect()
            })
            .collect(),
    };
    let all_keywords: Vec<&String> = packs.keywords.iter().flatten().collect();
    let floor = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&all_keywords)
        .unwrap();
    let set = RegexSetBuilder::new(packs.patterns.iter().flatten())
        .size_limit(1 << 30)
        .dfa_size_limit(1 << 28)
        .build()
        .unwrap();
    let set_run = |set: &RegexSet, text: &str| {
        floor.find_overlapping_iter(text).count() + set.matches(text).iter().count()
    };
    let transcript_10k = transcript(10 * 1024);
    let transcript_1m = transcript(1024 * 1024);

    let mut group = c.benchmark_group("side_by_side");
    for (name, text) in [
        ("zh_sms", ZH_SMS),
        ("zh_scam_sms", SCAM_SMS),
        ("en_sms", EN_SMS),
        ("transcript_10kb", transcript_10k.as_str()),
        ("transcript_1mb", transcript_1m.as_str()),
    ] {
        if text.len() > 100_000 {
            group.sample_size(10);
        } else {
            group.sample_size(50);
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        let message = Message::new(text);
        group.bench_with_input(BenchmarkId::new("classify", name), &message, |b, m| {
            b.iter(|| black_box(classifier.classify(m)))
        });
        group.bench_with_input(BenchmarkId::new("naive_loop", name), text, |b, t| {
            b.iter(|| black_box(naive.run(t)))
        });
        group.bench_with_input(BenchmarkId::new("bare_aho_corasick", name), text, |b, t| {
            b.iter(|| black_box(floor.find_overlapping_iter(t).count()))
        });
        group.bench_with_input(BenchmarkId::new("ac_plus_regexset", name), text, |b, t| {
            b.iter(|| black_box(set_run(&set, t)))
        });
    }
    group.finish();
}

/// Makes a text of about this many bytes.
type TextOfSize = fn(usize) -> String;

/// µs per KB of classify from 1 KB to 1 MB: an ordinary transcript and the inputs that used
/// to be super-linear (reported speech, an English negation with no spaces, a cue inside
/// its blocker, a run of link characters that is no link).
fn scaling(c: &mut Criterion) {
    let classifier = Classifier::default();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    let families: [(&str, TextOfSize); 5] = [
        ("transcript", transcript),
        ("reported_speech_zh", |n| repeated("他说冻结银行卡", n)),
        ("reported_speech_en", |n| {
            repeated("they said they would arrest you ", n)
        }),
        ("negation_no_spaces_en", |n| {
            repeated("donotpaybymoneygram", n)
        }),
        // Link characters that are no link: the model's features read each word of the
        // run to its end until the tenth session (200 KB took 7 s).
        ("link_run_no_link", |n| repeated("a/", n)),
    ];
    for (family, make) in families {
        for kb in [1usize, 10, 100, 1024] {
            let text = make(kb * 1024);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let message = Message::new(text);
            group.bench_with_input(
                BenchmarkId::new(family, format!("{kb}kb")),
                &message,
                |b, m| b.iter(|| black_box(classifier.classify(m))),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, side_by_side, scaling);
criterion_main!(benches);
