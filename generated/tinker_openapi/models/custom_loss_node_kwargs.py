"""CustomLossNodeKwargs: encoded keyword arguments, same encoding as args"""

from typing import Any, TypeAlias

CustomLossNodeKwargs: TypeAlias = dict[str, Any]
