"""Which handwritten files one ``TrainingClient.forward_backward`` crosses (docs/architecture.md).

Starts the local server (tiny model) in a child process, so only client code is profiled, runs one warm-up call so first-use imports are not
counted, then records every Python function entered, on every thread, while a second
``forward_backward(...).result()`` runs. Files under ``tinkex/`` are handwritten; files of
``tinker_openapi``/``tinker_proto`` are generated and listed apart. Prints one line per file:
the file, then the functions of it that ran.

    python -m benchmarks.call_path [--wire json|protobuf]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
_seen: dict[str, set[str]] = defaultdict(set)
_recording = False
_KEY = "tml-call-path-0123456789"  # a loopback server without a key file accepts any well-formed key


def _profile(frame: FrameType, event: str, _arg: Any) -> None:
    if _recording and event == "call":
        _seen[frame.f_code.co_filename].add(frame.f_code.co_name)


def _kind(filename: str) -> str | None:
    path = Path(filename)
    if "tinker_openapi" in path.parts or "tinker_proto" in path.parts:
        return "generated"
    try:
        relative = path.resolve().relative_to(_ROOT)
    except ValueError:
        return None
    return "handwritten" if relative.parts[0] == "tinkex" else None


def main() -> None:
    global _recording
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wire", choices=["json", "protobuf"], default="json")
    args = parser.parse_args()

    # Installed before tinkex starts its event-loop thread, so that thread is profiled too.
    threading.setprofile(_profile)
    sys.setprofile(_profile)

    import tinkex
    from tinkex.server.testing import TEST_MODEL, server_process

    data_dir = tempfile.mkdtemp(prefix="call-path-")
    with server_process("--models", TEST_MODEL, "--data-dir", data_dir) as server:
        service = tinkex.ServiceClient(base_url=server.base_url, api_key=_KEY, wire_format=args.wire)
        training = service.create_lora_training_client(base_model=TEST_MODEL, rank=4).result()
        tokens = [1, 72, 105, 33, 2]
        datum = tinkex.types.Datum(
            model_input=tinkex.types.ModelInput.from_ints(tokens[:-1]),
            loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
        )
        data = [datum]
        training.forward_backward(data, "cross_entropy").result()  # warm-up: imports, pools
        _recording = True
        training.forward_backward(data, "cross_entropy").result()
        _recording = False
        service.close().result(timeout=30)
    sys.setprofile(None)

    by_kind: dict[str, list[str]] = defaultdict(list)
    for filename, functions in sorted(_seen.items()):
        kind = _kind(filename)
        if kind is not None:
            shown = (
                Path(filename).resolve().relative_to(_ROOT) if kind == "handwritten" else Path(filename).name
            )
            by_kind[kind].append(f"{shown}: {', '.join(sorted(functions))}")
    for kind in ("handwritten", "generated"):
        print(f"{kind} files: {len(by_kind[kind])}")
        for line in by_kind[kind]:
            print("  " + line)


if __name__ == "__main__":
    main()
