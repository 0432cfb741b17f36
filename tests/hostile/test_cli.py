"""The command line's last net (review P23) and a reader that goes away (P27): a bug is one line that says how to
report it, exit 1, with on_failure run; `briefing extract … | head` ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import cli
from tests.hostile.conftest import SECONDS

SOURCE = "data/sources/2025-03-14-northeast-revitalization.txt"


def _into_a_closed_pipe(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`briefing ARGS | head` when head has already gone: the reading end is closed before anything is written.
    Standard output is buffered, as in a shell or cron (PYTHONUNBUFFERED would hide a failure at exit)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    proc.stdout.close()
    _, err = proc.communicate(timeout=SECONDS)
    return subprocess.CompletedProcess(proc.args, proc.returncode, "", err.decode(errors="replace"))


@pytest.mark.parametrize("form", ["md", "json"])
def test_extract_into_a_closed_pipe_ends_quietly(fresh: Path, form: str):
    """Case cli/extract_summary_neg, its first half (a pipe, which the harness's run() cannot give)."""
    done = _into_a_closed_pipe(fresh, "extract", SOURCE, "--summary-chars", "10", "--format", form)
    assert done.returncode in (0, 141), (done.returncode, done.stderr)
    assert done.stderr == "", done.stderr


def test_an_error_on_a_closed_pipe_is_still_said(fresh: Path):
    """Only standard output's reader going away is quiet: a failing command into a closed pipe still says why."""
    done = _into_a_closed_pipe(fresh, "extract", "missing.txt")
    assert done.returncode == 2 and "missing.txt" in done.stderr and "Traceback" not in done.stderr


def _project_that_alerts(fresh: Path) -> Path:
    with (fresh / "briefing.yaml").open("a", encoding="utf-8") as config:
        config.write("on_failure: 'printf \"%s|%s\" \"$BRIEFING_EXIT_CODE\" \"$BRIEFING_ERROR\" > failed.txt'\n")
    return fresh


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


def test_a_bug_in_a_build_is_one_line_and_alerts(fresh: Path, monkeypatch, capsys):
    """The last net, through the command line's own main(): nothing known raised it (a bug), so it says so."""
    monkeypatch.chdir(_project_that_alerts(fresh))
    monkeypatch.setattr("briefing.pipeline.build", _boom)
    assert cli.main(["build", "--date", "2024-05-01"]) == 1
    assert capsys.readouterr().err == ("briefing: internal error: RuntimeError: boom (please report it, with --debug "
                                       "for the traceback)\n")
    assert (fresh / "failed.txt").read_text(encoding="utf-8") == "1|RuntimeError: boom"


def test_a_bug_outside_build_is_one_line_and_debug_shows_it(fresh: Path, monkeypatch, capsys):
    monkeypatch.chdir(fresh)
    monkeypatch.setattr("briefing.extract.analysis_json", _boom)
    assert cli.main(["extract", SOURCE]) == 1
    assert capsys.readouterr().err.startswith("briefing: internal error: RuntimeError: boom (please report it")
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["extract", SOURCE, "--debug"])


def test_an_os_error_nothing_named_says_its_path_and_reason(fresh: Path, monkeypatch, capsys):
    """An OSError no stage named is still the machine's fault, with its path and what the system said."""
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(fresh / "out"))

    monkeypatch.chdir(_project_that_alerts(fresh))
    monkeypatch.setattr("briefing.pipeline.build", refused)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {fresh / 'out'}: Permission denied (while building; ") and err.count("\n") == 1
    assert (fresh / "failed.txt").read_text(encoding="utf-8").startswith(f"1|{fresh / 'out'}: Permission denied")
