"""W5: checkpoint download — ``RestClient.download_checkpoint`` of a generated archive.

The fake server hands out an archive URL and serves the file with ``sendfile``; the client
streams it to disk and extracts it. Peak RSS is measured per process, one archive size per
process, so "flat in archive size" can be read off two runs. The official SDK 0.38 has no
checkpoint archive download (the archive endpoint left its RestClient), so only tinkex runs.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    close_service,
    cpu_seconds,
    current_rss_mib,
    emit,
    import_sdk,
    parse_args,
    peak_rss_mib,
    service_client,
)

RUN_ID = "bench-run"


def main() -> None:
    args = parse_args()
    if args.sdk != "tinkex":
        raise SystemExit("W5: the official SDK 0.38 has no checkpoint archive download")
    module = import_sdk(args.sdk)
    name = str(args.params["archive"])
    size_bytes = int(args.params["size_bytes"])
    service = service_client(module, args.base_url)
    rest = service.create_rest_client()
    rest.get_checkpoint_archive_url(RUN_ID, f"weights/{name}").result()  # warm the connection path
    out_dir = Path(tempfile.mkdtemp(prefix="tinkex-bench-download-"))
    try:
        rss_before = current_rss_mib()
        cpu_start, wall_start = cpu_seconds(), time.perf_counter()
        result = rest.download_checkpoint(
            f"tinker://{RUN_ID}/weights/{name}", output_dir=str(out_dir)
        ).result()
        wall = time.perf_counter() - wall_start
        cpu = cpu_seconds() - cpu_start
        extracted = sum(p.stat().st_size for p in Path(result.destination).rglob("*") if p.is_file())
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    peak = peak_rss_mib()
    close_service(service)
    emit(
        {
            "archive": name,
            "archive_mib": size_bytes / (1024 * 1024),
            "extracted_mib": extracted / (1024 * 1024),
            "wall_s": wall,
            "mib_per_s": size_bytes / (1024 * 1024) / wall,
            "cpu_s": cpu,
            "peak_rss_mib": peak,
            "rss_before_mib": rss_before,
        }
    )


if __name__ == "__main__":
    main()
