"""The official ``tinker`` SDK's 0.38 calls against the local server: the gspo and stable_reinforce
losses (stable_reinforce also by provenance of sequences sampled with record_stability_info), copy_weights, search_sessions, export_session_trace, the AdminClient's audit and billing
figures, and save_weights_external with its download URLs.

As in test_official_sdk.py, the SDK runs in a child interpreter (its protobuf file name clashes
with ``tinker_proto``) and the server in this process.
"""

from __future__ import annotations

import importlib.util
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

from tinkex.server.runner import ServerHandle, start_server  # noqa: E402

SDK_FLOW = textwrap.dedent(
    """
    import json
    import urllib.request
    from datetime import datetime, timedelta, timezone

    import numpy as np
    import tinker
    from tinker import types

    PHRASE = list(b"official 0.38 calls")
    service = tinker.ServiceClient()
    rest = tinker.RestClient()
    training = service.create_lora_training_client(base_model="local/byte-tiny", rank=4, seed=0)
    n = len(PHRASE) - 1
    plain = types.Datum(
        model_input=types.ModelInput.from_ints(PHRASE[:-1]),
        loss_fn_inputs={"target_tokens": PHRASE[1:], "weights": [1.0] * n},
    )
    learner = np.asarray(training.forward([plain], "cross_entropy").result().loss_fn_outputs[0]["logprobs"].tolist())
    sampler_lp = learner - 0.05 * np.arange(n) / n
    advantages = np.linspace(-1.0, 1.0, n)
    mask = [0.0] * 3 + [1.0] * (n - 3)
    rl = types.Datum(
        model_input=types.ModelInput.from_ints(PHRASE[:-1]),
        loss_fn_inputs={
            "target_tokens": PHRASE[1:],
            "logprobs": sampler_lp.tolist(),
            "advantages": advantages.tolist(),
            "sequence_ratio_mask": mask,
        },
    )

    # gspo: the sequence ratio over the masked tokens, inside a wide band, so -s*A per token.
    config = {"clip_low_threshold": 0.5, "clip_high_threshold": 1.5}
    out = training.forward_backward([rl], "gspo", loss_fn_config=config).result()
    lp = np.asarray(out.loss_fn_outputs[0]["logprobs"].tolist())
    s = np.exp(np.mean((lp - sampler_lp)[3:]))
    expected = float(np.sum(-np.minimum(s * advantages, np.clip(s, 0.5, 1.5) * advantages)))
    assert abs(out.metrics["loss:sum"] - expected) < 1e-4, (out.metrics, expected)

    # stable_reinforce with kl_coeff (a string-capable v2 config map on the wire).
    out = training.forward_backward([rl], "stable_reinforce", loss_fn_config={"kl_coeff": 0.1}).result()
    lp = np.asarray(out.loss_fn_outputs[0]["logprobs"].tolist())
    r = np.exp(lp - sampler_lp)
    expected = float(np.sum(-np.minimum(r, 2.0) * lp * advantages + 0.1 * ((r - 1) - np.log(r))))
    assert abs(out.metrics["loss:sum"] - expected) < 1e-4, (out.metrics, expected)
    training.optim_step(types.AdamParams(learning_rate=1e-3)).result()

    # stable_reinforce as the Tinker docs use it: no logprobs input; the sampler's come from the
    # sequence recorded with record_stability_info, named by provenance spans.
    sampler = training.save_weights_and_get_sampling_client(record_stability_info=True)
    prompt = PHRASE[:4]
    params = types.SamplingParams(max_tokens=6, temperature=1.0, seed=3)
    seq = sampler.sample(prompt=types.ModelInput.from_ints(prompt), num_samples=1, sampling_params=params).result().sequences[0]
    k, n_prompt = len(seq.tokens), len(prompt) - 1
    full = prompt + list(seq.tokens)
    adv = np.array([0.0] * n_prompt + [1.0] * k)
    sid = seq.sequence_id
    datum = types.Datum(
        model_input=types.ModelInput.from_ints(full[:-1]),
        loss_fn_inputs={"target_tokens": full[1:], "advantages": adv.tolist()},
    ).with_provenance(
        model_input=[types.PromptProvenanceSpan(sequence_id=sid, offset=0, length=len(prompt)), types.SampledProvenanceSpan(sequence_id=sid, offset=0, length=k - 1)],
        loss_fn_inputs=[types.PromptProvenanceSpan(sequence_id=sid, offset=1, length=n_prompt), types.SampledProvenanceSpan(sequence_id=sid, offset=0, length=k)],
    )
    out = training.forward_backward([datum], "stable_reinforce", loss_fn_config={"kl_coeff": 0.1}).result()
    lp = np.asarray(out.loss_fn_outputs[0]["logprobs"].tolist())
    q = np.array([0.0] * n_prompt + list(seq.logprobs))
    sampled = np.array([0.0] * n_prompt + [1.0] * k)
    r = np.exp(lp - q)
    expected = float(np.sum(-np.minimum(r, 2.0) * lp * adv + 0.1 * sampled * ((r - 1) - np.log(r))))
    assert abs(out.metrics["loss:sum"] - expected) < 1e-4, (out.metrics, expected)

    path = training.save_state("official").result().path
    copied = rest.copy_weights(path, "proj-archive").result()
    assert copied.startswith("tinker://") and copied.endswith("/weights/official") and copied != path, copied
    assert rest.get_weights_info_by_tinker_path(copied).result().lora_rank == 4

    session_id = rest.list_sessions().result().sessions[0]
    found = rest.search_sessions(types.SessionSearchRequest(session_id=session_id)).result().sessions
    assert [(s.session_id, s.checkpoints_count, s.status.type) for s in found] == [(session_id, 1, "active")], found
    url = rest.export_session_trace(session_id).result()
    with urllib.request.urlopen(url) as reply:
        trace = json.load(reply)
    names = [e["name"] for e in trace["traceEvents"] if e.get("cat") == "request"]
    assert names.count("forward_backward") == 3 and "save_weights" in names, names

    admin = tinker.AdminClient()
    audit = admin.get_audit_log(event_type="checkpoints").result()
    assert path in [e.tinker_path for e in audit.entries], audit
    hour = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    usage = admin.get_billing_usage(starting_on=hour - timedelta(hours=1), ending_before=hour + timedelta(hours=2)).result()
    kinds = {event.event_info.type for event in usage.data}
    assert {"training", "checkpoint", "storage"} <= kinds, kinds
    storage = admin.get_current_checkpoint_storage_usage().result()
    assert sum(row.checkpoint_count for row in storage.data) == 2, storage  # the save and its copy

    external = training.save_weights_external("official-ext").result().path
    assert external.endswith("/external_weights/official-ext"), external
    urls = rest.get_external_weights_urls(external).result().urls
    with urllib.request.urlopen(urls["adapter_config.json"]) as reply:
        assert json.load(reply)["peft_type"] == "LORA"

    service.close("success").result()
    print("SDK 0.38 CALLS OK", flush=True)
    import os
    os._exit(0)  # skip teardown: the SDK's native HTTP runtime has aborted at interpreter exit
    """
)


@pytest.fixture(scope="module")
def server(compile_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    handle = start_server(  # the suite's JAX compile cache, as every other test server has
        data_dir=tmp_path_factory.mktemp("sdk-038"),
        models=["local/byte-tiny"],
        compile_cache_dir=compile_cache,
    )
    yield handle
    handle.stop()


@pytest.mark.server
def test_official_sdk_038_calls_run_against_the_local_server(server: ServerHandle) -> None:
    # covers protocol.md 5.4 (gspo, stable_reinforce), 3.3 (copy_weights), 3.6 (trace_export), 3.7 (admin)
    assert importlib.util.find_spec("tinker") is not None, "install the dev extra (it pins tinker==0.38.0)"
    env = {
        **os.environ,
        "TINKER_BASE_URL": server.base_url,
        "TINKER_API_KEY": "tml-local-test",
        "TINKER_TELEMETRY": "0",
        "HF_HUB_OFFLINE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SDK_FLOW], env=env, capture_output=True, text=True, timeout=280, cwd=ROOT
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-6000:]}"
    assert "SDK 0.38 CALLS OK" in result.stdout
