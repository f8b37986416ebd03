"""ModelInput and its chunks (protocol §5.1, TYP-01..08).

Storage choice (performance, issue 8): ``EncodedTextChunk`` keeps a numpy integer array
exactly as given (no copy, no Python list) and exposes ``tokens`` as a list built on first
access; ``tokens_np`` returns the array (or builds one from a list). Serializers that know
about arrays (protobuf, JSON via ``ndarray.tolist``) read ``tokens_np`` directly.
"""

from __future__ import annotations

import base64
import pathlib
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import numpy.typing as npt

from ._base import WireModel
from ._errors import TinkexValidationError

__all__ = [
    "DmelChunk",
    "EncodedTextChunk",
    "ImageAssetPointerChunk",
    "ImageChunk",
    "ModelInput",
    "ModelInputChunk",
]

ImageFormat = Literal["png", "jpeg"]

TokensLike = Sequence[int] | npt.NDArray[np.integer[Any]]


# Token ids travel as int64 and index a vocabulary: negative or wider values are never valid.
_MAX_TOKEN_ID = np.iinfo(np.int64).max


def _check_token_range(lowest: Any, highest: Any) -> None:
    if lowest < 0 or highest > _MAX_TOKEN_ID:
        bad = lowest if lowest < 0 else highest
        raise TinkexValidationError(
            f"EncodedTextChunk.tokens must be token ids in [0, 2**63), got {bad!r}", field="tokens"
        )


def _check_tokens(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        if value.ndim != 1 or value.dtype.kind not in ("i", "u"):
            raise TinkexValidationError(
                f"EncodedTextChunk.tokens must be a 1-D integer array, got {value.dtype} {value.shape}",
                field="tokens",
            )
        if value.size:
            _check_token_range(int(value.min()), int(value.max()))
        return value
    if not isinstance(value, np.ndarray) and hasattr(value, "__array__"):
        return _check_tokens(np.asarray(value))  # JAX arrays and friends
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TinkexValidationError(
            f"EncodedTextChunk.tokens must be a sequence of ints, got {type(value).__name__}", field="tokens"
        )
    tokens = value if isinstance(value, list) else list(value)
    # Fast path: exact ints (the common case); numpy integer scalars are accepted too.
    if not all(type(t) is int for t in tokens):
        bad = [t for t in tokens if isinstance(t, bool) or not isinstance(t, (int, np.integer))]
        if bad:
            raise TinkexValidationError(
                f"EncodedTextChunk.tokens must contain only ints, got {bad[0]!r}", field="tokens"
            )
        tokens = [int(t) for t in tokens]
    if tokens:
        _check_token_range(min(tokens), max(tokens))
    return tokens


def _tokens_key(value: Any) -> list[int]:
    return value.tolist() if isinstance(value, np.ndarray) else list(value)


@attrs.define(frozen=True, kw_only=True, repr=False)
class EncodedTextChunk(WireModel):
    _strict: ClassVar[bool] = True

    _tokens: TokensLike = attrs.field(alias="tokens", converter=_check_tokens, eq=_tokens_key)
    type: Literal["encoded_text"] = "encoded_text"
    _tokens_list: list[int] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, metadata={"wire": False}
    )

    @property
    def tokens(self) -> list[int]:
        if isinstance(self._tokens, list):
            return self._tokens
        if self._tokens_list is None:
            object.__setattr__(self, "_tokens_list", self._tokens.tolist())  # type: ignore[union-attr]
        assert self._tokens_list is not None
        return self._tokens_list

    @property
    def tokens_np(self) -> npt.NDArray[np.integer[Any]]:
        """The tokens as a numpy array: the array given (zero-copy) or one built from the list."""
        if isinstance(self._tokens, np.ndarray):
            return self._tokens
        return np.asarray(self._tokens, dtype=np.int64)

    @property
    def length(self) -> int:
        return len(self._tokens)

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False, **_: Any) -> dict[str, Any]:
        return {"tokens": self.tokens, "type": self.type}

    def __repr__(self) -> str:
        return f"EncodedTextChunk(tokens={self.tokens!r}, type={self.type!r})"


def _decode_b64(value: Any) -> Any:
    # JSON carries the bytes as base64 text; the attribute always holds bytes.
    return base64.b64decode(value) if isinstance(value, str) else value


def _check_image_format(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("png", "jpeg"):
        raise TinkexValidationError(
            f"{type(instance).__name__}.format must be 'png' or 'jpeg', got {value!r}", field="format"
        )


def _expected_length(chunk: ImageChunk | ImageAssetPointerChunk) -> int:
    if chunk.expected_tokens is None:
        raise TinkexValidationError(
            f"{type(chunk).__name__}.expected_tokens must be set to compute the length",
            field="expected_tokens",
        )
    return chunk.expected_tokens


@attrs.define(frozen=True, kw_only=True)
class ImageChunk(WireModel):
    _strict: ClassVar[bool] = True

    data: bytes = attrs.field(converter=_decode_b64)
    format: ImageFormat = attrs.field(validator=_check_image_format)
    expected_tokens: int | None = None
    type: Literal["image"] = "image"

    @property
    def length(self) -> int:
        return _expected_length(self)

    @classmethod
    def from_file(cls, path: str | pathlib.Path, *, expected_tokens: int | None = None) -> ImageChunk:
        """Read an image file; the format comes from the suffix (.png, .jpg, .jpeg)."""
        p = pathlib.Path(path)
        suffix = p.suffix.lower()
        formats: dict[str, ImageFormat] = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
        if suffix not in formats:
            raise TinkexValidationError(
                f"ImageChunk.from_file: unsupported image suffix {suffix!r}", field="format"
            )
        return cls(data=p.read_bytes(), format=formats[suffix], expected_tokens=expected_tokens)


@attrs.define(frozen=True, kw_only=True)
class ImageAssetPointerChunk(WireModel):
    _strict: ClassVar[bool] = True

    format: ImageFormat = attrs.field(validator=_check_image_format)
    location: str
    expected_tokens: int | None = None
    type: Literal["image_asset_pointer"] = "image_asset_pointer"

    @property
    def length(self) -> int:
        return _expected_length(self)


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


@attrs.define(frozen=True, kw_only=True)
class DmelChunk(WireModel):
    """Audio tokens as serialized tensor-container bytes; ``length`` is the first dimension."""

    _strict: ClassVar[bool] = True

    dmel: bytes = attrs.field(converter=_decode_b64)
    type: Literal["dmel"] = "dmel"

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


ModelInputChunk = EncodedTextChunk | ImageAssetPointerChunk | ImageChunk | DmelChunk

_CHUNK_TYPES = (EncodedTextChunk, ImageAssetPointerChunk, ImageChunk, DmelChunk)


def _check_chunks(value: Any) -> list[ModelInputChunk]:
    chunks = list(value)
    for i, chunk in enumerate(chunks):
        if not isinstance(chunk, _CHUNK_TYPES):
            raise TinkexValidationError(
                f"ModelInput.chunks[{i}] must be a chunk object, got {type(chunk).__name__}", field="chunks"
            )
    return chunks


@attrs.define(frozen=True, kw_only=True)
class ModelInput(WireModel):
    """A sequence of chunks (text tokens, images, audio) fed to the model."""

    _strict: ClassVar[bool] = True

    chunks: list[ModelInputChunk] = attrs.field(converter=_check_chunks)

    @classmethod
    def from_ints(cls, tokens: TokensLike) -> ModelInput:
        """One text chunk; a numpy array is kept without conversion."""
        return cls(chunks=[EncodedTextChunk(tokens=tokens)])

    def to_ints(self) -> list[int]:
        """All tokens in order; raises if any chunk is not text."""
        if not all(isinstance(c, EncodedTextChunk) for c in self.chunks):
            kinds = [type(c).__name__ for c in self.chunks]
            raise TinkexValidationError(
                f"to_ints only supports ModelInputs made of EncodedTextChunks, got {kinds}", field="chunks"
            )
        return [t for c in self.chunks for t in c.tokens]  # type: ignore[union-attr]

    @property
    def length(self) -> int:
        return sum(c.length for c in self.chunks)

    @classmethod
    def empty(cls) -> ModelInput:
        return cls(chunks=[])

    def append(self, chunk: ModelInputChunk) -> ModelInput:
        """A new ModelInput with ``chunk`` at the end (this one is unchanged)."""
        return ModelInput(chunks=[*self.chunks, chunk])

    def append_int(self, token: int) -> ModelInput:
        """A new ModelInput with one more token, as its own text chunk (official behaviour)."""
        return self.append(EncodedTextChunk(tokens=[token]))
