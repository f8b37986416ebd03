"""Switch on JAX's persistent compilation cache (process-wide, so it is a module function)."""

from __future__ import annotations

from pathlib import Path

import jax
from jax.experimental.compilation_cache import compilation_cache

_active_directory: str | None = None


def enable_compile_cache(directory: Path) -> None:
    """Cache every compiled program under ``directory``; later processes skip most of the ~1 s compiles.

    JAX's defaults only cache programs that took over a second to compile, which misses most of ours.
    JAX decides once, at its first compile, whether a cache is in use; resetting that decision makes
    this work even when something in the process compiled before the directory was set.
    """
    directory.mkdir(parents=True, exist_ok=True)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    global _active_directory
    if _active_directory != str(directory):
        compilation_cache.set_cache_dir(str(directory))
        compilation_cache.reset_cache()
        _active_directory = str(directory)
