"""The low-level endpoint functions (feature REST-20): every generated ``tinker_openapi``
function, called with ``ServiceClient.api``, runs under tinkex's policy (auth, errors,
retries) against the real local server."""

from __future__ import annotations

import pytest
from tinker_openapi.api.rest import get_training_run, list_training_runs
from tinker_openapi.api.service import get_server_capabilities, healthz

import tinkex


def test_generated_functions_run_with_the_client_policy(service_client: tinkex.ServiceClient) -> None:
    # covers REST-20
    api = service_client.api
    assert healthz.sync(client=api).status == "ok"
    capabilities = get_server_capabilities.sync(client=api)
    assert capabilities.supported_models
    runs = list_training_runs.sync(client=api, limit=5)
    assert isinstance(runs.training_runs, list)
    with pytest.raises(tinkex.NotFoundError):  # a 404 becomes tinkex's error, not a raw response
        get_training_run.sync("no-such-run", client=api)
