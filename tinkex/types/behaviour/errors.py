"""The validation error the generated types raise: pydantic's shape, tinkex's class.

Code written for the official SDK catches ``ValueError`` (pydantic's ``ValidationError`` is
one); tinkex code catches ``TinkexValidationError``. This class is both, and like pydantic's it
lists every problem as ``{"type", "loc", "msg", "input"}`` with the field path in ``loc``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from ...errors import TinkexValidationError

__all__ = ["ErrorDetails", "Loc", "ValidationError", "format_loc"]

Loc = tuple[str | int, ...]


class ErrorDetails(TypedDict):
    type: str
    loc: Loc
    msg: str
    input: Any


def format_loc(loc: Loc) -> str:
    """``("data", 0, "model_input", "chunks")`` -> ``"data[0].model_input.chunks"``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


class ValidationError(TinkexValidationError):
    """Bad field values for a tinkex type (the analogue of ``pydantic.ValidationError``)."""

    def __init__(self, title: str, details: Sequence[ErrorDetails]) -> None:
        self.title = title
        self._details = list(details)
        first = self._details[0]
        super().__init__(self._render(), field=format_loc(first["loc"]) or None)

    @classmethod
    def single(cls, title: str, loc: Loc, kind: str, msg: str, value: Any) -> ValidationError:
        return cls(title, [{"type": kind, "loc": loc, "msg": msg, "input": value}])

    def errors(self) -> list[ErrorDetails]:
        """Every problem, in pydantic's ``errors()`` format."""
        return [dict(d) for d in self._details]  # type: ignore[misc]

    def error_count(self) -> int:
        return len(self._details)

    def with_prefix(self, title: str, prefix: Loc) -> ValidationError:
        """The same problems seen from an enclosing type (its name, and paths under ``prefix``)."""
        moved: list[ErrorDetails] = [{**d, "loc": (*prefix, *d["loc"])} for d in self._details]
        return ValidationError(title, moved)

    def _render(self) -> str:
        count = len(self._details)
        lines = [f"{count} validation error{'s' if count != 1 else ''} for {self.title}"]
        for detail in self._details:
            lines.append(format_loc(detail["loc"]) or "(value)")
            shown = _short(detail["input"])
            lines.append(
                f"  {detail['msg']} [type={detail['type']}, input_value={shown},"
                f" input_type={type(detail['input']).__name__}]"
            )
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ValidationError, (self.title, self._details))
