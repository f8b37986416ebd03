"""Summaries of the cProfile dumps the workloads write (``--profile``)."""

from __future__ import annotations

import pstats
import sysconfig
from collections import Counter
from pathlib import Path
from typing import Any

# pstats keys are (filename, line, function); built-ins have filename "~".
FuncKey = tuple[str, int, str]


_PREFIXES = tuple(
    f"{prefix.rstrip('/')}/"
    for prefix in (
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
        sysconfig.get_paths()["stdlib"],
        str(Path(__file__).resolve().parents[1]),  # this checkout
    )
)


def _short(filename: str) -> str:
    """A path relative to site-packages, the stdlib or the repository."""
    for prefix in _PREFIXES:
        if filename.startswith(prefix):
            return filename[len(prefix) :]
    parts = Path(filename).parts
    return "/".join(parts[-2:]) if len(parts) > 1 else filename


def _label(key: FuncKey) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    return f"{_short(filename)}:{line}({name})"


def _owner(filename: str) -> str:
    """The package a function belongs to, for the "what dominates" split."""
    if filename == "~":
        return "builtins (C)"
    short = _short(filename)
    head = short.split("/", 1)[0]
    if head.endswith(".py"):
        head = head[:-3]
    if head in ("asyncio", "selectors", "socket", "ssl", "threading", "concurrent"):
        return f"stdlib {head}"
    return head


def _stats(path: Path) -> dict[FuncKey, Any]:
    loaded = pstats.Stats(str(path))
    return loaded.stats  # type: ignore[attr-defined]  # {key: (cc, nc, tt, ct, callers)}


_IDLE = ("<method 'poll' of 'select.epoll' objects>", "<method 'acquire' of '_thread.lock' objects>")
_ENTRY_POINTS = {
    "_bootstrap",
    "_bootstrap_inner",
    "run",
    "run_forever",
    "_run_once",
    "_run",  # asyncio Handle._run: every callback of the loop
    "<method 'run' of '_contextvars.Context' objects>",
    "<module>",
    "main",
}


def _is_plumbing(key: FuncKey) -> bool:
    """Rows that say nothing about the SDK: idle waits, thread/loop entry points, the
    benchmark's own driver code and the blocking ``result()`` chain of the main thread."""
    filename, _line, name = key
    short = _short(filename)
    return (
        name in _IDLE
        or name in _ENTRY_POINTS
        or short.startswith(("benchmarks/", "threading.py", "concurrent/futures/"))
        or (short == "tinkex/futures.py" and name == "result")
        or name == "<built-in method builtins.sum>"
    )


def top_table(path: Path, *, sort: str, limit: int, calls_per: int) -> str:
    """A fixed-width table of the top functions; ``per unit`` divides times by ``calls_per``."""
    stats = _stats(path)
    index = 3 if sort == "cumulative" else 2
    rows = sorted(stats.items(), key=lambda item: item[1][index], reverse=True)
    lines = [f"{'ncalls':>9} {'tottime s':>10} {'cumtime s':>10} {'cum ms/unit':>11}  function"]
    shown = 0
    for key, (_cc, nc, tt, ct, _callers) in rows:
        if _is_plumbing(key):
            continue
        lines.append(f"{nc:>9} {tt:>10.3f} {ct:>10.3f} {1000.0 * ct / calls_per:>11.3f}  {_label(key)}")
        shown += 1
        if shown >= limit:
            break
    return "\n".join(lines)


def owner_split(path: Path) -> list[tuple[str, float]]:
    """Share of total own time (tottime) per package, largest first; idle waits excluded."""
    totals: Counter[str] = Counter()
    for key, (_cc, _nc, tt, _ct, _callers) in _stats(path).items():
        if key[2] in _IDLE:
            continue  # waiting, not working
        totals[_owner(key[0])] += tt
    whole = sum(totals.values()) or 1.0
    return [(owner, share / whole) for owner, share in totals.most_common()]


def summary_markdown(title: str, path: Path, units: int, unit_name: str, limit: int = 25) -> str:
    split = ", ".join(f"{owner} {100 * share:.0f} %" for owner, share in owner_split(path)[:10])
    return "\n".join(
        [
            f"### {title}",
            "",
            f"Own CPU time by package (idle waits excluded): {split}.",
            "",
            f"Top {limit} by cumulative time (all threads; `cum ms/unit` = per {unit_name}, {units} {unit_name}s;"
            " a coroutine's ncalls counts every resume, and cProfile's own overhead inflates"
            " small functions):",
            "",
            "```",
            top_table(path, sort="cumulative", limit=limit, calls_per=units),
            "```",
            "",
            "Top 15 by own time:",
            "",
            "```",
            top_table(path, sort="tottime", limit=15, calls_per=units),
            "```",
            "",
        ]
    )


def _matching(stats: dict[FuncKey, Any], file_suffix: str, name: str) -> tuple[int, float, float]:
    """(ncalls, own seconds, cumulative seconds) summed over functions ``name`` in files ending
    with ``file_suffix`` (built-ins: file "~"). Only plain functions have exact ncalls: a
    coroutine's counts every resume."""
    calls, own, cumulative = 0, 0.0, 0.0
    for (filename, _line, function), (_cc, nc, tt, ct, _callers) in stats.items():
        if function == name and filename.endswith(file_suffix):
            calls += nc
            own += tt
            cumulative += ct
    return calls, own, cumulative


def facts(path: Path) -> dict[str, Any]:
    """Numbers the findings quote from a profile: the package split; httpx's per-response cookie
    extraction (calls and the share of the profile's CPU under it) and ``httpx.Headers`` lookups,
    both plain functions whose call counts are exact; the own time of protobuf serialization; the
    sockets connected while profiling."""
    stats = _stats(path)
    cookies, _, cookies_s = _matching(stats, "httpx/_models.py", "extract_cookies")
    lookups, _, lookups_s = _matching(stats, "httpx/_models.py", "__getitem__")
    _, serialize_s, _ = _matching(
        stats, "~", "<method 'SerializeToString' of 'google._upb._message.Message' objects>"
    )
    connects, _, _ = _matching(stats, "~", "<method 'connect' of '_socket.socket' objects>")
    total = sum(tt for key, (_cc, _nc, tt, _ct, _callers) in stats.items() if key[2] not in _IDLE)
    return {
        "owner_split": owner_split(path),
        "extract_cookies_calls": cookies,
        "extract_cookies_s": cookies_s,
        "header_lookups": lookups,
        "header_lookups_s": lookups_s,
        "serialize_own_s": serialize_s,
        "connects": connects,
        "own_s": total,
    }
