"""Behaviour of ``ModelInput`` and its chunks (protocol §5.1, TYP-01..08): builders, lengths."""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING, Any, Self, TypeAlias

import numpy.typing as npt

from ...errors import TinkexValidationError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tinker_openapi.models.dmel_chunk import DmelChunk
    from tinker_openapi.models.encoded_text_chunk import EncodedTextChunk
    from tinker_openapi.models.image_asset_pointer_chunk import ImageAssetPointerChunk
    from tinker_openapi.models.image_chunk import ImageChunk

    from .arrays import NumericArray

    Chunk: TypeAlias = EncodedTextChunk | ImageChunk | ImageAssetPointerChunk | DmelChunk

__all__ = [
    "DmelChunkBehaviour",
    "EncodedTextChunkBehaviour",
    "ImageAssetPointerChunkBehaviour",
    "ImageChunkBehaviour",
    "ModelInputBehaviour",
]

_IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def _text_chunk_class() -> type[EncodedTextChunk]:
    from tinker_openapi.models.encoded_text_chunk import EncodedTextChunk

    return EncodedTextChunk


class EncodedTextChunkBehaviour:
    __slots__ = ()
    _tokens: NumericArray

    @property
    def length(self) -> int:
        return len(self._tokens)

    @property
    def tokens_np(self) -> npt.NDArray[Any]:
        """The token ids as a read-only int64 numpy array (no list round trip when built from one)."""
        return self._tokens.numpy()


class ImageAssetPointerChunkBehaviour:
    """An image the model counts as ``expected_tokens`` tokens (also the base of ImageChunk's)."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        expected_tokens: int | None

    @property
    def length(self) -> int:
        if self.expected_tokens is None:
            raise TinkexValidationError(
                f"{type(self).__name__}.expected_tokens must be set to compute the length",
                field="expected_tokens",
            )
        return self.expected_tokens


class ImageChunkBehaviour(ImageAssetPointerChunkBehaviour):
    __slots__ = ()

    @classmethod
    def from_file(cls, path: str | pathlib.Path, *, expected_tokens: int | None = None) -> Self:
        """Read an image file; the format comes from the suffix (.png, .jpg, .jpeg)."""
        file = pathlib.Path(path)
        image_format = _IMAGE_SUFFIXES.get(file.suffix.lower())
        if image_format is None:
            raise TinkexValidationError(
                f"ImageChunk.from_file: unsupported image suffix {file.suffix!r}", field="format"
            )
        return cls(data=file.read_bytes(), format=image_format, expected_tokens=expected_tokens)  # type: ignore[call-arg]


def _read_varint(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while offset < len(data) and shift <= 63:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, offset
        shift += 7
    raise TinkexValidationError("DmelChunk.dmel: truncated tensor-container header", field="dmel")


class DmelChunkBehaviour:
    """Audio tokens as serialized tensor-container bytes; ``length`` is the first dimension."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        dmel: bytes

    @property
    def length(self) -> int:
        # Header: [0xFE constant marker]? dtype byte (0..7), varint ndim, varint dims.
        data = self.dmel
        offset = 1 if data[:1] == b"\xfe" else 0
        if offset >= len(data) or data[offset] > 7:
            raise TinkexValidationError("DmelChunk.dmel: not a tensor-container header", field="dmel")
        ndim, offset = _read_varint(data, offset + 1)
        if ndim < 1:
            raise TinkexValidationError("DmelChunk.dmel: the tensor has no dimension 0", field="dmel")
        first, _ = _read_varint(data, offset)
        return first


class ModelInputBehaviour:
    """A sequence of chunks (text tokens, images, audio) fed to the model."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        chunks: list[Chunk]

    @classmethod
    def from_ints(cls, tokens: Sequence[int] | npt.NDArray[Any]) -> Self:
        """One text chunk holding ``tokens`` (copied: the caller may reuse its list or array)."""
        return cls(chunks=[_text_chunk_class()(tokens=tokens)])  # type: ignore[call-arg]

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        model_name: str | None = None,
        training_client: Any = None,
        tokenizer: Any = None,
        add_special_tokens: bool = True,
    ) -> Self:
        """One text chunk with ``text`` tokenized by ``model_name``'s tokenizer (a Tinkex addition,
        TYP-03): a training client's server-reported tokenizer id wins over the name heuristics,
        and an explicit ``tokenizer`` is used as it is. No chat template is applied (TOK-07)."""
        from ... import tokenizer as _tok

        tokens = _tok.encode(
            text,
            model_name,
            tokenizer=tokenizer,
            training_client=training_client,
            add_special_tokens=add_special_tokens,
        )
        return cls.from_ints(tokens)

    def to_ints(self) -> list[int]:
        """All tokens in order; raises if any chunk is not text."""
        text = _text_chunk_class()
        if not all(isinstance(c, text) for c in self.chunks):
            kinds = [type(c).__name__ for c in self.chunks]
            raise TinkexValidationError(
                f"to_ints only supports ModelInputs made of EncodedTextChunks, got {kinds}", field="chunks"
            )
        return [t for c in self.chunks for t in c.tokens]

    @property
    def length(self) -> int:
        return sum(c.length for c in self.chunks)

    @classmethod
    def empty(cls) -> Self:
        return cls(chunks=[])  # type: ignore[call-arg]

    def append(self, chunk: Chunk) -> Self:
        """A new ModelInput with ``chunk`` at the end (this one is unchanged)."""
        return type(self)(chunks=[*self.chunks, chunk])  # type: ignore[call-arg]

    def append_int(self, token: int) -> Self:
        """A new ModelInput with one more token, as its own text chunk (official behaviour)."""
        return self.append(_text_chunk_class()(tokens=[token]))
