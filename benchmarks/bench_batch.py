"""Time `briefing batch` against cron-style `briefing build` processes, on small configs.

Run from the repository root (Dask installed: pip install '.[batch]'):

    python benchmarks/bench_batch.py [--configs 50] [--skip-cron] [--hook SECONDS]

The configs are `briefing init` projects, each cut to one audience (executive, one chart) and given a name of
its own, in a temporary folder. Every timed run builds every config (--force), for one date. With --hook, each
config has a deliver hook that takes that long (`sleep SECONDS`, as a mailer or an upload waits on the network).

Measured:
  cron 1 at a time   50 `briefing build CONFIG --force` processes one after another, as cron runs its lines
  cron 2 at a time   the same, two processes at once (two cron lines a minute apart, or a shell's xargs -P 2)
  batch, 1 worker    `briefing batch CONFIG... --workers 1 --force` (one process: cluster start included)
  batch, 2 workers   the same with --workers 2
  overhead a task    a no-op through the same kind of client and cluster: one submit at a time (latency),
                     and 1,000 at once (per task when the queue is full)
  recovery           a build's worker killed (SIGKILL) halfway: from the kill to the edition published by
                     another worker, against the same build undisturbed, and to the cluster back at full size

Standard library, briefing and distributed only.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATE = "2024-04-23"


def make_configs(folder: Path, count: int, hook: float = 0.0) -> list[Path]:
    """`count` small projects (one audience, one chart), each its own briefing; a deliver hook of `hook` seconds."""
    import yaml

    from briefing.project import make_project

    make_project(folder / "template", "csv")
    configs = []
    for n in range(count):
        project = folder / f"b{n:03d}"
        shutil.copytree(folder / "template", project)
        path = project / "briefing.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(name=f"b{n:03d}", audiences={"executive": {"template": "executive", "max_charts": 1}})
        if hook:
            data["deliver"] = f"sleep {hook:g}"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(path)
    return configs


def briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def run(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv[:6])} …\n{done.stderr}")
    return time.perf_counter() - start


def cron(configs: list[Path], at_once: int) -> float:
    """Every config as its own `briefing build` process, `at_once` at a time."""
    start = time.perf_counter()
    with ThreadPoolExecutor(at_once) as pool:
        list(pool.map(lambda c: run(briefing("build", str(c), "--date", DATE, "--force")), configs))
    return time.perf_counter() - start


def batch(configs: list[Path], workers: int) -> float:
    return run(briefing("batch", *map(str, configs), "--workers", str(workers), "--date", DATE, "--force"))


def noop() -> None:
    return None


def overhead() -> tuple[float, float]:
    """Seconds a no-op task costs: one at a time (submit to result), and each of 1,000 submitted at once."""
    from distributed import wait

    from briefing.batch import cluster

    with cluster(2, None) as client:
        client.submit(noop, pure=False).result()  # the workers warm
        start = time.perf_counter()
        for _ in range(200):
            client.submit(noop, pure=False).result()
        latency = (time.perf_counter() - start) / 200
        start = time.perf_counter()
        futures = [client.submit(noop, pure=False) for _ in range(1000)]
        wait(futures)
        each = (time.perf_counter() - start) / 1000
    return latency, each


def recovery(config: Path) -> tuple[float, float, float]:
    """(the build undisturbed, kill → edition published elsewhere, kill → two workers again), in seconds; both
    workers have built once before (warm, as in a batch)."""
    from briefing.batch import Job, build_config, cluster

    job = Job(config.absolute(), DATE, force=True)
    with cluster(2, None) as client:
        workers = list(client.scheduler_info()["workers"])
        for address in workers:
            assert client.submit(build_config, job, pure=False, workers=[address]).result().code == 0
        start = time.perf_counter()
        assert client.submit(build_config, job, pure=False).result().code == 0
        undisturbed = time.perf_counter() - start
        future = client.submit(build_config, job, pure=False)
        address = _running(client, future.key)
        time.sleep(undisturbed / 2)
        pid = client.run(os.getpid, workers=[address])[address]
        os.kill(pid, signal.SIGKILL)
        killed = time.perf_counter()
        assert future.result().code == 0
        rerun = time.perf_counter() - killed
        while len(client.scheduler_info()["workers"]) < 2 or address in client.scheduler_info()["workers"]:
            time.sleep(0.01)
        back = time.perf_counter() - killed
    return undisturbed, rerun, back


def _running(client, key) -> str:
    while True:
        for address, keys in client.processing().items():
            if key in keys:
                return address
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--configs", type=int, default=50)
    parser.add_argument("--skip-cron", action="store_true", help="time only batch, the overhead and recovery")
    parser.add_argument("--hook", type=float, default=0.0, metavar="SECONDS",
                        help="give every config a deliver hook that takes this long")
    args = parser.parse_args()
    print(f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"{args.configs} configs" + (f", a deliver hook of {args.hook:g} s each" if args.hook else ""))
    with tempfile.TemporaryDirectory() as tmp:
        configs = make_configs(Path(tmp), args.configs, args.hook)
        run(briefing("build", str(configs[0]), "--date", DATE))  # caches (__pycache__, fonts) warm
        rows = []
        if not args.skip_cron:
            rows += [("cron, 1 at a time", cron(configs, 1)), ("cron, 2 at a time", cron(configs, 2))]
        rows += [("batch, 1 worker", batch(configs, 1)), ("batch, 2 workers", batch(configs, 2))]
        for name, seconds in rows:
            print(f"  {name:<20} {seconds:7.1f} s   {seconds / len(configs):.2f} s a config")
        if not args.skip_cron:
            base = dict(rows)["cron, 1 at a time"]
            for name, seconds in rows[1:]:
                print(f"  {name:<20} {base / seconds:5.2f}x cron one at a time")
        latency, each = overhead()
        print(f"  no-op task: {latency * 1000:.1f} ms one at a time, {each * 1000:.2f} ms each of 1,000 at once")
        undisturbed, rerun, back = recovery(configs[0])
        print(f"  killed worker: the build takes {undisturbed:.2f} s undisturbed; killed halfway, its edition is "
              f"published {rerun:.2f} s after the kill (rerun on the other worker); two workers again after "
              f"{back:.2f} s")


if __name__ == "__main__":
    main()
