"""UserMetadata: free-form metadata (values of any JSON type)"""

from typing import Any, TypeAlias

UserMetadata: TypeAlias = dict[str, Any]
