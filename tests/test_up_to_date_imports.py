"""An up-to-date run is a look at the editions: it imports none of the libraries that build them (nor Jinja: its templates passed their checks before), nor the stages of briefing that do."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from briefing.project import make_project


def test_an_up_to_date_run_imports_no_library_that_builds(tmp_path):
    make_project(tmp_path / "p", "csv")
    config = str(tmp_path / "p" / "briefing.yaml")
    first = subprocess.run([sys.executable, "-m", "briefing", "build", config, "--date", "2024-04-23"],
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    script = textwrap.dedent(f"""
        import contextlib, io, sys
        from briefing.cli import main
        said = io.StringIO()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            assert main(["build", {config!r}, "--date", "2024-04-23", "--verbose"]) == 0
        heavy = {{"docx", "docxtpl", "jinja2", "matplotlib", "pandas", "numpy", "lxml", "fontTools", "threadpoolctl",
                 "filelock", "concurrent", "statistics"}}  # the last three: 25 ms of imports
        print(said.getvalue().strip().splitlines()[-1])
        print(sorted({{m.split(".")[0] for m in sys.modules}} & heavy))
        stages = ("briefing.analyse", "briefing.enrich", "briefing.select", "briefing.render.context",
                  "briefing.publish.history",  # the stages that build: the pipeline imports each when it runs
                  "briefing.ingest.readers.html", "briefing.ingest.readers.office", "briefing.ingest.readers.feeds",
                  "briefing.ingest.fetch")  # and the readers of each format, imported when a source of it is read
        print(sorted(m for m in sys.modules if m.startswith(stages)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout.splitlines()[-3], done.stdout
    assert done.stdout.splitlines()[-2:] == ["[]", "[]"]
