"""The names of the union aliases in ``unions.py``, kept apart so that ``tinkex.types`` can list
them without importing the generated classes they are built from."""

UNION_ALIASES: tuple[str, ...] = (
    "BillingEventInfo",
    "FutureCompletion",
    "FutureRetrieveResponse",
    "ModelID",
    "ModelInputChunk",
    "OptimParams",
    "OptimizerConfig",
    "ProvenanceSpan",
    "ProvenanceSpans",
    "RequestID",
    "SearchOwner",
    "SessionFailedReason",
    "SessionStatus",
    "SessionStatusQuery",
    "TelemetryEvent",
)
