"""The red-team's cheap denial-of-service requests against the local server (issue #15), each
answered quickly with a 4xx and without the memory it used to cost.

* a few hundred bytes of forward_backward declaring a sparse tensor of shape [1, 250000000]
  (it made the server fill a dense array first: +950 MB and 6.3 s per datum) or [3, 1e10]
  (a 500 MemoryError);
* JSON nested 2,000 deep, a lone surrogate, or invalid UTF-8 (500s on the REST routes);
* a checkpoint TTL of 10**12 seconds (an OverflowError reported as a server error).

Timings have generous bounds (the fixed server answers in milliseconds; the old one took seconds).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from tinkex._wire.proto_codec import WireChunk, WireDatum, WireTensor, encode_forward_backward_request
from tinkex.server import routes_training
from tinkex.server.runner import ServerHandle
from tinkex.server.testing import PROTOBUF, RawClient

FAST_S = 1.0
RSS_SLACK_MB = 64.0
TOKENS = [257, 72, 105, 33]


class PeakRss:
    """The highest resident-set size of this process (the server runs in it) while sampling."""

    def __init__(self) -> None:
        self.baseline = self.peak = self._resident()
        self._stop = threading.Event()

    @staticmethod
    def _resident() -> int:
        # /proc is Linux-only; elsewhere the growth is reported as 0 and only status and time count.
        statm = Path("/proc/self/statm")
        return int(statm.read_text().split()[1]) * 4096 if statm.exists() else 0

    def _sample(self) -> None:
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, self._resident())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 2**20


@contextmanager
def peak_rss() -> Iterator[PeakRss]:
    meter = PeakRss()
    sampler = threading.Thread(target=meter._sample, daemon=True)
    sampler.start()
    try:
        yield meter
    finally:
        meter._stop.set()
        sampler.join()


@pytest.fixture
def api(local_server: ServerHandle) -> Iterator[RawClient]:
    client = RawClient(local_server.base_url, timeout_s=60)
    yield client
    client.close()


def _sparse_datum(shape: tuple[int, int]) -> WireDatum:
    """A valid-looking datum whose weights declare ``shape`` but list a single value."""
    n = len(TOKENS) - 1
    rows = min(shape[0], 4)
    crow = np.ones(rows + 1, np.int64)
    crow[0] = 0
    return WireDatum(
        chunks=[WireChunk.text(TOKENS[:-1])],
        inputs={
            "target_tokens": WireTensor(np.asarray(TOKENS[1:], np.int64), "int64", (n,)),
            "weights": WireTensor(np.ones(1, np.float32), "float32", shape, crow, np.zeros(1, np.int64)),
        },
    )


@pytest.mark.parametrize("shape", [(1, 250_000_000), (3, 10**10)], ids=["1x250M", "3x1e10"])
def test_huge_sparse_shapes_are_refused_at_once_without_allocating(
    api: RawClient, shape: tuple[int, int]
) -> None:
    model_id = api.create_model(api.session())
    one = encode_forward_backward_request(model_id, 1, "cross_entropy", {}, [_sparse_datum(shape)], False)
    assert len(one) < 400  # the red-team's request was 323 bytes
    body = encode_forward_backward_request(
        model_id, 1, "cross_entropy", {}, [_sparse_datum(shape)] * 16, False
    )
    with peak_rss() as rss:
        started = time.monotonic()
        reply = api.http.post("/api/v1/forward_backward", content=body, headers={"content-type": PROTOBUF})
        elapsed = time.monotonic() - started
    assert reply.status_code == 400, reply.text
    assert reply.json()["detail"].startswith("data[0].loss_fn_inputs.weights.shape: ")
    assert elapsed < FAST_S
    assert rss.growth_mb < RSS_SLACK_MB


DEEP = b'{"tags": ' + b"[" * 2000 + b"]" * 2000 + b"}"
SURROGATE = b'{"session_id": "\\ud800", "tinker_path": "\\ud800", "ttl_seconds": "\\ud800"}'
BAD_UTF8 = b'{"session_id": "\xed\xa0\x80"}'


@pytest.mark.parametrize(
    "body", [DEEP, SURROGATE, BAD_UTF8], ids=["nested-2000", "lone-surrogate", "bad-utf8"]
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/api/v1/training_runs/sess-x:train:0/checkpoints/weights/w/ttl"),
        ("POST", "/api/v1/weights_info"),
        ("POST", "/api/v1/create_session"),
        ("POST", "/api/v1/retrieve_future"),
        ("POST", "/api/v1/forward_backward"),
        ("POST", "/api/v1/asample"),
        ("POST", "/_local/faults"),
    ],
)
def test_bad_json_is_a_400_on_every_route(api: RawClient, method: str, path: str, body: bytes) -> None:
    started = time.monotonic()
    reply = api.http.request(method, path, content=body, headers={"content-type": "application/json"})
    assert time.monotonic() - started < FAST_S
    assert reply.status_code == 400, reply.text
    assert "body" in reply.json()["detail"]


def test_a_ttl_beyond_ten_years_is_refused_on_every_path(api: RawClient, service_client: object) -> None:
    import tinkex

    model_id = api.create_model(api.session())
    for route, extra in (("save_weights", {}), ("save_weights_for_sampler", {"sampling_session_seq_id": 0})):
        reply = api.post(route, {"model_id": model_id, "path": "forever", "ttl_seconds": 10**12, **extra})
        assert reply.status_code == 400 and reply.json()["detail"].startswith("ttl_seconds: "), reply.text
    saved = api.result(api.ok("save_weights", {"model_id": model_id, "path": "short", "ttl_seconds": 7200}))
    ttl_url = f"/api/v1/training_runs/{model_id}/checkpoints/weights/short/ttl"
    for ttl in (10**12, 2**62):
        reply = api.http.put(ttl_url, json={"ttl_seconds": ttl})
        assert reply.status_code == 400 and reply.json()["detail"].startswith("ttl_seconds: "), reply.text
    too_big_for_json = api.http.put(ttl_url, content=b'{"ttl_seconds": 1' + b"0" * 400 + b"}")
    assert too_big_for_json.status_code == 400
    assert saved["path"].endswith("/weights/short")

    # Through the SDK the same request is a client error naming the field, not a server error.
    trainer = service_client.create_lora_training_client(base_model="local/byte-tiny", rank=4).result()  # type: ignore[attr-defined]
    with pytest.raises(tinkex.BadRequestError, match="ttl_seconds"):
        trainer.save_state("forever", ttl_seconds=10**12).result(timeout=60)


# The longest the slow stage holds its request waiting for the health check: a stage run on
# the event loop would hold the health check as long, far past FAST_S.
STAGE_HOLD_S = 10.0


@pytest.mark.parametrize("stage", ["decode_protobuf", "datum_arrays"])
def test_decoding_and_validation_run_off_the_event_loop(
    api: RawClient, local_server: ServerHandle, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    # Make one stage slow (as a huge body would): it holds its request until a health check has
    # been answered, which could not happen if that stage ran on the event loop. The stage
    # signals when it is entered, so the check is made while the request is in it.
    original = getattr(routes_training, stage)
    in_stage, probed = threading.Event(), threading.Event()

    def slow(*args: object) -> object:
        in_stage.set()
        probed.wait(STAGE_HOLD_S)
        return original(*args)

    monkeypatch.setattr(routes_training, stage, slow)
    model_id = api.create_model(api.session())
    datum = WireDatum(
        chunks=[WireChunk.text(TOKENS[:-1])],
        inputs={"target_tokens": WireTensor(np.asarray(TOKENS[1:], np.int64), "int64", (len(TOKENS) - 1,))},
    )
    body = encode_forward_backward_request(model_id, 1, "cross_entropy", {}, [datum], True)
    replies: list[int] = []
    sender = threading.Thread(
        target=lambda: replies.append(
            api.http.post(
                "/api/v1/forward_backward", content=body, headers={"content-type": PROTOBUF}
            ).status_code
        )
    )
    prober = RawClient(local_server.base_url)
    try:
        sender.start()
        assert in_stage.wait(30)  # the request is now in its slow stage
        started = time.monotonic()
        try:
            assert prober.http.get("/api/v1/healthz").status_code == 200
        finally:
            probed.set()
        assert time.monotonic() - started < FAST_S
        sender.join(30)
    finally:
        probed.set()
        prober.close()
    assert replies == [200]
