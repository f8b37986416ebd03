"""The typed errors of ``download_checkpoint`` (features DL-08, DL-09), public from ``tinkex``.

``CheckpointDownloadError`` is the base: the archive could not be fetched (``status`` is set
when the server answered). Its subclasses say what was wrong with what arrived:

* ``UnsafeArchiveError``: a member that could write outside the target or cannot be created
  safely (absolute path, ``..``, link, device, duplicate or clashing name, name too long or
  nested too deep, control characters);
* ``ArchiveTooLargeError`` (an ``UnsafeArchiveError``): over ``max_bytes`` downloaded or
  unpacked, over ``max_members``, or expanding implausibly far for model weights;
* ``InvalidArchiveError``: not a readable, complete archive (corrupt or truncated data, a
  size or checksum that does not match what the server declared).

In every case nothing is left behind: no partial checkpoint folder, no temporary file.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ArchiveTooLargeError", "CheckpointDownloadError", "InvalidArchiveError", "UnsafeArchiveError"]


class CheckpointDownloadError(Exception):
    """The archive could not be fetched (``status`` set when the server answered)."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self) -> tuple[Any, ...]:
        # The keyword-only ``status`` does not survive default exception pickling.
        return (_restore, (type(self), str(self), self.status))


def _restore(cls: type[CheckpointDownloadError], message: str, status: int | None) -> CheckpointDownloadError:
    return cls(message, status=status)


class UnsafeArchiveError(CheckpointDownloadError):
    """The archive holds a member that could write outside the target or cannot be created safely."""


class ArchiveTooLargeError(UnsafeArchiveError):
    """The download or its contents exceed ``max_bytes``/``max_members`` (or expand like a bomb)."""


class InvalidArchiveError(CheckpointDownloadError):
    """What arrived is not a readable, complete archive, or not the one the server declared."""
