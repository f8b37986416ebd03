from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.service import GetServerCapabilitiesResponseBehaviour

if TYPE_CHECKING:
    from ..models.supported_model import SupportedModel

    pass

_C_supported_models: _f.Converter = _f.list_of(_f.model(_f.ModelRef(__package__, "supported_model", "SupportedModel")))


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class GetServerCapabilitiesResponse(GetServerCapabilitiesResponseBehaviour, TinkerModel):
    """
    The GetServerCapabilitiesResponse type of the Tinker API.

    Attributes:
        supported_models:
    """

    _tinker_title: ClassVar[str] = "GetServerCapabilitiesResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = ("supported_models",)
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "supported_models",
        }
    )

    supported_models: list[SupportedModel] = _attrs_field(
        metadata={"wire": "supported_models", "annotation": "list[SupportedModel]"}
    )

    def __init__(
        self,
        *,
        supported_models: Sequence[SupportedModel],
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "supported_models",
        }
        try:
            _tinker_set(self, "supported_models", _C_supported_models(supported_models, ("supported_models",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("GetServerCapabilitiesResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["supported_models"] = [x.to_dict() for x in self.supported_models]
        return out
