"""Tokenizers for training and sampling clients (features TOK-01…TOK-08).

``transformers`` is imported only when a tokenizer is first loaded, so ``import tinkex``
stays fast. Local server models use the byte tokenizer bundled as package data, which
loads with no network; hub ids honour ``HF_HUB_OFFLINE`` (read by huggingface_hub itself).
"""

from __future__ import annotations

import numbers
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
    # TOK-03: "org/model:tag" names the same tokenizer as "org/model" (as the official SDK does).
    name = str(model_name).split(":", 1)[0]
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


def _load_bundled(directory: str, options: dict[str, Any]) -> Any:
    """A bundled tokenizer (a ``tokenizer.json``) as ``PreTrainedTokenizerFast``, the class its
    ``tokenizer_config.json`` names and so the one ``AutoTokenizer`` returns. Loading the class
    directly skips ``AutoTokenizer``'s model-config imports, which import torch when it is
    installed: seconds for a byte vocabulary."""
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast.from_pretrained(directory, **options)


def _is_bundled_folder(name: str) -> bool:
    """Whether ``name`` is the folder of a bundled tokenizer (as the examples pass one, to stand
    in for a tokenizer saved on disk): it loads as cheaply as when named by its id."""
    return Path(name).resolve() in {folder.resolve() for folder in BUNDLED_TOKENIZERS.values()}


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
    default_load: LoadFn = _default_load
    source = resolved
    if resolved in BUNDLED_TOKENIZERS or _is_bundled_folder(resolved):
        source, default_load = str(BUNDLED_TOKENIZERS.get(resolved, resolved)), _load_bundled
    elif revision is not None:
        options = {"revision": revision, "trust_remote_code": True}
    try:
        tokenizer = (load_fn or default_load)(source, options)
    except Exception as exc:
        raise TinkexValidationError(
            f"Failed to load tokenizer {resolved!r}: {exc}. Install 'transformers', make the tokenizer "
            "available locally (HF_HUB_OFFLINE=1 forbids downloads), or pass a different tokenizer id"
        ) from exc
    with _cache_lock:
        return _cache.setdefault(key, tokenizer)


def _default_llama3_tokenizer() -> str:
    # Same precedence as a client's config: configure() default > environment > built-in.
    from ._config.env import EnvSnapshot
    from .config import get_defaults

    override = get_defaults().get("tokenizer_override") or EnvSnapshot.read().tokenizer_override
    return str(override) if override else LLAMA3_TOKENIZER


def tokenizer_for_model(
    model_name: str,
    *,
    tokenizer_id: str | None = None,
    training_client: Any = None,
    load_fn: LoadFn | None = None,
) -> Any:
    """The (cached) tokenizer for ``model_name`` (TOK-01): a training client's server-reported
    ``tokenizer_id`` first, when one is given and readable, then the name heuristics."""
    if not isinstance(model_name, str):
        raise TinkexValidationError("model_name must be a str")
    if tokenizer_id is None and training_client is not None:
        try:
            data = training_client.get_info().model_data
            server_id = getattr(data, "tokenizer_id", None)
            tokenizer_id = server_id if isinstance(server_id, str) else None
        except Exception:  # TOK-01: a failed info lookup falls through to the heuristics
            tokenizer_id = None
    resolved = get_tokenizer_id(
        model_name, tokenizer_id=tokenizer_id, llama3_tokenizer=_default_llama3_tokenizer()
    )
    return load_tokenizer(resolved, load_fn=load_fn)


def _pick(model_name: str | None, tokenizer: Any, options: dict[str, Any], *, purpose: str) -> Any:
    if tokenizer is not None:
        return tokenizer
    if model_name is None:
        raise TinkexValidationError(f"model_name is required to {purpose}")
    return tokenizer_for_model(model_name, **options)


def encode(
    text: str,
    model_name: str | None = None,
    *,
    tokenizer: Any = None,
    add_special_tokens: bool = True,
    tokenizer_id: str | None = None,
    training_client: Any = None,
    load_fn: LoadFn | None = None,
) -> list[int]:
    """Token ids of ``text`` with the tokenizer of ``model_name`` (or an explicit ``tokenizer``);
    chat templates are never applied (TOK-06/07)."""
    if not isinstance(text, str):
        raise TinkexValidationError("text must be a str")
    chosen = _pick(
        model_name,
        tokenizer,
        {"tokenizer_id": tokenizer_id, "training_client": training_client, "load_fn": load_fn},
        purpose="encode text",
    )
    try:
        return list(chosen.encode(text, add_special_tokens=add_special_tokens))
    except Exception as exc:
        raise TinkexValidationError(f"Failed to encode text: {exc}") from exc


encode_text = encode  # Tinkex's alias (TOK-06)


def decode(
    ids: Sequence[int],
    model_name: str | None = None,
    *,
    tokenizer: Any = None,
    tokenizer_id: str | None = None,
    training_client: Any = None,
    load_fn: LoadFn | None = None,
) -> str:
    """Text of ``ids`` with the tokenizer of ``model_name`` (or an explicit ``tokenizer``)."""
    if not isinstance(ids, Sequence) or isinstance(ids, (str, bytes)):
        raise TinkexValidationError("ids must be a list of integers")
    if not all(isinstance(i, numbers.Integral) and not isinstance(i, bool) for i in ids):
        raise TinkexValidationError("ids must be integers")
    chosen = _pick(
        model_name,
        tokenizer,
        {"tokenizer_id": tokenizer_id, "training_client": training_client, "load_fn": load_fn},
        purpose="decode ids",
    )
    try:
        return str(chosen.decode([int(i) for i in ids]))
    except Exception as exc:
        raise TinkexValidationError(f"Failed to decode ids: {exc}") from exc


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
