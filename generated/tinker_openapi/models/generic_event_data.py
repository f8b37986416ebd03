"""GenericEventData: event-specific data (request ids, status codes, exception text, timings, ...)"""

from typing import Any, TypeAlias

GenericEventData: TypeAlias = dict[str, Any]
