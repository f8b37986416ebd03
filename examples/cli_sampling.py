"""Sample through the CLI from code: an inline prompt, then a prompt file with JSON output.

1. ``tinkex run sample --prompt TEXT`` with the prompt inline; the completion is printed.
2. ``tinkex run sample --prompt-file FILE --json --output FILE``: the prompt comes from a
   file and the full response (tokens, logprobs) is written as JSON to another file, which
   this script reads back.

The CLI runs as a subprocess, as from a shell script; it gets the server and key through
TINKER_BASE_URL / TINKER_API_KEY. Features EX-12 and EX-13.

    python examples/cli_sampling.py [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from _local import open_service_client


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--out-dir", default="tmp/cli_sampling")
    args = parser.parse_args()

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)  # only for the server and key to use
        env = {**os.environ, "TINKER_BASE_URL": service.config.base_url}
        env["TINKER_API_KEY"] = service.config.api_key or ""
        tinkex_cli = [sys.executable, "-m", "tinkex", "run", "sample", "--base-model", args.model]

        inline = [*tinkex_cli, "--prompt", "Hello from Tinkex!", "--max-tokens", "12", "--seed", "1"]
        print("$ tinkex run sample --base-model", args.model, "--prompt 'Hello from Tinkex!' --max-tokens 12")
        done = subprocess.run(inline, env=env, capture_output=True, text=True, check=False)
        print(done.stdout.rstrip() or done.stderr.rstrip())
        if done.returncode != 0:
            return done.returncode

        out_dir = Path(args.out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        prompt_file, result_file = out_dir / "prompt.txt", out_dir / "result.json"
        prompt_file.write_text("Once upon a time", encoding="utf-8")
        from_file = [
            *tinkex_cli,
            "--prompt-file",
            str(prompt_file),
            "--num-samples",
            "2",
            "--max-tokens",
            "8",
            "--seed",
            "2",
        ]
        from_file += ["--json", "--output", str(result_file)]
        print(f"$ tinkex run sample ... --prompt-file {prompt_file} --json --output {result_file}")
        done = subprocess.run(from_file, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr.rstrip())
            return done.returncode
        result = json.loads(result_file.read_text(encoding="utf-8"))
        print(f"{result_file}: keys {sorted(result)}")
        for i, sequence in enumerate(result.get("sequences", [])):
            print(f"sample {i}: {len(sequence['tokens'])} tokens, stop reason {sequence.get('stop_reason')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
