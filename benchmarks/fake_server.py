"""The benchmark's fake Tinker server: every future is answered on its first poll.

It speaks enough of the protocol (docs protocol.md) for both SDKs to run the workloads and
does no model work, so what a benchmark measures is the client's cost. Results are built with
``tinkex._wire.proto_codec`` and cached by shape, so the server spends microseconds per
request. Run it in its own process: ``python -m benchmarks.fake_server --port 0`` prints
``READY <port>`` once it listens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import itertools
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from benchmarks.fake_http import HttpReply, HttpRequest, serve
from tinkex._wire import proto_codec as pc

BASE_MODEL = "bench/fake-model"
PROTOBUF = "application/x-protobuf"
OUTPUT_TYPE = "ArrayRecord"
_ARCHIVE_ROUTE = re.compile(r"^/api/v1/training_runs/([^/]+)/checkpoints/([^/]+)/([^/]+)/archive$")
_FINISH_ROUTE = re.compile(r"^/api/v1/sessions/([^/]+)/finish$")
_SAMPLER_ROUTE = re.compile(r"^/api/v1/samplers/([^/]+)$")
_DOWNLOAD_PREFIX = "/_bench/archives/"


def _json(payload: object, status: int = 200) -> HttpReply:
    return HttpReply(status, orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY))


@dataclass
class _Pending:
    """A finished future: either a JSON payload or a shape key for a cached binary result."""

    json: dict[str, Any] | None = None
    forward_lengths: tuple[int, ...] | None = None
    sample_shape: tuple[int, int] | None = None  # (num_samples, max_tokens)


class FakeTinker:
    """Routes and state; one instance per server process."""

    def __init__(self, archive_dir: Path | None, base_url: str) -> None:
        self.archive_dir = archive_dir
        self.base_url = base_url
        self.ids = itertools.count(1)
        self.futures: dict[str, _Pending] = {}
        self.stats: Counter[str] = Counter()
        self._forward_cache: dict[tuple[int, ...], tuple[bytes, bytes]] = {}
        self._sample_cache: dict[tuple[int, int], bytes] = {}

    # ---- cached results ----
    def forward_result(self, lengths: tuple[int, ...], protobuf: bool) -> bytes:
        cached = self._forward_cache.get(lengths)
        if cached is None:
            outputs = [{"logprobs": np.full(n, -0.5, dtype=np.float32)} for n in lengths]
            metrics = {"loss:sum": 0.5 * sum(lengths)}
            proto = pc.encode_forward_backward_output(OUTPUT_TYPE, outputs, metrics)
            legacy = {
                "loss_fn_output_type": OUTPUT_TYPE,
                "loss_fn_outputs": [
                    {"logprobs": {"data": o["logprobs"], "dtype": "float32", "shape": [n]}}
                    for o, n in zip(outputs, lengths, strict=True)
                ],
                "metrics": metrics,
            }
            cached = (proto, orjson.dumps(legacy, option=orjson.OPT_SERIALIZE_NUMPY))
            self._forward_cache[lengths] = cached
        return cached[0] if protobuf else cached[1]

    def sample_result(self, shape: tuple[int, int]) -> bytes:
        cached = self._sample_cache.get(shape)
        if cached is None:
            count, max_tokens = shape
            sequence = pc.WireSampledSequence(
                tokens=np.arange(max_tokens, dtype=np.int32) % 250,
                logprobs=np.full(max_tokens, -0.25, dtype=np.float32),
                stop_reason="length",
            )
            cached = pc.encode_sample_response([sequence] * count)
            self._sample_cache[shape] = cached
        return cached

    # ---- helpers ----
    def _future(self, pending: _Pending, **extra: Any) -> HttpReply:
        request_id = f"req-{next(self.ids)}"
        self.futures[request_id] = pending
        self.stats["futures"] += 1
        return _json({"request_id": request_id, **extra})

    @staticmethod
    def _forward_lengths(request: HttpRequest) -> tuple[int, ...]:
        if PROTOBUF in request.headers.get("content-type", ""):
            body = request.body
            if request.headers.get("content-encoding") == "zstd":
                body = pc.decompress_zstd(body)
            decoded = pc.decode_forward_backward_request(body)
            return tuple(int(d.inputs["target_tokens"].array.size) for d in decoded.data)
        payload = orjson.loads(request.body)
        inner = payload.get("forward_backward_input") or payload["forward_input"]
        return tuple(len(d["loss_fn_inputs"]["target_tokens"]["data"]) for d in inner["data"])

    def _retrieve(self, request: HttpRequest) -> HttpReply:
        self.stats["polls"] += 1
        request_id = str(orjson.loads(request.body)["request_id"])
        pending = self.futures.get(request_id)
        if pending is None:
            return _json({"detail": f"request_id: unknown future {request_id!r}"}, 404)
        protobuf = PROTOBUF in request.headers.get("accept", "")
        if pending.forward_lengths is not None:
            body = self.forward_result(pending.forward_lengths, protobuf)
            return HttpReply(200, body, PROTOBUF if protobuf else "application/json")
        if pending.sample_shape is not None:
            return HttpReply(200, self.sample_result(pending.sample_shape), PROTOBUF)
        return _json(pending.json or {})

    def _archive(self, name: str) -> HttpReply:
        if self.archive_dir is None or not (self.archive_dir / f"{name}.tar.gz").is_file():
            return _json({"detail": f"checkpoint_id: no archive named {name!r}"}, 404)
        expires = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=15)).isoformat()
        return _json({"url": f"{self.base_url}{_DOWNLOAD_PREFIX}{name}.tar.gz", "expires": expires})

    # ---- dispatch ----
    def handle(self, request: HttpRequest) -> HttpReply:
        path = request.path
        self.stats[path if path.count("/") <= 3 else "other"] += 1
        simple = self._simple(request)
        if simple is not None:
            return simple
        if path == "/api/v1/retrieve_future":
            return self._retrieve(request)
        if path in ("/api/v1/forward_backward", "/api/v1/forward"):
            return self._future(_Pending(forward_lengths=self._forward_lengths(request)))
        if path == "/api/v1/asample":
            body = orjson.loads(request.body)
            count = int(body.get("num_samples", 1))
            max_tokens = int((body.get("sampling_params") or {}).get("max_tokens") or 16)
            request_id = f"req-{next(self.ids)}"
            ids = [f"{request_id}-seq-{i}" for i in range(count)]
            self.futures[request_id] = _Pending(sample_shape=(count, max_tokens))
            self.stats["futures"] += 1
            return _json({"request_id": request_id, "sample_sequence_ids": ids})
        if path == "/api/v1/create_model":
            body = orjson.loads(request.body)
            model_id = f"{body['session_id']}:train:{body.get('model_seq_id', 0)}"
            return self._future(_Pending(json={"model_id": model_id, "type": "create_model"}))
        if path == "/api/v1/optim_step":
            return self._future(_Pending(json={"metrics": {}}))
        if path in ("/api/v1/save_weights_for_sampler", "/api/v1/save_weights"):
            body = orjson.loads(request.body)
            kind = "sampler_weights" if path.endswith("sampler") else "weights"
            name = body.get("path") or f"step-{body.get('seq_id', 0)}"
            result = {"path": f"tinker://{body['model_id']}/{kind}/{name}"}
            if kind == "sampler_weights":
                result["sampling_session_id"] = f"{body['model_id']}:sample:{next(self.ids)}"
            return self._future(_Pending(json=result))
        return self._routed(request)

    def _simple(self, request: HttpRequest) -> HttpReply | None:
        path = request.path
        if path in ("/api/v1/client/config", "/api/v1/client/dynamic_config", "/api/v1/cancel_future"):
            return _json({})
        if path == "/api/v1/healthz":
            return _json({"status": "ok"})
        if path == "/api/v1/telemetry":
            return _json({"status": "accepted"})
        if path == "/api/v1/session_heartbeat":
            return _json({"type": "session_heartbeat"})
        if path == "/api/v1/create_session":
            return _json({"session_id": f"bench-session-{next(self.ids)}", "type": "create_session"})
        if path == "/api/v1/create_sampling_session":
            body = orjson.loads(request.body)
            sampler = f"{body['session_id']}:sample:{body.get('sampling_session_seq_id', 0)}"
            return _json({"sampling_session_id": sampler, "type": "create_sampling_session"})
        if path == "/api/v1/get_info":
            model_id = str(orjson.loads(request.body)["model_id"])
            model_data = {"arch": "fake", "model_name": BASE_MODEL, "tokenizer_id": BASE_MODEL}
            return _json(
                {
                    "type": "get_info",
                    "model_data": model_data,
                    "model_id": model_id,
                    "is_lora": True,
                    "lora_rank": 8,
                }
            )
        if path == "/_bench/stats":
            return _json({**self.stats, "cpu_s": time.process_time()})
        return None

    def _routed(self, request: HttpRequest) -> HttpReply:
        path = request.path
        if _FINISH_ROUTE.match(path):
            return _json({})
        sampler = _SAMPLER_ROUTE.match(path)
        if sampler:
            return _json({"sampler_id": sampler.group(1), "base_model": BASE_MODEL})
        archive = _ARCHIVE_ROUTE.match(path)
        if archive:
            return self._archive(archive.group(3))  # any run id: the name picks the file
        if path.startswith(_DOWNLOAD_PREFIX) and self.archive_dir is not None:
            file = self.archive_dir / path[len(_DOWNLOAD_PREFIX) :]
            if file.parent == self.archive_dir and file.is_file():
                return HttpReply(200, content_type="application/gzip", file=file)
        print(f"fake server: no route for {request.method} {path}", file=sys.stderr, flush=True)
        return _json({"detail": f"{path}: no such route on the benchmark fake server"}, 404)


async def _main(port: int, archive_dir: Path | None) -> None:
    app = FakeTinker(archive_dir, base_url="")
    server = await serve(app.handle, "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    app.base_url = f"http://127.0.0.1:{bound}"
    print(f"READY {bound}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--archive-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a person stops it
        asyncio.run(_main(args.port, args.archive_dir))


if __name__ == "__main__":
    main()
