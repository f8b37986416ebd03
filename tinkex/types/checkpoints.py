"""Checkpoints, tinker paths, training runs and paging (protocol §5.9, TYP-14..20).

Path grammar: ``tinker://<training_run_id>/<kind>/<name>`` with ``kind`` one of
``weights`` (training), ``sampler_weights`` (sampler), ``external_weights`` (external).
``checkpoint_id`` is ``<kind>/<name>`` as in the official SDK and in REST paths (D-02);
``checkpoint_name`` is the bare ``<name>``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import quote

import attrs

from ._base import WireModel
from ._base import parse_datetime as datetime_or_str
from ._errors import TinkexValidationError

__all__ = [
    "Checkpoint",
    "CheckpointArchiveUrlResponse",
    "CheckpointType",
    "CheckpointsListResponse",
    "Cursor",
    "ParsedCheckpointTinkerPath",
    "TrainingRun",
    "TrainingRunsResponse",
    "console_checkpoint_url",
    "console_playground_url",
]

CheckpointType = Literal["training", "sampler", "external"]

TINKER_SCHEME = "tinker://"
_KIND_TO_TYPE: dict[str, CheckpointType] = {
    "weights": "training",
    "sampler_weights": "sampler",
    "external_weights": "external",
}

# The Tinker web console, used only to build links (official ``get_console_url``).
CONSOLE_BASE_URL = "https://tinker.thinkingmachines.ai"


def console_checkpoint_url(training_run_id: str, checkpoint_id: str) -> str:
    return f"{CONSOLE_BASE_URL}/checkpoints/{quote(training_run_id, safe='')}/{quote(checkpoint_id, safe='')}"


def console_playground_url(tinker_path: str) -> str:
    return f"{CONSOLE_BASE_URL}/playground?mode=checkpoint&checkpoint={quote(tinker_path, safe='')}"


@attrs.define(frozen=True, kw_only=True)
class ParsedCheckpointTinkerPath(WireModel):
    tinker_path: str
    training_run_id: str
    checkpoint_type: CheckpointType
    checkpoint_id: str

    @classmethod
    def from_tinker_path(cls, tinker_path: str) -> ParsedCheckpointTinkerPath:
        if not isinstance(tinker_path, str) or not tinker_path.startswith(TINKER_SCHEME):
            raise TinkexValidationError(
                f"Checkpoint path must start with {TINKER_SCHEME}, got: {tinker_path!r}", field="tinker_path"
            )
        parts = tinker_path[len(TINKER_SCHEME) :].split("/")
        if len(parts) != 3 or not parts[0] or not parts[2]:
            raise TinkexValidationError(
                f"Invalid checkpoint path: {tinker_path!r} (expected tinker://<run_id>/<kind>/<name>)",
                field="tinker_path",
            )
        run_id, kind, _name = parts
        if any(part in (".", "..") or not part.isprintable() for part in (run_id, _name)):
            # Dot segments would address another resource once in a URL; control characters
            # and whitespace never occur in server-chosen ids or checkpoint names.
            raise TinkexValidationError(
                f"Invalid checkpoint path: {tinker_path!r} (run id and name must not be '.', '..' "
                "or contain control characters)",
                field="tinker_path",
            )
        if kind not in _KIND_TO_TYPE:
            raise TinkexValidationError(
                f"Invalid checkpoint type in path: {kind!r} (expected one of {sorted(_KIND_TO_TYPE)})",
                field="tinker_path",
            )
        return cls(
            tinker_path=tinker_path,
            training_run_id=run_id,
            checkpoint_type=_KIND_TO_TYPE[kind],
            checkpoint_id=f"{kind}/{_name}",
        )

    @property
    def checkpoint_name(self) -> str:
        """The bare checkpoint name, without the ``weights/`` (etc.) segment."""
        return self.checkpoint_id.split("/", 1)[-1]

    @property
    def checkpoint_segment(self) -> str:
        """The REST path segment, ``<kind>/<name>`` (same as ``checkpoint_id``)."""
        return self.checkpoint_id


@attrs.define(frozen=True, kw_only=True)
class Checkpoint(WireModel):
    """``time``/``expires_at`` are datetimes; a server string that is not ISO-8601 is kept as is."""

    checkpoint_id: str
    checkpoint_type: CheckpointType
    time: _dt.datetime = attrs.field(converter=datetime_or_str)
    tinker_path: str
    size_bytes: int | None = None
    public: bool = False
    user_metadata: dict[str, str] | None = None
    expires_at: _dt.datetime | None = attrs.field(default=None, converter=datetime_or_str)

    @property
    def training_run_id(self) -> str | None:
        """The run id taken from ``tinker_path`` (None when the path is not a tinker path)."""
        try:
            return ParsedCheckpointTinkerPath.from_tinker_path(self.tinker_path).training_run_id
        except TinkexValidationError:
            return None


def _paging_int(value: Any) -> int:
    # TYP-17: numeric strings are parsed; anything invalid counts as 0.
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


@attrs.define(frozen=True, kw_only=True)
class Cursor(WireModel):
    offset: int = attrs.field(converter=_paging_int)
    limit: int = attrs.field(converter=_paging_int)
    total_count: int = attrs.field(converter=_paging_int)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cursor:
        return cls(**{k: data.get(k, 0) for k in ("offset", "limit", "total_count")})


@attrs.define(frozen=True, kw_only=True)
class CheckpointsListResponse(WireModel):
    checkpoints: list[Checkpoint]
    cursor: Cursor | None = None


@attrs.define(frozen=True, kw_only=True)
class TrainingRun(WireModel):
    training_run_id: str = attrs.field(metadata={"aliases": ("id",)})
    base_model: str
    model_owner: str
    is_lora: bool
    corrupted: bool = False
    lora_rank: int | None = None
    last_request_time: _dt.datetime = attrs.field(converter=datetime_or_str)
    last_checkpoint: Checkpoint | None = None
    last_sampler_checkpoint: Checkpoint | None = None
    user_metadata: dict[str, str] | None = None


@attrs.define(frozen=True, kw_only=True)
class TrainingRunsResponse(WireModel):
    training_runs: list[TrainingRun]
    cursor: Cursor


@attrs.define(frozen=True, kw_only=True)
class CheckpointArchiveUrlResponse(WireModel):
    """A signed download URL for a checkpoint archive (tinkex type; the official SDK returns the same fields)."""

    url: str
    expires: _dt.datetime | None = attrs.field(default=None, converter=datetime_or_str)
