"""The validation error raised by the data types (defined once, in ``tinkex.errors``)."""

from __future__ import annotations

from ..errors import TinkexValidationError

__all__ = ["TinkexValidationError"]
