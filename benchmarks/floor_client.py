"""The floor: tinkex's requests sent by the bare HTTP library, with no SDK (issue 14 §3).

aiohttp is the library under tinkex's default transport, so what tinkex costs above this floor
is the SDK itself: its request layers, policy, retries, public types and background thread.
Per request the floor does only what any client of the protocol must:

* serialize the JSON body with orjson, with that call's ``seq_id`` (the same fields and values
  tinkex sends: ``tests/unit/benchmarks/test_floor_client.py`` compares them);
* send it with the headers tinkex sends, a fresh idempotency key per call included;
* read the reply; for a sample, parse the protobuf result with the generated message
  (``tinker_proto``) and view its tokens and logprobs as numpy arrays, which is where tinkex's
  decoder (``tinkex._wire.proto_codec``) stops before building the public types. Decoding counts
  because a client that never reads the tokens did not sample; the public types do not, because
  they are the SDK.

No retries, deadlines, back-pressure, size cap or telemetry. Set-up requests (session, model)
use minimal bodies: they are not timed. This module imports neither SDK.
"""

from __future__ import annotations

import platform
import random
from typing import Any

import aiohttp
import numpy as np
import orjson

from benchmarks.common import API_KEY, BASE_MODEL

SDK_VERSION = "0.38.0"  # the version tinkex speaks as (x-stainless-package-version)
PROTOBUF = "application/x-protobuf"
# tinkex's pools (tinkex._http.transports.pool_limits at the default max_connections of 1,000):
# the sampling pool has every connection, the futures pool a quarter; and a sampling client keeps
# at most 1,000 calls in flight (its admission limit), each holding its place until its result.
SAMPLING_CONNECTIONS = 1000
FUTURES_CONNECTIONS = 250
IN_FLIGHT = 1000


def base_headers() -> dict[str, str]:
    """Every request's headers, as tinkex's ``_http.headers.base_headers`` builds them."""
    machine = platform.machine().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(machine, machine)
    return {
        "Accept": "application/json",
        "X-API-Key": API_KEY,
        "User-Agent": f"tinkex/0.1.0 AsyncTinker/Python {SDK_VERSION}",
        "X-Stainless-Lang": "python",
        "X-Stainless-Package-Version": SDK_VERSION,
        "X-Stainless-OS": platform.system(),
        "X-Stainless-Arch": arch,
        "X-Stainless-Runtime": platform.python_implementation(),
        "X-Stainless-Runtime-Version": platform.python_version(),
        "X-Stainless-Async": "async:asyncio",
        "Accept-Encoding": "gzip, deflate",
    }


def idempotency_key() -> str:
    return f"tinkex-retry-{random.getrandbits(128):032x}"


def call_headers(read_timeout: int, **extra: str) -> dict[str, str]:
    """The per-call headers tinkex adds to a POST (idempotency key, attempt headers)."""
    return {
        "Content-Type": "application/json",
        "X-Idempotency-Key": idempotency_key(),
        "X-Stainless-Retry-Count": "0",
        "X-Stainless-Read-Timeout": str(read_timeout),
        **extra,
    }


def sample_body(session: str, seq_id: int, prompt: list[int], max_tokens: int) -> dict[str, Any]:
    """``POST /api/v1/asample``: one sample of ``prompt``, temperature 1."""
    return {
        "num_samples": 1,
        "prompt": {"chunks": [{"tokens": prompt, "type": "encoded_text"}]},
        "sampling_params": {"max_tokens": max_tokens, "temperature": 1.0, "top_k": -1, "top_p": 1.0},
        "sampling_session_id": session,
        "seq_id": seq_id,
        "prompt_logprobs": False,
        "topk_prompt_logprobs": 0,
        "topk_sample_logprobs": 0,
        "prompt_alt_tokens_k": 0,
        "record_stability_info": False,
        "type": "sample",
    }


def optim_step_body(model_id: str, seq_id: int) -> dict[str, Any]:
    """``POST /api/v1/optim_step`` with ``AdamParams(learning_rate=1e-4)``'s defaults."""
    adam = {"learning_rate": 1e-4, "beta1": 0.9, "beta2": 0.95, "eps": 1e-12}
    adam |= {"weight_decay": 0.0, "grad_clip_norm": 0.0}
    return {"model_id": model_id, "seq_id": seq_id, "type": "optim_step", "adam_params": adam}


def decode_sample(body: bytes) -> int:
    """Tokens of the first sequence, decoded as far as tinkex's codec takes them."""
    from tinker_proto import tinker_public_pb2 as pb

    message = pb.SampleResponse.FromString(body)
    tokens = np.frombuffer(message.sequences[0].tokens, dtype="<i4")
    np.frombuffer(message.sequences[0].logprobs, dtype="<f4")
    return int(tokens.size)


class FloorClient:
    """Two aiohttp sessions shaped like tinkex's sampling and futures pools."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.headers = base_headers()
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=SAMPLING_CONNECTIONS), headers=self.headers
        )
        self.futures = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=FUTURES_CONNECTIONS), headers=self.headers
        )

    async def post(
        self, path: str, body: dict[str, Any], headers: dict[str, str], *, futures: bool = False
    ) -> Any:
        """The reply: decoded JSON, or the raw bytes of a protobuf body."""
        session = self.futures if futures else self.http
        async with session.post(self.base_url + path, data=orjson.dumps(body), headers=headers) as reply:
            content = await reply.read()
            if reply.status != 200:
                raise RuntimeError(f"{path}: {reply.status} {content[:200]!r}")
            if PROTOBUF in reply.headers.get("Content-Type", ""):
                return content
            return orjson.loads(content)

    async def retrieve(self, request_id: str, request_type: str, submitted: float, now: float) -> Any:
        """Poll a future until it completes (the fake server completes it on the first poll;
        ``try_again`` is polled again at once, as tinkex does)."""
        iteration = 0
        while True:
            extra = {
                "X-Tinker-Request-Iteration": str(iteration),
                "X-Tinker-Request-Type": request_type,
                "X-Stainless-Raw-Response": "raw",
            }
            if iteration == 0:
                extra["X-Tinker-Create-Promise-Roundtrip-Time"] = str(round(now - submitted, 6))
            if request_type == "Sample":
                extra["Accept"] = f"{PROTOBUF}, application/json"
            body = {"request_id": request_id, "allow_metadata_only": True}
            reply = await self.post("/api/v1/retrieve_future", body, call_headers(45, **extra), futures=True)
            if not (isinstance(reply, dict) and reply.get("type") == "try_again"):
                return reply
            iteration += 1

    async def create_session(self) -> str:
        body = {"tags": ["tinkex-python"], "user_metadata": {}, "sdk_version": SDK_VERSION}
        reply = await self.post(
            "/api/v1/create_session", {**body, "type": "create_session"}, call_headers(60)
        )
        return str(reply["session_id"])

    async def create_sampling_session(self, session_id: str) -> str:
        body = {"session_id": session_id, "sampling_session_seq_id": 0, "base_model": BASE_MODEL}
        body["type"] = "create_sampling_session"
        reply = await self.post("/api/v1/create_sampling_session", body, call_headers(60))
        return str(reply["sampling_session_id"])

    async def create_model(self, session_id: str, clock: Any) -> str:
        body = {"session_id": session_id, "model_seq_id": 0, "base_model": BASE_MODEL, "type": "create_model"}
        body["lora_config"] = {"rank": 8}
        started = clock()
        reply = await self.post("/api/v1/create_model", body, call_headers(60))
        result = await self.retrieve(reply["request_id"], "CreateModel", started, clock())
        return str(result["model_id"])

    async def close(self) -> None:
        await self.http.close()
        await self.futures.close()
