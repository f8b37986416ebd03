"""``RestClient.whoami`` of the official SDK and of tinkex against the local server.

The official SDK reads the identity from the JWT it holds in JWT mode, so it needs a server
started with ``jwt_auth`` (``--jwt-auth``); every request it sends then carries that JWT as its
credential. tinkex exchanges the key at ``/api/v1/auth/token`` itself, so it answers either way.
As in test_official_sdk.py, the official SDK runs in a child interpreter.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
try:
    import tinker_proto  # noqa: F401
except ImportError:  # without an editable install the generated packages live under generated/
    sys.path.insert(0, str(ROOT / "generated"))

import tinkex  # noqa: E402
from tinkex.server.runner import ServerHandle, start_server  # noqa: E402

API_KEY = "tml-whoami-alice"
SDK_WHOAMI = textwrap.dedent(
    """
    import json, os
    import tinker

    rest = tinker.RestClient()
    try:
        who = rest.whoami().result()
        reply = {"user_urn": who.user_urn, "org_urn": who.org_urn, "email": who.email}
        # In JWT mode every request carries the token: a plain REST call must still pass auth.
        reply["sessions"] = len(rest.list_sessions().result().sessions)
    except RuntimeError as error:
        reply = {"error": str(error)}
    print("WHOAMI " + json.dumps(reply), flush=True)
    os._exit(0)  # skip teardown: the SDK's native HTTP runtime has aborted at interpreter exit
    """
)


@pytest.fixture(scope="module")
def servers(
    compile_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[bool, ServerHandle]]:
    handles = {  # the suite's JAX compile cache, as every other test server has
        jwt_auth: start_server(
            data_dir=tmp_path_factory.mktemp(f"whoami-{jwt_auth}"),
            models=["local/byte-tiny"],
            api_keys=[API_KEY],
            jwt_auth=jwt_auth,
            compile_cache_dir=compile_cache,
        )
        for jwt_auth in (True, False)
    }
    yield handles
    for handle in handles.values():
        handle.stop()


def _official_whoami(server: ServerHandle) -> dict[str, object]:
    assert importlib.util.find_spec("tinker") is not None, "install the dev extra (it pins tinker==0.38.0)"
    env = {
        **os.environ,
        "TINKER_BASE_URL": server.base_url,
        "TINKER_API_KEY": API_KEY,
        "TINKER_TELEMETRY": "0",
        "HF_HUB_OFFLINE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SDK_WHOAMI], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-6000:]}"
    line = next(line for line in result.stdout.splitlines() if line.startswith("WHOAMI "))
    reply: dict[str, object] = json.loads(line.removeprefix("WHOAMI "))
    return reply


@pytest.mark.server
def test_official_whoami_in_jwt_mode_names_the_keys_owner(servers: dict[bool, ServerHandle]) -> None:
    reply = _official_whoami(servers[True])
    assert str(reply["user_urn"]).startswith("tml:user:key-")
    assert reply["org_urn"] == "tml:organization:local" and reply["email"] == "local@localhost"
    assert reply["sessions"] == 0
    assert API_KEY not in json.dumps(reply)
    # tinkex reads the same identity, from a token of its own.
    who = tinkex.RestClient(base_url=servers[True].base_url, api_key=API_KEY).whoami().result(timeout=60)
    assert (who.user_urn, who.org_urn, who.email) == (reply["user_urn"], reply["org_urn"], reply["email"])


@pytest.mark.server
def test_without_jwt_mode_only_the_official_whoami_refuses(servers: dict[bool, ServerHandle]) -> None:
    assert "requires JWT auth" in str(_official_whoami(servers[False])["error"])
    who = tinkex.RestClient(base_url=servers[False].base_url, api_key=API_KEY).whoami().result(timeout=60)
    assert who.user_urn.startswith("tml:user:key-") and who.org_urn == "tml:organization:local"
