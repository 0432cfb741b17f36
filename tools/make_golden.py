"""Regenerate the golden digests (tests/golden/<template>.md) from tests/golden/briefing.yaml.

    .venv/bin/python tools/make_golden.py        # or: make golden

Run it after changing a built-in template on purpose, and read the diff before committing:
the golden files are what each template's digest is known to look like. Time, locale
and the edition date are pinned, as in the test that compares them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DATE = "2024-04-23"
PINNED = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC", "SOURCE_DATE_EPOCH": "1713830400"}


def build_sample(out: Path) -> Path:
    """Build tests/golden/briefing.yaml into `out` through the real command; the folder of the editions."""
    env = {**os.environ, **PINNED}
    subprocess.run([sys.executable, "-m", "briefing", "build", str(GOLDEN / "briefing.yaml"), "--date", DATE,
                    "--out", str(out)], check=True, env=env, cwd=ROOT)
    return out / "western-development" / DATE


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        day = build_sample(Path(scratch))
        for edition in sorted(p for p in day.iterdir() if (p / "digest.md").is_file()):
            target = GOLDEN / f"{edition.name}.md"
            target.write_text((edition / "digest.md").read_text(encoding="utf-8"), encoding="utf-8")
            print(target)


if __name__ == "__main__":
    main()
