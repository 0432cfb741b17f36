"""Time drawing charts: the sample's, as a build draws them, and 50 charts of every kind.

Run from the repository root:

    .venv/bin/python benchmarks/bench_charts.py [--runs N]

In one process: the first run pays importing matplotlib and loading the bundled
font (reported apart as "first run"); then N timed runs each, reported as median
and minimum wall-clock seconds. Each run draws into a new temporary folder.

Measured:
  sample     plan and draw the sample's charts for its two audiences (analyst: 2
             charts, executive: 1, each in its own style), as build.enrich does
  50 charts  50 plans (20 lines of 5 years, 20 before/after comparisons of 3
             series in 2 panels, 10 charts of 4 shares), drawn in the analyst style
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.pipeline import analyse_sources, gather_sources, read_tables  # noqa: E402
from briefing.enrich.charts import plan_charts  # noqa: E402
from briefing.render.charts import draw, draw_charts, load_style  # noqa: E402
from briefing.config import load_config  # noqa: E402
from briefing.resources import BUILTIN_TEMPLATES  # noqa: E402
from briefing.enrich.series import build_series  # noqa: E402
from briefing.model import Indicator  # noqa: E402
from briefing.languages import scale_of  # noqa: E402


def sample_inputs():
    """The sample's analysis and audiences, read once: only the charts are timed."""
    config = load_config(ROOT / "briefing.yaml")
    documents, failures = gather_sources(config, config.sources)
    analysis = analyse_sources(config, documents, read_tables(config)[0], failures)
    return analysis, list(config.audiences)


def draw_sample(analysis, audiences, folder: Path) -> int:
    series = build_series(analysis.indicators, "zh")
    return len(draw_charts(plan_charts(series, analysis.indicators, "zh"), audiences, folder))


def figure(name: str, period: str, value: float, unit: str, kind: str = "level") -> Indicator:
    factor, base = scale_of(unit)
    return Indicator(name=name, period=period, value=f"{value:g}", unit=unit, number=value,
                     normalized_value=value * factor, normalized_unit=base, kind=kind, region="西部地区",
                     source_id="bench.csv", table_row=1)


def fifty_plans() -> list:
    """20 lines, 20 comparisons, 10 charts of shares; each its own plan with its own key."""
    plans = []
    for n in range(20):
        line = tuple(figure(f"指标{n}", str(2019 + y), 10 + n + y * 1.5, "万亿元") for y in range(5))
        plans.append(replace(plan_charts(build_series(line), line, "zh")[0], key=f"line-{n}"))
    for n in range(20):
        pair = tuple(figure(name, year, value, unit) for name, unit, base in
                     ((f"工业增加值{n}", "万亿元", 5.8), (f"地区生产总值{n}", "万亿元", 20.5), (f"居民收入{n}", "万元", 2.4))
                     for year, value in (("2019", base), ("2023", base * 1.3)))
        plans.append(replace(plan_charts(build_series(pair), pair, "zh")[0], key=f"pair-{n}"))
    for n in range(10):
        shares = tuple(figure(f"比率{n}-{k}", "2023", 20 + 15 * k, "%") for k in range(4))
        plans.append(replace(plan_charts((), shares, "zh")[0], key=f"shares-{n}"))
    return plans


def draw_fifty(plans: list, folder: Path) -> int:
    style = load_style(BUILTIN_TEMPLATES / "analyst")
    for plan in plans:
        draw(plan, style, folder)
    return len(plans)


def timed(work, runs: int) -> tuple[float, list[float], int]:
    """The first run (with imports and font loading), then `runs` timed ones."""
    times, count = [], 0
    with tempfile.TemporaryDirectory(prefix="bench-charts-") as scratch:
        for n in range(runs + 1):
            start = time.perf_counter()
            count = work(Path(scratch) / f"run-{n}")
            times.append(time.perf_counter() - start)
    return times[0], times[1:], count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default: 5)")
    args = parser.parse_args()

    analysis, audiences = sample_inputs()
    plans = fifty_plans()
    cases = [("sample", lambda folder: draw_sample(analysis, audiences, folder)),
             ("50 charts", lambda folder: draw_fifty(plans, folder))]
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"{args.runs} timed runs each (after 1 first run)")
    print()
    print(f"{'case':<10}  {'charts':>6}  {'first s':>8}  {'median s':>9}  {'min s':>7}  {'ms/chart':>8}")
    for name, work in cases:
        first, times, count = timed(work, args.runs)
        median = statistics.median(times)
        print(f"{name:<10}  {count:>6}  {first:>8.3f}  {median:>9.3f}  {min(times):>7.3f}  {median / count * 1000:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
