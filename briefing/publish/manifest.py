"""What an edition was made from, and the bytes it holds: the inputs digest, the manifest, zip times.

Nothing here depends on when or how fast a build ran, so the same inputs give the same
manifest and the same .docx bytes (the edition's date, or SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import struct
import zipfile
from pathlib import Path

from briefing import __version__
from briefing.model import Document, SourceFailure
from briefing.publish import MARK, Staged


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def inputs_digest(inputs: list[tuple[str, Path]], templates: list[Path], extra: list[tuple[str, bytes]] = (),
                  read: dict[str, str] | None = None, queries: dict[str, str] | None = None) -> dict:
    """Everything a build reads, with its sha256: the same inputs give the same digest. `inputs` are the
    config's files by kind (config, source, table); every file of the templates' chains is added. `read`
    gives the digest of a file already read (path -> sha256), so the digest is of what was parsed; `queries`
    the digest of each table query's result (its database and query -> sha256)."""
    read = read or {}
    from briefing.templating import chain_folders

    files = list(inputs)
    for folder in sorted({f for t in templates for f in chain_folders(t)}):
        files += [("template", p) for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    entries = [{"kind": kind, "path": str(path), "sha256": read.get(str(path)) or sha256(path)} for kind, path in files]
    entries += [{"kind": "fetched", "path": name, "sha256": _digest_of(data)} for name, data in extra]
    entries += [{"kind": "query", "path": key, "sha256": digest} for key, digest in (queries or {}).items()]
    combined = _digest_of(json.dumps([__version__, [e["sha256"] for e in entries]]).encode())
    return {"digest": combined, "version": __version__, "files": entries}


def _digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_manifest(staged: Staged, manifest: dict) -> None:
    outputs = sorted(p for p in staged.staging.rglob("*") if p.is_file())
    manifest = {**manifest, "outputs": [
        {"path": p.relative_to(staged.staging).as_posix(), "bytes": p.stat().st_size, "sha256": sha256(p)}
        for p in outputs]}
    (staged.staging / "manifest.json").write_text(_dumped(manifest), encoding="utf-8")


def _dumped(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def mark_delivered(edition: Path) -> None:
    """Record in a published edition's manifest that its delivery is done (in one step; the manifest keeps its
    time, which `since: last-edition` compares with)."""
    path = edition / "manifest.json"
    data = read_manifest(edition)
    if data.get("delivery") != "owed":
        return
    before = path.stat()
    temporary = edition / f".manifest.{MARK}{os.getpid()}.tmp"
    temporary.write_text(_dumped({**data, "delivery": "done"}), encoding="utf-8")
    os.utime(temporary, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(temporary, path)


def manifest(name: str, title: str, config: Path, audience: str, date: str, documents: tuple[Document, ...],
             digest: dict, failures: tuple[SourceFailure, ...] = (), delivery: bool = False, issue: int = 0) -> dict:
    """What an edition was made from. Nothing in it depends on when or how fast it was built, so the same
    inputs give the same manifest, byte for byte. With a deliver hook, `delivery` is "owed" until the hook
    has finished (then "done"), so a run killed in between leaves a debt the next run pays. `issue` is the
    edition's 期号, which the next edition counts on from."""
    owed = {"delivery": "owed"} if delivery else {}
    numbered = {"issue": {"number": issue, "year": int(date[:4])}} if issue else {}
    return {
        "briefing": name,
        "title": title,
        "audience": audience,
        "date": date,
        "version": __version__,
        "config": {"path": str(config), "sha256": sha256(config)},
        "inputs": digest,
        "documents": [{"id": d.source_id, "title": d.title, "date": d.date, "language": d.language,
                       "encoding": d.encoding, "repairs": len(d.repairs)} for d in documents],
        "failed_sources": [{"source": f.origin, "reason": f.reason} for f in failures],
        **numbered,
        **owed,
    }


def read_manifest(edition: Path) -> dict:
    try:
        return json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def fix_zip_times(folder: Path, date: str) -> None:
    """Give every entry of every .docx the same timestamp (the edition's date, or SOURCE_DATE_EPOCH) and the same
    permissions, so the same inputs give the same bytes. The headers are patched where they lie (each entry's
    local header and its central directory record): nothing is compressed again."""
    when = source_date() or dt.datetime.fromisoformat(date)
    year = max(when.year, 1980)
    dos_time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    dos_date = ((year - 1980) << 9) | (when.month << 5) | when.day
    for path in folder.rglob("*.docx"):
        _patch_zip_headers(path, dos_time, dos_date, 0o644 << 16)


def _patch_zip_headers(path: Path, dos_time: int, dos_date: int, external: int) -> None:
    """Set the time, date and external attributes of every entry of a zip file, in place (a copy renamed over)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        entries = archive.infolist()
        start = archive.start_dir
    record = start
    for info in entries:
        local = info.header_offset
        if data[local:local + 4] != b"PK\x03\x04" or data[record:record + 4] != b"PK\x01\x02":
            raise zipfile.BadZipFile(f"{path}: unexpected zip layout")
        struct.pack_into("<HH", data, local + 10, dos_time, dos_date)
        struct.pack_into("<HH", data, record + 12, dos_time, dos_date)
        struct.pack_into("<I", data, record + 38, external)
        name, extra, comment = struct.unpack_from("<HHH", data, record + 28)
        record += 46 + name + extra + comment
    rewritten = path.with_suffix(".docx.tmp")
    rewritten.write_bytes(bytes(data))
    os.replace(rewritten, path)


def today() -> str:
    """The edition's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    pinned = source_date()
    return pinned.date().isoformat() if pinned else dt.date.today().isoformat()


def source_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, when it is set: the one clock of a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.isdigit() else None
