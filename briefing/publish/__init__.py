"""Publish: an edition folder that appears whole or not at all, with its manifest.

Everything is written into a hidden staging folder beside the destination; only
when every audience has rendered are the folders renamed into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
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


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(staged: Staged, manifest: dict) -> None:
    outputs = sorted(p for p in staged.staging.rglob("*") if p.is_file())
    manifest = {**manifest, "outputs": [
        {"path": p.relative_to(staged.staging).as_posix(), "bytes": p.stat().st_size, "sha256": sha256(p)}
        for p in outputs]}
    (staged.staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")


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


def fix_zip_times(folder: Path, date: str) -> None:
    """Give every entry of every .docx the same timestamp (the edition's date, or SOURCE_DATE_EPOCH), so the
    same inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit()
            else dt.datetime.fromisoformat(date))
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    for path in folder.rglob("*.docx"):
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info.filename)) for info in source.infolist()]
        rewritten = path.with_suffix(".docx.tmp")
        with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in entries:
                fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o644 << 16
                target.writestr(fixed, data)
        os.replace(rewritten, path)


def discard(staged: list[Staged]) -> None:
    for item in staged:
        shutil.rmtree(item.staging, ignore_errors=True)
