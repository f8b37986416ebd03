"""Small file-system helpers of the checkpoint store: directory names, atomic JSON files, sizes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote


def directory_name(run_id: str) -> str:
    """A run id as one portable directory name (``:`` is not allowed on Windows): percent-encoded."""
    return quote(run_id, safe="")


def write_json_atomically(path: Path, data: Mapping[str, Any]) -> None:
    """Write through a temp file plus rename, so readers see the old or the new file, never half."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def read_json_object(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as source:
        data = json.load(source)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} does not hold a JSON object")
    return data


def files_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())
