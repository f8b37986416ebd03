"""Which tokenizer a model name loads, and how (features TOK-02, TOK-04). No hub access: a
recording loader stands in for ``AutoTokenizer.from_pretrained``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tinkex import tokenizer


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    tokenizer.clear_cache()
    yield
    tokenizer.clear_cache()


def test_llama3_models_use_the_ungated_tokenizer_copy() -> None:
    # covers TOK-02: Tinkex's id (decision D-03 in DESIGN §3), overridable
    assert tokenizer.LLAMA3_TOKENIZER == "thinkingmachineslabinc/meta-llama-3-tokenizer"
    for name in ("meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.2-1B-Instruct"):
        assert tokenizer.get_tokenizer_id(name) == tokenizer.LLAMA3_TOKENIZER
    assert tokenizer.get_tokenizer_id("meta-llama/Llama-3.1-8B", llama3_tokenizer="org/mine") == "org/mine"
    assert tokenizer.get_tokenizer_id("meta-llama/Llama-2-7b") == "meta-llama/Llama-2-7b"
    # the server's own tokenizer_id still wins over the workaround
    assert tokenizer.get_tokenizer_id("meta-llama/Llama-3.1-8B", tokenizer_id="srv/tok") == "srv/tok"


def test_kimi_k2_loads_at_its_pinned_revision_with_remote_code() -> None:
    # covers TOK-04
    calls: list[tuple[str, dict[str, Any]]] = []

    def load(source: str, options: dict[str, Any]) -> object:
        calls.append((source, options))
        return object()

    tokenizer.load_tokenizer("moonshotai/Kimi-K2-Thinking", load_fn=load)
    tokenizer.load_tokenizer("Qwen/Qwen3-8B", load_fn=load)
    assert calls == [
        (
            "moonshotai/Kimi-K2-Thinking",
            {"revision": "612681931a8c906ddb349f8ad0f582cb552189cd", "trust_remote_code": True},
        ),
        ("Qwen/Qwen3-8B", {}),
    ]
