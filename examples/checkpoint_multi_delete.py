"""Delete several checkpoints with one CLI call.

1. Trains a step and saves two checkpoints (a training state and sampler weights).
2. Caches their paths in ``tmp/checkpoints/multi_delete.paths`` (one per line), as a job
   that cleans up later would.
3. Runs ``tinkex checkpoint delete <path> <path> --yes``: every path is checked first, one
   confirmation (skipped by ``--yes``), per-path progress, and failures are reported together.
4. Lists the run's checkpoints again to show both are gone.

The CLI gets the server and key through TINKER_BASE_URL / TINKER_API_KEY in its environment
(never on the command line). Feature EX-24.

    python examples/checkpoint_multi_delete.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from _local import BOS, EOS, open_rest_client, open_service_client

from tinkex import types

CACHE = Path("tmp/checkpoints/multi_delete.paths")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=4, seed=0).result()
        tokens = [BOS, *b"delete me", EOS]
        datum = types.Datum(
            model_input=types.ModelInput.from_ints(tokens[:-1]),
            loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
        )
        training.forward_backward([datum], "cross_entropy").result()
        training.optim_step(types.AdamParams(learning_rate=1e-3)).result()
        paths = [
            training.save_state("to-delete-state").result().path,
            training.save_weights_for_sampler("to-delete-sampler").result().path,
        ]
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text("\n".join(paths) + "\n")
        print(f"saved and cached {len(paths)} checkpoints in {CACHE}")

        rest = open_rest_client(stack, service)
        run_id = training.model_id

        def listed() -> list[str]:
            return [c.tinker_path for c in rest.list_checkpoints(run_id).result().checkpoints]

        print(f"before: {sorted(listed())}")
        cached = CACHE.read_text().split()
        env = {**os.environ, "TINKER_BASE_URL": service.config.base_url}
        env["TINKER_API_KEY"] = service.config.api_key or ""
        command = [sys.executable, "-m", "tinkex", "checkpoint", "delete", *cached, "--yes"]
        print("$ tinkex checkpoint delete " + " ".join(cached) + " --yes")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        print(done.stdout.rstrip())
        if done.stderr.strip():
            print(done.stderr.rstrip())
        print(f"CLI exit code {done.returncode}")
        remaining = listed()
        print(f"after: {sorted(remaining)}")
        print("both deleted" if not set(paths) & set(remaining) else "some checkpoints are still there")
        CACHE.unlink()


if __name__ == "__main__":
    main()
