from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Never

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.model_input import ModelInputBehaviour

if TYPE_CHECKING:
    from ..models.dmel_chunk import DmelChunk
    from ..models.encoded_text_chunk import EncodedTextChunk
    from ..models.image_asset_pointer_chunk import ImageAssetPointerChunk
    from ..models.image_chunk import ImageChunk

    pass

_C_chunks: _f.Converter = _f.list_of(
    _f.untagged(
        _f.ModelRef(__package__, "encoded_text_chunk", "EncodedTextChunk"),
        _f.ModelRef(__package__, "image_chunk", "ImageChunk"),
        _f.ModelRef(__package__, "image_asset_pointer_chunk", "ImageAssetPointerChunk"),
        _f.ModelRef(__package__, "dmel_chunk", "DmelChunk"),
    )
)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ModelInput(ModelInputBehaviour, TinkerModel):
    """
    The ModelInput type of the Tinker API.

    Attributes:
        chunks:
    """

    _tinker_title: ClassVar[str] = "ModelInput"
    _tinker_closed: ClassVar[bool] = True
    _tinker_fields: ClassVar[tuple[str, ...]] = ("chunks",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "chunks",
        }
    )

    chunks: list[EncodedTextChunk | ImageChunk | ImageAssetPointerChunk | DmelChunk] = _attrs_field(
        metadata={
            "wire": "chunks",
            "annotation": "list[EncodedTextChunk | ImageChunk | ImageAssetPointerChunk | DmelChunk]",
        }
    )

    def __init__(
        self,
        *,
        chunks: Sequence[EncodedTextChunk | ImageChunk | ImageAssetPointerChunk | DmelChunk],
        **extra: Never,  # type checkers flag an unknown keyword; at run time it is a ValidationError
    ) -> None:
        if extra:
            raise _f.extra_forbidden("ModelInput", extra)
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "chunks",
        }
        try:
            _tinker_set(self, "chunks", _C_chunks(chunks, ("chunks",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ModelInput", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = {}
        out["chunks"] = [_f.to_wire(x) for x in self.chunks]
        return out
