"""The pieces behind the official CLI's commands that tinkex's CLI gained: stored credentials,
identity claims, terminal-safe sample text, and the Hugging Face Hub export (at the
``huggingface_hub`` boundary, with no network)."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from tinkex._config.credential_store import CredentialStore, stored_api_key
from tinkex._config.env import EnvSnapshot
from tinkex.cli._click import CliError
from tinkex.cli.hub_export import AdapterInfo, build_adapter_folder, default_repo_name, upload
from tinkex.cli.text_codec import escape_controls
from tinkex.config import resolve_config

KEY = "tml-stored-key-0123456789abcdef"


def test_stored_key_file_is_owner_only_and_used_last(tmp_path: Path) -> None:
    path = tmp_path / "config" / "tinkex" / "credentials.json"
    store = CredentialStore(path)
    store.add_default("7", {"type": "manual", "key": KEY, "name": "laptop"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = json.loads(path.read_text())  # the official SDK's layout
    assert data["version"] == 1 and data["default"] == "7" and data["keys"]["7"]["key"] == KEY
    env = EnvSnapshot(credentials_file=str(path))
    assert stored_api_key(env) == KEY
    assert resolve_config(env=env).api_key == KEY  # no flag, no env: the stored key
    from_env = EnvSnapshot(credentials_file=str(path), api_key="tml-from-env-0123456789")
    assert resolve_config(env=from_env).api_key == "tml-from-env-0123456789"  # env beats stored
    assert resolve_config(env=env, api_key="tml-explicit-0123456789").api_key == "tml-explicit-0123456789"
    store.remove("7")
    assert store.default() is None and stored_api_key(env) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unreadable_store_counts_as_no_key(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    path.write_text("not json")
    assert stored_api_key(EnvSnapshot(credentials_file=str(path))) is None
    assert stored_api_key(EnvSnapshot(credentials_file=str(tmp_path / "missing.json"))) is None


def test_control_bytes_are_escaped_for_the_terminal() -> None:
    text = "ok\tline\nred:\x1b[31m bell:\x07 del:\x7f csi:\x9b é"
    assert escape_controls(text) == "ok\tline\nred:\\x1b[31m bell:\\x07 del:\\x7f csi:\\x9b é"


def test_sampled_text_is_printed_escaped() -> None:
    from tinkex.cli.commands.run_sample import plain_text
    from tinkex.types import SampledSequence, SampleResponse

    class Tok:
        def decode(self, tokens: list[int], skip_special_tokens: bool = True) -> str:
            return bytes(tokens).decode()

    response = SampleResponse(sequences=[SampledSequence(tokens=[104, 27, 93, 50], stop_reason="length")])
    assert plain_text(response, Tok()).splitlines()[1] == "h\\x1b]2"


INFO = AdapterInfo(
    tinker_path="tinker://sess-1:train:0/weights/final",
    training_run_id="sess-1:train:0",
    base_model="local/byte-tiny",
    lora_rank=4,
    trained={"attn": True, "mlp": True, "unembed": False},
)


def _checkpoint_dir(tmp_path: Path) -> Path:
    source = tmp_path / "checkpoint"
    source.mkdir()
    (source / "adapter_model.safetensors").write_bytes(b"weights")
    (source / "adapter_config.json").write_text(json.dumps({"peft_type": "LORA", "r": 4}))
    (source / "optimizer.safetensors").write_bytes(b"state")
    return source


def test_adapter_folder_holds_only_the_adapter_and_a_card(tmp_path: Path) -> None:
    folder = build_adapter_folder(_checkpoint_dir(tmp_path), tmp_path / "out", INFO, "me/repo")
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "adapter_config.json",
        "adapter_model.safetensors",
    ]
    assert (
        json.loads((folder / "adapter_config.json").read_text())["base_model_name_or_path"]
        == "local/byte-tiny"
    )
    card = (folder / "README.md").read_text()
    assert card.startswith("---\nbase_model: local/byte-tiny\nlibrary_name: peft\n")
    assert "tinker_path: tinker://sess-1:train:0/weights/final" in card and "LoRA rank: 4" in card
    assert 'PeftModel.from_pretrained(base, "me/repo")' in card
    assert default_repo_name(INFO) == "tinker-byte-tiny-sess-1-train-0"
    (tmp_path / "checkpoint" / "adapter_config.json").unlink()
    with pytest.raises(CliError, match="not a PEFT adapter"):
        build_adapter_folder(tmp_path / "checkpoint", tmp_path / "again", INFO, "me/repo")


def test_upload_goes_through_huggingface_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    calls: list[tuple[str, dict[str, Any]]] = []

    class Repo:
        repo_id = "me/repo"

    def record(name: str, result: Any = None) -> Any:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.append((name, kwargs))
            if name == "upload_folder":
                kwargs["uploaded"] = sorted(p.name for p in Path(kwargs["folder_path"]).iterdir())
            return result

        return method

    monkeypatch.setattr(huggingface_hub.HfApi, "whoami", record("whoami", {"name": "me"}))
    monkeypatch.setattr(huggingface_hub.HfApi, "create_repo", record("create_repo", Repo()))
    monkeypatch.setattr(huggingface_hub.HfApi, "upload_folder", record("upload_folder"))
    folder = build_adapter_folder(_checkpoint_dir(tmp_path), tmp_path / "out", INFO, "repo")
    options = {"revision": "v1", "commit_message": "m", "create_pr": False, "allow_patterns": None}
    assert upload(folder, "repo", private=True, options=options) == "me/repo"
    assert [name for name, _ in calls] == ["whoami", "create_repo", "upload_folder"]
    assert calls[1][1] == {"repo_id": "repo", "private": True, "exist_ok": True}
    sent = calls[2][1]
    assert sent["repo_id"] == "me/repo" and sent["path_in_repo"] == "" and sent["revision"] == "v1"
    assert sent["uploaded"] == ["README.md", "adapter_config.json", "adapter_model.safetensors"]


def test_upload_without_a_hub_login_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    def not_logged_in(self: Any) -> Any:
        raise OSError("no token")

    monkeypatch.setattr(huggingface_hub.HfApi, "whoami", not_logged_in)
    with pytest.raises(CliError, match="hf auth login"):
        upload(tmp_path, "repo", private=True, options={})


class FakeTraceRest:
    """Answers the trace-export poll from a script of replies, as the server would."""

    def __init__(self, *replies: dict[str, Any]) -> None:
        self.replies = list(replies)
        self.asked: list[dict[str, Any]] = []
        self._calls = self  # RestClient's RestCalls: the CLI calls endpoints through it

    async def call(self, endpoint: Any, **kwargs: Any) -> Any:
        from tinkex.types import TraceExportResponse

        self.asked.append(kwargs)
        return TraceExportResponse(**self.replies.pop(0))


def test_trace_export_polls_until_ready() -> None:
    from tinkex.cli.trace_export import POLL_INTERVAL_S, trace_url

    rest = FakeTraceRest(
        {"status": "pending"}, {"status": "pending"}, {"status": "ready", "url": "http://x/t"}
    )
    slept: list[float] = []
    pending: list[str] = []
    url = trace_url(rest, "sess-1", sleep=slept.append, on_pending=lambda: pending.append("!"))  # type: ignore[arg-type]
    assert url == "http://x/t"
    assert rest.asked == [{"session_id": "sess-1"}] * 3
    assert slept == [POLL_INTERVAL_S] * 2 and pending == ["!"]  # told once, not on every poll


def test_trace_export_failure_and_deadline() -> None:
    from tinkex.cli.trace_export import trace_url

    failed = FakeTraceRest({"status": "failed", "error": "no requests"})
    with pytest.raises(CliError, match="failed for session s: no requests"):
        trace_url(failed, "s", sleep=lambda _: None)  # type: ignore[arg-type]
    now = [0.0]
    slow = FakeTraceRest(*[{"status": "pending"}] * 10)
    with pytest.raises(CliError, match="not ready after 12 s"):
        trace_url(slow, "s", wait_s=12, sleep=lambda s: now.__setitem__(0, now[0] + s), clock=lambda: now[0])  # type: ignore[arg-type]
    assert len(slow.asked) == 3  # 0 s, 5 s, 10 s: a fourth poll would pass the deadline
