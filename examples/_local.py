"""Shared by the examples: connect to TINKER_BASE_URL, or start a local server in-process.

Every example runs unchanged against the Tinker service (set TINKER_BASE_URL and
TINKER_API_KEY, and pass a real ``--model``) or fully offline: with TINKER_BASE_URL unset
it starts tinkex's local Tinker-compatible server on a free port for the script's lifetime.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import httpx

import tinkex as tinker

BOS, EOS = 257, 258  # the local byte vocabulary: ids 0-255 are the UTF-8 bytes themselves
LOCAL_API_KEY = "tml-local-example"  # the local server accepts any tml- key


def open_service_client(
    stack: ExitStack, model: str, *, fault_hooks: bool = False, **config: Any
) -> tinker.ServiceClient:
    """A ``ServiceClient`` closed when ``stack`` exits; starts a local server if none is configured.

    ``fault_hooks`` starts that server with its test-only fault injection (``/_local/faults``),
    which the examples about retries and queue states use to provoke what they show.
    """
    base_url = os.environ.get("TINKER_BASE_URL") or None
    if base_url is None:
        from tinkex.server.runner import start_server

        server = stack.enter_context(start_server(models=[model], enable_test_hooks=fault_hooks))
        base_url = server.base_url
        print(f"local Tinker server on {base_url}")
    api_key = os.environ.get("TINKER_API_KEY") or LOCAL_API_KEY
    return stack.enter_context(tinker.ServiceClient(base_url=base_url, api_key=api_key, **config))


def open_rest_client(stack: ExitStack, service: tinker.ServiceClient) -> tinker.RestClient:
    """A ``RestClient`` on ``service``'s server and key, closed when ``stack`` exits.

    Built directly, as the official SDK recommends: ``service.create_rest_client()`` is
    deprecated. It holds its own connections and needs no session.
    """
    rest = tinker.RestClient(base_url=service.config.base_url, api_key=service.config.api_key)
    return stack.enter_context(rest)


@contextmanager
def local_fault(base_url: str, rule: dict[str, Any]) -> Iterator[str]:
    """Install one fault rule on a local server started with test hooks; removed on exit.

    Only tinkex's local server has these routes: against the Tinker service there is nothing
    to inject, and this raises with the server's 404.
    """
    admin = base_url.rstrip("/") + "/_local/faults"
    response = httpx.post(admin, json=rule, timeout=10)
    response.raise_for_status()
    rule_id = str(response.json()["rule_id"])
    try:
        yield rule_id
    finally:
        httpx.delete(f"{admin}/{rule_id}", timeout=10)


def text_of(tokens: list[int]) -> str:
    """Decode byte-vocabulary tokens, dropping the special ids (BOS/EOS/...)."""
    return bytes(t for t in tokens if t < 256).decode("utf-8", "replace")
