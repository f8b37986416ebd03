"""W1: building and encoding one forward_backward request of 64 × 2048 tokens (no network).

Datum building (issue 13's goal) uses the official idiom, the same code for both SDKs:
``Datum(model_input=ModelInput.from_ints(list), loss_fn_inputs={name: numpy array})`` from a
batch whose input tokens are Python lists (what a tokenizer returns).

Encoding: tinkex's ``_training_ops.encode_chunk`` gives the generated endpoint and its
arguments; the bytes on the wire are what that endpoint's ``_get_kwargs`` puts in ``content``
(the protobuf ``File`` payload, or orjson of ``body.to_dict()`` for JSON). The official SDK runs
the steps of its training client: build the pydantic ``ForwardBackwardRequest``, convert it
with ``tinker.proto.request_conv`` and serialize. The floor is ``np.concatenate`` of the raw
arrays, the least any encoder must copy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from benchmarks.common import (
    Batch,
    build_datums,
    emit,
    import_sdk,
    maybe_profiler,
    median,
    parse_args,
    raw_batch,
)

MODEL_ID = "bench-session:train:0"


def tinkex_encoder(wire_format: str) -> Callable[[list[Any]], bytes]:
    try:
        from tinkex._clients.training_ops import encode_chunk
    except ImportError:  # the "tinkex before" column runs an older tree, where it sat at the top
        from tinkex._training_ops import encode_chunk

    def encode(datums: list[Any]) -> bytes:
        endpoint, arguments = encode_chunk(
            model_id=MODEL_ID,
            seq_id=1,
            chunk=datums,
            loss_fn="cross_entropy",
            loss_fn_config=None,
            forward_only=False,
            wire_format=wire_format,
            compress=False,
        )
        if "content" in arguments:  # the hand-written core the baseline column runs: bytes already
            return bytes(arguments["content"])
        content: bytes = endpoint._get_kwargs(**arguments)["content"]
        return content

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


def timed_ms(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(fastest, median) of ``repeats`` calls in ms, after one warm-up call. The fastest is what
    the table reports (timeit's convention: on a shared machine the least disturbed run is the
    best estimate of the code's own cost); the median shows how disturbed the others were."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000.0 * min(times), 1000.0 * median(times)


def json_floor_ms(batch: Batch, repeats: int) -> float:
    """The least an orjson-based JSON body can cost: the batch's numbers alone as text (input and
    target tokens, float weights), with no dicts or field names."""
    import orjson

    numbers = [a for tokens, targets, weights in batch for a in (tokens, targets, weights)]
    return timed_ms(lambda: orjson.dumps(numbers, option=orjson.OPT_SERIALIZE_NUMPY), repeats)[0]


def datum_parts_ms(module: ModuleType, batch: Batch, repeats: int) -> dict[str, float]:
    """Datum building split in its two halves (fastest runs, ms for the whole batch): the
    ``ModelInput.from_ints`` calls, and the ``Datum`` calls given those ModelInputs, which turn
    the numpy loss inputs into ``TensorData``."""
    types = module.types
    inputs = [types.ModelInput.from_ints(tokens) for tokens, _, _ in batch]
    pairs = list(zip(inputs, batch, strict=True))

    def from_ints() -> object:
        return [types.ModelInput.from_ints(tokens) for tokens, _, _ in batch]

    def with_loss_inputs() -> object:
        return [
            types.Datum(
                model_input=model_input, loss_fn_inputs={"target_tokens": targets, "weights": weights}
            )
            for model_input, (_, targets, weights) in pairs
        ]

    return {
        "from_ints_ms": timed_ms(from_ints, repeats)[0],
        "datum_loss_inputs_ms": timed_ms(with_loss_inputs, repeats)[0],
    }


def profile_datums(module: ModuleType, batch: Batch, repeats: int, path: str, profiler: Any) -> None:
    """The profiled run covers datum building only: that is the part with a goal (issue 13)."""
    build_datums(module, batch)
    profiler.start()
    for _ in range(repeats):
        build_datums(module, batch)
    profiler.dump(path)


def main() -> None:
    args = parse_args()
    module = import_sdk(args.sdk, hide_torch=args.hide_torch)
    datums_n = int(args.params.get("datums", 64))
    tokens = int(args.params.get("tokens", 2048))
    repeats = int(args.params.get("repeats", 30))
    batch = raw_batch(datums_n, tokens)
    profiler = maybe_profiler(args)
    if profiler is not None and args.profile is not None:
        profile_datums(module, batch, repeats, args.profile, profiler)
        emit({"datums": datums_n, "tokens": tokens, "repeats": repeats, "profiled": True})
        return
    result: dict[str, Any] = {"datums": datums_n, "tokens": tokens, "repeats": repeats}
    result["datums_ms"], result["datums_median_ms"] = timed_ms(lambda: build_datums(module, batch), repeats)
    result |= datum_parts_ms(module, batch, repeats)
    datums = build_datums(module, batch)
    flat = [np.asarray(array) for triple in batch for array in triple]
    result["floor_ms"] = timed_ms(lambda: np.concatenate(flat), repeats)[0]
    formats = ["protobuf"] if args.sdk == "official" else ["protobuf", "json"]
    if args.sdk != "official":
        result["json_floor_ms"] = json_floor_ms(batch, repeats)
    for wire in formats:
        encode = official_encoder(module) if args.sdk == "official" else tinkex_encoder(wire)
        result[f"{wire}_bytes"] = len(encode(datums))
        result[f"{wire}_ms"] = timed_ms(lambda encode=encode: encode(datums), repeats)[0]  # type: ignore[misc]
        result[f"{wire}_with_datums_ms"] = timed_ms(
            lambda encode=encode: encode(build_datums(module, batch)),  # type: ignore[misc]
            repeats,
        )[0]
    emit(result)


if __name__ == "__main__":
    main()
