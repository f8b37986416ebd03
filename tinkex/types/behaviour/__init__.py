"""The seam between the generated types and handwritten code.

The public types (``tinkex.types``) are generated from ``openapi/tinker.yaml`` into
``tinker_openapi.models`` by ``codegen.py`` with the project's templates (``openapi/templates``).
Every field is declared there, once. What the spec cannot say lives here, and nowhere else:

* ``model.TinkerModel``: the base of every generated type (pydantic's ``model_*`` methods);
* ``fields`` and ``arrays``: the strict converters each generated ``__init__`` calls per field;
* ``errors.ValidationError``: what they raise (a ``ValueError`` and a ``TinkexValidationError``);
* one mixin per type that has behaviour (``model_input.ModelInputBehaviour`` and so on), named
  in the spec by ``x-tinkex-behaviour``: builders (``ModelInput.from_ints``), numpy/torch
  conversions (``TensorData.to_numpy``), helpers and cross-field checks (``_tinker_check``).
  A mixin adds methods only: it never declares a field.

Nothing here imports the generated package at module level (the generated modules import this
package), so there is no import cycle.
"""
