//! Judge a pasted message, or a batch of messages as JSON Lines.
//!
//! ```text
//! cargo run --release --example classify -- "您的借款已逾期，请加微信转账"
//! echo "您的借款已逾期" | cargo run --release --example classify -- --lang en
//! cargo run --release --example classify -- --json --sender 17012345678 "……"
//! cargo run --release --example classify -- --jsonl < messages.jsonl > verdicts.jsonl
//! cargo run --release --example classify -- --jsonl --compact --threads 2 < in.jsonl > out.jsonl
//! cargo run --release --example classify -- --catalog > catalog.json
//! ```
//!
//! Batch mode reads one JSON object per line: `{"id": any, "text": string,
//! "sender": string|null, "channel": "sms"|"call"|null, "sent_at": string|null}` (other
//! fields are ignored) and writes exactly one line per input line, in order: the verdict
//! with the same `id`, or `{"id": …, "error": "…"}` when the line cannot be read. The work
//! is spread over every core; when standard error is a terminal a progress line shows the
//! lines done and the rate.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use std::io::IsTerminal;

use collectguard::batch::BatchOptions;
use collectguard::{Channel, Classifier, ContactAttempts, Lang, LocalTime, Message};

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "\
usage: classify [OPTIONS] [TEXT...]
       classify --jsonl < messages.jsonl

Judges a debt-collection message. The text comes from the arguments, or from standard
input when there are none.

options:
  --lang zh|en        language of the report (default: the message's language)
  --attempts A/U      today's contact attempts by this collector: answered/unanswered
  --sender NUMBER     the sender's number or SMS sender id
  --channel C         how it arrived: sms, call, letter or other (default: sms)
  --sent-at TIME      when it was sent, local time: 2026-11-23T22:15 or 22:15
  --model FILE        combine the rules with this model file (from the train example)
  --without-model     the rules alone, no learned model
  --json              print the verdict as one JSON object
  --jsonl             batch mode: JSON Lines in, one verdict per line out
  --compact           with --jsonl: compact verdicts (rule ids, weights, spans; the
                      titles and reasons are in the catalogue, see --catalog)
  --threads N         with --jsonl: worker threads (default: one per core)
  --catalog           print the rule catalogue (every finding's title, reason, reference
                      and every advice text) as JSON, and exit
  -h, --help          this help";

struct Options {
    lang: Option<Lang>,
    attempts: Option<ContactAttempts>,
    sender: Option<String>,
    channel: Option<Channel>,
    sent_at: Option<LocalTime>,
    json: bool,
    jsonl: bool,
    compact: bool,
    catalog: bool,
    threads: usize,
    model: Option<Option<std::path::PathBuf>>,
    text: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        lang: None,
        attempts: None,
        sender: None,
        channel: None,
        sent_at: None,
        json: false,
        jsonl: false,
        compact: false,
        catalog: false,
        threads: 0,
        model: None,
        text: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--lang" => {
                options.lang = match value("--lang")?.as_str() {
                    "zh" => Some(Lang::Zh),
                    "en" => Some(Lang::En),
                    other => return Err(format!("unknown language {other:?} (zh or en)")),
                }
            }
            "--sender" => options.sender = Some(value("--sender")?),
            "--channel" => {
                options.channel = Some(match value("--channel")?.as_str() {
                    "sms" => Channel::Sms,
                    "call" => Channel::Call,
                    "letter" => Channel::Letter,
                    "other" => Channel::Other,
                    other => {
                        return Err(format!(
                            "unknown channel {other:?} (sms, call, letter or other)"
                        ));
                    }
                })
            }
            "--sent-at" => {
                options.sent_at = Some(value("--sent-at")?.parse().map_err(|e| format!("{e}"))?)
            }
            "--attempts" => {
                let v = value("--attempts")?;
                let parsed = v
                    .split_once('/')
                    .and_then(|(a, u)| Some((a.trim().parse().ok()?, u.trim().parse().ok()?)));
                let Some((answered, unanswered)) = parsed else {
                    return Err(format!(
                        "--attempts wants ANSWERED/UNANSWERED, e.g. 2/7, not {v:?}"
                    ));
                };
                options.attempts = Some(ContactAttempts {
                    answered,
                    unanswered,
                });
            }
            "--model" => options.model = Some(Some(value("--model")?.into())),
            "--without-model" => options.model = Some(None),
            "--json" => options.json = true,
            "--jsonl" => options.jsonl = true,
            "--compact" => options.compact = true,
            "--catalog" => options.catalog = true,
            "--threads" => {
                let v = value("--threads")?;
                options.threads = v
                    .parse()
                    .map_err(|_| format!("--threads wants a number, not {v:?}"))?;
            }
            "--" => options.text.extend(args.by_ref()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => options.text.push(arg),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match cli::options_or_exit(parse_args(), USAGE, "classify") {
        Ok(options) => options,
        Err(code) => return code,
    };
    let classifier = match &options.model {
        None => Classifier::default(),
        Some(model) => {
            let builder = Classifier::builder();
            let builder = match model {
                Some(path) => builder.model_file(path),
                None => builder.without_model(),
            };
            match builder.build() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("classify: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    if options.catalog {
        let json = serde_json::to_string_pretty(&classifier.catalog()).expect("serializable");
        return match writeln!(io::stdout().lock(), "{json}") {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                eprintln!("classify: {e}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        };
    }
    if options.jsonl {
        let stdin = io::stdin().lock();
        let stdout = BufWriter::new(io::stdout().lock());
        // A progress line on a terminal only (never in a log file or a pipe).
        let bar = io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {human_pos} lines, {per_sec}, {elapsed}",
                )
                .expect("a valid template"),
            );
            bar
        });
        let progress = |done: usize| {
            if let Some(bar) = &bar {
                bar.set_position(done as u64);
            }
        };
        let batch_options = BatchOptions {
            threads: options.threads,
            compact: options.compact,
            progress: Some(&progress),
        };
        let result =
            collectguard::batch::classify_jsonl_with(&classifier, stdin, stdout, batch_options);
        if let Some(bar) = &bar {
            bar.finish();
        }
        return match result {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("classify: {e}");
                ExitCode::FAILURE
            }
        };
    }

    let text = if options.text.is_empty() {
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
            eprintln!("classify: cannot read standard input: {e}");
            return ExitCode::FAILURE;
        }
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                eprintln!(
                    "classify: standard input is not valid UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                );
                return ExitCode::FAILURE;
            }
        }
    } else {
        options.text.join(" ")
    };
    let mut message = Message::new(text);
    message.sender = options.sender;
    message.channel = options.channel;
    message.sent_at = options.sent_at;
    message.attempts_today = options.attempts;
    let verdict = classifier.classify(&message);
    let out = if options.json {
        match serde_json::to_string_pretty(&verdict) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("classify: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let lang = options.lang.unwrap_or_else(|| Lang::of_text(&message.text));
        verdict.report(lang).to_string()
    };
    // A reader that stops early (`| head`) is not an error.
    match io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("classify: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
