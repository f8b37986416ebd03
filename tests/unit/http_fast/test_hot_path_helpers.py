"""Per-request helpers made cheaper for issue 8: they must behave exactly as before."""

# covers HTTP-05 (attempt headers), TEL-01 (bus delivery), protocol §2.1 (idempotency keys)

from __future__ import annotations

import re

from tinkex._env import EnvSnapshot
from tinkex._http.headers import IDEMPOTENCY_PREFIX, attempt_headers, new_idempotency_key
from tinkex._http.pools import PoolType, pool_limits
from tinkex.config import resolve_config
from tinkex.telemetry.events import EventBus


def test_bus_listening_follows_subscriptions() -> None:
    bus = EventBus()
    event = ("tinkex", "test", "event")
    seen: list[object] = []
    assert not bus.listening(event)
    bus.emit(event, {"x": 1})  # nobody listens: nothing happens, no error
    handler_id = bus.subscribe(event, lambda name, m, md: seen.append(m["x"]))
    assert bus.listening(event) and not bus.listening(("tinkex", "other"))
    bus.emit(event, {"x": 2})
    assert seen == [2]
    assert bus.unsubscribe(handler_id)
    assert not bus.listening(event)
    bus.emit(event, {"x": 3})
    assert seen == [2]


def test_attempt_headers_are_fresh_dicts() -> None:
    first = attempt_headers(0, 45.0)
    assert first == {"x-stainless-retry-count": "0", "x-stainless-read-timeout": "45"}
    first["x-stainless-retry-count"] = "mutated"
    assert attempt_headers(0, 45.0)["x-stainless-retry-count"] == "0"
    assert attempt_headers(3, None) == {"x-stainless-retry-count": "3"}


def test_idempotency_keys_keep_their_shape_and_are_unique() -> None:
    keys = {new_idempotency_key() for _ in range(10_000)}
    assert len(keys) == 10_000
    assert all(re.fullmatch(re.escape(IDEMPOTENCY_PREFIX) + "[0-9a-f]{32}", key) for key in keys)


def test_burst_pools_keep_every_connection_alive() -> None:
    config = resolve_config(env=EnvSnapshot.read({}), api_key="tml-k", max_connections=400, max_keepalive=20)
    sampling = pool_limits(config, PoolType.SAMPLING)
    assert sampling.max_connections == sampling.max_keepalive_connections == 400
    futures = pool_limits(config, PoolType.FUTURES)
    assert futures.max_connections == futures.max_keepalive_connections == 100
    assert pool_limits(config, PoolType.SESSION).max_keepalive_connections == 5
    assert pool_limits(config, PoolType.DEFAULT).max_keepalive_connections == 20
