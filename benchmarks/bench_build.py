"""Time the briefing CLI as cold processes, against the floor of importing its libraries.

Run from the repository root:

    .venv/bin/python benchmarks/bench_build.py [--runs N]

Every measurement starts a fresh interpreter (subprocess), so each one pays the
full start-up and import cost, as a user running the command does. Before the
timed runs, each command is run once untimed, so one-off costs (writing
__pycache__, matplotlib's font cache) are not counted; then the commands run in
turn, round after round, so the ratios compare runs of the same minutes. The operating system's
file cache stays warm, as it would for someone running the tool repeatedly.

Measured:
  floor     python -c "import docxtpl, docx, jinja2, yaml, pandas, matplotlib; ..."
  build     briefing build briefing.yaml --date 2024-04-23 --out <fresh tmpdir>, the user's cache warm
            (what the runs before made: templates compiled and checked, charts, analyses)
  no-cache  the same with --no-cache: everything analysed, checked, compiled and drawn anew
  skipped   the same build again into one folder: up to date, so nothing is built
  help      briefing --help
  validate  briefing validate briefing.yaml
  100 audiences  one build of a config of the sample's sources and table with 100 audiences (the four built-in
            templates in turn), in one process

Every process keeps bytecode (PYTHONDONTWRITEBYTECODE is unset for them), as a user's installed
package has it; the cache is a folder of the benchmark's own ($XDG_CACHE_HOME), its fonts made by
the warm-up.

Standard library and PyYAML (a dependency of briefing).
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
AIM = 1.3  # issue 15's aim: a build costs at most this many times the import floor
SKIP_AIM = 0.15  # and an up-to-date run at most this share of a build
MANY_AIM = 10.0  # and 100 audiences of one config, in one process, at most this many seconds

FLOOR_CODE = ("import docxtpl, docx, jinja2, yaml, pandas, matplotlib; "
              "matplotlib.use('Agg'); import matplotlib.pyplot")


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
AUDIENCES = 100


def run_once(argv: list[str]) -> float:
    """Wall-clock seconds of one fresh process; fail loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"command failed ({done.returncode}): {' '.join(argv)}\n")
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(1)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default: 5)")
    args = parser.parse_args()

    for path in (PYTHON, BRIEFING, ROOT / CONFIG):
        if not path.exists():
            sys.stderr.write(f"missing {path}; run from a checkout with `make` done first\n")
            return 1

    scratch = Path(tempfile.mkdtemp(prefix="bench-build-"))
    ENV["XDG_CACHE_HOME"] = str(scratch / "cache")
    counter = iter(range(10_000))

    def build_argv(*more: str) -> list[str]:
        # a fresh output folder each run, so no run finds an edition already published
        out = scratch / f"run-{next(counter)}"
        return [str(BRIEFING), "build", CONFIG, "--date", DATE, "--out", str(out), *more]

    many = many_audiences(scratch / "many")

    unchanged = scratch / "unchanged"  # built once by the warm-up; every timed run finds it up to date

    cases = [
        ("import floor", lambda: [str(PYTHON), "-c", FLOOR_CODE]),
        ("build (2 audiences)", build_argv),
        ("build --no-cache", lambda: build_argv("--no-cache")),
        ("skipped (up to date)", lambda: [str(BRIEFING), "build", CONFIG, "--date", DATE, "--out", str(unchanged)]),
        ("--help", lambda: [str(BRIEFING), "--help"]),
        ("validate", lambda: [str(BRIEFING), "validate", CONFIG]),
        (f"{AUDIENCES} audiences", lambda: [str(BRIEFING), "build", str(many), "--date", DATE, "--force",
                                            "--out", str(scratch / "many-out")]),
    ]
    results: dict[str, list[float]] = {name: [] for name, _ in cases}
    try:
        for _, make_argv in cases:  # warm-up: bytecode, matplotlib's font cache, briefing's cache
            run_once(make_argv())
        for _ in range(args.runs):  # alternately, so that a slower minute of the machine falls on every case
            for name, make_argv in cases:
                results[name].append(run_once(make_argv()))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {args.runs} timed runs each, alternating (after 1 warm-up)")
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
    cold = results["build --no-cache"]
    print(f"build --no-cache / import floor: {statistics.median(cold) / statistics.median(floor):.2f}x (median); "
          f"build / build --no-cache: {statistics.median(build) / statistics.median(cold):.2f}")
    skipped = statistics.median(results["skipped (up to date)"])
    share = skipped / statistics.median(build)
    print(f"skipped run / build: {share:.2f} ({skipped:.3f} s against {statistics.median(build):.3f} s); "
          f"aim <= {SKIP_AIM}: {'within' if share <= SKIP_AIM else 'over'}")
    many = statistics.median(results[f"{AUDIENCES} audiences"])
    print(f"{AUDIENCES} audiences: {many:.2f} s (median); aim <= {MANY_AIM:.0f} s: "
          f"{'within' if many <= MANY_AIM else 'over'}")
    return 0


def many_audiences(folder: Path) -> Path:
    """The sample's config with AUDIENCES audiences, the built-in templates in turn; its data copied beside it."""
    import yaml

    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "data", folder / "data")
    config = yaml.safe_load((ROOT / CONFIG).read_text(encoding="utf-8"))
    templates = ("analyst", "executive", "public", "jianbao")
    config["audiences"] = {f"a{n:03d}": {"template": templates[n % len(templates)]} for n in range(AUDIENCES)}
    path = folder / "briefing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
