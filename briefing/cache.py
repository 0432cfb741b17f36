"""The user's cache: what a build can make again, kept so that the next build need not.

Everything lives under $XDG_CACHE_HOME/briefing (~/.cache/briefing without it), one folder
per kind (fonts, templates, analysis). An entry is named by the digest of all it depends on,
the code that made it included (`code_version`: the package's version and the digest of its
own source), so an entry is never stale: other inputs or other code make another name. Each
entry carries the digest of its bytes and is written whole or not at all; a damaged one is
ignored and made again. A cache that cannot be read or written costs the next build its time,
never the build. It stays bounded: reading an entry marks it used, and the first write of a
process in a folder removes the entries unused for MAX_DAYS, then the least recently used beyond
MAX_BYTES.

`disabled()` turns the caches off for a block (`briefing build --no-cache`): nothing is read
from them and nothing written. The fonts' are kept: a font subset follows from the bundled faces
and fontTools alone, never from the inputs or the code a user may doubt, and making one anew costs
seconds a face.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

_ENABLED: ContextVar[bool] = ContextVar("briefing_cache_enabled", default=True)
ALWAYS = frozenset({"fonts"})  # kinds that --no-cache keeps (see above)
MAX_DAYS = 30  # an entry no build used for this long is removed
MAX_BYTES = 512 * 1024 * 1024  # of one kind's folder; the least recently used go first
_PRUNED: set[str] = set()  # the folders this process has pruned


def folder(kind: str) -> Path:
    """$XDG_CACHE_HOME/briefing/<kind>, ~/.cache/briefing/<kind> without it."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / kind


def enabled(kind: str = "") -> bool:
    return kind in ALWAYS or _ENABLED.get()


@contextmanager
def disabled(off: bool = True):
    """No cache is read or written in the body (with `off`; a plain block otherwise)."""
    token = _ENABLED.set(False) if off else None
    try:
        yield
    finally:
        if token is not None:
            _ENABLED.reset(token)


def key(*parts: str | bytes) -> str:
    """The name of an entry: the digest of the code and of every part it depends on."""
    h = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """An entry's bytes, or None when there is none, the cache is off, or the entry is damaged."""
    if not enabled(kind):
        return None
    path = folder(kind) / name
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    check, data = stored[:64], stored[64:]
    if check != hashlib.sha256(data).hexdigest().encode():
        return None
    try:
        os.utime(path)  # used: the last to be pruned
    except OSError:
        pass
    return data


def write(kind: str, name: str, data: bytes) -> None:
    """The entry, after its own digest (so that a damaged one is known), written whole or not at all."""
    if not enabled(kind):
        return
    place = folder(kind)
    scratch = place / f".{name}.{os.getpid()}.tmp"
    try:
        place.mkdir(parents=True, exist_ok=True)
        scratch.write_bytes(hashlib.sha256(data).hexdigest().encode() + data)
        os.replace(scratch, place / name)
    except OSError:
        try:
            scratch.unlink()
        except OSError:
            pass
    if kind not in _PRUNED:
        _PRUNED.add(kind)
        prune(place)


def prune(place: Path, now: float | None = None) -> None:
    """Remove the entries of a folder unused for MAX_DAYS, then the least recently used beyond MAX_BYTES (files
    that are not entries, such as the fonts' glyph stores, are left alone)."""
    import time

    now = time.time() if now is None else now
    try:
        entries = sorted(((e.stat().st_mtime, e.stat().st_size, e.path) for e in os.scandir(place)
                          if e.is_file() and not e.name.startswith(".") and "." not in e.name.removesuffix(".ttf")),
                         reverse=True)
    except OSError:
        return
    kept = 0
    for used, size, path in entries:
        kept += size
        if now - used > MAX_DAYS * 86400 or kept > MAX_BYTES:
            try:
                os.unlink(path)
            except OSError:
                pass


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package's version and the digest of its Python source: another release, or a changed module in a
    working copy, names every entry anew."""
    import sys

    from briefing import __version__

    return source_version(Path(__file__).resolve().parent, f"{__version__} {sys.version}", __version__)


def source_version(package: Path, salt: str, version: str) -> str:
    """`version` and the digest of `salt` and every .py file under `package`, by name and bytes.

    Reading and hashing the sources costs every run 5-15 ms, so the digest is kept in the cache ("code"),
    named by the files' stat (inode, size, modification and change times, in nanoseconds): a file written
    anew, or put back with its old modification time, has another change time, which no tool can set, so
    an edited source is always read again."""
    files = _sources(package)
    seen = hashlib.sha256(salt.encode())
    for relative, path in files:
        info = os.stat(path)
        seen.update(f"{relative}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\n".encode())
    kept = read("code", seen.hexdigest())
    if kept is not None:
        return kept.decode()
    h = hashlib.sha256(salt.encode())
    for relative, path in files:
        h.update(relative.encode())
        with open(path, "rb") as source:
            h.update(source.read())
    found = f"{version}-{h.hexdigest()[:16]}"
    write("code", seen.hexdigest(), found.encode())
    return found


def _sources(package: Path) -> list[tuple[str, str]]:
    """Every .py file under the package (its __pycache__ folders left out), by its relative name, in order
    (os.walk and plain strings: pathlib's objects cost more than the stat of a hundred files)."""
    root = str(package)
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        prefix = os.path.relpath(folder, root)
        found += [(n if prefix == "." else os.path.join(prefix, n), os.path.join(folder, n))
                  for n in names if n.endswith(".py")]
    return sorted(found)
