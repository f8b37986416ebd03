"""The fault mixes of the campaign: server fault rules + a proxy schedule + client settings.

Every window is deterministic (every k-th matching request, the first n, or a seeded draw).
Fault counts are bounded so that no single call can exhaust its retry budget on faults alone:
proxy schedules and request rules fault every k-th matching exchange only (k >= 2), so the
retry of a faulted request is the next one on its route and is not faulted by the same rule.

The bounded campaign (part of every ``make test``) stops each of these once every fault kind
has fired twice on each route it names; the long campaign keeps the full counts. Each fault on
a training call adds the SDK's own retry wait (about 0.5 s, a poll 1 s, a stall the client's
timeout) to the run, which does nothing but wait meanwhile; twice per route still shows that a
call recovers again after a recovered fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tinkex.server.faults_rules import (
    AcceptThenDropAction,
    FaultMatch,
    FaultRule,
    FaultWindow,
    FutureFault,
    StatusAction,
)

from ._proxy import ConnectionFault, ProxyMode, ProxySchedule

FORWARD_BACKWARD = "/api/v1/forward_backward"
OPTIM_STEP = "/api/v1/optim_step"
ASAMPLE = "/api/v1/asample"
RETRIEVE_FUTURE = "/api/v1/retrieve_future"
CREATE_SAMPLING_SESSION = "/api/v1/create_sampling_session"

# The stall outlasts the short client timeout of that mix, so stalled calls time out and retry
# (the client's clock starts before the server has even answered, so a small margin is enough).
# Both are short: every stall on a training call adds one of them to the run's length.
STALL_S = 1.5
SHORT_TIMEOUT_S = 1.0
# A server-named wait before the retry (``retry-after-ms``, honoured by the SDK).
SHORT_WAIT = {"retry-after-ms": "20"}
PAUSED_REASON = "injected: the campaign paused this queue"


@dataclass(frozen=True)
class FaultMix:
    name: str
    kinds: tuple[str, ...]
    rules: tuple[FaultRule, ...] = ()
    proxy: tuple[ProxySchedule, ...] = ()
    client: Mapping[str, Any] = field(default_factory=dict)
    # How server dedupe hits relate to training replies the client lost (each lost reply's retry
    # carries its seq_id, so it must be answered from the dedupe index): "exact" - one hit per
    # lost reply and no others; "at_least" - a short client timeout may also time out (and retry)
    # a slow reply; "none" - seeded mixes where a proxy fault may hit a request the server refused.
    dedupe_check: str = "exact"


def _post(route: str, action: Any, window: FaultWindow) -> FaultRule:
    return FaultRule(action=action, match=FaultMatch(method="POST", route=route), window=window)


def _future(request_type: str, action: FutureFault, window: FaultWindow) -> FaultRule:
    return FaultRule(action=action, match=FaultMatch(request_type=request_type), window=window)


def _status(status: int, **headers: str) -> StatusAction:
    return StatusAction(status=status, headers=headers)


def _per_route(faults: tuple[ConnectionFault, ...], long: bool) -> tuple[ProxySchedule, ...]:
    """Faults on every kind of traffic, training POSTs included: each route gets its own count
    (three times as many in the long campaign; in the bounded one, each fault kind twice)."""

    def limit(count: int) -> int:
        return 3 * count if long else min(count, 2 * len(faults))

    return (
        ProxySchedule(faults, every=4, limit=limit(6), route=FORWARD_BACKWARD),
        ProxySchedule(faults, every=5, limit=limit(5), route=OPTIM_STEP),
        ProxySchedule(faults, every=15, limit=limit(8), route=ASAMPLE),
        ProxySchedule(faults, every=40, limit=limit(6), route=RETRIEVE_FUTURE),
        ProxySchedule(faults, every=2, limit=2, route="/api/v1/create_*"),
    )


def bounded_mixes(long: bool) -> list[FaultMix]:
    """The mixes of one campaign; the long campaign injects more faults of each kind."""
    scale = 3 if long else 1

    def every(k: int, *, until: int | None = None) -> FaultWindow:
        """Every k-th matching request (up to the ``until``-th in the long campaign); the bounded
        campaign stops after the second."""
        return FaultWindow(every_k=k, first_n=until if long else 2 * k)

    mixes = [
        FaultMix(
            "proxy_resets",
            ("connection reset before response", "connection reset mid-response"),
            proxy=_per_route(
                (
                    ConnectionFault(ProxyMode.RESET_BEFORE_RESPONSE),
                    ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=40),
                    ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=160),
                ),
                long,
            ),
        ),
        FaultMix(
            "proxy_truncate_stall",
            ("truncated body", "stall past the client timeout"),
            proxy=_per_route(
                (ConnectionFault(ProxyMode.TRUNCATE_BODY), ConnectionFault(ProxyMode.STALL, stall_s=STALL_S)),
                long,
            ),
            client={"timeout": SHORT_TIMEOUT_S},
            dedupe_check="at_least",
        ),
        FaultMix(
            "proxy_garbles",
            ("a reply whose body is not JSON (status and headers intact)",),
            proxy=_per_route((ConnectionFault(ProxyMode.GARBLE_BODY),), long),
        ),
        FaultMix(
            "rate_limits",
            ("429 burst with retry-after-ms", "429 without Retry-After"),
            rules=(
                _post(FORWARD_BACKWARD, _status(429, **SHORT_WAIT), every(3)),
                _post(OPTIM_STEP, _status(429), every(4)),
                # A burst: the first 40 sampling submissions are all pushed back.
                _post(ASAMPLE, _status(429, **{"retry-after-ms": "10"}), FaultWindow(first_n=40 * scale)),
                _post(RETRIEVE_FUTURE, _status(429), every(25, until=600)),
            ),
        ),
        FaultMix(
            "server_errors",
            ("500", "502", "503", "408", "409"),
            # The training POSTs' errors name a short wait (retry-after-ms), which the SDK honours
            # instead of its own 0.5 s back-off: each of them sits on the training run's critical
            # path, and what this mix checks is that they are retried and applied exactly once,
            # not how long the SDK waits. The SDK's own back-off after a status without a wait stays covered
            # here by asample's 502s and by rate_limits' optim_step 429s.
            rules=(
                _post(FORWARD_BACKWARD, _status(500, **SHORT_WAIT), every(5)),
                _post(OPTIM_STEP, _status(503, **SHORT_WAIT), every(6)),
                _post(ASAMPLE, _status(502), every(7)),
                _post(RETRIEVE_FUTURE, _status(408), every(9)),
                _post(RETRIEVE_FUTURE, _status(500), every(11)),
                _post(CREATE_SAMPLING_SESSION, _status(409), FaultWindow(first_n=1)),
                _post(FORWARD_BACKWARD, _status(409, **SHORT_WAIT), every(8)),
            ),
        ),
        FaultMix(
            "try_again_storm",
            (
                "try_again with paused_capacity",
                "try_again with paused_rate_limit",
                "try_again with retry_after_ms",
                "delayed completion",
            ),
            rules=(
                _future(
                    "forward_backward",
                    # retry_after_ms: the server names its wait, which the SDK honours instead of
                    # its 1 s paused-queue default (the samples below keep that default).
                    FutureFault(
                        try_again_count=6,
                        queue_state="paused_capacity",
                        queue_state_reason=PAUSED_REASON,
                        retry_after_ms=20,
                    ),
                    every(2),
                ),
                _future(
                    "optim_step",
                    FutureFault(try_again_count=3, queue_state="paused_rate_limit", retry_after_ms=20),
                    every(3),
                ),
                _future(
                    "sample",
                    FutureFault(try_again_count=2, queue_state="paused_rate_limit", complete_delay_s=0.05),
                    every(4),
                ),
            ),
        ),
        FaultMix(
            "accept_then_drop",
            ("accept-then-drop of forward_backward / optim_step / asample / retrieve_future",),
            rules=(
                _post(FORWARD_BACKWARD, AcceptThenDropAction(), every(3)),
                _post(OPTIM_STEP, AcceptThenDropAction(), every(4)),
                _post(ASAMPLE, AcceptThenDropAction(), every(10)),
                _post(RETRIEVE_FUTURE, AcceptThenDropAction(), every(29)),
            ),
        ),
        FaultMix(
            "failed_future_then_retry",
            ("future fails with category server, the caller retries the whole call",),
            rules=(
                _future(
                    "forward_backward",
                    FutureFault(fail_with=("injected: worker lost", "server")),
                    every(4),
                ),
                _future(
                    "optim_step",
                    FutureFault(fail_with=("injected: worker lost", "server")),
                    every(5),
                ),
                _future(
                    "sample",
                    FutureFault(fail_with=("injected: worker lost", "server")),
                    every(9),
                ),
            ),
        ),
    ]
    if long:
        mixes.append(everything_at_once())
    return mixes


def everything_at_once() -> FaultMix:
    """Long campaign only: every kind at once, each drawn with a seeded probability."""

    def p(probability: float, seed: int) -> FaultWindow:
        return FaultWindow(probability=probability, seed=seed)

    return FaultMix(
        "everything_at_once",
        ("all of the above, seeded probabilities",),
        rules=(
            _post(FORWARD_BACKWARD, AcceptThenDropAction(), p(0.1, 1)),
            _post(FORWARD_BACKWARD, _status(503), p(0.1, 2)),
            _post(OPTIM_STEP, _status(429, **{"retry-after-ms": "15"}), p(0.1, 3)),
            _post(ASAMPLE, _status(502), p(0.05, 4)),
            _post(RETRIEVE_FUTURE, _status(408), p(0.05, 5)),
            _future(
                "forward_backward", FutureFault(try_again_count=3, queue_state="paused_capacity"), p(0.2, 6)
            ),
            _future("optim_step", FutureFault(fail_with=("injected: worker lost", "server")), p(0.1, 7)),
        ),
        proxy=(
            ProxySchedule(
                (
                    ConnectionFault(ProxyMode.RESET_BEFORE_RESPONSE),
                    ConnectionFault(ProxyMode.TRUNCATE_BODY),
                    ConnectionFault(ProxyMode.RESET_MID_RESPONSE, after_bytes=100),
                ),
                every=11,
                limit=40,
            ),
        ),
        dedupe_check="none",
    )
