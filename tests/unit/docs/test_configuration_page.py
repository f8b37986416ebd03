"""docs/configuration.md names every Config field and every environment variable tinkex reads
(features CFG-08), so the page cannot drift from ``tinkex/config.py`` and ``tinkex/_config/env.py``."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

import tinkex._config.env as env_module
from tinkex.config import Config

ROOT = Path(__file__).resolve().parents[3]
PAGE = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
_VARIABLE = re.compile(r'"((?:TINKER|TINKEX|CLOUDFLARE|HF)_[A-Z0-9_]+)"')


def read_variables() -> set[str]:
    return set(_VARIABLE.findall(Path(env_module.__file__).read_text(encoding="utf-8")))


def test_every_config_field_is_documented() -> None:
    # covers CFG-01
    missing = [f.name for f in attrs.fields(Config) if f"`{f.name}`" not in PAGE]
    assert missing == []


def test_every_environment_variable_is_documented_and_no_stale_one() -> None:
    # covers CFG-08
    variables = read_variables()
    assert "TINKER_API_KEY" in variables and "TINKEX_TRANSPORT" in variables  # the reader works
    assert sorted(v for v in variables if f"`{v}`" not in PAGE) == []
    documented = set(re.findall(r"`((?:TINKER|TINKEX|CLOUDFLARE)_[A-Z0-9_]+)`", PAGE))
    assert sorted(documented - variables) == []  # e.g. no TINKEX_FAST_TRANSPORT
