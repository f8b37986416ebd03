"""numpy is imported when the first array is built, not when the types load.

Importing numpy costs ~70 ms of CPU, which a process that handles no arrays never needs: the
CLI listing runs or checkpoints, a script that only calls REST endpoints. Code that builds or
reads arrays imports numpy where it does so. The type checks of the converters and of
``model_dump`` (is this a numpy scalar? an array?) need no import: a value can only be a numpy
object once numpy has been imported, so they ask ``loaded_numpy()``.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["loaded_numpy"]


def loaded_numpy() -> Any | None:
    """The numpy module if this process has imported it, else None (no value can be numpy's)."""
    return sys.modules.get("numpy")
