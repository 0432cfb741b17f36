"""Pictures of page 1 of each built-in template's briefing, for the README (docs/<template>-page1.png).

Builds tests/golden/briefing.yaml (the sample, one audience per built-in template)
through the real command, converts each briefing.docx to PDF with LibreOffice (with
the templates' font fallbacks, briefing/templates/fonts.conf) and page 1 to PNG:

    .venv/bin/python tools/make_screenshots.py          # or: make screenshots
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.render.pdf import to_pdf  # noqa: E402
from make_golden import build_sample  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        day = build_sample(work / "out")
        for edition in sorted(p for p in day.iterdir() if (p / "briefing.docx").is_file()):
            pdf = to_pdf(edition / "briefing.docx", work / edition.name)
            target = ROOT / "docs" / f"{edition.name}-page1"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(target)], check=True)
            print(target.with_suffix(".png"))


if __name__ == "__main__":
    main()
