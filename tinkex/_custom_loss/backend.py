"""Which tensor library runs a custom loss: JAX (tinkex's own) or torch (the official SDK's).

The rule, in order (documented in ``docs/custom-losses.md``):

1. ``backend="jax"`` or ``backend="torch"`` given to ``forward_backward_custom`` wins.
2. Otherwise the loss's code is read, never run: the modules, functions and attribute names
   it refers to (its globals, closures, nested lambdas and comprehensions, and the Python
   helpers it calls, a few levels deep). Only torch names -> torch; only JAX names -> JAX.
   Attribute names count too (``.to_torch()``, ``.detach()`` -> torch; ``.to_jax()`` -> JAX),
   so a loss written only with tensor methods is still recognised.
3. Undecided (neither library named, or both): JAX first, as before torch support existed;
   a loss JAX cannot trace then runs under torch when torch is installed, and under central
   finite differences otherwise. Without JAX installed, torch is used directly.

Reading the code rather than trying each library keeps the choice deterministic: a loss is
called exactly as often as on the chosen backend, so a loss with side effects (logging,
counters) sees no extra calls.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
from collections.abc import Callable, Iterator
from types import CodeType, FunctionType, ModuleType
from typing import Any, Literal

from ..errors import TinkexValidationError

Backend = Literal["jax", "torch"]
BACKENDS: tuple[str, ...] = ("auto", "jax", "torch")
TORCH_EXTRA_HINT = "pip install torch"

# Tensor methods that exist on torch tensors and not on JAX arrays (and the TensorData
# converters), so a loss that names no module still says which library it expects.
_TORCH_ATTRIBUTES = frozenset({"to_torch", "from_torch", "detach", "backward", "unsqueeze", "numel"})
_JAX_ATTRIBUTES = frozenset({"to_jax", "from_jax"})
_SCAN_DEPTH = 3  # how many levels of user helper functions are followed


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def check_backend(backend: object) -> None:
    """Validate ``backend`` before anything is sent; an explicit backend must be importable."""
    if backend is None or backend == "auto":
        return
    if backend not in BACKENDS:
        raise TinkexValidationError(
            f"backend must be one of {', '.join(repr(b) for b in BACKENDS)} or None, got {backend!r}",
            field="backend",
        )
    if not installed(str(backend)):
        hint = TORCH_EXTRA_HINT if backend == "torch" else "pip install 'tinkex[jax]'"
        raise ImportError(f"backend={backend!r} needs {backend}, which is not installed; run: {hint}")


def referenced_backends(loss_fn: Callable[..., Any]) -> set[Backend]:
    """The tensor libraries the loss's code refers to (rule 2 of the module docstring)."""
    found: set[Backend] = set()
    seen: set[int] = set()

    def visit(obj: object, depth: int) -> None:
        module = obj.__name__ if isinstance(obj, ModuleType) else getattr(obj, "__module__", None)
        root = module.split(".")[0] if isinstance(module, str) else ""
        if root == "torch":
            found.add("torch")
        elif root in ("jax", "jaxlib"):
            found.add("jax")
        elif depth > 0:
            function = _as_function(obj)
            if function is not None and id(function) not in seen:
                seen.add(id(function))
                visit_function(function, depth - 1)

    def visit_function(function: FunctionType, depth: int) -> None:
        for code in _code_objects(function.__code__):
            for name in code.co_names:
                if name in _TORCH_ATTRIBUTES:
                    found.add("torch")
                elif name in _JAX_ATTRIBUTES:
                    found.add("jax")
                if name in function.__globals__:
                    visit(function.__globals__[name], depth)
        for cell in function.__closure__ or ():
            try:
                visit(cell.cell_contents, depth)
            except ValueError:  # an empty cell (a name assigned later)
                continue

    visit(loss_fn, _SCAN_DEPTH + 1)
    return found


def _as_function(obj: object) -> FunctionType | None:
    """The Python function behind a function, method, partial or callable object."""
    if isinstance(obj, functools.partial):
        obj = obj.func
    obj = getattr(obj, "__func__", obj)  # bound methods
    if not isinstance(obj, FunctionType) and callable(obj) and not isinstance(obj, type):
        obj = vars(type(obj)).get("__call__")  # a callable object: its class's own __call__
    if isinstance(obj, FunctionType):
        unwrapped = inspect.unwrap(obj)
        return unwrapped if isinstance(unwrapped, FunctionType) else obj
    return None


def _code_objects(code: CodeType) -> Iterator[CodeType]:
    """A code object and the ones nested in it (lambdas, comprehensions, inner functions)."""
    yield code
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _code_objects(const)


def choose_backend(loss_fn: Callable[..., Any], backend: str | None) -> Backend | None:
    """The backend to run ``loss_fn`` on, or ``None`` when undecided (rule 3: JAX first)."""
    if backend in ("jax", "torch"):
        return backend  # type: ignore[return-value]
    named = referenced_backends(loss_fn)
    if len(named) == 1:
        (only,) = named
        if installed(only):
            return only
    if not installed("jax"):
        if installed("torch"):
            return "torch"
        raise ImportError(
            "custom losses need JAX or torch, and neither is installed; run: "
            f"pip install 'tinkex[jax]' (or {TORCH_EXTRA_HINT})"
        )
    return None
