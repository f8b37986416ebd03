"""``tinkex checkpoint push-hf PATH``: a checkpoint as a PEFT adapter on the Hugging Face Hub,
with the options and JSON output of the official ``tinker checkpoint push-hf``.

``--local-dir DIR`` builds the adapter folder in DIR and uploads nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import click

from tinkex.cli._click import TinkexCommand
from tinkex.cli.formatting import format_bool
from tinkex.cli.hub_export import AdapterInfo, build_adapter_folder, default_repo_name, upload
from tinkex.cli.options import ApiOptions, OutputFormat, api_options, format_options, required_argument
from tinkex.cli.output import print_json, print_properties
from tinkex.cli.session import failures_as, parse_paths, rest_client


@click.command(cls=TinkexCommand, name="push-hf", short_help="Upload a checkpoint to the Hugging Face Hub.")
@required_argument("tinker_path", "TINKER_PATH", "Checkpoint path is required")
@click.option(
    "--repo", "-r", "repo_id", default=None, help="Hub repo id (default: tinker-<base model>-<run id>)."
)
@click.option("--public", is_flag=True, help="Make a new repo public (default: private).")
@click.option("--revision", default=None, help="Branch to upload to.")
@click.option("--commit-message", default=None, help="Commit message of the upload.")
@click.option("--create-pr", is_flag=True, help="Open a pull request instead of pushing to the branch.")
@click.option(
    "--allow-pattern", "allow_patterns", multiple=True, help="Upload only matching files (repeatable)."
)
@click.option("--ignore-pattern", "ignore_patterns", multiple=True, help="Skip matching files (repeatable).")
@click.option("--no-model-card", is_flag=True, help="Leave README.md (the model card) out.")
@click.option(
    "--local-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Only build the adapter folder here; upload nothing.",
)
@format_options
@api_options()
def push_hf_command(
    tinker_path: str,
    repo_id: str | None,
    public: bool,
    revision: str | None,
    commit_message: str | None,
    create_pr: bool,
    allow_patterns: tuple[str, ...],
    ignore_patterns: tuple[str, ...],
    no_model_card: bool,
    local_dir: Path | None,
    output_format: OutputFormat,
    api: ApiOptions,
) -> None:
    """Upload a checkpoint to the Hugging Face Hub as a PEFT adapter (safetensors weights,
    adapter_config.json and a model card). Needs `hf auth login` unless --local-dir is given."""
    with failures_as("Push to the Hub"), tempfile.TemporaryDirectory(prefix="tinkex-push-hf-") as scratch:
        (parsed,) = parse_paths([tinker_path])
        with rest_client(api) as rest:
            weights = rest.get_weights_info_by_tinker_path(tinker_path).result()
            downloaded = rest.download_checkpoint(tinker_path, output_dir=scratch, force=True).result()
        info = AdapterInfo(
            tinker_path=tinker_path,
            training_run_id=parsed.training_run_id,
            base_model=weights.base_model,
            lora_rank=weights.lora_rank,
            trained={"attn": weights.train_attn, "mlp": weights.train_mlp, "unembed": weights.train_unembed},
        )
        name = repo_id or default_repo_name(info)
        folder = build_adapter_folder(
            downloaded.destination, local_dir or Path(scratch) / "adapter", info, name
        )
        if no_model_card:
            (folder / "README.md").unlink()
        if local_dir is not None:
            result: dict[str, Any] = {"checkpoint_path": tinker_path, "local_dir": str(folder)}
        else:
            options: dict[str, Any] = {
                "revision": revision,
                "commit_message": commit_message or f"Upload {tinker_path}",
                "create_pr": create_pr,
                "allow_patterns": list(allow_patterns) or None,
                "ignore_patterns": list(ignore_patterns) or None,
            }
            uploaded = upload(folder, name, private=not public, options=options)
            result = {"checkpoint_path": tinker_path, "repo_id": uploaded}
            if revision is not None:
                result["revision"] = revision
            result["public"] = public
    if output_format == "json":
        print_json(result)
        return
    labels = {"checkpoint_path": "Checkpoint path", "repo_id": "Repo ID", "local_dir": "Adapter folder"}
    labels.update(revision="Revision", public="Public")
    rows = [(labels[k], format_bool(v) if isinstance(v, bool) else str(v)) for k, v in result.items()]
    print_properties(f"Checkpoint Hub upload: {tinker_path}", rows)
