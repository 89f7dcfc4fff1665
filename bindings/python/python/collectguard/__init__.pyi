from ._native import (
    SCHEMA_VERSION as SCHEMA_VERSION,
    BuildError as BuildError,
    Classifier as Classifier,
    Finding as Finding,
    RowError as RowError,
    Span as Span,
    Verdict as Verdict,
)
from .frames import classify_frame as classify_frame
