"""The briefing's lock: one build at a time over the same editions (an operating-system file lock, so a
killed build never leaves a stale one).

The lock is flock(2) on `out/<briefing>/.lock`, and nothing else: the kernel drops it when the process that
holds it dies, however it dies. A filesystem without flock is an error that says so, never a lock *file* that
stays behind when a build is killed and then blocks every build after it.

It is fcntl.flock itself, polled until the wait is over. filelock, which it was before, cost 15-18 ms to
import (its settings, logging, platform), 4-8% of an up-to-date run, for what these lines do, and its fallback
to a lock file had to be turned off.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import Locked, MachineError

NO_FLOCK_FIX = ("put the editions on a filesystem with working flock (a local disk, or NFSv4 with locking on), "
                "with output: in the config or --out")
POLL = 0.05  # seconds between two tries while another build holds the lock


@contextmanager
def locked(folder: Path, wait: float):
    """Hold the briefing's lock; wait up to `wait` seconds for another build to finish."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _take(descriptor, folder, wait)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _take(descriptor: int, folder: Path, wait: float) -> None:
    """flock the open `.lock`, trying again every POLL seconds until `wait` is over."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno in (errno.ENOSYS, errno.EOPNOTSUPP):
                raise _no_flock(folder) from None
            if error.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR):
                raise
        if time.monotonic() >= deadline:
            raise Locked(f"another build of this briefing is running (lock {folder / '.lock'}); "
                         f"waited {wait:g} s — try again later or raise --wait")
        time.sleep(min(POLL, max(0.0, deadline - time.monotonic())))


def _no_flock(folder: Path) -> MachineError:
    return MachineError("taking the briefing's lock",
                        OSError(errno.ENOSYS, "this filesystem does not support flock, which the lock needs"),
                        folder, NO_FLOCK_FIX)
