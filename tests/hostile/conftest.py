"""The hostile-input suite (issue 12; the review ../shared/reviews/hostile-input-2026-12.md): each case runs the
real command in its own process, as a careless or malicious user would, and holds what a user is owed: the
exit code, a one-line message with no traceback, under 30 seconds and 500 MB.

Bombs are built at test time, never committed. Each outcome is measured from the child itself (os.wait4 gives
its peak resident memory), and with BRIEFING_HOSTILE_REPORT=FILE set every case appends one JSON line of its
figures there, for the table of the closing note.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SECONDS = 30.0  # the bar for every case
PEAK_MB = 500.0
_CAP = 3 * 2 ** 30  # an address-space cap on the child, so a regression fails the test instead of the machine


@dataclass(frozen=True)
class Outcome:
    case: str
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def handled(self, *codes: int, lines: int = 1) -> "Outcome":
        """Exit with one of `codes`; no traceback; at most `lines` lines on stderr when it fails (none when it
        succeeds, cron mails what a good build prints); within the issue's time and memory."""
        assert self.code in codes, (self.case, self.code, self.stderr[-2000:])
        assert "Traceback" not in self.stderr, (self.case, self.stderr[-2000:])
        allowed = 0 if self.code == 0 else lines
        assert len(self.lines) <= allowed, (self.case, self.stderr[-2000:])
        if self.code:
            assert self.lines, (self.case, "failed without a word")
        assert self.seconds < SECONDS, (self.case, self.seconds)
        assert self.peak_mb < PEAK_MB, (self.case, self.peak_mb)
        return self

    def says(self, *words: str) -> "Outcome":
        for word in words:
            assert word in self.stderr, (self.case, word, self.stderr[-2000:])
        return self


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_CAP, _CAP))


def run(case: str, *args: str, cwd: Path, timeout: float = 2 * SECONDS, env: dict | None = None,
        stdin: bytes | None = None) -> Outcome:
    """`briefing ARGS` in cwd, in a session of its own (killed whole at the timeout), measured."""
    out, err = cwd / f".{os.getpid()}.stdout", cwd / f".{os.getpid()}.stderr"
    with open(out, "wb") as o, open(err, "wb") as e:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=cwd, stdout=o, stderr=e,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, start_new_session=True, preexec_fn=_capped)
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        seconds = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    outcome = Outcome(case, proc.returncode, out.read_text(errors="replace"), err.read_text(errors="replace"),
                      seconds, usage.ru_maxrss / 1024)
    out.unlink()
    err.unlink()
    _record(outcome)
    return outcome


def _record(outcome: Outcome) -> None:
    report = os.environ.get("BRIEFING_HOSTILE_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as file:
            file.write(json.dumps({"case": outcome.case, "code": outcome.code, "lines": len(outcome.lines),
                                   "traceback": "Traceback" in outcome.stderr, "seconds": round(outcome.seconds, 2),
                                   "peak_mb": round(outcome.peak_mb), "message": outcome.lines[-1][:200]
                                   if outcome.lines else ""}, ensure_ascii=False) + "\n")


@pytest.fixture(scope="session")
def skeleton(tmp_path_factory) -> Path:
    """`briefing init` once; each case gets a copy of it."""
    folder = tmp_path_factory.mktemp("skeleton") / "project"
    result = subprocess.run([sys.executable, "-m", "briefing", "init", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def fresh(skeleton: Path, tmp_path: Path) -> Path:
    """A project made by `briefing init`, as the review's cases started from."""
    folder = tmp_path / "project"
    shutil.copytree(skeleton, folder, symlinks=True)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` in a text file; the test fails if it is not there (the skeleton changed)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def word_paragraph(docx: Path, text: str) -> None:
    """A paragraph holding `text` first in the body of a Word file, as an author typing a tag would."""
    import io
    import zipfile

    original = docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as zin, zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode(), 1)
            zout.writestr(item, data)
