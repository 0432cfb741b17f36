"""`briefing batch` on a real Dask LocalCluster of two worker processes (127.0.0.1), as `briefing.batch.cluster`
makes it: workers killed mid-build, a config that kills every worker, two builds of one briefing, exit codes and
log lines, and the client's check of its workers.

The faults are a worker plugin of this module (Faults), registered by the test on the cluster: it wraps the
pipeline's functions inside the worker processes, so nothing in briefing knows of a test. Its behaviour is
switched by files in a folder of the test's: `hold-<briefing>` stops a build just before it publishes (its
edition rendered in staging, the lock held) until the test kills the worker, `slow-lock` keeps each lock a
while, and a briefing named poison-… kills its worker at once.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

distributed = pytest.importorskip("distributed")

from briefing.batch import (EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED, EXIT_OK, LOCKED_RETRIES, WorkerFacts,  # noqa: E402
                            cluster, mismatches, run_batch, worker_facts, worst)
from briefing.cli import main  # noqa: E402
from briefing.errors import InputError  # noqa: E402
from briefing.project import make_project  # noqa: E402

DATE = "2024-04-23"


class Faults(distributed.WorkerPlugin):
    """Faults a test switches on with files in `folder`, put into the pipeline of each worker process."""

    name = "briefing-test-faults"

    def __init__(self, folder: str):
        self.folder = folder

    def setup(self, worker) -> None:
        import briefing.config
        import briefing.pipeline as pipeline

        folder = Path(self.folder)
        originals = pipeline.__dict__.setdefault("_test_originals", {
            "build": pipeline.build, "publish_all": pipeline.publish_all, "holding_lock": pipeline.holding_lock,
            "load_config": briefing.config.load_config})

        def load_config(path, *args, **kwargs):
            with (folder / "attempts.txt").open("a") as attempts:
                attempts.write(f"{Path(path).parent.name}\n")
            return originals["load_config"](path, *args, **kwargs)

        def build(config, *args, **kwargs):
            if config.name.startswith("poison"):
                os.kill(os.getpid(), signal.SIGKILL)
            return originals["build"](config, *args, **kwargs)

        def publish_all(config, *args, **kwargs):
            if (folder / f"hold-{config.name}").exists():
                (folder / f"held-{config.name}").write_text(str(os.getpid()))
                while True:  # until the test kills this worker
                    time.sleep(0.05)
            return originals["publish_all"](config, *args, **kwargs)

        @contextmanager
        def holding_lock(lock_folder, wait):
            asked = time.time()
            with originals["holding_lock"](lock_folder, wait):
                got = time.time()
                if (folder / "slow-lock").exists():
                    time.sleep(1.0)
                yield
                released = time.time()
            with (folder / "locks.jsonl").open("a") as spans:
                spans.write(json.dumps([str(lock_folder), os.getpid(), asked, got, released]) + "\n")

        briefing.config.load_config = load_config
        pipeline.build, pipeline.publish_all, pipeline.holding_lock = build, publish_all, holding_lock


@pytest.fixture(scope="module")
def faults(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("faults")


@pytest.fixture(scope="module")
def scheduler(faults) -> str:
    """The address of a LocalCluster of two worker processes, made as `briefing batch` makes its own; a task
    is given two workers (allowed-failures 1) before it is KilledWorker, so that a poison costs two deaths."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), cluster(2, None) as client:
        client.register_plugin(Faults(str(faults)))
        yield client.scheduler.address


@pytest.fixture
def client(scheduler, faults):
    """A client of the cluster with both workers up (a test before may have had one killed), and the fault
    folder emptied."""
    for path in faults.iterdir():
        path.unlink()
    with distributed.Client(scheduler) as connected:
        connected.wait_for_workers(2, timeout=60)
        yield connected


def project(folder: Path, name: str, audiences: dict | None = None, **keys) -> Path:
    """A starter project (`briefing init`) with one audience, named `name`; its config's path."""
    make_project(folder, "csv")
    path = folder / "briefing.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(name=name, audiences=audiences or {"executive": {"template": "executive", "max_charts": 1}}, **keys)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[Path]:
    """What a killed build may leave: hidden staging, scratch and replaced folders."""
    return [p for p in root.rglob(".*") if p.name != ".lock"]


def in_background(function, *args, **kwargs):
    """Run `function` in a thread; returns a callable that joins it and gives its result."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=function(*args, **kwargs)), daemon=True)
    thread.start()

    def join(timeout: float = 120):
        thread.join(timeout)
        assert not thread.is_alive(), "the batch did not end"
        return box["result"]

    return join


def wait_for(path: Path, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    while not path.exists() or not path.read_text():
        assert time.monotonic() < end, f"{path.name} never came"
        time.sleep(0.02)
    return path.read_text()


def test_the_cluster_has_one_thread_a_process_and_blas_one_thread(client):
    info = client.scheduler_info()["workers"]
    assert len(info) == 2 and {w["nthreads"] for w in info.values()} == {1}
    env = client.run(lambda: {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                           "MKL_NUM_THREADS")})
    assert all(set(e.values()) == {"1"} for e in env.values())
    assert len(set(client.run(os.getpid).values())) == 2  # two processes
    assert {facts.threads for facts in client.run(worker_facts, []).values()} == {1}  # as the check sees them


def test_a_worker_killed_mid_build_is_rerun_elsewhere_and_the_edition_is_a_one_machine_builds(client, faults,
                                                                                              scheduler, tmp_path):
    config = project(tmp_path / "p", "northeast")
    (faults / "hold-northeast").touch()
    join = in_background(run_batch, [config], DATE, scheduler=scheduler, log=tmp_path / "batch.log")
    pid = int(wait_for(faults / "held-northeast"))
    root = tmp_path / "p" / "out" / "northeast"
    assert leftovers(root), "the build was not stopped with its edition in staging"
    (faults / "hold-northeast").unlink()
    os.kill(pid, signal.SIGKILL)
    result = join()

    assert result.code == EXIT_OK, result.outcomes
    [outcome] = result.outcomes
    edition = root / DATE / "executive"
    assert outcome.editions == (edition,)
    assert not leftovers(root)
    assert (faults / "attempts.txt").read_text().split() == ["p", "p"]  # built twice: killed, then rerun
    batch = files(edition)
    assert main(["build", str(config), "--date", DATE, "--force"]) == EXIT_OK  # one machine, the same date
    assert files(edition) == batch


def test_a_config_that_kills_every_worker_fails_alone(client, scheduler, tmp_path):
    good = [project(tmp_path / n, n) for n in ("one", "two")]
    poison = project(tmp_path / "bad", "poison-bad", on_failure='echo "$BRIEFING_EXIT_CODE $BRIEFING_ERROR" > alert.txt')
    log = tmp_path / "batch.log"
    result = run_batch([good[0], poison, good[1]], DATE, scheduler=scheduler, log=log)

    codes = {o.config: o.code for o in result.outcomes}
    assert codes == {good[0]: EXIT_OK, good[1]: EXIT_OK, poison: EXIT_FAILED}
    assert result.code == EXIT_FAILED
    line = next(o.line for o in result.outcomes if o.config == poison)
    assert line.startswith(f"build failed: every worker that built {poison} died while building it (2 workers, the "
                           "last tcp://127.0.0.1:")
    assert f"build it alone (briefing build {poison}) to see why" in line
    assert (tmp_path / "bad" / "alert.txt").read_text().startswith("1 every worker that built")
    for config in good:
        assert (config.parent / "out" / config.parent.name / DATE / "executive" / "briefing.docx").is_file()
    assert not (tmp_path / "bad" / "out" / "poison-bad" / DATE).exists()


def test_two_builds_of_one_briefing_never_overlap(client, faults, scheduler, tmp_path):
    """Two configs of one briefing (one name, one output, an audience each) share its lock: the second waits
    for the first, and both publish their own edition."""
    first = project(tmp_path, "shared", {"executive": {"template": "executive", "max_charts": 1}})
    second = tmp_path / "analyst.yaml"
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["audiences"] = {"analyst": {"template": "analyst", "max_charts": 1}}
    second.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (faults / "slow-lock").touch()

    result = run_batch([first, second], DATE, scheduler=scheduler)

    assert result.code == EXIT_OK and len(result.outcomes) == 2
    spans = sorted(json.loads(line)[1:] for line in (faults / "locks.jsonl").read_text().splitlines())
    (pid_a, asked_a, got_a, released_a), (pid_b, asked_b, got_b, released_b) = sorted(spans, key=lambda s: s[2])
    assert pid_a != pid_b  # the two builds ran at once, on the two workers
    assert asked_b < released_a <= got_b  # the second asked while the first held it, and waited
    root = tmp_path / "out" / "shared" / DATE
    assert sorted(p.name for p in root.iterdir()) == ["analyst", "executive"]


def test_a_mixed_batch_exits_with_the_worst_code_and_logs_a_line_a_config(client, faults, scheduler, tmp_path):
    from briefing.publish.lock import locked

    good = project(tmp_path / "good", "good", deliver="echo delivered >> delivered.txt")
    wrong = project(tmp_path / "wrong", "wrong")
    wrong.write_text(wrong.read_text(encoding="utf-8") + "max_charts: six\n", encoding="utf-8")
    busy = project(tmp_path / "busy", "busy")
    log = tmp_path / "batch.log"
    with locked(tmp_path / "busy" / "out" / "busy", 0):  # a build of it running elsewhere
        result = run_batch([good, wrong, busy], DATE, scheduler=scheduler, wait=0.1, log=log)
        locked_only = run_batch([busy], DATE, scheduler=scheduler, wait=0.1)

    assert result.code == EXIT_INPUT and locked_only.code == EXIT_LOCKED
    assert {o.config: o.code for o in result.outcomes} == {good: EXIT_OK, wrong: EXIT_INPUT, busy: EXIT_LOCKED}
    attempts = (faults / "attempts.txt").read_text().split()
    assert attempts.count("wrong") == 1  # an input error is never tried again
    assert attempts.count("busy") == 2 * (1 + LOCKED_RETRIES)  # a locked config is
    lines = [line.split(" ", 1)[1] for line in log.read_text(encoding="utf-8").splitlines()]
    edition = tmp_path / "good" / "out" / "good" / DATE / "executive"
    assert next(line for line in lines if line.startswith("built")).startswith("built 1 edition in ")
    assert lines[-1].startswith("batch of 3 configs in ") and lines[-1].endswith(
        "s: 1 built, 1 locked, 1 wrong input (exit 2)")
    assert sorted(line.split(":", 1)[0] for line in lines if not line.startswith(("built", "batch"))) == [
        "deliver hook exited 0", "input error", "locked"]  # one line a config, and the good one's delivery
    assert any(line.startswith(f"input error: {wrong}:") and "max_charts" in line for line in lines)
    assert any(line.startswith("locked: another build of this briefing is running") for line in lines)
    assert any(line.endswith(str(edition)) for line in lines)
    assert (tmp_path / "good" / "delivered.txt").read_text() == "delivered\n"


def test_a_slow_hook_holds_up_no_other_configs(client, scheduler, tmp_path):
    """The client runs the configs' hooks on threads of their own: each deliver hook here waits until the other
    has begun too, which one after the other would never see (the first would give up after 30 s and fail)."""
    begun = tmp_path / "begun"
    begun.mkdir()

    def hook(name: str) -> str:
        return (f'touch "{begun}/{name}"; for i in $(seq 300); do [ "$(ls "{begun}" | wc -l)" -ge 2 ] && exit 0; '
                'sleep 0.1; done; echo alone; exit 1')

    configs = [project(tmp_path / n, n, deliver=hook(n)) for n in ("one", "two")]
    told: list[tuple[str, int, int]] = []
    result = run_batch(configs, DATE, scheduler=scheduler,
                       each=lambda outcome, done, total: told.append((outcome.config.parent.name, done, total)))
    assert result.code == EXIT_OK, [o.line for o in result.outcomes]
    assert sorted(p.name for p in begun.iterdir()) == ["one", "two"]
    assert sorted(name for name, _, _ in told) == ["one", "two"] and [(d, t) for _, d, t in told] == [(1, 2), (2, 2)]


def test_the_command_line_of_a_batch(client, scheduler, tmp_path, capsys):
    good = project(tmp_path / "good", "good")
    missing = tmp_path / "nowhere" / "briefing.yaml"
    code = main(["batch", str(good), str(missing), "--scheduler", scheduler, "--date", DATE])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert err.splitlines() == [f"briefing: {missing}: config file not found (give the path of a briefing.yaml, "
                                "or run `briefing init DIR` to make one)"]
    assert (good.parent / "out" / "good" / DATE / "executive" / "digest.md").is_file()  # the other was built


def test_a_terminal_sees_a_bar_of_the_configs_done(client, scheduler, tmp_path, capsys, monkeypatch):
    configs = [project(tmp_path / n, n) for n in ("one", "two")]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["batch", *map(str, configs), "--scheduler", scheduler, "--date", DATE]) == EXIT_OK
    err = capsys.readouterr().err
    assert "█·" in err and "1/2 configs" in err and "██ 2/2 configs" in err
    assert re.search(r"\r *\r2 configs in \d+\.\ds, exit 0\n$", err)  # the bar gives way to the count


def test_a_worker_of_another_version_is_named_before_anything_is_built(client, scheduler, tmp_path):
    """The whole batch stops before any build; each config's on_failure hook still hears why, and the log says
    it once for each config (before: no hook ran, so a cron office was never alerted)."""
    config = project(tmp_path, "versions", on_failure='echo "$BRIEFING_EXIT_CODE $BRIEFING_ERROR" > alert.txt')
    log = tmp_path / "batch.log"

    def other_version():
        import briefing.batch

        briefing.batch.__version__, old = "0.0.1", briefing.batch.__version__
        return old

    workers = list(client.scheduler_info()["workers"])
    client.run(other_version, workers=workers[:1])
    try:
        with pytest.raises(InputError) as caught:
            run_batch([config], DATE, scheduler=scheduler, log=log)
    finally:
        client.run(lambda: setattr(sys.modules["briefing.batch"], "__version__",
                                   sys.modules["briefing"].__version__))
    assert caught.value.line().startswith(f"worker {workers[0]} (")
    assert caught.value.line().endswith("runs briefing 0.0.1, this client 0.1.0 (install the same version of "
                                        "briefing on every machine)")
    assert not (tmp_path / "out").exists()
    assert (tmp_path / "alert.txt").read_text(encoding="utf-8") == f"2 {caught.value.line()}\n"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert any(f"input error: {caught.value.line()} — config {config}" in line for line in lines), lines


def test_a_worker_that_sees_another_file_at_a_configs_path_is_named():
    facts = {"tcp://10.0.0.2:4000": WorkerFacts("0.1.0", "b", {"/srv/a.yaml": "aa", "/srv/b.yaml": None}),
             "tcp://10.0.0.1:4000": WorkerFacts("0.1.0", "a", {"/srv/a.yaml": "zz", "/srv/b.yaml": "bb"})}
    found = [e.line() for e in mismatches(facts, {"/srv/a.yaml": "aa", "/srv/b.yaml": "bb"}, "0.1.0")]
    fix = "(mount the shared filesystem at the same path on every machine)"
    assert found == [f"/srv/a.yaml: worker tcp://10.0.0.1:4000 (a) sees other bytes at this path than this client {fix}",
                     f"/srv/b.yaml: worker tcp://10.0.0.2:4000 (b) does not see this config {fix}"]


def test_a_worker_of_many_threads_is_named():
    facts = {"tcp://10.0.0.3:4000": WorkerFacts("0.1.0", "c", {"/srv/a.yaml": "aa"}, threads=4)}
    [found] = [e.line() for e in mismatches(facts, {"/srv/a.yaml": "aa"}, "0.1.0")]
    assert found == ("worker tcp://10.0.0.3:4000 (c): has 4 threads, and two builds in one process would share "
                     "matplotlib's styles (start it with briefing worker ADDRESS, which gives each process one "
                     "thread)")


def test_the_worst_code_wins():
    assert worst([0, 75, 1, 2]) == 2 and worst([0, 75, 1]) == 1 and worst([0, 75]) == 75 and worst([]) == 0


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_briefing_worker_joins_with_one_thread_and_blas_one_thread(tmp_path):
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=None, host="127.0.0.1") as local, \
            distributed.Client(local) as client:
        worker = subprocess.Popen([sys.executable, "-m", "briefing", "worker", local.scheduler_address,
                                   "--nworkers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            client.wait_for_workers(1, timeout=60)
            [info] = client.scheduler_info()["workers"].values()
            env = client.run(lambda: [os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                                  "MKL_NUM_THREADS")])
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(30)
    assert info["nthreads"] == 1
    assert list(env.values()) == [["1", "1", "1"]]
