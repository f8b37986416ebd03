"""GenericEventData: event-specific data (request ids, status codes, exception text, timings, ...)"""

from typing import TypeAlias

GenericEventData: TypeAlias = GenericEventData
