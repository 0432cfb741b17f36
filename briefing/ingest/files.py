"""A local file read as one version of itself: never half of a file that is being rewritten.

A source rewritten in place while a build reads it (an editor saving, a copy job) would
otherwise be published half-written. The file is read in one go; its size, modification
time and inode must be the same before, during and after the read, and a file modified a
moment ago is given that moment to settle. A file that keeps changing is read again, then
fails the build (never skipped as one unreadable source among others), saying to build again.

Only a regular file is read (a device or a pipe would never end, or never begin), and no more of it than
limits.source_mb: a larger file is refused by its size, before its first byte is read.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from briefing.errors import BuildError, InputError
from briefing.model import InputLimits

TRIES = 3  # reads of a file that changed while it was read, before it is refused
SETTLE = 0.2  # seconds a file modified just now is left alone, so a writer that pauses is noticed


def read_whole(path: Path, limits: InputLimits = InputLimits()) -> bytes:
    """The file's bytes, the same version from the first byte to the last. An InputError when it cannot be
    read, is not a regular file or is over limits.source_mb; a BuildError (the whole build fails, never
    publishing without it) when it keeps changing."""
    for attempt in range(TRIES):
        data, steady = _read_once(path, int(limits.source_mb * 2 ** 20))
        if steady:
            return data
        time.sleep(SETTLE * (attempt + 1))
    raise BuildError(f"{path}: the file changed while it was being read ({TRIES} tries); "
                     "build again once whatever writes it has finished")


def _read_once(path: Path, most: int) -> tuple[bytes, bool]:
    try:
        before = os.stat(path)
        # O_NONBLOCK: opening a pipe waits for a writer; this way it opens, and is refused as no file
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            _check_file(path, os.fstat(handle.fileno()), most)
            data = handle.read(most + 1)
            during = os.fstat(handle.fileno())
        young = time.time_ns() - during.st_mtime_ns
        if 0 <= young < SETTLE * 1e9:
            time.sleep(SETTLE - young / 1e9)
        after = os.stat(path)
        _check_file(path, after, most)
    except FileNotFoundError:
        raise InputError(str(path), "file not found", "check the path in the config") from None
    except IsADirectoryError:
        raise InputError(str(path), "this is a folder, not a file", "check the path in the config") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}", "check its permissions") from None
    steady = _version(before) == _version(during) == _version(after) and len(data) == after.st_size
    return data, steady


def _check_file(path: Path, status: os.stat_result, most: int) -> None:
    if stat.S_ISDIR(status.st_mode):  # opened without complaint: O_RDONLY opens a folder too
        raise IsADirectoryError
    if not stat.S_ISREG(status.st_mode):
        raise InputError(str(path), "not a regular file (a device, a pipe or a socket)",
                         "give a document saved as a file")
    if status.st_size > most:
        raise InputError(str(path), f"the file is {megabytes(status.st_size)}, over the limit of "
                         f"{megabytes(most)}", "raise limits.source_mb in briefing.yaml")


def megabytes(size: float) -> str:
    """A size as a limit's message gives it: 3.1 GB, 210 MB, 0.4 MB."""
    if size >= 2 ** 30:
        return f"{size / 2 ** 30:.1f} GB"
    mb = size / 2 ** 20
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def _version(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
