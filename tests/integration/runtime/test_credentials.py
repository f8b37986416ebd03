"""The credential sent in X-API-Key: the API key, else TINKER_CREDENTIAL_CMD's output (protocol §2.3)."""

from __future__ import annotations

import sys

import pytest

from tinkex._config.credentials import resolve_credential
from tinkex._http.calls import ApiClient
from tinkex.config import resolve_config
from tinkex.errors import TinkexConfigError

PY = sys.executable


def _config(**kw: object):  # type: ignore[no-untyped-def]
    from tinkex._config.env import EnvSnapshot

    return resolve_config(env=EnvSnapshot.read({}), **kw)


def test_api_key_wins_over_the_command() -> None:
    config = _config(api_key="tml-explicit", credential_cmd=f"{PY} -c \"print('tml-from-cmd')\"")
    assert resolve_credential(config) == "tml-explicit"


def test_command_output_is_the_credential_and_a_secret() -> None:
    config = _config(credential_cmd=f"{PY} -c \"print('  tml-from-cmd-0123456789  ')\"")
    assert resolve_credential(config) == "tml-from-cmd-0123456789"
    client = ApiClient(config)
    assert client.http.headers["X-API-Key"] == "tml-from-cmd-0123456789"
    assert "tml-from-cmd-0123456789" in client.secrets  # scrubbed from logs and errors


@pytest.mark.parametrize(
    "command",
    [f"{PY} -c \"import sys; print('tml-secret-output'); sys.exit(3)\"", f"{PY} -c \"print('')\""],
)
def test_failing_command_is_a_config_error_without_its_output(command: str) -> None:
    with pytest.raises(TinkexConfigError) as caught:
        resolve_credential(_config(credential_cmd=command))
    assert caught.value.field == "credential_cmd"
    assert "tml-secret-output" not in str(caught.value)
