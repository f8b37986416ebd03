"""Behaviour of the service types: the queue state of a poll answer, and the seed's lenient
reading of server capabilities (TYP-21/22)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from tinker_openapi.models.supported_model import SupportedModel

    from ...queue_state import QueueState

__all__ = [
    "GetServerCapabilitiesResponseBehaviour",
    "RequestFailedResponseBehaviour",
    "TryAgainResponseBehaviour",
]


class RequestFailedResponseBehaviour:
    """``category`` arrives in any case (``"USER"``); it is kept as the official value, so it
    compares equal to ``RequestErrorCategory.User`` (unknown text becomes ``"unknown"``)."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        if isinstance(src_dict, Mapping) and "category" in src_dict:
            from ...errors import RequestErrorCategory

            src_dict = {**src_dict, "category": RequestErrorCategory.parse(src_dict["category"]).value}
        return super().from_dict(src_dict)  # type: ignore[misc]


class TryAgainResponseBehaviour:
    """The poll answer "not ready yet". ``queue_state`` stays the server's text (open enum)."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        queue_state: str

    @property
    def parsed_queue_state(self) -> QueueState:
        from ...queue_state import QueueState

        return QueueState.parse(self.queue_state)


class GetServerCapabilitiesResponseBehaviour:
    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        supported_models: list[SupportedModel]

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # TYP-21/22: plain strings are model names, null entries are dropped, a missing key is [].
        if isinstance(src_dict, Mapping):
            models = src_dict.get("supported_models") or []
            if isinstance(models, list):
                src_dict = {
                    **src_dict,
                    "supported_models": [
                        {"model_name": m} if isinstance(m, str) else m for m in models if m is not None
                    ],
                }
        return super().from_dict(src_dict)  # type: ignore[misc]

    def model_names(self) -> list[str | None]:
        return [m.model_name for m in self.supported_models]
