"""A checkpoint as a PEFT adapter folder, and its upload to the Hugging Face Hub (``checkpoint push-hf``).

The folder holds exactly what PEFT loads (``adapter_model.safetensors``, ``adapter_config.json``
naming the base model) and a model card (``README.md``); the checkpoint's other files
(optimizer state, server metadata) stay out. The upload is ``huggingface_hub``'s: it reads the
token the user stored with ``hf auth login``.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinkex.cli._click import CliError

ADAPTER_FILES = ("adapter_model.safetensors", "adapter_config.json")


@dataclass(frozen=True)
class AdapterInfo:
    tinker_path: str
    training_run_id: str
    base_model: str
    lora_rank: int | None
    trained: dict[str, bool | None]


def build_adapter_folder(checkpoint_dir: Path, folder: Path, info: AdapterInfo, repo_id: str) -> Path:
    """Copy the adapter files of ``checkpoint_dir`` into ``folder`` and write the model card."""
    missing = [name for name in ADAPTER_FILES if not (checkpoint_dir / name).is_file()]
    if missing:
        raise CliError(f"{info.tinker_path} is not a PEFT adapter (missing {', '.join(missing)})")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(checkpoint_dir / "adapter_model.safetensors", folder / "adapter_model.safetensors")
    config = json.loads((checkpoint_dir / "adapter_config.json").read_text(encoding="utf-8"))
    if not isinstance(config.get("base_model_name_or_path"), str):
        config["base_model_name_or_path"] = info.base_model
    (folder / "adapter_config.json").write_text(
        json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (folder / "README.md").write_text(model_card(info, repo_id), encoding="utf-8")
    return folder


def model_card(info: AdapterInfo, repo_id: str) -> str:
    """A Hub model card: YAML metadata (base model, library, tags) and how to load the adapter."""
    tags = ["tinker", "peft", "lora", f"base_model:adapter:{info.base_model}"]
    trained = ", ".join(f"{name}={value}" for name, value in info.trained.items() if value is not None)
    lines = [
        "---",
        f"base_model: {info.base_model}",
        "library_name: peft",
        "tags:",
        *(f"- {tag}" for tag in tags),
        f"tinker_path: {info.tinker_path}",
        "---",
        "",
        "# LoRA adapter trained with Tinker",
        "",
        "```python",
        "from peft import PeftModel",
        "from transformers import AutoModelForCausalLM",
        "",
        f'base = AutoModelForCausalLM.from_pretrained("{info.base_model}")',
        f'model = PeftModel.from_pretrained(base, "{repo_id}")',
        "```",
        "",
        f"- Source checkpoint: `{info.tinker_path}`",
        f"- Base model: {info.base_model}",
    ]
    if info.lora_rank is not None:
        lines.append(f"- LoRA rank: {info.lora_rank}")
    if trained:
        lines.append(f"- Trained modules: {trained}")
    return "\n".join(lines) + "\n"


def default_repo_name(info: AdapterInfo) -> str:
    """``tinker-<base model name>-<run id>`` with only the characters Hub repo names allow."""
    raw = f"tinker-{info.base_model.rsplit('/', 1)[-1]}-{info.training_run_id}"
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]", "-", raw)).strip("-._")


def upload(folder: Path, repo_id: str, *, private: bool, options: dict[str, Any]) -> str:
    """Create the repo if needed and upload ``folder`` to it; the repo id."""
    try:
        from huggingface_hub import HfApi
    except ImportError as error:
        raise CliError("checkpoint push-hf needs huggingface_hub (pip install huggingface_hub)") from error
    api = HfApi()
    try:
        api.whoami()
    except Exception as error:
        raise CliError(f"Not logged in to the Hugging Face Hub (run `hf auth login`): {error}") from error
    repo = api.create_repo(repo_id=repo_id, private=private, exist_ok=True)
    final_id = str(getattr(repo, "repo_id", None) or repo_id)
    api.upload_folder(folder_path=str(folder), repo_id=final_id, path_in_repo="", **options)
    return final_id
