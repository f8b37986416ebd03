"""Server-side tinker path grammar (the checkpoint addresses REST-05..REST-17 use)."""

from __future__ import annotations

import pytest

from tinkex.server.tinker_path import (
    TinkerPathError,
    format_tinker_path,
    parse_checkpoint_id,
    parse_tinker_path,
    validate_checkpoint_name,
    validate_run_id,
)


def test_parse_round_trips_every_kind() -> None:
    for kind, checkpoint_type in [
        ("weights", "training"),
        ("sampler_weights", "sampler"),
        ("external_weights", "external"),
    ]:
        path = f"tinker://sess-1:train:0/{kind}/step-0001"
        parsed = parse_tinker_path(path)
        assert (parsed.run_id, parsed.kind, parsed.name) == ("sess-1:train:0", kind, "step-0001")
        assert parsed.checkpoint_id == f"{kind}/step-0001"
        assert parsed.checkpoint_type == checkpoint_type
        assert str(parsed) == path == format_tinker_path("sess-1:train:0", kind, "step-0001")


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("run/weights/x", "must start with 'tinker://'"),
        ("tinker://run/weights", "must have the form"),
        ("tinker://run/weights/x/y", "must have the form"),
        ("tinker://run/checkpoints/x", "checkpoint kind 'checkpoints'"),
        ("tinker:///weights/x", "must not be empty"),
        ("tinker://run/weights/", "checkpoint name ''"),
        ("tinker://run/weights/..", "checkpoint name '..'"),
        ("tinker://run/weights/a b", "checkpoint name 'a b'"),
    ],
)
def test_malformed_paths_name_the_field(path: str, fragment: str) -> None:
    with pytest.raises(TinkerPathError) as caught:
        parse_tinker_path(path)
    assert caught.value.field == "tinker_path"
    assert str(caught.value).startswith("tinker_path: ")
    assert fragment in str(caught.value)


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a\\b", "x" * 129, "naïve", "white space"])
def test_bad_checkpoint_names_are_refused(name: str) -> None:
    with pytest.raises(TinkerPathError, match=r"^path: "):
        validate_checkpoint_name(name)


@pytest.mark.parametrize("name", ["a", "x" * 128, "step-001", "v1.2_final", "..."])
def test_good_checkpoint_names_pass(name: str) -> None:
    assert validate_checkpoint_name(name) == name


@pytest.mark.parametrize("run_id", ["", ".", "..", "a/b", "a\\b", "a\nb", "r" * 201])
def test_bad_run_ids_are_refused(run_id: str) -> None:
    with pytest.raises(TinkerPathError, match=r"^training_run_id: "):
        validate_run_id(run_id)


def test_checkpoint_ids_split_into_kind_and_name() -> None:
    assert parse_checkpoint_id("sampler_weights/final") == ("sampler_weights", "final")
    for bad in ["weights", "weights/a/b", "bogus/a", "weights/.."]:
        with pytest.raises(TinkerPathError, match=r"^checkpoint_id: "):
            parse_checkpoint_id(bad)
