"""The analysis runs with one BLAS thread even when numpy is first imported during it (as in a build, whose
modules import numpy only when the summary ranks its sentences): threadpoolctl limits only the libraries
loaded when its limit is entered."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_the_analysis_limits_blas_to_one_thread_when_numpy_is_imported_late(tmp_path):
    script = textwrap.dedent("""
        import sys
        from briefing import analyse
        from briefing.ingest.repair import parse_text

        seen = []

        def look(analysis):
            from threadpoolctl import threadpool_info
            seen.append(sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}))
            return analysis

        analyse.ANALYSERS["look"] = look  # after the summary, which ranks with numpy
        assert "numpy" not in sys.modules
        text = "简报\\n\\n" + "".join(f"全省第{i}季度经济运行总体平稳，工业生产稳中有进，市场销售持续恢复。" for i in range(8)) + "\\n"
        document = parse_text(text, "d", "d.txt", name="d-2025-01-01.txt")
        result = analyse.analyse((document,))
        assert result.summary, "the summary ranked nothing"
        print(seen)
    """)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[[1]]", done.stdout
