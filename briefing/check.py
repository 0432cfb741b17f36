"""`templates check` and `validate`: the static checks of a template, then a trial render of the briefing
it would make, in memory."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import load_config
from briefing.config.audiences import template_audience
from briefing.errors import InputError
from briefing.model import InputLimits
from briefing.render.check import check_template, trial_problems
from briefing.render.context import build_context
from briefing.resources import BUILTIN_TEMPLATES, SKELETON
from briefing.templating import (Template, builtin_template_names, find_template_folder, load_template,
                                 project_templates)


SAMPLE_PROJECT = SKELETON / "briefing.yaml"


def trial_context(template: Template, config_path: Path | None) -> tuple[dict, str, InputLimits]:
    """The context of the briefing a template is checked against, a line saying which, and the config's limits
    (a template is checked within the bounds its build renders in).

    The project's config when there is one: the audience that uses the template, else a
    new audience with the template's defaults. Without a config, the built-in example
    project (the one `briefing init` writes). The briefing is the one `build` would make
    today (pipeline.trial_briefing); its charts are drawn in a temporary folder.
    """
    from briefing.pipeline import trial_briefing
    from briefing.publish.manifest import today

    path = config_path if config_path is not None and config_path.is_file() else SAMPLE_PROJECT
    config = load_config(path)
    folder = template.folder.resolve()
    audience = next((a for a in config.audiences if Path(a.template).resolve() == folder), None)
    if audience is None:
        audience = template_audience(template, config.summary_chars)
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as scratch:
        context = build_context(trial_briefing(config, audience, today(), Path(scratch)))
        context = {**context, "charts": [_kept(c) for c in context["charts"]]}
    where = "the example project" if path == SAMPLE_PROJECT else f"{path.name}"
    return context, f"{where}, audience {audience.name}", config.limits


def _kept(chart: dict) -> dict:
    """A chart whose PNG outlives the scratch folder: its bytes, in memory, for the trial render."""
    return {**chart, "path": io.BytesIO(Path(chart["path"]).read_bytes())}


@dataclass
class Checked:
    """One template checked: its problems and notes, and what its trial rendered against."""

    folder: Path
    problems: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""  # which files it took from where, and what it rendered against

    @property
    def ok(self) -> bool:
        return not self.problems


def check_templates(folders: list[Path], config_path: Path) -> list[Checked]:
    """Each template's static checks, then (when they pass) a trial render against the project's briefing."""
    return [_check_one(folder, config_path) for folder in folders]


def _check_one(folder: Path, config_path: Path) -> Checked:
    try:
        template = load_template(folder)
        result = check_template(template)
        if result.ok:  # the trial render, against a real briefing, once the files themselves are right
            context, against, limits = trial_context(template, config_path)
            result.problems += trial_problems(template, context, limits)
    except InputError as exc:
        return Checked(folder, problems=list(getattr(exc, "errors", [exc])))
    summary = "" if not result.ok else (
        f"digest.md.j2 from {template.provider('digest.md.j2').name}, briefing.docx from "
        f"{template.provider('briefing.docx').name}; rendered against {against}")
    return Checked(folder, result.problems, result.notes, summary)


def templates_to_check(name: str | None, config_path: Path) -> list[Path]:
    """The template named, else every template of the config's audiences and of the project's templates/,
    else (a folder with neither) the built-in ones."""
    project = config_path.absolute().parent
    if name:
        folder = find_template_folder(name, project)
        if folder is None:
            raise InputError(name, f'no template "{name}"',
                             f"use a built-in ({', '.join(builtin_template_names())}) or a folder under templates/")
        return [folder]
    folders: list[Path] = []
    if config_path.is_file():
        folders += [Path(a.template) for a in load_config(config_path).audiences]
    folders += project_templates(project)
    if not folders:
        folders = [BUILTIN_TEMPLATES / name for name in builtin_template_names()]
    return list(dict.fromkeys(f.absolute() for f in folders))
