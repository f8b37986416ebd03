"""NOT_GIVEN / OMIT sentinels and the request-body transform (features HTTP-31, HTTP-32; theme T-22)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import pickle
from typing import Any

import pytest

from tinkex._http.transform import NOT_GIVEN, OMIT, NotGiven, Omit, is_given, transform


def test_sentinels_are_falsy_singletons_with_readable_reprs() -> None:
    # covers HTTP-31
    assert not NOT_GIVEN
    assert not OMIT
    assert NotGiven() is NOT_GIVEN
    assert Omit() is OMIT
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert repr(OMIT) == "OMIT"
    assert len({id(NOT_GIVEN), id(OMIT)}) == 2
    assert pickle.loads(pickle.dumps(NOT_GIVEN)) is NOT_GIVEN
    assert pickle.loads(pickle.dumps(OMIT)) is OMIT


def test_is_given_separates_sentinels_from_none_and_falsy_values() -> None:
    # covers HTTP-31
    assert not is_given(NOT_GIVEN)
    assert not is_given(OMIT)
    values: list[object] = [None, 0, False, "", []]
    for value in values:
        assert is_given(value)


def test_transform_drops_sentinels_but_keeps_none_by_default() -> None:
    # covers HTTP-31
    body = {"a": NOT_GIVEN, "b": OMIT, "c": None, "d": {"e": NOT_GIVEN, "f": 1}, "g": [1, OMIT, None]}
    assert transform(body) == {"c": None, "d": {"f": 1}, "g": [1, None]}


class Color(enum.Enum):
    RED = "red"


def test_transform_stringifies_keys_recursively() -> None:
    # covers HTTP-31
    body: dict[Any, Any] = {1: "one", Color.RED: {2: [{3: True}]}}
    assert transform(body) == {"1": "one", "red": {"2": [{"3": True}]}}


def test_aliases_rename_keys_at_every_depth() -> None:
    # covers HTTP-31
    body = {"format_": "png", "inner": {"format_": "jpeg", "keep": 1}}
    assert transform(body, aliases={"format_": "format"}) == {
        "format": "png",
        "inner": {"format": "jpeg", "keep": 1},
    }


def test_iso8601_formatter_and_callable_formatter() -> None:
    # covers HTTP-31
    when = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    local = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    body = {"created": when, "local": local, "day": dt.date(2025, 1, 2), "n": 3, "already": "text"}
    out = transform(
        body,
        formats={
            "created": "iso8601",
            "local": "iso8601",
            "day": "iso8601",
            "n": lambda v: v * 10,
            "already": "iso8601",
        },
    )
    assert out == {
        "created": "2025-01-02T03:04:05Z",
        "local": "2025-01-02T03:04:05+02:00",
        "day": "2025-01-02",
        "n": 30,
        "already": "text",
    }


def test_formatter_is_keyed_by_the_original_key_and_aliases_apply_after() -> None:
    # covers HTTP-31
    out = transform(
        {"expires": dt.date(2030, 5, 6)}, aliases={"expires": "expires_at"}, formats={"expires": "iso8601"}
    )
    assert out == {"expires_at": "2030-05-06"}


def test_unknown_formatter_names_the_key() -> None:
    # covers HTTP-31
    with pytest.raises(ValueError, match=r"formats\['when'\].*'rfc822'"):
        transform({"when": 1}, formats={"when": "rfc822"})  # type: ignore[dict-item]


def test_drop_none_keeps_false_and_zero() -> None:
    # covers HTTP-31 (drop-nil mode keeps false and 0)
    body = {"a": None, "b": False, "c": 0, "d": "", "e": {"f": None, "g": 0.0}, "h": [None, 1]}
    assert transform(body, drop_none=True) == {"b": False, "c": 0, "d": "", "e": {"g": 0.0}, "h": [None, 1]}


class _Model:
    """Stands in for an attrs/generated model: transform converts it through to_dict()."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def to_dict(self) -> dict[str, Any]:
        return dict(self.fields)


def test_sample_request_body_omits_nil_prompt_logprobs_on_the_wire() -> None:
    # covers HTTP-32: asample drops nil fields (the server rejects null) but keeps false/0
    params = _Model(max_tokens=16, seed=None, temperature=1.0, stop=NOT_GIVEN)
    body = {
        "sampling_session_id": "s:sample:0",
        "seq_id": 0,
        "prompt": {"chunks": [{"type": "encoded_text", "tokens": [1, 2]}]},
        "sampling_params": params,
        "num_samples": 1,
        "prompt_logprobs": None,
        "topk_prompt_logprobs": 0,
        "type": "sample",
    }
    wire = json.loads(json.dumps(transform(body, drop_none=True)))
    assert "prompt_logprobs" not in wire
    assert wire["topk_prompt_logprobs"] == 0
    assert wire["sampling_params"] == {"max_tokens": 16, "temperature": 1.0}

    body["prompt_logprobs"] = False
    assert json.loads(json.dumps(transform(body, drop_none=True)))["prompt_logprobs"] is False


def test_transform_leaves_input_untouched_and_scalars_unchanged() -> None:
    # covers HTTP-31
    body = {"a": {"b": NOT_GIVEN}}
    transform(body)
    assert body == {"a": {"b": NOT_GIVEN}}
    assert transform(5) == 5
    assert transform("x") == "x"
    assert transform((1, OMIT, 2)) == [1, 2]
