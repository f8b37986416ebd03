"""``RestClient.download_checkpoint``: fetch the archive URL, then download and extract it
safely (features DL-01…DL-09, ``tinkex.checkpoint_download``).
"""

from __future__ import annotations

from .._http.options import PoolType
from ..checkpoint_download import DownloadResult, ProgressFn, check_limits, download_archive_to
from ..futures import APIFuture
from ..types import ParsedCheckpointTinkerPath
from .rest_calls import RestCalls
from .rest_checkpoints import RestCheckpoints


class RestDownload:
    def __init__(self, calls: RestCalls, checkpoints: RestCheckpoints) -> None:
        self._calls = calls
        self._checkpoints = checkpoints

    async def download_checkpoint_async(
        self,
        tinker_path: str,
        output_dir: str,
        force: bool,
        progress: ProgressFn | None,
        max_bytes: int | None,
        max_members: int | None,
    ) -> DownloadResult:
        max_bytes, max_members = self._limits(max_bytes, max_members)
        url = (await self._checkpoints.get_checkpoint_archive_url_from_tinker_path_async(tinker_path)).url
        # The signed URL may point at another host: sent through a bare pool, without the API's headers.
        client = self._calls.holder.api.transport.pool(PoolType.FUTURES)
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
        return await self._calls.on_loop(download)

    def download_checkpoint(
        self,
        tinker_path: str,
        output_dir: str,
        force: bool,
        progress: ProgressFn | None,
        max_bytes: int | None,
        max_members: int | None,
    ) -> APIFuture[DownloadResult]:
        ParsedCheckpointTinkerPath.from_tinker_path(tinker_path)  # a bad path fails here
        self._limits(max_bytes, max_members)  # bad limits fail here, not in the future
        coro = self.download_checkpoint_async(
            tinker_path, output_dir, force, progress, max_bytes, max_members
        )
        return self._calls.future(coro, "download_checkpoint")

    def _limits(self, max_bytes: int | None, max_members: int | None) -> tuple[int, int]:
        """The limits asked for, or the config's (``download_max_bytes`` / ``download_max_members``)."""
        config = self._calls.holder.config
        return check_limits(
            config.download_max_bytes if max_bytes is None else max_bytes,
            config.download_max_members if max_members is None else max_members,
        )
