"""Getting a session's trace: ask the server to build it, poll until it is ready, download it.

The poll goes through the generated ``get_session_trace_export`` endpoint on the REST
client's connection (so it has the SDK's auth, retries and error mapping); the download is a
plain GET of the signed URL, which needs no credentials, streamed to the file by httpx.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tinkex.cli._click import CliError
from tinkex.cli.session import call_endpoint

if TYPE_CHECKING:
    from tinkex.rest_client import RestClient

POLL_INTERVAL_S = 5.0  # the protocol's poll period for trace exports
DEFAULT_WAIT_S = 900.0
DOWNLOAD_TIMEOUT_S = 60.0
CHUNK_BYTES = 1 << 16


def trace_url(
    rest: RestClient,
    session_id: str,
    *,
    wait_s: float = DEFAULT_WAIT_S,
    on_pending: Callable[[], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """The signed download URL of the session's trace, once the server has built it."""
    from tinker_openapi.api.rest import get_session_trace_export

    deadline = clock() + wait_s
    first = True
    while True:
        reply = call_endpoint(rest, get_session_trace_export, "export_session_trace", session_id=session_id)
        status = str(reply.status)
        if status == "ready" and reply.url:
            return str(reply.url)
        if status == "failed":
            raise CliError(
                f"Trace export failed for session {session_id}: {reply.error or 'no reason given'}"
            )
        if clock() + POLL_INTERVAL_S > deadline:
            raise CliError(f"Trace export for session {session_id} not ready after {wait_s:g} s (--timeout)")
        if first and on_pending is not None:
            on_pending()
        first = False
        sleep(POLL_INTERVAL_S)


def download(url: str, destination: Path, progress: Callable[[int, int | None], None] | None = None) -> int:
    """Stream ``url`` to ``destination``; the number of bytes written."""
    import httpx

    written = 0
    try:
        with httpx.stream("GET", url, timeout=DOWNLOAD_TIMEOUT_S, follow_redirects=True) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length") or 0) or None
            with destination.open("wb") as out:
                for chunk in response.iter_bytes(CHUNK_BYTES):
                    out.write(chunk)
                    written += len(chunk)
                    if progress is not None:
                        progress(written, total)
    except httpx.HTTPError as error:
        raise CliError(
            f"Failed to download the trace: {error}. The signed URL lasts about an hour; run the command again."
        ) from error
    except OSError as error:
        raise CliError(f"Failed to save the trace to {destination}: {error}") from error
    return written
