"""The remaining example scripts run end to end against the suite's local server (features EX-*).

Same harness as test_examples.py: each script is a subprocess with TINKER_BASE_URL and
TINKER_API_KEY set, quick sizes, and the assertions read what the script prints (or what it
left on the server).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.integration.examples.test_examples import EXAMPLES, MODEL, launch, number, run_example
from tinkex.server.runner import ServerHandle


def test_custom_loss_regularizers_lowers_the_loss(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-03, EX-06
    out = run_example(
        local_server, tmp_path, "custom_loss_regularizers.py", *MODEL, "--steps", "6", "--report-every", "6"
    )
    assert len(re.findall(r"^step +\d+ +loss [\d.]+ +nll", out, re.M)) == 6
    assert re.search(r"^  kl +value [\d.]+ +weight [\d.]+ +contribution .* grad_norm [\d.]+", out, re.M)
    first, last = number(r"loss first ([\d.]+) last ([\d.]+)", out)
    assert last < first * 0.95
    nll_first, nll_last = number(r"nll first ([\d.]+) last ([\d.]+)", out)
    assert nll_last < nll_first * 0.85


def test_structured_regularizers_offline(tmp_path: Path, local_server: ServerHandle) -> None:
    # covers EX-05
    out = run_example(local_server, tmp_path, "structured_regularizers.py", "--json-out", "report.json")
    for name in ("l1", "entropy", "kl"):
        assert re.search(
            rf"^{name} +value +[\d.]+ +weight [\d.]+ +contribution [\d.]+ +grad_norm [\d.]+", out, re.M
        )
    assert "parallel and sequential agree: True" in out
    assert re.search(r"async regularizer gap: value [\d.]+", out)
    assert number(r"telemetry: (\d+) regularizer stop events", out)[0] == 10  # 3 + 3 + 4 terms
    report = json.loads((tmp_path / "report.json").read_text())
    assert set(report["regularizers"]) == {"l1", "entropy", "kl"}


def test_forward_inference_scores_without_training(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-04
    out = run_example(local_server, tmp_path, "forward_inference.py", *MODEL)
    assert len(re.findall(r"nll/token [\d.]+ +perplexity [\d.]+", out)) == 3
    assert re.search(r"^jax: \d+ logprobs", out, re.M)
    assert number(r"max logprob change ([\d.e+-]+)", out)[0] == 0.0


def test_async_client_creation_runs_clients_concurrently(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-11
    out = run_example(local_server, tmp_path, "async_client_creation.py", *MODEL, "--clients", "3")
    assert "created 3 sampling clients" in out
    assert "distinct sampling sessions: 3" in out
    assert len(re.findall(r"^temperature [\d.]+: ", out, re.M)) == 3


def test_metrics_live_reports_counters_and_percentiles(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-14
    out = run_example(local_server, tmp_path, "metrics_live.py", *MODEL, "--samples", "3")
    assert "counter example_samples = 3" in out
    total = number(r"counter tinkex_requests_total = (\d+)", out)[0]
    assert total >= 6 and number(r"counter tinkex_requests_success = (\d+)", out)[0] == total
    assert re.search(
        r"histogram tinkex_request_duration_ms: count \d+ +p50 [\d.]+ ms +p95 [\d.]+ ms +p99", out
    )


def test_telemetry_reporter_sends_custom_events(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-15, EX-16
    out = run_example(local_server, tmp_path, "telemetry_reporter.py", *MODEL)
    session = re.search(r"reporter enabled: True, session (\S+)", out)
    assert session is not None
    assert "events accepted: 3 of 3" in out and "flushed: True, queued after flush: 0" in out
    assert re.search(r"^bus: 1 x POST /api/v1/asample -> ok$", out, re.M)
    received = json.dumps(local_server.faults.telemetry_payloads())  # type: ignore[attr-defined]
    for marker in ("example.sample_finished", "a handled error", "SESSION_END", session.group(1)):
        assert marker in received


def test_llama3_tokenizer_override_works_offline(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-21
    out = run_example(local_server, tmp_path, "llama3_tokenizer_override.py", *MODEL)
    assert re.search(r"^tokenizer for meta-llama/Llama-3.1-8B: \S+", out, re.M)
    assert "tokenizer for org/model/variant: org/model" in out
    assert "round trip ok" in out
    assert re.search(r"override in this client's config: \S*byte260", out)


def test_multimodal_resume_and_cleanup(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-22
    out = run_example(local_server, tmp_path, "multimodal_resume_and_cleanup.py", *MODEL)
    assert re.search(r"chunks \['encoded_text', 'image', 'encoded_text'\], length \d+ tokens", out)
    assert "no vision model on this server" in out
    cached = (tmp_path / "tmp/checkpoints/default.path").read_text().strip()
    assert f"resuming with optimizer state from {cached}" in out
    again = run_example(local_server, tmp_path, "multimodal_resume_and_cleanup.py", *MODEL)
    assert "saved a state" not in again and f"resuming with optimizer state from {cached}" in again
    assert re.search(r"tinkex checkpoint delete tinker://\S+ --yes", again)


def test_checkpoint_multi_delete_removes_both(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-24
    out = run_example(local_server, tmp_path, "checkpoint_multi_delete.py", *MODEL)
    assert len(re.findall(r"^Deleted tinker://", out, re.M)) == 2
    assert "CLI exit code 0" in out and "after: []" in out and "both deleted" in out


def test_cli_sampling_inline_and_prompt_file(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-12, EX-13
    # Three CLI processes start in turn (each imports tinkex and a tokenizer): a longer limit.
    done = launch(local_server, tmp_path, "cli_sampling.py", *MODEL, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "Sample 1:" in out and "stop_reason=" in out
    result = json.loads((tmp_path / "tmp/cli_sampling/result.json").read_text())
    assert len(result["sequences"]) == 2
    for sequence in result["sequences"]:
        # A sample ends at the 8-token limit ("length") or earlier at the end token ("stop").
        expected_reason = "length" if len(sequence["tokens"]) == 8 else "stop"
        assert 1 <= len(sequence["tokens"]) <= 8 and sequence["stop_reason"] == expected_reason


def test_heartbeat_probe_is_opt_in_and_passes(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-27
    assert "skipped: pass --probe" in run_example(local_server, tmp_path, "heartbeat_probe.py", *MODEL)
    out = run_example(local_server, tmp_path, "heartbeat_probe.py", *MODEL, "--probe")
    assert "POST /api/v1/session_heartbeat -> 200" in out
    assert "POST /api/v1/heartbeat -> 404" in out and "probe passed" in out


def test_retry_and_capture_shows_retries_then_captures(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-17
    out = run_example(local_server, tmp_path, "retry_and_capture.py", *MODEL)
    first = out.split("2)")[0]
    assert re.findall(r"-> (\d+) \(\w+, after (\d+) retries\)", first) == [
        ("500", "0"),
        ("500", "1"),
        ("200", "2"),
    ]
    assert "gave up: InternalServerError (status 500)" in out
    assert "captured as fatal in telemetry: True" in out
    assert not local_server.faults.stats()["rules"]  # type: ignore[attr-defined]  # it removed its faults


def test_queue_state_observer_sees_the_pause(local_server: ServerHandle, tmp_path: Path) -> None:
    # covers EX-26
    # One held-back poll is enough: the observer and the warning both react to the first paused
    # answer, and each further one only adds the SDK's 1 s paused-poll wait.
    done = launch(local_server, tmp_path, "queue_state_observer.py", *MODEL, "--polls", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "observer: queue state 'paused_rate_limit'" in done.stdout
    assert re.search(r"log WARNING tinkex\.\S+: Sampling is paused for \S+\. Reason: ", done.stderr)
    assert "sample finished after the pause" in done.stdout


def test_run_all_lists_every_example() -> None:
    # covers EX-28: the curated list is every example script, in the repository
    scripts = {p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_") and p.name != "run_all.py"}
    source = (EXAMPLES / "run_all.py").read_text()
    curated = set(re.findall(r'^    "(\w+\.py)",$', source, re.M))
    assert curated == scripts
