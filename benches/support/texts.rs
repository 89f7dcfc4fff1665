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
