"""The briefing's lock: one build at a time over the same editions (an operating-system file lock, so a
killed build never leaves a stale one).

The lock is flock(2) on `out/<briefing>/.lock`, and nothing else: filelock, on a filesystem without flock,
would fall back to a lock *file* (SoftFileLock) that stays behind when a build is killed and then blocks every
build after it, so that fallback is turned off and a filesystem without flock is an error that says so.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import Locked, MachineError

NO_FLOCK_FIX = ("put the editions on a filesystem with working flock (a local disk, or NFSv4 with locking on), "
                "with output: in the config or --out")


@contextmanager
def locked(folder: Path, wait: float):
    """Hold the briefing's lock; wait up to `wait` seconds for another build to finish."""
    from filelock import Timeout

    folder.mkdir(parents=True, exist_ok=True)
    lock = _flock(folder / ".lock")
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise Locked(f"another build of this briefing is running (lock {folder / '.lock'}); "
                     f"waited {wait:g} s — try again later or raise --wait") from None
    except NotImplementedError:  # filelock 3: flock said ENOSYS
        raise _no_flock(folder) from None
    except OSError as error:  # filelock 4 without its fallback: flock's ENOSYS as it is
        if error.errno == errno.ENOSYS:
            raise _no_flock(folder) from None
        raise
    try:
        yield
    finally:
        lock.release()


def _flock(path: Path):
    """A filelock lock on `path` that is flock or fails, never a lock file left behind by a killed build."""
    from filelock import FileLock

    try:
        return FileLock(str(path), fallback_to_soft=False)
    except TypeError:  # filelock 3 has no fallback to turn off: it raises NotImplementedError instead
        return FileLock(str(path))


def _no_flock(folder: Path) -> MachineError:
    return MachineError("taking the briefing's lock",
                        OSError(errno.ENOSYS, "this filesystem does not support flock, which the lock needs"),
                        folder, NO_FLOCK_FIX)
