"""``RestClient.download_checkpoint``: fetch the archive URL, then download and extract it
safely (features DL-01…DL-09, ``tinkex.checkpoint_download``). A mixin so ``rest_client.py``
stays about the REST calls themselves.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from .._core.holder import ClientHolder
from .._http.options import PoolType
from ..checkpoint_download import DownloadResult, ProgressFn, check_limits, download_archive_to
from ..futures import APIFuture
from ..types import CheckpointArchiveUrlResponse, ParsedCheckpointTinkerPath

T = TypeVar("T")


class RestDownload:
    holder: ClientHolder

    if TYPE_CHECKING:  # provided by RestClient

        def _future(self, coro: Coroutine[Any, Any, T], description: str) -> APIFuture[T]: ...

        async def _on_loop(self, coro: Coroutine[Any, Any, T]) -> T: ...

        async def get_checkpoint_archive_url_from_tinker_path_async(
            self, tinker_path: str
        ) -> CheckpointArchiveUrlResponse: ...

    async def download_checkpoint_async(
        self,
        tinker_path: str,
        *,
        output_dir: str = ".",
        force: bool = False,
        progress: ProgressFn | None = None,
        max_bytes: int | None = None,
        max_members: int | None = None,
    ) -> DownloadResult:
        """Download and safely extract a checkpoint into ``output_dir`` (features DL-01…DL-09).

        ``max_bytes`` bounds the bytes downloaded and the bytes unpacked, ``max_members`` the
        archive's members; ``None`` takes the config's ``download_max_bytes`` /
        ``download_max_members``. Refusals raise ``CheckpointDownloadError`` subclasses.
        """
        max_bytes, max_members = self._download_limits(max_bytes, max_members)
        url = (await self.get_checkpoint_archive_url_from_tinker_path_async(tinker_path)).url
        # The signed URL may point at another host: sent through a bare pool, without the API's headers.
        client = self.holder.api.transport.pool(PoolType.FUTURES)
        download = download_archive_to(
            client,
            url,
            tinker_path,
            output_dir=output_dir,
            force=force,
            progress=progress,
            max_bytes=max_bytes,
            max_members=max_members,
        )
        return await self._on_loop(download)

    def _download_limits(self, max_bytes: int | None, max_members: int | None) -> tuple[int, int]:
        config = self.holder.config
        return check_limits(
            config.download_max_bytes if max_bytes is None else max_bytes,
            config.download_max_members if max_members is None else max_members,
        )

    def download_checkpoint(
        self,
        tinker_path: str,
        *,
        output_dir: str = ".",
        force: bool = False,
        progress: ProgressFn | None = None,
        max_bytes: int | None = None,
        max_members: int | None = None,
    ) -> APIFuture[DownloadResult]:
        ParsedCheckpointTinkerPath.from_tinker_path(tinker_path)  # a bad path fails here
        self._download_limits(max_bytes, max_members)  # bad limits fail here, not in the future
        coro = self.download_checkpoint_async(
            tinker_path,
            output_dir=output_dir,
            force=force,
            progress=progress,
            max_bytes=max_bytes,
            max_members=max_members,
        )
        return self._future(coro, "download_checkpoint")
