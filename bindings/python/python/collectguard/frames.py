"""Verdict columns for pandas and Polars DataFrames."""

from __future__ import annotations

import json
from typing import Any, Optional

# The columns classify_frame adds, after the prefix.
COLUMNS = ("label", "scheme", "risk", "rule_ids", "model_alone", "findings_json", "error")


def _rows(frame: Any, text: str, sender: Optional[str], channel: Optional[str],
          sent_at: Optional[str], id_column: Optional[str]) -> list:
    """The frame's rows as classify_many input dicts."""
    columns = {"text": text, "sender": sender, "channel": channel, "sent_at": sent_at,
               "id": id_column}
    columns = {key: name for key, name in columns.items() if name is not None}
    if hasattr(frame, "to_dicts"):  # Polars
        data = frame.select(list(columns.values())).to_dicts()
    else:  # pandas
        data = frame[list(columns.values())].to_dict(orient="records")
    rows = []
    for record in data:
        row = {}
        for key, name in columns.items():
            value = record.get(name)
            if value is None or value != value:  # None or NaN: absent
                continue
            row[key] = value if key != "id" else _plain(value)
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    """A JSON-serializable id (numpy scalars become Python numbers)."""
    try:
        json.dumps(value)
        return value
    except TypeError:
        return value.item() if hasattr(value, "item") else str(value)


def classify_frame(frame: Any, classifier: Any = None, *, text: str = "text",
                   sender: Optional[str] = None, channel: Optional[str] = None,
                   sent_at: Optional[str] = None, id_column: Optional[str] = None,
                   threads: Optional[int] = None, prefix: str = "cg_") -> Any:
    """Returns `frame` with verdict columns added: `{prefix}label`, `scheme`, `risk`,
    `rule_ids` (the findings' rule ids, strongest first), `model_alone` (whether the label
    rests on the learned model alone: the verdicts most worth a human look),
    `findings_json` (the findings in the wire format) and `error` (why a row could not be
    judged, else None).

    Works on a pandas or a Polars DataFrame (returns the same kind; pandas gets a copy).
    `text`, `sender`, `channel`, `sent_at` name the columns to read.

        >>> import pandas as pd, collectguard
        >>> df = pd.DataFrame({"text": ["您的借款已逾期3天，请通过官方App还款", "hello"]})
        >>> collectguard.classify_frame(df)["cg_label"].tolist()  # doctest: +SKIP
    """
    from . import Classifier

    if classifier is None:
        classifier = Classifier()
    rows = _rows(frame, text, sender, channel, sent_at, id_column)
    results = classifier.classify_many(rows, threads=threads)
    out = {name: [] for name in COLUMNS}
    for result in results:
        error = getattr(result, "error", None) if result.label is None else None
        out["label"].append(result.label)
        out["scheme"].append(None if error else result.scheme)
        out["risk"].append(None if error else result.risk)
        out["rule_ids"].append([] if error else [f.rule_id for f in result.findings])
        out["model_alone"].append(None if error else result.rests_on_model_alone())
        out["findings_json"].append(
            None if error else json.dumps(result.to_dict()["findings"], ensure_ascii=False))
        out["error"].append(error)
    if hasattr(frame, "with_columns"):  # Polars
        import polars as pl

        return frame.with_columns(
            [pl.Series(prefix + name, values) for name, values in out.items()])
    result = frame.copy()
    for name, values in out.items():
        result[prefix + name] = values
    return result
