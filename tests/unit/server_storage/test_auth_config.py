"""Key sources, owner ids, signed links and exposure rules of the local server (issue #15)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tinkex.server.api_keys import KeySourceError, configured_keys, read_key_file
from tinkex.server.auth import ApiKeys
from tinkex.server.data_dir import SECRET_BYTES, load_or_create_secret
from tinkex.server.exposure import UnsafeExposure, check_exposure, is_loopback
from tinkex.server.storage_records import StorageError
from tinkex.server.url_signing import ArchiveLink, UrlSigner

SECRET = b"s" * 32


def test_key_files_skip_blank_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("# team keys\n\n  tml-one  \n#tml-commented-out\ntml-two\n")
    assert read_key_file(path) == ["tml-one", "tml-two"]
    path.write_text("tml-one tml-two\n")
    with pytest.raises(KeySourceError, match="whitespace") as caught:
        read_key_file(path)
    assert "tml-one" not in str(caught.value)  # messages never repeat a key


def test_keys_come_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("tml-file\ntml-both\n")
    env = {"TINKEX_SERVER_API_KEYS": " tml-env , tml-both,, "}
    assert configured_keys(path, env) == ("tml-file", "tml-both", "tml-env")
    assert configured_keys(None, env) == ("tml-env", "tml-both")
    assert configured_keys(None, {}) == ()


def test_owner_ids_are_stable_per_secret_and_hide_the_key() -> None:
    keys = ApiKeys(["tml-alice", "tml-bob"], SECRET)
    alice = keys.owner_of("tml-alice")
    assert alice is not None and alice != keys.owner_of("tml-bob") and "alice" not in alice
    assert ApiKeys(["tml-alice"], SECRET).owner_of("tml-alice") == alice  # after a restart
    assert ApiKeys(["tml-alice"], b"t" * 32).owner_of("tml-alice") != alice  # another data dir
    assert keys.owner_of("tml-mallory") is None and keys.owner_of("") is None
    assert "tml-alice" not in repr(keys) and len(keys) == 2


def test_links_verify_only_unaltered_and_unexpired() -> None:
    signer = UrlSigner.from_secret(SECRET)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    link = ArchiveLink("sess-1:train:0", "weights/w", int(now.timestamp()) + 60)
    signature = dict(p.split("=") for p in signer.path_and_query(link).split("?")[1].split("&"))["signature"]
    signer.verify(link, signature, now)
    for other in (
        ArchiveLink("sess-1:train:1", "weights/w", link.expires),
        ArchiveLink("sess-1:train:0", "weights/x", link.expires),
        ArchiveLink("sess-1:train:0", "weights/w", link.expires + 1),
    ):
        with pytest.raises(StorageError) as forged:
            signer.verify(other, signature, now)
        assert forged.value.status == 403
    with pytest.raises(StorageError) as expired:
        signer.verify(link, signature, datetime.fromtimestamp(link.expires, UTC))
    assert expired.value.status == 410
    assert repr(signer.key) not in repr(signer)


def test_the_secret_is_created_once_and_private(tmp_path: Path) -> None:
    secret = load_or_create_secret(tmp_path)
    assert len(secret) == SECRET_BYTES and load_or_create_secret(tmp_path) == secret
    if os.name == "posix":
        assert (tmp_path / ".server-secret").stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.10", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_exposure_rules() -> None:
    assert (
        check_exposure("127.0.0.1", has_keys=False, allow_unauthenticated=False, enable_test_hooks=True)
        is None
    )
    assert (
        check_exposure("0.0.0.0", has_keys=True, allow_unauthenticated=False, enable_test_hooks=False) is None
    )
    with pytest.raises(UnsafeExposure, match="without API keys"):
        check_exposure("0.0.0.0", has_keys=False, allow_unauthenticated=False, enable_test_hooks=False)
    warning = check_exposure("0.0.0.0", has_keys=False, allow_unauthenticated=True, enable_test_hooks=False)
    assert warning is not None and warning.startswith("WARNING")
    with pytest.raises(UnsafeExposure, match="test-hooks"):
        check_exposure("0.0.0.0", has_keys=True, allow_unauthenticated=True, enable_test_hooks=True)
