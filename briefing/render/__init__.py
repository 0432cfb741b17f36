"""Render, stage 4: one audience's Briefing and its template become the files of an edition.

RENDERERS maps each format of an edition (an audience's `formats:`) to its file and the function
that writes it from the one template context; the charts drawn for the briefing are copied beside
them. pdf is the Word briefing converted by LibreOffice (render.pdf).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

from briefing.model import Briefing, InputLimits
from briefing.templating import Template

# What renders is imported by the functions that render: an up-to-date run imports this package for
# render.checked, the templates' checks it looks up, and none of the rest.


def _write_digest(context: dict, template: Template | Path, path: Path, limits: InputLimits = InputLimits()) -> None:
    from briefing.render.markdown import render_markdown  # Jinja: imported by a build that renders

    path.write_text(render_markdown(context, template, limits), encoding="utf-8")


def _write_docx(context: dict, template: Template | Path, path: Path, limits: InputLimits = InputLimits()) -> None:
    from briefing.render.word import render_docx  # python-docx and docxtpl
    render_docx(context, template, path, limits)


def _write_pdf(context: dict, template: Template | Path, path: Path, limits: InputLimits = InputLimits()) -> None:
    """The edition's briefing.docx converted; without docx among the formats, one made for it in scratch."""
    from briefing.render.pdf import to_pdf

    docx = path.with_name(RENDERERS["docx"][0])
    if docx.is_file():
        to_pdf(docx, path.parent)
        return
    with tempfile.TemporaryDirectory(prefix="briefing-docx-") as scratch:
        docx = Path(scratch) / docx.name
        _write_docx(context, template, docx, limits)
        shutil.move(str(to_pdf(docx, Path(scratch) / "pdf")), path)


Renderer = Callable[[dict, Template | Path, Path, InputLimits], None]  # (context, template, path, the config's limits)
# format → its file in the edition and the renderer that writes it, in the order they are written (pdf after docx)
RENDERERS: dict[str, tuple[str, Renderer]] = {
    "md": ("digest.md", _write_digest),
    "docx": ("briefing.docx", _write_docx),
    "pdf": ("briefing.pdf", _write_pdf),
}


def render_edition(briefing: Briefing, template: Template | Path, folder: Path,
                   limits: InputLimits = InputLimits()) -> None:
    """Every file of one audience's edition into `folder`: its charts, then the file of each of its formats."""
    from briefing.render.context import build_context

    context = build_context(briefing)
    (folder / "charts").mkdir()
    for chart in briefing.charts:
        shutil.copyfile(chart.path, folder / chart.filename)
    for name, renderer in (RENDERERS[f] for f in RENDERERS if f in briefing.audience.formats):
        renderer(context, template, folder / name, limits)
