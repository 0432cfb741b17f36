"""The Jinja environment templates render in: sandboxed, strict, one for Markdown and Word alike.

The loader only reads files inside the folders of a template's chain: `{% extends "parent:digest.md.j2" %}`
is the parent's digest, `{% extends "base:digest.md.j2" %}` the built-in base's, and a plain name is looked
up in the template's own folder first, then in its parents'. template_error() says a Jinja error as an
InputError placed in the template file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import jinja2

from briefing.errors import InputError
from briefing.model import InputLimits
from briefing.templating import Template
from briefing.templating.compiled import compiled
from briefing.templating.filters import FILTERS, markdown
from briefing.templating.sandbox import BoundedSandbox, TemplateLimit


class ChainLoader(jinja2.BaseLoader):
    """Loads files from a template's chain of folders, and from nowhere else.

    Names are "<level>:<path>", level 0 being the template itself; `parent:` and `base:`
    in a template are turned into levels by TemplateEnvironment.join_path.
    """

    def __init__(self, template: Template):
        self.chain = template.chain

    def locate(self, name: str) -> tuple[int, Path]:
        """(the level whose folder has the file, its path), searching from the level the name gives."""
        level, relative = _split_name(name)
        pieces = jinja2.loaders.split_template_path(relative)
        for index in range(level, len(self.chain)):
            root = self.chain[index].folder.resolve()
            path = root.joinpath(*pieces)
            if path.is_file() and path.resolve().is_relative_to(root):
                return index, path
        raise jinja2.TemplateNotFound(relative)

    def get_source(self, environment: jinja2.Environment, name: str) -> tuple[str, str, Callable[[], bool]]:
        _, path = self.locate(name)
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime


def _split_name(name: str) -> tuple[int, str]:
    head, colon, rest = name.partition(":")
    if colon and head.isdigit():
        return int(head), rest
    if colon and head in ("parent", "base"):
        raise jinja2.TemplateNotFound(name)  # only meaningful inside a template (see join_path)
    return 0, name


class TemplateEnvironment(BoundedSandbox):
    """The sandbox (briefing.templating.sandbox: data only, bounded in size and time), plus the names
    `parent:FILE` and `base:FILE` resolved against the including template, and each text compiled once
    (briefing.templating.compiled)."""

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        return compiled(self, source, name, filename, defer_init,
                        lambda: super(TemplateEnvironment, self).compile(source, name, filename, raw, defer_init))

    def join_path(self, template: str, parent: str) -> str:
        head, colon, rest = template.partition(":")
        if not colon or head not in ("parent", "base") or not isinstance(self.loader, ChainLoader):
            return template if ":" in template and template.partition(":")[0].isdigit() else f"0:{template}"
        chain = self.loader.chain
        if head == "base":
            return f"{len(chain) - 1}:{rest}"
        level, _ = self.loader.locate(parent) if parent and parent[:1].isdigit() else (0, None)
        return f"{level + 1}:{rest}"


def environment(template: Template | None = None, *, word: bool = False,
                limits: InputLimits = InputLimits()) -> TemplateEnvironment:
    """The one Jinja environment factory, for one render: sandboxed, strict, bounded by the config's
    limits.template_mb and limits.render_seconds, with the filters of briefing.templating.filters, and every
    text a template writes escaped.

    `word` escapes for Word's XML; otherwise for Markdown (the `md` filter), so that no source text or
    table cell becomes a tag, a link, an image or a table column. Blocks, macros and `|safe` are kept as
    they are: they are the template's own Markdown.
    """
    env = TemplateEnvironment(
        loader=ChainLoader(template) if template is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=None if word else markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        max_text=max_text(limits),
        render_seconds=limits.render_seconds,
    )
    env.filters.update(FILTERS)
    env.bound_filters()
    return env


def max_text(limits: InputLimits) -> int:
    """The characters a template may write: limits.template_mb, a million to the megabyte."""
    return int(limits.template_mb * 1_000_000)


def template_error(exc: BaseException, default_file: Path | str, context: dict | None = None) -> InputError:
    """A Jinja error as the one-line InputError a user can act on: file, line, what, what to do."""
    file, line = _where(exc, str(default_file))
    if isinstance(exc, jinja2.TemplateAssertionError) and "No filter named" in (exc.message or ""):
        return InputError(file, f"template syntax error: {exc.message}",
                          f"the filters are: {', '.join(sorted(FILTERS))} and Jinja's own (join, replace, …)", line)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return InputError(file, f"template syntax error: {exc.message}", "fix the tag ({% … %} or {{ … }})", line)
    if isinstance(exc, TemplateLimit) and exc.key:
        return InputError(file, f"refused: {exc.message}",
                          f"raise limits.{exc.key} in briefing.yaml if the template really needs more", line)
    if isinstance(exc, TemplateLimit):
        return InputError(file, f"refused: {exc.message}",
                          "a template's output and time are bounded: see Safety in templates/README.md", line)
    if isinstance(exc, (jinja2.exceptions.SecurityError, OverflowError)):
        return InputError(file, f"refused: {getattr(exc, 'message', None) or exc}",
                          "a template may use the context fields and filters, not Python internals", line)
    if isinstance(exc, jinja2.TemplateNotFound):
        return InputError(file, f'no template file "{_plain(exc.name)}" in this template or its parents',
                          'use "parent:digest.md.j2", "base:digest.md.j2" or a file inside the template folder',
                          line)
    if isinstance(exc, jinja2.UndefinedError):
        fields = f"use one of the context fields: {', '.join(sorted(context))}" if context else ""
        return InputError(file, exc.message or str(exc), fields, line)
    if isinstance(exc, ValueError):  # the filters say what they could not read
        return InputError(file, str(exc), "check the value given to the filter", line)
    return InputError(file, f"{type(exc).__name__}: {exc}", "check the expression on that line", line)


def _plain(name: str | None) -> str:
    return re.sub(r"^\d+:", "", name or "")


def _where(exc: BaseException, default_file: str) -> tuple[str, int | str]:
    """The template file and line an error belongs to: the innermost template frame of its traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno or ""
    file, line = default_file, ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<") and Path(name).is_file():
            file, line = name, tb.tb_lineno  # jinja2.debug gave template frames the template's file and line
        tb = tb.tb_next
    return file, line
