"""Fixtures of the fault campaign: its settings, a campaign server behind the fault proxy,
the fault-free reference run, and the summary every test adds its figures to.

The summary is written as JSON under pytest's base temp dir and printed at the end of the
run (``RELIABILITY.md`` copies its figures).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ._proxy import LoopbackProxy
from ._workload import (
    CampaignSettings,
    FanOut,
    Tally,
    TrainingRun,
    collect_samples,
    new_service,
    run_training,
    settings_from_env,
    submit_samples,
)

SUMMARY_FILE = "reliability-summary.json"
_REPORT_KEY = pytest.StashKey["CampaignReport"]()


class CampaignReport:
    """Rows of figures, one per fault mix or scenario, in the order the tests ran."""

    def __init__(self, settings: CampaignSettings, path: Path) -> None:
        self.settings = settings
        self.path = path
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.path.write_text(json.dumps(self.summary(), indent=2, sort_keys=True))

    def summary(self) -> dict[str, Any]:
        totals: dict[str, int] = {}
        for row in self.rows:
            for key, value in row.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    totals[key] = totals.get(key, 0) + value
        mode = "long" if self.settings.long else "bounded"
        return {
            "mode": mode,
            "steps": self.settings.steps,
            "samples": self.settings.samples,
            "rows": self.rows,
            "totals": totals,
        }


@pytest.fixture(scope="session")
def campaign_settings() -> CampaignSettings:
    return settings_from_env()


@pytest.fixture(scope="session")
def campaign_report(
    request: pytest.FixtureRequest,
    campaign_settings: CampaignSettings,
    tmp_path_factory: pytest.TempPathFactory,
) -> CampaignReport:
    report = CampaignReport(campaign_settings, tmp_path_factory.getbasetemp() / SUMMARY_FILE)
    request.config.stash[_REPORT_KEY] = report
    return report


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    report = config.stash.get(_REPORT_KEY, None)
    if report is None or not report.rows:
        return
    write = terminalreporter.write_line
    terminalreporter.section("reliability campaign")
    columns = (
        "name", "faults_injected", "requests_at_server", "steps_completed", "samples_returned",
        "results_lost", "duplicates", "hangs", "dedupe_hits", "whole_call_retries",
    )  # fmt: skip
    write(" | ".join(columns))
    for row in report.rows:
        write(" | ".join(str(row.get(column, "-")) for column in columns))
    write(f"totals: {json.dumps(report.summary()['totals'], sort_keys=True)}")
    write(f"summary written to {report.path}")


@pytest.fixture(scope="session")
def campaign_server(compile_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A server of its own (fault hooks on), so its counters hold only the campaign's traffic."""
    from tinkex.server.testing import TEST_MODEL, ServerFactory

    factory = ServerFactory(models=[TEST_MODEL], enable_test_hooks=True, compile_cache_dir=compile_cache)
    yield factory.start(data_dir=tmp_path_factory.mktemp("campaign-data"))
    factory.stop_all()


@pytest.fixture(scope="session")
def proxy(campaign_server: Any) -> Iterator[LoopbackProxy]:
    proxy = LoopbackProxy(campaign_server.host, campaign_server.port).start()
    yield proxy
    proxy.stop()


@dataclass
class Baseline:
    """The fault-free run every fault mix must reproduce bit for bit."""

    training: TrainingRun
    fan_out: FanOut


@pytest.fixture(scope="session")
def baseline(
    campaign_server: Any,
    proxy: LoopbackProxy,
    campaign_settings: CampaignSettings,
    campaign_report: CampaignReport,
) -> Baseline:
    settings = campaign_settings
    campaign_server.faults.reset()
    tally = Tally()
    service = new_service(proxy.url, settings)
    try:
        sampler = tally.wait(service.create_sampling_client(base_model="local/byte-tiny"), settings.wait_s)
        futures = submit_samples(sampler, settings.samples)
        training = run_training(service, settings, tally)
        fan_out = collect_samples(sampler, futures, settings, tally)
    finally:
        service.close().result(timeout=60)
    assert fan_out.failures == [], fan_out.failures[:5]
    assert training.steps_completed == settings.steps
    assert np.isfinite(training.losses).all()
    # The order check below is only meaningful if requests have told-apart results.
    distinct = len(set(fan_out.tokens))
    assert distinct >= 0.95 * settings.samples, f"only {distinct} distinct sample results"
    campaign_report.add(
        {
            "name": "baseline (no faults)",
            "kinds": [],
            "faults_injected": 0,
            "requests_at_server": sum(campaign_server.faults.stats()["requests"].values()),
            "steps_completed": training.steps_completed,
            "samples_requested": settings.samples,
            "samples_returned": sum(t is not None for t in fan_out.tokens),
            "results_lost": sum(t is None for t in fan_out.tokens),
            "duplicates": 0,
            "hangs": tally.hangs,
            "dedupe_hits": campaign_server.faults.stats()["dedupe_hits"],
            "whole_call_retries": tally.whole_call_retries,
        }
    )
    return Baseline(training, fan_out)
