"""Metrics: metric name -> value; forward/backward metrics are named `name:reduction`"""

from typing import TypeAlias

Metrics: TypeAlias = dict[str, float]
