"""Download a checkpoint archive and list the extracted files.

Uses ``--checkpoint tinker://...`` when given; otherwise picks the newest of your
checkpoints, and when you have none it trains a model for a few steps and saves one.
The archive streams to disk with a progress callback, is checked member by member
(nothing can land outside the target) and is extracted into
``<output-dir>/<run>_<kind>_<name>``. ``--force`` replaces an existing download.
Features EX-10, DL-*.

    python examples/download_checkpoint.py [--checkpoint tinker://RUN/weights/NAME] [--output-dir checkpoints]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from pathlib import Path

from _local import BOS, EOS, open_rest_client, open_service_client

import tinkex as tinker
from tinkex import types


def make_checkpoint(service: tinker.ServiceClient, model: str) -> str:
    """Train two steps on a short phrase and save the state; returns its tinker:// path."""
    training = service.create_lora_training_client(base_model=model, rank=4).result()
    tokens = [BOS, *b"download me", EOS]
    datum = types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )
    for _ in range(2):
        training.forward_backward([datum], "cross_entropy")
        training.optim_step(types.AdamParams(learning_rate=1e-3))
    return training.save_state("to-download").result().path


def newest_checkpoint(rest: tinker.RestClient) -> str | None:
    checkpoints = list(rest.iter_user_checkpoints())
    return max(checkpoints, key=lambda c: c.time).tinker_path if checkpoints else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkpoint", default=None, help="tinker:// path (default: your newest checkpoint)")
    parser.add_argument("--output-dir", type=Path, default=Path("checkpoints"))
    parser.add_argument("--force", action="store_true", help="replace an existing download")
    parser.add_argument(
        "--model", default="local/byte-small", help="model to train when there is no checkpoint"
    )
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        rest = open_rest_client(stack, service)
        path = args.checkpoint or newest_checkpoint(rest) or make_checkpoint(service, args.model)
        print(f"checkpoint {path}")

        reported: list[int] = []

        def progress(done: int, total: int) -> None:
            percent = 100 * done // total if total else 0
            if not reported or percent >= reported[-1] + 25 or done == total:
                reported.append(percent)
                print(f"  downloaded {done} / {total} bytes ({percent} %)")

        result = rest.download_checkpoint(
            path, output_dir=str(args.output_dir), force=args.force, progress=progress
        )
        destination = result.result().destination
        print(f"extracted into {destination}")
        for file in sorted(p for p in destination.rglob("*") if p.is_file()):
            print(f"  {file.relative_to(destination)}  {file.stat().st_size} bytes")


if __name__ == "__main__":
    main()
