"""Reduction of chunked forward/backward metrics (official semantics, protocol §4.4)."""

from __future__ import annotations

import logging
import random
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from tinkex.metrics_reduction import combine_forward_backward_outputs, reduce_chunk_metrics

MASK = 2**64 - 1


def test_every_reduction_with_hand_computed_values() -> None:
    # covers MET-06, MET-07, MET-08, MET-09, MET-10, MET-11
    chunks = [
        ({"loss:sum": 1.5, "acc:mean": 0.5, "peak:max": 3.0, "low:min": 2.0, "gap:slack": 1.0}, 1),
        ({"loss:sum": 2.5, "acc:mean": 0.8, "peak:max": 7.0, "low:min": -4.0, "gap:slack": 3.0}, 3),
    ]

    reduced = reduce_chunk_metrics(chunks)

    assert reduced["loss:sum"] == 4.0
    assert reduced["acc:mean"] == pytest.approx((0.5 * 1 + 0.8 * 3) / 4)  # 0.725, weighted by datums
    assert reduced["peak:max"] == 7.0
    assert reduced["low:min"] == -4.0
    assert reduced["gap:slack"] == pytest.approx(3.0 - (1.0 * 1 + 3.0 * 3) / 4)  # max - weighted mean = 0.5
    assert set(reduced) == {"loss:sum", "acc:mean", "peak:max", "low:min", "gap:slack"}


def test_hash2_sums_integer_parts_masked_to_uint64() -> None:
    # covers MET-11
    assert reduce_chunk_metrics([({"h:hash2": 5.0}, 1), ({"h:hash2": -1.0}, 1)]) == {"h:hash2": 4}
    assert reduce_chunk_metrics([({"h:hash2": 2.0**63}, 1), ({"h:hash2": 2.0**63}, 1)]) == {"h:hash2": 0}
    assert reduce_chunk_metrics([({"h:hash2": 2.9}, 1), ({"h:hash2": 3.7}, 1)]) == {"h:hash2": 5}
    assert reduce_chunk_metrics([({"h:hash2": -3.0}, 1)]) == {"h:hash2": MASK - 2}


def test_hash2_rejects_values_without_an_integer_part() -> None:
    with pytest.raises(ValueError, match="'h:hash2'"):
        reduce_chunk_metrics([({"h:hash2": float("nan")}, 1)])


def test_hash_unordered_is_an_integer_independent_of_chunk_order() -> None:
    # covers MET-11
    def reduce_values(values: list[float]) -> float:
        return reduce_chunk_metrics([({"ids:hash_unordered": v}, 1) for v in values])["ids:hash_unordered"]

    forward = reduce_values([3.0, 1.0, 2.0])
    assert isinstance(forward, int)
    assert forward == reduce_values([2.0, 3.0, 1.0]) == hash((1, 2, 3))
    assert forward != reduce_values([1.0, 2.0, 4.0])
    assert reduce_values([7.9]) == hash((7,))  # one value works; the integer part is hashed


def test_hash_unordered_rejects_values_without_an_integer_part() -> None:
    with pytest.raises(ValueError, match="'ids:hash_unordered'"):
        reduce_chunk_metrics([({"ids:hash_unordered": float("inf")}, 1)])


def test_unique_keeps_every_value_with_numbered_suffixes() -> None:
    # covers MET-10, D-04
    chunks = [({"seed:unique": 7.0}, 1), ({"seed:unique": 9.0}, 2), ({"seed:unique": 7.0}, 1)]

    assert reduce_chunk_metrics(chunks) == {"seed:unique": 7.0, "seed:unique_1": 9.0, "seed:unique_2": 7.0}


@pytest.mark.parametrize("bad_key", ["loss", "a:b:c", ""])
def test_key_without_exactly_one_colon_raises(bad_key: str) -> None:
    with pytest.raises(ValueError, match="exactly one ':'"):
        reduce_chunk_metrics([({bad_key: 1.0}, 1)])


def test_unknown_reduction_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    # covers MET-12, D-05
    with caplog.at_level(logging.DEBUG, logger="tinkex.metrics_reduction"):
        reduced = reduce_chunk_metrics([({"x:median": 1.0, "loss:sum": 1.0}, 1)])
    assert reduced == {"loss:sum": 1.0}
    assert "unknown reduction 'median'" in caplog.text


def test_first_chunk_defines_the_keys_and_partial_keys_are_dropped() -> None:
    # covers MET-06, D-05
    chunks = [
        ({"loss:sum": 1.0, "partial:sum": 5.0}, 1),
        ({"loss:sum": 2.0, "late:sum": 9.0}, 1),
    ]
    assert reduce_chunk_metrics(chunks) == {"loss:sum": 3.0}


def test_zero_total_weight_gives_zero_mean_and_slack() -> None:
    # covers MET-07, MET-09
    chunks = [({"m:mean": 4.0, "s:slack": 4.0}, 0), ({"m:mean": 6.0, "s:slack": 6.0}, 0)]
    assert reduce_chunk_metrics(chunks) == {"m:mean": 0.0, "s:slack": 0.0}


def test_empty_input_and_invalid_datum_counts() -> None:
    assert reduce_chunk_metrics([]) == {}
    with pytest.raises(ValueError, match="chunk 1: datum count"):
        reduce_chunk_metrics([({"a:sum": 1.0}, 1), ({"a:sum": 1.0}, -1)])


def test_combine_concatenates_outputs_and_weights_by_output_count(caplog: pytest.LogCaptureFixture) -> None:
    # covers FUT-13
    first = ("ArrayRecord", [{"logprobs": [0.1]}], {"loss:sum": 1.0, "acc:mean": 1.0})
    second = (
        "OtherRecord",
        [{"logprobs": [0.2]}, {"logprobs": [0.3]}, {"logprobs": [0.4]}],
        {"loss:sum": 2.0, "acc:mean": 0.0},
    )

    with caplog.at_level(logging.WARNING, logger="tinkex.metrics_reduction"):
        output_type, outputs, metrics = combine_forward_backward_outputs([first, second])

    assert output_type == "ArrayRecord"
    assert outputs == [{"logprobs": [0.1]}, {"logprobs": [0.2]}, {"logprobs": [0.3]}, {"logprobs": [0.4]}]
    assert metrics == {"loss:sum": 3.0, "acc:mean": 0.25}  # (1*1 + 0*3) / 4
    assert "'ArrayRecord'" in caplog.text and "OtherRecord" in caplog.text


def test_combine_with_matching_types_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="tinkex.metrics_reduction"):
        combine_forward_backward_outputs([("T", [1], {}), ("T", [2], {})])
    assert caplog.text == ""


def test_combine_rejects_an_empty_list() -> None:
    # covers FUT-13
    with pytest.raises(ValueError, match="empty"):
        combine_forward_backward_outputs([])


_values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_values, _values, _values, _values), min_size=1, max_size=6), st.randoms())
def test_sum_min_max_hash2_do_not_depend_on_chunk_order(
    rows: list[tuple[float, ...]], rnd: random.Random
) -> None:
    # covers MET-08, MET-11
    chunks = [({"s:sum": a, "lo:min": b, "hi:max": c, "h:hash2": d}, 1) for a, b, c, d in rows]
    shuffled = list(chunks)
    rnd.shuffle(shuffled)

    original, permuted = reduce_chunk_metrics(chunks), reduce_chunk_metrics(shuffled)

    assert permuted["lo:min"] == original["lo:min"]
    assert permuted["hi:max"] == original["hi:max"]
    assert permuted["h:hash2"] == original["h:hash2"]
    assert permuted["s:sum"] == pytest.approx(original["s:sum"], abs=1e-6)


_metric_names = st.sampled_from(
    ["loss:sum", "a:mean", "b:min", "c:max", "d:slack", "e:hash2", "f:unique", "g:p90"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.dictionaries(_metric_names, _values, max_size=8), st.integers(min_value=1, max_value=5)),
        min_size=1,
        max_size=5,
    )
)
def test_matches_the_official_sdk(chunks: list[tuple[dict[str, float], int]]) -> None:
    # covers D-04, D-05, D-06: the official reduction is the reference
    import tinker.lib.chunked_fwdbwd_helpers as helpers
    import tinker.types as tinker_types

    official_inputs: list[Any] = [
        tinker_types.ForwardBackwardOutput(loss_fn_output_type="T", metrics=m, loss_fn_outputs=[{}] * n)
        for m, n in chunks
    ]

    official = helpers.combine_fwd_bwd_output_results(official_inputs)
    empty: dict[str, Any] = {}
    output_type, outputs, metrics = combine_forward_backward_outputs(
        [("T", [empty] * n, m) for m, n in chunks]
    )
    assert output_type == official.loss_fn_output_type

    assert metrics == official.metrics
    assert len(outputs) == len(official.loss_fn_outputs)
