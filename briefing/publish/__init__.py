"""Publish: an edition folder that appears whole or not at all, with its manifest.

Everything is written into a hidden staging folder beside the destination; only
when every audience has rendered are the folders renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


def staging_folder(destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{destination.name}.{MARK}", suffix=".tmp", dir=destination.parent))


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
    for item in staged:
        shutil.rmtree(item.staging, ignore_errors=True)
