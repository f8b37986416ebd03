"""The observed protocol payloads (data/protocol_payloads.json) and what a round trip must keep.

A generated model's ``to_dict()`` is the wire form the SDK sends: every value the payload
carried, plus the defaults the official SDK always sends, minus nulls of optional fields
(absent and null mean the same on this protocol, protocol.md 1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PAYLOADS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).resolve().parent / "data" / "protocol_payloads.json").read_text(encoding="utf-8")
)


def kept(payload: Any, wire: Any, where: str = "$") -> list[str]:
    """Where ``wire`` lost or changed a value of ``payload`` (empty when nothing was lost)."""
    if isinstance(payload, dict):
        if not isinstance(wire, dict):
            return [f"{where}: {wire!r} is not an object"]
        problems: list[str] = []
        for key, value in payload.items():
            if value is None:
                continue  # a null optional may be dropped
            if key not in wire:
                problems.append(f"{where}.{key}: dropped")
            else:
                problems += kept(value, wire[key], f"{where}.{key}")
        return problems
    if isinstance(payload, list):
        if not isinstance(wire, list) or len(wire) != len(payload):
            return [f"{where}: {wire!r} != {payload!r}"]
        return [
            p for i, (a, b) in enumerate(zip(payload, wire, strict=True)) for p in kept(a, b, f"{where}[{i}]")
        ]
    if type(payload) is int and type(wire) is float and payload == wire:
        return []  # a whole number in a float field is written as a float
    if payload != wire or type(payload) is not type(wire):
        return [f"{where}: {wire!r} != {payload!r}"]
    return []


def as_read(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the SDK reads it: a failure's ``category`` in any case or an unknown one is
    the official category value (``"USER"`` is ``"user"``, ``"quota"`` is ``"unknown"``)."""
    if name == "RequestFailedResponse":
        category = str(payload["category"]).lower()
        return {**payload, "category": category if category in ("user", "server") else "unknown"}
    return payload
