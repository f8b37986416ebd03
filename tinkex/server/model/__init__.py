"""Compute core of the local server: a byte-level causal transformer with LoRA, in plain JAX."""
