"""``tinkex.install_as_tinker()``: answer ``import tinker`` (and its public submodule paths)
with tinkex's own modules, for third-party code written for the official SDK.

An explicit opt-in, in the style of PyMySQL's ``install_as_MySQLdb()``, and the one import
hook tinkex has (DESIGN.md §2). A finder placed first on ``sys.meta_path`` maps each official
module path to a tinkex module and hands back that module object itself: nothing is loaded
twice, so ``tinker.types.tensor_data.TensorData is tinkex.types.TensorData``. Official paths
tinkex has no counterpart for fail with a ``ModuleNotFoundError`` that says so, rather than
falling through to a partly imported official package.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

__all__ = ["OFFICIAL_MODULE_ALIASES", "TYPES_PACKAGE", "install_as_tinker"]

# Official module path -> the tinkex module that holds its public names.
OFFICIAL_MODULE_ALIASES: dict[str, str] = {
    "tinker": "tinkex",
    "tinker.types": "tinkex.types",
    "tinker.auth": "tinkex.auth",
    "tinker.lib": "tinkex.lib",
    "tinker.lib.public_interfaces": "tinkex.lib.public_interfaces",
    "tinker.lib.public_interfaces.admin_client": "tinkex.admin_client",
    "tinker.lib.public_interfaces.api_future": "tinkex.futures",
    "tinker.lib.public_interfaces.backcompat_client_future": "tinkex._compat.backcompat",
    "tinker.lib.public_interfaces.backcompat_sampling_client_future": "tinkex._compat.backcompat",
    "tinker.lib.public_interfaces.backcompat_training_client_future": "tinkex._compat.backcompat",
    "tinker.lib.public_interfaces.custom_loss": "tinkex.loss_handle",
    "tinker.lib.public_interfaces.rest_client": "tinkex.rest_client",
    "tinker.lib.public_interfaces.sampling_client": "tinkex.sampling_client",
    "tinker.lib.public_interfaces.service_client": "tinkex.service_client",
    "tinker.lib.public_interfaces.training_client": "tinkex.training_client",
    "tinker.lib.api_future_impl": "tinkex.queue_state",
    "tinker.lib.experimental": "tinkex._compat.public_extras",
    "tinker.lib.retry_handler": "tinkex.retry_config",
}
# Every ``tinker.types.<module>`` (``tinker.types.shared.<module>`` too) is the one ``tinkex.types`` package: the official types are
# spread over ~110 files, tinkex's are re-exported from one place, so each class exists once.
TYPES_PACKAGE = "tinkex.types"


def _target(fullname: str) -> str | None:
    if fullname in OFFICIAL_MODULE_ALIASES:
        return OFFICIAL_MODULE_ALIASES[fullname]
    if fullname.startswith("tinker.types.") and not any(p.startswith("_") for p in fullname.split(".")):
        return TYPES_PACKAGE
    return None


class _TinkerAliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``tinker`` paths; "loads" them by returning the already-importable tinkex module."""

    def find_spec(
        self, fullname: str, path: object = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "tinker" and not fullname.startswith("tinker."):
            return None
        if _target(fullname) is None:
            raise ModuleNotFoundError(
                f"{fullname} is part of the official tinker SDK's internals and has no tinkex "
                "counterpart (tinkex.install_as_tinker() maps the public paths only; see "
                "docs/migrating-from-tinker.md)",
                name=fullname,
            )
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        # The import system keeps the module's own __name__/__spec__ (it only fills unset ones)
        # and records it in sys.modules under the official name: one object, two names.
        target = _target(spec.name)
        assert target is not None
        return importlib.import_module(target)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the tinkex module was executed when it was first imported."""


_FINDER = _TinkerAliasFinder()


def _foreign_tinker_modules() -> list[str]:
    """Official ``tinker`` modules already imported (any not produced by this finder)."""
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if (name == "tinker" or name.startswith("tinker."))
        and module is not None
        and not getattr(module, "__name__", "").startswith("tinkex")
    )


def install_as_tinker() -> None:
    """Make ``import tinker`` and the official SDK's public module paths resolve to tinkex.

    Call it before anything imports ``tinker``. Idempotent. Raises ``RuntimeError`` when the
    official ``tinker`` package is already imported, since its classes would then coexist with
    tinkex's and objects of one would be refused by the other.
    """
    foreign = _foreign_tinker_modules()
    if foreign:
        raise RuntimeError(
            "tinkex.install_as_tinker(): the official tinker SDK is already imported "
            f"({', '.join(foreign[:3])}{', ...' if len(foreign) > 3 else ''}); call "
            "install_as_tinker() before anything imports tinker"
        )
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    importlib.import_module("tinker")
