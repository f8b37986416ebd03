"""REST management: training runs, checkpoints, publishing, TTLs, deletion, sessions.

Creates a model with two checkpoints (a training state and sampler weights), then manages
them with the ``RestClient``: lists runs and checkpoints (the ``iter_*`` helpers walk every
page), inspects the weights behind a path, publishes and unpublishes a checkpoint, gives it
an expiry (TTL) and clears it, deletes one, and lists the sessions.
Every ``RestClient`` method returns a future (``.result()``, or ``await`` it).
Features EX-07 (sessions), EX-08 (checkpoints), EX-09 (weights inspection).

    python examples/rest_management.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
from contextlib import ExitStack

from _local import open_rest_client, open_service_client

import tinkex as tinker
from tinkex import types


def show_checkpoints(rest: tinker.RestClient, run_id: str) -> list[types.Checkpoint]:
    checkpoints = rest.list_checkpoints(run_id).result().checkpoints
    for c in checkpoints:
        expiry = c.expires_at.isoformat() if c.expires_at else "never"
        print(f"  {c.checkpoint_id:28s} {c.checkpoint_type:16s} public={c.public} expires={expiry}")
    return checkpoints


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        training = service.create_lora_training_client(base_model=args.model, rank=4).result()
        state_path = training.save_state("demo-state", user_metadata={"purpose": "example"}).result().path
        sampler_path = training.save_weights_for_sampler("demo-sampler").result().path
        run_id = types.ParsedCheckpointTinkerPath.from_tinker_path(state_path).training_run_id

        rest = open_rest_client(stack, service)
        runs = list(rest.iter_training_runs())
        print(f"{len(runs)} training run(s); ours: {run_id}")
        run = rest.get_training_run_by_tinker_path(state_path).result()
        print(f"run {run.training_run_id}: base {run.base_model}, lora rank {run.lora_rank}")
        weights = rest.get_weights_info_by_tinker_path(sampler_path).result()
        print(
            f"weights of {sampler_path}: base {weights.base_model}, lora={weights.is_lora}, rank {weights.lora_rank}"
        )
        print(f"all my checkpoints: {sum(1 for _ in rest.iter_user_checkpoints())}")

        print("checkpoints:")
        show_checkpoints(rest, run_id)

        rest.publish_checkpoint_from_tinker_path(state_path).result()
        rest.set_checkpoint_ttl_from_tinker_path(sampler_path, 3600).result()
        print("after publish + 1 h TTL:")
        show_checkpoints(rest, run_id)

        rest.unpublish_checkpoint_from_tinker_path(state_path).result()
        rest.set_checkpoint_ttl_from_tinker_path(sampler_path, None).result()  # None clears the expiry
        print("after unpublish + TTL cleared:")
        show_checkpoints(rest, run_id)

        rest.delete_checkpoint_from_tinker_path(sampler_path).result()
        print("after deleting the sampler weights:")
        remaining = show_checkpoints(rest, run_id)
        print(f"{len(remaining)} checkpoint(s) left")

        for session_id in rest.list_sessions(limit=5).result().sessions:
            session = rest.get_session(session_id).result()
            print(
                f"session {session_id}: runs {session.training_run_ids}, samplers {len(session.sampler_ids)}"
            )


if __name__ == "__main__":
    main()
