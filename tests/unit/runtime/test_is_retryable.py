"""The one retryability predicate: ``tinkex.is_retryable`` is the rule every retry loop uses.

Why each row is what it is (also in docs/retries-timeouts-futures.md):

* 408, 429, 5xx, connection errors, timeouts: transient, retried (protocol §7.1).
* 409: retried. protocol §7.1 lists 409 with the retried statuses, and it is safe: every retry
  of a call reuses its idempotency key (a sample its seq_id), so a 409 caused by an earlier
  attempt that was already applied is answered from the server's dedupe index, never applied
  twice (user-asks: 409 means "already applied", not "failed").
* 410: not retried: the resource is gone and the same request gets the same answer. An expired
  future (``FutureExpiredError``, a 410 on a poll) is the exception: the operation is retried by
  submitting it again, which the sampling handler does (protocol §4.2/§7.3).
* 425 and every other 4xx: not retried (protocol §7.1 does not list 425; it concerns TLS early
  data, which tinkex never sends).
* ``x-should-retry: true|false`` from the server overrides every status.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

import tinkex
from tinkex import errors as E
from tinkex._clients.sampling_retry import SamplingRetryHandler
from tinkex._http import retry as R
from tinkex.retry_config import RetryConfig, is_retryable_status_code


def _status(status: int, headers: dict[str, str] | None = None) -> BaseException:
    return E.make_status_error(status, b"", headers or {})


TABLE: list[tuple[str, BaseException, bool]] = [
    ("400", _status(400), False),
    ("401", _status(401), False),
    ("403", _status(403), False),
    ("404", _status(404), False),
    ("408 request timeout", _status(408), True),
    ("409 conflict (idempotent retry)", _status(409), True),
    ("410 gone", _status(410), False),
    ("410 expired future (resubmit)", E.FutureExpiredError("expired", status_code=410), True),
    ("413", _status(413), False),
    ("422", _status(422), False),
    ("425 too early", _status(425), False),
    ("429 rate limited", _status(429), True),
    ("500", _status(500), True),
    ("502", _status(502), True),
    ("503", _status(503), True),
    ("504", _status(504), True),
    ("599", _status(599), True),
    ("x-should-retry true on 400", _status(400, {"x-should-retry": "true"}), True),
    ("x-should-retry true on 410", _status(410, {"X-Should-Retry": "true"}), True),
    ("x-should-retry false on 503", _status(503, {"x-should-retry": "false"}), False),
    ("x-should-retry false on 409", _status(409, {"x-should-retry": " FALSE "}), False),
    ("APIConnectionError", E.APIConnectionError(), True),
    ("APITimeoutError", E.APITimeoutError(), True),
    ("httpx.ConnectError", httpx.ConnectError("refused"), True),
    ("httpx.ReadTimeout", httpx.ReadTimeout("slow"), True),
    ("httpx.RemoteProtocolError", httpx.RemoteProtocolError("closed"), True),
    ("TimeoutError", TimeoutError(), True),
    ("ConnectionResetError", ConnectionResetError(), True),
    ("failed future, category server", E.RequestFailedError("boom", "req-1", "server"), True),
    ("failed future, category user", E.RequestFailedError("bad", "req-1", "user"), False),
    ("TinkexValidationError", E.TinkexValidationError("bad"), False),
    ("a bug (ValueError)", ValueError("bug"), False),
]
IDS = [row[0] for row in TABLE]


@pytest.mark.parametrize(("case", "exc", "retry"), TABLE, ids=IDS)
def test_the_table(case: str, exc: BaseException, retry: bool) -> None:
    # covers HTTP-02, HTTP-06, HTTP-07, HTTP-22, LATER-12
    assert tinkex.is_retryable(exc) is retry, case
    assert R.classify_exception(exc).reason


def test_public_names_are_the_one_predicate() -> None:
    # covers HTTP-22
    assert tinkex.is_retryable is E.is_retryable is R.is_retryable


@pytest.mark.parametrize(("case", "exc", "retry"), TABLE, ids=IDS)
def test_http_loop_retries_exactly_what_the_predicate_allows(
    case: str, exc: BaseException, retry: bool
) -> None:
    # covers HTTP-02
    calls: list[int] = []

    def fail(attempt: int) -> None:
        calls.append(attempt)
        raise exc

    with pytest.raises(type(exc)):
        R.retry_sync(fail, R.RetryPolicy(max_retries=2), sleep=lambda _: None, rand=lambda: 0.0)
    assert len(calls) == (3 if retry else 1), case


@pytest.mark.parametrize(("case", "exc", "retry"), TABLE, ids=IDS)
def test_sampling_handler_uses_the_predicate(case: str, exc: BaseException, retry: bool) -> None:
    # covers SMP-09, LATER-12
    handler = SamplingRetryHandler(RetryConfig(retryable_exceptions=()))
    assert handler.is_retryable(exc) is retry, case


@pytest.mark.parametrize("status", [401, 403, 404, 408, 409, 413, 422, 425, 429, 500, 503])
def test_poll_budget_agrees_outside_its_own_rules(status: int) -> None:
    # covers LATER-24, D-18: only 400 (three tries), 402 (billing pause) and 410 (expired) are
    # the poll loop's own; every other status follows the predicate.
    action = R.PollRetryBudget().on_status(status)
    assert (action.action == "retry") is tinkex.is_retryable(_status(status))
    assert is_retryable_status_code(status) is tinkex.is_retryable(_status(status))


def test_poll_budget_honours_x_should_retry() -> None:
    # covers HTTP-02, D-18
    budget = R.PollRetryBudget()
    assert budget.on_error(_status(503, {"x-should-retry": "false"})).action == "fail"
    assert budget.on_error(_status(404, {"x-should-retry": "true"})).action == "retry"


def test_sampling_resubmits_an_expired_future() -> None:
    # covers LATER-12, SMP-09: a 410 on the poll is retried by sending the whole sample again
    sent: list[int] = []

    async def attempt() -> str:
        sent.append(1)
        if len(sent) == 1:
            raise E.FutureExpiredError("expired", status_code=410)
        return "sampled"

    async def no_sleep(_: float) -> None:
        return None

    handler = SamplingRetryHandler(RetryConfig(), sleep=no_sleep, rand=lambda: 0.5)
    assert asyncio.run(handler.run(attempt)) == "sampled"
    assert len(sent) == 2
