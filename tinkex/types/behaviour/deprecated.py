"""pydantic v1 method names, kept working with the warning pydantic 2 gives for them.

The category is pydantic's own ``PydanticDeprecatedSince20`` when pydantic is installed (so
filters written for it apply), else a ``DeprecationWarning`` subclass of the same name that
renders the same text. The messages are pydantic's, word for word.
"""

from __future__ import annotations

import builtins
import warnings
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["PydanticV1Names"]

_SINCE_20 = (
    "Deprecated in Pydantic V2.0 to be removed in V3.0. "
    "See Pydantic V2 Migration Guide at https://errors.pydantic.dev/2.14/migration/"
)


class PydanticDeprecatedSince20(DeprecationWarning):
    """Stands in for pydantic's class of the same name where pydantic is not installed."""

    def __init__(self, message: str, *args: object) -> None:
        super().__init__(message, *args)
        self.message = message.rstrip(".")

    def __str__(self) -> str:
        return f"{self.message}. {_SINCE_20}"


@cache
def _category() -> type[DeprecationWarning]:
    try:
        from pydantic.warnings import PydanticDeprecatedSince20 as pydantic_category
    except ImportError:
        return PydanticDeprecatedSince20
    return pydantic_category


def _warn(message: str) -> None:
    # The category appends the "Deprecated in Pydantic V2.0 ..." sentence itself.
    warnings.warn(message, _category(), stacklevel=3)


class PydanticV1Names:
    __slots__ = ()

    def dict(self, **kwargs: Any) -> builtins.dict[str, Any]:
        _warn("The `dict` method is deprecated; use `model_dump` instead.")
        return self.model_dump(**kwargs)  # type: ignore[attr-defined]

    def json(self, **kwargs: Any) -> str:
        _warn("The `json` method is deprecated; use `model_dump_json` instead.")
        return self.model_dump_json(**kwargs)  # type: ignore[attr-defined]

    def copy(self, *, update: Any = None, deep: bool = False, **_: Any) -> Any:
        _warn(
            "The `copy` method is deprecated; use `model_copy` instead. See the docstring of "
            "`BaseModel.copy` for details about how to handle `include` and `exclude`."
        )
        return self.model_copy(update=update, deep=deep)  # type: ignore[attr-defined]

    @classmethod
    def parse_obj(cls, obj: Any) -> Any:
        _warn("The `parse_obj` method is deprecated; use `model_validate` instead.")
        return cls.model_validate(obj)  # type: ignore[attr-defined]

    @classmethod
    def parse_raw(cls, b: str | bytes, **_: Any) -> Any:
        _warn(
            "The `parse_raw` method is deprecated; if your data is JSON use `model_validate_json`, "
            "otherwise load the data then use `model_validate` instead."
        )
        return cls.model_validate_json(b)  # type: ignore[attr-defined]

    @classmethod
    def parse_file(cls, path: str | Path, *, encoding: str = "utf8", **_: Any) -> Any:
        _warn(
            "The `parse_file` method is deprecated; load the data from file, then if your data is JSON "
            "use `model_validate_json`, otherwise `model_validate` instead."
        )
        return cls.model_validate_json(Path(path).read_text(encoding=encoding))  # type: ignore[attr-defined]

    @classmethod
    def validate(cls, value: Any) -> Any:
        _warn("The `validate` method is deprecated; use `model_validate` instead.")
        return cls.model_validate(value)  # type: ignore[attr-defined]

    @classmethod
    def construct(cls, _fields_set: Any = None, **values: Any) -> Any:
        _warn("The `construct` method is deprecated; use `model_construct` instead.")
        return cls.model_construct(_fields_set, **values)  # type: ignore[attr-defined]

    @classmethod
    def schema(cls, by_alias: bool = True, **_: Any) -> Any:
        _warn("The `schema` method is deprecated; use `model_json_schema` instead.")
        return cls.model_json_schema(by_alias=by_alias)  # type: ignore[attr-defined]

    @classmethod
    def schema_json(cls, *, by_alias: bool = True, **dumps_kwargs: Any) -> str:
        _warn("The `schema_json` method is deprecated; use `model_json_schema` and json.dumps instead.")
        import json

        return json.dumps(cls.model_json_schema(by_alias=by_alias), **dumps_kwargs)  # type: ignore[attr-defined]

    @classmethod
    def update_forward_refs(cls, **localns: Any) -> None:
        _warn("The `update_forward_refs` method is deprecated; use `model_rebuild` instead.")
        if localns:
            raise TypeError("`localns` arguments are not longer accepted.")
        # Nothing to rebuild: a generated type resolves its references when first used.
