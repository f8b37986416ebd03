"""The records the checkpoint store keeps on disk, their protocol JSON and their file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

from tinkex.server.tinker_path import (
    CHECKPOINT_TYPE_OF_KIND,
    CheckpointKind,
    CheckpointType,
    format_tinker_path,
)

# Bumped when the layout of run.json / meta.json changes incompatibly (an added optional field,
# such as a run's owner, is not such a change).
RECORD_FORMAT_VERSION: Final = 1
MODEL_OWNER: Final = "local"
MAX_TTL_SECONDS: Final = 315_576_000  # ten years of 365.25 days

StorageStatus = Literal[400, 403, 404, 409, 410]


class StorageError(Exception):
    """A storage request that cannot be served; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: StorageStatus, detail: str) -> None:
        super().__init__(detail)
        self.status: StorageStatus = status
        self.detail = detail


def check_ttl(ttl_seconds: object, *, minimum: int) -> int | None:
    """A checkpoint TTL: an integer from ``minimum`` to ten years, or None (no expiry).

    Every path that sets an expiry goes through here, so none can overflow a datetime.
    """
    if ttl_seconds is None:
        return None
    if isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int):
        raise StorageError(400, f"ttl_seconds: must be an integer or null, got {ttl_seconds!r}")
    if not minimum <= ttl_seconds <= MAX_TTL_SECONDS:
        raise StorageError(
            400,
            f"ttl_seconds: must be from {minimum} to {MAX_TTL_SECONDS} (ten years) or null, got {ttl_seconds}",
        )
    return ttl_seconds


def format_time(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z`` suffix, the form the protocol's datetimes use."""
    if moment.tzinfo is None:
        raise ValueError("datetimes in the checkpoint store must be timezone-aware")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no timezone")
    return moment.astimezone(UTC)


def _optional_time(value: Any) -> datetime | None:
    return None if value is None else parse_time(str(value))


def _optional_str_dict(value: Any) -> dict[str, str] | None:
    return None if value is None else {str(k): str(v) for k, v in dict(value).items()}


@dataclass
class CheckpointRecord:
    """One saved checkpoint: a directory ``runs/<run>/<kind>/<name>/`` plus its ``meta.json``."""

    run_id: str
    kind: CheckpointKind
    name: str
    created_at: datetime
    size_bytes: int
    public: bool = False
    expires_at: datetime | None = None
    user_metadata: dict[str, str] | None = None
    # Server-private facts the writer wants back on load (step, model architecture); never sent
    # to clients.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def checkpoint_id(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def tinker_path(self) -> str:
        return format_tinker_path(self.run_id, self.kind, self.name)

    @property
    def checkpoint_type(self) -> CheckpointType:
        return CHECKPOINT_TYPE_OF_KIND[self.kind]

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def to_json(self) -> dict[str, Any]:
        """The protocol's ``Checkpoint`` object."""
        reply: dict[str, Any] = {
            "checkpoint_id": self.checkpoint_id,
            "checkpoint_type": self.checkpoint_type,
            "time": format_time(self.created_at),
            "tinker_path": self.tinker_path,
            "size_bytes": self.size_bytes,
            "public": self.public,
        }
        if self.expires_at is not None:
            reply["expires_at"] = format_time(self.expires_at)
        if self.user_metadata is not None:
            reply["user_metadata"] = dict(self.user_metadata)
        return reply

    def to_meta(self) -> dict[str, Any]:
        return {
            "format_version": RECORD_FORMAT_VERSION,
            "run_id": self.run_id,
            "kind": self.kind,
            "name": self.name,
            "created_at": format_time(self.created_at),
            "size_bytes": self.size_bytes,
            "public": self.public,
            "expires_at": None if self.expires_at is None else format_time(self.expires_at),
            "user_metadata": self.user_metadata,
            "extra": self.extra,
        }

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> CheckpointRecord:
        kind = str(meta["kind"])
        if kind not in CHECKPOINT_TYPE_OF_KIND:
            raise ValueError(f"meta.json has unknown checkpoint kind {kind!r}")
        return cls(
            run_id=str(meta["run_id"]),
            kind=kind,  # type: ignore[arg-type]  # checked against the kind table just above
            name=str(meta["name"]),
            created_at=parse_time(str(meta["created_at"])),
            size_bytes=int(meta["size_bytes"]),
            public=bool(meta.get("public", False)),
            expires_at=_optional_time(meta.get("expires_at")),
            user_metadata=_optional_str_dict(meta.get("user_metadata")),
            extra=dict(meta.get("extra") or {}),
        )


@dataclass
class RunRecord:
    """One training run (= one model id) and the LoRA configuration it was created with."""

    run_id: str
    base_model: str
    lora_rank: int
    train_attn: bool
    train_mlp: bool
    train_unembed: bool
    lora_seed: int
    session_id: str
    created_at: datetime
    last_request_time: datetime
    user_metadata: dict[str, str] | None = None
    # Owner id of the API key that created the run (auth.ApiKeys); None when auth was off.
    owner: str | None = None

    def visible_to(self, viewer: str | None) -> bool:
        """Whether ``viewer`` (an owner id; None = auth off, sees everything) may see this run."""
        return viewer is None or viewer == self.owner

    def to_json(
        self,
        last_checkpoint: CheckpointRecord | None = None,
        last_sampler_checkpoint: CheckpointRecord | None = None,
    ) -> dict[str, Any]:
        """The protocol's ``TrainingRun`` object (the store fills in the last checkpoints)."""
        reply: dict[str, Any] = {
            "training_run_id": self.run_id,
            "base_model": self.base_model,
            "model_owner": MODEL_OWNER,
            "is_lora": True,
            "corrupted": False,
            "lora_rank": self.lora_rank,
            "last_request_time": format_time(self.last_request_time),
        }
        if last_checkpoint is not None:
            reply["last_checkpoint"] = last_checkpoint.to_json()
        if last_sampler_checkpoint is not None:
            reply["last_sampler_checkpoint"] = last_sampler_checkpoint.to_json()
        if self.user_metadata is not None:
            reply["user_metadata"] = dict(self.user_metadata)
        return reply

    def to_disk(self) -> dict[str, Any]:
        return {
            "format_version": RECORD_FORMAT_VERSION,
            "run_id": self.run_id,
            "base_model": self.base_model,
            "lora_rank": self.lora_rank,
            "train_attn": self.train_attn,
            "train_mlp": self.train_mlp,
            "train_unembed": self.train_unembed,
            "lora_seed": self.lora_seed,
            "session_id": self.session_id,
            "created_at": format_time(self.created_at),
            "last_request_time": format_time(self.last_request_time),
            "user_metadata": self.user_metadata,
            "owner": self.owner,
        }

    @classmethod
    def from_disk(cls, data: dict[str, Any]) -> RunRecord:
        return cls(
            run_id=str(data["run_id"]),
            base_model=str(data["base_model"]),
            lora_rank=int(data["lora_rank"]),
            train_attn=bool(data["train_attn"]),
            train_mlp=bool(data["train_mlp"]),
            train_unembed=bool(data["train_unembed"]),
            lora_seed=int(data["lora_seed"]),
            session_id=str(data["session_id"]),
            created_at=parse_time(str(data["created_at"])),
            last_request_time=parse_time(str(data["last_request_time"])),
            user_metadata=_optional_str_dict(data.get("user_metadata")),
            owner=None if data.get("owner") is None else str(data["owner"]),
        )
