"""UserMetadata: free-form metadata (values of any JSON type)"""

from typing import TypeAlias

UserMetadata: TypeAlias = UserMetadata
