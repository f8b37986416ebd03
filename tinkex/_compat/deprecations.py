"""The official SDK's deprecation warnings, on the same methods and of the same categories.

The official 0.38 SDK marks its ``*_async`` methods, ``load_state*``,
``ServiceClient.create_rest_client()`` / ``get_server_capabilities*`` and the admin calls
of ``RestClient`` deprecated with a ``FutureWarning`` raised when they are called; tinkex
warns on the same calls with the same category, so warning filters written for the
official SDK (``-W error::FutureWarning`` in a test suite, ``filterwarnings``) behave the
same. The messages are tinkex's own words, each naming the method and what to use instead.

``OFFICIAL_DEPRECATIONS`` is the one list; ``official_deprecations`` (a class decorator)
applies it to a client class. Calls made by tinkex itself (a sync method built on its
``_async`` twin, the CLI) do not warn: only the user's call is deprecated, not tinkex's.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = [
    "OFFICIAL_DEPRECATIONS",
    "deprecated_call",
    "ignore_unknown_kwargs",
    "official_deprecations",
    "warn_ignored_name",
    "warn_loss_type_input",
]

C = TypeVar("C", bound=type)
F = TypeVar("F", bound=Callable[..., Any])

_AWAIT_SYNC = "use `await {cls}.{base}(...)` instead: {base}() returns an APIFuture, which can be awaited"
_CALL_SYNC = "use {cls}.{base}(...) instead: it returns an APIFuture at once"
_ANSWERS_LOCALLY = "use {cls}.{base}() instead: it answers without a request"
_LOAD_STATE = (
    "create a new training client from the checkpoint instead, with "
    "ServiceClient.create_training_client_from_state() or "
    "ServiceClient.create_training_client_from_state_with_optimizer()"
)
_ADMIN = "use AdminClient.{base}() instead (built the same way as RestClient)"
_AWAIT_ADMIN = "use `await AdminClient.{base}(...)` instead (AdminClient is built the same way as RestClient)"

# class name -> method -> advice (formatted with {cls} and {base}, the name without _async).
OFFICIAL_DEPRECATIONS: dict[str, dict[str, str]] = {
    "ServiceClient": {
        "create_lora_training_client_async": _AWAIT_SYNC,
        "create_training_client_from_state_async": _AWAIT_SYNC,
        "create_training_client_from_state_with_optimizer_async": _AWAIT_SYNC,
        "create_sampling_client_async": _AWAIT_SYNC,
        "create_rest_client": "construct tinker.RestClient() directly instead (same base_url and api_key)",
        "get_server_capabilities": "use RestClient().get_server_capabilities() instead (needs no session)",
        "get_server_capabilities_async": "use `await RestClient().get_server_capabilities()` instead",
    },
    "TrainingClient": {
        "forward_async": _CALL_SYNC,
        "forward_backward_async": _CALL_SYNC,
        "forward_backward_custom_async": _CALL_SYNC,
        "optim_step_async": _CALL_SYNC,
        "save_state_async": _CALL_SYNC,
        "save_weights_for_sampler_async": _CALL_SYNC,
        "save_weights_external_async": _CALL_SYNC,
        "get_info_async": _ANSWERS_LOCALLY,
        "create_sampling_client_async": _AWAIT_SYNC,
        "save_weights_and_get_sampling_client_async": _AWAIT_SYNC,
        "load_state": _LOAD_STATE,
        "load_state_async": _LOAD_STATE,
        "load_state_with_optimizer": _LOAD_STATE,
        "load_state_with_optimizer_async": _LOAD_STATE,
    },
    "SamplingClient": {
        "sample_async": _AWAIT_SYNC,
        "compute_logprobs_async": _AWAIT_SYNC,
        "get_base_model_async": _ANSWERS_LOCALLY,
    },
    "RestClient": {
        **{
            f"{name}_async": _AWAIT_SYNC
            for name in (
                "get_training_run",
                "get_training_run_by_tinker_path",
                "list_training_runs",
                "list_checkpoints",
                "get_external_weights_urls",
                "delete_checkpoint",
                "delete_checkpoint_from_tinker_path",
                "copy_weights",
                "publish_checkpoint_from_tinker_path",
                "unpublish_checkpoint_from_tinker_path",
                "set_checkpoint_ttl_from_tinker_path",
                "list_user_checkpoints",
                "get_session",
                "list_sessions",
                "assign_session_project",
                "export_session_trace",
                "get_sampler",
            )
        },
        **{
            variant: (_AWAIT_ADMIN if variant.endswith("_async") else _ADMIN)
            for name in ("get_audit_log", "get_billing_usage", "get_current_checkpoint_storage_usage")
            for variant in (name, f"{name}_async")
        },
    },
    "AdminClient": {
        f"{name}_async": _AWAIT_SYNC
        for name in ("get_audit_log", "get_billing_usage", "get_current_checkpoint_storage_usage")
    },
}


def _called_from_tinkex(depth: int) -> bool:
    """Whether the frame ``depth`` levels up belongs to the tinkex package."""
    module = sys._getframe(depth + 1).f_globals.get("__name__", "")
    return isinstance(module, str) and (module == "tinkex" or module.startswith("tinkex."))


def deprecated_call(message: str, category: type[Warning] = FutureWarning) -> Callable[[F], F]:
    """Warn with ``message`` when the decorated method is called from outside tinkex.

    The wrapper is synchronous even for a coroutine function (it returns the coroutine), as
    the official SDK's deprecation decorator is, so the warning points at the caller's line
    at call time; ``inspect.unwrap`` reaches the coroutine function."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not _called_from_tinkex(1):
                warnings.warn(message, category, stacklevel=2)
            return fn(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]  # PEP 702's marker
        return wrapper  # type: ignore[return-value]

    return decorate


def official_deprecations(cls: C) -> C:
    """Wrap the methods ``OFFICIAL_DEPRECATIONS`` lists for ``cls`` (those it has)."""
    for name, advice in OFFICIAL_DEPRECATIONS.get(cls.__name__, {}).items():
        method = getattr(cls, name, None)
        if method is None:
            continue
        base = name.removesuffix("_async")
        message = (
            f"DEPRECATED: {cls.__name__}.{name}() is deprecated and will be removed in a future "
            f"release; {advice.format(cls=cls.__name__, base=base)}."
        )
        setattr(cls, name, deprecated_call(message)(method))
    return cls


def warn_loss_type_input(loss_type_input: str | None, method: str) -> None:
    """``loss_type_input`` is deprecated (a ``DeprecationWarning``, as in the official SDK)."""
    if loss_type_input is not None:
        warnings.warn(
            f"{method}(loss_type_input=...) is deprecated and has no effect: the loss always gets "
            "logprobs. Remove the argument; it goes away in a future release.",
            DeprecationWarning,
            stacklevel=3,
        )


def ignore_unknown_kwargs(kwargs: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """``ServiceClient(**kwargs)``: the official SDK ignores arguments it does not know, with a
    ``FutureWarning`` (they become an error later). tinkex's own config fields are known."""
    unknown = sorted(set(kwargs) - known)
    if unknown:
        warnings.warn(
            f"ServiceClient ignores arguments it does not know: {', '.join(unknown)}. A future "
            "release rejects them.",
            FutureWarning,
            stacklevel=3,
        )
    return {k: v for k, v in kwargs.items() if k in known}


def warn_ignored_name(name: str | None) -> None:
    """``save_weights_and_get_sampling_client(name=...)``: ignored, with a ``DeprecationWarning``
    (official 0.38): the snapshot is always ephemeral, so an RL loop that passes a name per
    step no longer fills the storage with persistent checkpoints."""
    if name is not None:
        warnings.warn(
            "save_weights_and_get_sampling_client(name=...) is deprecated and ignored: the saved "
            "weights are always an ephemeral snapshot. For a persistent checkpoint call "
            "save_weights_for_sampler(name=...) and then create_sampling_client(model_path=...). "
            "Remove the argument; it goes away in a future release.",
            DeprecationWarning,
            stacklevel=3,
        )
