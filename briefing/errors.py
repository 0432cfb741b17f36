"""Every error a user can meet, each carrying the exit code the command line ends with.

Exit codes: 0 done (or up to date), 1 the build failed, 2 the input (config, source,
table, template) is wrong, 75 another build of the same briefing holds the lock (a
temporary failure: cron may try again).
"""

from __future__ import annotations

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


def raise_all(errors: list[InputError]) -> None:
    """Raise the errors found, all at once; nothing when there is none."""
    if errors:
        raise InputErrors(errors) if len(errors) > 1 else errors[0]
