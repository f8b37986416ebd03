"""LossFnInputs: loss input name -> tensor, e.g. target_tokens (int64), weights / advantages / logprobs (float32)"""

from typing import TypeAlias

from .tensor_data import TensorData

LossFnInputs: TypeAlias = dict[str, TensorData]
