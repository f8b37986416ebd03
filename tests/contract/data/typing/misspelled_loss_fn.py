"""``loss_fn`` is the official ``LossFnType`` literal: a misspelled name must not type-check."""

import tinkex as tinker
from tinkex import types

training = tinker.ServiceClient().create_lora_training_client(base_model="Qwen/Qwen3-8B").result()
datum = types.Datum(model_input=types.ModelInput.from_ints([1, 2]))
training.forward_backward([datum], "crossentropy")
