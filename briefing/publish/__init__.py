"""Publish: an edition folder that appears whole or not at all, with its manifest.

Everything is written into a hidden staging folder beside the destination; only
when every audience has rendered are the folders renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

MARK = "briefing-"  # every staging (.tmp) and replaced (.old) folder a build makes has it in its name


@dataclass(frozen=True)
class Staged:
    """An audience's rendered edition in its staging folder, waiting to be moved into place."""

    audience: str
    staging: Path
    destination: Path
    issue: int = 0  # its 期号 (editions.issue_number), which its manifest records; 0 for none


def staging_folder(destination: Path) -> Path:
    """A new hidden folder beside the destination, to render its edition in."""
    return hidden_folder(destination.parent, destination.name)


def hidden_folder(parent: Path, name: str) -> Path:
    """A new folder `.<name>.briefing-<pid>-<random>.tmp` in `parent` (made if missing), which the next build
    tidies if this one is killed. Its mode is the umask's, as any folder's: an edition moved into place keeps
    it (mkdtemp's 0700 would hide every edition from a web server or a share)."""
    parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = parent / f".{name}.{MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
        except OSError as error:  # said of the folder the user knows, not of a hidden name
            raise OSError(error.errno, error.strerror, str(parent)) from error


@contextlib.contextmanager
def scratch_folder(root: Path):
    """A hidden scratch folder in the briefing's root (charts are drawn there, then copied into each edition),
    removed at the end; one a killed build leaves is tidied by the next, as its staging is."""
    folder = hidden_folder(root, "scratch")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: list[Staged], replaceable: Callable[[Path], None],
            published: list[Path] | None = None) -> list[Path]:
    """Move every staged edition into place. What is already at a destination is first given to
    `replaceable`, which raises unless it is an older edition of this briefing; nothing else is replaced.
    Each edition moved in is appended to `published` as it lands (an interrupted build can tell)."""
    published = [] if published is None else published
    for item in staged:
        if os.path.lexists(item.destination):
            replaceable(item.destination)
    for item in staged:
        old = None
        if os.path.lexists(item.destination):
            old = item.destination.with_name(f".{item.destination.name}.{MARK}{os.getpid()}.old")
            os.replace(item.destination, old)
        os.replace(item.staging, item.destination)
        published.append(item.destination)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return published


def discard(staged: list[Staged]) -> None:
    """Remove the staging folders, and a date folder made for them that they leave empty."""
    for item in staged:
        shutil.rmtree(item.staging, ignore_errors=True)
    for parent in {item.staging.parent for item in staged}:
        with contextlib.suppress(OSError):  # not empty: it holds editions, which stay
            parent.rmdir()
