"""The official ``tinker`` SDK (0.38) drives the local server end to end, unmodified.

The SDK registers the same protobuf file name as ``tinker_proto`` in protobuf's default descriptor
pool, so both cannot live in one interpreter: the server runs in this process and the SDK flow in
a child interpreter that only imports ``tinker``.
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
    import tinker
    from tinker import types

    PHRASE = list(b"tinkex speaks tinker")

    def client(maybe_future):
        return maybe_future.result() if hasattr(maybe_future, "result") else maybe_future

    service = tinker.ServiceClient()
    names = [m.model_name for m in client(tinker.RestClient().get_server_capabilities()).supported_models]
    assert "local/byte-tiny" in names, names

    training = client(service.create_lora_training_client(base_model="local/byte-tiny", rank=8, seed=0))
    datum = types.Datum(
        model_input=types.ModelInput.from_ints(PHRASE[:-1]),
        loss_fn_inputs={"target_tokens": PHRASE[1:], "weights": [1.0] * (len(PHRASE) - 1)},
    )
    losses = []
    for _ in range(30):
        fb = training.forward_backward([datum], "cross_entropy")
        step = training.optim_step(types.AdamParams(learning_rate=3e-3))
        losses.append(fb.result().metrics["loss:sum"])
        step.result()
    assert losses[-1] < losses[0] / 4, losses

    sampler = client(training.save_weights_and_get_sampling_client())
    greedy = types.SamplingParams(max_tokens=len(PHRASE) - 1, temperature=0.0)
    sample = sampler.sample(prompt=types.ModelInput.from_ints(PHRASE[:1]), num_samples=1, sampling_params=greedy).result()
    produced = PHRASE[:1] + list(sample.sequences[0].tokens)
    assert produced == PHRASE, bytes(t for t in produced if t < 256)

    base = client(service.create_sampling_client(base_model="local/byte-tiny"))
    assert len(base.sample(prompt=types.ModelInput.from_ints([1, 2]), num_samples=2, sampling_params=greedy).result().sequences) == 2

    state_path = training.save_state("contract").result().path
    reference = training.forward([datum], "cross_entropy").result().loss_fn_outputs[0]["logprobs"].tolist()
    restored = client(service.create_training_client_from_state_with_optimizer(state_path))
    again = restored.forward([datum], "cross_entropy").result().loss_fn_outputs[0]["logprobs"].tolist()
    assert again == reference

    rest = tinker.RestClient()
    listed = rest.list_checkpoints(training.model_id).result()
    assert "weights/contract" in [c.checkpoint_id for c in listed.checkpoints], listed
    service.close("success").result()  # sends sessions/{id}/finish
    print("SDK FLOW OK", losses[0], losses[-1], flush=True)
    # The flow is complete and checked. Skip interpreter teardown: the official SDK's native
    # HTTP runtime (pyqwest) has been seen to abort (SIGABRT) while Python shuts down.
    import os
    os._exit(0)
    """
)


@pytest.fixture(scope="module")
def server(compile_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    # The suite's JAX compile cache, as every other test server has: without it each run
    # compiled the model's programs from scratch (~7 s of this test).
    handle = start_server(
        data_dir=tmp_path_factory.mktemp("sdk-contract"),
        models=["local/byte-tiny"],
        compile_cache_dir=compile_cache,
    )
    yield handle
    handle.stop()


@pytest.mark.server
def test_official_sdk_trains_samples_saves_and_restores(server: ServerHandle) -> None:
    # find_spec, not import: importing tinker here would clash with tinker_proto (see module doc)
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
    assert "SDK FLOW OK" in result.stdout
