"""Field converters the generated types call from their ``__init__`` (strict primitives).

``openapi/templates/model.py.jinja`` writes, for every property of the spec, a call to one of
these with the value and its path (``loc``). They check the value the way a strict pydantic
field would, copy containers (a type never shares the caller's list or dict), and raise
``ValidationError`` naming the path. Generated code reaches them through this module
(``_f.<name>``); they live in ``field_scalars`` (single values), ``field_containers`` (lists and
maps) and ``field_models`` (nested models and unions). The rules, written once here:

* ``str``, ``int``, ``bool`` are exact: ``"false"`` is not a bool, ``"5"`` not an int, ``True``
  not an int. A whole float (``2.0``) and numpy scalars are accepted as ints, as pydantic does.
* ``float`` accepts ints and numpy floats; request types (closed models) also refuse NaN/inf,
  which JSON cannot carry.
* Closed enums (request fields) refuse unknown values; open ones (``anyOf [enum, string]`` in
  the spec, used in responses) accept any string.
* Nested models accept an instance or a mapping (validated), like pydantic; a model may widen
  this with a ``_tinker_coerce`` classmethod (``TensorData`` accepts numpy arrays).
"""

from .field_containers import first_of, int_list, list_of, map_of, nullable
from .field_models import DefaultModel, ModelRef, model, tagged, to_wire, untagged
from .field_scalars import (
    Converter,
    Default,
    as_any,
    as_base64_bytes,
    as_bool,
    as_datetime,
    as_finite_float,
    as_float,
    as_int,
    as_str,
    base64_text,
    bounded,
    choice,
    const,
    extra_forbidden,
    invalid,
    omitted,
)

__all__ = [
    "Converter",
    "Default",
    "DefaultModel",
    "ModelRef",
    "as_any",
    "as_base64_bytes",
    "as_bool",
    "as_datetime",
    "as_finite_float",
    "as_float",
    "as_int",
    "as_str",
    "base64_text",
    "bounded",
    "choice",
    "const",
    "extra_forbidden",
    "first_of",
    "int_list",
    "invalid",
    "list_of",
    "map_of",
    "model",
    "nullable",
    "omitted",
    "tagged",
    "to_wire",
    "untagged",
]
