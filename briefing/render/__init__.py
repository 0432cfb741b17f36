"""Render, stage 4: one audience's Briefing and its template become the files of an edition.

RENDERERS maps each file of an edition to the function that writes it from the one
template context; the charts drawn for the briefing are copied beside them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from briefing.model import Briefing, InputLimits
from briefing.render.context import build_context
from briefing.render.markdown import render_markdown
from briefing.render.word import render_docx
from briefing.templating import Template


def _write_digest(context: dict, template: Template | Path, path: Path, limits: InputLimits = InputLimits()) -> None:
    path.write_text(render_markdown(context, template, limits), encoding="utf-8")


# file name in the edition → the renderer that writes it (context, template, path, the config's limits)
RENDERERS: dict[str, Callable[[dict, Template | Path, Path, InputLimits], None]] = {
    "digest.md": _write_digest,
    "briefing.docx": render_docx,
}


def render_edition(briefing: Briefing, template: Template | Path, folder: Path,
                   limits: InputLimits = InputLimits()) -> None:
    """Every file of one audience's edition into `folder`: its charts, then each renderer's file."""
    context = build_context(briefing)
    (folder / "charts").mkdir()
    for chart in briefing.charts:
        shutil.copyfile(chart.path, folder / chart.filename)
    for name, renderer in RENDERERS.items():
        renderer(context, template, folder / name, limits)
