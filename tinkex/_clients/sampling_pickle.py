"""Pickling a ``SamplingClient`` into another process (the official SDK's multiprocess idiom).

A pickled client carries what a fresh process needs to reach the same sampler: the resolved
configuration (credentials included, as the official SDK's pickle does: the receiving process
may have no environment to read them from), the sampling session id, the base model and the
client's sampling options. It carries no connections, loop or session: the copy builds a
session-less holder in its own process and never creates, heartbeats or ends the parent's
session. Copies unpickled in one process with the same configuration share one holder (one
set of connection pools), so unpickling per task does not open pools per task.

Each copy numbers its requests from ``1e9 × clone id`` (a random clone id), as official
unpickled clients do (protocol §7.4), so copies of one client never reuse a ``seq_id``.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import attrs

from .._core.holder import ClientHolder
from ..config import Config
from ..retry_config import RetryConfig

if TYPE_CHECKING:
    from ..sampling_client import SamplingClient

CLONE_ID_SPAN = 1_000_000_000


@dataclass(frozen=True)
class SamplingClientPickleState:
    config: dict[str, Any]
    sampling_session_id: str
    base_model: str
    retry_config: RetryConfig | None
    record_stability_info: bool


def pickle_state(client: SamplingClient) -> SamplingClientPickleState:
    config = client.holder.config
    if config.http_client is not None or isinstance(config.verify, ssl.SSLContext):
        what = "an http_client" if config.http_client is not None else "an ssl.SSLContext (verify=)"
        raise TypeError(
            f"cannot pickle this SamplingClient: its configuration holds {what}, which cannot "
            "cross processes. Configure the receiving process itself and pass "
            "get_sampler_handle() to SamplingClient.from_sampler_handle() instead."
        )
    fields = {field.name: _plain(getattr(config, field.name)) for field in attrs.fields(Config)}
    return SamplingClientPickleState(
        config=fields,
        sampling_session_id=client.sampling_session_id,
        base_model=client.get_base_model(),
        retry_config=client._retry_config,
        record_stability_info=client._record_stability_info,
    )


def _plain(value: Any) -> Any:
    # Config keeps its mappings read-only (MappingProxyType), which does not pickle.
    return dict(value) if isinstance(value, Mapping) else value


_holders: dict[str, weakref.ref[ClientHolder]] = {}
_holders_lock = threading.Lock()


def _shared_holder(config_fields: dict[str, Any]) -> ClientHolder:
    key = json.dumps(config_fields, sort_keys=True, default=repr)
    with _holders_lock:
        holder = _holders[key]() if key in _holders else None
        if holder is None:
            holder = ClientHolder(Config(**config_fields), sessionless=True)
            _holders[key] = weakref.ref(holder)
        return holder


def restore_sampling_client(state: SamplingClientPickleState) -> SamplingClient:
    """The unpickled copy: same sampler, this process's shared holder (see module docstring)."""
    from ..sampling_client import SamplingClient

    return SamplingClient(
        _shared_holder(state.config),
        sampling_session_id=state.sampling_session_id,
        base_model=state.base_model,
        shadow=True,
        retry_config=state.retry_config,
        record_stability_info=state.record_stability_info,
    )


def first_seq_id(shadow: bool) -> int:
    return CLONE_ID_SPAN * (secrets.randbelow(CLONE_ID_SPAN) + 1) if shadow else 0
