"""W1: encoding one forward_backward request of 64 × 2048 tokens (no network).

tinkex: ``tinkex._training_ops.encode_chunk`` (protobuf bytes; JSON = the body bytes it hands
the HTTP layer). With ``big_vocab`` tinkex is also measured on a batch whose token ids span a
151,936-id vocabulary (keys ``big_vocab_*``): the small ids of the benchmark batch are cheap
JSON text, large ones are not, so that row shows JSON with realistic vocabularies. official: the same steps its training client runs — build the
pydantic ``ForwardBackwardRequest``, convert it with ``tinker.proto.request_conv`` and
serialize. "with datums" adds building the Datums from the raw numpy arrays. The floor is
``np.concatenate`` of the raw arrays: the least any encoder must copy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from benchmarks.common import build_datums, emit, import_sdk, maybe_profiler, parse_args, raw_batch

MODEL_ID = "bench-session:train:0"


def tinkex_encoder(wire_format: str) -> Callable[[list[Any]], bytes]:
    from tinkex._http.client import encode_json
    from tinkex._training_ops import encode_chunk

    def encode(datums: list[Any]) -> bytes:
        _, kwargs = encode_chunk(
            model_id=MODEL_ID,
            seq_id=1,
            chunk=datums,
            loss_fn="cross_entropy",
            loss_fn_config=None,
            forward_only=False,
            wire_format=wire_format,
            compress=False,
        )
        # The bytes that go on the wire: ``content`` when the encoder wrote them, else the dict
        # the HTTP layer would serialize.
        return bytes(kwargs["content"]) if "content" in kwargs else encode_json(kwargs["json"])

    return encode


def official_encoder(module: ModuleType) -> Callable[[list[Any]], bytes]:
    from tinker.proto.request_conv import forward_backward_request_to_proto

    types = module.types

    def encode(datums: list[Any]) -> bytes:
        request = types.ForwardBackwardRequest(
            forward_backward_input=types.ForwardBackwardInput(data=datums, loss_fn="cross_entropy"),
            model_id=MODEL_ID,
            seq_id=1,
        )
        message = forward_backward_request_to_proto(request)
        message.forward_only = False
        return bytes(message.SerializeToString())

    return encode


def timed_ms(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` calls, in ms (timeit's convention: on a shared machine the
    least disturbed run is the best estimate of the code's own cost)."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000.0 * min(times)


def json_floor_ms(raw: list[tuple[np.ndarray, np.ndarray, np.ndarray]], repeats: int) -> float:
    """The least an orjson-based JSON body can cost: the batch's numbers alone as decimal text
    (input and target tokens, and the 0/1 weights as the small ints tinkex sends), with no dicts
    or field names (evidence for the JSON-vs-protobuf goal)."""
    import orjson

    numbers = [a for inputs, targets, weights in raw for a in (inputs, targets, weights.astype(np.int8))]
    return timed_ms(lambda: orjson.dumps(numbers, option=orjson.OPT_SERIALIZE_NUMPY), repeats)


def with_vocab(
    raw: list[tuple[np.ndarray, np.ndarray, np.ndarray]], vocab: int, seed: int = 1
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The same batch shape with token ids drawn from ``0..vocab-1`` (e.g. Qwen's 151,936)."""
    rng = np.random.default_rng(seed)
    batch = []
    for inputs, _, weights in raw:
        sequence = rng.integers(0, vocab, size=inputs.size + 1, dtype=np.int64)
        batch.append((sequence[:-1].copy(), sequence[1:].copy(), weights))
    return batch


def main() -> None:
    args = parse_args()
    module = import_sdk(args.sdk, hide_torch=args.hide_torch)
    datums_n = int(args.params.get("datums", 64))
    tokens = int(args.params.get("tokens", 2048))
    repeats = int(args.params.get("repeats", 30))
    raw = raw_batch(datums_n, tokens)
    datums = build_datums(args.sdk, module, raw)
    formats = ["protobuf", "json"] if args.sdk == "tinkex" else ["protobuf"]
    result: dict[str, Any] = {"datums": datums_n, "tokens": tokens, "repeats": repeats}
    flat = [array for triple in raw for array in triple]
    result["floor_ms"] = timed_ms(lambda: np.concatenate(flat), repeats)
    if args.sdk == "tinkex":
        result["json_floor_ms"] = json_floor_ms(raw, repeats)
    profiler = maybe_profiler(args)
    if profiler is not None:
        profiler.start()
    for wire in formats:
        encode = tinkex_encoder(wire) if args.sdk == "tinkex" else official_encoder(module)
        result[f"{wire}_bytes"] = len(encode(datums))
        result[f"{wire}_ms"] = timed_ms(lambda encode=encode: encode(datums), repeats)  # type: ignore[misc]
        result[f"{wire}_with_datums_ms"] = timed_ms(
            lambda encode=encode: encode(build_datums(args.sdk, module, raw)),  # type: ignore[misc]
            repeats,
        )
    big_vocab = int(args.params.get("big_vocab", 151_936))
    if args.sdk == "tinkex" and big_vocab:
        big_raw = with_vocab(raw, big_vocab)
        big_datums = build_datums(args.sdk, module, big_raw)
        result["big_vocab"] = big_vocab
        result["big_vocab_json_floor_ms"] = json_floor_ms(big_raw, repeats)
        for wire in ("protobuf", "json"):
            encode = tinkex_encoder(wire)
            result[f"big_vocab_{wire}_bytes"] = len(encode(big_datums))
            result[f"big_vocab_{wire}_ms"] = timed_ms(lambda encode=encode: encode(big_datums), repeats)  # type: ignore[misc]
    if profiler is not None and args.profile is not None:
        profiler.dump(args.profile)
    emit(result)


if __name__ == "__main__":
    main()
