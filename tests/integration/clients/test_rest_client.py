"""RestClient against the local server: runs, checkpoints, sessions, samplers, downloads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tinkex

from ._helpers import API_KEY, MODEL, new_service


class Fixture:
    """One fresh server with a session, two training runs and a few checkpoints."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.service = new_service(base_url)
        self.rest = self.service.create_rest_client()
        self.trainer = self.service.create_lora_training_client(MODEL, rank=4).result(timeout=120)
        self.other = self.service.create_lora_training_client(MODEL, rank=4).result(timeout=120)
        self.state = self.trainer.save_state("state-a").result(timeout=120).path
        self.state_b = self.trainer.save_state("state-b").result(timeout=120).path
        self.sampler_path = self.trainer.save_weights_for_sampler("sampler-a").result(timeout=120).path
        self.run_id = self.trainer.model_id


@pytest.fixture
def world(server_factory: Any) -> Iterator[Fixture]:
    handle = server_factory.start()
    fixture = Fixture(handle.base_url)
    yield fixture
    fixture.service.close().result(timeout=60)


def test_training_runs_and_pagination(world: Fixture) -> None:
    # covers REST-11, REST-12, REST-13, REST-18
    rest = world.rest
    page = rest.list_training_runs(limit=1).result(timeout=60)
    assert len(page.training_runs) == 1 and page.cursor.total_count == 2
    second = rest.list_training_runs(limit=1, offset=1).result(timeout=60)
    ids = {page.training_runs[0].training_run_id, second.training_runs[0].training_run_id}
    assert ids == {world.run_id, world.other.model_id}
    assert {run.training_run_id for run in rest.iter_training_runs(page_size=1)} == ids

    run = rest.get_training_run(world.run_id).result(timeout=60)
    assert isinstance(run, tinkex.types.TrainingRun)
    assert run.base_model == MODEL and run.lora_rank == 4
    assert run.last_checkpoint is not None and run.last_sampler_checkpoint is not None
    by_path = rest.get_training_run_by_tinker_path(world.state).result(timeout=60)
    assert by_path.training_run_id == world.run_id
    with pytest.raises(tinkex.TinkexValidationError):
        rest.get_training_run_by_tinker_path("not-a-path")


def test_checkpoint_listing(world: Fixture) -> None:
    # covers REST-06, REST-07
    rest = world.rest
    listed = rest.list_checkpoints(world.run_id).result(timeout=60)
    paths = {c.tinker_path for c in listed.checkpoints}
    assert paths == {world.state, world.state_b, world.sampler_path}
    kinds = {c.checkpoint_id: c.checkpoint_type for c in listed.checkpoints}
    assert kinds["weights/state-a"] == "training" and kinds["sampler_weights/sampler-a"] == "sampler"

    user_page = rest.list_user_checkpoints(limit=2).result(timeout=60)
    assert len(user_page.checkpoints) == 2
    assert user_page.cursor is not None and user_page.cursor.total_count == 3
    assert {c.tinker_path for c in rest.iter_user_checkpoints(page_size=2)} == paths


def test_publish_ttl_and_delete(world: Fixture) -> None:
    # covers REST-09, REST-10, REST-14, REST-15, REST-16, LATER-30
    rest = world.rest

    def checkpoint(path: str) -> Any:
        found = [
            c
            for c in rest.list_checkpoints(world.run_id).result(timeout=60).checkpoints
            if c.tinker_path == path
        ]
        return found[0] if found else None

    rest.publish_checkpoint_from_tinker_path(world.state).result(timeout=60)
    assert checkpoint(world.state).public is True
    rest.unpublish_checkpoint_from_tinker_path(world.state).result(timeout=60)
    assert checkpoint(world.state).public is False

    rest.set_checkpoint_ttl_from_tinker_path(world.state, 3600).result(timeout=60)
    expires = checkpoint(world.state).expires_at
    assert isinstance(expires, dt.datetime) and expires > dt.datetime.now(dt.UTC)
    rest.set_checkpoint_ttl_from_tinker_path(world.state, None).result(timeout=60)
    assert checkpoint(world.state).expires_at is None
    with pytest.raises(tinkex.TinkexValidationError, match="ttl_seconds"):
        rest.set_checkpoint_ttl_from_tinker_path(world.state, "1h")  # type: ignore[arg-type]

    rest.delete_checkpoint(world.run_id, "weights/state-b").result(timeout=60)
    assert checkpoint(world.state_b) is None
    rest.delete_checkpoint_by_tinker_path(world.sampler_path).result(timeout=60)
    assert checkpoint(world.sampler_path) is None
    rest.delete_checkpoint_from_tinker_path(world.state).result(timeout=60)
    assert rest.list_checkpoints(world.run_id).result(timeout=60).checkpoints == []
    with pytest.raises(tinkex.NotFoundError):
        rest.delete_checkpoint_from_tinker_path(world.state).result(timeout=60)


def test_archive_url_and_download(world: Fixture, tmp_path: Path) -> None:
    # covers REST-08, REST-17, DL-01, DL-03, DL-04, DL-07, DL-09
    rest = world.rest
    by_ids = rest.get_checkpoint_archive_url(world.run_id, "weights/state-a").result(timeout=60)
    by_path = rest.get_checkpoint_archive_url_from_tinker_path(world.state).result(timeout=60)
    assert by_ids.url.startswith("http") and by_path.url.startswith("http")

    progress: list[tuple[int, int]] = []
    result = rest.download_checkpoint(
        world.state, output_dir=str(tmp_path), progress=lambda d, t: progress.append((d, t))
    ).result(timeout=120)
    expected_dir = tmp_path / world.state.removeprefix("tinker://").replace("/", "_").replace(":", "-")
    assert result.destination == expected_dir and result.checkpoint_path == world.state
    files = sorted(p.relative_to(expected_dir).as_posix() for p in expected_dir.rglob("*") if p.is_file())
    assert "meta.json" in files and len(files) >= 2
    meta = json.loads((expected_dir / "meta.json").read_text())
    assert world.run_id in json.dumps(meta)
    assert progress and progress[-1][0] == progress[-1][1]

    with pytest.raises(FileExistsError):
        rest.download_checkpoint(world.state, output_dir=str(tmp_path)).result(timeout=120)
    marker = expected_dir / "stale.txt"
    marker.write_text("left from an older download")
    again = rest.download_checkpoint(world.state, output_dir=str(tmp_path), force=True).result(timeout=120)
    assert again.destination == expected_dir and not marker.exists()
    assert (expected_dir / "meta.json").exists()
    with pytest.raises(tinkex.TinkexValidationError):
        rest.download_checkpoint("weights/state-a", output_dir=str(tmp_path))


def test_weights_info_sessions_and_samplers(world: Fixture) -> None:
    # covers REST-02, REST-03, REST-04, REST-05
    rest = world.rest
    info = rest.get_weights_info_by_tinker_path(world.state).result(timeout=60)
    assert info.base_model == MODEL and info.is_lora and info.lora_rank == 4

    session_id = world.service.holder.session_id
    assert session_id is not None
    assert session_id in rest.list_sessions().result(timeout=60).sessions
    session = rest.get_session(session_id).result(timeout=60)
    assert set(session.training_run_ids) == {world.run_id, world.other.model_id}

    sampler = world.trainer.create_sampling_client(world.sampler_path).result(timeout=120)
    got = rest.get_sampler(sampler.sampling_session_id).result(timeout=60)
    assert got.sampler_id == sampler.sampling_session_id
    assert got.base_model == MODEL and got.model_path == world.sampler_path
    assert sampler.sampling_session_id in rest.get_session(session_id).result(timeout=60).sampler_ids


async def test_async_twins(world: Fixture, tmp_path: Path) -> None:
    # covers REST-21: every `_async` twin, awaited on the caller's own event loop
    rest = world.rest
    assert (await rest.list_training_runs_async(limit=5)).cursor.total_count == 2
    assert (await rest.get_training_run_async(world.run_id)).training_run_id == world.run_id
    assert (await rest.get_training_run_by_tinker_path_async(world.state)).training_run_id == world.run_id
    assert len((await rest.list_checkpoints_async(world.run_id)).checkpoints) == 3
    assert len((await rest.list_user_checkpoints_async()).checkpoints) == 3
    assert (await rest.get_weights_info_by_tinker_path_async(world.state)).lora_rank == 4
    session_id = world.service.holder.session_id
    assert session_id in (await rest.list_sessions_async()).sessions
    assert world.run_id in (await rest.get_session_async(str(session_id))).training_run_ids
    sampler = await world.trainer.create_sampling_client_async(world.sampler_path)
    assert (await rest.get_sampler_async(sampler.sampling_session_id)).base_model == MODEL
    await rest.publish_checkpoint_from_tinker_path_async(world.state)
    await rest.unpublish_checkpoint_from_tinker_path_async(world.state)
    await rest.set_checkpoint_ttl_from_tinker_path_async(world.state, 7200)
    assert (await rest.get_checkpoint_archive_url_async(world.run_id, "weights/state-a")).url
    assert (await rest.get_checkpoint_archive_url_from_tinker_path_async(world.state)).url
    downloaded = await rest.download_checkpoint_async(world.state, output_dir=str(tmp_path))
    assert (downloaded.destination / "meta.json").exists()
    await rest.delete_checkpoint_async(world.run_id, "weights/state-b")
    await rest.delete_checkpoint_from_tinker_path_async(world.sampler_path)
    # the sync methods return awaitable futures too (the official style)
    remaining = await rest.list_checkpoints(world.run_id)
    assert [c.tinker_path for c in remaining.checkpoints] == [world.state]


def test_standalone_rest_client(world: Fixture) -> None:
    # covers REST-01: RestClient() needs no ServiceClient, as in the official SDK
    rest = tinkex.RestClient(base_url=world.base_url, api_key=API_KEY)
    assert rest.get_training_run(world.run_id).result(timeout=60).training_run_id == world.run_id
    with pytest.raises(tinkex.TinkexValidationError):
        tinkex.RestClient(world.rest.holder, base_url=world.base_url)
