"""No secret ever leaves in logs, reprs, exceptions or telemetry (features CFG-15, CFG-16, CFG-19,
HTTP-23, DESIGN §5), while debug logging and header dumps are on and requests fail.

The proxy is real: a loopback forward proxy relays every request, so the proxy credentials are
actually used (D-14: the proxy applies to every pool) and can be checked for leaks afterwards.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import string
import traceback
from collections.abc import Iterator
from typing import Any

import pytest

import tinkex
from tinkex._config.logging_setup import setup_logging
from tinkex.server.faults import FaultInjector

from ._proxy import forward_proxy
from .conftest import CAPABILITIES_ROUTE, MODEL, status_rule


def _token(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


API_KEY = "tml-" + _token(string.ascii_letters + string.digits, 40)
CF_SECRET = "cfsecret" + _token(string.hexdigits.lower(), 56)
PROXY_USER = "proxyuser"
PROXY_PASSWORD = "pw-" + _token(string.ascii_letters + string.digits, 24)
PROXY_BASIC = base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
SECRETS = {
    "api key": API_KEY,
    "cloudflare secret": CF_SECRET,
    "proxy password": PROXY_PASSWORD,
    "proxy basic credentials": PROXY_BASIC,
}


@pytest.fixture
def debug_logging() -> Iterator[None]:
    """``TINKER_LOG=debug`` semantics for the test, then the previous levels back."""
    names = ("tinkex", "httpx")
    before = {name: logging.getLogger(name).level for name in names}
    setup_logging("debug")
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


def _leaks(text: str) -> list[str]:
    return [name for name, value in SECRETS.items() if value in text]


def test_no_secret_leaks_anywhere_during_a_failing_workflow(
    local_server: Any, faults: FaultInjector, caplog: pytest.LogCaptureFixture, debug_logging: None
) -> None:
    # covers CFG-15, CFG-16, CFG-19, HTTP-23, HTTP-21, TEL-16, D-14
    caplog.set_level(logging.DEBUG)  # every logger, all levels
    texts: list[str] = []
    errors: list[BaseException] = []
    faults.add(status_rule(CAPABILITIES_ROUTE, 500, first_n=2, retry_after_ms="10"))
    faults.add(status_rule("/api/v1/samplers/*", 500, x_should_retry="false"))

    with forward_proxy() as (proxy_address, proxy_log):
        client = tinkex.ServiceClient(
            base_url=local_server.base_url,
            api_key=API_KEY,
            cf_access_client_id="client-id.access",
            cf_access_client_secret=CF_SECRET,
            proxy=f"http://{PROXY_USER}:{PROXY_PASSWORD}@{proxy_address}",
            dump_headers=True,
            telemetry_enabled=True,
        )
        try:
            client.get_server_capabilities()  # two injected 500s, retried
            sampler = client.create_sampling_client(base_model=MODEL).result(timeout=60)
            rest = client.create_rest_client()
            with pytest.raises(tinkex.NotFoundError) as not_found:  # a user error
                rest.get_training_run("no-such-run").result(timeout=60)
            errors.append(not_found.value)
            with pytest.raises(tinkex.InternalServerError) as server_error:  # a server error
                rest.get_sampler(sampler.sampling_session_id).result(timeout=60)
            errors.append(server_error.value)
            with pytest.raises(tinkex.TinkexValidationError) as invalid:
                client.create_sampling_client(model_path="not-a-tinker-path").result(timeout=60)
            errors.append(invalid.value)
            texts += [
                repr(client),
                repr(client.config),
                repr(rest),
                repr(sampler),
                repr(client.holder.api),
                repr(client.holder.api.transport),
                # each pool's client with its transports and proxy mounts, as a debugger shows them
                *(repr(vars(pool)) for pool in client.holder.api.transport._pools.values()),
            ]
        finally:
            client.close().result(timeout=60)

    # The proxy really carried the traffic, with the credentials taken out of its URL.
    assert proxy_log.proxy_authorizations and set(proxy_log.proxy_authorizations) == {f"Basic {PROXY_BASIC}"}
    assert any(target.endswith(CAPABILITIES_ROUTE) for target in proxy_log.targets)
    assert not any(PROXY_PASSWORD in target for target in proxy_log.targets)

    for error in errors:
        texts += [str(error), repr(error), "".join(traceback.format_exception(error))]
        texts += [repr(getattr(error, "body", None)), repr(getattr(error, "request", None))]
    for record in caplog.records:
        texts.append(record.getMessage())
        if record.exc_info:
            texts.append("".join(traceback.format_exception(*record.exc_info)))
    payloads = faults.telemetry_payloads()
    texts.append(json.dumps(payloads))

    # Not vacuous: dumps, retries, failures and telemetry all happened and were captured.
    dumps = [
        r.getMessage()
        for r in caplog.records
        if r.name == "tinkex.http" and r.getMessage().startswith("HTTP ")
    ]
    assert dumps and all("'X-API-Key': '[REDACTED]'" in line for line in dumps)
    assert all("'CF-Access-Client-Secret': '[REDACTED]'" in line for line in dumps)
    assert any("retrying (" in r.getMessage() for r in caplog.records)
    assert any(p["session_id"] == client.holder.session_id for p in payloads)

    leaked = {name for text in texts for name in _leaks(text)}
    assert not leaked, f"secrets leaked: {sorted(leaked)}"
