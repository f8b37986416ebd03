"""How much of the machine other processes used while one client process ran.

The load average lags by a minute and counts the benchmark itself; this is direct: the machine's
busy CPU time over the interval (``/proc/stat``, steal included) minus the client's (its rusage,
children included) and the fake server's. Shown as a share of the machine's capacity over the
interval, so a row measured while something else ran can be told apart (Linux only; elsewhere
no figure).
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _machine_busy_s() -> float | None:
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / _TICKS


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Interval:
    """Start one before a client process runs; ``foreign_share`` once it has finished."""

    busy: float | None
    children: float
    wall: float

    @classmethod
    def start(cls) -> Interval:
        return cls(_machine_busy_s(), _children_cpu_s(), time.monotonic())

    def foreign_share(self, server_cpu_s: float) -> float | None:
        """Other processes' CPU over the interval, as a share of all cores (0 = undisturbed)."""
        busy = _machine_busy_s()
        if busy is None or self.busy is None:
            return None
        wall = time.monotonic() - self.wall
        foreign = (busy - self.busy) - (_children_cpu_s() - self.children) - server_cpu_s
        return max(foreign, 0.0) / (wall * (os.cpu_count() or 1)) if wall > 0 else None
