"""`briefing init`: a new working project that `briefing build` builds at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.errors import InputError
from briefing.resources import BUILTIN_TEMPLATES, SKELETON



def make_project(folder: Path) -> None:
    """Copy the starter project (config, templates, an example source and table) into `folder`."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(str(folder), "the folder is not empty", "give a new or empty folder")
    shutil.copytree(SKELETON, folder, dirs_exist_ok=True)
    templates = folder / "templates"
    for name in ("executive", "analyst"):
        shutil.copytree(BUILTIN_TEMPLATES / name, templates / name)
