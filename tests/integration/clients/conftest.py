"""Fixtures of the public-client integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import tinkex

from ._helpers import MODEL


@pytest.fixture
def training_client(service_client: tinkex.ServiceClient) -> Iterator[tinkex.TrainingClient]:
    """A fresh rank-4 LoRA model on the shared server."""
    client = service_client.create_lora_training_client(MODEL, rank=4, seed=0).result(timeout=120)
    yield client
