"""The `tinkex` command in a fresh interpreter: help stays light, and `python -m tinkex` works.

These start child Pythons, so they live in the integration tier (tests/unit starts no process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TINKER_API_KEY": "", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_help_stays_light() -> None:  # covers §5.15 (lazy subcommands)
    code = (
        "import sys\n"
        "from tinkex.cli import main\n"
        "for argv in (['--help'], ['checkpoint', '--help'], ['run', '--help'], ['serve', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit as exit:\n"
        "        assert exit.code == 0, exit.code\n"
        "heavy = [m for m in ('jax', 'transformers', 'httpx', 'numpy', 'tinkex.service_client') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = _fresh_python(code)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr


def test_python_dash_m_tinkex() -> None:  # covers CLI-01 (python -m tinkex alias)
    done = subprocess.run(
        [sys.executable, "-m", "tinkex", "version", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert "version" in shown
    assert shown["commit"] is None or isinstance(shown["commit"], str)  # git's answer, when a checkout
    bad = subprocess.run(
        [sys.executable, "-m", "tinkex", "bogus"], capture_output=True, text=True, timeout=120, check=False
    )
    assert bad.returncode == 1
    assert "Unknown command: bogus" in bad.stderr
