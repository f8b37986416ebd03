"""The byte-level causal transformer in plain JAX: seeded base weights, LoRA adapters, forward passes.

Parameters are plain dicts of arrays so they travel through ``jax.jit`` as ordinary pytrees. The base
weights are a jit *argument* rather than a closed-over constant: constants would be baked into every
compiled program, making compiles slower and persistent-cache keys huge.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from .catalog import ModelSpec

BaseParams = dict[str, Any]
# Flat mapping "layers.0.qkv" / "unembed" -> {"a": [in, rank], "b": [rank, out]}; absent targets are untrained.
LoraParams = dict[str, dict[str, jax.Array]]

LORA_ALPHA = 32.0
MLP_RATIO = 4
ATTN_TARGETS = ("qkv", "attn_out")
MLP_TARGETS = ("mlp_in", "mlp_out")
UNEMBED_TARGET = "unembed"
_NEG_INF = -1e30


def init_base_params(spec: ModelSpec) -> BaseParams:
    """Deterministic base weights from ``spec.seed`` (numpy PCG64, so they never depend on the JAX version)."""
    rng = np.random.default_rng(spec.seed)
    d, hidden = spec.d_model, MLP_RATIO * spec.d_model

    def normal(shape: tuple[int, ...], std: float) -> jax.Array:
        return jnp.asarray(rng.normal(0.0, std, size=shape).astype(np.float32))

    # Residual-branch outputs are shrunk so the stream stays O(1) as layers are added.
    residual_std = 1.0 / np.sqrt(2.0 * spec.n_layers)
    layers = []
    for _ in range(spec.n_layers):
        layers.append(
            {
                "norm_attn": jnp.ones((d,), jnp.float32),
                "qkv": normal((d, 3 * d), 1.0 / np.sqrt(d)),
                "attn_out": normal((d, d), residual_std / np.sqrt(d)),
                "norm_mlp": jnp.ones((d,), jnp.float32),
                "mlp_in": normal((d, hidden), 1.0 / np.sqrt(d)),
                "mlp_out": normal((hidden, d), residual_std / np.sqrt(hidden)),
            }
        )
    return {
        "tok_emb": normal((spec.vocab_size, d), np.sqrt(0.5)),
        "pos_emb": normal((spec.max_context, d), np.sqrt(0.5)),
        "layers": layers,
        "norm_final": jnp.ones((d,), jnp.float32),
        # std 1/sqrt(d) gives unit-scale logits; a tiny head caps the logit range behind RMSNorm and makes
        # attention/MLP-only LoRA plateau (local-server.md 3.6).
        "head": normal((d, spec.vocab_size), 1.0 / np.sqrt(d)),
    }


def lora_target_shapes(
    spec: ModelSpec, *, train_attn: bool, train_mlp: bool, train_unembed: bool
) -> dict[str, tuple[int, int]]:
    """(in, out) of every adapted matrix, in a fixed order that also fixes the checkpoint layout."""
    d, hidden = spec.d_model, MLP_RATIO * spec.d_model
    shapes: dict[str, tuple[int, int]] = {}
    for layer in range(spec.n_layers):
        if train_attn:
            shapes[f"layers.{layer}.qkv"] = (d, 3 * d)
            shapes[f"layers.{layer}.attn_out"] = (d, d)
        if train_mlp:
            shapes[f"layers.{layer}.mlp_in"] = (d, hidden)
            shapes[f"layers.{layer}.mlp_out"] = (hidden, d)
    if train_unembed:
        shapes[UNEMBED_TARGET] = (d, spec.vocab_size)
    return shapes


def init_lora_params(shapes: dict[str, tuple[int, int]], rank: int, seed: int) -> LoraParams:
    """A ~ N(0, 1/in) from the LoRA seed, B = 0, so a fresh adapter computes exactly the base model."""
    rng = np.random.default_rng(seed)
    params: LoraParams = {}
    for name, (fan_in, fan_out) in shapes.items():
        a = rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=(fan_in, rank)).astype(np.float32)
        params[name] = {"a": jnp.asarray(a), "b": jnp.zeros((rank, fan_out), jnp.float32)}
    return params


def _linear(x: jax.Array, weight: jax.Array, lora: LoraParams, name: str) -> jax.Array:
    out = x @ weight
    adapter = lora.get(name)
    if adapter is not None:
        rank = adapter["a"].shape[1]
        out = out + ((x @ adapter["a"]) @ adapter["b"]) * (LORA_ALPHA / rank)
    return out


def _rms_norm(x: jax.Array, gain: jax.Array) -> jax.Array:
    return x * jax.lax.rsqrt(jnp.mean(x * x, axis=-1, keepdims=True) + 1e-6) * gain


def _attend(q: jax.Array, k: jax.Array, v: jax.Array, mask: jax.Array) -> jax.Array:
    """q [B,T,H,D], k/v [B,S,H,D], mask broadcastable to [B,H,T,S] -> [B,T,H,D]."""
    scores = jnp.einsum("bthd,bshd->bhts", q, k) / np.sqrt(q.shape[-1]).astype(np.float32)
    weights = jax.nn.softmax(jnp.where(mask, scores, _NEG_INF), axis=-1)
    return jnp.einsum("bhts,bshd->bthd", weights, v)


def _split_heads(x: jax.Array, n_heads: int) -> jax.Array:
    return x.reshape(*x.shape[:-1], n_heads, x.shape[-1] // n_heads)


def _mlp(base_layer: dict[str, jax.Array], lora: LoraParams, prefix: str, x: jax.Array) -> jax.Array:
    h = _rms_norm(x, base_layer["norm_mlp"])
    h = jax.nn.gelu(_linear(h, base_layer["mlp_in"], lora, prefix + "mlp_in"))
    return _linear(h, base_layer["mlp_out"], lora, prefix + "mlp_out")


def _unembed(base: BaseParams, lora: LoraParams, x: jax.Array) -> jax.Array:
    return _linear(_rms_norm(x, base["norm_final"]), base["head"], lora, UNEMBED_TARGET)


def forward(
    base: BaseParams, lora: LoraParams, tokens: jax.Array, n_heads: int
) -> tuple[jax.Array, tuple[jax.Array, ...], tuple[jax.Array, ...]]:
    """Full causal pass over tokens [B,T] -> (logits [B,T,V], keys, values: one [B,T,H,D] per layer)."""
    seq_len = tokens.shape[1]
    positions = jnp.minimum(jnp.arange(seq_len), base["pos_emb"].shape[0] - 1)
    x = base["tok_emb"][tokens] + base["pos_emb"][positions][None]
    causal = jnp.tril(jnp.ones((seq_len, seq_len), dtype=bool))[None, None]
    keys, values = [], []
    for index, layer in enumerate(base["layers"]):
        prefix = f"layers.{index}."
        qkv = _linear(_rms_norm(x, layer["norm_attn"]), layer["qkv"], lora, prefix + "qkv")
        q, k, v = (_split_heads(part, n_heads) for part in jnp.split(qkv, 3, axis=-1))
        attn = _attend(q, k, v, causal).reshape(x.shape)
        x = x + _linear(attn, layer["attn_out"], lora, prefix + "attn_out")
        x = x + _mlp(layer, lora, prefix, x)
        keys.append(k)
        values.append(v)
    return _unembed(base, lora, x), tuple(keys), tuple(values)


def decode_step(
    base: BaseParams,
    lora: LoraParams,
    token: jax.Array,
    position: jax.Array,
    cache_k: tuple[jax.Array, ...],
    cache_v: tuple[jax.Array, ...],
    n_heads: int,
) -> tuple[jax.Array, tuple[jax.Array, ...], tuple[jax.Array, ...]]:
    """One token per row at a shared ``position``; writes its K/V into cache slot ``position``.

    token [B], caches one [B,S,H,D] array per layer -> (logits [B,V], caches). Separate per-layer
    arrays let XLA update each in place inside the decode loop (slicing one stacked cache forced a
    full copy per step). Slots after ``position`` are masked out, so stale values are never read.
    """
    x = (base["tok_emb"][token] + base["pos_emb"][position])[:, None, :]
    visible = (jnp.arange(cache_k[0].shape[1]) <= position)[None, None, None, :]
    new_k, new_v = [], []
    for index, layer in enumerate(base["layers"]):
        prefix = f"layers.{index}."
        qkv = _linear(_rms_norm(x, layer["norm_attn"]), layer["qkv"], lora, prefix + "qkv")
        q, k, v = (_split_heads(part, n_heads) for part in jnp.split(qkv, 3, axis=-1))
        layer_k = jax.lax.dynamic_update_slice(cache_k[index], k, (0, position, 0, 0))
        layer_v = jax.lax.dynamic_update_slice(cache_v[index], v, (0, position, 0, 0))
        attn = _attend(q, layer_k, layer_v, visible).reshape(x.shape)
        x = x + _linear(attn, layer["attn_out"], lora, prefix + "attn_out")
        x = x + _mlp(layer, lora, prefix, x)
        new_k.append(layer_k)
        new_v.append(layer_v)
    return _unembed(base, lora, x)[:, 0, :], tuple(new_k), tuple(new_v)
