"""LossFnConfig: loss hyperparameters, e.g. clip_low_threshold; string values (0.38) e.g. {"loss_id": ...} for custom"""

from typing import TypeAlias

LossFnConfig: TypeAlias = dict[str, float | str]
