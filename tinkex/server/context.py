"""Shared state of one running server: config, registries, the worker and how jobs complete futures."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from tinkex.server.activity import Activity, ActivityLog
from tinkex.server.auth import ApiKeys
from tinkex.server.completion_feed import CompletionFeed
from tinkex.server.faults_rules import FutureFault
from tinkex.server.futures import FutureStore, ServerFuture
from tinkex.server.jwt_tokens import TokenIssuer
from tinkex.server.model.api_types import LoraSettings, LoraWeights, UserInputError
from tinkex.server.model.catalog import MODEL_CATALOG, ModelSpec
from tinkex.server.model.engine import Engine, TrainableModel
from tinkex.server.sampled_sequences import SampledSequences
from tinkex.server.sessions import SessionRegistry
from tinkex.server.storage import CheckpointStore, StorageError
from tinkex.server.tinker_path import TinkerPathError
from tinkex.server.url_signing import DEFAULT_LINK_TTL_S, UrlSigner
from tinkex.server.validation import ApiError
from tinkex.server.worker import Worker

_log = logging.getLogger(__name__)

# last_request_time is a disk write, so a busy model refreshes it at most this often.
TOUCH_RUN_EVERY_S = 10.0


class FutureFaultSource(Protocol):
    """The part of the fault injector the server core consults (test hooks only)."""

    def on_future(self, request_type: str, model_id: str | None) -> FutureFault | None: ...

    def record_dedupe(self, request_type: str | None = None) -> None: ...

    def record_telemetry(self, payload: object) -> None: ...


@dataclass(frozen=True)
class ServerConfig:
    data_dir: Path
    models: tuple[str, ...] = tuple(MODEL_CATALOG)
    # Empty: auth is off (loopback only unless allow_unauthenticated). Kept out of the repr.
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    enable_test_hooks: bool = False
    # Advertise JWT mode (pjwt_auth_enabled) so the official SDK exchanges its key at /auth/token
    # and sends the token instead; its RestClient.whoami needs that. /auth/token works either way.
    jwt_auth: bool = False
    compile_cache_dir: Path | None = None
    long_poll_s: float = 25.0
    future_ttl_s: float = 15 * 60.0
    max_completed_futures: int = 10_000
    # asample answers 429 (to clients that announce back-pressure support) above this queue length.
    sample_backpressure_queue: int = 64
    backpressure_retry_ms: int = 250
    # Signed archive download links expire this long after they are handed out.
    archive_link_ttl_s: float = DEFAULT_LINK_TTL_S
    # Request bodies above this size (on the wire or after zstd decompression) get 413.
    max_body_bytes: int = 64 << 20
    # A session with no heartbeat and no request for this long is expired and its models unloaded;
    # a finished session's models are unloaded this grace period after the finish.
    session_idle_timeout_s: float = 10 * 60.0
    finished_session_grace_s: float = 15.0
    session_sweep_interval_s: float = 5.0
    # Connection limits (connections.py): uvicorn's own plus head/body read deadlines.
    max_connections: int = 2048
    max_waiting_connections: int = 256
    keep_alive_s: int = 5
    head_timeout_s: float = 10.0
    body_timeout_s: float = 30.0
    max_request_head_bytes: int = 16 << 10


@dataclass
class ModelEntry:
    """A live training model; ``trainable`` is filled in by the creation job on the worker."""

    model_id: str
    base_model: str
    lora: LoraSettings
    session_id: str
    owner: str | None = None  # the owner id of the API key that created it; None with auth off
    trainable: TrainableModel | None = None
    unloaded: bool = False
    last_touch: float = 0.0

    def require(self) -> TrainableModel:
        if self.trainable is None:
            raise UserInputError(f"model_id: model {self.model_id!r} was not created (its creation failed)")
        return self.trainable


@dataclass
class SamplerEntry:
    """Sampling weights: the base model (weights None), a snapshot, or a checkpoint loaded lazily."""

    sampler_id: str
    base_model: str
    model_path: str | None = None
    weights: LoraWeights | None = None
    weights_dir: Path | None = None
    owner: str | None = None
    session_id: str | None = None  # None for one-off samplers (direct sampling from a path)


@dataclass
class ServerContext:
    config: ServerConfig
    store: CheckpointStore
    signer: UrlSigner
    api_keys: ApiKeys | None = None  # None: auth is off
    tokens: TokenIssuer = field(default_factory=TokenIssuer.per_process)  # /auth/token JWTs
    faults: FutureFaultSource | None = None
    futures: FutureStore = field(init=False)
    sessions: SessionRegistry = field(init=False)
    worker: Worker = field(default_factory=Worker)
    models: dict[str, ModelEntry] = field(default_factory=dict)
    samplers: dict[str, SamplerEntry] = field(default_factory=dict)
    activity: ActivityLog = field(default_factory=ActivityLog)  # traces, billing, audit
    completions: CompletionFeed = field(default_factory=CompletionFeed)  # retrieve_futures
    sequences: SampledSequences = field(default_factory=SampledSequences)  # stable_reinforce provenance
    loop: asyncio.AbstractEventLoop | None = None
    _engines: dict[str, Engine] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.futures = FutureStore(
            ttl_s=self.config.future_ttl_s, max_completed=self.config.max_completed_futures
        )
        self.sessions = SessionRegistry(self.futures.boot_prefix)

    # ----- lookups (event loop) -----

    def spec(self, base_model: str, *, field_name: str = "base_model") -> ModelSpec:
        if base_model not in self.config.models:
            offered = ", ".join(self.config.models)
            raise ApiError(
                400, f"{field_name}: unknown base model {base_model!r} (this server offers: {offered})"
            )
        return MODEL_CATALOG[base_model]

    def model(self, model_id: str, owner: str | None) -> ModelEntry:
        """A live model of ``owner``; another owner's model is unknown to the caller (404)."""
        entry = self.models.get(model_id)
        if entry is None or entry.unloaded or entry.owner != owner:
            raise ApiError(
                404,
                f"model_id: unknown model {model_id!r} (models live in memory; after a restart "
                "load a saved checkpoint with load_weights)",
            )
        self.sessions.touch(entry.session_id)
        return entry

    def sampler(
        self, sampler_id: str, owner: str | None, *, field_name: str = "sampling_session_id"
    ) -> SamplerEntry:
        entry = self.samplers.get(sampler_id)
        if entry is None or entry.owner != owner:
            raise ApiError(404, f"{field_name}: unknown sampler {sampler_id!r}")
        if entry.session_id is not None:
            self.sessions.touch(entry.session_id)
        return entry

    # ----- session lifecycle (event loop) -----

    def release_session(self, session_id: str) -> None:
        """Unload the models and samplers of a finished or expired session, so memory returns.

        New requests for them get 404 at once; jobs already queued still run first (the worker
        is FIFO), then the worker drops the model state.
        """
        session = self.sessions.find(session_id)
        if session is None:
            return
        for sampler_id in session.sampler_ids:
            self.samplers.pop(sampler_id, None)
            self.completions.forget(sampler_id)
        for model_id in session.training_run_ids:
            entry = self.models.pop(model_id, None)
            if entry is not None and not entry.unloaded:
                entry.unloaded = True
                self.worker.submit(partial(_drop_model_state, entry), _ignore_result)

    async def release_sessions_forever(self) -> None:
        """Every sweep interval, release the sessions that finished or went idle."""
        config = self.config
        while True:
            await asyncio.sleep(config.session_sweep_interval_s)
            for session_id in self.sessions.due_for_release(
                config.session_idle_timeout_s, config.finished_session_grace_s
            ):
                _log.info("session %s is over; its models and samplers were unloaded", session_id)
                self.release_session(session_id)

    # ----- worker side -----

    def engine(self, base_model: str) -> Engine:
        """Only called on the worker thread: engines compile and hold JAX state."""
        engine = self._engines.get(base_model)
        if engine is None:
            engine = Engine(MODEL_CATALOG[base_model], self.config.compile_cache_dir)
            self._engines[base_model] = engine
        return engine

    def touch_run(self, entry: ModelEntry) -> None:
        now = time.monotonic()
        if now - entry.last_touch >= TOUCH_RUN_EVERY_S:
            entry.last_touch = now
            self.store.touch_run(entry.model_id)

    # ----- futures -----

    def duplicate(self, request_type: str, keys: list[Hashable]) -> ServerFuture | None:
        """The original future of a repeated request (it is never run twice)."""
        original = self.futures.find(keys)
        if original is not None and self.faults is not None:
            self.faults.record_dedupe(request_type)
        return original

    def submit(
        self,
        request_type: str,
        model_id: str | None,
        keys: list[Hashable],
        job: Callable[[], Any],
        owner: str | None,
        *,
        session_id: str | None = None,
        base_model: str | None = None,
        tokens: int = 0,
    ) -> ServerFuture:
        """Create a future of ``owner`` for ``job`` and queue the job on the worker (event loop only).

        A request for a model is recorded under that model's session; others (sampling) name theirs.
        """
        future = self.futures.create(request_type, model_id, keys, owner)
        model = self.models.get(model_id) if model_id is not None else None
        activity = self.activity.begin(
            future.request_id,
            request_type,
            owner=owner,
            session_id=model.session_id if model is not None else session_id,
            model_id=model_id,
            base_model=model.base_model if model is not None else base_model,
            tokens=tokens,
        )
        fault = self.faults.on_future(request_type, model_id) if self.faults is not None else None
        if fault is not None:
            future.fault = fault
            future.try_again_left = fault.try_again_count
            if fault.fail_with is not None:
                # The job is not run: an injected failure must not also apply a training step.
                message, category = fault.fail_with
                self.futures.fail(future, message, category)
                self.activity.finish(activity, None, failed=True)
                return future
        loop = self.loop
        if loop is None:
            raise RuntimeError("the server context has no event loop yet (startup did not run)")

        def run() -> Any:
            if future.cancelled:
                raise _Cancelled()
            self.activity.start(activity)
            return job()

        def done(result: Any, error: BaseException | None) -> None:
            loop.call_soon_threadsafe(self._job_done, future, activity, result, error)

        self.worker.submit(run, done)
        return future

    def _job_done(
        self, future: ServerFuture, activity: Activity, result: Any, error: BaseException | None
    ) -> None:
        self.activity.finish(activity, result, failed=error is not None)
        self._settle(future, result, error)

    def _settle(self, future: ServerFuture, result: Any, error: BaseException | None) -> None:
        delay = future.fault.complete_delay_s if future.fault is not None else 0.0
        if delay > 0 and self.loop is not None:
            self.loop.call_later(delay, self._settle_now, future, result, error)
        else:
            self._settle_now(future, result, error)

    def _settle_now(self, future: ServerFuture, result: Any, error: BaseException | None) -> None:
        if error is None:
            self.futures.complete(future, result)
            return
        message, category = describe_failure(error, future)
        self.futures.fail(future, message, category)


class _Cancelled(Exception):
    pass


def _drop_model_state(entry: ModelEntry) -> None:
    entry.trainable = None


def _ignore_result(result: Any, error: BaseException | None) -> None:
    return None


def describe_failure(error: BaseException, future: ServerFuture) -> tuple[str, str]:
    """(message, category) for a failed job; only real bugs are "server" and get a traceback."""
    if isinstance(error, _Cancelled):
        return "request_id: the request was cancelled before it ran", "user"
    if isinstance(error, UserInputError | TinkerPathError):
        return str(error), "user"
    if isinstance(error, StorageError):
        return error.detail, "user"
    if isinstance(error, ApiError):
        return error.detail, "user"
    _log.error("request %s (%s) failed unexpectedly", future.request_id, future.request_type, exc_info=error)
    return f"internal server error: {type(error).__name__}: {error}", "server"
