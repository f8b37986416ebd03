"""Per-key auth and ownership on a server started with ``--api-key-file`` (issue #15).

Without keys, anyone could list, download and delete anyone's runs. Now: no key or an unknown
key gets 401; every session, run, sampler, future and checkpoint belongs to the key that created
it and is a 404 for any other key; a published checkpoint is readable by every key; archive
URLs are signed and need no key. Both SDKs keep working with a key.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tinkex.server.testing import TEST_MODEL, RawClient, ServerProcess, server_process

KEY_A = "tml-alice-0123456789abcdef"
KEY_B = "tml-bob-fedcba9876543210"
KEY_FILE = f"""
# keys of this test server
{KEY_A}

{KEY_B}
"""


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory, compile_cache: Path) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("keyed-server")
    (root / "keys.txt").write_text(KEY_FILE)
    args = ["--api-key-file", str(root / "keys.txt"), "--data-dir", str(root / "data")]
    env = {k: v for k, v in os.environ.items() if k != "TINKEX_SERVER_API_KEYS"}
    with server_process(
        *args, "--models", TEST_MODEL, "--compile-cache-dir", str(compile_cache), env=env
    ) as server:
        yield server


def _client(server: ServerProcess, key: str | None) -> RawClient:
    client = RawClient(server.base_url, timeout_s=60)
    if key is not None:
        client.http.headers["X-API-Key"] = key
    return client


@dataclass
class Owned:
    """What key A created: a session, a model, a future, a sampler and two checkpoints."""

    session: str
    model: str
    future: str
    sampler: str
    state: str
    sampler_path: str


@pytest.fixture(scope="module")
def owned(keyed: ServerProcess) -> Owned:
    alice = _client(keyed, KEY_A)
    session = alice.session()
    lora = {"rank": 4, "seed": 0}
    created = alice.ok(
        "create_model",
        {"session_id": session, "model_seq_id": 0, "base_model": TEST_MODEL, "lora_config": lora},
    )
    future, model = created["request_id"], alice.result(created)["model_id"]
    state = alice.result(alice.ok("save_weights", {"model_id": model, "path": "state", "seq_id": 2}))["path"]
    saved = alice.result(
        alice.ok(
            "save_weights_for_sampler",
            {"model_id": model, "path": "sampler", "seq_id": 3, "sampling_session_seq_id": 0},
        )
    )
    alice.close()
    return Owned(session, model, future, saved["sampling_session_id"], state, saved["path"])


def test_missing_or_unknown_keys_get_401_and_health_checks_need_none(keyed: ServerProcess) -> None:
    requests: list[tuple[str, str, dict[str, Any] | None]] = [
        ("POST", "/api/v1/client/config", {"sdk_version": "test"}),
        ("POST", "/api/v1/create_session", {"tags": []}),
        ("GET", "/api/v1/training_runs", None),
        ("GET", "/api/v1/checkpoints", None),
        ("POST", "/api/v1/retrieve_future", {"request_id": "req-x"}),
        ("GET", "/api/v1/no/such/route", None),
    ]
    headers: list[dict[str, str]] = [{}, {"X-API-Key": "tml-not-a-key"}, {"Authorization": f"Bearer {KEY_A}"}]
    with httpx.Client(base_url=keyed.base_url, timeout=30) as http:
        for method, path, body in requests:
            for extra in headers:
                reply = http.request(method, path, json=body, headers=extra)
                assert reply.status_code == 401, (path, extra, reply.text)
                assert reply.json()["detail"].startswith("X-API-Key: ")
        assert http.get("/api/v1/healthz").json() == {"status": "ok"}
        assert http.get("/api/v1/training_runs", headers={"X-API-Key": KEY_A}).status_code == 200
    assert KEY_A not in keyed.output() and KEY_B not in keyed.output()


def test_another_key_gets_404_for_everything_key_a_owns(keyed: ServerProcess, owned: Owned) -> None:
    bob = _client(keyed, KEY_B)
    run = f"/api/v1/training_runs/{owned.model}"
    try:
        bob_session = bob.session()
        not_found = [
            bob.post("get_info", {"model_id": owned.model}),
            bob.post("optim_step", {"model_id": owned.model, "seq_id": 9, "adam_params": {}}),
            bob.post("retrieve_future", {"request_id": owned.future}),
            bob.post("session_heartbeat", {"session_id": owned.session}),
            bob.post(
                "create_model", {"session_id": owned.session, "model_seq_id": 5, "base_model": TEST_MODEL}
            ),
            bob.post(f"sessions/{owned.session}/finish", {"reason": {"type": "success"}, "detail": None}),
            bob.http.get(f"/api/v1/sessions/{owned.session}"),
            bob.http.get(f"/api/v1/samplers/{owned.sampler}"),
            bob.post("asample", {"sampling_session_id": owned.sampler, "prompt": {"chunks": []}}),
            bob.http.get(run),
            bob.http.get(f"{run}/checkpoints"),
            bob.http.delete(f"{run}/checkpoints/weights/state"),
            bob.http.post(f"{run}/checkpoints/weights/state/publish"),
            bob.http.put(f"{run}/checkpoints/weights/state/ttl", json={"ttl_seconds": 7200}),
            bob.http.get(f"{run}/checkpoints/weights/state/archive", headers={"accept": "application/json"}),
            bob.post("weights_info", {"tinker_path": owned.state}),
            bob.post("load_weights", {"session_id": bob_session, "model_seq_id": 0, "path": owned.state}),
            bob.post(
                "create_sampling_session",
                {"session_id": bob_session, "sampling_session_seq_id": 1, "model_path": owned.sampler_path},
            ),
        ]
        for reply in not_found:
            assert reply.status_code == 404, (reply.request.url, reply.text)
        # Listings show only the caller's own.
        assert bob.http.get("/api/v1/training_runs").json()["training_runs"] == []
        assert bob.http.get("/api/v1/checkpoints").json()["checkpoints"] == []
        assert owned.session not in bob.http.get("/api/v1/sessions").json()["sessions"]
    finally:
        bob.close()
    alice = _client(keyed, KEY_A)
    try:  # nothing Bob tried changed Alice's things
        assert alice.post("get_info", {"model_id": owned.model}).status_code == 200
        listed = alice.http.get(f"{run}/checkpoints").json()["checkpoints"]
        assert sorted(c["checkpoint_id"] for c in listed) == ["sampler_weights/sampler", "weights/state"]
        assert all(c["public"] is False for c in listed)
    finally:
        alice.close()


def _archive_names(content: bytes) -> set[str]:
    with tarfile.open(fileobj=io.BytesIO(content), mode="r:gz") as tar:
        return set(tar.getnames())


def test_signed_archive_urls_need_no_key_and_cannot_be_altered(keyed: ServerProcess, owned: Owned) -> None:
    alice = _client(keyed, KEY_A)
    try:
        url = alice.http.get(
            f"/api/v1/training_runs/{owned.model}/checkpoints/weights/state/archive",
            headers={"accept": "application/json"},
        ).json()["url"]
    finally:
        alice.close()
    with httpx.Client(timeout=30) as anonymous:
        download = anonymous.get(url)
        assert download.status_code == 200
        # PEFT files at the top level, as the service's exports are laid out.
        assert _archive_names(download.content) == {
            "adapter_model.safetensors",
            "adapter_config.json",
            "optimizer.safetensors",
            "meta.json",
        }
        forged = httpx.URL(url).copy_merge_params({"signature": "f" * 64})
        assert anonymous.get(forged).status_code == 403
        longer = httpx.URL(url).copy_merge_params({"expires": str(int(httpx.URL(url).params["expires"]) + 1)})
        assert anonymous.get(longer).status_code == 403


def test_published_checkpoints_are_readable_by_any_key(keyed: ServerProcess, owned: Owned) -> None:
    alice, bob = _client(keyed, KEY_A), _client(keyed, KEY_B)
    checkpoint = f"/api/v1/training_runs/{owned.model}/checkpoints/sampler_weights/sampler"
    try:
        assert alice.http.post(f"{checkpoint}/publish").status_code == 204
        assert bob.post("weights_info", {"tinker_path": owned.sampler_path}).json()["lora_rank"] == 4
        url = bob.http.get(f"{checkpoint}/archive", headers={"accept": "application/json"}).json()["url"]
        assert "adapter_model.safetensors" in _archive_names(bob.http.get(url).content)
        sampler = bob.ok(
            "create_sampling_session",
            {"session_id": bob.session(), "sampling_session_seq_id": 0, "model_path": owned.sampler_path},
        )["sampling_session_id"]
        reply = bob.ok(
            "asample",
            {
                "sampling_session_id": sampler,
                "prompt": {"chunks": [{"tokens": [257, 65]}]},
                "sampling_params": {"max_tokens": 2},
            },
        )
        assert bob.sample_output(reply).sequences
        # Reading is all: the run, its other checkpoints and any change stay with the owner.
        assert bob.http.get(f"/api/v1/training_runs/{owned.model}").status_code == 404
        assert bob.http.delete(f"{checkpoint}/publish").status_code == 404
        assert bob.http.delete(checkpoint).status_code == 404
        assert bob.post("weights_info", {"tinker_path": owned.state}).status_code == 404
    finally:
        alice.http.delete(f"{checkpoint}/publish")
        alice.close()
        bob.close()


def test_tinkex_sdk_trains_and_downloads_with_its_key(
    keyed: ServerProcess, owned: Owned, tmp_path: Path
) -> None:
    import tinkex

    rest = tinkex.RestClient(base_url=keyed.base_url, api_key=KEY_A)
    downloaded = rest.download_checkpoint(owned.state, output_dir=str(tmp_path)).result(timeout=120)
    files = {p.name for p in downloaded.destination.iterdir()}
    assert {"adapter_model.safetensors", "adapter_config.json", "optimizer.safetensors"} <= files
    other = tinkex.RestClient(base_url=keyed.base_url, api_key=KEY_B)
    with pytest.raises(tinkex.NotFoundError):
        other.download_checkpoint(owned.state, output_dir=str(tmp_path / "b")).result(timeout=120)
    with tinkex.ServiceClient(base_url=keyed.base_url, api_key=KEY_B) as service:
        trainer = service.create_lora_training_client(base_model=TEST_MODEL, rank=4).result(timeout=120)
        assert trainer.save_state("b-state").result(timeout=120).path.endswith("/weights/b-state")
    with pytest.raises(tinkex.AuthenticationError):
        tinkex.RestClient(base_url=keyed.base_url, api_key="tml-not-a-key").list_training_runs().result(
            timeout=60
        )


OFFICIAL_FLOW = textwrap.dedent(
    """
    import os, tinker
    from tinker import types

    service = tinker.ServiceClient()
    training = service.create_lora_training_client(base_model="local/byte-tiny", rank=4)
    training = training.result() if hasattr(training, "result") else training
    datum = types.Datum(
        model_input=types.ModelInput.from_ints([257, 104, 105]),
        loss_fn_inputs={"target_tokens": [104, 105, 33], "weights": [1.0, 1.0, 1.0]},
    )
    training.forward_backward([datum], "cross_entropy").result()
    path = training.save_state("official").result().path
    listed = tinker.RestClient().list_checkpoints(training.model_id).result()
    assert [c.tinker_path for c in listed.checkpoints] == [path], listed
    service.close("success").result()
    try:
        tinker.ServiceClient(api_key="tml-not-a-key-of-this-server").create_lora_training_client(
            base_model="local/byte-tiny", rank=4
        )
    except tinker.AuthenticationError:
        print("OFFICIAL FLOW OK", flush=True)
    os._exit(0)  # the official SDK's native HTTP runtime can abort at interpreter teardown
    """
)


@pytest.mark.timeout(240)
def test_official_sdk_sends_its_key_and_gets_401_with_another(keyed: ServerProcess) -> None:
    env = {
        **os.environ,
        "TINKER_BASE_URL": keyed.base_url,
        "TINKER_API_KEY": KEY_A,
        "TINKER_TELEMETRY": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", OFFICIAL_FLOW], env=env, capture_output=True, text=True, timeout=200
    )
    assert "OFFICIAL FLOW OK" in done.stdout, f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
