"""W0: import time of the SDK in a fresh interpreter (median of several processes).

``import_s`` is the bare ``import``; ``first_use_s`` adds touching ``ServiceClient`` and
``types.Datum``, which is where a lazily importing package pays what it deferred. The
module count and the heavy modules loaded refer to the state after first use.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from benchmarks.common import SDK_MODULES, emit, median, parse_args

# Timed inside the child so interpreter start-up is not counted, only the import itself.
_CHILD = (
    "import sys, time\n"
    "{prelude}"
    "before = set(sys.modules)\n"
    "started = time.perf_counter()\n"
    "import {module}\n"
    "elapsed = time.perf_counter() - started\n"
    "{module}.ServiceClient, {module}.types.Datum\n"
    "first_use = time.perf_counter() - started\n"
    "heavy = [m for m in ('numpy', 'httpx', 'pydantic', 'jax', 'transformers', 'google.protobuf', 'orjson', 'torch')"
    " if m in sys.modules]\n"
    "print(elapsed, first_use, len(set(sys.modules) - before), ','.join(heavy))\n"
)


# Makes ``import torch`` fail, as on a machine without it: the official SDK imports torch
# eagerly when it is installed, and the baseline was measured without it.
_HIDE_TORCH = (
    "class _HideTorch:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'torch' or name.startswith('torch.'):\n"
    "            raise ImportError('torch hidden by the benchmark')\n"
    "sys.meta_path.insert(0, _HideTorch())\n"
)


def measure(module: str, runs: int, hide_torch: bool = False) -> dict[str, object]:
    env = {**os.environ, "TINKER_TELEMETRY": "0"}
    # The warm-up run must be allowed to write .pyc files, or every timed run would compile
    # the package from source (a checkout has no bytecode yet; site-packages was compiled by pip).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = _CHILD.format(module=module, prelude=_HIDE_TORCH if hide_torch else "")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # warm .pyc files
    times, first_use, modules, heavy = [], [], 0, ""
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
        )
        elapsed, first_use_text, modules_text, *rest = out.stdout.split()
        times.append(float(elapsed))
        first_use.append(float(first_use_text))
        modules, heavy = int(modules_text), (rest[0] if rest else "")
    return {
        "import_s": median(times),
        "first_use_s": median(first_use),
        "runs": runs,
        "all_s": times,
        "modules": modules,
        "heavy_modules": heavy,
    }


def main() -> None:
    args = parse_args()
    runs = int(args.params.get("runs", 7))
    result = measure(SDK_MODULES[args.sdk], runs)
    if args.sdk == "official":
        result["torch_installed"] = importlib.util.find_spec("torch") is not None
        if result["torch_installed"]:
            no_torch = measure(SDK_MODULES[args.sdk], runs, hide_torch=True)
            result["import_no_torch_s"] = no_torch["import_s"]
            result["first_use_no_torch_s"] = no_torch["first_use_s"]
            result["modules_no_torch"] = no_torch["modules"]
    emit(result)


if __name__ == "__main__":
    main()
