"""Loading the SDK for a command, with the cyclic garbage collector paused.

Importing the SDK creates ~70,000 objects (modules, classes, functions) that live until the
command exits. With the collector on, CPython scans them again and again while they are being
created, and once more at exit: about a quarter of a short command's CPU (``tinkex run list``).
The import runs with the collector paused, and what it created is then frozen (``gc.freeze``),
so no later collection scans it. The collector is paused for the import only: a long command
(a download, a sampling run) still collects its own garbage.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tinkex.service_client import ServiceClient

_SDK_MODULE = "tinkex.service_client"


def service_client_class() -> type[ServiceClient]:
    """``ServiceClient``, importing the SDK first if this process has not."""
    if _SDK_MODULE not in sys.modules:
        # Only for the first import: a process that already has the SDK (a test runner, an
        # application calling the CLI in-process) keeps its collector as it is, and freezing
        # there would also pin the garbage it has not collected yet.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            import tinkex.service_client  # noqa: F401
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()
    from tinkex.service_client import ServiceClient

    return ServiceClient
