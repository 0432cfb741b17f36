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
import tempfile
import threading
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
    with _LOG_LOCK:  # a batch concludes its configs on several threads: one rotates at a time
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
_LOG_LOCK = threading.Lock()


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


def run_hook(command: str, environment: dict[str, str], cwd: Path, seconds: float = HOOK_SECONDS) -> HookResult:
    """Run a config's hook command with the build's facts in its environment, for at most `seconds`.

    The hook is done when its shell exits: a process it starts in the background (a mailer, `sleep 40 &`) may
    keep running, and the build does not wait for it, because the output goes to a file, not to pipes such a
    process would hold open. The shell stays in the build's process group, so killing the build kills it too."""
    env = {**os.environ, **environment}
    with tempfile.TemporaryFile() as output:
        shell = subprocess.Popen(command, shell=True, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        _RUNNING.add(shell)
        try:
            code = shell.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            shell.kill()
            shell.wait()
            return HookResult(command, 124, f"the hook did not finish in {seconds:g} s")
        except BaseException:  # interrupted: the hook does not outlive the build that ran it
            shell.kill()
            shell.wait()
            raise
        finally:
            _RUNNING.discard(shell)
        output.seek(max(0, output.seek(0, os.SEEK_END) - 8000))
        text = output.read().decode("utf-8", errors="replace")
    return HookResult(command, code, text.strip()[-2000:])


_RUNNING: set[subprocess.Popen] = set()  # the hooks' shells running now, in any thread


def stop_hooks() -> None:
    """Kill every hook shell running now: an interrupted batch runs its hooks on other threads, which no
    KeyboardInterrupt reaches (each ends as a hook killed)."""
    for shell in list(_RUNNING):
        shell.kill()


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
        from briefing.yamlfile import read_data

        data = read_data(path)
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


def editions_to_resend(folder: Path, audiences: list[str]) -> list[Path]:
    """The latest edition of every audience, for `briefing resend`: all of them or none, so that a resend never
    delivers part of a briefing without a word. A missing one is an InputError (exit 2), as is "no edition has
    been built yet": nothing failed, the editions to send are not there, and building them is the fix."""
    from briefing.publish.editions import latest_edition, latest_editions

    found = latest_editions(folder, audiences)
    missing = [a for a in audiences if latest_edition(folder, a) is None]
    if missing:
        names = ", ".join(missing)
        raise InputError(str(folder), f"no edition of {names} to resend, so nothing was sent",
                         f"build it (briefing build --audience {missing[0]}), then resend")
    return found


# ---- cron ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    expression: str
    line: str  # the crontab line
    next_runs: tuple[str, ...]


_MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")  # cron's, croniter's
_FIELDS = (("minute", "0-59"), ("hour", "0-23"), ("day of the month", "1-31"), ("month", "1-12 or jan-dec"),
           ("weekday", "0-7 or sun-sat"))


def schedule_line(config: Path, expression: str, log_file: Path | None = None) -> Schedule:
    """The crontab line that builds the briefing: absolute paths, this interpreter, the project's folder.

    The build logs to the log file itself; what it says on stderr (a failure, a warning) is left to cron, which
    mails it, so the log has each line once. Paths are quoted for the shell and their `%` escaped for cron."""
    from croniter import croniter

    expression = cron_expression(expression)
    config = config.resolve()
    log = (log_file or config.parent / "briefing.log").resolve()
    python = Path(sys.executable)
    for path in (config, log, python):
        _check_cron_path(path)
    command = (f"cd {_cron_quote(config.parent)} && {_cron_quote(python)} -m briefing build {_cron_quote(config)} "
               f"--log-file {_cron_quote(log)}")
    line = f"{expression} {command} {_mark(config)}"
    runs = croniter(expression, dt.datetime.now())
    return Schedule(expression, line, tuple(runs.get_next(dt.datetime).strftime("%Y-%m-%d %H:%M (%a)")
                                            for _ in range(3)))


def cron_expression(expression: str) -> str:
    """The expression as cron reads it: five fields (minute hour day month weekday) or a macro like @daily,
    each field checked on its own so that a wrong one is named."""
    from croniter import croniter

    fields = expression.split()
    if len(fields) == 1 and fields[0].lower() in _MACROS:
        return fields[0].lower()
    if len(fields) != len(_FIELDS):
        found = f"{len(fields)} field{'s' if len(fields) != 1 else ''}" if fields else "nothing"
        raise InputError(f"--cron {expression!r}", f"cron takes five fields (minute hour day month weekday) or a "
                         f"macro like @daily, not {found}", 'write it like "0 7 * * 1-5" (7:00 on weekdays)')
    for n, (field, (name, values)) in enumerate(zip(fields, _FIELDS)):
        alone = " ".join(field if i == n else "*" for i in range(len(_FIELDS)))
        if not croniter.is_valid(alone):
            raise InputError(f"--cron {expression!r}", f'the {name} "{field}" is not one cron takes',
                             f"the {name} is {values}, a list (1,3), a range (1-5) or a step (*/15)")
    if not croniter.is_valid(" ".join(fields)):
        raise InputError(f"--cron {expression!r}", "not a cron expression",
                         'write it like "0 7 * * 1-5" (7:00 on weekdays)')
    return " ".join(fields)  # one line, whatever spaces or newlines it was given with


def _check_cron_path(path: Path) -> None:
    """A path goes into the crontab line only if it is one line of printable characters: a newline would end
    the line and start another that cron runs."""
    bad = next((c for c in str(path) if ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise InputError(str(path).encode("unicode_escape").decode("ascii"),
                         f"the path holds a control character ({bad!r}), which cannot go into a crontab line",
                         "rename the folder, or add a line to your crontab by hand")


def _cron_quote(path: Path) -> str:
    """A path quoted for the shell cron starts, with its `%` escaped: cron turns a bare `%` into a newline."""
    return _cron_text(shlex.quote(str(path)))


def _cron_text(text: str) -> str:
    return text.replace("%", "\\%")


def _mark(config: Path) -> str:
    """The comment that ends this config's crontab line, and finds it again."""
    return f"{_MARK} {_cron_text(str(config.resolve()))}"


def install(schedule: Schedule, config: Path) -> bool:
    """Add the line to the user's crontab, replacing this config's earlier line; False when already there."""
    lines = _crontab_lines()
    mine = [line for line in lines if line.endswith(_mark(config))]
    if mine == [schedule.line]:
        return False
    kept = [line for line in lines if line not in mine]
    _write_crontab(kept + [schedule.line])
    return True


def remove(config: Path) -> bool:
    """Take this config's line out of the user's crontab; False when it was not there."""
    lines = _crontab_lines()
    kept = [line for line in lines if not line.endswith(_mark(config))]
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
