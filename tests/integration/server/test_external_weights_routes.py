"""save_weights_external and external_weights_urls over raw HTTP (protocol.md 3.3 and 3.6)."""

from __future__ import annotations

import json

import httpx
import numpy as np
from safetensors.numpy import load as load_safetensors

from tinkex.server.runner import ServerHandle
from tinkex.server.storage_files import directory_name
from tinkex.server.testing import RawClient, text_datum

PHRASE = list(b"external weights")


def test_external_weights_are_a_peft_adapter_behind_signed_urls(
    api: RawClient, local_server: ServerHandle
) -> None:
    # covers protocol.md 3.3 (save_weights_external) and 3.6 (external_weights_urls)
    model_id = api.create_model(api.session(), 0, rank=4)
    api.forward_output(api.submit_forward_backward(model_id, 1, [text_datum(PHRASE)]))
    api.optim_step(model_id, 2)
    saved = api.result(api.ok("save_weights_external", {"model_id": model_id, "path": "ext", "seq_id": 3}))
    assert saved["path"] == f"tinker://{model_id}/external_weights/ext" and saved["size_bytes"] > 0
    listed = api.http.get(f"/api/v1/training_runs/{model_id}/checkpoints").json()["checkpoints"]
    assert [(c["checkpoint_id"], c["checkpoint_type"]) for c in listed] == [
        ("external_weights/ext", "external")
    ]

    base = f"/api/v1/training_runs/{model_id}/checkpoints/external_weights/ext"
    reply = api.http.get(f"{base}/external_weights_urls").json()
    assert sorted(reply["urls"]) == ["adapter_config.json", "adapter_model.safetensors"]
    config = httpx.get(reply["urls"]["adapter_config.json"]).json()  # no API key: the URLs are signed
    assert config["peft_type"] == "LORA" and config["r"] == 4
    tensors = load_safetensors(httpx.get(reply["urls"]["adapter_model.safetensors"]).content)
    assert tensors and all(name.endswith(("lora_A.weight", "lora_B.weight")) for name in tensors)
    on_disk = local_server.data_dir / "runs" / directory_name(model_id) / "external_weights" / "ext"
    assert json.loads((on_disk / "adapter_config.json").read_text()) == config
    b_matrices = [v for k, v in tensors.items() if k.endswith("lora_B.weight")]
    assert any(np.any(m != 0) for m in b_matrices)  # the trained step is in the export

    tampered = reply["urls"]["adapter_config.json"].replace("signature=", "signature=f")
    assert httpx.get(tampered).status_code == 403
    assert api.http.delete(base).status_code in (200, 204)
    assert httpx.get(reply["urls"]["adapter_config.json"]).status_code == 404


def test_save_weights_external_refusals(api: RawClient) -> None:
    # covers protocol.md 3.3 (save_weights_external errors)
    model_id = api.create_model(api.session(), 0, rank=4)
    age = api.post(
        "save_weights_external",
        {"model_id": model_id, "path": "enc", "seq_id": 1, "age_encryption_recipients": ["age1xyz"]},
    )
    assert age.status_code == 400 and "age_encryption_recipients" in age.json()["detail"]
    short = api.post(
        "save_weights_external", {"model_id": model_id, "path": "t", "seq_id": 2, "ttl_seconds": 60}
    )
    assert short.status_code == 400 and "ttl_seconds" in short.json()["detail"]
    assert api.post("save_weights_external", {"model_id": model_id, "seq_id": 3}).status_code == 400
    not_external = api.http.get(
        f"/api/v1/training_runs/{model_id}/checkpoints/weights/w/external_weights_urls"
    )
    assert not_external.status_code == 400
    missing = api.http.get(
        f"/api/v1/training_runs/{model_id}/checkpoints/external_weights/w/external_weights_urls"
    )
    assert missing.status_code == 404
