//! Throughput of the classifier: engine build, one short SMS, a 10 KB transcript, 2,000
//! varied short messages, a stream of 17,582 distinct ones, normalization alone, and what
//! the learned model adds (the same inputs with the rules alone; loading and predicting
//! with the model by itself). Run alone on the machine with `cargo bench --bench classify`.

use std::hint::black_box;

use collectguard::model::Model;
use collectguard::{Classifier, Message, normalize};
#[path = "support/texts.rs"]
mod texts;
use texts::{SCAM_SMS, transcript, varied_messages};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SMS: &str = "【某某消费金融】尊敬的李先生，您尾号6621的借款已逾期12天，欠款2380.00元。\
请通过官方App或对公账户还款，切勿向任何个人账户转账。如有疑问请致电95511。";

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(20);
    group.bench_function("default_classifier", |b| {
        b.iter(|| black_box(Classifier::builder().build().unwrap()))
    });
    group.finish();

    let classifier = Classifier::default();
    let rules_only = Classifier::builder().without_model().build().unwrap();
    let transcript = transcript(10 * 1024);
    let mut group = c.benchmark_group("classify");
    for (name, text) in [
        ("sms_legit", SMS),
        ("sms_scam", SCAM_SMS),
        ("transcript_10kb", transcript.as_str()),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        let message = Message::new(text);
        group.bench_function(name, |b| {
            b.iter(|| black_box(classifier.classify(&message)))
        });
        group.bench_function(format!("{name}_rules_only"), |b| {
            b.iter(|| black_box(rules_only.classify(&message)))
        });
    }
    group.finish();

    // 2,000 different short messages per iteration: what the model adds to a varied
    // batch, where its weight rows are not all in cache and its branches not learnt.
    let varied: Vec<Message> = varied_messages(2000, 7)
        .into_iter()
        .map(Message::new)
        .collect();
    for message in &varied {
        // Compile the patterns these texts need before timing.
        black_box(classifier.classify(message));
    }
    let mut group = c.benchmark_group("varied_sms");
    group.sample_size(20);
    group.throughput(Throughput::Elements(varied.len() as u64));
    group.bench_function("with_model", |b| {
        b.iter(|| {
            for message in &varied {
                black_box(classifier.classify(message));
            }
        })
    });
    group.bench_function("rules_only", |b| {
        b.iter(|| {
            for message in &varied {
                black_box(rules_only.classify(message));
            }
        })
    });
    group.finish();

    // One message after another through every short message of the training files
    // (17,582, shuffled): what a batch of distinct messages costs each, with the model's
    // weight rows, the lazy DFAs' states and the literal automaton's nodes mostly out of
    // cache. The 2,000 messages above, classified again and again, keep much of that in
    // cache; one message repeated keeps all of it.
    let mut stream: Vec<Message> = varied_messages(usize::MAX, 1)
        .into_iter()
        .map(Message::new)
        .collect();
    shuffle(&mut stream, 0x5eed_cafe);
    for message in &stream {
        black_box(classifier.classify(message));
        black_box(rules_only.classify(message));
    }
    let mut group = c.benchmark_group("stream");
    group.throughput(Throughput::Elements(1));
    for (name, which) in [("with_model", &classifier), ("rules_only", &rules_only)] {
        let mut next = 0usize;
        group.bench_function(name, |b| {
            b.iter(|| {
                next = (next + 1) % stream.len();
                black_box(which.classify(&stream[next]))
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("model");
    group.sample_size(20);
    let bytes = include_bytes!("../model/default.cgm");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("load_default", |b| {
        b.iter(|| black_box(Model::from_bytes("default.cgm", bytes).unwrap()))
    });
    group.finish();
    let mut group = c.benchmark_group("model_predict");
    let model = Model::embedded();
    for (name, text) in [
        ("predict_sms", SMS),
        ("predict_transcript_10kb", transcript.as_str()),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box(model.predict(text))));
    }
    group.finish();

    let mut group = c.benchmark_group("normalize");
    for (name, text) in [("sms", SMS), ("transcript_10kb", transcript.as_str())] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box(normalize(text))));
    }
    group.finish();
}

/// A seeded Fisher-Yates shuffle (splitmix64 draws).
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        items.swap(i, (z % (i as u64 + 1)) as usize);
    }
}

criterion_group!(classify, benches);
criterion_main!(classify);
