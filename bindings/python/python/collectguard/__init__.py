"""collectguard: explained verdicts on debt-collection messages (Chinese and English).

    >>> import collectguard
    >>> c = collectguard.Classifier()
    >>> v = c.classify("你的网贷已经逾期，今天之内把钱转到我的个人微信")
    >>> v.label
    'scam'

`Classifier.classify` judges one message; `Classifier.classify_many` judges a batch on every
core with the GIL released; `classify_frame` adds verdict columns to a pandas or Polars
DataFrame. Verdicts' `to_dict()` is exactly the Rust library's JSON wire format.
"""

from ._native import (
    SCHEMA_VERSION,
    BuildError,
    Classifier,
    Finding,
    RowError,
    Span,
    Verdict,
)
from .frames import classify_frame

__all__ = [
    "SCHEMA_VERSION",
    "BuildError",
    "Classifier",
    "Finding",
    "RowError",
    "Span",
    "Verdict",
    "classify_frame",
]
