"""Classify a table of messages on Spark with collectguard, and write the verdicts to Parquet.

Each Python worker process builds one Classifier (the first time a batch reaches it) and
keeps it; `mapInPandas` hands it Arrow batches of rows, and each batch is judged with
`classify_many` (one thread per task: Spark already runs one task per core).

    python examples/spark_classify.py --input messages.jsonl --output verdicts.parquet
    python examples/spark_classify.py --rows 100000 --output /tmp/v.parquet   # synthetic

The input is JSON Lines with at least `id` (integer) and `text`; `sender` is read when
present. Output columns: id, label, scheme, risk, rule_ids, model_alone, findings_json, error.
"""

from __future__ import annotations

import argparse
import time
from typing import Iterator

OUTPUT_SCHEMA = (
    "id long, label string, scheme string, risk int, rule_ids array<string>, "
    "model_alone boolean, findings_json string, error string"
)

_CLASSIFIER = None


def classifier():
    """The worker process's classifier, built once."""
    global _CLASSIFIER
    if _CLASSIFIER is None:
        import collectguard

        _CLASSIFIER = collectguard.Classifier()
    return _CLASSIFIER


def classify_batches(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
    """mapInPandas function: verdict columns for each batch of rows."""
    import collectguard

    for frame in batches:
        sender = "sender" if "sender" in frame.columns else None
        judged = collectguard.classify_frame(
            frame, classifier(), text="text", sender=sender, id_column="id", threads=1,
            prefix="",
        )
        yield judged[
            ["id", "label", "scheme", "risk", "rule_ids", "model_alone", "findings_json", "error"]
        ]


SAMPLE_TEXTS = [
    "【某某银行】尊敬的客户，您尾号6621的信用卡本期账单已逾期3天，请于本月25日前通过手机银行还款。",
    "你在某贷平台的欠款已经逾期，今天下午5点前转到我私人账户，否则冻结你名下所有银行卡。",
    "再不还钱就把你欠款的事发给你通讯录里所有人，让你单位同事都知道。",
    "专业停催，协商分期，收费只要500元，逾期不用慌，加微信咨询。",
    "Your loan account is 60 days past due. Pay $480 today with gift cards or we file a lawsuit.",
    "This is Acme Recovery, a debt collector. Your balance is $1,240. Call 1-800-555-0100.",
    "今晚一起吃饭吗？",
    "Your parcel is out for delivery today.",
]


def synthetic_rows(spark, n: int):
    """n rows cycling through SAMPLE_TEXTS, each with a distinct number appended."""
    from pyspark.sql import functions as F

    texts = F.array(*[F.lit(t) for t in SAMPLE_TEXTS])
    return spark.range(n).select(
        F.col("id"),
        F.concat(
            F.element_at(texts, (F.col("id") % len(SAMPLE_TEXTS) + 1).cast("int")),
            F.lit(" #"),
            F.col("id").cast("string"),
        ).alias("text"),
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", help="JSON Lines with id and text")
    source.add_argument("--rows", type=int, help="classify N synthetic rows instead")
    parser.add_argument("--output", required=True, help="Parquet directory to write")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("collectguard")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        if args.input:
            table = spark.read.json(args.input)
        else:
            table = synthetic_rows(spark, args.rows)
        partitions = args.partitions or spark.sparkContext.defaultParallelism
        table = table.repartition(partitions).cache()
        rows = table.count()
        started = time.perf_counter()
        verdicts = table.mapInPandas(classify_batches, schema=OUTPUT_SCHEMA)
        verdicts.write.mode("overwrite").parquet(args.output)
        elapsed = time.perf_counter() - started
        print(f"classified {rows} rows in {elapsed:.1f} s: {rows / elapsed:,.0f} rows/s "
              f"({args.master}, {partitions} partitions) -> {args.output}")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
