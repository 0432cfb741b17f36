"""`templates check` and `validate`: the static checks of a template, then a trial render of the briefing
it would make, in memory."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from briefing.resources import SKELETON
from briefing.templating import Template


SAMPLE_PROJECT = SKELETON / "briefing.yaml"


def trial_context(template: Template, config_path: Path | None) -> tuple[dict, str]:
    """The context of the briefing a template is checked against, and a line saying which.

    The project's config when there is one: the audience that uses the template, else a
    new audience with the template's defaults. Without a config, the built-in example
    project (the one `briefing init` writes). Charts are drawn in a temporary folder.
    """
    from briefing.pipeline import analyse, charts_for, enrich, read_tables
    from briefing.config import _audience, load_config
    from briefing.render.context import build_context
    from briefing.select import select
    from briefing.ingest import read_document

    path = config_path if config_path is not None and config_path.is_file() else SAMPLE_PROJECT
    config = load_config(path)
    folder = template.folder.resolve()
    audience = next((a for a in config.audiences if Path(a.template).resolve() == folder), None)
    if audience is None:
        audience = _audience(template.name, _defaults(template), template.folder, config.summary_chars)
    documents = tuple(read_document(p) for p in config.sources)
    analysis = analyse(documents, read_tables(config), config.from_sources)
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as scratch:
        analysis = enrich(analysis, Path(scratch), [audience])
        briefing = select(charts_for(analysis, audience), audience, config.title, "2024-04-23")
        context = build_context(briefing)
        context = {**context, "charts": [_kept(c, Path(scratch)) for c in context["charts"]]}
    where = "the example project" if path == SAMPLE_PROJECT else f"{path.name}"
    return context, f"{where}, audience {audience.name}"


def _defaults(template: Template) -> dict:
    return {k: v for k, v in template.settings().items() if v is not None or k.startswith("max_")}


def _kept(chart: dict, scratch: Path) -> dict:
    """A chart whose PNG outlives the scratch folder: its bytes, in memory, for the trial render."""
    return {**chart, "path": io.BytesIO(Path(chart["path"]).read_bytes())}
