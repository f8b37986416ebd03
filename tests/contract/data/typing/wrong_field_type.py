"""A field of a generated type has its spec type: text for a float must not type-check."""

from tinkex import types

params = types.AdamParams(learning_rate="fast")
