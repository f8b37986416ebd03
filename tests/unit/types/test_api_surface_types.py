"""Every public name of the official ``tinker.types`` exists in ``tinkex.types`` with the same
constructor parameters (names, keyword-only-ness, defaults), so code written for ``tinker``
runs with ``import tinkex as tinker``. Deliberate differences are listed below with a reason.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

import attrs
import pytest
import tinker.types as official

import tinkex.types as ours
from tinkex.types.behaviour.fields import Default

OFFICIAL_NAMES = sorted(
    name
    for name in dir(official)
    if not name.startswith("_") and name != "annotations" and not inspect.ismodule(getattr(official, name))
)

# name -> {parameter: reason}: parameters whose default differs on purpose.
_TAG = "a constant tag defaults to its only value here (the official class makes the caller pass it)"
DEFAULT_DIFFERENCES: dict[str, dict[str, str]] = {
    "HealthResponse": {"status": _TAG},
    "TelemetryResponse": {"status": _TAG},
    "SessionStartEvent": {"event": _TAG},
    "SessionEndEvent": {"event": _TAG},
    "UnhandledExceptionEvent": {"event": _TAG},
    "SampledSequence": {
        "stop_reason": "keyword-only here: the positional order of the official class (numpy fields) differs",
        "sequence_id": "optional here: a JSON reply may lack it (0.38 servers send it in the future's reply)",
    },
    "TensorData": {
        "data": "required here, as in the spec (the official default None means an empty tensor)",
        "dtype": "required here, as in the spec (the official default None raises TypeError)",
    },
}

# name -> {parameter: reason}: official constructor parameters the generated type does not take.
MISSING_PARAMETERS: dict[str, dict[str, str]] = {
    "OptimStepRequest": {
        "optim_params": "the type has the wire fields adam_params / optimizer_params; "
        "TrainingClient.optim_step takes the official optim_params"
    },
    "SampledSequence": {
        name: "built from the wire fields (tokens, logprobs, topk_logprobs); the numpy views are properties"
        for name in (
            "tokens_np",
            "logprobs_np",
            "topk_logprobs_np",
            "_tokens_list",
            "_logprobs_list",
            "_topk_logprobs_list",
        )
    },
    "SampleResponse": {
        name: "built from the wire fields (prompt_logprobs, topk_prompt_logprobs); the numpy views are properties"
        for name in (
            "prompt_logprobs_np",
            "topk_prompt_logprobs_np",
            "_prompt_logprobs_list",
            "_topk_prompt_logprobs_list",
        )
    },
}

# name -> {parameter: reason}: parameters present only on one side.
PARAMETER_DIFFERENCES: dict[str, dict[str, str]] = {
    "TryAgainResponse": {
        "queue_state_reason": "tinkex addition: the server's pause reason (LATER-07)",
        "retry_after_ms": "tinkex addition: server-suggested delay (TYP-38)",
    },
    "ClientConfigResponse": {
        "create_model_via_load_weights": "a flag 0.25 servers send (openapi/tinker.yaml)"
    },
    "SaveWeightsExternalResponse": {"size_bytes": "sent by the service; kept"},
    "SaveWeightsForSamplerResponse": {"sampling_session_id": "sent for unnamed saves; kept"},
    "SampledSequence": {name: "the wire fields" for name in ("tokens", "logprobs", "topk_logprobs")},
    "SampleResponse": {
        name: "the wire fields" for name in ("prompt_logprobs", "topk_prompt_logprobs", "type")
    },
    "OptimStepRequest": {name: "the wire fields" for name in ("adam_params", "optimizer_params")},
}

# name -> reason: the official value is not a class here (alias / union) and ours differs in form.
FORM_DIFFERENCES: dict[str, str] = {
    "OptimizerConfig": "official: AdamOptimizerConfig | an open pydantic base; ours adds Dimuon and keeps "
    "unknown optimizers as a plain dict",
    "OptimParams": "official: AdamParams | an open pydantic base; ours: AdamParams | DimuonParams",
    "FutureRetrieveResponse": "ours also lists SampleResponse, which the poll can return",
}


@pytest.mark.parametrize("name", OFFICIAL_NAMES)
def test_name_exists(name: str) -> None:
    assert hasattr(ours, name), f"tinkex.types lacks {name}"
    assert name in ours.__all__


def _constructor_params(obj: Any) -> dict[str, inspect.Parameter]:
    # ``**extra``: response types keep unknown fields, as pydantic's extra="allow" does.
    return {
        p.name: p
        for p in inspect.signature(obj).parameters.values()
        if p.name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD
    }


def _default_of(param: inspect.Parameter) -> Any:
    default = param.default
    if default is inspect.Parameter.empty:
        return "<required>"
    if isinstance(default, Default):  # the generated types' "not passed" marker shows its value
        default = default.value
    # pydantic/dataclass factories and attrs factories show up differently; compare their product.
    if type(default).__name__ in ("_HAS_DEFAULT_FACTORY_CLASS", "_Nothing"):  # dataclass / attrs factories
        return "<factory>"
    if hasattr(default, "model_dump"):
        return ("model", type(default).__name__, default.model_dump())
    if isinstance(default, (list, dict)):
        return default if default else "<factory>"
    return default


CLASS_NAMES = [n for n in OFFICIAL_NAMES if inspect.isclass(getattr(official, n))]


@pytest.mark.parametrize("name", CLASS_NAMES)
def test_constructor_parameters_match(name: str) -> None:
    theirs_cls = getattr(official, name)
    ours_cls = getattr(ours, name)
    assert inspect.isclass(ours_cls), f"{name} should be a class"
    if theirs_cls is str:  # ModelID, RequestID are plain aliases of str
        assert ours_cls is str
        return
    if issubclass(theirs_cls, str) and hasattr(theirs_cls, "__members__"):  # StrEnum
        assert {m.value for m in theirs_cls} == {m.value for m in ours_cls}
        assert set(theirs_cls.__members__) <= set(ours_cls.__members__)
        return
    theirs = _constructor_params(theirs_cls)
    mine = _constructor_params(ours_cls)
    allowed_extra = PARAMETER_DIFFERENCES.get(name, {})
    assert set(theirs) - set(mine) == set(MISSING_PARAMETERS.get(name, {})), f"{name}: missing parameters"
    assert set(mine) - set(theirs) == set(allowed_extra), f"{name}: extra parameters"
    for pname, param in theirs.items():
        if pname in DEFAULT_DIFFERENCES.get(name, {}) or pname in MISSING_PARAMETERS.get(name, {}):
            continue
        assert param.kind == mine[pname].kind, f"{name}.{pname}: positional/keyword kind differs"
        mine_default = _default_of(mine[pname])
        theirs_default = _default_of(param)
        if theirs_default == "<factory>":
            assert mine_default != "<required>", f"{name}.{pname}: should have a default"
        elif isinstance(theirs_default, tuple):  # a model instance as default: ours uses a factory
            field = attrs.fields_dict(ours_cls)[pname]
            product = field.default.factory()
            assert ("model", type(product).__name__, product.model_dump()) == theirs_default, (
                f"{name}.{pname}"
            )
        else:
            assert mine_default == theirs_default, (
                f"{name}.{pname}: default {mine_default!r} != {theirs_default!r}"
            )


LITERAL_NAMES = [n for n in OFFICIAL_NAMES if typing.get_origin(getattr(official, n)) is typing.Literal]


@pytest.mark.parametrize("name", LITERAL_NAMES)
def test_literal_aliases_have_the_same_values(name: str) -> None:
    assert set(typing.get_args(getattr(official, name))) == set(typing.get_args(getattr(ours, name)))


def test_form_differences_are_still_unions() -> None:
    for name in FORM_DIFFERENCES:
        assert typing.get_args(getattr(ours, name)), name


def test_method_names_match_on_core_types() -> None:
    core = {
        "ModelInput": ["from_ints", "to_ints", "length", "empty", "append", "append_int"],
        "EncodedTextChunk": ["length"],
        "ImageChunk": ["length"],
        "ImageAssetPointerChunk": ["length"],
        "DmelChunk": ["length"],
        "TensorData": [
            "from_numpy",
            "from_torch",
            "from_torch_sparse",
            "to_numpy",
            "to_torch",
            "tolist",
            "data",
        ],
        "Datum": ["with_provenance"],
        "SampledSequence": ["tokens", "logprobs", "topk_logprobs"],
        "SampleResponse": ["prompt_logprobs", "topk_prompt_logprobs"],
        "ParsedCheckpointTinkerPath": ["from_tinker_path"],
        "SaveWeightsResponse": ["get_console_url"],
        "SaveWeightsForSamplerResponse": ["get_console_url", "get_playground_url"],
    }
    for name, methods in core.items():
        for method in methods:
            assert hasattr(getattr(official, name), method), f"official {name}.{method} (test is stale)"
            assert hasattr(getattr(ours, name), method), f"tinkex {name}.{method}"
    for name in CLASS_NAMES:
        if hasattr(getattr(official, name), "model_dump"):
            for method in ("model_dump", "model_dump_json", "model_validate", "model_copy"):
                assert hasattr(getattr(ours, name), method), f"{name}.{method}"
