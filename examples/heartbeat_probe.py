"""Heartbeat probe: the session heartbeat endpoint answers 200, the retired one 404.

Opens a session, then sends one heartbeat the way tinkex's background heartbeat does
(``POST /api/v1/session_heartbeat``, through the generated API with the client's policy),
and one raw request to the endpoint used before Tinkex 0.1.8 (``POST /api/v1/heartbeat``),
which must be gone. Against a configured server (TINKER_BASE_URL) this is an opt-in live
probe: pass ``--probe`` or set TINKER_HEARTBEAT_PROBE=1. Feature EX-27.

    python examples/heartbeat_probe.py [--probe] [--model local/byte-small]
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack

import httpx
from _local import open_service_client
from tinker_openapi.api.session import create_session, session_heartbeat
from tinker_openapi.models import CreateSessionRequest, SessionHeartbeatRequest

import tinkex


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default="local/byte-small")
    parser.add_argument("--probe", action="store_true", help="run against a configured TINKER_BASE_URL")
    args = parser.parse_args()

    configured = bool(os.environ.get("TINKER_BASE_URL"))
    opted_in = args.probe or os.environ.get("TINKER_HEARTBEAT_PROBE") == "1"
    if configured and not opted_in:
        print("skipped: pass --probe or set TINKER_HEARTBEAT_PROBE=1 to probe a live server")
        return 0

    with ExitStack() as stack:
        service = open_service_client(stack, args.model)
        request = CreateSessionRequest(
            tags=["heartbeat-probe"], user_metadata={}, sdk_version=tinkex.__version__
        )
        session_id = create_session.sync(client=service.api, body=request).session_id
        print(f"session {session_id}")

        current = session_heartbeat.sync_detailed(
            client=service.api, body=SessionHeartbeatRequest(session_id=session_id)
        )
        print(f"POST /api/v1/session_heartbeat -> {current.status_code}")

        # The retired endpoint is not in the API spec any more, so it goes out as a raw request.
        legacy = httpx.post(
            service.config.base_url + "/api/v1/heartbeat",
            json={"session_id": session_id},
            headers={"X-API-Key": service.config.api_key or ""},
            timeout=10,
        )
        print(f"POST /api/v1/heartbeat -> {legacy.status_code}")
        ok = current.status_code == 200 and legacy.status_code == 404
        print("probe passed" if ok else "probe FAILED: expected 200 and 404")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
