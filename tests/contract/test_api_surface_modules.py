"""Every public module path of the official ``tinker`` 0.38, and every public name in it, exists
in tinkex (through ``tinkex.install_as_tinker()``'s alias table), with the same signatures.

The official modules are walked on disk, so a path added by a new release fails here until it
is mapped or allow-listed with its reason. Client methods are compared in
``test_api_surface_clients.py``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from pathlib import Path

import tinker

from tinkex._compat import tinker_alias as _tinker_alias
from tinkex._compat.tinker_alias import OFFICIAL_MODULE_ALIASES, TYPES_PACKAGE

from .test_api_surface_clients import _incompatibilities

# Official module paths (and everything under them) with no tinkex counterpart, and why.
UNMAPPED_MODULES = {
    # The official SDK's generated low-level HTTP layer (Stainless resources); tinkex's is
    # generated from openapi/tinker.yaml (tinker_openapi) and stays private.
    "tinker.resources": "the official generated HTTP layer; tinkex's own is private",
    # The official protobuf converters; tinkex compiles the same .proto into tinker_proto.
    "tinker.proto": "the official protobuf converters; tinkex's codec is tinkex._wire",
    # The implementation of the `tinker` command; the `tinkex` command is compared with it
    # command by command (CLI contract test), its Python modules are not an API.
    "tinker.cli": "implementation modules of the official CLI",
    # Implementation modules of the official client runtime (no public name of the SDK lives
    # only here; the public ones are re-exported from tinker / tinker.lib.public_interfaces).
    "tinker.lib.async_tinker_provider": "official runtime internals",
    "tinker.lib.backcompat_concurrent_future": "official runtime internals",
    "tinker.lib.base_url": "official runtime internals",
    "tinker.lib.chunked_fwdbwd_helpers": "official runtime internals",
    "tinker.lib.client_connection_pool_type": "official runtime internals",
    "tinker.lib.console_urls": "official runtime internals (the get_console_url methods exist)",
    "tinker.lib.credentials": "the official CLI's credential store",
    "tinker.lib.internal_client_holder": "official runtime internals",
    "tinker.lib.public_interfaces.rest_client_common": "official runtime internals",
    "tinker.lib.queue_state_logger": "official runtime internals",
    "tinker.lib.retryable_exception": "official runtime internals",
    "tinker.lib.sdk_method": "official runtime internals (telemetry decorators)",
    "tinker.lib.session_futures_poller": "official runtime internals",
    "tinker.lib.sync_only": "official runtime internals",
    "tinker.lib.telemetry": "official telemetry internals; tinkex.telemetry is its own",
    "tinker.lib.telemetry_provider": "official telemetry internals",
}

# (official module, name) -> reason, for public names of mapped modules that tinkex lacks.
UNMAPPED_NAMES = {
    ("tinker.lib.retry_handler", "RetryHandler"): "the official retry loop's class; tinkex retries "
    "inside its HTTP layer and takes the same RetryConfig",
    (
        "tinker.lib.public_interfaces.training_client",
        "fetch_training_info",
    ): "a helper that takes the official InternalClientHolder; tinkex's clients fetch the info themselves",
}


def _walk(package: str) -> list[str]:
    module = importlib.import_module(package)
    found = [package]
    if hasattr(module, "__path__"):
        for info in pkgutil.iter_modules(module.__path__):
            found += _walk(f"{package}.{info.name}")
        if package == "tinker":  # namespace packages (no __init__.py): iter_modules skips them
            found += _walk("tinker.lib") + _walk("tinker.cli")
    return found


def _official_modules() -> list[str]:
    return sorted(
        name
        for name in set(_walk("tinker"))
        if not any(part.startswith("_") for part in name.split(".")) and not name.endswith("_test")
    )


def _unmapped(name: str) -> bool:
    return any(name == u or name.startswith(u + ".") for u in UNMAPPED_MODULES)


def _target(name: str) -> str | None:
    return _tinker_alias._target(name)


def _public_names(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == module_name
        and not isinstance(value, typing.TypeVar)
    ]


def test_official_package_is_the_reference() -> None:
    assert tinker.__version__ == "0.38.0"
    assert len([m for m in _official_modules() if m.startswith("tinker.types.")]) >= 100


def test_every_official_module_path_is_mapped_or_allow_listed() -> None:
    # covers DESIGN §2 (install_as_tinker: every public tinker.* path resolves to tinkex)
    missing = [m for m in _official_modules() if _target(m) is None and not _unmapped(m)]
    assert missing == []
    stale = sorted(u for u in UNMAPPED_MODULES if u not in _official_modules())
    assert stale == [], "remove these from UNMAPPED_MODULES"
    wrong = sorted(m for m in OFFICIAL_MODULE_ALIASES if m not in _official_modules())
    assert wrong == [], "the alias table names paths the official SDK does not have"


def test_every_public_name_of_a_mapped_module_exists() -> None:
    # covers TYP-01 (names), including the 0.38 types submodules and lib.retry_handler
    missing = []
    for official in _official_modules():
        target = _target(official)
        if target is None:
            continue
        ours = importlib.import_module(target)
        for name in _public_names(official):
            if not hasattr(ours, name) and (official, name) not in UNMAPPED_NAMES:
                missing.append(f"{official}.{name} (looked up on {target})")
    assert missing == []
    stale = [key for key in UNMAPPED_NAMES if hasattr(importlib.import_module(_target(key[0]) or ""), key[1])]
    assert stale == []


def test_functions_of_mapped_modules_have_the_official_signatures() -> None:
    problems = {}
    for official in _official_modules():
        target = _target(official)
        if target is None or official.startswith("tinker.types"):
            continue
        module, ours = importlib.import_module(official), importlib.import_module(target)
        for name in _public_names(official):
            theirs = getattr(module, name, None)
            if not inspect.isfunction(theirs) or not hasattr(ours, name):
                continue
            found = _incompatibilities(inspect.signature(theirs), inspect.signature(getattr(ours, name)))
            if found:
                problems[f"{official}.{name}"] = found
    assert problems == {}


def test_alias_targets_are_tinkex_modules() -> None:
    root = Path(importlib.import_module("tinkex").__file__ or "").parent
    for target in {*OFFICIAL_MODULE_ALIASES.values(), TYPES_PACKAGE}:
        module = importlib.import_module(target)
        assert Path(module.__file__ or "").is_relative_to(root), target
