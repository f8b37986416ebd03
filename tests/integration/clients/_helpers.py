"""Helpers for the public-client integration tests: fixed-shape datums, raw session probes.

Every training datum here has the same length (``SEQ_LEN`` inputs), so the local server
compiles its forward/backward once for the whole suite.
"""

from __future__ import annotations

import httpx

import tinkex
from tinkex import types

MODEL = "local/byte-tiny"
BOS, EOS = 257, 258
SEQ_LEN = 12
# The local server accepts any key; a tml- key avoids the SDK's format warning.
API_KEY = "tml-clients-integration-key"


def tokens_of(text: str) -> list[int]:
    """BOS + the UTF-8 bytes of ``text``, padded/cut so inputs have ``SEQ_LEN`` tokens."""
    raw = [BOS, *text.encode("utf-8")][: SEQ_LEN + 1]
    return raw + [EOS] * (SEQ_LEN + 1 - len(raw))


def text_datum(text: str) -> types.Datum:
    """A next-token cross-entropy datum over ``tokens_of(text)``."""
    tokens = tokens_of(text)
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * SEQ_LEN},
    )


def rl_datum(text: str, sampled_logprobs: list[float], advantage: float) -> types.Datum:
    """An importance-sampling datum: targets, the sampler's logprobs and per-token advantages."""
    tokens = tokens_of(text)
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={
            "target_tokens": tokens[1:],
            "logprobs": sampled_logprobs,
            "advantages": [advantage] * SEQ_LEN,
        },
    )


def new_service(base_url: str, **kwargs: object) -> tinkex.ServiceClient:
    return tinkex.ServiceClient(base_url=base_url, api_key=API_KEY, **kwargs)


def heartbeat_status(base_url: str, session_id: str) -> int:
    """Send one raw session heartbeat and return the HTTP status (410 once the session finished)."""
    response = httpx.post(
        f"{base_url}/api/v1/session_heartbeat",
        json={"session_id": session_id, "type": "session_heartbeat"},
        headers={"X-API-Key": API_KEY},
        timeout=10.0,
    )
    return response.status_code
