"""The tinkex version (the SDK itself, not the Tinker protocol version it targets)."""

__version__ = "0.1.0"
