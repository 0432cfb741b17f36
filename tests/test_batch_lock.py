"""The briefing's lock on a filesystem without flock (an NFS mount without locking, some FUSE filesystems):
a one-line error naming the folder and the fix, never a lock file, which outlives a killed build and
blocks every build after it."""

from __future__ import annotations

import errno
import fcntl
import warnings

import pytest

from briefing.errors import MachineError
from briefing.publish.lock import locked


def _no_flock(fd, operation):
    raise OSError(errno.ENOSYS, "Function not implemented")


def test_a_filesystem_without_flock_is_an_error_naming_the_folder_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(fcntl, "flock", _no_flock)
    folder = tmp_path / "out" / "northeast"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a fallback to a lock file, said as a warning, would fail here
        with pytest.raises(MachineError) as caught:
            with locked(folder, 0):
                pytest.fail("the build went on without a lock")
    assert caught.value.line() == (
        f"{folder}: this filesystem does not support flock, which the lock needs (while taking the briefing's lock; "
        "put the editions on a filesystem with working flock (a local disk, or NFSv4 with locking on), "
        "with output: in the config or --out)")
    assert caught.value.exit_code == 1
    assert not [p for p in folder.iterdir() if p.name != ".lock"]  # no probe or marker left
    assert not (folder / ".lock").exists() or (folder / ".lock").read_bytes() == b""  # no soft lock's pid inside


def test_the_build_command_says_it_in_one_line(tmp_path, monkeypatch, capsys):
    from briefing.cli import main
    from briefing.project import make_project

    make_project(tmp_path / "p", "csv")
    monkeypatch.setattr(fcntl, "flock", _no_flock)
    code = main(["build", str(tmp_path / "p" / "briefing.yaml"), "--date", "2024-04-23"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "does not support flock" in err and "Traceback" not in err
    assert str(tmp_path / "p" / "out" / "northeast") in err
    assert not (tmp_path / "p" / "out" / "northeast" / "2024-04-23").exists()


def test_a_working_flock_still_locks(tmp_path):
    with locked(tmp_path, 0):
        assert (tmp_path / ".lock").exists()


def _holder(folder, seconds: float):
    """Another process holding the lock (fcntl.flock, as any build does) for `seconds`."""
    import subprocess
    import sys

    code = ("import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(float(sys.argv[2]))")
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-c", code, str(folder / ".lock"), str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_held_lock_is_waited_for_then_taken(tmp_path):
    import time

    holder = _holder(tmp_path, 0.4)
    start = time.monotonic()
    with locked(tmp_path, 10):
        waited = time.monotonic() - start
    holder.wait()
    assert 0.2 < waited < 5  # it waited for the other build, and took the lock as soon as it was free


def test_a_held_lock_past_the_wait_says_locked_and_leaves_the_lock_to_its_holder(tmp_path):
    from briefing.errors import Locked

    holder = _holder(tmp_path, 30)
    try:
        with pytest.raises(Locked, match="another build of this briefing is running .* waited 0.2 s"):
            with locked(tmp_path, 0.2):
                pytest.fail("two builds held the lock at once")
        assert holder.poll() is None
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_lock_behind(tmp_path):
    holder = _holder(tmp_path, 30)
    holder.kill()  # SIGKILL: no cleanup of its own runs
    holder.wait()
    with locked(tmp_path, 0):  # the kernel dropped the dead process's lock
        with pytest.raises(Exception, match="another build"):
            with locked(tmp_path, 0):  # and the lock is held again, by this build
                pass
