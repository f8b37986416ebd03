"""LossFnOutput: output field name -> tensor for one datum, e.g. logprobs"""

from typing import TypeAlias

from .tensor_data import TensorData

LossFnOutput: TypeAlias = dict[str, TensorData]
