"""The bundled byte tokenizer loads offline with AutoTokenizer and maps text to its UTF-8 bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tinkex
from tinkex.server.model.catalog import BOS_ID, EOS_ID, PAD_ID, SEP_ID, SPECIAL_TOKENS, VOCAB_SIZE
from tinkex.server.model.make_tokenizer_files import build_tokenizer, tokenizer_config

BYTE260 = Path(tinkex.__file__).parent / "tokenizer_data" / "byte260"


def test_checked_in_files_match_the_generator() -> None:
    # covers local-server.md §4 (tokenizer.json + tokenizer_config.json generated once and checked in)
    assert json.loads((BYTE260 / "tokenizer.json").read_text()) == json.loads(build_tokenizer().to_str())
    assert json.loads((BYTE260 / "tokenizer_config.json").read_text()) == tokenizer_config()


@pytest.mark.parametrize(
    "text", ["plain ascii", "héllo wörld ✓ 🙂", "tabs\tand\nnewlines  ", " leading space"]
)
def test_auto_tokenizer_round_trips_utf8_bytes(text: str) -> None:
    # covers local-server.md §4 (vocab 260, id == UTF-8 byte, specials 256-259, offline load)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(BYTE260))
    assert len(tokenizer) == VOCAB_SIZE
    assert (tokenizer.pad_token_id, tokenizer.bos_token_id, tokenizer.eos_token_id) == (
        PAD_ID,
        BOS_ID,
        EOS_ID,
    )
    ids = tokenizer.encode(text)
    assert ids == list(text.encode("utf-8"))
    assert tokenizer.decode(ids) == text
    assert tokenizer.convert_ids_to_tokens([PAD_ID, BOS_ID, EOS_ID, SEP_ID]) == [
        SPECIAL_TOKENS[i] for i in (PAD_ID, BOS_ID, EOS_ID, SEP_ID)
    ]
    assert tokenizer.encode(f"{text}<|eos|>") == [*text.encode("utf-8"), EOS_ID]


def test_the_sdk_loads_it_as_auto_tokenizer_does() -> None:
    # tinkex.tokenizer loads the bundled files with the class they name, skipping AutoTokenizer
    from transformers import AutoTokenizer

    from tinkex import tokenizer

    tokenizer.clear_cache()
    loaded = tokenizer.load_tokenizer(tokenizer.LOCAL_BYTE_TOKENIZER)
    auto = AutoTokenizer.from_pretrained(str(BYTE260))
    assert type(loaded) is type(auto) and repr(loaded) == repr(auto)
    text = "héllo<|eos|>"
    assert loaded.encode(text) == auto.encode(text) and loaded.decode(auto.encode(text)) == text
