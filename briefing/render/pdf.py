"""PDF: a briefing converted with LibreOffice, with the built-in templates' font fallbacks.

The Word briefing carries its Chinese fonts (render.word_fonts), so any LibreOffice shows them; the
conversion's fontconfig adds the bundled Noto SC faces and templates/fonts.conf besides, for a template's
font that was not embedded. LibreOffice runs in a profile of its own (a first run of a shared one, or one
open in a desktop session, would make `--convert-to` fail or wait) and within a bounded time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.errors import BuildError
from briefing.resources import FONTS_CONF

CONVERTER = "soffice"  # LibreOffice's command
INSTALL = "install LibreOffice, e.g. apt-get install libreoffice-writer-nogui"
TIMEOUT = 180.0  # seconds for one conversion, LibreOffice's start-up included (~5 s here, more on a cold disk)


class ConversionError(BuildError):
    """LibreOffice failed, timed out or wrote no PDF: a fault of the machine (exit 1), nothing is published."""


def converter() -> str | None:
    """The path of LibreOffice's soffice on the PATH, or None."""
    return shutil.which(CONVERTER)


def to_pdf(docx: Path, folder: Path, timeout: float = TIMEOUT) -> Path:
    """Convert a briefing to `folder`/<its name>.pdf with LibreOffice (soffice on the PATH), in a profile of its
    own made in a scratch folder; raises ConversionError when LibreOffice is missing, fails or takes longer
    than `timeout` seconds."""
    import os
    import tempfile

    import pylopdf_fonts_zh_cn

    program = converter()
    if program is None:
        raise ConversionError(f"converting {docx} to PDF: {CONVERTER} (LibreOffice) is not on the PATH ({INSTALL})")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as scratch:
        work = Path(scratch)
        config = work / "fonts.conf"
        config.write_text('<?xml version="1.0"?>\n<fontconfig>\n'
                          '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                          f'  <dir>{Path(pylopdf_fonts_zh_cn.serif_path()).parent}</dir>\n'
                          f'  <include ignore_missing="yes">{FONTS_CONF}</include>\n</fontconfig>\n',
                          encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work / "out"), str(Path(docx).absolute())]
        done = _run(command, env, timeout, docx)
        made = work / "out" / (Path(docx).stem + ".pdf")
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            raise ConversionError(f"converting {docx} to PDF: LibreOffice wrote no PDF (exit {done.returncode}"
                                  f"{': ' + said[-1] if said else ''})")
        target = folder / made.name
        shutil.move(str(made), target)
    return target


def _run(command: list[str], env: dict, timeout: float, docx: Path):
    """LibreOffice in a session of its own, so that a timeout ends it and every process it started."""
    import os
    import signal
    import subprocess

    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                   start_new_session=True)
    except OSError as exc:
        raise ConversionError(f"converting {docx} to PDF: cannot run {command[0]}: {exc.strerror}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException as exc:  # a timeout, or Ctrl-C: LibreOffice never outlives the build
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
        process.communicate()
        if isinstance(exc, subprocess.TimeoutExpired):
            raise ConversionError(f"converting {docx} to PDF: LibreOffice took more than {timeout:g} s "
                                  "(try again; or drop pdf from formats)") from None
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
