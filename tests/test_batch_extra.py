"""Dask is an optional extra (briefing[batch]): only `batch` and `worker` import it, and without it `batch`
says how to install it in one line. These run without Dask installed too."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from briefing.cli import main
from briefing.project import make_project


def test_without_dask_batch_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    make_project(tmp_path / "p", "csv")
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    code = main(["batch", str(tmp_path / "p" / "briefing.yaml"), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err == ("briefing: briefing batch: needs Dask, which is not installed "
                                       "(pip install 'briefing[batch]')\n")
    assert not (tmp_path / "p" / "out").exists()
    assert main(["worker", "tcp://127.0.0.1:8786"]) == 2
    assert capsys.readouterr().err == ("briefing: briefing worker: needs Dask, which is not installed "
                                       "(pip install 'briefing[batch]')\n")


def test_build_and_help_never_import_dask(tmp_path):
    make_project(tmp_path / "p", "csv")
    script = textwrap.dedent(f"""
        import contextlib, io, sys
        from briefing.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            for argv in (["--help"], ["batch", "--help"], ["worker", "--help"]):
                try:
                    main(argv)
                except SystemExit:
                    pass
        assert main(["build", {str(tmp_path / "p" / "briefing.yaml")!r}, "--date", "2024-04-23"]) == 0
        print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"dask", "distributed", "tornado"}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_an_interrupted_batch_leaves_no_hook_running(tmp_path):
    """Its hooks run on threads that no KeyboardInterrupt reaches: stopping kills the one running (its shell
    would otherwise run on, up to HOOK_SECONDS) and drops the ones not begun."""
    from briefing.batch import BatchResult, Concluding, Outcome
    from briefing.operate import Hooks

    hooks = Hooks(tmp_path / "briefing.yaml", on_failure="touch begun; sleep 60; touch finished")
    concluding = Concluding(BatchResult(), None, None, 20)
    for n in range(20):
        concluding.add(Outcome(tmp_path / f"{n}.yaml", 1, "failed", hooks))
    while not (tmp_path / "begun").exists():
        time.sleep(0.02)
    concluding.finish(stop=True)
    assert not (tmp_path / "finished").exists()
    assert len(concluding.result.outcomes) <= 8  # HOOK_THREADS begun at most, the rest dropped
