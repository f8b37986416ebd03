"""Narrowing float64 / uint64 arrays to the wire dtypes is never silent (TYP-11)."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from tinkex.types import TensorData, dtype_from_numpy
from tinkex.types.behaviour import dtypes
from tinkex.types.behaviour.errors import ValidationError


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dtypes, "_warned", set())


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "tinkex.types" and r.levelno == logging.WARNING
    ]


def test_float64_arrays_warn_once_about_precision(caplog: pytest.LogCaptureFixture) -> None:
    # covers TYP-11
    with caplog.at_level(logging.WARNING, logger="tinkex.types"):
        first = TensorData.from_numpy(np.array([0.1, 0.2]))
        TensorData.from_numpy(np.array([0.3]))
    assert first.dtype == "float32"
    assert first.to_numpy().tolist() == np.array([0.1, 0.2], dtype=np.float32).tolist()
    messages = _warnings(caplog)
    assert len(messages) == 1
    assert "float64 -> float32 loses precision" in messages[0]


def test_uint64_arrays_warn_and_too_large_values_are_rejected(caplog: pytest.LogCaptureFixture) -> None:
    # covers TYP-11
    with caplog.at_level(logging.WARNING, logger="tinkex.types"):
        fits = TensorData.from_numpy(np.array([1, 2**62], dtype=np.uint64))
    assert (fits.dtype, fits.data) == ("int64", [1, 2**62])
    assert any("uint64 -> int64 may overflow" in m for m in _warnings(caplog))
    with pytest.raises(ValidationError, match="too large for int64"):
        TensorData.from_numpy(np.array([2**63], dtype=np.uint64))


def test_lossless_dtypes_and_quiet_conversion_do_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    # covers TYP-11
    with caplog.at_level(logging.WARNING, logger="tinkex.types"):
        TensorData.from_numpy(np.array([1.5], dtype=np.float32))
        TensorData.from_numpy(np.array([1, 2], dtype=np.uint32))
        assert dtype_from_numpy(np.float64, warn=False) == "float32"
        TensorData(data=np.array([0.5]), dtype="float32")  # the caller chose float32 explicitly
    assert _warnings(caplog) == []
