"""PDF: a briefing converted with LibreOffice, with the built-in templates' font fallbacks."""

from __future__ import annotations

from pathlib import Path

from briefing.resources import FONTS_CONF


def to_pdf(docx: Path, folder: Path, timeout: float = 180) -> Path:
    """Convert a briefing to PDF with LibreOffice (soffice must be on the PATH), in a profile of its own.

    The built-in templates' font fallbacks (templates/fonts.conf) are added to the
    system's fontconfig for the conversion, so 仿宋 shows as a Song face, not a Hei, and the
    Noto SC faces installed with briefing are among its fonts: a machine without Chinese
    fonts of its own shows every character, never a box.
    """
    import os
    import subprocess

    import pylopdf_fonts_zh_cn

    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig>\n'
                      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                      f'  <dir>{Path(pylopdf_fonts_zh_cn.serif_path()).parent}</dir>\n'
                      f'  <include ignore_missing="yes">{FONTS_CONF}</include>\n</fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=timeout, env=env)
    return folder / (Path(docx).stem + ".pdf")
