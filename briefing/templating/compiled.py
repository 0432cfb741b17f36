"""Templates compiled once: the code Jinja makes of a template's text, kept in the process and in the user's cache.

A build checks every template before it reads anything (`briefing templates check`) and
then renders them: both compile the same texts. Compiling the Word template's XML and the
digests is most of a check's time, so the code of each text is kept, in memory for the
process and on disk ($XDG_CACHE_HOME/briefing/templates) for the next build, as marshalled
code. An entry's name is the digest of the text, its name and file, every setting of the
environment that changes the code Jinja writes (its class, delimiters, whitespace options,
finalize, the filters and tests it knows), Jinja's version and briefing's own code
(briefing.cache.code_version): a template edited, an option changed or another release gives
another entry. Only code that compiled is kept: a template with a mistake is compiled, and
refused, every time.
"""

from __future__ import annotations

import importlib.util
import marshal
from collections import OrderedDict
from types import CodeType
from typing import Callable

import jinja2

from briefing import cache

KIND = "templates"
MEMORY: OrderedDict[str, CodeType] = OrderedDict()  # this process's compiled templates, newest last
MEMORY_SIZE = 256


def compiled(environment: jinja2.Environment, source: str, name: str | None, filename: str | None,
             defer_init: bool, compile_: Callable[[], CodeType]) -> CodeType:
    """The code of `source` in `environment`: from memory, from the cache, or from `compile_()` (then kept)."""
    entry = cache.key(settings(environment), source, name or "", filename or "", str(defer_init))
    code = MEMORY.get(entry) if cache.enabled() else None
    if code is None:
        code = _read(entry)
    if code is None:
        code = compile_()
        cache.write(KIND, entry, importlib.util.MAGIC_NUMBER + marshal.dumps(code))
    MEMORY[entry] = code
    MEMORY.move_to_end(entry)
    while len(MEMORY) > MEMORY_SIZE:
        MEMORY.popitem(last=False)
    return code


def _read(entry: str) -> CodeType | None:
    data = cache.read(KIND, entry)
    magic = importlib.util.MAGIC_NUMBER
    if data is None or not data.startswith(magic):
        return None
    try:
        code = marshal.loads(data[len(magic):])
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def settings(environment: jinja2.Environment) -> str:
    """Everything of an environment that the code it compiles depends on."""
    e = environment
    finalize = getattr(e.finalize, "__qualname__", repr(e.finalize)) if e.finalize else ""
    return repr((
        jinja2.__version__, f"{type(e).__module__}.{type(e).__qualname__}",
        f"{e.code_generator_class.__module__}.{e.code_generator_class.__qualname__}",
        e.block_start_string, e.block_end_string, e.variable_start_string, e.variable_end_string,
        e.comment_start_string, e.comment_end_string, e.line_statement_prefix, e.line_comment_prefix,
        e.trim_blocks, e.lstrip_blocks, e.newline_sequence, e.keep_trailing_newline, e.optimized, e.is_async,
        e.autoescape if isinstance(e.autoescape, bool) else getattr(e.autoescape, "__qualname__", "autoescape"),
        finalize, sorted(e.extensions), sorted(e.filters), sorted(e.tests),
        sorted(getattr(e, "intercepted_binops", ())), sorted(getattr(e, "intercepted_unops", ())),
    ))
