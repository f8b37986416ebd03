"""Parsing, help, wording and exit codes of the `tinkex` command line (features CLI-01…CLI-03,
CLI-13, CLI-17, CLI-18, §5.1). No server: every case here fails or finishes before a request."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tinkex.cli import cli
from tinkex.cli.options import ApiOptions

# Nothing listens here: a command that reached the network would fail with a connection error.
DEAD_URL = "http://127.0.0.1:9"
SECRET = "tml-very-secret-key-0123456789"
NO_ENV = {"TINKER_API_KEY": None, "TINKER_BASE_URL": None}


def invoke(
    *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input, env={**NO_ENV, **(env or {})})


def all_commands() -> list[tuple[list[str], click.Command]]:
    found: list[tuple[list[str], click.Command]] = []

    def walk(path: list[str], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk([*path, name], sub)

    walk([], cli)
    return found


def test_command_tree() -> None:  # covers CLI-01, §5.2
    names = {" ".join(path) for path, _ in all_commands()}
    assert names == {
        "",
        "version",
        "serve",
        "checkpoint",
        "checkpoint save",
        "checkpoint list",
        "checkpoint info",
        "checkpoint publish",
        "checkpoint unpublish",
        "checkpoint delete",
        "checkpoint download",
        "checkpoint set-ttl",
        "run",
        "run sample",
        "run list",
        "run info",
        # the official CLI's commands that Tinkex's lacked
        "auth",
        "auth login",
        "auth logout",
        "auth status",
        "auth whoami",
        "billing",
        "billing usage",
        "billing checkpoint-storage",
        "model",
        "model list",
        "session",
        "session export-trace",
        "checkpoint push-hf",
    }


@pytest.mark.parametrize(
    ("path", "command"), all_commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_every_help_documents_every_flag(path: list[str], command: click.Command) -> None:  # covers CLI-01
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    for param in command.params:
        if isinstance(param, click.Option):
            for flag in [*param.opts, *param.secondary_opts]:
                assert flag in result.stdout, f"{flag} missing from `tinkex {' '.join(path)} --help`"
            assert param.help, f"{param.opts} has no help text"
    assert "-h, --help" in result.stdout
    short = invoke(*path, "-h")
    assert short.exit_code == 0 and short.stdout == result.stdout


def test_no_arguments_prints_help_and_succeeds() -> None:  # covers CLI-02
    result = invoke()
    assert result.exit_code == 0
    assert "Usage: tinkex" in result.stdout and "checkpoint" in result.stdout


def test_unknown_command() -> None:  # covers CLI-02
    result = invoke("bogus")
    assert result.exit_code == 1
    assert "Unknown command: bogus" in result.stderr
    assert "Usage: tinkex" in result.stderr  # the help follows the message
    assert result.stdout == ""


def test_unknown_option_and_extra_arguments() -> None:  # covers CLI-02
    result = invoke("version", "--bogus")
    assert result.exit_code == 1
    assert "Invalid option(s) for tinkex version: --bogus" in result.stderr
    extra = invoke("version", "a", "b")
    assert extra.exit_code == 1
    assert "Unexpected argument(s) for tinkex version: 'a' 'b'" in extra.stderr
    info = invoke("checkpoint", "info", "tinker://r/weights/a", "tinker://r/weights/b")
    assert info.exit_code == 1
    assert "Unexpected argument(s) for tinkex checkpoint info: 'tinker://r/weights/b'" in info.stderr


def test_missing_positional_wording() -> None:  # covers §5.8, §5.13
    assert "Checkpoint path is required" in invoke("checkpoint", "info").stderr
    result = invoke("run", "info")
    assert result.exit_code == 1 and "Run ID is required" in result.stderr


def test_version_plain_json_and_alias(monkeypatch: pytest.MonkeyPatch) -> None:  # covers CLI-03
    from tinkex._version import __version__
    from tinkex.cli.commands import version

    # The real commit comes from a `git` child process (tests/integration/fresh_process/).
    monkeypatch.setattr(version, "git_commit", lambda: "abc1234")
    plain = invoke("version")
    assert plain.exit_code == 0
    assert plain.stdout == f"tinkex {__version__} (abc1234)\n"
    data = json.loads(invoke("version", "--json", "--deps").stdout)
    assert data == {"version": __version__, "commit": "abc1234"}
    alias = invoke("--version")
    assert alias.exit_code == 0 and alias.stdout == plain.stdout
    # The format given before the command applies too (CLI-13).
    assert json.loads(invoke("-f", "json", "version").stdout)["version"] == __version__
    assert json.loads(invoke("--json", "version").stdout)["version"] == __version__


def test_invalid_format_is_an_error() -> None:  # covers CLI-13
    result = invoke("checkpoint", "list", "--format", "xml", "--base-url", DEAD_URL)
    assert result.exit_code == 1
    assert "Invalid format: xml" in result.stderr
    assert result.stdout == ""


def test_missing_api_key_is_a_user_error(tmp_path: Path) -> None:  # covers CLI-18
    no_stored_key = {"TINKEX_CREDENTIALS_FILE": str(tmp_path / "none.json")}
    result = invoke("run", "list", "--base-url", DEAD_URL, env=no_stored_key)
    assert result.exit_code == 1
    # The flags and the login command are named, not the Python argument (api_key=...).
    assert result.stderr.startswith("No API key: pass --api-key KEY, set TINKER_API_KEY")
    assert "tinkex auth login" in result.stderr and "api_key" not in result.stderr


def test_bad_paths_fail_before_any_request() -> None:  # covers CLI-17, CLI-09
    env = {"TINKER_API_KEY": SECRET, "TINKER_BASE_URL": DEAD_URL}
    for args in (
        ["checkpoint", "info", "weights/x"],
        ["checkpoint", "publish", "tinker://run"],
        ["checkpoint", "set-ttl", "tinker://run/bogus/x", "--ttl", "3600"],
        ["checkpoint", "download", "s3://x"],
    ):
        result = invoke(*args, env=env)
        assert result.exit_code == 1, args
        assert "failed: [validation]" in result.stderr, result.stderr
        assert "connection" not in result.stderr.lower()
    delete = invoke("checkpoint", "delete", "tinker://run/weights/ok", "nope", "--yes", env=env)
    assert delete.exit_code == 1
    assert delete.stderr.startswith("Delete failed: [validation]")
    assert "Deleting" not in delete.stderr


def test_delete_confirmation_declined_or_eof() -> None:  # covers CLI-09
    env = {"TINKER_API_KEY": SECRET, "TINKER_BASE_URL": DEAD_URL}
    paths = ["tinker://run/weights/a", "tinker://run/sampler_weights/b"]
    for answer in (None, "n\n", "maybe\n"):
        result = invoke("checkpoint", "delete", *paths, input=answer, env=env)
        assert result.exit_code == 1  # nothing asked for happened: a failure for scripts
        assert "Preparing to delete 2 checkpoints:" in result.stderr
        assert "  - tinker://run/weights/a" in result.stderr
        assert "Proceed? [y/N] " in result.stderr
        assert "Aborted: deleted none of 2 checkpoints." in result.stderr
        assert result.stdout == ""
    as_json = invoke("checkpoint", "delete", paths[0], "--json", env=env)
    assert as_json.exit_code == 1 and as_json.stdout == ""


def test_delete_argument_rules() -> None:  # covers CLI-09
    env = {"TINKER_API_KEY": SECRET, "TINKER_BASE_URL": DEAD_URL}
    neither = invoke("checkpoint", "delete", env=env)
    assert neither.exit_code == 1 and "Pass checkpoint paths or --run-id" in neither.stderr
    both = invoke("checkpoint", "delete", "tinker://r/weights/a", "--run-id", "r", env=env)
    assert both.exit_code == 1 and "Pass checkpoint paths or --run-id" in both.stderr
    filters = invoke("checkpoint", "delete", "tinker://r/weights/a", "--type", "weights", env=env)
    assert filters.exit_code == 1 and "--type, --before and --after need --run-id" in filters.stderr
    bad_date = invoke("checkpoint", "delete", "--run-id", "r", "--before", "yesterday", env=env)
    assert bad_date.exit_code == 1 and "is not an ISO 8601 date" in bad_date.stderr


def test_set_ttl_needs_exactly_one_choice() -> None:  # covers §5.14
    for args in ([], ["--ttl", "3600", "--remove"]):
        result = invoke("checkpoint", "set-ttl", "tinker://r/weights/a", *args)
        assert result.exit_code == 1
        assert "exactly one of --ttl SECONDS or --remove" in result.stderr
    # The server's floor is an hour: the help says so and shorter values never reach it.
    assert "at least 3600 (1 hour)" in " ".join(invoke("checkpoint", "set-ttl", "--help").stdout.split())
    for short in ("0", "60", "3599"):
        refused = invoke("checkpoint", "set-ttl", "tinker://r/weights/a", "--ttl", short)
        assert refused.exit_code == 1 and "3600<=x" in refused.stderr


def test_negative_limits_are_refused() -> None:  # covers CLI-14
    for command in (["run", "list"], ["checkpoint", "list"]):
        for flag in ("--limit", "--offset"):
            refused = invoke(*command, flag, "-1")
            assert refused.exit_code == 1 and "-1 is not in the range x>=0" in refused.stderr


def test_timeout_is_in_seconds(monkeypatch: pytest.MonkeyPatch) -> None:  # covers CLI-18
    from tinkex.cli.commands import checkpoint_manage

    seen: list[ApiOptions] = []

    def capture(api: ApiOptions) -> None:
        seen.append(api)
        raise KeyboardInterrupt

    monkeypatch.setattr(checkpoint_manage, "rest_client", capture)
    invoke("checkpoint", "list", "--timeout", "30")
    assert seen[0].timeout_s == 30.0  # not 0.03 s
    assert "--timeout SECONDS" in invoke("checkpoint", "list", "--help").stdout
    assert invoke("checkpoint", "list", "--timeout", "0").exit_code == 1


def test_sampling_prompt_rules() -> None:  # covers CLI-05
    base = ["run", "--base-model", "local/byte-tiny", "--base-url", DEAD_URL]
    both = invoke(*base, "--prompt", "x", "--prompt-file", "p.txt")
    assert both.exit_code == 1 and "--prompt and --prompt-file cannot both be provided" in both.stderr
    neither = invoke(*base)
    assert neither.exit_code == 1 and "Missing prompt. Provide --prompt or --prompt-file" in neither.stderr
    unreadable = invoke(*base, "--prompt-file", "does/not/exist.json")
    assert unreadable.exit_code == 1
    assert "Failed to read prompt file does/not/exist.json" in unreadable.stderr
    no_model = invoke("run", "sample", "--prompt", "x")
    assert no_model.exit_code == 1 and "Missing --base-model (or --model-path)" in no_model.stderr


def test_save_mode_requirements(tmp_path: Path) -> None:  # covers CLI-04
    result = invoke("checkpoint", "--rank", "4", "--no-train-mlp")
    # LoRA settings alone are not a save request: bare `checkpoint` prints its help
    assert result.exit_code == 0 and "Usage: tinkex checkpoint" in result.stdout
    missing_model = invoke("checkpoint", "--output", str(tmp_path / "m.json"))
    assert missing_model.exit_code == 1 and "Missing --base-model (or --model-path)" in missing_model.stderr
    missing_output = invoke("checkpoint", "save", "--base-model", "local/byte-tiny")
    assert (
        missing_output.exit_code == 1
        and "--output is required for checkpoint command" in missing_output.stderr
    )


def test_secret_never_in_options_repr() -> None:  # covers CLI-18 (secrets redacted)
    assert SECRET not in repr(ApiOptions(api_key=SECRET))
    result = invoke("checkpoint", "info", "not-a-path", "--api-key", SECRET)
    assert result.exit_code == 1
    assert SECRET not in result.output


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:  # covers CLI-01 (130 on Ctrl-C)
    from tinkex.cli.commands import run_manage

    def interrupted(api: ApiOptions) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run_manage, "rest_client", interrupted)
    result = invoke("run", "list")
    assert result.exit_code == 130
    assert "Interrupted." in result.stderr


def test_group_flags_reach_subcommands(monkeypatch: pytest.MonkeyPatch) -> None:  # covers CLI-18
    from tinkex.cli.commands import run_manage

    seen: list[ApiOptions] = []

    def capture(api: ApiOptions) -> None:
        seen.append(api)
        raise KeyboardInterrupt

    monkeypatch.setattr(run_manage, "rest_client", capture)
    invoke("run", "--base-url", "http://flag.example", "--timeout", "1.5", "list", "--api-key", SECRET)
    assert seen == [ApiOptions(api_key=SECRET, base_url="http://flag.example", timeout_s=1.5)]
    assert seen[0].timeout_s == 1.5
