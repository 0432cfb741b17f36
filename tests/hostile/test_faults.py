"""Faults of the machine while building and publishing (review P10, P22, P23, P24, P34): a folder nobody may
write, a full disk, a log that cannot be written, a lock in the way, a killed build, the clock moved back.

Each fault is made as a user meets it, without mounting anything (the tests run as root, so chmod cannot make a
folder read-only): a read-only folder is a link to a sysfs folder, where the kernel refuses every write even to
root (EACCES, EPERM); a full disk is RLIMIT_FSIZE on the build, so a write past the limit fails (EFBIG: Python
ignores SIGXFSZ); a full log is /dev/full (ENOSPC). Every fault of the machine is one line that names the path
and what the system said, exit 1, with on_failure run, the previous edition intact and no leftovers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import SECONDS, Outcome, edit, run

READ_ONLY = Path("/sys/kernel")  # a folder the kernel lets nobody write in, root included
ALERT = "on_failure: 'printf \"%s|%s\" \"$BRIEFING_EXIT_CODE\" \"$BRIEFING_ERROR\" > failed.txt'\n"

_CHILD_FSIZE: list[int] = []  # the file size limit the next briefing child starts with (none when empty)


def _limit_child_files() -> None:
    if _CHILD_FSIZE:
        resource.setrlimit(resource.RLIMIT_FSIZE, (_CHILD_FSIZE[0], resource.RLIM_INFINITY))


os.register_at_fork(after_in_child=_limit_child_files)  # run() forks with a preexec_fn, so this runs in the child


@contextlib.contextmanager
def disk_of(size: int):
    """The briefing run inside writes no file past `size` bytes, as on a disk that fills up."""
    _CHILD_FSIZE.append(size)
    try:
        yield
    finally:
        _CHILD_FSIZE.clear()


@contextlib.contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def alerting(project: Path) -> Path:
    """The project with an on_failure hook that writes the exit code and the error it is given."""
    with (project / "briefing.yaml").open("a", encoding="utf-8") as config:
        config.write(ALERT)
    return project


def alerted(project: Path) -> str:
    """What on_failure was given ("1|the message"); the test fails when it did not run."""
    report = project / "failed.txt"
    assert report.is_file(), "on_failure did not run"
    return report.read_text(encoding="utf-8")


def root(project: Path) -> Path:
    return project / "out" / "northeast"


def leftovers(*folders: Path) -> list[Path]:
    """What a build leaves that is not an edition: hidden staging, scratch, replaced editions, chart folders."""
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else ():
            if "briefing-" in path.name:
                found.append(path)
    return found


def tree_digest(folder: Path) -> str:
    """Every file of a folder and its bytes, in one digest (an edition intact is the same digest)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def warned(outcome: Outcome, *words: str) -> Outcome:
    """A build that succeeded with one warning line on stderr, within the bounds."""
    assert outcome.code == 0, (outcome.case, outcome.code, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith("briefing: warning: "), outcome.stderr[-2000:]
    assert outcome.seconds < SECONDS and outcome.peak_mb < 500
    return outcome.says(*words)


# ---- P23: a folder nobody may write, a full disk, a log, the lock, init -----------------------------------------


def test_a_read_only_output_folder_is_one_line_and_alerts(fresh: Path):
    alerting(fresh)
    (fresh / "out").symlink_to(READ_ONLY)
    outcome = run("fault/readonly", "build", "--date", "2024-05-01", "--log-file", "out/briefing.log", cwd=fresh)
    outcome.handled(1, lines=2).says(str(root(fresh)), "while taking the briefing's lock")
    assert outcome.lines[0].startswith("briefing: warning: cannot write the log"), outcome.stderr
    assert "Traceback" not in outcome.stderr and outcome.lines[-1].startswith("briefing: ")
    assert alerted(fresh).startswith("1|") and str(root(fresh)) in alerted(fresh)


def test_a_read_only_date_folder_keeps_the_previous_edition(fresh: Path):
    run("fault/readonly_staging", "build", "--date", "2024-05-01", cwd=fresh).handled(0)
    before = tree_digest(root(fresh))
    alerting(fresh)
    (root(fresh) / "2024-05-02").symlink_to(READ_ONLY)
    outcome = run("fault/readonly_staging", "build", "--date", "2024-05-02", cwd=fresh).handled(1)
    outcome.says(str(root(fresh) / "2024-05-02"), "not permitted")
    assert alerted(fresh).startswith("1|")
    (root(fresh) / "2024-05-02").unlink()
    assert tree_digest(root(fresh)) == before and os.readlink(root(fresh) / "latest/analyst") == "../2024-05-01/analyst"


def test_a_disk_full_while_drawing_charts_publishes_nothing_and_leaves_nothing(fresh: Path, tmp_path: Path):
    alerting(fresh)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with disk_of(40_000):  # a chart's PNG is bigger
        outcome = run("fault/diskfull_64k", "build", "--date", "2024-05-01", cwd=fresh, env={"TMPDIR": str(scratch)})
    outcome.handled(1).says("File too large")
    assert alerted(fresh).startswith("1|File too large") or "File too large" in alerted(fresh)
    assert not (root(fresh) / "2024-05-01").exists()
    assert leftovers(root(fresh), scratch) == []


def test_a_disk_full_while_writing_the_word_file_publishes_nothing(fresh: Path, tmp_path: Path):
    alerting(fresh)
    with disk_of(90_000):  # the analyst's briefing.docx is bigger; the executive's fits
        outcome = run("fault/diskfull_256k", "build", "--date", "2024-05-01", cwd=fresh)
    outcome.handled(1).says("File too large")
    assert "File too large" in alerted(fresh)
    assert not (root(fresh) / "2024-05-01").exists() and leftovers(root(fresh)) == []


def test_a_disk_full_while_replacing_an_edition_keeps_it(fresh: Path):
    run("fault/diskfull_700k", "build", "--date", "2024-05-01", cwd=fresh).handled(0)
    before = tree_digest(root(fresh) / "2024-05-01")
    alerting(fresh)
    with disk_of(90_000):
        outcome = run("fault/diskfull_700k", "build", "--date", "2024-05-01", "--force", cwd=fresh)
    outcome.handled(1).says("File too large")
    assert "File too large" in alerted(fresh)
    assert tree_digest(root(fresh) / "2024-05-01") == before and leftovers(root(fresh)) == []
    run("fault/diskfull_700k", "build", "--date", "2024-05-01", "--force", cwd=fresh).handled(0)
    assert leftovers(root(fresh)) == []


def test_a_full_log_is_a_warning_and_the_editions_are_delivered(fresh: Path):
    edit(fresh / "briefing.yaml", "output:", "deliver: touch delivered.txt\noutput:")
    outcome = run("fault/log_full", "build", "--date", "2024-05-01", "--log-file", "/dev/full", cwd=fresh)
    warned(outcome, "/dev/full", "No space left on device")
    assert (fresh / "delivered.txt").is_file()
    assert '"delivery": "done"' in (root(fresh) / "2024-05-01/analyst/manifest.json").read_text(encoding="utf-8")


def test_a_log_that_is_a_folder_is_a_warning(fresh: Path):
    edit(fresh / "briefing.yaml", "output:", "deliver: touch delivered.txt\noutput:")
    warned(run("fault/log_is_dir", "build", "--date", "2024-05-01", "--log-file", "data", cwd=fresh), "data")
    assert (fresh / "delivered.txt").is_file()


def test_an_out_that_is_a_file_is_an_input_error(fresh: Path):
    alerting(fresh)
    (fresh / "out.txt").write_text("mine\n", encoding="utf-8")
    run("fault/out_is_file", "build", "--date", "2024-05-01", "--out", "out.txt", cwd=fresh).handled(2).says(
        "out.txt", "--out")
    assert (fresh / "out.txt").read_text(encoding="utf-8") == "mine\n" and alerted(fresh).startswith("2|")


@pytest.mark.parametrize("lock", ["folder", "loop"])
def test_a_lock_that_is_no_file_is_one_line(fresh: Path, lock: str):
    alerting(fresh)
    root(fresh).mkdir(parents=True)
    if lock == "folder":
        (root(fresh) / ".lock").mkdir()
    else:
        (root(fresh) / ".lock").symlink_to(".lock")
    outcome = run("fault/stale_lock", "build", "--date", "2024-05-01", cwd=fresh).handled(1)
    outcome.says(str(root(fresh) / ".lock"), "lock")
    assert alerted(fresh).startswith("1|")
    assert os.path.lexists(root(fresh) / ".lock") and not (root(fresh) / "2024-05-01").exists()


def test_init_under_a_file_is_one_line(fresh: Path):
    run("cli/init_file", "init", "briefing.yaml/x", cwd=fresh).handled(2).says("briefing.yaml")
    assert (fresh / "briefing.yaml").is_file()


# ---- P22: scratch of a killed build; P34: the editions' mode ----------------------------------------------------


def _pngs_drawn(*folders: Path) -> bool:
    return any(True for folder in folders if folder.exists() for _ in folder.rglob("*.png"))


def test_a_killed_build_leaves_no_chart_scratch(fresh: Path, tmp_path: Path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    build = subprocess.Popen([sys.executable, "-m", "briefing", "build", "--date", "2024-05-01"], cwd=fresh, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + SECONDS
    while not _pngs_drawn(scratch, fresh / "out") and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert build.poll() is None, "the build ended before its charts were seen"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    run("fault/tmp_leak", "build", "--date", "2024-05-01", cwd=fresh, env={"TMPDIR": str(scratch)}).handled(0)
    assert leftovers(scratch, fresh / "out") == []


@pytest.mark.parametrize("mask, mode", [(0o022, 0o755), (0o027, 0o750)], ids=["umask022", "umask027"])
def test_edition_folders_have_the_umask_mode(fresh: Path, mask: int, mode: int):
    with umask(mask):
        run("fault/edition_mode", "build", "--date", "2024-05-01", cwd=fresh).handled(0)
    for edition in (root(fresh) / "2024-05-01").iterdir():
        assert edition.stat().st_mode & 0o777 == mode, (edition, oct(edition.stat().st_mode))
        assert (edition / "charts").stat().st_mode & 0o777 == mode


# ---- P10: a date before the latest edition ---------------------------------------------------------------------


def _latest(project: Path, audience: str = "analyst") -> str:
    return os.readlink(root(project) / "latest" / audience)


def test_an_earlier_date_with_the_same_inputs_is_published_and_latest_stays(fresh: Path):
    for date in ("2024-05-10", "2024-05-11"):
        run("fault/clock_back", "build", "--date", date, "--force", cwd=fresh).handled(0)
    warned(run("fault/clock_back", "build", "--date", "2024-05-05", cwd=fresh), "2024-05-05", "2024-05-11", "latest")
    assert (root(fresh) / "2024-05-05/analyst/digest.md").is_file()
    assert _latest(fresh) == "../2024-05-11/analyst" and _latest(fresh, "executive") == "../2024-05-11/executive"
    run("fault/clock_back", "build", "--date", "2024-05-05", cwd=fresh).handled(0)  # now up to date, silently


def test_an_earlier_date_compares_with_the_edition_before_it(fresh: Path):
    for date in ("2024-05-01", "2024-05-10", "2024-05-11"):
        run("fault/clock_back2", "build", "--date", date, "--force", cwd=fresh).handled(0)
    source = next((fresh / "data/sources").glob("*.txt"))
    added = "\n会议强调，要全面加强冰雪经济的统筹谋划。\n"
    source.write_text(source.read_text(encoding="utf-8") + added, encoding="utf-8")
    warned(run("fault/clock_back2", "build", "--date", "2024-05-05", cwd=fresh), "latest")
    assert _latest(fresh) == "../2024-05-11/analyst"
    snapshot = (root(fresh) / "2024-05-05/analyst/digest.md").read_text(encoding="utf-8")
    assert "首期" not in snapshot and "2024-05-01" in snapshot
    run("fault/clock_back2", "build", "--date", "2024-05-12", cwd=fresh).handled(0)
    assert _latest(fresh) == "../2024-05-12/analyst"


def test_a_clock_gone_back_publishes_with_a_warning_and_latest_stays(fresh: Path):
    """No --date, but the machine's clock (SOURCE_DATE_EPOCH here) says 2024-05-05 after the 05-11 edition."""
    for date in ("2024-05-10", "2024-05-11"):
        run("fault/clock_back2", "build", "--date", date, "--force", cwd=fresh).handled(0)
    back = {"SOURCE_DATE_EPOCH": "1714867200"}  # 2024-05-05 00:00 UTC
    run("fault/clock_back2", "build", cwd=fresh, env=back).handled(0)  # the same inputs: nothing new to publish
    assert not (root(fresh) / "2024-05-05").exists()
    edit(fresh / "briefing.yaml", "title: 东北振兴简报", "title: 东北振兴简报（修订）")
    warned(run("fault/clock_back2", "build", cwd=fresh, env=back), "2024-05-05", "is the clock right")
    assert _latest(fresh) == "../2024-05-11/analyst" and (root(fresh) / "2024-05-05/analyst/digest.md").is_file()


def test_an_earlier_date_is_kept_by_keep(fresh: Path):
    edit(fresh / "briefing.yaml", "output:", "keep: 2\noutput:")
    for date in ("2024-05-10", "2024-05-11"):
        run("fault/clock_back", "build", "--date", date, "--force", cwd=fresh).handled(0)
    warned(run("fault/clock_back", "build", "--date", "2024-05-04", cwd=fresh), "2024-05-04")
    assert (root(fresh) / "2024-05-04/analyst/manifest.json").is_file()


# ---- P24: audience names that are no folder name ---------------------------------------------------------------


@pytest.mark.parametrize("case, name", [("cfg/aud_slash", "a/b"), ("cfg/aud_abs", "/tmp/briefing-aud-abs"),
                                        ("cfg/aud_dotdot_only", ".."), ("cfg/aud_long", "a" * 300)])
def test_an_audience_that_is_no_folder_name_is_refused_by_validate(fresh: Path, case: str, name: str):
    edit(fresh / "briefing.yaml", "  analyst:\n", f'  "{name}":\n')
    run(case, "validate", cwd=fresh).handled(2).says("briefing.yaml", "audiences")
    run(case, "build", "--date", "2024-05-01", cwd=fresh).handled(2).says("briefing.yaml")
    assert not (fresh / "out").exists()
