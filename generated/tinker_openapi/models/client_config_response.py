from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel

if TYPE_CHECKING:
    pass

_C_pjwt_auth_enabled: _f.Converter = _f.as_bool
_D_pjwt_auth_enabled: Any = _f.Default(False)
_C_credential_default_source: _f.Converter = _f.as_str
_D_credential_default_source: Any = _f.Default("api_key")
_C_use_pyqwest_transport: _f.Converter = _f.as_bool
_D_use_pyqwest_transport: Any = _f.Default(True)
_C_proto_compress_fwdbwd: _f.Converter = _f.as_bool
_D_proto_compress_fwdbwd: Any = _f.Default(False)
_C_parallel_fwdbwd_chunks: _f.Converter = _f.as_bool
_D_parallel_fwdbwd_chunks: Any = _f.Default(True)
_C_fwdbwd_max_chunk_len: _f.Converter = _f.as_int
_D_fwdbwd_max_chunk_len: Any = _f.Default(1024)
_C_fwdbwd_max_chunk_bytes_count: _f.Converter = _f.as_int
_D_fwdbwd_max_chunk_bytes_count: Any = _f.Default(5000000)
_C_fwdbwd_dispatch_bytes_semaphore_size: _f.Converter = _f.as_int
_D_fwdbwd_dispatch_bytes_semaphore_size: Any = _f.Default(50000000)
_C_sample_dispatch_bytes_semaphore_size: _f.Converter = _f.as_int
_D_sample_dispatch_bytes_semaphore_size: Any = _f.Default(10485760)
_C_inflight_response_bytes_semaphore_size: _f.Converter = _f.as_int
_D_inflight_response_bytes_semaphore_size: Any = _f.Default(52428800)
_C_billing_exception_max_pause_duration_sec: _f.Converter = _f.as_int
_D_billing_exception_max_pause_duration_sec: Any = _f.Default(3600)
_C_sample_no_retries: _f.Converter = _f.as_bool
_D_sample_no_retries: Any = _f.Default(False)
_C_sample_enable_stuck_detection: _f.Converter = _f.as_bool
_D_sample_enable_stuck_detection: Any = _f.Default(True)
_C_sample_max_concurrent_requests: _f.Converter = _f.as_int
_D_sample_max_concurrent_requests: Any = _f.Default(2000)
_C_sample_use_retrieve_futures: _f.Converter = _f.as_bool
_D_sample_use_retrieve_futures: Any = _f.Default(False)
_C_custom_loss_server_side: _f.Converter = _f.as_bool
_D_custom_loss_server_side: Any = _f.Default(False)
_C_sample_join_sampling_session: _f.Converter = _f.as_bool
_D_sample_join_sampling_session: Any = _f.Default(False)
_C_create_model_via_load_weights: _f.Converter = _f.as_bool
_D_create_model_via_load_weights: Any = _f.Default(False)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class ClientConfigResponse(TinkerModel):
    """
    Feature flags; every field is optional and clients use the documented default when absent.

    Attributes:
        pjwt_auth_enabled: JWT exchange via /api/v1/auth/token (default false)
        credential_default_source: `api_key` (default) or `credential_cmd`
        use_pyqwest_transport: default true
        proto_compress_fwdbwd: zstd-compress forward_backward bodies (default false)
        parallel_fwdbwd_chunks: default true
        fwdbwd_max_chunk_len: max datums per forward_backward request (default 1024)
        fwdbwd_max_chunk_bytes_count: max estimated bytes per forward_backward request (default 5000000)
        fwdbwd_dispatch_bytes_semaphore_size: default 50000000
        sample_dispatch_bytes_semaphore_size: default 10485760
        inflight_response_bytes_semaphore_size: default 52428800
        billing_exception_max_pause_duration_sec: default 3600
        sample_no_retries: default false
        sample_enable_stuck_detection: default true
        sample_max_concurrent_requests: default 2000
        sample_use_retrieve_futures: use /api/v1/retrieve_futures (0.38, default false)
        custom_loss_server_side: upload custom losses (0.38, default false)
        sample_join_sampling_session: clones call /api/v1/join_sampling_session (0.38, default false)
        create_model_via_load_weights: 0.25 only (default false)
    """

    _tinker_title: ClassVar[str] = "ClientConfigResponse"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "pjwt_auth_enabled",
        "credential_default_source",
        "use_pyqwest_transport",
        "proto_compress_fwdbwd",
        "parallel_fwdbwd_chunks",
        "fwdbwd_max_chunk_len",
        "fwdbwd_max_chunk_bytes_count",
        "fwdbwd_dispatch_bytes_semaphore_size",
        "sample_dispatch_bytes_semaphore_size",
        "inflight_response_bytes_semaphore_size",
        "billing_exception_max_pause_duration_sec",
        "sample_no_retries",
        "sample_enable_stuck_detection",
        "sample_max_concurrent_requests",
        "sample_use_retrieve_futures",
        "custom_loss_server_side",
        "sample_join_sampling_session",
        "create_model_via_load_weights",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset({})

    pjwt_auth_enabled: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "pjwt_auth_enabled",
            "annotation": "bool",
            "doc": "JWT exchange via /api/v1/auth/token (default false)",
        },
    )
    credential_default_source: str = _attrs_field(
        default="api_key",
        metadata={
            "wire": "credential_default_source",
            "annotation": "str",
            "doc": "`api_key` (default) or `credential_cmd`",
        },
    )
    use_pyqwest_transport: bool = _attrs_field(
        default=True, metadata={"wire": "use_pyqwest_transport", "annotation": "bool", "doc": "default true"}
    )
    proto_compress_fwdbwd: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "proto_compress_fwdbwd",
            "annotation": "bool",
            "doc": "zstd-compress forward_backward bodies (default false)",
        },
    )
    parallel_fwdbwd_chunks: bool = _attrs_field(
        default=True, metadata={"wire": "parallel_fwdbwd_chunks", "annotation": "bool", "doc": "default true"}
    )
    fwdbwd_max_chunk_len: int = _attrs_field(
        default=1024,
        metadata={
            "wire": "fwdbwd_max_chunk_len",
            "annotation": "int",
            "doc": "max datums per forward_backward request (default 1024)",
        },
    )
    fwdbwd_max_chunk_bytes_count: int = _attrs_field(
        default=5000000,
        metadata={
            "wire": "fwdbwd_max_chunk_bytes_count",
            "annotation": "int",
            "doc": "max estimated bytes per forward_backward request (default 5000000)",
        },
    )
    fwdbwd_dispatch_bytes_semaphore_size: int = _attrs_field(
        default=50000000,
        metadata={"wire": "fwdbwd_dispatch_bytes_semaphore_size", "annotation": "int", "doc": "default 50000000"},
    )
    sample_dispatch_bytes_semaphore_size: int = _attrs_field(
        default=10485760,
        metadata={"wire": "sample_dispatch_bytes_semaphore_size", "annotation": "int", "doc": "default 10485760"},
    )
    inflight_response_bytes_semaphore_size: int = _attrs_field(
        default=52428800,
        metadata={"wire": "inflight_response_bytes_semaphore_size", "annotation": "int", "doc": "default 52428800"},
    )
    billing_exception_max_pause_duration_sec: int = _attrs_field(
        default=3600,
        metadata={"wire": "billing_exception_max_pause_duration_sec", "annotation": "int", "doc": "default 3600"},
    )
    sample_no_retries: bool = _attrs_field(
        default=False, metadata={"wire": "sample_no_retries", "annotation": "bool", "doc": "default false"}
    )
    sample_enable_stuck_detection: bool = _attrs_field(
        default=True, metadata={"wire": "sample_enable_stuck_detection", "annotation": "bool", "doc": "default true"}
    )
    sample_max_concurrent_requests: int = _attrs_field(
        default=2000, metadata={"wire": "sample_max_concurrent_requests", "annotation": "int", "doc": "default 2000"}
    )
    sample_use_retrieve_futures: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "sample_use_retrieve_futures",
            "annotation": "bool",
            "doc": "use /api/v1/retrieve_futures (0.38, default false)",
        },
    )
    custom_loss_server_side: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "custom_loss_server_side",
            "annotation": "bool",
            "doc": "upload custom losses (0.38, default false)",
        },
    )
    sample_join_sampling_session: bool = _attrs_field(
        default=False,
        metadata={
            "wire": "sample_join_sampling_session",
            "annotation": "bool",
            "doc": "clones call /api/v1/join_sampling_session (0.38, default false)",
        },
    )
    create_model_via_load_weights: bool = _attrs_field(
        default=False,
        metadata={"wire": "create_model_via_load_weights", "annotation": "bool", "doc": "0.25 only (default false)"},
    )

    def __init__(
        self,
        *,
        pjwt_auth_enabled: bool = _D_pjwt_auth_enabled,
        credential_default_source: str = _D_credential_default_source,
        use_pyqwest_transport: bool = _D_use_pyqwest_transport,
        proto_compress_fwdbwd: bool = _D_proto_compress_fwdbwd,
        parallel_fwdbwd_chunks: bool = _D_parallel_fwdbwd_chunks,
        fwdbwd_max_chunk_len: int = _D_fwdbwd_max_chunk_len,
        fwdbwd_max_chunk_bytes_count: int = _D_fwdbwd_max_chunk_bytes_count,
        fwdbwd_dispatch_bytes_semaphore_size: int = _D_fwdbwd_dispatch_bytes_semaphore_size,
        sample_dispatch_bytes_semaphore_size: int = _D_sample_dispatch_bytes_semaphore_size,
        inflight_response_bytes_semaphore_size: int = _D_inflight_response_bytes_semaphore_size,
        billing_exception_max_pause_duration_sec: int = _D_billing_exception_max_pause_duration_sec,
        sample_no_retries: bool = _D_sample_no_retries,
        sample_enable_stuck_detection: bool = _D_sample_enable_stuck_detection,
        sample_max_concurrent_requests: int = _D_sample_max_concurrent_requests,
        sample_use_retrieve_futures: bool = _D_sample_use_retrieve_futures,
        custom_loss_server_side: bool = _D_custom_loss_server_side,
        sample_join_sampling_session: bool = _D_sample_join_sampling_session,
        create_model_via_load_weights: bool = _D_create_model_via_load_weights,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = set()
        try:
            if _f.omitted(pjwt_auth_enabled, _D_pjwt_auth_enabled):
                _tinker_set(self, "pjwt_auth_enabled", _D_pjwt_auth_enabled.get())
            else:
                _tinker_fs.add("pjwt_auth_enabled")
                _tinker_set(self, "pjwt_auth_enabled", _C_pjwt_auth_enabled(pjwt_auth_enabled, ("pjwt_auth_enabled",)))
            if _f.omitted(credential_default_source, _D_credential_default_source):
                _tinker_set(self, "credential_default_source", _D_credential_default_source.get())
            else:
                _tinker_fs.add("credential_default_source")
                _tinker_set(
                    self,
                    "credential_default_source",
                    _C_credential_default_source(credential_default_source, ("credential_default_source",)),
                )
            if _f.omitted(use_pyqwest_transport, _D_use_pyqwest_transport):
                _tinker_set(self, "use_pyqwest_transport", _D_use_pyqwest_transport.get())
            else:
                _tinker_fs.add("use_pyqwest_transport")
                _tinker_set(
                    self,
                    "use_pyqwest_transport",
                    _C_use_pyqwest_transport(use_pyqwest_transport, ("use_pyqwest_transport",)),
                )
            if _f.omitted(proto_compress_fwdbwd, _D_proto_compress_fwdbwd):
                _tinker_set(self, "proto_compress_fwdbwd", _D_proto_compress_fwdbwd.get())
            else:
                _tinker_fs.add("proto_compress_fwdbwd")
                _tinker_set(
                    self,
                    "proto_compress_fwdbwd",
                    _C_proto_compress_fwdbwd(proto_compress_fwdbwd, ("proto_compress_fwdbwd",)),
                )
            if _f.omitted(parallel_fwdbwd_chunks, _D_parallel_fwdbwd_chunks):
                _tinker_set(self, "parallel_fwdbwd_chunks", _D_parallel_fwdbwd_chunks.get())
            else:
                _tinker_fs.add("parallel_fwdbwd_chunks")
                _tinker_set(
                    self,
                    "parallel_fwdbwd_chunks",
                    _C_parallel_fwdbwd_chunks(parallel_fwdbwd_chunks, ("parallel_fwdbwd_chunks",)),
                )
            if _f.omitted(fwdbwd_max_chunk_len, _D_fwdbwd_max_chunk_len):
                _tinker_set(self, "fwdbwd_max_chunk_len", _D_fwdbwd_max_chunk_len.get())
            else:
                _tinker_fs.add("fwdbwd_max_chunk_len")
                _tinker_set(
                    self,
                    "fwdbwd_max_chunk_len",
                    _C_fwdbwd_max_chunk_len(fwdbwd_max_chunk_len, ("fwdbwd_max_chunk_len",)),
                )
            if _f.omitted(fwdbwd_max_chunk_bytes_count, _D_fwdbwd_max_chunk_bytes_count):
                _tinker_set(self, "fwdbwd_max_chunk_bytes_count", _D_fwdbwd_max_chunk_bytes_count.get())
            else:
                _tinker_fs.add("fwdbwd_max_chunk_bytes_count")
                _tinker_set(
                    self,
                    "fwdbwd_max_chunk_bytes_count",
                    _C_fwdbwd_max_chunk_bytes_count(fwdbwd_max_chunk_bytes_count, ("fwdbwd_max_chunk_bytes_count",)),
                )
            if _f.omitted(fwdbwd_dispatch_bytes_semaphore_size, _D_fwdbwd_dispatch_bytes_semaphore_size):
                _tinker_set(self, "fwdbwd_dispatch_bytes_semaphore_size", _D_fwdbwd_dispatch_bytes_semaphore_size.get())
            else:
                _tinker_fs.add("fwdbwd_dispatch_bytes_semaphore_size")
                _tinker_set(
                    self,
                    "fwdbwd_dispatch_bytes_semaphore_size",
                    _C_fwdbwd_dispatch_bytes_semaphore_size(
                        fwdbwd_dispatch_bytes_semaphore_size, ("fwdbwd_dispatch_bytes_semaphore_size",)
                    ),
                )
            if _f.omitted(sample_dispatch_bytes_semaphore_size, _D_sample_dispatch_bytes_semaphore_size):
                _tinker_set(self, "sample_dispatch_bytes_semaphore_size", _D_sample_dispatch_bytes_semaphore_size.get())
            else:
                _tinker_fs.add("sample_dispatch_bytes_semaphore_size")
                _tinker_set(
                    self,
                    "sample_dispatch_bytes_semaphore_size",
                    _C_sample_dispatch_bytes_semaphore_size(
                        sample_dispatch_bytes_semaphore_size, ("sample_dispatch_bytes_semaphore_size",)
                    ),
                )
            if _f.omitted(inflight_response_bytes_semaphore_size, _D_inflight_response_bytes_semaphore_size):
                _tinker_set(
                    self, "inflight_response_bytes_semaphore_size", _D_inflight_response_bytes_semaphore_size.get()
                )
            else:
                _tinker_fs.add("inflight_response_bytes_semaphore_size")
                _tinker_set(
                    self,
                    "inflight_response_bytes_semaphore_size",
                    _C_inflight_response_bytes_semaphore_size(
                        inflight_response_bytes_semaphore_size, ("inflight_response_bytes_semaphore_size",)
                    ),
                )
            if _f.omitted(billing_exception_max_pause_duration_sec, _D_billing_exception_max_pause_duration_sec):
                _tinker_set(
                    self, "billing_exception_max_pause_duration_sec", _D_billing_exception_max_pause_duration_sec.get()
                )
            else:
                _tinker_fs.add("billing_exception_max_pause_duration_sec")
                _tinker_set(
                    self,
                    "billing_exception_max_pause_duration_sec",
                    _C_billing_exception_max_pause_duration_sec(
                        billing_exception_max_pause_duration_sec, ("billing_exception_max_pause_duration_sec",)
                    ),
                )
            if _f.omitted(sample_no_retries, _D_sample_no_retries):
                _tinker_set(self, "sample_no_retries", _D_sample_no_retries.get())
            else:
                _tinker_fs.add("sample_no_retries")
                _tinker_set(self, "sample_no_retries", _C_sample_no_retries(sample_no_retries, ("sample_no_retries",)))
            if _f.omitted(sample_enable_stuck_detection, _D_sample_enable_stuck_detection):
                _tinker_set(self, "sample_enable_stuck_detection", _D_sample_enable_stuck_detection.get())
            else:
                _tinker_fs.add("sample_enable_stuck_detection")
                _tinker_set(
                    self,
                    "sample_enable_stuck_detection",
                    _C_sample_enable_stuck_detection(sample_enable_stuck_detection, ("sample_enable_stuck_detection",)),
                )
            if _f.omitted(sample_max_concurrent_requests, _D_sample_max_concurrent_requests):
                _tinker_set(self, "sample_max_concurrent_requests", _D_sample_max_concurrent_requests.get())
            else:
                _tinker_fs.add("sample_max_concurrent_requests")
                _tinker_set(
                    self,
                    "sample_max_concurrent_requests",
                    _C_sample_max_concurrent_requests(
                        sample_max_concurrent_requests, ("sample_max_concurrent_requests",)
                    ),
                )
            if _f.omitted(sample_use_retrieve_futures, _D_sample_use_retrieve_futures):
                _tinker_set(self, "sample_use_retrieve_futures", _D_sample_use_retrieve_futures.get())
            else:
                _tinker_fs.add("sample_use_retrieve_futures")
                _tinker_set(
                    self,
                    "sample_use_retrieve_futures",
                    _C_sample_use_retrieve_futures(sample_use_retrieve_futures, ("sample_use_retrieve_futures",)),
                )
            if _f.omitted(custom_loss_server_side, _D_custom_loss_server_side):
                _tinker_set(self, "custom_loss_server_side", _D_custom_loss_server_side.get())
            else:
                _tinker_fs.add("custom_loss_server_side")
                _tinker_set(
                    self,
                    "custom_loss_server_side",
                    _C_custom_loss_server_side(custom_loss_server_side, ("custom_loss_server_side",)),
                )
            if _f.omitted(sample_join_sampling_session, _D_sample_join_sampling_session):
                _tinker_set(self, "sample_join_sampling_session", _D_sample_join_sampling_session.get())
            else:
                _tinker_fs.add("sample_join_sampling_session")
                _tinker_set(
                    self,
                    "sample_join_sampling_session",
                    _C_sample_join_sampling_session(sample_join_sampling_session, ("sample_join_sampling_session",)),
                )
            if _f.omitted(create_model_via_load_weights, _D_create_model_via_load_weights):
                _tinker_set(self, "create_model_via_load_weights", _D_create_model_via_load_weights.get())
            else:
                _tinker_fs.add("create_model_via_load_weights")
                _tinker_set(
                    self,
                    "create_model_via_load_weights",
                    _C_create_model_via_load_weights(create_model_via_load_weights, ("create_model_via_load_weights",)),
                )
            pass
        except ValidationError as exc:
            raise exc.with_prefix("ClientConfigResponse", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["pjwt_auth_enabled"] = self.pjwt_auth_enabled
        out["credential_default_source"] = self.credential_default_source
        out["use_pyqwest_transport"] = self.use_pyqwest_transport
        out["proto_compress_fwdbwd"] = self.proto_compress_fwdbwd
        out["parallel_fwdbwd_chunks"] = self.parallel_fwdbwd_chunks
        out["fwdbwd_max_chunk_len"] = self.fwdbwd_max_chunk_len
        out["fwdbwd_max_chunk_bytes_count"] = self.fwdbwd_max_chunk_bytes_count
        out["fwdbwd_dispatch_bytes_semaphore_size"] = self.fwdbwd_dispatch_bytes_semaphore_size
        out["sample_dispatch_bytes_semaphore_size"] = self.sample_dispatch_bytes_semaphore_size
        out["inflight_response_bytes_semaphore_size"] = self.inflight_response_bytes_semaphore_size
        out["billing_exception_max_pause_duration_sec"] = self.billing_exception_max_pause_duration_sec
        out["sample_no_retries"] = self.sample_no_retries
        out["sample_enable_stuck_detection"] = self.sample_enable_stuck_detection
        out["sample_max_concurrent_requests"] = self.sample_max_concurrent_requests
        out["sample_use_retrieve_futures"] = self.sample_use_retrieve_futures
        out["custom_loss_server_side"] = self.custom_loss_server_side
        out["sample_join_sampling_session"] = self.sample_join_sampling_session
        out["create_model_via_load_weights"] = self.create_model_via_load_weights
        return out
