"""REST management routes over a real uvicorn socket (REST-05..REST-17, DL-05)."""

from __future__ import annotations

import io
import tarfile

import httpx

from tinkex.server.url_signing import ArchiveLink, UrlSigner

from ._live_server import LiveServer

RUN = "sess-abc:train:0"
CKPT = f"/api/v1/training_runs/{RUN}/checkpoints"


def test_training_runs_pagination_and_lookup(live_server: LiveServer) -> None:  # covers REST-11, REST-13
    for index in range(3):
        live_server.add_run(f"sess-abc:train:{index}", user_metadata={"i": str(index)})
    live_server.add_checkpoint("sess-abc:train:1", "weights", "w")
    with live_server.client() as client:
        first = client.get("/api/v1/training_runs", params={"limit": 2}).json()
        assert [r["training_run_id"] for r in first["training_runs"]] == [
            "sess-abc:train:2",
            "sess-abc:train:1",
        ]
        assert first["cursor"] == {"offset": 0, "limit": 2, "total_count": 3}
        second = client.get("/api/v1/training_runs", params={"limit": 2, "offset": 2}).json()
        assert [r["training_run_id"] for r in second["training_runs"]] == ["sess-abc:train:0"]
        assert second["cursor"] == {"offset": 2, "limit": 2, "total_count": 3}
        assert client.get("/api/v1/training_runs").json()["cursor"]["limit"] == 20

        run = client.get("/api/v1/training_runs/sess-abc:train:1", params={"access_scope": "owned"})
        assert run.status_code == 200
        body = run.json()
        assert body["training_run_id"] == "sess-abc:train:1"
        assert body["model_owner"] == "local" and body["is_lora"] is True and body["corrupted"] is False
        assert body["lora_rank"] == 4 and body["user_metadata"] == {"i": "1"}
        assert body["last_checkpoint"]["tinker_path"] == "tinker://sess-abc:train:1/weights/w"
        assert "last_sampler_checkpoint" not in body

        missing = client.get("/api/v1/training_runs/sess-zzz:train:0")
        assert missing.status_code == 404 and "sess-zzz:train:0" in missing.json()["detail"]


def test_bad_query_values_are_400_naming_the_parameter(live_server: LiveServer) -> None:
    with live_server.client() as client:
        for params, name in [
            ({"limit": "abc"}, "limit"),
            ({"limit": "-1"}, "limit"),
            ({"limit": "0"}, "limit"),
            ({"offset": "-3"}, "offset"),
            ({"access_scope": "everyone"}, "access_scope"),
        ]:
            reply = client.get("/api/v1/training_runs", params=params)
            assert reply.status_code == 400
            assert reply.json()["detail"].startswith(f"{name}: ")
        assert (
            client.get("/api/v1/checkpoints", params={"offset": "x"}).json()["detail"].startswith("offset: ")
        )


def test_checkpoint_listings(live_server: LiveServer) -> None:  # covers REST-06, REST-07
    live_server.add_run(RUN)
    live_server.add_run("other")
    live_server.add_checkpoint(RUN, "weights", "a")
    live_server.add_checkpoint("other", "weights", "b")
    live_server.add_checkpoint(RUN, "sampler_weights", "c")
    with live_server.client() as client:
        listed = client.get(CKPT).json()
        assert [c["checkpoint_id"] for c in listed["checkpoints"]] == ["sampler_weights/c", "weights/a"]
        assert listed["cursor"]["total_count"] == 2
        sampler = listed["checkpoints"][0]
        assert sampler["checkpoint_type"] == "sampler" and sampler["public"] is False
        assert sampler["time"].endswith("Z") and sampler["size_bytes"] == len(b"weights-c")

        everything = client.get("/api/v1/checkpoints").json()
        assert [c["tinker_path"] for c in everything["checkpoints"]] == [
            f"tinker://{RUN}/sampler_weights/c",
            "tinker://other/weights/b",
            f"tinker://{RUN}/weights/a",
        ]
        assert everything["cursor"] == {"offset": 0, "limit": 100, "total_count": 3}
        page = client.get("/api/v1/checkpoints", params={"limit": 1, "offset": 1}).json()
        assert [c["checkpoint_id"] for c in page["checkpoints"]] == ["weights/b"]
        assert client.get("/api/v1/training_runs/nope/checkpoints").status_code == 404


def test_publish_unpublish_and_conflicts(live_server: LiveServer) -> None:  # covers REST-14, REST-15
    live_server.add_run(RUN)
    live_server.add_checkpoint(RUN, "weights", "w")
    with live_server.client() as client:
        assert client.post(f"{CKPT}/weights/w/publish").status_code == 204
        assert client.get(CKPT).json()["checkpoints"][0]["public"] is True
        again = client.post(f"{CKPT}/weights/w/publish")
        assert again.status_code == 409 and "already public" in again.json()["detail"]
        assert client.delete(f"{CKPT}/weights/w/publish").status_code == 204
        assert client.delete(f"{CKPT}/weights/w/publish").status_code == 409
        assert client.post(f"{CKPT}/weights/nope/publish").status_code == 404
        bad = client.post(f"{CKPT}/bogus/w/publish")
        assert bad.status_code == 400 and bad.json()["detail"].startswith("checkpoint_id: ")


def test_ttl_route(live_server: LiveServer) -> None:
    live_server.add_run(RUN)
    live_server.add_checkpoint(RUN, "sampler_weights", "s")
    url = f"{CKPT}/sampler_weights/s/ttl"
    with live_server.client() as client:
        assert client.put(url, json={"ttl_seconds": 7200}).status_code == 204
        expires = client.get(CKPT).json()["checkpoints"][0]["expires_at"]
        assert expires == "2025-03-01T14:00:02Z"
        for body, fragment in [
            ({"ttl_seconds": 60}, "ttl_seconds: must be from 3600"),
            ({"ttl_seconds": 10**12}, "ttl_seconds: must be from 3600"),
            ({"ttl_seconds": "1h"}, "ttl_seconds: must be an integer or null"),
            ({}, "ttl_seconds: required"),
        ]:
            reply = client.put(url, json=body)
            assert reply.status_code == 400 and reply.json()["detail"].startswith(fragment)
        assert client.put(url, content=b"not json").json()["detail"].startswith("body: invalid JSON")
        assert client.put(url, json=[1]).json()["detail"] == "body: must be a JSON object"
        assert client.put(url, json={"ttl_seconds": None}).status_code == 204
        assert "expires_at" not in client.get(CKPT).json()["checkpoints"][0]
        client.put(url, json={"ttl_seconds": 3600})
        live_server.clock.advance(3600)
        assert client.get(CKPT).json()["checkpoints"] == []
        gone = client.post("/api/v1/weights_info", json={"tinker_path": f"tinker://{RUN}/sampler_weights/s"})
        assert gone.status_code == 410


def test_delete_then_404(live_server: LiveServer) -> None:  # covers REST-09
    live_server.add_run(RUN)
    live_server.add_checkpoint(RUN, "weights", "w")
    with live_server.client() as client:
        assert client.delete(f"{CKPT}/weights/w").status_code == 204
        assert client.get(CKPT).json()["checkpoints"] == []
        for reply in (
            client.delete(f"{CKPT}/weights/w"),
            client.get(f"{CKPT}/weights/w/archive", headers={"accept": "application/json"}),
            client.post("/api/v1/weights_info", json={"tinker_path": f"tinker://{RUN}/weights/w"}),
        ):
            assert reply.status_code == 404 and "weights/w" in reply.json()["detail"]


def _members(archive: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        out: dict[str, bytes] = {}
        for member in tar.getmembers():
            assert not member.name.startswith("/") and ".." not in member.name.split("/")
            extracted = tar.extractfile(member)
            assert extracted is not None
            out[member.name] = extracted.read()
        return out


def test_archive_json_reply_and_download(live_server: LiveServer) -> None:  # covers REST-08, DL-05
    live_server.add_run(RUN)
    files = {"adapter.npz": b"\x00adapter", "optimizer.npz": b"\x01opt" * 100}
    live_server.add_checkpoint(RUN, "weights", "w", files)
    with live_server.client() as client:
        reply = client.get(f"{CKPT}/weights/w/archive", headers={"accept": "application/json"})
        assert reply.status_code == 200
        body = reply.json()
        assert body["expires"] == "2025-03-01T12:15:02Z"  # 15 minutes after the store's now
        assert body["url"].startswith(f"{live_server.base_url}/api/v1/archives/")
        download = client.get(body["url"])
        assert download.status_code == 200
        assert int(download.headers["content-length"]) == len(download.content)
        members = _members(download.content)
        assert {name: members[name] for name in files} == files
        assert set(members) == {*files, "meta.json"}


def test_archive_redirect_reply(live_server: LiveServer) -> None:  # covers REST-08
    live_server.add_run(RUN)
    live_server.add_checkpoint(RUN, "sampler_weights", "s")
    with live_server.client(follow_redirects=False) as client:
        reply = client.get(f"{CKPT}/sampler_weights/s/archive")
        assert reply.status_code == 302
        assert reply.headers["expires"] == "Sat, 01 Mar 2025 12:15:02 GMT"
        location = reply.headers["location"]
        assert _members(client.get(location).content)["adapter.npz"] == b"weights-s"
        live_server.clock.advance(15 * 60)
        expired = client.get(location)
        assert expired.status_code == 410 and expired.json()["detail"].startswith("expires: ")


def test_weights_info(live_server: LiveServer) -> None:  # covers REST-05
    live_server.add_run(RUN)
    path = live_server.add_checkpoint(RUN, "sampler_weights", "s")
    with live_server.client() as client:
        assert client.post("/api/v1/weights_info", json={"tinker_path": path}).json() == {
            "base_model": "local/byte-tiny",
            "is_lora": True,
            "lora_rank": 4,
            "train_unembed": True,
            "train_mlp": False,
            "train_attn": True,
            "optimizer_config": {"type": "adamw"},
        }
        for body, fragment in [
            ({}, "tinker_path: required"),
            ({"tinker_path": "tinker://only/two"}, "tinker_path: "),
            ({"tinker_path": f"tinker://{RUN}/checkpoints/s"}, "tinker_path: checkpoint kind"),
        ]:
            reply = client.post("/api/v1/weights_info", json=body)
            assert reply.status_code == 400 and reply.json()["detail"].startswith(fragment)
        assert (
            client.post("/api/v1/weights_info", json={"tinker_path": f"tinker://{RUN}/weights/s"}).status_code
            == 404
        )


def test_archive_links_are_signed_and_cannot_be_altered(live_server: LiveServer) -> None:
    live_server.add_run(RUN)
    live_server.add_run("sess-abc:train:9")
    live_server.add_checkpoint(RUN, "weights", "w")
    live_server.add_checkpoint(RUN, "weights", "other")
    live_server.add_checkpoint("sess-abc:train:9", "weights", "w")
    with live_server.client() as client:
        url = client.get(f"{CKPT}/weights/w/archive", headers={"accept": "application/json"}).json()["url"]
        parsed = httpx.URL(url)
        params = dict(parsed.params)
        assert parsed.path == "/api/v1/archives/weights/w.tar.gz"
        assert params["run"] == RUN and len(params["signature"]) == 64
        assert client.get(url).status_code == 200
        altered = [
            parsed.copy_with(path="/api/v1/archives/weights/other.tar.gz"),  # another checkpoint
            parsed.copy_merge_params({"run": "sess-abc:train:9"}),  # the same name in another run
            parsed.copy_merge_params({"expires": str(int(params["expires"]) + 3600)}),  # a longer life
            parsed.copy_merge_params({"signature": "0" * 64}),  # a guessed signature
        ]
        for link in altered:
            reply = client.get(link)
            assert reply.status_code == 403 and reply.json()["detail"].startswith("signature: "), link
        for missing in ("run", "expires", "signature"):
            bare = parsed.copy_with(params={k: v for k, v in params.items() if k != missing})
            assert client.get(bare).status_code == 403
        # A link of a deleted checkpoint is valid but leads nowhere.
        assert client.delete(f"{CKPT}/weights/w").status_code == 204
        gone = client.get(url)
        assert gone.status_code == 404 and "weights/w" in gone.json()["detail"]


def test_archive_links_outlive_a_restart_of_the_signer(live_server: LiveServer) -> None:
    # The key comes from the data dir's secret, so a restarted server accepts the links it issued.
    live_server.add_run(RUN)
    live_server.add_checkpoint(RUN, "weights", "w")
    link = ArchiveLink(RUN, "weights/w", int(live_server.clock().timestamp()) + 60)
    same_secret = UrlSigner.from_secret(b"live-server-test-secret-32-bytes")
    other_secret = UrlSigner.from_secret(b"another-server-secret-of-32-byte")
    with live_server.client() as client:
        assert client.get(same_secret.path_and_query(link)).status_code == 200
        assert client.get(other_secret.path_and_query(link)).status_code == 403
