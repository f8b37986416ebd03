"""The compute engine behind the local server: training, optimizer steps, snapshots, sampling, checkpoints.

All methods are called from the server's single worker thread, so model state needs no locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from . import checkpoint
from .api_types import (
    AdamSettings,
    DatumArrays,
    ForwardResult,
    LoraSettings,
    LoraWeights,
    SampledSeq,
    SampleRequestArrays,
    SampleResult,
    UserInputError,
)
from .batching import check_datum, micro_batches
from .catalog import ModelSpec
from .compile_cache import enable_compile_cache
from .losses import elementwise_loss, resolve_loss
from .optimizer import (
    OptState,
    adamw_step,
    hyper_vector,
    init_opt_state,
    opt_state_from_arrays,
    opt_state_to_arrays,
)
from .sampling import apply_stop_strings, make_sample_program, prepare_sample, prompt_logprob_outputs
from .transformer import (
    BaseParams,
    LoraParams,
    forward,
    init_base_params,
    init_lora_params,
    lora_target_shapes,
)

__all__ = [
    "AdamSettings",
    "DatumArrays",
    "Engine",
    "ForwardResult",
    "LoraSettings",
    "LoraWeights",
    "SampleRequestArrays",
    "SampleResult",
    "SampledSeq",
    "TrainableModel",
    "UserInputError",
]


@dataclass
class TrainableModel:
    """One training run's mutable state: adapter, AdamW state, summed gradients since the last step."""

    spec: ModelSpec
    lora: LoraSettings
    params: LoraParams
    opt_state: OptState
    grads: LoraParams | None = None
    step: int = 0


# Only the gradient accumulator is donated: LoRA and optimizer buffers may be shared with snapshots.
@jax.jit
def _zeros_like(tree: LoraParams) -> LoraParams:
    return jax.tree_util.tree_map(jnp.zeros_like, tree)


_add_grads = jax.jit(lambda acc, new: jax.tree_util.tree_map(jnp.add, acc, new), donate_argnums=0)


def _target_shapes(spec: ModelSpec, lora: LoraSettings) -> dict[str, tuple[int, int]]:
    return lora_target_shapes(
        spec, train_attn=lora.train_attn, train_mlp=lora.train_mlp, train_unembed=lora.train_unembed
    )


class Engine:
    """Owns one catalog model's frozen base weights and its compiled programs."""

    def __init__(self, spec: ModelSpec, compile_cache_dir: Path | None = None) -> None:
        if compile_cache_dir is not None:
            enable_compile_cache(compile_cache_dir)
        self.spec = spec
        self.base: BaseParams = init_base_params(spec)
        n_heads = spec.n_heads

        def loss_and_outputs(
            lora: LoraParams,
            base: BaseParams,
            batch: dict[str, jax.Array],
            loss_index: jax.Array,
            config: jax.Array,
        ) -> tuple[jax.Array, tuple[jax.Array, jax.Array]]:
            logits, _, _ = forward(base, lora, batch["tokens"], n_heads)
            log_probs = jax.nn.log_softmax(logits, axis=-1)
            lp = jnp.take_along_axis(log_probs, batch["targets"][..., None], axis=-1)[..., 0]
            per_token = elementwise_loss(
                loss_index,
                config,
                lp,
                batch["logprobs"],
                batch["advantages"],
                batch["weights"],
                batch["ratio_mask"],
            )
            return jnp.sum(per_token), (lp, per_token)

        self._forward = jax.jit(loss_and_outputs)
        self._forward_backward = jax.jit(jax.value_and_grad(loss_and_outputs, has_aux=True))
        self._sample = make_sample_program(n_heads)

    def create_model(self, lora: LoraSettings) -> TrainableModel:
        params = init_lora_params(_target_shapes(self.spec, lora), lora.rank, lora.seed)
        return TrainableModel(spec=self.spec, lora=lora, params=params, opt_state=init_opt_state(params))

    def forward_backward(
        self,
        model: TrainableModel,
        data: list[DatumArrays],
        loss_fn: str,
        loss_fn_config: dict[str, float] | None,
        *,
        forward_only: bool,
    ) -> ForwardResult:
        """Per-datum logprobs and losses; unless ``forward_only``, add this call's gradient to the sum."""
        self._check_model(model)
        loss_index, config = resolve_loss(loss_fn, loss_fn_config)
        if not data:
            raise UserInputError("data must contain at least one datum")
        # Validate everything before computing anything, so a bad datum never leaves half-added gradients.
        checked = [
            check_datum(i, datum, loss_fn, self.spec.vocab_size, self.spec.max_context)
            for i, datum in enumerate(data)
        ]
        outputs: list[dict[str, np.ndarray]] = [{} for _ in data]
        total = 0.0
        index_arg, config_arg = np.int32(loss_index), jnp.asarray(config)
        for batch in micro_batches(checked, self.spec.max_context):
            arrays = {key: jnp.asarray(value) for key, value in batch.arrays.items()}
            if forward_only:
                loss, (lp, per_token) = self._forward(model.params, self.base, arrays, index_arg, config_arg)
            else:
                (loss, (lp, per_token)), grads = self._forward_backward(
                    model.params, self.base, arrays, index_arg, config_arg
                )
                model.grads = grads if model.grads is None else _add_grads(model.grads, grads)
            lp_host, loss_host = np.asarray(lp), np.asarray(per_token)
            for row, (datum_index, length) in enumerate(zip(batch.datum_indices, batch.lengths, strict=True)):
                outputs[datum_index] = {
                    "logprobs": lp_host[row, :length].copy(),
                    "elementwise_loss": loss_host[row, :length].copy(),
                }
            total += float(loss)
        return ForwardResult(outputs=outputs, metrics={"loss:sum": total})

    def optim_step(self, model: TrainableModel, adam: AdamSettings) -> dict[str, float]:
        """One AdamW update from the gradients summed since the last step (zeros if none), then clear them."""
        self._check_model(model)
        hyper = jnp.asarray(hyper_vector(adam))
        grads = model.grads if model.grads is not None else _zeros_like(model.params)
        model.params, model.opt_state, grad_norm = adamw_step(model.params, model.opt_state, grads, hyper)
        model.grads = None
        model.step += 1
        return {"grad_norm:mean": float(grad_norm), "learning_rate:mean": float(adam.learning_rate)}

    def snapshot(self, model: TrainableModel) -> LoraWeights:
        return LoraWeights(spec_name=self.spec.name, lora=model.lora, params=model.params, step=model.step)

    def sample(self, weights: LoraWeights | None, req: SampleRequestArrays) -> SampleResult:
        """Sample ``req.num_samples`` continuations; ``weights=None`` samples the base model."""
        if weights is not None and weights.spec_name != self.spec.name:
            raise UserInputError(
                f"weights belong to base model {weights.spec_name!r}, not {self.spec.name!r}"
            )
        prepared = prepare_sample(req, self.spec)
        prompt = np.asarray(req.prompt).astype(np.int32)
        out = self._sample(
            self.base,
            weights.params if weights is not None else {},
            prepared.prompt,
            np.int32(prompt.size),
            prepared.row_seeds,
            prepared.stop_ids,
            prepared.controls,
            np.int32(req.max_tokens),
            new_tokens_bucket=prepared.new_tokens_bucket,
        )
        host: dict[str, Any] = {key: np.asarray(value) for key, value in out.items()}
        sequences = []
        for row in range(req.num_samples):
            length = int(host["lengths"][row])
            seq = SampledSeq(
                tokens=host["tokens"][row, :length].copy(),
                logprobs=host["logprobs"][row, :length].copy(),
                stop_reason="stop" if host["stopped"][row] else "length",
            )
            sequences.append(apply_stop_strings(seq, req.stop_strings or []))
        result = SampleResult(sequences=sequences)
        if req.prompt_logprobs or req.topk_prompt_logprobs > 0:
            chosen, topk = prompt_logprob_outputs(prompt, host["prompt_logprobs"], req.topk_prompt_logprobs)
            result.prompt_logprobs = chosen if req.prompt_logprobs else None
            result.topk_prompt_logprobs = topk
        return result

    def save(self, model: TrainableModel, directory: Path, *, with_optimizer: bool) -> int:
        """Write the adapter (and optimizer state); pending gradients are not part of a checkpoint."""
        self._check_model(model)
        return checkpoint.write_checkpoint(
            directory,
            self.spec,
            model.lora,
            model.params,
            model.step,
            kind="training",
            optimizer_arrays=opt_state_to_arrays(model.opt_state) if with_optimizer else None,
        )

    def load(
        self, directory: Path, *, with_optimizer: bool, into: TrainableModel | None = None
    ) -> TrainableModel:
        """Restore a checkpoint, into ``into`` (same rank and flags required) or a new model.

        Without the optimizer the AdamW moments start fresh; the step counter is restored either way.
        """
        meta = checkpoint.read_meta(directory, self.spec)
        saved = checkpoint.lora_from_meta(meta)
        if into is not None:
            self._check_model(into)
            if into.lora.rank != saved.rank:
                raise UserInputError(
                    f"checkpoint LoRA rank {saved.rank} does not match this model's rank {into.lora.rank}"
                )
            flags = ("train_attn", "train_mlp", "train_unembed")
            if any(getattr(into.lora, f) != getattr(saved, f) for f in flags):
                raise UserInputError("checkpoint LoRA train_* flags do not match this model's lora_config")
        settings = into.lora if into is not None else saved
        params = checkpoint.read_adapter(directory, _target_shapes(self.spec, settings), settings.rank)
        opt_state = (
            opt_state_from_arrays(checkpoint.read_optimizer(directory), params)
            if with_optimizer
            else init_opt_state(params)
        )
        model = into if into is not None else TrainableModel(self.spec, settings, params, opt_state)
        model.params, model.opt_state, model.grads, model.step = params, opt_state, None, int(meta["step"])
        return model

    def save_sampler_weights(self, weights: LoraWeights, directory: Path) -> int:
        if weights.spec_name != self.spec.name:
            raise UserInputError(
                f"weights belong to base model {weights.spec_name!r}, not {self.spec.name!r}"
            )
        return checkpoint.write_checkpoint(
            directory, self.spec, weights.lora, weights.params, weights.step, kind="sampler"
        )

    def load_sampler_weights(self, directory: Path) -> LoraWeights:
        """Read sampler weights (a training checkpoint's adapter works too)."""
        meta = checkpoint.read_meta(directory, self.spec)
        lora = checkpoint.lora_from_meta(meta)
        params = checkpoint.read_adapter(directory, _target_shapes(self.spec, lora), lora.rank)
        return LoraWeights(spec_name=self.spec.name, lora=lora, params=params, step=int(meta["step"]))

    def _check_model(self, model: TrainableModel) -> None:
        if model.spec != self.spec:
            raise UserInputError(f"model was created for {model.spec.name!r}, not {self.spec.name!r}")
