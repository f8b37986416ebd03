"""``SamplingClient``: generate from a base model or saved sampler weights.

``sample()`` is ``asample`` followed by future polling (there is no synchronous sample
endpoint). Requests carry a per-client ``seq_id``; a back-pressured submission is resent
with the same id, and retryable failures resubmit the whole request (protocol §7.3).
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import warnings
from typing import Any

from tinker_openapi.api.sampling import asample, create_sampling_session, get_sampler

from . import tokenizer as _tok
from ._clients.sampling_pickle import (
    SamplingClientPickleState,
    first_seq_id,
    pickle_state,
    restore_sampling_client,
)
from ._clients.sampling_retry import SamplingRetryHandler, concurrency_limit
from ._compat.backcompat import BackcompatClientFuture, forward_client_methods
from ._compat.deprecations import official_deprecations
from ._compat.official_objects import as_tinkex
from ._core.admission import Admission
from ._core.holder import ClientHolder
from ._core.observers import ObservedClient
from ._core.requests import FutureOutcome, await_result, json_result, submit
from ._http.calls import call
from ._http.options import CallOptions, PoolType
from ._wire import convert
from .config import resolve_config
from .errors import APIResponseValidationError, TinkexValidationError
from .futures import APIFuture
from .rate_limit import SamplingDispatch
from .retry_config import RetryConfig
from .telemetry.capture import captured
from .types import (
    CreateSamplingSessionRequest,
    CreateSamplingSessionResponse,
    GetSamplerResponse,
    ModelInput,
    SampleRequest,
    SampleResponse,
    SamplingParams,
    TensorData,
)
from .types.behaviour.errors import ValidationError

__all__ = ["BackcompatSamplingClientFuture", "SamplingClient"]

BYTES_PER_TOKEN_ESTIMATE = 10


@official_deprecations
class SamplingClient(ObservedClient):
    """Samples from one sampling session; create it from a ``ServiceClient`` or ``TrainingClient``."""

    def __init__(
        self,
        holder: ClientHolder,
        *,
        sampling_session_id: str,
        base_model: str,
        shadow: bool = False,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> None:
        super().__init__(holder, "sampling", "sampling_session_id", sampling_session_id)
        self.sampling_session_id = sampling_session_id
        self._base_model = base_model
        self._record_stability_info = record_stability_info
        self._retry_config = retry_config or RetryConfig()
        self._handler: SamplingRetryHandler | None = None  # built on the loop (it holds asyncio primitives)
        self._admission: Admission | None = None
        self._seq = itertools.count(first_seq_id(shadow))  # unpickled copies count apart
        self._seq_lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, tuple[SamplingClientPickleState]]:
        """Picklable, for sampling from other processes (``tinkex._clients.sampling_pickle``)."""
        return (restore_sampling_client, (pickle_state(self),))

    def __repr__(self) -> str:
        return f"SamplingClient(sampling_session_id={self.sampling_session_id!r}, base_model={self._base_model!r})"

    @classmethod
    async def create_async(
        cls,
        holder: ClientHolder,
        *,
        model_path: str | None = None,
        base_model: str | None = None,
        sampling_session_id: str | None = None,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> SamplingClient:
        """Open a sampling session (``create_sampling_session``) unless one is given."""
        if model_path is None and base_model is None and sampling_session_id is None:
            raise TinkexValidationError("pass model_path or base_model", field="model_path")
        if model_path is not None and not model_path.startswith("tinker://"):
            raise TinkexValidationError("model_path must be a tinker:// sampler path", field="model_path")
        await holder.ensure_started()
        if sampling_session_id is None:
            body = CreateSamplingSessionRequest(
                session_id=holder.started_session_id,
                sampling_session_seq_id=holder.next_sampling_session_seq_id(),
                base_model=base_model,
                model_path=model_path,
            )
            created: CreateSamplingSessionResponse = await call(
                holder.api, create_sampling_session, CallOptions(pool=PoolType.SESSION), body=body
            )
            sampling_session_id = created.sampling_session_id
        if base_model is None:
            info: GetSamplerResponse = await call(holder.api, get_sampler, sampler_id=sampling_session_id)
            base_model = str(info.base_model)
        return cls(
            holder,
            sampling_session_id=sampling_session_id,
            base_model=base_model,
            retry_config=retry_config,
            record_stability_info=record_stability_info,
        )

    def _next_seq_id(self) -> int:
        with self._seq_lock:
            return next(self._seq)

    def _retry_handler(self) -> SamplingRetryHandler:
        if self._handler is None:
            config = self._retry_config
            if self.holder.client_config.get("sample_no_retries"):
                config = RetryConfig(**{**config.__dict__, "enable_retry_logic": False})
            settings = self.holder.config
            dispatch = SamplingDispatch.for_key(
                settings.base_url,
                settings.api_key or settings.credential_cmd,
                settings.dispatch_concurrency,
            )
            self._handler = SamplingRetryHandler(config, dispatch=dispatch)
        return self._handler

    def _admission_queue(self) -> Admission:
        with self._seq_lock:
            if self._admission is None:
                limit = int(self.holder.client_config.get("sample_max_concurrent_requests", 2000))
                self._admission = Admission(concurrency_limit(self._retry_config, limit))
            return self._admission

    def sample(
        self,
        prompt: ModelInput,
        num_samples: int,
        sampling_params: SamplingParams,
        include_prompt_logprobs: bool = False,
        topk_prompt_logprobs: int = 0,
        topk_sample_logprobs: int = 0,
        target_prompt_logprobs: TensorData | None = None,
        prompt_alt_tokens_k: int = 0,
        prompt_logprobs_last_n: int | None = None,
    ) -> APIFuture[SampleResponse]:
        """Generate ``num_samples`` continuations of ``prompt``."""
        prompt = as_tinkex(prompt, ModelInput, "prompt")
        sampling_params = as_tinkex(sampling_params, SamplingParams, "sampling_params")
        if prompt_logprobs_last_n is not None and not include_prompt_logprobs:
            raise TinkexValidationError(
                "prompt_logprobs_last_n needs include_prompt_logprobs=True", field="prompt_logprobs_last_n"
            )
        request = SampleRequest(
            num_samples=num_samples,
            prompt=prompt,
            sampling_params=sampling_params,
            sampling_session_id=self.sampling_session_id,
            seq_id=self._next_seq_id(),
            prompt_logprobs=bool(include_prompt_logprobs),
            topk_prompt_logprobs=topk_prompt_logprobs,
            topk_sample_logprobs=topk_sample_logprobs,
            target_prompt_logprobs=target_prompt_logprobs,
            prompt_alt_tokens_k=prompt_alt_tokens_k,
            prompt_logprobs_last_n=prompt_logprobs_last_n,
            record_stability_info=self._record_stability_info,
        )
        self._operations.ensure_open()
        payload_bytes = BYTES_PER_TOKEN_ESTIMATE * request.prompt.length
        future = self._admission_queue().submit(self._sample_async, request, payload_bytes)
        return self._operations.track(APIFuture(future, description="sample"))

    async def _sample_async(self, request: SampleRequest, payload_bytes: int) -> SampleResponse:
        # A failed sample is reported to telemetry (TEL-09) once, after the retry handler gave up.
        return await captured(self.holder, "sample", self._sample_once(request, payload_bytes))

    async def _sample_once(self, request: SampleRequest, payload_bytes: int) -> SampleResponse:
        handler = self._retry_handler()

        async def send() -> Any:
            return await submit(
                self.holder,
                asample,
                request,
                headers={"X-Tinker-Sampling-Backpressure": "1"},
                pool=PoolType.SAMPLING,
                max_retries=0,  # the retry handler and back-pressure loop own sampling retries
                telemetry={"sampling_session_id": self.sampling_session_id},  # SMP-13
            )

        async def attempt() -> SampleResponse:
            submitted = await handler.submit_with_backpressure(send, payload_bytes)
            ids = submitted.reply.sample_sequence_ids

            def parse(outcome: FutureOutcome) -> SampleResponse:
                if outcome.proto is not None:
                    return convert.sample_response_from_proto(outcome.proto, ids)
                try:
                    return convert.sample_response_from_json(json_result(outcome, "sample"), ids)
                except ValidationError as exc:
                    raise APIResponseValidationError(message=f"SampleResponse result: {exc}") from None

            return await await_result(
                self.holder, submitted, "Sample", parse, expects_proto=True, tracker=self._tracker
            )

        return await handler.run(attempt)

    async def sample_async(
        self,
        prompt: ModelInput,
        num_samples: int,
        sampling_params: SamplingParams,
        include_prompt_logprobs: bool = False,
        topk_prompt_logprobs: int = 0,
        topk_sample_logprobs: int = 0,
        target_prompt_logprobs: TensorData | None = None,
        prompt_alt_tokens_k: int = 0,
        prompt_logprobs_last_n: int | None = None,
    ) -> SampleResponse:
        return await self.sample(
            prompt,
            num_samples,
            sampling_params,
            include_prompt_logprobs,
            topk_prompt_logprobs,
            topk_sample_logprobs,
            target_prompt_logprobs,
            prompt_alt_tokens_k,
            prompt_logprobs_last_n,
        )

    def compute_logprobs(
        self, prompt: ModelInput, prompt_logprobs_last_n: int | None = None
    ) -> APIFuture[list[float | None]]:
        """Log-probability of each prompt token given its prefix (``None`` for the first)."""
        sampled = self.sample(
            prompt,
            1,
            SamplingParams(max_tokens=1),
            include_prompt_logprobs=True,
            prompt_logprobs_last_n=prompt_logprobs_last_n,
        )

        async def logprobs() -> list[float | None]:
            response = await sampled
            return list(response.prompt_logprobs or [])

        return APIFuture.submit(logprobs(), description="compute_logprobs")

    async def compute_logprobs_async(
        self, prompt: ModelInput, prompt_logprobs_last_n: int | None = None
    ) -> list[float | None]:
        return await self.compute_logprobs(prompt, prompt_logprobs_last_n)

    def get_base_model(self) -> str:
        return self._base_model

    async def get_base_model_async(self) -> str:
        return self._base_model

    def get_tokenizer(self) -> Any:
        tokenizer_id = _tok.get_tokenizer_id(
            self._base_model, llama3_tokenizer=self.holder.config.tokenizer_override or _tok.LLAMA3_TOKENIZER
        )
        return _tok.load_tokenizer(tokenizer_id)

    def get_sampler_handle(self) -> str:
        """A credential-free string that ``SamplingClient.from_sampler_handle`` turns back into a
        client of the same sampler, in any process (the pickle-free hand-off of the official SDK)."""
        state = {
            "base_url": self.holder.config.base_url,
            "sampling_session_id": self.sampling_session_id,
            "base_model": self._base_model,
        }
        return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()

    @staticmethod
    def from_sampler_handle(handle: str, *, api_key: str | None = None) -> SamplingClient:
        """A new client of the sampler behind ``handle``, with this process's credentials
        (``api_key`` or the environment, as for ``ServiceClient()``)."""
        try:
            state = json.loads(base64.urlsafe_b64decode(handle.encode()))
            base_url, session_id, base_model = (
                state["base_url"],
                state["sampling_session_id"],
                state["base_model"],
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise TinkexValidationError(
                "not a sampler handle from get_sampler_handle()", field="handle"
            ) from None
        explicit: dict[str, Any] = (
            {"base_url": base_url} if api_key is None else {"base_url": base_url, "api_key": api_key}
        )
        holder = ClientHolder(resolve_config(**explicit), sessionless=True)
        client = SamplingClient(holder, sampling_session_id=str(session_id), base_model=str(base_model))
        client._own_holder(holder)  # its own pools: close() releases them
        return client

    @staticmethod
    def create(
        holder: ClientHolder,
        *,
        model_path: str | None = None,
        base_model: str | None = None,
        sampling_session_id: str | None = None,
        retry_config: RetryConfig | None = None,
        record_stability_info: bool = False,
    ) -> APIFuture[SamplingClient]:
        """``create_async`` as a future (the official factory's shape)."""
        coro = SamplingClient.create_async(
            holder,
            model_path=model_path,
            base_model=base_model,
            sampling_session_id=sampling_session_id,
            retry_config=retry_config,
            record_stability_info=record_stability_info,
        )
        return APIFuture.submit(coro, description="create_sampling_client")


class BackcompatSamplingClientFuture(BackcompatClientFuture[SamplingClient], SamplingClient):
    """A future of a ``SamplingClient`` (await it or call ``.result()``). Using it as the client
    still works, deprecated; it is an instance of both ``APIFuture`` and ``SamplingClient``."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The official future pickles as the client it resolves to, deprecated like the rest
        # of its client-like use.
        warnings.warn(
            "Pickling the future returned by a client-creation method is deprecated; call "
            ".result() on it, or await it, and pickle the SamplingClient.",
            FutureWarning,
            stacklevel=2,
        )
        return self.result().__reduce__()


forward_client_methods(BackcompatSamplingClientFuture, SamplingClient)
