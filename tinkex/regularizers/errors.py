"""Typed failures of the regularizer pipeline (LOSS-08, LOSS-13)."""

from __future__ import annotations

from typing import ClassVar

from ..errors import TinkerError

__all__ = ["PipelineError", "RegularizerError", "RegularizerTimeoutError"]


class PipelineError(TinkerError):
    """The base loss (or the composition around it) failed; ``__cause__`` holds the reason."""

    type: ClassVar[str] = "pipeline_failed"


class RegularizerError(TinkerError):
    """One regularizer failed; ``name`` says which, ``__cause__`` holds the reason."""

    type: ClassVar[str] = "regularizer_failed"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"regularizer {name!r} failed: {message}")
        self.name = name


class RegularizerTimeoutError(RegularizerError):
    """One regularizer ran longer than its timeout."""

    type: ClassVar[str] = "regularizer_timeout"

    def __init__(self, name: str, timeout: float) -> None:
        super().__init__(name, f"timed out after {timeout:g} s")
        self.timeout = timeout
