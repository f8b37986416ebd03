"""LossFnOutput: output field name -> tensor for one datum, e.g. logprobs"""

from typing import TypeAlias

LossFnOutput: TypeAlias = LossFnOutput
