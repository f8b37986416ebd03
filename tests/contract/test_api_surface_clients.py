"""tinkex's public surface against the installed official ``tinker`` SDK (0.38).

Code written for ``tinker`` must run with ``import tinkex as tinker`` (DESIGN.md §3): every
official top-level name and every public client method must exist in tinkex, with the same
parameter names, kinds and defaults. Extra tinkex parameters must be optional. Deliberate
differences are listed below, each with its reason; anything else missing fails the test.
"""

from __future__ import annotations

import inspect
import types as pytypes
from collections.abc import Iterator
from typing import Any

import tinker

import tinkex

# Official top-level names tinkex does not export, and why. Nothing today: keep it that way.
MISSING_TOP_LEVEL: dict[str, str] = {}

# (class, method) -> reason, for official public methods tinkex does not have. Nothing today.
MISSING_METHODS: dict[tuple[str, str], str] = {}

# (class, method) -> reason, for methods whose parameters deliberately differ.
DIFFERENT_SIGNATURES = {
    ("ServiceClient", "close"): "status defaults to 'success' so close() needs no argument (the official "
    "positional call close('errored') still works)",
    ("SamplingClient", "on_queue_state_change"): "queue_state_reason is optional (None: the default reason)",
    ("APIFuture", "__init__"): "wraps a concurrent future; users never construct futures themselves",
}

# Attributes that tinkex sets per instance where the official SDK has a property.
INSTANCE_ATTRIBUTES = {("ServiceClient", "holder")}

CLIENT_CLASSES = [
    "ServiceClient",
    "TrainingClient",
    "SamplingClient",
    "RestClient",
    "AdminClient",
    "APIFuture",
]


def test_top_level_names_exist() -> None:
    # covers TYP-01 (one curated __all__ mirroring the official exports)
    missing = sorted(n for n in tinker.__all__ if not hasattr(tinkex, n) and n not in MISSING_TOP_LEVEL)
    assert missing == []
    stale = sorted(n for n in MISSING_TOP_LEVEL if hasattr(tinkex, n) or n not in tinker.__all__)
    assert stale == [], "remove these from MISSING_TOP_LEVEL"


def test_type_names_exist() -> None:
    # covers TYP-01: every public class of tinker.types has a tinkex.types counterpart
    names = [
        n
        for n in dir(tinker.types)
        if not n.startswith("_") and not isinstance(getattr(tinker.types, n), pytypes.ModuleType)
    ]
    assert names
    assert sorted(n for n in names if not hasattr(tinkex.types, n)) == []


def _public_methods(cls: type) -> Iterator[str]:
    for name, _ in inspect.getmembers(cls):
        if not name.startswith("_") or name == "__init__":
            yield name


def _is_async(fn: Any) -> bool:
    # The official deprecation decorator hides coroutine functions behind a sync wrapper.
    return inspect.iscoroutinefunction(inspect.unwrap(fn))


def _incompatibilities(official: inspect.Signature, ours: inspect.Signature) -> list[str]:
    problems = []
    our_params = ours.parameters
    for param in official.parameters.values():
        mine = our_params.get(param.name)
        if mine is None:
            has_var = any(p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in our_params.values())
            if not (has_var and param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL)):
                problems.append(f"missing parameter {param.name!r}")
            continue
        if mine.kind != param.kind:
            problems.append(f"{param.name!r} is {mine.kind.description}, official {param.kind.description}")
        if mine.default != param.default:
            problems.append(f"{param.name!r} defaults to {mine.default!r}, official {param.default!r}")
    official_order = [p for p in official.parameters if p in our_params]
    if [p for p in our_params if p in official.parameters] != official_order:
        problems.append("parameters are in a different order")
    for name, param in our_params.items():
        if name in official.parameters or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.default is inspect.Parameter.empty:
            problems.append(f"extra required parameter {name!r}")
    return problems


def _surface_report() -> dict[tuple[str, str], str]:
    report: dict[tuple[str, str], str] = {}
    for class_name in CLIENT_CLASSES:
        official_cls, our_cls = getattr(tinker, class_name), getattr(tinkex, class_name)
        for name in _public_methods(official_cls):
            key = (class_name, name)
            if key in INSTANCE_ATTRIBUTES:
                continue
            if not hasattr(our_cls, name):
                report[key] = "missing"
                continue
            official_attr, ours = getattr(official_cls, name), getattr(our_cls, name)
            if not callable(official_attr):
                continue
            if _is_async(official_attr) != _is_async(ours):
                report[key] = "sync/async differs"
                continue
            try:
                official_sig = inspect.signature(official_attr)
            except (TypeError, ValueError):
                continue
            problems = _incompatibilities(official_sig, inspect.signature(ours))
            if problems:
                report[key] = "; ".join(problems)
    return report


def test_client_methods_match_the_official_sdk() -> None:
    # covers SVC-*, TRN-*, SMP-*, REST-* (names, parameter names, kinds and defaults)
    report = _surface_report()
    unexpected = {
        key: problem
        for key, problem in report.items()
        if not (problem == "missing" and key in MISSING_METHODS) and key not in DIFFERENT_SIGNATURES
    }
    assert unexpected == {}


def test_documented_differences_are_still_real() -> None:
    # A difference that was fixed must leave the list, so the list stays the truth.
    report = _surface_report()
    stale_missing = sorted(k for k in MISSING_METHODS if report.get(k) != "missing")
    stale_signatures = sorted(k for k in DIFFERENT_SIGNATURES if k not in report)
    assert stale_missing == [] and stale_signatures == []


def test_instance_attributes_exist() -> None:
    # ServiceClient() sends nothing until first used, so an unreachable URL is fine here.
    service = tinkex.ServiceClient(base_url="http://127.0.0.1:9", api_key="tml-surface-check")
    try:
        for class_name, name in INSTANCE_ATTRIBUTES:
            assert class_name == "ServiceClient"
            assert getattr(service, name) is not None
    finally:
        service.close().result(timeout=30)


def test_async_variants_are_coroutines() -> None:
    # covers REST-21 and the `_async` rows: every `<name>_async` tinkex has is a coroutine function
    for class_name in CLIENT_CLASSES:
        cls = getattr(tinkex, class_name)
        for name in _public_methods(cls):
            if name.endswith("_async"):
                assert _is_async(getattr(cls, name)), f"{class_name}.{name}"  # behind the deprecation wrapper
