"""Many briefings on a Dask cluster: one task per config, each built by `build()` in a worker process.

A worker has one thread (matplotlib's styles and the build's warnings are process-global) and BLAS one thread.
The client fixes the edition date once, checks that every worker runs this version of briefing and sees every
config at the same path with the same bytes, submits the builds, and, as each ends, does what `briefing build`
does after it: the log line, the deliver hook (or on_failure), on threads of its own (Concluding). A build that found its briefing locked (75) is
submitted again; one whose input is wrong (2) never is. Dask reruns the task of a worker that died on another
worker (`distributed.scheduler.allowed-failures`); a config that kills every worker it touches ends as
KilledWorker and fails alone. Editions and locks are where `build` puts them, so the configs and their output
must be on a filesystem every machine mounts at the same path, with working flock.

Dask (`pip install 'briefing[batch]'`) is imported by this module's functions only, never at its import.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from briefing import __version__
from briefing.errors import EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED, EXIT_OK, BuildError, InputError, unexpected
from briefing.operate import Hooks, deliver, log_line, on_failure, stop_hooks

INSTALL = "pip install 'briefing[batch]'"
BLAS_ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
SEVERITY = (EXIT_INPUT, EXIT_FAILED, EXIT_LOCKED, EXIT_OK)  # the batch exits with the worst, first here
LOCKED_RETRIES = 2  # a locked config is submitted again this many times (each try waits --wait for the lock)
WORKER_WAIT = 60.0  # seconds a remote scheduler is given to have a worker
HOOK_THREADS = 8  # configs concluded at once on the client: a hook mostly waits (a mailer, an upload)


@dataclass(frozen=True)
class Job:
    """One config's build as the client asks it: the same date for all, and what the client saw of the config."""

    config: Path  # absolute
    date: str
    wait: float = 60.0
    force: bool = False
    strict: bool = False
    version: str = __version__
    digest: str = ""  # sha256 of the config's bytes on the client
    attempt: int = 1


@dataclass(frozen=True)
class Outcome:
    """What a build came to, as plain data a worker sends back: the exit code `briefing build` would end with,
    the line its log would have, and what the client needs to deliver or alert."""

    config: Path
    code: int
    line: str  # the log line, as `briefing build` writes it
    hooks: Hooks
    error: str = ""  # the one-line error, as stderr says it; "" when built
    alert: str = ""  # the error as the on_failure hook hears it (BRIEFING_ERROR), as `briefing build` gives it
    editions: tuple[Path, ...] = ()
    undelivered: tuple[Path, ...] = ()  # up to date, but an earlier run never finished delivering these
    warnings: tuple[str, ...] = ()
    date: str = ""
    up_to_date: bool = False


@dataclass(frozen=True)
class WorkerFacts:
    """What a worker is and sees: its briefing version, its threads, and each config's sha256 there (None: not
    found)."""

    version: str
    host: str
    digests: dict[str, str | None] = field(default_factory=dict)
    threads: int = 1


@dataclass
class BatchResult:
    """Every config's outcome, in the order each was concluded (built, logged, delivered), and the batch's exit
    code (the worst of them)."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def code(self) -> int:
        return worst(o.code for o in self.outcomes)


def worst(codes) -> int:
    """The worst exit code: an input error (2) over a failed build (1) over a locked one (75) over done (0)."""
    found = set(codes)
    return next((c for c in SEVERITY if c in found), EXIT_OK)


def require_dask(command: str = "batch") -> None:
    """Dask is an optional extra: without it, one line that says how to install it."""
    import importlib

    try:
        importlib.import_module("distributed")
    except ImportError:
        raise InputError(f"briefing {command}", "needs Dask, which is not installed", INSTALL) from None


# ---- on the worker --------------------------------------------------------------------------------------


def build_config(job: Job) -> Outcome:
    """Build one config as `briefing build CONFIG --date DATE` would (in a worker process), and say how it went;
    never raises (a bug is an outcome too, as the command line's last net makes it one line)."""
    hooks = Hooks.of_yaml(job.config)
    try:
        _same_as_client(job)
        from briefing.config import load_config
        from briefing.pipeline import build

        config = load_config(job.config, read_tables=False)  # as `briefing build`: read by the build, if needed
        hooks = Hooks(config.path, config.on_failure, config.deliver)
        report = build(config, None, job.date, None, force=job.force, wait=job.wait, strict=job.strict)
    except (InputError, BuildError) as error:
        return failed(job.config, hooks, error)
    except Exception as error:
        return failed(job.config, hooks, unexpected(error, "building"))
    return built(job.config, hooks, report)


def _same_as_client(job: Job) -> None:
    """A worker that joined after the client's check must still be the same: version and config bytes."""
    if job.version != __version__:
        raise InputError(str(job.config), f"worker {socket.gethostname()} runs briefing {__version__}, the client "
                         f"{job.version}", "install the same version of briefing on every machine")
    if job.digest and file_digest(job.config) != job.digest:
        raise InputError(str(job.config), f"worker {socket.gethostname()} does not see this config as the client "
                         "does", "mount the shared filesystem at the same path on every machine")


def built(config: Path, hooks: Hooks, report) -> Outcome:
    """The outcome of a build that ended well (built, or up to date), with the log line `briefing build` writes
    (pipeline.Report.line)."""
    return Outcome(config, EXIT_OK, report.line(config), hooks, editions=tuple(report.editions),
                   undelivered=tuple(report.undelivered), warnings=tuple(report.warnings), date=report.date,
                   up_to_date=report.skipped)


def failed(config: Path, hooks: Hooks, error: InputError | BuildError) -> Outcome:
    """The outcome of a build that failed: its exit code, build's log line, and the error as the hook hears it."""
    return Outcome(config, error.exit_code, naming(error.logged_as + error.line(), config), hooks,
                   error=naming(error.line(), config),
                   alert=error.line() if isinstance(error, InputError) else str(error))


def naming(line: str, config: Path) -> str:
    """A line of build's that says which config it is about: in a batch, a line that names neither the config
    nor its folder (build failed: no source could be read …) ends with the config's path."""
    return line if str(config.parent) in line else f"{line} — config {config}"


def worker_facts(configs: list[str], dask_worker=None) -> WorkerFacts:
    """Run on every worker before the batch (client.run, which gives the worker as `dask_worker`): its version,
    its threads, how it sees each config."""
    return WorkerFacts(__version__, socket.gethostname(), {path: file_digest(Path(path)) for path in configs},
                       dask_worker.state.nthreads if dask_worker is not None else 1)


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---- on the client --------------------------------------------------------------------------------------


def run_batch(configs: list[Path], date: str, workers: int | None = None, scheduler: str | None = None,
              wait: float = 60.0, force: bool = False, strict: bool = False, log: Path | None = None,
              each: Callable[[Outcome, int, int], None] | None = None) -> BatchResult:
    """Build every config on the cluster (a LocalCluster of `workers` processes, or the scheduler's workers),
    each for `date`; after each build its log line and its hook, then `each(outcome, done, total)`."""
    require_dask()
    jobs = jobs_of(configs, date, wait, force, strict)
    result = BatchResult()
    start = time.perf_counter()
    concluding = Concluding(result, log, each, len(jobs))
    try:
        with cluster(min(workers or os.cpu_count() or 1, len(jobs)), scheduler) as client:
            check_workers(client, jobs)
            for outcome in run_jobs(client, jobs):
                concluding.add(outcome)
        concluding.finish()
    except (InputError, BuildError) as error:  # the whole batch stopped (no scheduler, a worker unlike the client)
        for job in (j for j in jobs if j.config not in concluding.configs):  # each hears it, as its own failed
            concluding.add(failed(job.config, Hooks.of_yaml(job.config), error))  # build tells it
        concluding.finish()
        raise
    except BaseException:  # interrupted: no hook more, and none left running
        concluding.finish(stop=True)
        raise
    result.seconds = time.perf_counter() - start
    log_line(log, summary(result))
    return result


class Concluding:
    """The builds' outcomes concluded (`conclude`: the log line, the hook) on HOOK_THREADS threads as they end, so
    a slow hook holds up no other config's; each concluded outcome goes into the result and to `each`, one at a
    time, in the order they are concluded."""

    def __init__(self, result: BatchResult, log: Path | None, each: Callable[[Outcome, int, int], None] | None,
                 total: int):
        from concurrent.futures import ThreadPoolExecutor

        self.result, self.log, self.each, self.total = result, log, each, total
        self.configs: set[Path] = set()  # those given to conclude
        self._told = threading.Lock()
        self._pool = ThreadPoolExecutor(HOOK_THREADS, thread_name_prefix="briefing-hook")
        self._futures: list = []

    def add(self, outcome: Outcome) -> None:
        self.configs.add(outcome.config)
        self._futures.append(self._pool.submit(self._conclude, outcome))

    def _conclude(self, outcome: Outcome) -> None:
        concluded = conclude(outcome, self.log)
        with self._told:
            self.result.outcomes.append(concluded)
            if self.each is not None:
                self.each(concluded, len(self.result.outcomes), self.total)

    def finish(self, stop: bool = False) -> None:
        """Wait for every config's conclusion (an error of one raised here); `stop`: those not begun are dropped
        and the hooks running are killed."""
        if stop:
            self._pool.shutdown(wait=False, cancel_futures=True)
            while not all(future.done() for future in self._futures):  # a thread may start its hook after a look
                stop_hooks()
                time.sleep(0.05)
        self._pool.shutdown(wait=True)
        if not stop:
            for future in self._futures:
                future.result()


def jobs_of(configs: list[Path], date: str, wait: float, force: bool, strict: bool) -> list[Job]:
    """One job per config (a config named twice is built once), by its absolute path, with its bytes' digest."""
    seen: dict[Path, Job] = {}
    for config in configs:
        path = Path(config).absolute()
        seen.setdefault(path.resolve(), Job(path, date, wait, force, strict, digest=file_digest(path) or ""))
    return list(seen.values())


@contextmanager
def cluster(workers: int, scheduler: str | None) -> Iterator:
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers` processes of one thread."""
    import logging
    import warnings

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with _remote(scheduler) as client:
            yield client
        return
    environ = {**dask.config.get("distributed.nanny.pre-spawn-environ", {}), **BLAS_ONE_THREAD}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)  # its health port: any will do
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.CRITICAL) as local, Client(local) as client:
            yield client  # a worker's death is said once, by this command, not by distributed's log too


@contextmanager
def _remote(scheduler: str) -> Iterator:
    from distributed import Client

    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"--scheduler {scheduler}", f"no scheduler answers there ({error})",
                         "start one (dask scheduler) and its workers (briefing worker ADDRESS), or check the "
                         "address") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise BuildError(f"the scheduler {scheduler} has had no worker for {WORKER_WAIT:g} s; start one on "
                             f"each machine: briefing worker {scheduler}") from None
        yield client


def check_workers(client, jobs: list[Job]) -> None:
    """Every worker runs this version of briefing and sees each config at its path with the same bytes, or an
    InputError that names the first worker that does not (before anything is built)."""
    facts = client.run(worker_facts, [str(j.config) for j in jobs], on_error="return")
    problems = mismatches(facts, {str(j.config): j.digest or None for j in jobs})
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more like it)" if len(problems) > 1 else ""
        raise InputError(first.file, first.problem + more, first.fix)


def mismatches(facts: dict, digests: dict[str, str | None], version: str = __version__) -> list[InputError]:
    """What each worker (address -> WorkerFacts, or the exception it raised) gets wrong against the client."""
    problems = []
    same_path = "mount the shared filesystem at the same path on every machine"
    for address, seen in sorted(facts.items()):
        if not isinstance(seen, WorkerFacts):
            problems.append(InputError(f"worker {address}", f"cannot run briefing's check ({type(seen).__name__}: "
                                       f"{seen})", f"install briefing {version} there (pip install briefing)"))
            continue
        where = f"worker {address} ({seen.host})"
        if seen.version != version:
            problems.append(InputError(where, f"runs briefing {seen.version}, this client {version}",
                                       "install the same version of briefing on every machine"))
            continue
        if seen.threads != 1:
            problems.append(InputError(where, f"has {seen.threads} threads, and two builds in one process would "
                                       "share matplotlib's styles", "start it with briefing worker ADDRESS, "
                                       "which gives each process one thread"))
        for path, digest in digests.items():
            if seen.digests.get(path) != digest:
                problem = (f"{where} does not see this config" if seen.digests.get(path) is None else
                           f"{where} sees other bytes at this path than this client")
                problems.append(InputError(path, problem, same_path))
    return problems


def run_jobs(client, jobs: list[Job]) -> Iterator[Outcome]:
    """Each job's outcome as its build ends; a locked one is submitted again (LOCKED_RETRIES times), and a
    task whose every worker died is an outcome of its own (KilledWorker), never the batch's end."""
    from distributed import as_completed

    asked: dict = {}

    def submit(job: Job):
        future = client.submit(build_config, job, key=f"build-{job.config}-{uuid.uuid4().hex[:8]}", pure=False)
        asked[future] = job
        return future

    done = as_completed([submit(job) for job in jobs])
    for future in done:
        job = asked.pop(future)
        outcome = outcome_of(future, job)
        future.release()
        if outcome.code == EXIT_LOCKED and job.attempt <= LOCKED_RETRIES:
            done.add(submit(replace(job, attempt=job.attempt + 1)))
            continue
        yield outcome


def outcome_of(future, job: Job) -> Outcome:
    """A finished task's outcome; a task the cluster could not finish is a failed build of its config."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as error:
        return failed(job.config, Hooks.of_yaml(job.config), BuildError(_killed(job.config, error)))
    except Exception as error:  # the scheduler gone, the task cancelled: that config failed, said in one line
        return failed(job.config, Hooks.of_yaml(job.config),
                      BuildError(f"the cluster lost its build ({type(error).__name__}: {error})"))


def _killed(config: Path, error) -> str:
    """What a KilledWorker (task, last worker, allowed failures) says of its config."""
    tries = f"{error.args[2] + 1} workers" if len(error.args) > 2 else "every worker"
    last = getattr(error.args[1], "address", error.args[1]) if len(error.args) > 1 else "?"
    return (f"every worker that built {config} died while building it ({tries}, the last {last}): it crashes "
            "Python or needs more memory than a worker has; the other configs were built — build it alone "
            f"(briefing build {config}) to see why")


class _Reported(BuildError):
    """A worker's error, told again on the client to the on_failure hook (its text and exit code as they were)."""

    def __init__(self, text: str, code: int):
        super().__init__(text)
        self.exit_code = code


def conclude(outcome: Outcome, log: Path | None) -> Outcome:
    """What `briefing build` does once its build has ended: the log line, then on_failure for a failure, or the
    warnings and the deliver hook (a failed delivery makes the outcome a failed build, exit 1, as in build)."""
    from briefing.publish.manifest import read_manifest

    log_line(log, outcome.line)
    if outcome.code != EXIT_OK:
        on_failure(outcome.hooks, _Reported(outcome.alert, outcome.code), log)
        return outcome
    for warning in outcome.warnings:
        log_line(log, f"warning: {warning}")
    owed, date = list(outcome.editions), outcome.date
    if outcome.up_to_date and outcome.undelivered:
        owed = list(outcome.undelivered)
        date = read_manifest(owed[0]).get("date", date)
        log_line(log, "delivering what an earlier run did not: " + " ".join(map(str, owed)))
    try:
        deliver(outcome.hooks, owed, date, log)
    except BuildError as error:
        undelivered = failed(outcome.config, outcome.hooks, error)
        log_line(log, undelivered.line)
        return replace(undelivered, editions=outcome.editions, warnings=outcome.warnings)
    return outcome


def summary(result: BatchResult) -> str:
    """The batch's last log line: how many configs came to what, and its exit code."""
    counts = {"built": sum(1 for o in result.outcomes if o.code == EXIT_OK and not o.up_to_date),
              "up to date": sum(1 for o in result.outcomes if o.up_to_date),
              "locked": sum(1 for o in result.outcomes if o.code == EXIT_LOCKED),
              "failed": sum(1 for o in result.outcomes if o.code == EXIT_FAILED),
              "wrong input": sum(1 for o in result.outcomes if o.code == EXIT_INPUT)}
    said = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    total = len(result.outcomes)
    return f"batch of {total} config{'' if total == 1 else 's'} in {result.seconds:.1f}s: {said} (exit {result.code})"


# ---- briefing worker ------------------------------------------------------------------------------------


def worker_command(scheduler: str, nworkers: int | None) -> list[str]:
    """The `dask worker` command a machine joins the cluster with: worker processes (each under a nanny, which
    starts it again if it dies) of one thread each, no dashboard."""
    return [sys.executable, "-m", "distributed.cli.dask_worker", scheduler, "--nthreads", "1",
            "--nworkers", str(nworkers or os.cpu_count() or 1), "--no-dashboard"]


def start_worker(scheduler: str, nworkers: int | None) -> None:
    """Become `dask worker` with the right settings; BLAS one thread is in the environment before numpy loads."""
    require_dask("worker")
    os.environ.update(BLAS_ONE_THREAD)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, worker_command(scheduler, nworkers))
