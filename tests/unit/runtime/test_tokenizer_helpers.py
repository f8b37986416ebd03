"""Tokenizer helpers by model name (TOK-03, TOK-06) and ``ModelInput.from_text`` (TYP-03).

The local byte tokenizer ships with the package, so nothing here touches the network; hub names
are served by an injected loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from tinkex import config, tokenizer as tok
from tinkex.errors import TinkexValidationError
from tinkex.types import ModelInput


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    tok.clear_cache()
    yield
    tok.clear_cache()
    config.reset_defaults()


class _Upper:
    """A stand-in tokenizer: one id per character."""

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        return [ord(c) for c in text.upper()]

    def decode(self, ids: list[int]) -> str:
        return "".join(map(chr, ids)).lower()


@pytest.mark.parametrize(
    ("model_name", "expected"),
    [
        ("Qwen/Qwen3-8B:peft-tag", "Qwen/Qwen3-8B"),
        ("org/model/variant:rev", "org/model"),
        ("org/model/variant", "org/model"),
        ("meta-llama/Llama-3.1-8B:x", tok.LLAMA3_TOKENIZER),
        ("plain-name:1", "plain-name"),
    ],
)
def test_model_name_suffix_and_variant_are_stripped(model_name: str, expected: str) -> None:
    # covers TOK-03
    assert tok.get_tokenizer_id(model_name) == expected


def test_encode_and_decode_by_model_name_round_trip() -> None:
    # covers TOK-06, TOK-03
    ids = tok.encode("hello", "local/byte-tiny")
    assert ids == list(b"hello")
    assert tok.decode(ids, "local/byte-tiny:v2") == "hello"
    assert tok.encode_text("hi", "local/byte-tiny") == list(b"hi")


def test_a_hub_name_loads_its_stripped_id_once() -> None:
    # covers TOK-06, TOK-03
    loaded: list[str] = []

    def load(tokenizer_id: str, options: dict[str, Any]) -> _Upper:
        loaded.append(tokenizer_id)
        return _Upper()

    assert tok.encode("ab", "acme/model:ckpt-3", load_fn=load) == [65, 66]
    assert tok.decode([65, 66], "acme/model", load_fn=load) == "ab"
    assert loaded == ["acme/model"]  # cached by resolved id


def test_the_llama3_override_from_configure_is_used() -> None:
    # covers TOK-06
    config.configure(tokenizer_override="my-org/llama3-tok")
    loaded: list[str] = []
    tok.encode("x", "meta-llama/Llama-3.2-1B", load_fn=lambda i, o: loaded.append(i) or _Upper())
    assert loaded == ["my-org/llama3-tok"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: tok.encode(b"bytes", "local/byte-tiny"), "text must be a str"),
        (lambda: tok.encode("x", 42), "model_name must be a str"),
        (lambda: tok.encode("x"), "model_name is required to encode text"),
        (lambda: tok.decode("abc", "local/byte-tiny"), "ids must be a list of integers"),
        (lambda: tok.decode([1, 2.5], "local/byte-tiny"), "ids must be integers"),
        (lambda: tok.decode([1]), "model_name is required to decode ids"),
    ],
)
def test_bad_arguments_raise_validation_errors(call: Any, message: str) -> None:
    # covers TOK-06
    with pytest.raises(TinkexValidationError, match=message):
        call()


def test_library_failures_are_wrapped() -> None:
    # covers TOK-06
    class Broken:
        def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
            raise RuntimeError("boom")

        def decode(self, ids: list[int]) -> str:
            raise RuntimeError("bang")

    with pytest.raises(TinkexValidationError, match="Failed to encode text: boom"):
        tok.encode("x", tokenizer=Broken())
    with pytest.raises(TinkexValidationError, match="Failed to decode ids: bang"):
        tok.decode([1], tokenizer=Broken())


def test_model_input_from_text_tokenizes_without_chat_template() -> None:
    # covers TYP-03
    prompt = ModelInput.from_text("Hi there", model_name="local/byte-tiny")
    assert prompt.to_ints() == list(b"Hi there")
    assert len(prompt.chunks) == 1
    assert ModelInput.from_text("ab", tokenizer=_Upper()).to_ints() == [65, 66]


def test_model_input_from_text_needs_a_model_name() -> None:
    # covers TYP-03
    with pytest.raises(TinkexValidationError, match="model_name is required to encode text"):
        ModelInput.from_text("Hi")
    with pytest.raises(TinkexValidationError, match="model_name must be a str"):
        ModelInput.from_text("Hi", model_name=7)  # type: ignore[arg-type]


def test_model_input_from_text_prefers_the_training_clients_tokenizer_id() -> None:
    # covers TYP-03, TOK-01
    info = SimpleNamespace(model_data=SimpleNamespace(tokenizer_id="local/byte-260"))
    client = SimpleNamespace(get_info=lambda: info)
    prompt = ModelInput.from_text("ok", model_name="acme/unknown-model", training_client=client)
    assert prompt.to_ints() == list(b"ok")

    def failing_info() -> Any:
        raise RuntimeError("server down")

    # A failed info lookup falls through to the name heuristics.
    fallback = ModelInput.from_text(
        "ok", model_name="local/byte-tiny", training_client=SimpleNamespace(get_info=failing_info)
    )
    assert fallback.to_ints() == list(b"ok")
