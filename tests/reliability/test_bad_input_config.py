"""Property-based bad input for configuration (covers CFG-01, CFG-03, CFG-17, CFG-19, CFG-22).

``resolve_config`` gets hypothesis-generated junk for one field at a time (the environment is
replaced by an empty snapshot, so only the junk is judged). Allowed outcomes: a valid
``Config``, or a ``TinkexConfigError`` whose ``field`` is that field.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import given, strategies as st

from tinkex._config.env import EnvSnapshot
from tinkex.config import FIELD_NAMES, Config, resolve_config
from tinkex.errors import TinkexConfigError

from ._inputs import DETERMINISTIC, junk, record_tally, tally

pytestmark = pytest.mark.usefixtures("record_tally")
__all__ = ["record_tally"]

VALID_KEY = "tml-config-fuzz-key-0123456789"
EMPTY_ENV = EnvSnapshot()

# Junk that looks almost right for the URL- and mapping-shaped fields.
near_misses = st.sampled_from(
    [
        "localhost:8000",
        "ftp://host",
        "http://",
        "http://host:99999",
        "http://[::1",
        "http:// space",
        {"x": "a\r\nInjected: 1"},
        {"": "v"},
        {"k": object()},
        [("k",)],
        ("http", "host", 0),
        ("http", "host", "80"),
        {"sampling": 0},
        {"sampling": True},
        "pkg.module",
        "  ",
    ]
)


@DETERMINISTIC
@given(field=st.sampled_from(sorted(FIELD_NAMES - {"api_key"})), value=st.one_of(junk, near_misses))
def test_resolve_config_names_the_bad_field(field: str, value: Any) -> None:  # covers CFG-01, CFG-03
    tally("config values tried")
    logging.getLogger("tinkex.config").disabled = True  # parity_mode junk warns and falls back
    try:
        config = resolve_config(env=EMPTY_ENV, api_key=VALID_KEY, **{field: value})
    except TinkexConfigError as error:
        tally("config values rejected")
        assert error.field == field, f"{field}={value!r} raised for {error.field!r}: {error}"
        assert field in str(error)
        return
    finally:
        logging.getLogger("tinkex.config").disabled = False
    assert isinstance(config, Config)
    repr(config)  # an accepted value can always be shown


@DETERMINISTIC
@given(name=st.text(min_size=1, max_size=10).filter(lambda n: n not in FIELD_NAMES))
def test_unknown_config_names_are_refused(name: str) -> None:  # covers CFG-01
    tally("config values tried")
    with pytest.raises(TinkexConfigError) as info:
        resolve_config(env=EMPTY_ENV, api_key=VALID_KEY, **{name: 1})
    tally("config values rejected")
    assert info.value.field == name


def test_missing_api_key_names_the_field() -> None:  # covers CFG-03
    with pytest.raises(TinkexConfigError) as info:
        resolve_config(env=EMPTY_ENV)
    assert info.value.field == "api_key" and "TINKER_API_KEY" in str(info.value)
