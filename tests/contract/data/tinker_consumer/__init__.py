"""A small third-party library written for the official ``tinker`` SDK (never for tinkex).

It imports tinker the ways published libraries do: the top-level package, ``tinker.types``,
the per-type modules under ``tinker.types``, ``tinker.lib.public_interfaces`` and
``tinker.lib.retry_handler``. ``test_install_as_tinker.py`` runs it unchanged after
``tinkex.install_as_tinker()``.
"""

from .batches import supervised_batch
from .loop import train_then_sample

__all__ = ["supervised_batch", "train_then_sample"]
