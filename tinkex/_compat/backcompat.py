"""Futures of clients that can also be used, deprecated, as the client itself.

``ServiceClient.create_lora_training_client()`` (and friends) return a future of the
client, as the official SDK 0.38 does; older code that used the return value directly as
the client keeps working, with a ``FutureWarning`` (the official transition behaviour).
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from ..futures import APIFuture

C = TypeVar("C")


class BackcompatClientFuture(APIFuture[C]):
    def __init__(self, future: APIFuture[C]) -> None:
        super().__init__(future.future(), description=future._description)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        _warn_client_use(f".{name}")
        return getattr(self.result(), name)

    # ``with`` / ``async with`` the future: the block gets, and closes, the client itself.
    def __enter__(self) -> Any:
        _warn_client_use("with")
        client: Any = self.result()
        return client.__enter__()

    def __exit__(self, *exc_info: Any) -> Any:
        client: Any = self.result()
        return client.__exit__(*exc_info)

    async def __aenter__(self) -> Any:
        _warn_client_use("async with")
        client: Any = await self.result_async()
        return await client.__aenter__()

    async def __aexit__(self, *exc_info: Any) -> Any:
        client: Any = await self.result_async()
        return await client.__aexit__(*exc_info)

    def __repr__(self) -> str:
        future = self.future()
        if not future.done():
            state = "pending"
        elif future.cancelled():
            state = "cancelled"
        elif future.exception() is not None:
            state = f"failed: {future.exception()!r}"
        else:
            state = repr(future.result())
        return f"<{type(self).__name__}: {state}>"


def _warn_client_use(use: str) -> None:
    warnings.warn(
        f"Using the future returned by a client-creation method as the client ({use}) is "
        "deprecated; call .result() on it, or await it, to get the client first.",
        FutureWarning,
        stacklevel=3,
    )


_FUTURE_API = frozenset(dir(APIFuture))


def forward_client_methods(future_cls: type, client_cls: type) -> None:
    """Give ``future_cls`` (a subclass of both a future and ``client_cls``) one deprecated
    forwarding method per public method of the client, as the official wrappers have: the
    future is then an instance of the client class, as official code may check, while each
    call runs on the real client once it exists. Static and class methods stay inherited."""
    for name in dir(client_cls):
        if name.startswith("_") or name in _FUTURE_API or name in vars(future_cls):
            continue
        attr = inspect.getattr_static(client_cls, name)
        if isinstance(attr, (staticmethod, classmethod, property)) or not callable(attr):
            continue
        setattr(future_cls, name, _forwarder(client_cls.__name__, name, attr))


def _forwarder(client_name: str, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    message = (
        f"Using the future returned by a client-creation method as the {client_name} (.{name}()) "
        "is deprecated; call .result() on it, or await it, to get the client first."
    )
    if inspect.iscoroutinefunction(inspect.unwrap(method)):

        @functools.wraps(method)
        async def forward_async(self: BackcompatClientFuture[Any], *args: Any, **kwargs: Any) -> Any:
            warnings.warn(message, FutureWarning, stacklevel=2)
            client = await self.result_async()
            return await getattr(client, name)(*args, **kwargs)

        return forward_async

    @functools.wraps(method)
    def forward(self: BackcompatClientFuture[Any], *args: Any, **kwargs: Any) -> Any:
        warnings.warn(message, FutureWarning, stacklevel=2)
        return getattr(self.result(), name)(*args, **kwargs)

    return forward
