"""Where the editions go: a briefing's name and its audiences' names are one folder each, and the output
stays inside the project in a folder of its own, holding none of the briefing's inputs.

The output is compared as written (links are not followed), so `out` may be a link to a shared disk;
editions meant for a folder outside the project are asked for on the command line, with `--out DIR`.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.publish import editions
from briefing.yamlfile import Checker
from briefing.patterns import lazy

_FOLDER_NAME = lazy(r"\w(?:[\w .-]*[\w.-])?")  # letters (any script), digits, _ . - and inner spaces;
# so never "", ".", "..", a hidden name, nor a path
NAME_BYTES = 150  # in UTF-8: with a staging folder's hidden prefix and suffix, well within a file system's 255
RESERVED = ("latest",)  # the folder of the latest/<audience> pointers, beside the date folders
_SAMPLE_DATE = "2000-01-01"


def name_problem(name: str) -> str | None:
    """Why a briefing's or an audience's name cannot be a folder name, or None."""
    if not _FOLDER_NAME.fullmatch(name):
        return (f'"{name}" is not a folder name: use letters, digits, _ . - and spaces, starting with a '
                "letter or digit (no /, not . or ..)")
    if len(name.encode("utf-8")) > NAME_BYTES:
        return (f'"{name[:12]}…" is too long for a folder name ({len(name.encode("utf-8"))} bytes): at most '
                f"{NAME_BYTES} bytes (150 letters, or 50 Chinese characters)")
    return None


def check_names(name: str, audiences: list[str], check: Checker) -> bool:
    """The briefing's name and every audience's name; False when one is wrong."""
    ok = True
    if (problem := name_problem(name)) is not None:
        check.error(("name",), problem, "e.g. name: western-development")
        ok = False
    for audience in audiences:
        problem = name_problem(audience)
        if problem is None and audience in RESERVED:
            problem = f'"{audience}" is the name of the folder that points at the latest editions'
        if problem is not None:
            check.error(("audiences", audience), problem, "rename the audience, e.g. executive or analyst")
            ok = False
    return ok


def check_output(output: str, name: str, audiences: list[str], folder: Path, inputs: list[Path],
                 templates: list[Path], check: Checker) -> None:
    """Every audience's edition folder lies inside the project, and the briefing's root is a folder of its own."""
    project = Path(os.path.normpath(folder))
    for audience in audiences or [""]:
        edition = Path(os.path.normpath(folder / output.format(briefing=name, date=_SAMPLE_DATE, audience=audience)))
        if project not in edition.parents and edition != project and edition not in project.parents:
            check.error(("output",), f"the editions would be written outside the project, in {edition}",
                        f"keep output: inside {project} (e.g. out/{{briefing}}/{{date}}/{{audience}}), or give "
                        "build --out DIR for another folder")
            return
    problem = editions.root_problem(editions.root(folder, name, output, None), folder, inputs, templates)
    if problem:
        check.error(("output",), problem, "give the editions a folder of their own, e.g. "
                    "output: out/{briefing}/{date}/{audience}")
