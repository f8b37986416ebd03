"""End-to-end secret scan of the CLI and of what tests/integration/runtime/test_secrets.py does
not reach (covers CFG-15, CFG-16, CFG-19, HTTP-23, CLI-16, CLI-18, TEL-16).

That test already scans the SDK's logs, reprs, errors and telemetry during a failing
workflow behind a real proxy. This one adds:

* the ``tinkex`` CLI, with the key given as ``--api-key`` and the Cloudflare secret and proxy
  password in the environment, debug logging, header dumps and telemetry on, for succeeding
  and failing commands, table and ``--format json`` output;
* a training future that fails on the server (category server and user), and the
  ``TrainingClient``/``APIFuture`` reprs;
* configuration errors for malformed proxy URLs that carry a password (hypothesis-generated),
  which used to echo the password when the URL did not parse (fixed in ``tinkex/_http/redact.py``);
* every surface of a failing SDK run's errors (issue 16): ``str``/``repr``/``__dict__``, the
  kept ``request.headers`` and response, the exceptions chained under them, formatted
  tracebacks, pickled errors (bytes and clones), and the reprs of every client and config,
  with a password in ``base_url`` and a ``Cookie`` default header as well.
"""

from __future__ import annotations

import base64
import json
import logging
import pickle
import secrets
import string
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

import tinkex
from tests.integration.runtime._proxy import forward_proxy
from tinkex import types as T
from tinkex._config.env import EnvSnapshot
from tinkex._config.logging_setup import setup_logging
from tinkex.cli import cli
from tinkex.config import resolve_config
from tinkex.errors import TinkexConfigError
from tinkex.server.faults import FaultMatch, FaultRule, FaultWindow, FutureFault, StatusAction

from ._inputs import DETERMINISTIC, own_server, record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["own_server", "record_tally"]


def _token(length: int) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length))


API_KEY = "tml-" + _token(40)
CF_SECRET = "cfsecret" + _token(48)
PROXY_USER = "proxyuser"
PROXY_PASSWORD = "pw-" + _token(24)
URL_PASSWORD = "urlpw" + _token(24)
COOKIE = "cookie" + _token(32)
SECRETS = {
    "api key": API_KEY,
    "cloudflare secret": CF_SECRET,
    "proxy password": PROXY_PASSWORD,
    "proxy basic credentials": base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode(),
    "base_url password": URL_PASSWORD,
    "base_url basic credentials": base64.b64encode(f"user:{URL_PASSWORD}".encode()).decode(),
    "cookie": COOKIE,
}


def _leaks(texts: list[str]) -> set[str]:
    tally("texts scanned for secrets", len(texts))
    return {name for text in texts for name, value in SECRETS.items() if value in text}


class _AllRecords(logging.Handler):
    """Every record of every logger, formatted with its traceback (caplog sees only propagated ones)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def all_logs() -> Iterator[_AllRecords]:
    handler = _AllRecords()
    root = logging.getLogger()
    names = ("tinkex", "httpx", "httpcore")
    levels = {name: logging.getLogger(name).level for name in names}
    root_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    setup_logging("debug")
    yield handler
    root.removeHandler(handler)
    root.setLevel(root_level)
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_cli_never_prints_or_logs_a_secret(
    own_server: Any, all_logs: _AllRecords, caplog: pytest.LogCaptureFixture
) -> None:  # covers CLI-16, CLI-18, CFG-15, CFG-16, CFG-19, HTTP-23, TEL-16
    caplog.set_level(logging.DEBUG)
    faults = own_server.faults
    faults.reset()
    faults.add(
        FaultRule(
            StatusAction(500, headers={"x-should-retry": "false"}), FaultMatch(route="/api/v1/training_runs")
        )
    )
    outputs: list[str] = []
    with forward_proxy() as (proxy_address, proxy_log):
        env = {
            "TINKER_BASE_URL": own_server.base_url,
            "CLOUDFLARE_ACCESS_CLIENT_ID": "client-id.access",
            "CLOUDFLARE_ACCESS_CLIENT_SECRET": CF_SECRET,
            "TINKEX_PROXY": f"http://{PROXY_USER}:{PROXY_PASSWORD}@{proxy_address}",
            "TINKEX_DUMP_HEADERS": "1",
            "TINKER_LOG": "debug",
            "TINKER_TELEMETRY": "1",
        }
        commands = [
            (
                [
                    "run",
                    "sample",
                    "--base-model",
                    "local/byte-tiny",
                    "--prompt",
                    "hi",
                    "--max-tokens",
                    "2",
                    "--json",
                ],
                0,
            ),
            (["run", "sample", "--base-model", "local/byte-tiny", "--prompt", "hi", "--max-tokens", "2"], 0),
            (["checkpoint", "list", "--format", "json"], 0),
            (["run", "list", "--format", "json"], 1),  # the injected 500
            (["run", "list"], 1),
            (["run", "info", "no-such-run", "--format", "json"], 1),  # a 404 user error
            (["checkpoint", "info", "tinker://no-run/weights/none", "--json"], 1),
            (["checkpoint", "info", "tinker://../weights/x"], 1),  # refused before any request
            (["checkpoint", "download", "tinker://no-run/weights/none", "--force"], 1),
        ]
        for args, expected in commands:
            result = CliRunner().invoke(cli, [*args[:2], "--api-key", API_KEY, *args[2:]], env=env)
            tally("cli commands scanned")
            assert result.exit_code == expected, (args, result.output[-500:])
            outputs.append(result.output)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                outputs.append("".join(traceback.format_exception(result.exception)))
        bad_proxy = CliRunner().invoke(
            cli,
            ["checkpoint", "list", "--api-key", API_KEY],
            env={**env, "TINKEX_PROXY": f"http://{PROXY_USER}:{PROXY_PASSWORD}@{proxy_address}:99999"},
        )
        assert bad_proxy.exit_code == 1 and "proxy" in bad_proxy.stderr
        outputs.append(bad_proxy.output)

    # Not vacuous: the proxy carried the traffic with the credentials, headers were dumped,
    # telemetry arrived, and the failures really happened.
    assert proxy_log.proxy_authorizations
    assert any("'X-API-Key': '[REDACTED]'" in line for line in all_logs.lines)
    assert faults.telemetry_payloads()
    assert any("500" in out for out in outputs) and any(
        "404" in out or "not found" in out.lower() for out in outputs
    )

    texts = outputs + all_logs.lines + [json.dumps(faults.telemetry_payloads())]
    texts += [record.getMessage() for record in caplog.records]
    assert not _leaks(texts), f"secrets leaked: {sorted(_leaks(texts))}"
    faults.reset()


def test_failed_futures_and_client_reprs_hold_no_secret(
    own_server: Any, all_logs: _AllRecords
) -> None:  # covers FUT-05, CFG-16, TEL-16
    faults = own_server.faults
    faults.reset()
    service = tinkex.ServiceClient(
        base_url=own_server.base_url,
        api_key=API_KEY,
        cf_access_client_id="client-id.access",
        cf_access_client_secret=CF_SECRET,
        dump_headers=True,
        telemetry_enabled=True,
    )
    texts: list[str] = []
    try:
        training = service.create_lora_training_client(base_model="local/byte-tiny", rank=2).result(
            timeout=120
        )
        datum = T.Datum(
            model_input=T.ModelInput.from_ints([1, 2]),
            loss_fn_inputs={"target_tokens": [2, 3], "weights": [1.0, 1.0]},
        )
        for category in ("server", "user"):
            faults.add(
                FaultRule(
                    FutureFault(fail_with=(f"injected {category} failure", category)),
                    FaultMatch(request_type="forward_backward"),
                    FaultWindow(first_n=5),
                )
            )
            future = training.forward_backward([datum], "cross_entropy")
            texts.append(repr(future))
            with pytest.raises(tinkex.TinkerError) as info:
                future.result(timeout=120)
            error = info.value
            texts += [str(error), repr(error), "".join(traceback.format_exception(error)), repr(future)]
            texts += [repr(getattr(error, "body", None))]
            faults.reset()
        texts += [repr(service), repr(training), repr(service.holder), repr(service.holder.api)]
    finally:
        service.close().result(timeout=60)
    texts += [*all_logs.lines, json.dumps(faults.telemetry_payloads())]
    assert any("injected server failure" in t for t in texts)
    assert not _leaks(texts), f"secrets leaked: {sorted(_leaks(texts))}"


hosts = st.sampled_from(
    ["host", "127.0.0.1", "[::1]", "[::1", "ho st", "", "host:99999", "host:abc", "host:-1"]
)


@DETERMINISTIC
@given(
    scheme=st.sampled_from(["http://", "https://", "ftp://", "", "http:/", "socks5://"]),
    host=hosts,
    suffix=st.sampled_from(["", "/", "/path?password=x", "#frag", " ", "\t"]),
)
def test_malformed_proxy_urls_never_echo_the_password(
    scheme: str, host: str, suffix: str
) -> None:  # covers CFG-19
    url = f"{scheme}{PROXY_USER}:{PROXY_PASSWORD}@{host}{suffix}"
    texts: list[str] = []
    try:
        config = resolve_config(env=EnvSnapshot(), api_key=API_KEY, proxy=url)
        texts.append(repr(config))
    except TinkexConfigError as error:
        assert error.field == "proxy"
        texts += [str(error), repr(error), "".join(traceback.format_exception(error))]
    tally("malformed proxy URLs tried")
    assert not _leaks(texts), (url, texts)


def _request_of(error: BaseException) -> Any:
    try:
        return getattr(error, "request", None)
    except RuntimeError:  # an httpx exception with no request attached
        return None


def _error_surfaces(error: BaseException) -> list[str]:
    """Everything a user, a log handler or a crash reporter can read off an error."""
    texts = ["".join(traceback.format_exception(error))]
    raw = pickle.dumps(error)
    texts.append(raw.decode("latin-1"))
    seen: set[int] = set()
    for err in (error, pickle.loads(raw)):
        current: BaseException | None = err
        while current is not None and id(current) not in seen:  # the whole chain under it
            seen.add(id(current))
            texts += [str(current), repr(current), repr(vars(current))]
            response = getattr(current, "response", None)
            for request in (getattr(current, "_request", None), _request_of(current)):
                if request is not None:
                    texts += [str(request.url), repr(dict(request.headers)), repr(request.headers.raw)]
            if response is not None:
                texts += [repr(dict(response.headers)), repr(response.request.headers.raw)]
            current = current.__cause__ or current.__context__
    tally("error surfaces scanned", len(texts))
    return texts


def test_failing_sdk_run_leaves_no_secret_on_any_error_surface(
    own_server: Any, all_logs: _AllRecords
) -> None:  # covers CFG-15, CFG-16, CFG-19, HTTP-21, HTTP-23
    faults = own_server.faults
    faults.reset()
    faults.add(
        FaultRule(
            StatusAction(500, headers={"x-should-retry": "false"}), FaultMatch(route="/api/v1/training_runs")
        )
    )
    host = own_server.base_url.removeprefix("http://")
    secret_options: dict[str, Any] = {
        "api_key": API_KEY,
        "cf_access_client_id": "client-id.access",
        "cf_access_client_secret": CF_SECRET,
        "default_headers": {"Cookie": f"session={COOKIE}"},
        "dump_headers": True,
        "telemetry_enabled": True,
    }
    errors: list[BaseException] = []
    texts: list[str] = []
    with forward_proxy() as (proxy_address, proxy_log):
        service = tinkex.ServiceClient(
            base_url=f"http://user:{URL_PASSWORD}@{host}",
            proxy=f"http://{PROXY_USER}:{PROXY_PASSWORD}@{proxy_address}",
            **secret_options,
        )
        # Nothing listens on port 9: a connection error, with no retries.
        unreachable = tinkex.ServiceClient(
            base_url=f"http://user:{URL_PASSWORD}@127.0.0.1:9", max_retries=0, **secret_options
        )
        try:
            rest = service.create_rest_client()
            training = service.create_lora_training_client(base_model="local/byte-tiny", rank=2).result(
                timeout=120
            )
            sampler = training.save_weights_and_get_sampling_client("scan").result(timeout=120)
            calls = [
                lambda: rest.list_training_runs().result(timeout=60),  # the injected 500
                lambda: rest.get_training_run("no-such-run").result(timeout=60),  # a 404
                lambda: service.create_lora_training_client(base_model="no/such-model").result(timeout=60),
                lambda: unreachable.create_rest_client().list_checkpoints("run").result(timeout=60),
            ]
            for make_call in calls:
                with pytest.raises(tinkex.TinkerError) as info:
                    make_call()
                errors.append(info.value)
            clients = [
                service,
                rest,
                training,
                sampler,
                unreachable,
                service.holder.config,
                service.holder.api,
            ]
            texts += [text for client in clients for text in (repr(client), str(client))]
        finally:
            service.close().result(timeout=60)
            unreachable.close().result(timeout=60)

    # Not vacuous: the secrets were really sent, and each kind of failure happened.
    assert proxy_log.proxy_authorizations
    kinds = {type(error).__name__ for error in errors}
    assert {"InternalServerError", "NotFoundError"} <= kinds and kinds & {
        "APIConnectionError",
        "APITimeoutError",
    }
    kept = [error for error in errors if getattr(error, "request", None) is not None]
    assert len(kept) == len(errors)
    assert all(error.request.headers["x-api-key"] == "[REDACTED]" for error in kept)  # type: ignore[attr-defined]
    assert all(error.request.headers["cookie"] == "[REDACTED]" for error in kept)  # type: ignore[attr-defined]
    assert any("'X-API-Key': '[REDACTED]'" in line for line in all_logs.lines)

    texts += [text for error in errors for text in _error_surfaces(error)]
    texts += all_logs.lines
    assert not _leaks(texts), f"secrets leaked: {sorted(_leaks(texts))}"
    faults.reset()
