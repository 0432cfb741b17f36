"""Time the briefing CLI as cold processes, against the floor of importing its libraries.

Run from the repository root:

    .venv/bin/python benchmarks/bench_build.py [--runs N]

Every measurement starts a fresh interpreter (subprocess), so each one pays the
full start-up and import cost, as a user running the command does. Before the
timed runs, each command is run once untimed, so one-off costs (writing
__pycache__, matplotlib's font cache) are not counted. The operating system's
file cache stays warm, as it would for someone running the tool repeatedly.

Measured:
  floor     python -c "import docxtpl, docx, jinja2, yaml, pandas, matplotlib; ..."
  build     briefing build briefing.yaml --date 2024-04-23 --out <fresh tmpdir>
  skipped   the same build again into one folder: up to date, so nothing is built
  help      briefing --help
  validate  briefing validate briefing.yaml

Standard library only.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = BIN / "python"
BRIEFING = BIN / "briefing"
CONFIG = "briefing.yaml"
DATE = "2024-04-23"
AIM = 1.5  # the project's aim: a build costs at most this many times the import floor

FLOOR_CODE = ("import docxtpl, docx, jinja2, yaml, pandas, matplotlib; "
              "matplotlib.use('Agg'); import matplotlib.pyplot")


def run_once(argv: list[str]) -> float:
    """Wall-clock seconds of one fresh process; fail loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"command failed ({done.returncode}): {' '.join(argv)}\n")
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(1)
    return elapsed


def measure(make_argv, runs: int) -> list[float]:
    """One untimed warm-up run, then `runs` timed ones; make_argv() gives each run's argv."""
    run_once(make_argv())
    return [run_once(make_argv()) for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default: 5)")
    args = parser.parse_args()

    for path in (PYTHON, BRIEFING, ROOT / CONFIG):
        if not path.exists():
            sys.stderr.write(f"missing {path}; run from a checkout with `make` done first\n")
            return 1

    scratch = Path(tempfile.mkdtemp(prefix="bench-build-"))
    counter = iter(range(10_000))

    def build_argv() -> list[str]:
        # a fresh output folder each run, so no run finds an edition already published
        out = scratch / f"run-{next(counter)}"
        return [str(BRIEFING), "build", CONFIG, "--date", DATE, "--out", str(out)]

    unchanged = scratch / "unchanged"  # built once by the warm-up; every timed run finds it up to date

    cases = [
        ("import floor", lambda: [str(PYTHON), "-c", FLOOR_CODE]),
        ("build (2 audiences)", build_argv),
        ("skipped (up to date)", lambda: [str(BRIEFING), "build", CONFIG, "--date", DATE, "--out", str(unchanged)]),
        ("--help", lambda: [str(BRIEFING), "--help"]),
        ("validate", lambda: [str(BRIEFING), "validate", CONFIG]),
    ]
    results: dict[str, list[float]] = {}
    try:
        for name, make_argv in cases:
            results[name] = measure(make_argv, args.runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {args.runs} timed runs each (after 1 warm-up)")
    print()
    width = max(len(name) for name in results)
    print(f"{'command':<{width}}  {'median s':>9}  {'min s':>7}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 7}")
    for name, times in results.items():
        print(f"{name:<{width}}  {statistics.median(times):>9.3f}  {min(times):>7.3f}")
    print()
    floor = results["import floor"]
    build = results["build (2 audiences)"]
    ratio_median = statistics.median(build) / statistics.median(floor)
    ratio_min = min(build) / min(floor)
    verdict = "within" if ratio_median <= AIM else "over"
    print(f"build / import floor: {ratio_median:.2f}x (median), {ratio_min:.2f}x (min); "
          f"aim <= {AIM}x: {verdict}")
    skipped = statistics.median(results["skipped (up to date)"])
    print(f"skipped run / build: {skipped / statistics.median(build):.2f} ({skipped:.3f} s against "
          f"{statistics.median(build):.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
