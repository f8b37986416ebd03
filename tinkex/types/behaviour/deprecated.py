"""pydantic v1 method names, kept working with the warning pydantic 2 gives for them.

The category is pydantic's own ``PydanticDeprecatedSince20`` when pydantic is installed (so
filters written for it apply), else a ``DeprecationWarning`` subclass of the same name.
"""

from __future__ import annotations

import builtins
import warnings
from functools import cache
from typing import Any

__all__ = ["PydanticV1Names"]

_TAIL = (
    "Deprecated in Pydantic V2.0 to be removed in V3.0. "
    "See Pydantic V2 Migration Guide at https://errors.pydantic.dev/2.14/migration/"
)


@cache
def _category() -> type[DeprecationWarning]:
    try:
        from pydantic.warnings import PydanticDeprecatedSince20
    except ImportError:
        return type("PydanticDeprecatedSince20", (DeprecationWarning,), {})
    return PydanticDeprecatedSince20


def _warn(old: str, new: str, note: str = "") -> None:
    warnings.warn(
        f"The `{old}` method is deprecated; use `{new}` instead. {note}{_TAIL}", _category(), stacklevel=3
    )


class PydanticV1Names:
    __slots__ = ()

    def dict(self, **kwargs: Any) -> builtins.dict[str, Any]:
        _warn("dict", "model_dump")
        return self.model_dump(**kwargs)  # type: ignore[attr-defined, no-any-return]

    def json(self, **kwargs: Any) -> str:
        _warn("json", "model_dump_json")
        return self.model_dump_json(**kwargs)  # type: ignore[attr-defined, no-any-return]

    def copy(self, *, update: Any = None, deep: bool = False, **_: Any) -> Any:
        _warn(
            "copy",
            "model_copy",
            "See the docstring of `BaseModel.copy` for details about how to handle `include` and `exclude`. ",
        )
        return self.model_copy(update=update, deep=deep)  # type: ignore[attr-defined]

    @classmethod
    def parse_obj(cls, obj: Any) -> Any:
        _warn("parse_obj", "model_validate")
        return cls.model_validate(obj)  # type: ignore[attr-defined]

    @classmethod
    def parse_raw(cls, b: str | bytes, **_: Any) -> Any:
        _warn(
            "parse_raw",
            "model_validate_json",
            "if your incoming data is a JSON string, otherwise `model_validate`. ",
        )
        return cls.model_validate_json(b)  # type: ignore[attr-defined]

    @classmethod
    def construct(cls, _fields_set: Any = None, **values: Any) -> Any:
        _warn("construct", "model_construct")
        return cls.model_construct(_fields_set, **values)  # type: ignore[attr-defined]

    @classmethod
    def schema(cls, by_alias: bool = True, **_: Any) -> Any:
        _warn("schema", "model_json_schema")
        return cls.model_json_schema(by_alias=by_alias)  # type: ignore[attr-defined]
