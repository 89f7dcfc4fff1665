//! Texts shared by the benches (our own words).

/// The scam SMS both benches judge.
pub const SCAM_SMS: &str = "你在某贷平台的欠款已经逾期，今天下午5点前加V信转到我私人账户，\
否则冻结你名下所有银行卡，并通知你通讯录里所有人。";

/// A synthetic call transcript of about `bytes` bytes, alternating collector and debtor
/// turns.
pub fn transcript(bytes: usize) -> String {
    let turns = [
        "催收员：你好，请问是张先生本人吗？我是某某金融贷后部门的，工号3321。",
        "我：是我，什么事？你们是哪个平台的？",
        "催收员：你在我们平台的借款已经逾期45天了，欠款一共8600元，今天能处理吗？",
        "我：我最近失业了，能不能分期？",
        "催收员：可以通过App申请延期还款，我们不会要求你转账到个人账户。",
        "我：好的，我下午看一下。",
        "催收员：如果今天还不处理，我们就联系你的紧急联系人和单位。",
        "我：你们这样是违规的，我会投诉。",
    ];
    let mut out = String::new();
    while out.len() < bytes {
        for turn in turns {
            out.push_str(turn);
            out.push('\n');
        }
    }
    out
}

/// Up to `count` short messages (at most 400 bytes) of our own labelled training sets
/// (`tests/labelled/train/*.jsonl`, files in name order, every `step`-th row), so that a
/// bench sees varied texts as a batch does: a loop over one text lets the branch
/// predictor and the caches learn it.
#[allow(dead_code)] // used by one of the two benches
pub fn varied_messages(count: usize, step: usize) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/labelled/train");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/labelled/train exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    let mut seen = 0usize;
    for file in files {
        let lines = std::fs::read_to_string(&file).expect("a labelled file reads");
        for line in lines.lines() {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let Some(text) = row["text"].as_str() else {
                continue;
            };
            if text.len() > 400 {
                continue;
            }
            seen += 1;
            if seen % step == 0 {
                out.push(text.to_string());
                if out.len() == count {
                    return out;
                }
            }
        }
    }
    out
}
