"""Tests of the Python package: wire-format parity with the Rust example, batches (order,
error entries, GIL released), the DataFrame helper, errors, and the Spark example."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import collectguard

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Our own words (the project's rules and labelled sets are written for it).
SAMPLE = [
    "【某某银行】尊敬的客户，您尾号6621的信用卡本期账单已逾期3天，请于本月25日前通过手机银行还款。如已还款请忽略。",
    "你在某贷平台的欠款已经逾期，今天下午5点前加V信转到我私人账户，否则冻结你名下所有银行卡。",
    "再不还钱就把你欠款的事发给你通讯录里所有人，让你单位同事都知道。",
    "专业停催，协商分期，收费只要500元，逾期不用慌，加微信咨询。",
    "催收员：你好，是张先生吗？你的借款逾期45天了。\n我：我下周还。\n催收员：今天不还就去你单位。",
    "FINAL NOTICE: your loan account is 60 days past due. Pay $480 today with Google Play gift cards.",
    "This is Acme Recovery, a debt collector. Your balance is $1,240. Call 1-800-555-0100.",
    "今晚一起吃饭吗？",
    "",
    "😀😀 \u0007",
]


@pytest.fixture(scope="module")
def classifier():
    return collectguard.Classifier()


def labelled_rows(limit=400):
    """Rows of the project's own labelled sets (our words)."""
    rows = []
    path = ROOT / "tests" / "labelled" / "own.jsonl"
    with open(path, encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
    return rows[:limit]


def test_classify_one(classifier):
    v = classifier.classify(SAMPLE[1], sender="+86 170 1234 5678")
    assert v.label == "scam"
    assert v.scheme == "fake_collector"
    assert 0 <= v.risk <= 100
    assert v.findings and all(f.rule_id for f in v.findings)
    text = SAMPLE[1]
    raw = text.encode("utf-8")
    for finding in v.findings:
        for span in finding.spans:
            assert raw[span.start:span.end].decode("utf-8") == span.text
    assert set(v.to_dict()) >= {"schema_version", "label", "risk", "findings", "advice"}
    assert v.to_dict()["schema_version"] == collectguard.SCHEMA_VERSION
    assert v.report("zh") != v.report("en") and v.report("en")
    with pytest.raises(ValueError):
        v.report("fr")


def test_metadata_arguments(classifier):
    v = classifier.classify("你好，提醒您今天还款。", channel="sms", sent_at="23:30",
                            attempts_today={"answered": 3, "unanswered": 9})
    assert v.label in {"legitimate", "abusive", "scam", "unverified", "not_collection"}
    # Unknown channel names read as "other", as in the Rust library and --jsonl.
    assert classifier.classify("x", channel="pigeon").label == classifier.classify("x").label
    with pytest.raises(ValueError):
        classifier.classify("x", sent_at="25:99")
    with pytest.raises(ValueError):
        classifier.classify("x", attempts_today={"answered": "many"})


def test_wire_format_parity_with_the_rust_example(classifier, tmp_path):
    """classify_many(...).to_dict() equals what `classify --jsonl` writes, row by row."""
    rows = [{"id": i, "text": r["text"]} for i, r in enumerate(labelled_rows(150))]
    rows += [{"id": 1000 + i, "text": t} for i, t in enumerate(SAMPLE)]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--example", "classify", "--", "--jsonl"],
        cwd=ROOT, input=lines.encode("utf-8"), capture_output=True, check=True,
    ).stdout.decode("utf-8").splitlines()
    results = classifier.classify_many(rows)
    assert len(out) == len(results) == len(rows)
    for line, result in zip(out, results):
        expected = json.loads(line)
        expected_id = expected.pop("id")
        assert result.id == expected_id
        assert result.to_dict() == expected


def test_classify_many_keeps_order_and_reports_bad_rows(classifier):
    rows = [
        SAMPLE[0],
        {"id": "a", "text": SAMPLE[1]},
        {"id": "no-text"},
        42,
        {"id": 7, "text": SAMPLE[2], "channel": 5},
        {"id": "obj", "text": "x", "extra": object()},
        SAMPLE[5],
    ]
    results = classifier.classify_many(rows, threads=2)
    assert len(results) == len(rows)
    assert results[0].label == classifier.classify(SAMPLE[0]).label
    assert results[1].id == "a" and results[1].label == "scam"
    assert isinstance(results[2], collectguard.RowError) and results[2].id == "no-text"
    assert results[2].to_dict() == {"id": "no-text", "error": results[2].error}
    assert isinstance(results[3], collectguard.RowError) and "str or a dict" in results[3].error
    assert isinstance(results[4], collectguard.RowError) and results[4].id == 7
    assert isinstance(results[5], collectguard.RowError) and results[5].id == "obj"
    assert results[6].label == classifier.classify(SAMPLE[5]).label
    # The same verdicts on one thread, and one message at a time.
    texts = [r["text"] for r in labelled_rows(200)]
    many = [v.to_dict() for v in classifier.classify_many(texts, threads=1)]
    assert many == [v.to_dict() for v in classifier.classify_many(texts, threads=2)]
    assert many == [classifier.classify(t).to_dict() for t in texts]


def test_classify_many_releases_the_gil(classifier):
    """Another Python thread keeps running while a long batch is judged."""
    rows = [SAMPLE[4] * 5] * 6000
    counter = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            counter[0] += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.2)
        base_start, t0 = counter[0], time.perf_counter()
        time.sleep(0.3)
        alone_rate = (counter[0] - base_start) / (time.perf_counter() - t0)
        before, t1 = counter[0], time.perf_counter()
        classifier.classify_many(rows, threads=1)
        during_rate = (counter[0] - before) / (time.perf_counter() - t1)
    finally:
        stop.set()
        spinner.join()
    assert time.perf_counter() - t1 > 0.2, "the batch was too short to tell"
    # Holding the GIL would stop the spinner for the whole batch (rate near 0).
    assert during_rate > 0.3 * alone_rate, (during_rate, alone_rate)


def test_build_errors_are_python_exceptions(tmp_path):
    bad = tmp_path / "packs"
    bad.mkdir()
    (bad / "bad.toml").write_text('[[rule]]\nid = "x.y"\naxis = "fraud"\n', encoding="utf-8")
    with pytest.raises(collectguard.BuildError) as err:
        collectguard.Classifier(pack_dirs=[str(bad)])
    assert "bad.toml" in str(err.value) and "x.y" in str(err.value)
    model = tmp_path / "broken.cgm"
    model.write_bytes(b"not a model")
    with pytest.raises(collectguard.BuildError) as err:
        collectguard.Classifier(model=str(model))
    assert "broken.cgm" in str(err.value)
    with pytest.raises(collectguard.BuildError):
        collectguard.Classifier(disabled_rules=["no.such.rule"])
    assert isinstance(collectguard.BuildError("x"), ValueError)


def test_without_model_and_disabled_rules(classifier):
    rules_only = collectguard.Classifier(without_model=True)
    assert all(f.source != "model" for f in rules_only.classify(SAMPLE[1]).findings)
    fired = classifier.classify(SAMPLE[1]).findings[0].rule_id
    if not fired.startswith("model."):
        fewer = collectguard.Classifier(disabled_rules=[fired])
        assert not fewer.classify(SAMPLE[1]).fired(fired)


def test_catalog_and_compact(classifier):
    catalog = classifier.catalog()
    ids = {entry["rule_id"] for entry in catalog["findings"]}
    v = classifier.classify(SAMPLE[2])
    compact = v.compact()
    assert compact["label"] == v.label
    for finding in compact["findings"]:
        assert finding["rule_id"] in ids
        assert "title" not in finding


def test_pandas_helper(classifier):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": list(range(len(SAMPLE))), "text": SAMPLE,
                          "sender": [None, "+86 170 1234 5678"] + [None] * (len(SAMPLE) - 2)})
    out = collectguard.classify_frame(frame, classifier, sender="sender", id_column="id")
    assert list(out["id"]) == list(range(len(SAMPLE)))
    assert "cg_label" in out and "text" in out
    expected = [classifier.classify(t).label for t in SAMPLE]
    expected[1] = classifier.classify(SAMPLE[1], sender="+86 170 1234 5678").label
    assert list(out["cg_label"]) == expected
    assert all(isinstance(ids, list) for ids in out["cg_rule_ids"])
    assert list(out["cg_model_alone"]) == [
        classifier.classify(t).rests_on_model_alone() for t in SAMPLE]
    assert out["cg_error"].isna().all()
    assert "cg_label" not in frame  # the input is left alone


def test_polars_helper(classifier):
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"text": SAMPLE})
    out = collectguard.classify_frame(frame, classifier)
    assert out["cg_label"].to_list() == [classifier.classify(t).label for t in SAMPLE]


@pytest.mark.skipif(
    os.environ.get("COLLECTGUARD_REQUIRE_SPARK") != "1" and not os.environ.get("JAVA_HOME")
    and subprocess.run(["which", "java"], capture_output=True).returncode != 0,
    reason="no Java",
)
def test_spark_example_on_a_small_table(tmp_path):
    if os.environ.get("COLLECTGUARD_REQUIRE_SPARK") != "1":
        pytest.importorskip("pyspark")
    pd = pytest.importorskip("pandas")
    source = tmp_path / "messages.jsonl"
    with open(source, "w", encoding="utf-8") as f:
        for i, text in enumerate(SAMPLE * 5):
            f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    output = tmp_path / "verdicts.parquet"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "spark_classify.py"), "--input", str(source),
         "--output", str(output), "--master", "local[2]"],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "rows/s" in run.stdout
    table = pd.read_parquet(output).sort_values("id")
    assert len(table) == len(SAMPLE) * 5
    c = collectguard.Classifier()
    assert list(table["label"]) == [c.classify(t).label for t in SAMPLE * 5]
    assert set(table.columns) >= {"id", "label", "risk", "scheme", "rule_ids", "model_alone",
                                  "findings_json"}


def test_rests_on_model_alone(classifier):
    # The rules find the private account: the verdict does not rest on the model alone.
    assert not classifier.classify(SAMPLE[1]).rests_on_model_alone()
    # Nothing said (not_collection) needs no evidence either.
    assert not classifier.classify(SAMPLE[-1]).rests_on_model_alone()


def test_is_risky_outside_collection(classifier):
    threat = classifier.classify("Transfer the 500 tonight or you go to jail.")
    assert threat.label == "not_collection"
    assert threat.is_risky_outside_collection()
    assert not classifier.classify("See you at the game tonight.").is_risky_outside_collection()
