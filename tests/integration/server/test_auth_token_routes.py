"""``POST /api/v1/auth/token`` on the local server (protocol.md 2.3): the JWT both SDKs read
``whoami`` from, and that same JWT accepted as the credential in JWT mode."""

from __future__ import annotations

import httpx
import jwt

from tinkex.server.data_dir import load_or_create_secret
from tinkex.server.jwt_tokens import TokenIssuer
from tinkex.server.testing import RawClient, ServerFactory

KEYS = ["tml-alice-key", "tml-bob-key"]


def _claims(token: str) -> dict[str, object]:
    claims: dict[str, object] = jwt.decode(token, options={"verify_signature": False})
    return claims


def _client(base_url: str, credential: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers={"X-API-Key": credential})


def test_auth_off_issues_a_token_for_the_one_local_user(api: RawClient) -> None:
    config = api.ok("client/config", {"sdk_version": "0.38.0"})
    assert config["pjwt_auth_enabled"] is False  # JWT mode is opt-in (--jwt-auth)
    token = api.ok("auth/token", {})["jwt"]
    claims = _claims(token)
    assert claims["sub"] == "tml:user:local" and claims["org_id"] == "local"
    assert claims["email"] == "local@localhost"
    assert isinstance(claims["iat"], int) and isinstance(claims["exp"], int)
    assert 0 < claims["exp"] - claims["iat"] <= 3600
    assert api.post("auth/token", content=b"not json").status_code == 400


def test_tokens_name_a_stable_owner_per_key_and_never_the_key(server_factory: ServerFactory) -> None:
    server = server_factory.start(api_keys=KEYS)
    alice, bob = _client(server.base_url, KEYS[0]), _client(server.base_url, KEYS[1])
    first = alice.post("/api/v1/auth/token", json={}).json()["jwt"]
    second = alice.post("/api/v1/auth/token", json={}).json()["jwt"]
    bobs = bob.post("/api/v1/auth/token", json={}).json()["jwt"]
    assert _claims(first)["sub"] == _claims(second)["sub"] != _claims(bobs)["sub"]
    assert str(_claims(first)["sub"]).startswith("tml:user:key-")
    assert KEYS[0] not in str(_claims(first))
    # The token's sub is the same owner the account routes report for the key.
    me = alice.get("/api/v1/auth/apikey/me").json()
    assert _claims(first)["sub"] == f"tml:user:{me['name']}"
    assert _client(server.base_url, "tml-stranger").post("/api/v1/auth/token", json={}).status_code == 401
    assert httpx.post(f"{server.base_url}/api/v1/auth/token", json={}).status_code == 401


def test_a_token_stands_in_for_its_key_until_it_expires_or_the_key_is_revoked(
    server_factory: ServerFactory,
) -> None:
    server = server_factory.start(api_keys=KEYS, jwt_auth=True)
    alice = _client(server.base_url, KEYS[0])
    assert alice.post("/api/v1/client/config", json={}).json()["pjwt_auth_enabled"] is True
    token = alice.post("/api/v1/auth/token", json={}).json()["jwt"]
    as_token = _client(server.base_url, token)
    session_id = as_token.post("/api/v1/create_session", json={"tags": [], "sdk_version": "t"}).json()[
        "session_id"
    ]
    # What the token created belongs to the key: alice's key sees it, bob's does not.
    assert alice.get(f"/api/v1/sessions/{session_id}").status_code == 200
    assert _client(server.base_url, KEYS[1]).get(f"/api/v1/sessions/{session_id}").status_code == 404
    # A token may be exchanged for a fresh one (the official SDK re-exchanges what it was given).
    assert as_token.post("/api/v1/auth/token", json={}).status_code == 200

    # Tokens another server signed, or that have expired, get the challenge the SDK re-exchanges on.
    owner = str(_claims(token)["sub"]).removeprefix("tml:user:")
    forged = TokenIssuer.per_process().issue(owner)
    expired = TokenIssuer.for_secret(load_or_create_secret(server.data_dir), ttl_s=-5).issue(owner)
    for bad in (forged, expired):
        reply = _client(server.base_url, bad).get("/api/v1/sessions")
        assert reply.status_code == 401
        assert reply.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        assert bad not in reply.text

    assert alice.delete("/api/v1/auth/apikey/me").status_code == 204
    revoked = as_token.get("/api/v1/sessions")
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
