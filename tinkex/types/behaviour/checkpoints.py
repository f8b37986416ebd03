"""Behaviour of the checkpoint types (protocol §5.9, TYP-14..20): the ``tinker://`` path
grammar, console links and the paging leniency of the seed.

Path grammar: ``tinker://<training_run_id>/<kind>/<name>`` with ``kind`` one of ``weights``
(training), ``sampler_weights`` (sampler), ``external_weights`` (external). ``checkpoint_id`` is
``<kind>/<name>`` as in the official SDK and in REST paths (D-02); ``checkpoint_name`` is the
bare ``<name>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote

from ...errors import TinkexValidationError

if TYPE_CHECKING:
    from tinker_openapi.models.parsed_checkpoint_tinker_path import ParsedCheckpointTinkerPath

__all__ = [
    "CheckpointBehaviour",
    "CursorBehaviour",
    "ParsedCheckpointTinkerPathBehaviour",
    "SaveWeightsForSamplerResponseBehaviour",
    "SaveWeightsResponseBehaviour",
    "TrainingRunBehaviour",
    "console_checkpoint_url",
    "console_playground_url",
]

TINKER_SCHEME = "tinker://"
KIND_TO_TYPE = {"weights": "training", "sampler_weights": "sampler", "external_weights": "external"}
# The Tinker web console, used only to build links (official ``get_console_url``).
CONSOLE_BASE_URL = "https://tinker.thinkingmachines.ai"


def console_checkpoint_url(training_run_id: str, checkpoint_id: str) -> str:
    return f"{CONSOLE_BASE_URL}/checkpoints/{quote(training_run_id, safe='')}/{quote(checkpoint_id, safe='')}"


def console_playground_url(tinker_path: str) -> str:
    return f"{CONSOLE_BASE_URL}/playground?mode=checkpoint&checkpoint={quote(tinker_path, safe='')}"


def _parsed_class() -> type[ParsedCheckpointTinkerPath]:
    from tinker_openapi.models.parsed_checkpoint_tinker_path import ParsedCheckpointTinkerPath

    return ParsedCheckpointTinkerPath


class ParsedCheckpointTinkerPathBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        checkpoint_id: str

    @classmethod
    def from_tinker_path(cls, tinker_path: str) -> Self:
        def fail(message: str) -> TinkexValidationError:
            return TinkexValidationError(message, field="tinker_path")

        if not isinstance(tinker_path, str) or not tinker_path.startswith(TINKER_SCHEME):
            raise fail(f"Checkpoint path must start with {TINKER_SCHEME}, got: {tinker_path!r}")
        parts = tinker_path[len(TINKER_SCHEME) :].split("/")
        if len(parts) != 3 or not parts[0] or not parts[2]:
            raise fail(f"Invalid checkpoint path: {tinker_path!r} (expected tinker://<run_id>/<kind>/<name>)")
        run_id, kind, name = parts
        if any(part in (".", "..") or not part.isprintable() for part in (run_id, name)):
            # Dot segments would address another resource once in a URL; control characters
            # and whitespace never occur in server-chosen ids or checkpoint names.
            raise fail(
                f"Invalid checkpoint path: {tinker_path!r} (run id and name must not be '.', '..' "
                "or contain control characters)"
            )
        if kind not in KIND_TO_TYPE:
            raise fail(f"Invalid checkpoint type in path: {kind!r} (expected one of {sorted(KIND_TO_TYPE)})")
        return cls(  # type: ignore[call-arg]
            tinker_path=tinker_path,
            training_run_id=run_id,
            checkpoint_type=KIND_TO_TYPE[kind],
            checkpoint_id=f"{kind}/{name}",
        )

    @property
    def checkpoint_name(self) -> str:
        """The bare checkpoint name, without the ``weights/`` (etc.) segment."""
        return self.checkpoint_id.split("/", 1)[-1]

    @property
    def checkpoint_segment(self) -> str:
        """The REST path segment, ``<kind>/<name>`` (same as ``checkpoint_id``)."""
        return self.checkpoint_id


class CheckpointBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        tinker_path: str

    @property
    def training_run_id(self) -> str | None:
        """The run id taken from ``tinker_path`` (None when the path is not a tinker path)."""
        try:
            return _parsed_class().from_tinker_path(self.tinker_path).training_run_id
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


class CursorBehaviour:
    """Paging counters are read leniently (seed row TYP-17), before the strict fields see them."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        data = dict(src_dict) if isinstance(src_dict, Mapping) else src_dict
        if isinstance(data, dict):
            for key in ("offset", "limit", "total_count"):
                data[key] = _paging_int(data.get(key, 0))
        return super().from_dict(data)  # type: ignore[misc]


class TrainingRunBehaviour:
    """Older servers name the run id ``id`` (seed row TYP-18)."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if isinstance(src_dict, Mapping) and "training_run_id" not in src_dict and "id" in src_dict:
            data = dict(src_dict)
            data["training_run_id"] = data.pop("id")
            src_dict = data
        return super().from_dict(src_dict)  # type: ignore[misc]


def _console_url(path: str) -> str:
    parsed = _parsed_class().from_tinker_path(path)
    return console_checkpoint_url(parsed.training_run_id, parsed.checkpoint_id)


class SaveWeightsResponseBehaviour:
    __slots__ = ()
    path: str

    def get_console_url(self) -> str:
        return _console_url(self.path)


class SaveWeightsForSamplerResponseBehaviour:
    __slots__ = ()
    path: str

    def get_console_url(self) -> str:
        return _console_url(self.path)

    def get_playground_url(self) -> str:
        return console_playground_url(self.path)
