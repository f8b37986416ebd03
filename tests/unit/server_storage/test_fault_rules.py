"""Fault rule matching, deterministic windows and the rule JSON of the local server's test hooks."""

from __future__ import annotations

import random

import pytest

from tinkex.server.faults import (
    AcceptThenDropAction,
    DelayAction,
    DropAction,
    FaultInjector,
    FaultMatch,
    FaultRule,
    FaultWindow,
    FutureFault,
    StatusAction,
)

FB = ("POST", "/api/v1/forward_backward", "forward_backward")


def fire_pattern(injector: FaultInjector, count: int, model_id: str | None = None) -> list[bool]:
    return [injector.on_request(*FB, model_id) is not None for _ in range(count)]


def test_first_n_window() -> None:
    injector = FaultInjector()
    injector.add(FaultRule(StatusAction(503), window=FaultWindow(first_n=2)))
    assert fire_pattern(injector, 5) == [True, True, False, False, False]


def test_every_kth_window() -> None:
    injector = FaultInjector()
    injector.add(FaultRule(StatusAction(500), window=FaultWindow(every_k=3)))
    assert fire_pattern(injector, 7) == [False, False, True, False, False, True, False]


def test_seeded_probability_is_deterministic_and_follows_the_seed() -> None:
    def pattern(seed: int) -> list[bool]:
        injector = FaultInjector()
        injector.add(FaultRule(StatusAction(429), window=FaultWindow(probability=0.5, seed=seed)))
        return fire_pattern(injector, 40)

    rng = random.Random(11)
    expected = [rng.random() < 0.5 for _ in range(40)]
    assert pattern(11) == expected == pattern(11)
    assert pattern(12) != expected
    assert 5 < sum(expected) < 35


def test_probability_extremes_and_combined_conditions() -> None:
    injector = FaultInjector()
    injector.add(FaultRule(StatusAction(500), window=FaultWindow(probability=0.0)))
    assert fire_pattern(injector, 10) == [False] * 10
    injector.reset()
    injector.add(FaultRule(StatusAction(500), window=FaultWindow(first_n=4, every_k=2)))
    assert fire_pattern(injector, 6) == [False, True, False, True, False, False]


def test_matching_on_method_route_type_and_model() -> None:
    injector = FaultInjector()
    rule_id = injector.add(
        FaultRule(
            DropAction(),
            FaultMatch(
                method="post", route="/api/v1/forward_*", request_type="forward_backward", model_id="m-*"
            ),
        )
    )
    assert injector.on_request("GET", "/api/v1/forward_backward", "forward_backward", "m-1") is None
    assert injector.on_request("POST", "/api/v1/optim_step", "optim_step", "m-1") is None
    assert injector.on_request(*FB, "other") is None
    assert injector.on_request(*FB, None) is None
    fault = injector.on_request(*FB, "m-1")
    assert fault is not None and fault.rule_id == rule_id and isinstance(fault.action, DropAction)
    assert injector.wants_model_id(*FB)
    assert not injector.wants_model_id("POST", "/api/v1/optim_step", "optim_step")


def test_first_firing_rule_wins_and_later_rules_count_only_what_reaches_them() -> None:
    injector = FaultInjector()
    first = injector.add(FaultRule(StatusAction(503), window=FaultWindow(first_n=1)))
    second = injector.add(FaultRule(DelayAction(0.01), window=FaultWindow(first_n=1)))
    chosen = [injector.on_request(*FB, None) for _ in range(3)]
    assert [fault.rule_id if fault else None for fault in chosen] == [first, second, None]
    rules = {rule["rule_id"]: rule for rule in injector.stats()["rules"]}
    assert (rules[first]["matched"], rules[first]["fired"]) == (3, 1)
    assert (rules[second]["matched"], rules[second]["fired"]) == (2, 1)


def test_future_faults_are_separate_from_request_faults() -> None:
    injector = FaultInjector()
    fault = FutureFault(try_again_count=2, queue_state="paused_capacity", fail_with=("boom", "user"))
    injector.add(FaultRule(fault, FaultMatch(request_type="optim_step"), FaultWindow(first_n=1)))
    assert injector.on_request("POST", "/api/v1/optim_step", "optim_step", None) is None
    assert injector.on_future("forward_backward", "m") is None
    assert injector.on_future("optim_step", "m") == fault
    assert injector.on_future("optim_step", "m") is None
    with pytest.raises(ValueError, match="match: future faults"):
        FaultRule(FutureFault(), FaultMatch(route="/api/v1/*"))


def test_stats_count_routes_types_and_dedupe_and_reset_clears() -> None:
    injector = FaultInjector()
    injector.add(FaultRule(StatusAction(500)))
    for _ in range(3):
        injector.record("POST /api/v1/forward_backward", "forward_backward")
    injector.record("GET /api/v1/healthz")
    injector.record_dedupe("forward_backward")
    stats = injector.stats()
    assert stats["requests"] == {"POST /api/v1/forward_backward": 3, "GET /api/v1/healthz": 1}
    assert stats["request_types"] == {"forward_backward": 3}
    assert stats["dedupe_hits"] == 1 and stats["dedupe_hits_by_type"] == {"forward_backward": 1}
    assert injector.clear() == 1
    assert injector.stats()["requests"]  # clear keeps counters
    injector.reset()
    assert injector.stats() == {
        "requests": {},
        "request_types": {},
        "dedupe_hits": 0,
        "dedupe_hits_by_type": {},
        "rules": [],
    }


def test_rule_json_builds_every_action() -> None:
    status = FaultRule.from_json(
        {
            "match": {"method": "POST", "route": "/api/v1/asample", "model_id": "m"},
            "window": {"every_k": 2},
            "action": {"type": "status", "status": 429, "headers": {"retry-after-ms": "5"}, "body": {"x": 1}},
        }
    )
    assert status == FaultRule(
        StatusAction(429, {"retry-after-ms": "5"}, {"x": 1}),
        FaultMatch(method="POST", route="/api/v1/asample", model_id="m"),
        FaultWindow(every_k=2),
    )
    assert FaultRule.from_json({"action": {"type": "delay", "delay_s": 1}}).action == DelayAction(1.0)
    assert FaultRule.from_json({"action": {"type": "drop", "partial_body": "{"}}).action == DropAction(b"{")
    assert FaultRule.from_json({"action": {"type": "accept_then_drop"}}).action == AcceptThenDropAction()
    future = FaultRule.from_json(
        {
            "match": {"request_type": "sample"},
            "window": {"probability": 0.25, "seed": 9},
            "action": {
                "type": "future",
                "try_again_count": 3,
                "queue_state": "paused_rate_limit",
                "queue_state_reason": "slow down",
                "complete_delay_s": 0.5,
                "fail_with": {"error": "bad input", "category": "user"},
                "retry_after_ms": 25,
            },
        }
    )
    assert future.action == FutureFault(3, "paused_rate_limit", "slow down", 0.5, ("bad input", "user"), 25)
    assert future.window == FaultWindow(probability=0.25, seed=9)


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ([], "rule"),
        ({}, "action"),
        ({"action": {"type": "explode"}}, "action.type"),
        ({"action": {"type": "status"}}, "action.status"),
        ({"action": {"type": "status", "status": 200}}, "action.status"),
        ({"action": {"type": "status", "status": "500"}}, "action.status"),
        ({"action": {"type": "delay", "delay_s": -1}}, "action.delay_s"),
        ({"action": {"type": "drop"}, "window": {"first_n": 0}}, "window.first_n"),
        ({"action": {"type": "drop"}, "window": {"every_k": 0}}, "window.every_k"),
        ({"action": {"type": "drop"}, "window": {"probability": 1.5}}, "window.probability"),
        ({"action": {"type": "drop"}, "window": {"first": 1}}, "window"),
        ({"action": {"type": "drop"}, "match": {"path": "/x"}}, "match"),
        ({"action": {"type": "future", "fail_with": {"category": "cosmic"}}}, "action.fail_with.category"),
        ({"action": {"type": "future", "try_again_count": -1}}, "action.try_again_count"),
        ({"action": {"type": "future", "retry_after_ms": -5}}, "action.retry_after_ms"),
        ({"action": {"type": "status", "status": 500, "headers": {"a": 1}}}, "action.headers.a"),
    ],
)
def test_bad_rule_json_names_the_field(spec: object, field: str) -> None:
    with pytest.raises(ValueError) as caught:
        FaultRule.from_json(spec)
    assert str(caught.value).startswith(f"{field}:")
