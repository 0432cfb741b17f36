"""Running unattended: the log file, the delivery and failure hooks, and the crontab line.

The log is appended one timestamped line per event and rotated by size, so a
briefing that runs every morning for years never fills a disk. A hook is a shell
command from the config, given what happened in its environment and a bounded
time; its own failure is logged, never allowed to hide the build's result.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BuildError, InputError

LOG_BYTES = 1_000_000  # rotate the log at this size
LOG_BACKUPS = 5
HOOK_SECONDS = 300
_MARK = "# briefing:"  # ends every crontab line this tool writes, with the config's path


def log_line(path: Path | None, line: str) -> bool:
    """Append a timestamped line to the log file, rotating it by size. A log that cannot be written (a full
    disk, a folder in its place) is never fatal: one warning on stderr, and False."""
    if path is None:
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate(path)
        stamp = dt.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {line}\n")
    except OSError as exc:
        if path not in _UNWRITABLE:  # said once per run, however many lines are lost
            _UNWRITABLE.add(path)
            print(f"briefing: warning: cannot write the log {path}: {exc.strerror or exc} (the build goes on)",
                  file=sys.stderr)
        return False
    return True


_UNWRITABLE: set[Path] = set()


def _rotate(path: Path) -> None:
    """At LOG_BYTES, briefing.log becomes briefing.log.1 (and .1 becomes .2, up to LOG_BACKUPS)."""
    if not path.is_file() or path.stat().st_size < LOG_BYTES:
        return
    for n in range(LOG_BACKUPS - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


@dataclass(frozen=True)
class HookResult:
    command: str
    exit_code: int
    output: str


def run_hook(command: str, environment: dict[str, str], cwd: Path) -> HookResult:
    """Run a config's hook command with the build's facts in its environment, for at most HOOK_SECONDS."""
    env = {**os.environ, **environment}
    try:
        done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=HOOK_SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return HookResult(command, 124, f"the hook did not finish in {HOOK_SECONDS} s")
    return HookResult(command, done.returncode, (done.stdout + done.stderr).strip()[-2000:])


# ---- hooks ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hooks:
    """A config's hook commands, and the folder they run in."""

    config: Path
    on_failure: str = ""
    deliver: str = ""

    @property
    def folder(self) -> Path:
        return self.config.parent

    @classmethod
    def of_yaml(cls, path: Path) -> "Hooks":
        """The hooks of a config that did not load, read straight from its YAML when that much is readable,
        so a broken table or source still alerts."""
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None
        command = data.get("on_failure") if isinstance(data, dict) else None
        return cls(path.absolute(), on_failure=command if isinstance(command, str) else "")


def on_failure(hooks: Hooks, error: Exception, log: Path | None) -> None:
    """Run the on_failure command with the error and its exit code in its environment; log what it did."""
    if not hooks.on_failure:
        return
    line = error.line() if isinstance(error, InputError) else str(error)
    code = getattr(error, "exit_code", BuildError.exit_code)
    result = run_hook(hooks.on_failure, {"BRIEFING_ERROR": line, "BRIEFING_EXIT_CODE": str(code),
                                         "BRIEFING_CONFIG": str(hooks.config)}, hooks.folder)
    log_line(log, f"on_failure hook exited {result.exit_code}: {result.output}")


def deliver(hooks: Hooks, editions: list[Path], date: str, log: Path | None) -> None:
    """Run the deliver command for the editions, then record in their manifests that it is done. A failure is
    a BuildError that says how to resend; killed or interrupted, the delivery stays owed to the next run."""
    from briefing.publish.manifest import mark_delivered

    if not hooks.deliver or not editions:
        return
    try:
        result = run_hook(hooks.deliver, {"BRIEFING_EDITIONS": "\n".join(map(str, editions)), "BRIEFING_DATE": date,
                                          "BRIEFING_CONFIG": str(hooks.config)}, hooks.folder)
    except KeyboardInterrupt:
        raise BuildError(f"interrupted while delivering; {', '.join(map(str, editions))} stay published, not "
                         "delivered: the next build delivers them (or run briefing resend)") from None
    log_line(log, f"deliver hook exited {result.exit_code}: {result.output}")
    if result.exit_code != 0:
        raise BuildError(f"the editions were built, but the deliver hook failed (exit {result.exit_code}): "
                         f"{result.output[-300:]} — fix it; the next build delivers them, or run briefing resend")
    for edition in editions:
        mark_delivered(edition)


# ---- cron ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    expression: str
    line: str  # the crontab line
    next_runs: tuple[str, ...]


def schedule_line(config: Path, expression: str, log_file: Path | None = None) -> Schedule:
    """The crontab line that builds the briefing: absolute paths, this interpreter, the project's folder."""
    from croniter import croniter

    if not croniter.is_valid(expression):
        raise InputError(expression, "not a cron expression (five fields: minute hour day month weekday)",
                         'write it like "0 7 * * 1-5" (7:00 on weekdays)')
    config = config.resolve()
    log = (log_file or config.parent / "briefing.log").resolve()
    python = Path(sys.executable)
    command = (f"cd {shlex.quote(str(config.parent))} && {shlex.quote(str(python))} -m briefing build "
               f"{shlex.quote(str(config))} --log-file {shlex.quote(str(log))} >>{shlex.quote(str(log))} 2>&1")
    line = f"{expression} {command} {_MARK} {config}"
    runs = croniter(expression, dt.datetime.now())
    return Schedule(expression, line, tuple(runs.get_next(dt.datetime).strftime("%Y-%m-%d %H:%M (%a)")
                                            for _ in range(3)))


def install(schedule: Schedule, config: Path) -> bool:
    """Add the line to the user's crontab, replacing this config's earlier line; False when already there."""
    lines = _crontab_lines()
    mine = [line for line in lines if line.endswith(f"{_MARK} {config.resolve()}")]
    if mine == [schedule.line]:
        return False
    kept = [line for line in lines if line not in mine]
    _write_crontab(kept + [schedule.line])
    return True


def remove(config: Path) -> bool:
    """Take this config's line out of the user's crontab; False when it was not there."""
    lines = _crontab_lines()
    kept = [line for line in lines if not line.endswith(f"{_MARK} {config.resolve()}")]
    if kept == lines:
        return False
    _write_crontab(kept)
    return True


def _crontab() -> str:
    found = shutil.which("crontab")
    if not found:
        raise InputError("crontab", "there is no crontab command on this machine",
                         "install cron (e.g. apt-get install cron), or add the printed line by hand")
    return found


def _crontab_lines() -> list[str]:
    done = subprocess.run([_crontab(), "-l"], capture_output=True, text=True)
    if done.returncode != 0:
        return []  # no crontab yet
    return [line for line in done.stdout.splitlines() if line.strip()]


def _write_crontab(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n" if lines else ""
    done = subprocess.run([_crontab(), "-"], input=text, capture_output=True, text=True)
    if done.returncode != 0:
        raise InputError("crontab", f"crontab refused the new table: {done.stderr.strip()}", "check `crontab -l`")
