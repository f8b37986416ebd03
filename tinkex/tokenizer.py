"""Tokenizers for training and sampling clients (features TOK-01…TOK-08).

``transformers`` is imported only when a tokenizer is first loaded, so ``import tinkex``
stays fast. Local server models use the byte tokenizer bundled as package data, which
loads with no network; hub ids honour ``HF_HUB_OFFLINE`` (read by huggingface_hub itself).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import TinkexValidationError

# An ungated copy of the Llama-3 tokenizer, so Llama-3 models load without a gated download.
# Decision D-03 (DESIGN §3): Tinkex's id, not the official SDK's "...-instruct-tokenizer";
# overridable with ``tokenizer_override`` / TINKEX_TOKENIZER_OVERRIDE.
LLAMA3_TOKENIZER = "thinkingmachineslabinc/meta-llama-3-tokenizer"
# Kimi K2's tokenizer needs remote code at a pinned revision (TOK-04).
_PINNED_REVISIONS = {"moonshotai/Kimi-K2-Thinking": "612681931a8c906ddb349f8ad0f582cb552189cd"}
LOCAL_BYTE_TOKENIZER = "local/byte-260"
BUNDLED_TOKENIZERS = {LOCAL_BYTE_TOKENIZER: Path(__file__).parent / "tokenizer_data" / "byte260"}

LoadFn = Callable[[str, dict[str, Any]], Any]

_cache: dict[tuple[str, str | None], Any] = {}
_cache_lock = threading.Lock()


def get_tokenizer_id(
    model_name: str, *, tokenizer_id: str | None = None, llama3_tokenizer: str = LLAMA3_TOKENIZER
) -> str:
    """Resolve the tokenizer id for a model: the server's ``tokenizer_id`` wins, then heuristics."""
    if tokenizer_id:
        return tokenizer_id
    name = str(model_name)
    if name.startswith("local/byte-"):
        return LOCAL_BYTE_TOKENIZER  # every local server model uses the bundled byte vocabulary
    if name.startswith("meta-llama/Llama-3"):
        return llama3_tokenizer
    if name.count("/") == 2:  # org/model/variant -> org/model
        name = name.rsplit("/", 1)[0]
    return name


def _default_load(tokenizer_id: str, options: dict[str, Any]) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tokenizer_id, **options)


def load_tokenizer(tokenizer_id: str, *, load_fn: LoadFn | None = None) -> Any:
    """Load (once per process) and return the tokenizer for ``tokenizer_id``."""
    # The official SDK truncates server ids at the first ':' (e.g. "name:revision-tag").
    resolved = tokenizer_id.split(":", 1)[0] if tokenizer_id not in BUNDLED_TOKENIZERS else tokenizer_id
    revision = _PINNED_REVISIONS.get(resolved)
    key = (resolved, revision)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    options: dict[str, Any] = {}
    source = resolved
    if resolved in BUNDLED_TOKENIZERS:
        source = str(BUNDLED_TOKENIZERS[resolved])
    elif revision is not None:
        options = {"revision": revision, "trust_remote_code": True}
    try:
        tokenizer = (load_fn or _default_load)(source, options)
    except Exception as exc:
        raise TinkexValidationError(
            f"Failed to load tokenizer {resolved!r}: {exc}. Install 'transformers', make the tokenizer "
            "available locally (HF_HUB_OFFLINE=1 forbids downloads), or pass a different tokenizer id"
        ) from exc
    with _cache_lock:
        return _cache.setdefault(key, tokenizer)


def encode(tokenizer: Any, text: str, *, add_special_tokens: bool = True) -> list[int]:
    """Token ids of ``text``; chat templates are never applied (TOK-07)."""
    if not isinstance(text, str):
        raise TinkexValidationError("text must be a str")
    try:
        return list(tokenizer.encode(text, add_special_tokens=add_special_tokens))
    except Exception as exc:
        raise TinkexValidationError(f"Failed to encode text: {exc}") from exc


def decode(tokenizer: Any, ids: Sequence[int]) -> str:
    if not isinstance(ids, Sequence) or isinstance(ids, (str, bytes)):
        raise TinkexValidationError("ids must be a list of integers")
    if not all(isinstance(i, int) for i in ids):
        raise TinkexValidationError("ids must be integers")
    try:
        return str(tokenizer.decode(list(ids)))
    except Exception as exc:
        raise TinkexValidationError(f"Failed to decode ids: {exc}") from exc


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
