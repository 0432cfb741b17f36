"""The briefing's lock on a filesystem without flock (an NFS mount without locking, some FUSE filesystems):
a one-line error naming the folder and the fix, never filelock's lock file, which outlives a killed build and
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
        warnings.simplefilter("error")  # filelock's "falling back to SoftFileLock" would be a warning
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


def test_filelock_3_which_raises_not_implemented_says_the_same(tmp_path, monkeypatch):
    """filelock 3 has no fallback to turn off (no fallback_to_soft) and says ENOSYS as NotImplementedError."""
    import filelock

    class FileLock3:
        def __init__(self, path, **options):
            if options:
                raise TypeError(f"unexpected keyword arguments {sorted(options)}")

        def acquire(self, timeout):
            raise NotImplementedError("FileSystem does not appear to support flock; use SoftFileLock instead")

    monkeypatch.setattr(filelock, "FileLock", FileLock3)
    with pytest.raises(MachineError, match="does not support flock"):
        with locked(tmp_path, 0):
            pytest.fail("the build went on without a lock")
