"""Server-side grammar of ``tinker://`` checkpoint paths, checkpoint ids and checkpoint names.

A tinker path is ``tinker://<training_run_id>/<kind>/<name>`` with exactly three ``/``-separated
parts after the scheme. The REST routes address the same checkpoint by run id plus the two-part
checkpoint id ``<kind>/<name>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

TINKER_SCHEME: Final = "tinker://"

CheckpointKind = Literal["weights", "sampler_weights", "external_weights"]
CheckpointType = Literal["training", "sampler", "external"]

# Path segment -> the ``checkpoint_type`` the protocol reports for it.
CHECKPOINT_TYPE_OF_KIND: Final[dict[str, CheckpointType]] = {
    "weights": "training",
    "sampler_weights": "sampler",
    "external_weights": "external",
}

CHECKPOINT_NAME_RULE: Final = "[A-Za-z0-9._-]{1,128}, not '.' or '..'"
_CHECKPOINT_NAME_RE: Final = re.compile(r"[A-Za-z0-9._-]{1,128}")

# Run ids are chosen by the server (``<session_id>:train:<n>``), so the rule only has to keep
# them usable as one URL path segment and one directory name (after encoding, see storage).
RUN_ID_MAX_LENGTH: Final = 200
_RUN_ID_FORBIDDEN_RE: Final = re.compile(r"[/\\\x00-\x1f\x7f]")


class TinkerPathError(ValueError):
    """A tinker path, checkpoint id, checkpoint name or run id that does not follow the grammar.

    ``field`` names the request field (or path part) that was wrong.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class TinkerPath:
    """One parsed ``tinker://<run_id>/<kind>/<name>`` path."""

    run_id: str
    kind: CheckpointKind
    name: str

    @property
    def checkpoint_id(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def checkpoint_type(self) -> CheckpointType:
        return CHECKPOINT_TYPE_OF_KIND[self.kind]

    def __str__(self) -> str:
        return format_tinker_path(self.run_id, self.kind, self.name)


def format_tinker_path(run_id: str, kind: str, name: str) -> str:
    return f"{TINKER_SCHEME}{run_id}/{kind}/{name}"


def validate_run_id(run_id: str, *, field: str = "training_run_id") -> str:
    if not run_id:
        raise TinkerPathError(field, "run id must not be empty")
    if run_id in (".", ".."):
        raise TinkerPathError(field, f"run id {run_id!r} is not allowed")
    if len(run_id) > RUN_ID_MAX_LENGTH:
        raise TinkerPathError(field, f"run id is longer than {RUN_ID_MAX_LENGTH} characters")
    if _RUN_ID_FORBIDDEN_RE.search(run_id):
        raise TinkerPathError(field, f"run id {run_id!r} contains a slash, backslash or control character")
    return run_id


def validate_checkpoint_name(name: str, *, field: str = "path") -> str:
    """Check a checkpoint name; ``field`` defaults to ``path``, the save requests' name field."""
    if name in (".", "..") or not _CHECKPOINT_NAME_RE.fullmatch(name):
        raise TinkerPathError(field, f"checkpoint name {name!r} must match {CHECKPOINT_NAME_RULE}")
    return name


def validate_kind(kind: str, *, field: str = "checkpoint_id") -> CheckpointKind:
    if kind == "weights":
        return "weights"
    if kind == "sampler_weights":
        return "sampler_weights"
    if kind == "external_weights":
        return "external_weights"
    raise TinkerPathError(
        field, f"checkpoint kind {kind!r} must be one of {', '.join(sorted(CHECKPOINT_TYPE_OF_KIND))}"
    )


def parse_checkpoint_id(checkpoint_id: str, *, field: str = "checkpoint_id") -> tuple[CheckpointKind, str]:
    """Split ``<kind>/<name>`` into its validated parts."""
    parts = checkpoint_id.split("/")
    if len(parts) != 2:
        raise TinkerPathError(field, f"checkpoint id {checkpoint_id!r} must have the form <kind>/<name>")
    kind = validate_kind(parts[0], field=field)
    return kind, validate_checkpoint_name(parts[1], field=field)


def parse_tinker_path(path: str, *, field: str = "tinker_path") -> TinkerPath:
    """Parse and validate a tinker path; errors name ``field`` (the request field holding it)."""
    if not path.startswith(TINKER_SCHEME):
        raise TinkerPathError(field, f"{path!r} must start with {TINKER_SCHEME!r}")
    parts = path[len(TINKER_SCHEME) :].split("/")
    if len(parts) != 3:
        raise TinkerPathError(
            field, f"{path!r} must have the form {TINKER_SCHEME}<training_run_id>/<kind>/<name>"
        )
    run_id, kind, name = parts
    return TinkerPath(
        run_id=validate_run_id(run_id, field=field),
        kind=validate_kind(kind, field=field),
        name=validate_checkpoint_name(name, field=field),
    )
