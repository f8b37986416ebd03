"""The local Tinker-compatible server (needs the ``server`` extra: jax, optax, starlette, uvicorn)."""
