"""Regenerate the bundled byte tokenizer files in ``tinkex/tokenizer_data/byte260/`` (run once; output is checked in).

    python -m tinkex.server.model.make_tokenizer_files

The tokenizer maps every UTF-8 byte to the id equal to its value (0-255) and adds the four specials
at 256-259, matching the local models' vocabulary. It is an empty-merge byte-level BPE, so
``AutoTokenizer.from_pretrained(<dir>)`` loads it offline with the ``tokenizers`` backend.
Encoding adds no special tokens: callers prepend BOS themselves, so ids always equal the text's bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

from .catalog import BOS_ID, EOS_ID, PAD_ID, SPECIAL_TOKENS

OUTPUT_DIR = Path(__file__).resolve().parents[2] / "tokenizer_data" / "byte260"


def byte_symbols() -> list[str]:
    """The printable stand-in character for each byte used by byte-level BPE (index = byte value).

    Printable Latin-1 bytes stand for themselves; the rest are shifted to code points from 256 upward,
    which is the convention the ``tokenizers`` ByteLevel pre-tokenizer and decoder expect.
    """
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    symbols: list[str] = []
    shifted = 0
    for byte in range(256):
        if byte in printable:
            symbols.append(chr(byte))
        else:
            symbols.append(chr(256 + shifted))
            shifted += 1
    return symbols


def build_tokenizer() -> Tokenizer:
    vocab = {symbol: byte for byte, symbol in enumerate(byte_symbols())}
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    # No regex split: every byte is its own token anyway, and splitting would only cost time.
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    tokenizer.decoder = decoders.ByteLevel()
    # Added in id order so they land on 256..259.
    tokenizer.add_special_tokens(
        [AddedToken(text, special=True) for _, text in sorted(SPECIAL_TOKENS.items())]
    )
    for token_id, text in SPECIAL_TOKENS.items():
        if tokenizer.token_to_id(text) != token_id:
            raise RuntimeError(
                f"special token {text} got id {tokenizer.token_to_id(text)}, expected {token_id}"
            )
    return tokenizer


def tokenizer_config() -> dict[str, object]:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": SPECIAL_TOKENS[BOS_ID],
        "eos_token": SPECIAL_TOKENS[EOS_ID],
        "pad_token": SPECIAL_TOKENS[PAD_ID],
        "model_max_length": 512,
        "clean_up_tokenization_spaces": False,
    }


def write_files(directory: Path = OUTPUT_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    build_tokenizer().save(str(directory / "tokenizer.json"))
    (directory / "tokenizer_config.json").write_text(json.dumps(tokenizer_config(), indent=2) + "\n")


if __name__ == "__main__":
    write_files()
