"""A local file read as one version of itself: never half of a file that is being rewritten.

A source rewritten in place while a build reads it (an editor saving, a copy job) would
otherwise be published half-written. The file is read in one go; its size, modification
time and inode must be the same before, during and after the read, and a file modified a
moment ago is given that moment to settle. A file that keeps changing is read again, then
fails the build (never skipped as one unreadable source among others), saying to build again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefing.errors import BuildError, InputError

TRIES = 3  # reads of a file that changed while it was read, before it is refused
SETTLE = 0.2  # seconds a file modified just now is left alone, so a writer that pauses is noticed


def read_whole(path: Path) -> bytes:
    """The file's bytes, the same version from the first byte to the last. An InputError when it cannot be
    read; a BuildError (the whole build fails, never publishing without it) when it keeps changing."""
    for attempt in range(TRIES):
        data, steady = _read_once(path)
        if steady:
            return data
        time.sleep(SETTLE * (attempt + 1))
    raise BuildError(f"{path}: the file changed while it was being read ({TRIES} tries); "
                     "build again once whatever writes it has finished")


def _read_once(path: Path) -> tuple[bytes, bool]:
    try:
        before = os.stat(path)
        with path.open("rb") as handle:
            data = handle.read()
            during = os.fstat(handle.fileno())
        young = time.time_ns() - during.st_mtime_ns
        if 0 <= young < SETTLE * 1e9:
            time.sleep(SETTLE - young / 1e9)
        after = os.stat(path)
    except FileNotFoundError:
        raise InputError(str(path), "file not found", "check the path in the config") from None
    except IsADirectoryError:
        raise InputError(str(path), "this is a folder, not a file", "check the path in the config") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}", "check its permissions") from None
    steady = _version(before) == _version(during) == _version(after) and len(data) == after.st_size
    return data, steady


def _version(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
