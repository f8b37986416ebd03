"""Prompt text to tokens and back for ``run sample``, and sampled text made safe for a terminal.

The local server's byte models share the tokenizer bundled with tinkex; the CLI loads it with
``tokenizers`` alone (a few tens of milliseconds) instead of through ``transformers``, which
would also import torch (seconds) just to map bytes to ids. Every other model uses the
sampling client's own tokenizer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tinkex.sampling_client import SamplingClient

# C0 controls but newline and tab, DEL and the C1 controls: an escape sequence in sampled
# text would otherwise reach the terminal raw (move the cursor, retitle the window, ...).
_CONTROL_ESCAPES = {
    code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(code) not in "\n\t"
}


def escape_controls(text: str) -> str:
    """``text`` with every control character but newline and tab written as ``\\xNN``."""
    return text.translate(_CONTROL_ESCAPES)


class BundledTokenizer:
    """The bundled byte tokenizer through ``tokenizers``, with the calls ``run sample`` makes."""

    def __init__(self, tokenizer_file: str) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(tokenizer_file)

    def encode(self, text: str, add_special_tokens: bool = False) -> list[int]:
        return list(self._tokenizer.encode(text, add_special_tokens=add_special_tokens).ids)

    def decode(self, tokens: list[int], skip_special_tokens: bool = True) -> str:
        return str(self._tokenizer.decode(tokens, skip_special_tokens=skip_special_tokens))


def tokenizer_for(sampler: SamplingClient) -> Any:
    """The cheapest tokenizer that is exact for the sampler's model."""
    from tinkex import tokenizer as sdk_tokenizer

    tokenizer_id = sdk_tokenizer.get_tokenizer_id(sampler.get_base_model())
    bundled = sdk_tokenizer.BUNDLED_TOKENIZERS.get(tokenizer_id)
    if bundled is not None and (bundled / "tokenizer.json").is_file():
        return BundledTokenizer(str(bundled / "tokenizer.json"))
    return sampler.get_tokenizer()
