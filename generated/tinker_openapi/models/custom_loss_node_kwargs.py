"""CustomLossNodeKwargs: encoded keyword arguments, same encoding as args"""

from typing import TypeAlias

CustomLossNodeKwargs: TypeAlias = CustomLossNodeKwargs
