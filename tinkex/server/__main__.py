"""``python -m tinkex.server``: run the local Tinker-compatible server until Ctrl-C."""

from __future__ import annotations

import argparse
from pathlib import Path

from tinkex._core.startup import imports_uncollected

if __name__ == "__main__":  # the program itself: its imports (JAX) run uncollected
    with imports_uncollected():
        import tinkex.server.runner  # noqa: F401

from tinkex.server.api_keys import KEYS_ENV_VAR, KeySourceError, configured_keys
from tinkex.server.runner import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DataDirInUse,
    UnsafeExposure,
    check_models,
    default_data_dir,
    run_server,
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tinkex.server", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST, help="interface to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one (printed)")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help=f"checkpoints and runs (default: {default_data_dir()})"
    )
    parser.add_argument(
        "--api-key-file",
        type=Path,
        default=None,
        help=f"require API keys: one per line, # comments allowed (also {KEYS_ENV_VAR}, comma-separated)",
    )
    parser.add_argument(
        "--allow-unauthenticated",
        action="store_true",
        help="allow a non-loopback --host without API keys (anyone who can reach it has full access)",
    )
    parser.add_argument(
        "--jwt-auth",
        action="store_true",
        help="turn on JWT mode: SDKs exchange their key at /api/v1/auth/token (official whoami needs it)",
    )
    parser.add_argument(
        "--models", default=None, help="comma-separated catalog models to offer (default: all)"
    )
    parser.add_argument(
        "--enable-test-hooks", action="store_true", help="mount /_local/* fault injection (tests only)"
    )
    parser.add_argument("--compile-cache-dir", type=Path, default=None, help="persistent JAX compile cache")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    models = [m.strip() for m in args.models.split(",") if m.strip()] if args.models else None
    try:
        check_models(models)
        keys = configured_keys(args.api_key_file)
    except (ValueError, KeySourceError) as error:
        raise SystemExit(f"error: {error}") from None
    try:
        run_server(
            host=args.host,
            port=args.port,
            data_dir=args.data_dir,
            models=models,
            enable_test_hooks=args.enable_test_hooks,
            compile_cache_dir=args.compile_cache_dir,
            api_keys=keys,
            allow_unauthenticated=args.allow_unauthenticated,
            jwt_auth=args.jwt_auth,
        )
    except (UnsafeExposure, DataDirInUse) as error:
        raise SystemExit(f"error: {error}") from None


if __name__ == "__main__":
    main()
