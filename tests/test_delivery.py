"""A delivery is never lost (hostile-input review, P5): the manifest says whether it is owed, a run killed or
interrupted during the deliver hook leaves it owed, the next run pays it, and a log that cannot be written
is never fatal. Real processes, real signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DATE = "2024-04-23"
HOOK = 'deliver: "sleep 3; echo delivered >> delivered.log"\n'


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=180)


def _start(project: Path, new_session: bool) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing", "build", "briefing.yaml", "--date", DATE], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            start_new_session=new_session)


def _wait_for_hook(project: Path, build: subprocess.Popen) -> None:
    """Until both editions are published and the hook is running (the latest pointers exist)."""
    latest = project / "out" / "western-development" / "latest"
    deadline = time.monotonic() + 120
    while not ((latest / "analyst").exists() and (latest / "executive").exists()):
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()
        time.sleep(0.05)
    time.sleep(0.5)


def _delivery(project: Path) -> set[str]:
    root = project / "out" / "western-development" / DATE
    return {json.loads((root / a / "manifest.json").read_text(encoding="utf-8")).get("delivery")
            for a in ("analyst", "executive")}


def _deliveries(project: Path) -> int:
    log = project / "delivered.log"
    return log.read_text(encoding="utf-8").count("delivered") if log.exists() else 0


def _add_hook(project: Path) -> None:
    with (project / "briefing.yaml").open("a", encoding="utf-8") as handle:
        handle.write(HOOK)


def test_a_build_killed_during_delivery_is_delivered_by_the_next_run(project):
    """fault/deliver_kill: the process group killed (a cron timeout, a reboot) while the hook runs."""
    _add_hook(project)
    build = _start(project, new_session=True)
    _wait_for_hook(project, build)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(30)
    assert _deliveries(project) == 0 and _delivery(project) == {"owed"}
    again = _cli("build", "briefing.yaml", "--date", DATE, "--verbose", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "up to date" in again.stdout and _deliveries(project) == 1
    assert _delivery(project) == {"done"}
    third = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert third.returncode == 0 and _deliveries(project) == 1  # paid once, not again


def test_ctrl_c_during_delivery_says_what_was_published_and_the_next_run_delivers(project):
    """cli/sigint: SIGINT to the build while its hook runs."""
    _add_hook(project)
    build = _start(project, new_session=False)
    _wait_for_hook(project, build)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=30)
    assert build.returncode == 1 and "Traceback" not in stderr
    assert "nothing was published" not in stderr
    assert stderr.count("\n") == 1 and "stay published" in stderr and "next build delivers" in stderr
    assert _delivery(project) == {"owed"}
    again = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert again.returncode == 0 and _deliveries(project) == 1 and _delivery(project) == {"done"}


def test_a_log_that_cannot_be_written_is_not_fatal_and_delivery_happens(project):
    """fault/log_is_dir and fault/log_full (/dev/full: every write fails with "no space left")."""
    with (project / "briefing.yaml").open("a", encoding="utf-8") as handle:
        handle.write('deliver: "echo delivered >> delivered.log"\n')
    for log, date in (("data", "2024-04-22"), ("/dev/full", DATE)):
        result = _cli("build", "briefing.yaml", "--date", date, "--force", "--log-file", log, cwd=project)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("briefing: warning: cannot write the log") and result.stderr.count("\n") == 1
    assert _deliveries(project) == 2
    assert (project / "data" / "sources").is_dir()


def test_without_a_deliver_hook_nothing_is_owed(project):
    assert _cli("build", "briefing.yaml", "--date", DATE, cwd=project).returncode == 0
    assert _delivery(project) == {None}


@pytest.mark.parametrize("kind, pattern, old, new", [
    ("source", "data/sources/*.txt", "要坚持统筹发展和安全", "要坚持统筹好发展和安全"),
    ("table", "data/indicators/*.csv", "地区生产总值,2023,26.9", "地区生产总值,2023,27.9"),
])
def test_an_input_rewritten_during_the_build_is_never_published_half_written(project, kind, pattern, old, new):
    """fault/source_change (and its table twin): a writer rewrites the file in place, pausing half-way, all
    through the builds. Each build fails (exit 1, "changed while it was being read") or publishes a whole
    version: the manifest's digest of the file is that of one full version, never of half of one."""
    import hashlib
    import threading

    source = next(project.glob(pattern))
    first = source.read_bytes()
    second = first.replace(old.encode(), new.encode())
    assert second != first
    whole = {hashlib.sha256(v).hexdigest() for v in (first, second)}
    stop = threading.Event()

    def rewrite() -> None:
        while not stop.is_set():
            for version in (first, second):
                with source.open("r+b") as handle:
                    handle.truncate(0)
                    handle.write(version[:len(version) // 2])
                    handle.flush()
                    time.sleep(0.02)
                    handle.write(version[len(version) // 2:])
                time.sleep(0.005)

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        results = [_cli("build", "briefing.yaml", "--date", DATE, "--force", cwd=project) for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    manifest = project / "out" / "western-development" / DATE / "analyst" / "manifest.json"
    for result in results:
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
        if result.returncode == 1:
            assert "changed while it was being read" in result.stderr and result.stderr.count("\n") == 1
        else:
            files = json.loads(manifest.read_text(encoding="utf-8"))["inputs"]["files"]
            assert {f["sha256"] for f in files if f["kind"] == kind} <= whole
    assert _cli("build", "briefing.yaml", "--date", DATE, "--force", cwd=project).returncode == 0
    files = json.loads(manifest.read_text(encoding="utf-8"))["inputs"]["files"]
    assert [f["sha256"] for f in files if f["kind"] == kind] == [hashlib.sha256(source.read_bytes()).hexdigest()]


def test_a_failed_delivery_is_tried_again_by_the_next_run(project):
    with (project / "briefing.yaml").open("a", encoding="utf-8") as handle:
        handle.write('deliver: "test -f mail-is-up && echo delivered >> delivered.log"\n')
    failed = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert failed.returncode == 1 and "the next build delivers them" in failed.stderr
    assert _delivery(project) == {"owed"}
    (project / "mail-is-up").touch()
    again = _cli("build", "briefing.yaml", "--date", DATE, cwd=project)
    assert again.returncode == 0 and _deliveries(project) == 1 and _delivery(project) == {"done"}
