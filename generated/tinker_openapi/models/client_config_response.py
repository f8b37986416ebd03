from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClientConfigResponse")


@_attrs_define
class ClientConfigResponse:
    """Feature flags; every field is optional and clients use the documented default when absent.

    Attributes:
        pjwt_auth_enabled (bool | Unset): JWT exchange via /api/v1/auth/token (default false)
        credential_default_source (str | Unset): `api_key` (default) or `credential_cmd`
        use_pyqwest_transport (bool | Unset): default true
        proto_compress_fwdbwd (bool | Unset): zstd-compress forward_backward bodies (default false)
        parallel_fwdbwd_chunks (bool | Unset): default true
        fwdbwd_max_chunk_len (int | Unset): max datums per forward_backward request (default 1024)
        fwdbwd_max_chunk_bytes_count (int | Unset): max estimated bytes per forward_backward request (default 5000000)
        fwdbwd_dispatch_bytes_semaphore_size (int | Unset): default 50000000
        sample_dispatch_bytes_semaphore_size (int | Unset): default 10485760
        inflight_response_bytes_semaphore_size (int | Unset): default 52428800
        billing_exception_max_pause_duration_sec (int | Unset): default 3600
        sample_no_retries (bool | Unset): default false
        sample_enable_stuck_detection (bool | Unset): default true
        sample_max_concurrent_requests (int | Unset): default 2000
        sample_use_retrieve_futures (bool | Unset): use /api/v1/retrieve_futures (0.38, default false)
        custom_loss_server_side (bool | Unset): upload custom losses (0.38, default false)
        sample_join_sampling_session (bool | Unset): clones call /api/v1/join_sampling_session (0.38, default false)
        create_model_via_load_weights (bool | Unset): 0.25 only (default false)
    """

    pjwt_auth_enabled: bool | Unset = UNSET
    credential_default_source: str | Unset = UNSET
    use_pyqwest_transport: bool | Unset = UNSET
    proto_compress_fwdbwd: bool | Unset = UNSET
    parallel_fwdbwd_chunks: bool | Unset = UNSET
    fwdbwd_max_chunk_len: int | Unset = UNSET
    fwdbwd_max_chunk_bytes_count: int | Unset = UNSET
    fwdbwd_dispatch_bytes_semaphore_size: int | Unset = UNSET
    sample_dispatch_bytes_semaphore_size: int | Unset = UNSET
    inflight_response_bytes_semaphore_size: int | Unset = UNSET
    billing_exception_max_pause_duration_sec: int | Unset = UNSET
    sample_no_retries: bool | Unset = UNSET
    sample_enable_stuck_detection: bool | Unset = UNSET
    sample_max_concurrent_requests: int | Unset = UNSET
    sample_use_retrieve_futures: bool | Unset = UNSET
    custom_loss_server_side: bool | Unset = UNSET
    sample_join_sampling_session: bool | Unset = UNSET
    create_model_via_load_weights: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pjwt_auth_enabled = self.pjwt_auth_enabled

        credential_default_source = self.credential_default_source

        use_pyqwest_transport = self.use_pyqwest_transport

        proto_compress_fwdbwd = self.proto_compress_fwdbwd

        parallel_fwdbwd_chunks = self.parallel_fwdbwd_chunks

        fwdbwd_max_chunk_len = self.fwdbwd_max_chunk_len

        fwdbwd_max_chunk_bytes_count = self.fwdbwd_max_chunk_bytes_count

        fwdbwd_dispatch_bytes_semaphore_size = self.fwdbwd_dispatch_bytes_semaphore_size

        sample_dispatch_bytes_semaphore_size = self.sample_dispatch_bytes_semaphore_size

        inflight_response_bytes_semaphore_size = self.inflight_response_bytes_semaphore_size

        billing_exception_max_pause_duration_sec = self.billing_exception_max_pause_duration_sec

        sample_no_retries = self.sample_no_retries

        sample_enable_stuck_detection = self.sample_enable_stuck_detection

        sample_max_concurrent_requests = self.sample_max_concurrent_requests

        sample_use_retrieve_futures = self.sample_use_retrieve_futures

        custom_loss_server_side = self.custom_loss_server_side

        sample_join_sampling_session = self.sample_join_sampling_session

        create_model_via_load_weights = self.create_model_via_load_weights

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pjwt_auth_enabled is not UNSET:
            field_dict["pjwt_auth_enabled"] = pjwt_auth_enabled
        if credential_default_source is not UNSET:
            field_dict["credential_default_source"] = credential_default_source
        if use_pyqwest_transport is not UNSET:
            field_dict["use_pyqwest_transport"] = use_pyqwest_transport
        if proto_compress_fwdbwd is not UNSET:
            field_dict["proto_compress_fwdbwd"] = proto_compress_fwdbwd
        if parallel_fwdbwd_chunks is not UNSET:
            field_dict["parallel_fwdbwd_chunks"] = parallel_fwdbwd_chunks
        if fwdbwd_max_chunk_len is not UNSET:
            field_dict["fwdbwd_max_chunk_len"] = fwdbwd_max_chunk_len
        if fwdbwd_max_chunk_bytes_count is not UNSET:
            field_dict["fwdbwd_max_chunk_bytes_count"] = fwdbwd_max_chunk_bytes_count
        if fwdbwd_dispatch_bytes_semaphore_size is not UNSET:
            field_dict["fwdbwd_dispatch_bytes_semaphore_size"] = fwdbwd_dispatch_bytes_semaphore_size
        if sample_dispatch_bytes_semaphore_size is not UNSET:
            field_dict["sample_dispatch_bytes_semaphore_size"] = sample_dispatch_bytes_semaphore_size
        if inflight_response_bytes_semaphore_size is not UNSET:
            field_dict["inflight_response_bytes_semaphore_size"] = inflight_response_bytes_semaphore_size
        if billing_exception_max_pause_duration_sec is not UNSET:
            field_dict["billing_exception_max_pause_duration_sec"] = billing_exception_max_pause_duration_sec
        if sample_no_retries is not UNSET:
            field_dict["sample_no_retries"] = sample_no_retries
        if sample_enable_stuck_detection is not UNSET:
            field_dict["sample_enable_stuck_detection"] = sample_enable_stuck_detection
        if sample_max_concurrent_requests is not UNSET:
            field_dict["sample_max_concurrent_requests"] = sample_max_concurrent_requests
        if sample_use_retrieve_futures is not UNSET:
            field_dict["sample_use_retrieve_futures"] = sample_use_retrieve_futures
        if custom_loss_server_side is not UNSET:
            field_dict["custom_loss_server_side"] = custom_loss_server_side
        if sample_join_sampling_session is not UNSET:
            field_dict["sample_join_sampling_session"] = sample_join_sampling_session
        if create_model_via_load_weights is not UNSET:
            field_dict["create_model_via_load_weights"] = create_model_via_load_weights

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pjwt_auth_enabled = d.pop("pjwt_auth_enabled", UNSET)

        credential_default_source = d.pop("credential_default_source", UNSET)

        use_pyqwest_transport = d.pop("use_pyqwest_transport", UNSET)

        proto_compress_fwdbwd = d.pop("proto_compress_fwdbwd", UNSET)

        parallel_fwdbwd_chunks = d.pop("parallel_fwdbwd_chunks", UNSET)

        fwdbwd_max_chunk_len = d.pop("fwdbwd_max_chunk_len", UNSET)

        fwdbwd_max_chunk_bytes_count = d.pop("fwdbwd_max_chunk_bytes_count", UNSET)

        fwdbwd_dispatch_bytes_semaphore_size = d.pop("fwdbwd_dispatch_bytes_semaphore_size", UNSET)

        sample_dispatch_bytes_semaphore_size = d.pop("sample_dispatch_bytes_semaphore_size", UNSET)

        inflight_response_bytes_semaphore_size = d.pop("inflight_response_bytes_semaphore_size", UNSET)

        billing_exception_max_pause_duration_sec = d.pop("billing_exception_max_pause_duration_sec", UNSET)

        sample_no_retries = d.pop("sample_no_retries", UNSET)

        sample_enable_stuck_detection = d.pop("sample_enable_stuck_detection", UNSET)

        sample_max_concurrent_requests = d.pop("sample_max_concurrent_requests", UNSET)

        sample_use_retrieve_futures = d.pop("sample_use_retrieve_futures", UNSET)

        custom_loss_server_side = d.pop("custom_loss_server_side", UNSET)

        sample_join_sampling_session = d.pop("sample_join_sampling_session", UNSET)

        create_model_via_load_weights = d.pop("create_model_via_load_weights", UNSET)

        client_config_response = cls(
            pjwt_auth_enabled=pjwt_auth_enabled,
            credential_default_source=credential_default_source,
            use_pyqwest_transport=use_pyqwest_transport,
            proto_compress_fwdbwd=proto_compress_fwdbwd,
            parallel_fwdbwd_chunks=parallel_fwdbwd_chunks,
            fwdbwd_max_chunk_len=fwdbwd_max_chunk_len,
            fwdbwd_max_chunk_bytes_count=fwdbwd_max_chunk_bytes_count,
            fwdbwd_dispatch_bytes_semaphore_size=fwdbwd_dispatch_bytes_semaphore_size,
            sample_dispatch_bytes_semaphore_size=sample_dispatch_bytes_semaphore_size,
            inflight_response_bytes_semaphore_size=inflight_response_bytes_semaphore_size,
            billing_exception_max_pause_duration_sec=billing_exception_max_pause_duration_sec,
            sample_no_retries=sample_no_retries,
            sample_enable_stuck_detection=sample_enable_stuck_detection,
            sample_max_concurrent_requests=sample_max_concurrent_requests,
            sample_use_retrieve_futures=sample_use_retrieve_futures,
            custom_loss_server_side=custom_loss_server_side,
            sample_join_sampling_session=sample_join_sampling_session,
            create_model_via_load_weights=create_model_via_load_weights,
        )

        client_config_response.additional_properties = d
        return client_config_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
