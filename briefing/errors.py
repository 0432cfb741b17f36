"""Every error a user can meet, each carrying the exit code the command line ends with.

Exit codes: 0 done (or up to date), 1 the build failed, 2 the input (config, source,
table, template) is wrong, 75 another build of the same briefing holds the lock (a
temporary failure: cron may try again).
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED = 0, 1, 2, 75


class InputError(Exception):
    """Bad input: a config, a source, a table or a template that must be fixed.

    The message is one line: the file, the place in it, what is wrong and what to do.
    The command line prints it and exits 2.
    """

    exit_code = EXIT_INPUT
    logged_as = "input error: "  # how the log file's line starts

    def __init__(self, file: str, problem: str, fix: str = "", place: str | int | None = None):
        self.file = str(file)
        self.place = place
        self.problem = problem
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        where = self.file if self.place in (None, "") else f"{self.file}:{self.place}"
        text = f"{where}: {self.problem}"
        return f"{text} ({self.fix})" if self.fix else text


class InputErrors(InputError):
    """Several input errors found together (a config is checked whole, not to the first error)."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.file, first.problem, first.fix, first.place)

    def line(self) -> str:
        return "\n".join(e.line() for e in getattr(self, "errors", [])) or super().line()


class LimitExceeded(InputError):
    """An input over one of the config's limits: (`limit`, the key of limits: that raises it)."""

    def __init__(self, file: str, problem: str, limit: str):
        self.limit = limit
        super().__init__(file, problem, f"raise limits.{limit} in briefing.yaml")


class LayoutError(InputError):
    """A table's declared layout does not fit the table; `key` is the config key at fault, e.g. ("columns", "unit")."""

    def __init__(self, file: str, key: tuple[str, ...], problem: str, fix: str = "", place: str | int | None = None):
        self.key = key
        super().__init__(file, problem, fix, place)


class BuildError(Exception):
    """The build failed for a reason that is not the user's input (exit 1)."""

    exit_code = EXIT_FAILED
    logged_as = ""

    def line(self) -> str:
        return f"build failed: {self}"


class Interrupted(BuildError):
    """Ctrl-C (or SIGINT) after some editions were already published: they stay, their delivery is owed."""

    def __init__(self, editions: list):
        self.editions = list(editions)
        super().__init__(f"interrupted after publishing {', '.join(map(str, self.editions))}; they stay published "
                         "and the next build delivers them (or run briefing resend)")

    def line(self) -> str:
        return str(self)


class Locked(BuildError):
    """Another build of the same briefing holds the lock: a temporary failure (exit 75)."""

    exit_code = EXIT_LOCKED
    logged_as = "locked: "

    def line(self) -> str:
        return str(self)


class MachineError(BuildError):
    """The machine refused what the build had to do: a folder nobody may write, a full disk, a file where a
    folder must be (exit 1). The line names the path, what the system said, what was being done and the fix."""

    def __init__(self, doing: str, error: OSError, where: Path | str | None = None, fix: str = ""):
        self.path = _paths(error) or str(where or "")
        self.reason = error.strerror or str(error) or type(error).__name__
        self.errno = error.errno
        self.doing = doing
        self.fix = fix or _FIXES.get(error.errno, "")
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"{where}{self.reason} (while {self.doing}{fix})"


class InternalError(BuildError):
    """An exception nothing expected: a bug, said in one line (the last net of the command line)."""

    def __init__(self, error: BaseException):
        self.error = error
        super().__init__(f"{type(error).__name__}: {error}".rstrip(": "))

    def line(self) -> str:
        return f"internal error: {self} (please report it, with --debug for the traceback)"


_SPACE = "free some space on that disk, or give --out another one"
_WRITE = "check that the folder exists and can be written by this user"
_FIXES = {errno.ENOSPC: _SPACE, errno.EDQUOT: _SPACE, errno.EFBIG: _SPACE, errno.EACCES: _WRITE,
          errno.EPERM: _WRITE, errno.EROFS: "the disk is mounted read-only: give --out a writable folder",
          errno.ENOTDIR: "a file is where a folder must be: move it away",
          errno.EISDIR: "a folder is where a file must be: move it away",
          errno.ELOOP: "a link there points at itself: remove it",
          errno.ENAMETOOLONG: "use a shorter name or folder"}


def _paths(error: OSError) -> str:
    if error.filename is None:
        return ""
    return f"{error.filename} -> {error.filename2}" if error.filename2 is not None else str(error.filename)


@contextmanager
def machine(doing: str, where: Path | str | None = None, fix: str = ""):
    """Within it, an OSError is a MachineError that says what was being done (`where`: the path to name when
    the error has none, as a write to an open file on a full disk)."""
    try:
        yield
    except OSError as error:
        raise MachineError(doing, error, where, fix) from error


def unexpected(error: Exception, doing: str = "running the command") -> BuildError:
    """What the command line's last net says of an exception no one caught: an OSError is the machine's
    fault, named; anything else is an internal error."""
    if isinstance(error, OSError):
        return MachineError(doing, error)
    return InternalError(error)


def raise_all(errors: list[InputError]) -> None:
    """Raise the errors found, all at once; nothing when there is none."""
    if errors:
        raise InputErrors(errors) if len(errors) > 1 else errors[0]
