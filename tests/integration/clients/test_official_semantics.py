"""Official 0.38 semantics (issue 17): deprecation warnings in the same places and categories,
ephemeral ``name=``, ``record_stability_info``, isinstance of the backcompat futures, and the
exception type of an unknown loss."""

from __future__ import annotations

import ast
import concurrent.futures
import inspect
import warnings
from pathlib import Path

import pytest
import tinker

import tinkex
from tinkex._compat.deprecations import OFFICIAL_DEPRECATIONS

from ._helpers import MODEL, text_datum

pytestmark = pytest.mark.server


def _official_deprecated_methods() -> dict[str, set[str]]:
    """Every method the installed official SDK decorates with ``@deprecated``, per class."""
    folder = Path(inspect.getfile(tinker)).parent / "lib" / "public_interfaces"
    found: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        if path.name.startswith("backcompat"):
            continue  # the future wrappers: every method there forwards, deprecated (tested below)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                        isinstance(d, ast.Call) and getattr(d.func, "id", None) == "deprecated"
                        for d in item.decorator_list
                    ):
                        found.setdefault(node.name, set()).add(item.name)
    return found


def test_the_deprecation_list_is_the_official_one() -> None:
    # covers the official FutureWarnings: the same methods, no more, no fewer
    official = _official_deprecated_methods()
    assert {cls: set(methods) for cls, methods in OFFICIAL_DEPRECATIONS.items()} == official


def test_deprecated_methods_warn_with_the_official_category(
    service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    with pytest.warns(FutureWarning, match=r"ServiceClient\.create_rest_client"):
        rest = service_client.create_rest_client()
    with pytest.warns(FutureWarning, match=r"TrainingClient\.load_state\(\)"):
        future = training_client.load_state("tinker://nowhere/weights/none")
    future.future().cancel()
    with pytest.warns(FutureWarning, match=r"TrainingClient\.get_info_async"):
        coroutine = training_client.get_info_async()
    coroutine.close()
    with pytest.warns(FutureWarning, match=r"RestClient\.list_training_runs_async"):
        coroutine = rest.list_training_runs_async()
    coroutine.close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the sync method, built on its _async twin, does not warn
        rest.list_training_runs().result(timeout=60)
    with pytest.warns(DeprecationWarning, match="loss_type_input"):
        training_client.forward_backward_custom(
            [text_datum("x y")], lambda d, lps: sum(lp.sum() for lp in lps), loss_type_input="logprobs"
        ).result(timeout=120)
    with pytest.warns(FutureWarning, match="ignores arguments"):
        tinkex.ServiceClient(base_url="http://127.0.0.1:9", api_key="tml-semantics-0123456789", bogus=1)


def test_name_is_ignored_and_the_snapshot_is_ephemeral(
    local_server: object, training_client: tinkex.TrainingClient
) -> None:
    rest = tinkex.RestClient(base_url=local_server.base_url, api_key="tml-semantics-0123456789")  # type: ignore[attr-defined]
    with pytest.warns(DeprecationWarning, match="name"):
        sampler = training_client.save_weights_and_get_sampling_client(name="step-1").result(timeout=120)
    assert isinstance(sampler, tinkex.SamplingClient)
    checkpoints = rest.list_checkpoints(training_client.model_id).result(timeout=60).checkpoints
    assert [c for c in checkpoints if "step-1" in c.tinker_path] == []


def test_record_stability_info_reaches_the_sample_request(training_client: tinkex.TrainingClient) -> None:
    sampler = training_client.save_weights_and_get_sampling_client(record_stability_info=True).result(
        timeout=120
    )
    assert sampler._record_stability_info is True
    created = training_client.create_sampling_client(
        training_client.save_weights_for_sampler("stable").result(timeout=120).path,
        record_stability_info=True,
    ).result(timeout=120)
    assert created._record_stability_info is True


def test_backcompat_futures_are_instances_like_the_official_ones(
    service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    training_future = service_client.create_lora_training_client(MODEL, rank=4)
    assert isinstance(training_future, tinkex.APIFuture) and isinstance(
        training_future, tinkex.TrainingClient
    )
    sampler_future = training_client.save_weights_and_get_sampling_client()
    assert isinstance(sampler_future, tinkex.APIFuture) and isinstance(sampler_future, tinkex.SamplingClient)
    with pytest.warns(FutureWarning, match="result"):
        assert sampler_future.get_base_model() == MODEL  # forwarded to the real client
    assert not isinstance(training_future.result(timeout=120), tinkex.APIFuture)
    official = tinker.lib.public_interfaces.backcompat_sampling_client_future.BackcompatSamplingClientFuture
    assert issubclass(official, tinker.APIFuture) and issubclass(official, tinker.SamplingClient)
    assert not isinstance(sampler_future, concurrent.futures.Future)  # nor is the official one


def test_an_unknown_loss_is_a_bad_request_error_from_the_future(
    training_client: tinkex.TrainingClient,
) -> None:
    future = training_client.forward_backward([text_datum("a b")], "not_a_loss")  # type: ignore[arg-type]
    with pytest.raises(tinkex.BadRequestError, match="loss_fn") as caught:
        future.result(timeout=60)
    assert isinstance(caught.value, ValueError) and caught.value.status_code == 400
    # Nothing was reserved: the next step runs at once.
    training_client.forward_backward([text_datum("a b")], "cross_entropy").result(timeout=120)
