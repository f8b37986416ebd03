"""Output plumbing: tables never interpret markup or emoji codes; progress only on a terminal (§5.1)."""

from __future__ import annotations

import io

import pytest

from tinkex.cli import output


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_table_prints_values_verbatim(capsys: pytest.CaptureFixture[str]) -> None:  # covers CLI-15
    output.print_table("Runs (1/1)", ["Run ID", "Path"], [["sess-1:train:0", "tinker://x/[bold]y[/bold]"]])
    printed = capsys.readouterr()
    assert "sess-1:train:0" in printed.out  # ":train:" is not an emoji code
    assert "[bold]y[/bold]" in printed.out  # and brackets are not markup
    assert printed.out.splitlines()[0] == "Runs (1/1)"
    assert printed.err == ""


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:  # covers CLI-14
    with output.progress("Fetching checkpoints") as bar:
        bar.update(5, 10)
    assert capsys.readouterr() == ("", "")


def test_progress_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:  # covers CLI-14, DL-01
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with output.progress("Fetching checkpoints") as bar:
        bar.update(3, 7)
    with output.progress("Downloading", transfer=True) as bar:
        bar.update(2048, 4096)
    drawn = terminal.getvalue()
    assert "Fetching checkpoints" in drawn and "3/7" in drawn
    assert "Downloading" in drawn


def test_json_goes_to_stdout_and_notes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:  # covers CLI-13
    output.print_json({"a": 1, "when": None})
    output.note("progress line")
    printed = capsys.readouterr()
    assert printed.out == '{\n  "a": 1,\n  "when": null\n}\n'
    assert printed.err == "progress line\n"
