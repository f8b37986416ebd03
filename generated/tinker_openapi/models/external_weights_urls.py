"""ExternalWeightsUrls: file name -> signed URL"""

from typing import TypeAlias

ExternalWeightsUrls: TypeAlias = dict[str, str]
