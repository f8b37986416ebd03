from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.model_input import ImageChunkBehaviour

if TYPE_CHECKING:
    from ..models.image_format import ImageFormat

    pass

_C_data: _f.Converter = _f.as_base64_bytes
_C_format: _f.Converter = _f.choice(
    frozenset(
        {
            "jpeg",
            "png",
        }
    )
)
_C_expected_tokens: _f.Converter = _f.nullable(_f.as_int)
_D_expected_tokens: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("image")
_D_type: Any = _f.Default("image")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ImageChunk(ImageChunkBehaviour, TinkerModel):
    """
    The ImageChunk type of the Tinker API.

    Attributes:
        data: image bytes, standard base64 with padding
        format:
        expected_tokens: advisory token count (the server may fail fast on a mismatch); needed client-side for
            lengths
        type:
    """

    _tinker_title: ClassVar[str] = "ImageChunk"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "data",
        "format",
        "expected_tokens",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "image")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
            "format",
        }
    )

    data: bytes = _attrs_field(
        metadata={"wire": "data", "annotation": "bytes", "doc": "image bytes, standard base64 with padding"}
    )
    format: ImageFormat = _attrs_field(metadata={"wire": "format", "annotation": "ImageFormat"})
    expected_tokens: int | None = _attrs_field(
        default=None,
        metadata={
            "wire": "expected_tokens",
            "annotation": "int | None",
            "doc": "advisory token count (the server may fail fast on a mismatch); needed client-side for lengths",
        },
    )
    type: Literal["image"] = _attrs_field(default="image", metadata={"wire": "type", "annotation": "Literal['image']"})

    def __init__(
        self,
        *,
        data: bytes | str,
        format: ImageFormat,
        expected_tokens: int | None = _D_expected_tokens,
        type: Literal["image"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ImageChunk", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "data",
            "format",
        }
        try:
            _tinker_set(self, "data", _C_data(data, ("data",)))
            _tinker_set(self, "format", _C_format(format, ("format",)))
            if _f.omitted(expected_tokens, _D_expected_tokens):
                _tinker_set(self, "expected_tokens", _D_expected_tokens.get())
            else:
                _tinker_fs.add("expected_tokens")
                _tinker_set(self, "expected_tokens", _C_expected_tokens(expected_tokens, ("expected_tokens",)))
            if _f.omitted(type, _D_type):
                _tinker_set(self, "type", _D_type.get())
            else:
                _tinker_fs.add("type")
                _tinker_set(self, "type", _C_type(type, ("type",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ImageChunk", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["data"] = _f.base64_text(self.data)
        out["format"] = self.format
        if self.expected_tokens is not None:
            out["expected_tokens"] = self.expected_tokens
        out["type"] = self.type
        return out
