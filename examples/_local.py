"""Shared by the examples: connect to TINKER_BASE_URL, or start a local server in-process.

Every example runs unchanged against the Tinker service (set TINKER_BASE_URL and
TINKER_API_KEY, and pass a real ``--model``) or fully offline: with TINKER_BASE_URL unset
it starts tinkex's local Tinker-compatible server on a free port for the script's lifetime.
"""

from __future__ import annotations

import os
from contextlib import ExitStack

import tinkex as tinker

BOS, EOS = 257, 258  # the local byte vocabulary: ids 0-255 are the UTF-8 bytes themselves
LOCAL_API_KEY = "tml-local-example"  # the local server accepts any tml- key


def open_service_client(stack: ExitStack, model: str) -> tinker.ServiceClient:
    """A ``ServiceClient`` closed when ``stack`` exits; starts a local server if none is configured."""
    base_url = os.environ.get("TINKER_BASE_URL") or None
    if base_url is None:
        from tinkex.server.runner import start_server

        server = stack.enter_context(start_server(models=[model]))
        base_url = server.base_url
        print(f"local Tinker server on {base_url}")
    api_key = os.environ.get("TINKER_API_KEY") or LOCAL_API_KEY
    return stack.enter_context(tinker.ServiceClient(base_url=base_url, api_key=api_key))


def text_of(tokens: list[int]) -> str:
    """Decode byte-vocabulary tokens, dropping the special ids (BOS/EOS/...)."""
    return bytes(t for t in tokens if t < 256).decode("utf-8", "replace")
