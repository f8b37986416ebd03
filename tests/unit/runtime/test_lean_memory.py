"""Resident-memory measures of issue 8 that are behaviour, not timing.

- ``tinkex._lean_httpx``: importing tinkex and then httpx does not load httpx's terminal
  client (click, rich, pygments), and nothing else about httpx changes.
- ``httpx_is_patched`` (asked before every request) does not import httpcore.
- ``encode_json`` hands back exact-size bytes for small bodies (orjson's own result keeps
  its whole working buffer, several KiB, alive for as long as the body is in flight).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
import tracemalloc

from tinkex._http.client import encode_json

_PROBE = textwrap.dedent(
    """
    import json, sys
    import tinkex
    import httpx
    from tinkex._lean_httpx import _SkipHttpxCli
    report = {
        "cli_loaded": "httpx._main" in sys.modules,
        "finder_left": any(isinstance(f, _SkipHttpxCli) for f in sys.meta_path),
        "client_works": httpx.Client is not None and httpx.AsyncClient is not None,
    }
    try:
        import httpx._main
        report["explicit_import"] = "ok"
    except ImportError as exc:
        report["explicit_import"] = type(exc).__name__ + ": " + str(exc)
    print(json.dumps(report))
    """
)


def _probe(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_httpx_imported_after_tinkex_skips_its_cli_and_the_finder_goes_away() -> None:
    report = _probe(_PROBE)
    assert report["cli_loaded"] is False
    assert report["finder_left"] is False
    assert report["client_works"] is True
    cli_installable = all(importlib.util.find_spec(m) is not None for m in ("click", "rich", "pygments"))
    # Asked for explicitly, the CLI module still imports (when its dependencies are there).
    if cli_installable:
        assert report["explicit_import"] == "ok"
    else:
        assert str(report["explicit_import"]).startswith("ModuleNotFoundError")


def test_httpx_imported_before_tinkex_is_left_alone() -> None:
    report = _probe("import httpx, sys, json\n" + _PROBE.replace("import httpx\n", "", 1))
    assert report["finder_left"] is False
    cli_installable = all(importlib.util.find_spec(m) is not None for m in ("click", "rich", "pygments"))
    assert report["cli_loaded"] is cli_installable


def test_small_json_bodies_are_exact_size() -> None:
    body = {"prompt": {"chunks": [{"type": "encoded_text", "tokens": list(range(32))}]}, "seq_id": 3}
    tracemalloc.start()
    try:
        kept = [encode_json(body) for _ in range(200)]
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert json.loads(kept[0]) == body
    # about len() + the bytes header each; orjson's own result would hold ~4 KiB or more
    assert held / len(kept) < len(kept[0]) + 200


def test_checking_for_httpx_mocks_does_not_import_httpcore() -> None:
    code = (
        "import json, sys\n"
        "from tinkex._http.fast.transport import httpx_is_patched\n"
        "patched = httpx_is_patched()\n"
        'print(json.dumps({"patched": patched, "httpcore": "httpcore" in sys.modules}))\n'
    )
    assert _probe(code) == {"patched": False, "httpcore": False}


def test_a_patched_httpcore_pool_is_still_detected() -> None:
    code = (
        "import json, httpcore\n"
        "from tinkex._http.fast.transport import httpx_is_patched\n"
        "before = httpx_is_patched()\n"
        "async def mocked(self, request): raise RuntimeError\n"
        "httpcore.AsyncConnectionPool.handle_async_request = mocked\n"
        'print(json.dumps({"before": before, "after": httpx_is_patched()}))\n'
    )
    assert _probe(code) == {"before": False, "after": True}
