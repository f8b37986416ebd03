"""The official 0.38 calls answered by the local server itself: copy_weights,
save_weights_external, session trace export and the admin figures (the server side of issue 17).
The same calls are checked at the request level in ``test_official_038_requests.py``.
"""

from __future__ import annotations

import datetime as dt

import tinkex

from ._helpers import MODEL, text_datum


def test_copy_weights_on_the_local_server(
    service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    path = training_client.save_state("to-copy").result(timeout=120).path
    rest = service_client.create_rest_client()
    copied = rest.copy_weights(path, "proj-copy").result(timeout=120)
    assert copied.startswith("tinker://") and copied != path
    assert rest.get_weights_info_by_tinker_path(copied).result(timeout=60).base_model == MODEL


def test_save_weights_external_on_the_local_server(
    service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    saved = training_client.save_weights_external("exported").result(timeout=120)
    assert saved.path.endswith("/external_weights/exported")
    urls = service_client.create_rest_client().get_external_weights_urls(saved.path).result(timeout=60)
    assert urls is not None


def test_export_session_trace_on_the_local_server(
    service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    training_client.forward_backward([text_datum("trace me")], "cross_entropy").result(timeout=120)
    session_id = str(service_client.holder.session_id)
    url = service_client.create_rest_client().export_session_trace(session_id).result(timeout=120)
    assert url.startswith("http")


def test_admin_figures_on_the_local_server(local_server: object) -> None:
    admin = tinkex.AdminClient(base_url=local_server.base_url, api_key="tml-admin-key")  # type: ignore[attr-defined]
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    usage = admin.get_billing_usage(now - dt.timedelta(hours=2), now).result(timeout=60)
    assert usage.data is not None
    assert admin.get_current_checkpoint_storage_usage().result(timeout=60).data is not None
    assert admin.get_audit_log().result(timeout=60).entries is not None
