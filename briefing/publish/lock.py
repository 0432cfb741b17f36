"""The briefing's lock: one build at a time over the same editions (an operating-system file lock, so a
killed build never leaves a stale one)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from briefing.errors import Locked


@contextmanager
def locked(folder: Path, wait: float):
    """Hold the briefing's lock; wait up to `wait` seconds for another build to finish."""
    from filelock import FileLock, Timeout

    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / ".lock"))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise Locked(f"another build of this briefing is running (lock {folder / '.lock'}); "
                     f"waited {wait:g} s — try again later or raise --wait") from None
    try:
        yield
    finally:
        lock.release()
