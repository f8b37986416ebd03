"""Every endpoint of protocol.md section 3 is in the spec, and the spec has nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def _listed_endpoints() -> list[str]:
    lines = (DATA_DIR / "protocol_endpoints.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _spec_endpoints(spec: dict[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in HTTP_METHODS
        if method in item
    }


def test_endpoint_list_has_no_duplicates() -> None:
    listed = _listed_endpoints()
    assert len(listed) == len(set(listed))
    assert len(listed) >= 49


def test_every_protocol_endpoint_is_in_the_spec(spec: dict[str, Any]) -> None:
    # covers T-05
    missing = set(_listed_endpoints()) - _spec_endpoints(spec)
    assert not missing, f"protocol endpoints missing from openapi/tinker.yaml: {sorted(missing)}"


def test_spec_has_no_operation_outside_the_protocol(spec: dict[str, Any]) -> None:
    # covers T-05
    extra = _spec_endpoints(spec) - set(_listed_endpoints())
    assert not extra, f"operations not in protocol.md section 3: {sorted(extra)}"


def test_checkpoint_id_is_split_into_kind_and_name(spec: dict[str, Any]) -> None:
    # protocol.md 3.6: `weights/<name>` holds a slash; the spec keeps the wire URL identical.
    kind = spec["components"]["schemas"]["CheckpointKind"]
    assert kind["enum"] == ["weights", "sampler_weights", "external_weights"]
    checkpoint_paths = [p for p in spec["paths"] if "/checkpoints/{checkpoint_kind}/{checkpoint_name}" in p]
    assert len(checkpoint_paths) == 5
