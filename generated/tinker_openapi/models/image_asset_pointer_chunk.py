from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.model_input import ImageAssetPointerChunkBehaviour

if TYPE_CHECKING:
    from ..models.image_format import ImageFormat

    pass

_C_format: _f.Converter = _f.choice(
    frozenset(
        {
            "jpeg",
            "png",
        }
    )
)
_C_location: _f.Converter = _f.as_str
_C_expected_tokens: _f.Converter = _f.nullable(_f.as_int)
_D_expected_tokens: Any = _f.Default(None)
_C_type: _f.Converter = _f.const("image_asset_pointer")
_D_type: Any = _f.Default("image_asset_pointer")


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ImageAssetPointerChunk(ImageAssetPointerChunkBehaviour, TinkerModel):
    """
    JSON only; cannot be encoded into the forward_backward protobuf.

    Attributes:
        format:
        location: path or URL of the image
        expected_tokens:
        type:
    """

    _tinker_title: ClassVar[str] = "ImageAssetPointerChunk"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "format",
        "location",
        "expected_tokens",
        "type",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = ("type", "image_asset_pointer")
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "format",
            "location",
        }
    )

    format: ImageFormat = _attrs_field(metadata={"wire": "format", "annotation": "ImageFormat"})
    location: str = _attrs_field(metadata={"wire": "location", "annotation": "str", "doc": "path or URL of the image"})
    expected_tokens: int | None = _attrs_field(
        default=None, metadata={"wire": "expected_tokens", "annotation": "int | None"}
    )
    type: Literal["image_asset_pointer"] = _attrs_field(
        default="image_asset_pointer", metadata={"wire": "type", "annotation": "Literal['image_asset_pointer']"}
    )

    def __init__(
        self,
        *,
        format: ImageFormat,
        location: str,
        expected_tokens: int | None = _D_expected_tokens,
        type: Literal["image_asset_pointer"] = _D_type,
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ImageAssetPointerChunk", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "format",
            "location",
        }
        try:
            _tinker_set(self, "format", _C_format(format, ("format",)))
            _tinker_set(self, "location", _C_location(location, ("location",)))
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
            raise exc.with_prefix("ImageAssetPointerChunk", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["format"] = self.format
        out["location"] = self.location
        if self.expected_tokens is not None:
            out["expected_tokens"] = self.expected_tokens
        out["type"] = self.type
        return out
