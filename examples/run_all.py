"""Run the examples in order and stop at the first failure (feature EX-28).

With TINKER_BASE_URL unset, one local server (with its fault-injection hooks, which two
examples use) is started for all of them; otherwise they all use the configured server. Every script gets ``--model``; missing scripts are skipped.
Prints a timestamp and the duration of each script.

    python examples/run_all.py [--model local/byte-small] [--scripts supervised_loop.py rl_loop.py]
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from _local import LOCAL_API_KEY

HERE = Path(__file__).resolve().parent
CURATED = [
    "quickstart.py",
    "supervised_loop.py",
    "rl_loop.py",
    "sampling_with_logprobs.py",
    "checkpoints_and_resume.py",
    "rest_management.py",
    "download_checkpoint.py",
    "custom_loss_regularizers.py",
    "structured_regularizers.py",
    "forward_inference.py",
    "async_client_creation.py",
    "metrics_live.py",
    "telemetry_reporter.py",
    "llama3_tokenizer_override.py",
    "multimodal_resume_and_cleanup.py",
    "checkpoint_multi_delete.py",
    "cli_sampling.py",
    "heartbeat_probe.py",
    "retry_and_capture.py",
    "queue_state_observer.py",
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--scripts", nargs="+", default=CURATED, help="scripts to run, in order")
    args = parser.parse_args()

    with ExitStack() as stack:
        env = dict(os.environ)
        if not env.get("TINKER_BASE_URL"):
            from tinkex.server.runner import start_server

            # Test hooks on: retry_and_capture.py and queue_state_observer.py inject faults.
            server = stack.enter_context(start_server(models=[args.model], enable_test_hooks=True))
            env["TINKER_BASE_URL"] = server.base_url
            env["TINKER_HEARTBEAT_PROBE"] = "1"  # our own local server: the probe is harmless
            print(f"local Tinker server on {server.base_url}", flush=True)
        env.setdefault("TINKER_API_KEY", LOCAL_API_KEY)

        for name in args.scripts:
            script = HERE / name
            if not script.is_file():
                print(f"skip {name}: no such example", flush=True)
                continue
            stamp = datetime.datetime.now().strftime("%H:%M:%S")
            print(f"[{stamp}] running {name}", flush=True)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, str(script), "--model", args.model], env=env, check=False)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                print(f"FAILED {name} (exit {done.returncode}) after {elapsed:.1f} s", flush=True)
                return done.returncode
            print(f"ok {name} in {elapsed:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
