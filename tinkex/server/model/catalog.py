"""The local models the server can host, and the byte-level vocabulary they share."""

from __future__ import annotations

from dataclasses import dataclass

# Ids 0-255 are the UTF-8 bytes themselves, so prompts can be built without any tokenizer library.
PAD_ID = 256
BOS_ID = 257
EOS_ID = 258
SEP_ID = 259
VOCAB_SIZE = 260
SPECIAL_TOKENS: dict[int, str] = {PAD_ID: "<|pad|>", BOS_ID: "<|bos|>", EOS_ID: "<|eos|>", SEP_ID: "<|sep|>"}
TOKENIZER_ID = "local/byte-260"

# Bumped whenever the seeded base-weight initialisation changes, so old checkpoints are refused.
ARCH_VERSION = 1


@dataclass(frozen=True)
class ModelSpec:
    """Shape of one byte-level causal transformer; the base weights follow from ``seed`` alone."""

    name: str
    d_model: int
    n_layers: int
    n_heads: int
    max_context: int
    vocab_size: int = VOCAB_SIZE
    seed: int = 0

    def arch(self) -> dict[str, int | str]:
        """Everything that must match for a checkpoint to fit this model."""
        return {
            "name": self.name,
            "d_model": self.d_model,
            "n_layers": self.n_layers,
            "n_heads": self.n_heads,
            "max_context": self.max_context,
            "vocab_size": self.vocab_size,
            "seed": self.seed,
            "arch_version": ARCH_VERSION,
        }


MODEL_CATALOG: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(name="local/byte-tiny", d_model=64, n_layers=2, n_heads=4, max_context=512),
        ModelSpec(name="local/byte-small", d_model=128, n_layers=2, n_heads=4, max_context=512),
        ModelSpec(name="local/byte-base", d_model=256, n_layers=4, n_heads=4, max_context=512),
    )
}
