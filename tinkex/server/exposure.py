"""Who can reach the server: refusing to start on a non-loopback interface without API keys.

Without keys every caller is the one local user and can read, download and delete everything,
which is fine on loopback and unsafe anywhere else. So a non-loopback ``--host`` needs keys, or
an explicit ``--allow-unauthenticated`` (and then the server warns at startup). The test hooks
(fault injection, forced crashes) are for local tests only and are never offered off loopback.
"""

from __future__ import annotations

import ipaddress
import socket


class UnsafeExposure(ValueError):
    """Starting as asked would expose the server; the message says how to start it safely."""


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: look at what it resolves to
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses)


def check_exposure(
    host: str, *, has_keys: bool, allow_unauthenticated: bool, enable_test_hooks: bool
) -> str | None:
    """Raise ``UnsafeExposure`` for an unsafe start; return a warning for an allowed risky one."""
    if is_loopback(host):
        return None
    if enable_test_hooks:
        raise UnsafeExposure(
            f"--enable-test-hooks is for local tests only and needs a loopback --host, not {host!r}"
        )
    if has_keys:
        return None
    if not allow_unauthenticated:
        raise UnsafeExposure(
            f"refusing to listen on {host!r} without API keys: anyone who can reach it could read and "
            "delete every checkpoint. Give keys with --api-key-file (or TINKEX_SERVER_API_KEYS), bind "
            "127.0.0.1, or pass --allow-unauthenticated if this network is trusted"
        )
    return (
        f"WARNING: listening on {host!r} without API keys (--allow-unauthenticated): anyone who can "
        "reach this address can read, download and delete every checkpoint"
    )
