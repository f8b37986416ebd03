"""What every workload process shares: SDK selection, batches, resource readings, profiling.

A workload module is run as its own process (``python -m benchmarks.wN_... --sdk tinkex``)
so that import costs, peak RSS and CPU time belong to that workload alone. It prints one
line ``RESULT {json}`` on stdout, which ``benchmarks.run`` collects.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType, ModuleType
from typing import Any

import numpy as np
import orjson

SDK_MODULES = {"tinkex": "tinkex", "official": "tinker"}
# ``--sdk floor``: the bare HTTP library with no SDK (benchmarks.floor_client); imports neither.
SDK_CHOICES = (*SDK_MODULES, "floor")
API_KEY = "tml-benchmark-key-0123456789"
BASE_MODEL = "bench/fake-model"
RESULT_PREFIX = "RESULT "

# Both SDKs read these; set before either is imported (workloads run in fresh processes).
os.environ["TINKER_TELEMETRY"] = "0"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")


@dataclass(frozen=True)
class WorkloadArgs:
    sdk: str
    base_url: str
    params: dict[str, Any]
    profile: str | None
    hide_torch: bool


def parse_args(argv: Sequence[str] | None = None) -> WorkloadArgs:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sdk", choices=SDK_CHOICES, required=True)
    parser.add_argument("--base-url", default="")
    parser.add_argument("--params", default="{}", help="JSON object of workload parameters")
    parser.add_argument("--profile", default=None, help="write a cProfile dump of the measured part here")
    parser.add_argument("--hide-torch", action="store_true", help="make `import torch` fail in this process")
    ns = parser.parse_args(argv)
    return WorkloadArgs(ns.sdk, ns.base_url, orjson.loads(ns.params), ns.profile, ns.hide_torch)


class _HideTorch:
    """A meta-path finder that makes ``import torch`` fail, as on a machine without torch."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "torch" or name.startswith("torch."):
            raise ImportError("torch is hidden by the benchmark (--hide-torch)")


def import_sdk(sdk: str, *, hide_torch: bool = False) -> ModuleType:
    """The SDK module. ``hide_torch``: the official SDK imports torch eagerly when installed
    (seconds and hundreds of MiB); the issue's baseline was measured without torch."""
    if hide_torch:
        sys.meta_path.insert(0, _HideTorch())
    return __import__(SDK_MODULES[sdk])


def emit(result: dict[str, Any]) -> None:
    print(RESULT_PREFIX + orjson.dumps(result, option=orjson.OPT_SERIALIZE_NUMPY).decode(), flush=True)


# ---- resources ----


def cpu_seconds() -> float:
    """CPU time of the whole process (all threads: the SDKs do their I/O on a background thread)."""
    return time.process_time()


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def current_rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024.0 * 1024.0)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def best_median(fn: Callable[[], object], repeats: int) -> float:
    """Median wall seconds of ``repeats`` calls of ``fn`` (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return median(times)


# ---- data ----


Batch = list[tuple[list[int], np.ndarray, np.ndarray]]


def raw_batch(datums: int, tokens: int, seed: int = 0) -> Batch:
    """(input tokens as a Python list, target tokens int64, weights float32) per datum: what a
    training loop has in hand after tokenizing (a tokenizer returns lists of ints)."""
    rng = np.random.default_rng(seed)
    batch = []
    for _ in range(datums):
        sequence = rng.integers(0, 250, size=tokens + 1, dtype=np.int64)
        batch.append((sequence[:-1].tolist(), sequence[1:].copy(), np.ones(tokens, dtype=np.float32)))
    return batch


def build_datums(module: ModuleType, batch: Batch) -> list[Any]:
    """The SDK's Datums, written the official way and identically for both SDKs (issue 13's
    idiom): ``ModelInput.from_ints(list)`` and numpy arrays as the loss inputs."""
    types = module.types
    return [
        types.Datum(
            model_input=types.ModelInput.from_ints(tokens),
            loss_fn_inputs={"target_tokens": targets, "weights": weights},
        )
        for tokens, targets, weights in batch
    ]


def service_client(module: ModuleType, base_url: str, **options: Any) -> Any:
    """``options``: client configuration, e.g. tinkex's ``transport="httpx"``."""
    return module.ServiceClient(base_url=base_url, api_key=API_KEY, **options)


def close_service(service: Any) -> None:
    service.close("success").result()


# ---- profiling ----


class ThreadProfiler:
    """cProfile for the main thread and for every thread started while it exists.

    Both SDKs do their HTTP work on a background event-loop thread, which a plain
    ``cProfile.Profile().enable()`` on the main thread would not see. ``threading.setprofile``
    gives each new thread a hook; once ``start()`` arms it, the hook's next call installs that
    thread's own profiler, so set-up work before ``start()`` stays out of the profile. (The
    hook is a Python function called on every call until then: profiled runs are for the
    profile only, never for the timings.)
    """

    def __init__(self) -> None:
        self._main = cProfile.Profile()
        self._threads: list[cProfile.Profile] = []
        self._lock = threading.Lock()
        self._armed = False
        threading.setprofile(self._hook)

    def _hook(self, frame: FrameType, event: str, arg: object) -> None:
        if not self._armed:
            return
        profiler = cProfile.Profile()
        with self._lock:
            self._threads.append(profiler)
        profiler.enable()  # replaces this hook for the current thread

    def start(self) -> None:
        self._armed = True
        self._main.enable()

    def dump(self, path: str) -> None:
        self._main.disable()
        self._armed = False
        stats = pstats.Stats(self._main)
        with self._lock:
            for profiler in self._threads:
                profiler.create_stats()
                stats.add(profiler)
        stats.dump_stats(path)


def maybe_profiler(args: WorkloadArgs) -> ThreadProfiler | None:
    if args.profile is None:
        return None
    return ThreadProfiler()


def warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def training_client(service: Any) -> Any:
    return service.create_lora_training_client(base_model=BASE_MODEL, rank=8).result()


def sampling_client(service: Any) -> Any:
    return service.create_sampling_client(base_model=BASE_MODEL).result()
