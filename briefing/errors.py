"""The one exception type for mistakes a user can make and fix."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a config, a source, a table or a template that must be fixed.

    The message is one line: the file, the place in it, what is wrong and what to do.
    The command line prints it and exits 2.
    """

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


class BuildError(Exception):
    """The build failed for a reason that is not the user's input (exit 1)."""
