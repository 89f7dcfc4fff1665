fn main() {
    let c = collectguard::Classifier::default();
    for text in std::env::args().skip(1) {
        println!("{}", c.normalize(&text).as_str());
        println!("{:?}", c.matched_rule_ids(&text.as_str().into()));
        let v = c.classify_text(&text);
        println!("{} {:?} risk={} {:?}", v.label, v.scheme, v.risk, v.scores);
    }
}
