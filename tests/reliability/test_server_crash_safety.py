"""A server killed with SIGKILL in the middle of ``save_state(overwrite=True)`` leaves the old or
the new checkpoint, listed and loadable, once a new server starts on its data dir (issue #15).

Each case runs a real server process, arms the test hook that kills it at one step of the save,
overwrites a checkpoint, and restarts on the same data dir in this process. The data dir lock
must not outlive the killed process either.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tinkex.server.storage_staging import SAVE_STEPS
from tinkex.server.testing import TEST_MODEL, RawClient, ServerFactory, server_process

# After these steps the new checkpoint is complete and recovery finishes the swap; before them
# the old one has not been touched.
NEW_AFTER = {"old_moved", "new_placed"}


def _save(api: RawClient, model_id: str, seq_id: int, version: str) -> dict[str, Any]:
    body = {
        "model_id": model_id,
        "path": "kept",
        "seq_id": seq_id,
        "overwrite": True,
        "user_metadata": {"v": version},
    }
    return api.ok("save_weights", body)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.timeout(240)
@pytest.mark.parametrize("step", SAVE_STEPS)
def test_kill_at_each_step_of_an_overwrite_keeps_one_loadable_checkpoint(
    step: str, tmp_path: Path, compile_cache: Path, server_factory: ServerFactory
) -> None:
    data = tmp_path / "data"
    args = ["--data-dir", str(data), "--models", TEST_MODEL, "--enable-test-hooks"]
    with server_process(*args, "--compile-cache-dir", str(compile_cache), env=os.environ) as server:
        api = RawClient(server.base_url, timeout_s=60)
        model_id = api.create_model(api.session(), seed=3)
        old = api.result(_save(api, model_id, 1, "old"))
        assert api.http.post("/_local/crash_at", json={"step": step}).status_code == 200
        try:
            api.poll(_save(api, model_id, 2, "new")["request_id"])
        except httpx.TransportError:
            pass  # the process died while the client waited: expected
        finally:
            api.close()
        assert server.process.wait(30) == -signal.SIGKILL, server.output()

    restarted = server_factory.start(data_dir=data)  # the lock died with the killed process
    api = RawClient(restarted.base_url)
    try:
        listed = api.http.get(f"/api/v1/training_runs/{model_id}/checkpoints").json()["checkpoints"]
        assert [c["tinker_path"] for c in listed] == [old["path"]]
        expected = "new" if step in NEW_AFTER else "old"
        assert listed[0]["user_metadata"] == {"v": expected}
        loaded = api.ok(
            "load_weights",
            {"session_id": api.session(), "model_seq_id": 0, "path": old["path"], "optimizer": True},
        )
        assert api.result(loaded)["path"] == old["path"]
        assert list((data / ".staging").iterdir()) == []
    finally:
        api.close()
