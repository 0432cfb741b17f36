"""Editions on disk: where a briefing's editions live, `latest`, the previous edition, pruning.

    out/<briefing>/                     the briefing's root
        .lock                           held for the whole of a build (a real file lock)
        <date>/<audience>/              an edition: briefing.docx, digest.md, charts/, manifest.json
        latest/<audience> -> ../<date>/<audience>

A build killed at any moment leaves at most a hidden staging folder (`.<name>.*.tmp`)
or a replaced edition waiting to be removed (`.<name>.*.old`); the next build, which
holds the lock, removes them. The operating system releases the lock of a killed
process, so nothing stale blocks the next run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from briefing.errors import InputError
from briefing.publish.manifest import read_manifest

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def root(base: Path, name: str, output: str, out: Path | None) -> Path:
    """The folder that holds every edition of briefing `name`: the `output` pattern (relative to `base`, the
    config's folder) up to its {date}; or out/<name> when the command line gives --out."""
    if out is not None:
        return Path(out) / name
    pattern = output.replace("\\", "/")
    head = pattern.split("{date}", 1)[0] if "{date}" in pattern else os.path.dirname(pattern)
    return base / head.format(briefing=name, audience="").rstrip("/")


def clean_stale(folder: Path) -> list[Path]:
    """Tidy what a killed build left. Call with the lock held.

    A staging folder is removed. A replaced edition (`.<name>.<pid>.old`) is put back when
    the build was killed between moving it aside and moving the new one in, so the
    previous edition survives; otherwise it is removed.
    """
    removed = []
    for old in folder.glob("*/.*.old"):
        original = old.with_name(old.name[1:].rsplit(".", 2)[0])
        if not original.exists():
            os.replace(old, original)
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    for leftover in list(folder.glob("*/.*.tmp")) + list(folder.glob(".*.tmp")):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    for dated in folder.iterdir() if folder.is_dir() else ():
        if dated.is_dir() and _DATE.fullmatch(dated.name) and not any(dated.iterdir()):
            dated.rmdir()  # a date folder a killed build created and never filled
    latest = folder / "latest"
    for link in latest.glob(".*.tmp") if latest.is_dir() else ():
        link.unlink(missing_ok=True)
        removed.append(link)
    return removed


def latest_edition(folder: Path, audience: str) -> Path | None:
    """The newest edition of an audience: where `latest` points, else the newest dated folder."""
    link = folder / "latest" / audience
    if link.exists() and (link / "manifest.json").is_file():
        return link.resolve()
    dated = sorted((p / audience for p in folder.iterdir() if _DATE.fullmatch(p.name) and (p / audience).is_dir()),
                   reverse=True) if folder.is_dir() else []
    return next((p for p in dated if (p / "manifest.json").is_file()), None)


def latest_editions(folder: Path, audiences: list[str]) -> list[Path]:
    """The newest edition of each audience that has one; an InputError when none has been built."""
    found = [e for a in audiences if (e := latest_edition(folder, a)) is not None]
    if not found:
        raise InputError(str(folder), "no edition has been built yet", "run briefing build first")
    return found


def previous_edition(folder: Path, audience: str, date: str) -> Path | None:
    """The newest edition of an audience dated before `date`: what a new edition is compared with."""
    if not folder.is_dir():
        return None
    dated = sorted((p / audience for p in folder.iterdir() if _DATE.fullmatch(p.name) and p.name < date), reverse=True)
    return next((p for p in dated if (p / "manifest.json").is_file()), None)


def changed_since_last_edition(paths: tuple[Path, ...], folder: Path, audiences: list[str]) -> tuple[Path, ...]:
    """The sources modified after the latest edition was written (all of them when there is none)."""
    written = [(e / "manifest.json").stat().st_mtime for a in audiences if (e := latest_edition(folder, a))]
    if not written:
        return paths
    since = min(written)
    return tuple(p for p in paths if p.stat().st_mtime > since)


def up_to_date(folder: Path, audiences: list[str], digest: str) -> bool:
    """Whether every audience's latest edition was built from exactly these inputs."""
    for audience in audiences:
        edition = latest_edition(folder, audience)
        inputs = read_manifest(edition).get("inputs") if edition is not None else None
        if not isinstance(inputs, dict) or inputs.get("digest") != digest:
            return False  # no edition, or one from before the digest was recorded
    return True


def point_latest(folder: Path, audience: str, edition: Path) -> None:
    """Make latest/<audience> point at the edition, replacing the old pointer in one step."""
    latest = folder / "latest"
    latest.mkdir(parents=True, exist_ok=True)
    target = os.path.relpath(edition, latest)
    temporary = latest / f".{audience}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, latest / audience)


def prune(folder: Path, keep: int | None) -> list[Path]:
    """Remove the oldest dated editions beyond `keep`; never the ones `latest` points at."""
    if not keep or not folder.is_dir():
        return []
    dates = sorted((p for p in folder.iterdir() if p.is_dir() and _DATE.fullmatch(p.name)), key=lambda p: p.name)
    pinned = {p.resolve().parent for p in (folder / "latest").iterdir()} if (folder / "latest").is_dir() else set()
    removed = []
    for old in dates[:-keep]:
        if old.resolve() not in pinned:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


