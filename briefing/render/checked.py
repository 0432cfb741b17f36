"""The templates a build uses, checked before anything is read (render/check.py's static checks): a chain of
template files that passed them once is not checked again, the cache's `checked/` entry being named by every
file of every folder of the chain and by the code that checks them."""

from __future__ import annotations

from pathlib import Path

from briefing import cache
from briefing.errors import InputError, InputErrors
from briefing.templating import Template, load_template


def check_before_build(templates: list[Path]) -> None:
    """The static checks of every template a build uses; InputErrors naming each problem when any fails."""
    problems: list[InputError] = []
    for folder in dict.fromkeys(Path(t) for t in templates):
        problems += static_problems(load_template(folder))
    if problems:
        raise InputErrors(problems) if len(problems) > 1 else problems[0]


def static_problems(template: Template) -> list[InputError]:
    """The static checks' problems, or none at once when this very chain of files passed them before (every file
    of every folder of the chain, and the code that checks them, name the cache entry)."""
    entry = cache.key("templates check", *chain_files(template))
    if cache.read(CHECKED, entry) == b"ok":
        return []
    from briefing.render.check import check_template  # Jinja's parser and python-docx: imported when a chain
    # is checked, not when it passed before (an up-to-date run)

    problems = check_template(template).problems
    if not problems:
        cache.write(CHECKED, entry, b"ok")
    return problems


CHECKED = "checked"  # the cache's folder of template chains that passed the static checks


def chain_files(template: Template) -> list[bytes]:
    """The folder, name and bytes of every file of the template's chain, in order."""
    parts: list[bytes] = []
    for level in template.chain:
        parts.append(str(level.folder.resolve()).encode())
        for path in sorted(p for p in level.folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(level.folder).as_posix().encode(), path.read_bytes()]
    return parts
