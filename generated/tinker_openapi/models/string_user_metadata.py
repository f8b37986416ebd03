"""StringUserMetadata: string-to-string metadata"""

from typing import TypeAlias

StringUserMetadata: TypeAlias = dict[str, str]
