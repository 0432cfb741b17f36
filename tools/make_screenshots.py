"""Pictures of page 1 of each built-in template's briefing, for the README (docs/<template>-page1.png), and the
sample's first chart (docs/chart-compare.png).

Builds tests/golden/briefing.yaml (the sample, one audience per built-in template) through the real command and
converts each briefing.docx to PDF with a plain LibreOffice: the machine's own fontconfig, none of the project's
and no bundled font folder, so what shows Chinese is the fonts embedded in the Word file alone (on a machine
without Chinese system fonts, a box would show any character they lack). With --all, every page of each is
written too (into --pages, default /tmp/briefing-pages), to look at:

    .venv/bin/python tools/make_screenshots.py          # or: make screenshots
    .venv/bin/python tools/make_screenshots.py --all --pages /tmp/pages
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from make_golden import build_sample  # noqa: E402


def plain_pdf(docx: Path, folder: Path) -> Path:
    """The Word file as LibreOffice prints it with the machine's fonts and the file's embedded ones only."""
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300, env=env)
    return folder / (docx.stem + ".pdf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true", help="also write every page, to look at")
    parser.add_argument("--pages", type=Path, default=Path("/tmp/briefing-pages"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        day = build_sample(work / "out")
        for edition in sorted(p for p in day.iterdir() if (p / "briefing.docx").is_file()):
            (work / edition.name).mkdir()
            pdf = plain_pdf(edition / "briefing.docx", work / edition.name)
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
            print(edition.name, "fonts:", sorted({line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}))
            target = ROOT / "docs" / f"{edition.name}-page1"
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(target)], check=True)
            print(target.with_suffix(".png"))
            if args.all:
                args.pages.mkdir(parents=True, exist_ok=True)
                subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(args.pages / edition.name)], check=True)
        chart = sorted((day / "analyst" / "charts").glob("compare-*.png"))
        if chart:
            shutil.copy(chart[0], ROOT / "docs" / "chart-compare.png")
            print(ROOT / "docs" / "chart-compare.png")


if __name__ == "__main__":
    main()
