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


@dataclass(frozen=True)
class Staged:
    """An audience's rendered edition in its staging folder, waiting to be moved into place."""

    audience: str
    staging: Path
    destination: Path


def staging_folder(destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent))


def publish(staged: list[Staged]) -> list[Path]:
    """Move every staged edition into place; an older edition of the same path is replaced."""
    for item in staged:
        old = None
        if item.destination.exists():
            old = item.destination.with_name(f".{item.destination.name}.{os.getpid()}.old")
            os.replace(item.destination, old)
        os.replace(item.staging, item.destination)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return [item.destination for item in staged]


def discard(staged: list[Staged]) -> None:
    for item in staged:
        shutil.rmtree(item.staging, ignore_errors=True)
