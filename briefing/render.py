"""Render: the Word briefing from a Word template (docxtpl), the digest from a Jinja2 template.

Both take the same context. Undefined names are errors (StrictUndefined) that name
the template and the line, never an empty gap in a briefing.

docxtpl was chosen over driving python-docx by hand because it lets a person edit
the layout, fonts, header and the order of sections in Word itself: the .docx is
the template, its Jinja tags are plain text in it, and its styles carry through.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from briefing.errors import InputError

CHART_WIDTH_MM = 160


def environment(folder: Path) -> jinja2.Environment:
    """The one Jinja environment factory: strict, with the project's filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda v, digits=1: f"{v:.{digits}f}%"
    return env


def render_markdown(context: dict, template_dir: Path) -> str:
    name = "digest.md.j2"
    try:
        return environment(template_dir).get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(str(template_dir / name), f"template syntax error: {exc.message}",
                         "fix the tag ({% … %} or {{ … }})", exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise InputError(str(template_dir / name), f"{exc.message}",
                         f"use one of the context fields: {', '.join(sorted(context))}", _line_of(exc, name)) from None


def _line_of(exc: BaseException, name: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_docx(context: dict, template_dir: Path, out: Path) -> None:
    """Render the Word template to `out`, charts placed as images the width of the text."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    path = template_dir / "briefing.docx"
    try:
        template = DocxTemplate(str(path))
        charts = [{**c, "image": InlineImage(template, c["path"], width=Mm(CHART_WIDTH_MM))} for c in context["charts"]]
        env = environment(template_dir)
        template.render({**context, "charts": charts}, jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(str(path), f"Word template syntax error: {exc.message}",
                         "open it in Word and fix the tag ({% … %} or {{ … }}); type each tag in one go so Word keeps it in one piece",
                         f"paragraph near “{_near(exc)}”") from None
    except jinja2.UndefinedError as exc:
        raise InputError(str(path), f"Word template: {exc.message}",
                         f"use one of the context fields: {', '.join(sorted(context))}") from None
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InputError(str(path), f"cannot read the Word template: {exc}", "save it again from Word as .docx") from None
    _set_properties(template, context)
    template.save(str(out))


def _near(exc: jinja2.TemplateSyntaxError) -> str:
    source = getattr(exc, "source", None) or ""
    lines = source.splitlines()
    if exc.lineno and 0 < exc.lineno <= len(lines):
        import re

        return re.sub(r"<[^>]+>", "", lines[exc.lineno - 1])[:40]
    return ""


def _set_properties(template, context: dict) -> None:
    import datetime as dt

    props = template.docx.core_properties
    props.title = context["title"]
    props.subject = context["audience"]["title"]
    props.author = "briefing"
    props.created = dt.datetime.fromisoformat(context["date"])
    props.modified = props.created
    props.last_modified_by = "briefing"
    props.revision = 1
