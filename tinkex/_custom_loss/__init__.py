"""The internals of ``tinkex.custom_loss``: which tensor library runs a user loss, how JAX
differentiates it, and the torch-autograd path the official SDK uses."""
