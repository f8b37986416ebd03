"""Where the local server may listen, and on which data dir (issue #15).

* Without API keys it binds loopback only: a non-loopback ``--host`` is refused with a clear
  message unless ``--allow-unauthenticated`` is given, which prints a warning at start.
* ``--enable-test-hooks`` is refused off loopback, keys or not.
* Keys can also come from ``TINKEX_SERVER_API_KEYS``.
* The data dir is locked: a second server on it stops with a clear message.
* The default data dir is the platform's user data dir (platformdirs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tinkex.cli import cli
from tinkex.server.data_dir import DataDirInUse
from tinkex.server.runner import UnsafeExposure, default_data_dir
from tinkex.server.testing import TEST_MODEL, ServerFactory, server_process


def _serve(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--models", TEST_MODEL, *args], env=env)
    return result.exit_code, result.stderr


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TINKEX_SERVER_API_KEYS"}
    env.update(extra)
    return env


def test_a_non_loopback_host_without_keys_is_refused(tmp_path: Path) -> None:
    code, stderr = _serve(
        "--host", "0.0.0.0", "--data-dir", str(tmp_path), env={"TINKEX_SERVER_API_KEYS": ""}
    )
    assert code == 1
    assert "refusing to listen on '0.0.0.0' without API keys" in stderr and "--api-key-file" in stderr
    assert not (tmp_path / ".lock").exists()  # refused before touching the data dir


def test_test_hooks_are_refused_off_loopback_even_with_keys(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("tml-some-key\n")
    args = (
        "--host",
        "0.0.0.0",
        "--api-key-file",
        str(keys),
        "--enable-test-hooks",
        "--data-dir",
        str(tmp_path),
    )
    code, stderr = _serve(*args)
    assert code == 1 and "--enable-test-hooks is for local tests only" in stderr


def test_a_key_file_without_keys_is_refused(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# nothing but a comment\n\n")
    code, stderr = _serve("--api-key-file", str(keys), "--data-dir", str(tmp_path))
    assert code == 1 and "holds no keys" in stderr
    code, stderr = _serve("--api-key-file", str(tmp_path / "missing.txt"), "--data-dir", str(tmp_path))
    assert code == 1 and "cannot be read" in stderr


def test_allow_unauthenticated_starts_with_a_warning(tmp_path: Path) -> None:
    args = [
        "--host",
        "0.0.0.0",
        "--allow-unauthenticated",
        "--data-dir",
        str(tmp_path),
        "--models",
        TEST_MODEL,
    ]
    with server_process(*args, env=_environment()) as server:
        assert "WARNING: listening on '0.0.0.0' without API keys" in server.output()
        port = httpx.URL(server.base_url).port
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/training_runs", timeout=30).status_code == 200


def test_keys_from_the_environment_turn_auth_on(tmp_path: Path) -> None:
    env = _environment(TINKEX_SERVER_API_KEYS="tml-env-key-one, tml-env-key-two")
    args = ["--host", "0.0.0.0", "--data-dir", str(tmp_path), "--models", TEST_MODEL]
    with server_process(*args, env=env) as server:
        port = httpx.URL(server.base_url).port
        runs = f"http://127.0.0.1:{port}/api/v1/training_runs"
        assert httpx.get(runs, timeout=30).status_code == 401
        assert httpx.get(runs, headers={"X-API-Key": "tml-env-key-two"}, timeout=30).status_code == 200
        assert "WARNING" not in server.output() and "tml-env-key" not in server.output()


def test_a_second_server_on_the_same_data_dir_stops_with_a_clear_message(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    first = server_factory.start(data_dir=tmp_path)
    with pytest.raises(DataDirInUse, match="in use by another tinkex server"):
        server_factory.start(data_dir=tmp_path)
    code, stderr = _serve("--data-dir", str(tmp_path), env=_environment())
    assert code == 1 and "in use by another tinkex server" in stderr
    first.stop()
    server_factory.start(data_dir=tmp_path).stop()  # free again once the first one stopped


def test_unsafe_exposure_is_refused_in_process_too(server_factory: ServerFactory) -> None:
    with pytest.raises(UnsafeExposure):
        server_factory.start(host="0.0.0.0")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG locations apply on Linux")
def test_the_default_data_dir_is_the_xdg_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "tinkex" / "local-server"
