"""Templates: folders found on a search path, inheriting from a parent down to the built-in base.

A template is a folder holding any of: `template.yaml` (name, description, `extends:`,
and defaults for the audiences that use it), `briefing.docx` (the Word template),
`digest.md.j2` (the Markdown template) and `chart.mplstyle`. What a folder lacks comes
from its parent, and so on down to the built-in `base`.

Jinja templates render in one sandboxed, strict environment made by `engine.environment()`;
this module finds and reads template folders and needs no Jinja (an up-to-date run loads the
config, and so the templates' folders and template.yaml, without importing it).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import InputError, InputErrors
from briefing.languages import LANGUAGES
from briefing.model import AUDIENCE_KEYS
from briefing.resources import BUILTIN_TEMPLATES
from briefing.yamlfile import Checker, read_yaml


BASE = "base"
TEMPLATE_FILE, WORD_FILE, DIGEST_FILE, STYLE_FILE = "template.yaml", "briefing.docx", "digest.md.j2", "chart.mplstyle"
TEMPLATE_FILES = (TEMPLATE_FILE, WORD_FILE, DIGEST_FILE, STYLE_FILE)

# template.yaml, one documented key per line.
TEMPLATE_KEYS = {
    "name": (str, "the template's name as `briefing templates list` shows it (default: the folder's name)"),
    "description": (str, "one line saying what the template is for"),
    "extends": (str, "the parent template: a name (a sibling folder, then a built-in) or a path; default: base"),
    "defaults": (dict, "settings for the audiences that use the template; an audience in briefing.yaml overrides them"),
}

# The sections a briefing can have, in the base's order: `sections:` picks some and orders them.
SECTIONS = {
    "contents": "table of contents (Word: a TOC field; Markdown: links to the headings)",
    "whats_new": "what changed since the previous edition",
    "summary": "summary sentences",
    "directives": "headline directives, with their actions when show_actions is on",
    "others": "what other speakers said",
    "figures": "key figures: the latest value of each series and its change",
    "narratives": "sentences computed from the series",
    "flags": "figures to check: a stated rate against a computed one, sources that disagree",
    "indicators": "every figure once, with its period and source",
    "charts": "charts with numbered captions",
    "annex": "the source paragraphs the directives and figures come from, quoted",
    "sources": "source documents and the repairs made to them",
}


@dataclass(frozen=True, eq=False)
class Template:
    """One template folder and its parents: where each file and setting comes from."""

    name: str
    folder: Path
    origin: str  # "project" (a project's templates/), "built-in", or "path"
    description: str = ""
    parent: Template | None = None
    defaults: dict[str, Any] = field(default_factory=dict)  # this folder's own template.yaml defaults
    extends: str = ""  # as written in template.yaml

    @property
    def chain(self) -> tuple[Template, ...]:
        """This template, its parent, … down to the built-in base."""
        return (self,) + (self.parent.chain if self.parent else ())

    def file(self, filename: str) -> Path | None:
        """The nearest `filename` up the chain: the template's own, else its parent's, …"""
        return next((t.folder / filename for t in self.chain if (t.folder / filename).is_file()), None)

    def provider(self, filename: str) -> Template | None:
        return next((t for t in self.chain if (t.folder / filename).is_file()), None)

    @property
    def word(self) -> Path:
        return self.file(WORD_FILE)  # the built-in base has one, so never None

    @property
    def digest(self) -> Path:
        return self.file(DIGEST_FILE)

    def settings(self) -> dict[str, Any]:
        """The defaults of the whole chain, a child's keys over its parent's."""
        merged: dict[str, Any] = {}
        for template in reversed(self.chain):
            merged.update(template.defaults)
        return merged


# ---------------------------------------------------------------- finding templates


def is_template_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in TEMPLATE_FILES)


def looks_like_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith((".", "~")) or Path(name).is_absolute()


def find_template_folder(name: str, project: Path) -> Path | None:
    """A template by path (relative to the project), else the project's templates/NAME, else the built-in NAME."""
    if looks_like_path(name):
        candidates = [Path(name).expanduser() if name.startswith("~") else project / name]
    else:
        candidates = [project / "templates" / name, BUILTIN_TEMPLATES / name]
    return next((c for c in candidates if is_template_folder(c)), None)


def builtin_template_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_TEMPLATES.iterdir() if is_template_folder(p))


def project_templates(project: Path) -> list[Path]:
    folder = project / "templates"
    return sorted(p for p in folder.iterdir() if is_template_folder(p)) if folder.is_dir() else []


def origin_of(folder: Path) -> str:
    folder = folder.resolve()
    if folder.parent == BUILTIN_TEMPLATES.resolve():
        return "built-in"
    return "project" if folder.parent.name == "templates" else "path"


def load_template(folder: Path, _seen: tuple[Path, ...] = ()) -> Template:
    """The template in `folder` with its parents; InputError (every mistake at once) when template.yaml is wrong."""
    folder = Path(folder).absolute()
    if folder.resolve() in _seen:
        names = " → ".join(p.name for p in _seen + (folder.resolve(),))
        raise InputError(str(folder / TEMPLATE_FILE), f"templates extend each other in a circle: {names}",
                         "make one of them extend base or a built-in template")
    spec, lines = _read_template_yaml(folder)
    extends = spec.get("extends", "" if _is_builtin_base(folder) else BASE)
    parent = None
    if extends:
        parent_folder = _parent_folder(extends, folder)
        if parent_folder is None:
            known = ", ".join(builtin_template_names())
            raise InputError(str(folder / TEMPLATE_FILE), f'extends: no template "{extends}"',
                             f"name a folder beside this one, a built-in ({known}) or a path",
                             lines.get(("extends",), ""))
        parent = load_template(parent_folder, _seen + (folder.resolve(),))
    return Template(name=spec.get("name", folder.name), folder=folder, origin=origin_of(folder),
                    description=spec.get("description", ""), parent=parent, defaults=spec.get("defaults", {}),
                    extends=extends)


def chain_folders(folder: Path) -> tuple[Path, ...]:
    """A template folder and every folder it extends, nearest first; the folder alone when template.yaml is
    wrong (the build reports that mistake itself)."""
    try:
        return tuple(t.folder for t in load_template(folder).chain)
    except InputError:
        return (Path(folder),)


def _is_builtin_base(folder: Path) -> bool:
    return folder.resolve() == (BUILTIN_TEMPLATES / BASE).resolve()


def _parent_folder(extends: str, folder: Path) -> Path | None:
    """A name is a sibling folder (not the template itself), then a built-in; a path is relative to the folder."""
    if looks_like_path(extends):
        candidates = [folder / Path(extends).expanduser()]
    else:
        candidates = [folder.parent / extends, BUILTIN_TEMPLATES / extends]
    me = folder.resolve()
    return next((c for c in candidates if is_template_folder(c) and c.resolve() != me), None)


def _read_template_yaml(folder: Path) -> tuple[dict[str, Any], dict[tuple, int]]:
    path = folder / TEMPLATE_FILE
    try:
        stat = path.stat()
    except OSError:
        return {}, {}
    if not path.is_file():
        return {}, {}
    data, lines = _template_yaml(path, stat.st_mtime_ns, stat.st_size)
    return copy.deepcopy(data), dict(lines)


@functools.lru_cache(maxsize=64)
def _template_yaml(path: Path, mtime_ns: int, size: int) -> tuple[dict[str, Any], dict[tuple, int]]:
    """One template.yaml as it is now (its time and size in the key), checked: a build of a hundred audiences
    reads each file once, and an edited one anew."""
    data, lines = read_yaml(path)
    data = {} if data is None else data
    errors = template_yaml_errors(path, data, lines)
    if errors:
        raise InputErrors(errors) if len(errors) > 1 else errors[0]
    return data, lines


def template_yaml_errors(path: Path, data: Any, lines: dict[tuple, int]) -> list[InputError]:
    """Every mistake of one template.yaml: unknown keys, wrong types, unknown sections."""
    check = Checker(path, lines)
    if not isinstance(data, dict):
        check.error((), "template.yaml must be a mapping (name:, description:, extends:, defaults:)")
        return check.errors
    check.unknown(data, TEMPLATE_KEYS, ())
    for key, (expected, help_text) in TEMPLATE_KEYS.items():
        if key in data:
            check.typed(data[key], expected, (key,), help_text)
    defaults = data.get("defaults")
    if isinstance(defaults, dict):
        schema = {k: v for k, v in AUDIENCE_KEYS.items() if k != "template"}
        check.unknown(defaults, schema, ("defaults",))
        for key, (expected, help_text) in schema.items():
            if key in defaults and defaults[key] is not None:
                check.typed(defaults[key], expected, ("defaults", key), help_text)
        for problem, keys, fix in settings_problems(defaults):
            check.error(("defaults",) + keys, problem, fix)
    return check.errors


def settings_problems(settings: dict[str, Any]) -> list[tuple[str, tuple, str]]:
    """What is wrong with the template settings of an audience or a template: (problem, key path, fix)."""
    problems = []
    sections = settings.get("sections")
    if isinstance(sections, list):
        for i, name in enumerate(sections):
            if name not in SECTIONS:
                problems.append((f'unknown section "{name}"', ("sections", i), f"use some of: {', '.join(SECTIONS)}"))
        for name in sorted({s for s in sections if isinstance(s, str) and sections.count(s) > 1}):
            problems.append((f'"{name}" is listed twice', ("sections",), "list each section once"))
    language = settings.get("language")
    if isinstance(language, str) and language not in (*LANGUAGES, "auto"):
        problems.append((f'expected zh, en or auto, got "{language}"', ("language",),
                         "the language of the section names and labels"))
    return problems
