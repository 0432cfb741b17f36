"""Regular expressions compiled the first time they are used, not when their module is imported.

    from briefing.patterns import lazy
    _YEAR = lazy(r"((?:19|20)\\d\\d)年")      # a module's pattern, as re.compile would make it
    _YEAR.search(text)                       # compiled here, once; then the compiled pattern's own method

briefing's modules hold some 300 patterns, and Python keeps none compiled from one process to the
next: compiled at import, they cost every run about 0.1 s, an up-to-date run and a build whose analysis
is in the cache too, which use few of them. A `LazyPattern` compiles on the first use of any of its
methods and then binds the compiled pattern's methods to itself, so a call after the first costs what a
call of the compiled pattern costs. `pattern` and `flags` are known without compiling, so a pattern can
be written into another (`lazy(r"(?:" + _WORD.pattern + ")")`).

The `re` module's functions take only a string or a compiled pattern: call a LazyPattern's methods
(`_YEAR.fullmatch(text)`), never `re.fullmatch(_YEAR, text)`. A mistake in a pattern shows on its first
use; tests/test_patterns.py compiles every module-level pattern, so none waits for that.
"""

from __future__ import annotations

import re
from typing import Any

_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A regular expression whose compiled pattern is made on the first use of one of its methods."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.source_flags = flags

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet); its methods are bound to this object."""
        compiled = re.compile(self.pattern, self.source_flags)
        for name in _BOUND:
            setattr(self, name, getattr(compiled, name))
        self.flags, self.groups, self.groupindex = compiled.flags, compiled.groups, compiled.groupindex
        return compiled

    def __getattr__(self, name: str) -> Any:
        # only called for a name the object does not have yet: every method before the first compile
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled with `re.compile(pattern, flags)` the first time one of its methods is called."""
    return LazyPattern(pattern, flags)
