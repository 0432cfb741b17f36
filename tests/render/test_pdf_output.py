"""PDF as an output of an audience (`formats:`), and a PDF of each built-in template that shows its Chinese
from the fonts embedded in the Word file alone: plain `soffice --convert-to pdf`, no fontconfig of the project's,
on a machine without Chinese fonts of its own. The tests that need LibreOffice skip where it is missing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SIX, run_cli

ROOT = Path(__file__).resolve().parents[2]
DATE = "2024-04-23"
BUILT_IN = ("executive", "analyst", "public", "jianbao")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                                   reason="LibreOffice (soffice) or poppler (pdffonts) is not on the PATH")


def plain_soffice(docx: Path, folder: Path) -> Path:
    """The conversion anyone would run: soffice with a fresh profile, the machine's own fontconfig."""
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300, env=env)
    return folder / (docx.stem + ".pdf")


def pdf_fonts(pdf: Path) -> dict[str, str]:
    """pdffonts' table: each font's name (without its subset prefix) → its 'emb' column."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1]: line.split()[-5] for line in lines if line.strip()}


@needs_soffice
def test_each_built_in_template_shows_its_chinese_from_the_embedded_fonts(golden_build: Path, tmp_path: Path):
    """Plain soffice, no project fontconfig: the PDF's Chinese faces are the bundled Noto SC ones the .docx
    carries, embedded in the PDF, and its text layer holds the directives. Before: boxes (DejaVu only)."""
    for name in BUILT_IN:
        pdf = plain_soffice(golden_build / name / "briefing.docx", tmp_path / name)
        fonts = pdf_fonts(pdf)
        chinese = {f: emb for f, emb in fonts.items() if f.startswith(("NotoSerifSC", "NotoSansSC"))}
        assert "NotoSerifSC-Regular" in chinese and "NotoSansSC-Regular" in chinese, (name, fonts)  # Song and Hei
        assert set(chinese.values()) == {"yes"}, (name, fonts)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert sum(d in flat for d in SIX) >= 5 and "\ufffd" not in text, (name, text[:300])


@needs_soffice
def test_formats_pdf_puts_a_pdf_in_the_edition(make_config):
    """formats: [docx, md, pdf] publishes briefing.pdf beside the others, listed in the manifest; [md, pdf]
    publishes no Word file."""
    config = make_config(audiences={"board": {"template": "executive", "formats": ["docx", "md", "pdf"]},
                                    "web": {"template": "public", "formats": ["md", "pdf"]}})
    result = run_cli("build", str(config), "--date", DATE)
    assert result.returncode == 0, result.stderr
    day = config.parent / "out/western-development" / DATE
    for audience, files in (("board", {"briefing.docx", "digest.md", "briefing.pdf"}),
                            ("web", {"digest.md", "briefing.pdf"})):
        edition = day / audience
        made = {p.name for p in edition.iterdir() if p.is_file()} - {"manifest.json", "analysis.json"}
        assert made == files, (audience, made)
        listed = json.dumps(json.loads((edition / "manifest.json").read_text(encoding="utf-8")), ensure_ascii=False)
        assert "briefing.pdf" in listed
        assert (edition / "briefing.pdf").read_bytes().startswith(b"%PDF")
    assert not list(config.parent.rglob("*.tmp")) and not list(config.parent.rglob("lo-profile"))


def test_formats_md_alone_writes_no_word_file(make_config):
    config = make_config(audiences={"web": {"template": "public", "formats": ["md"]}})
    result = run_cli("build", str(config), "--date", DATE)
    assert result.returncode == 0, result.stderr
    edition = config.parent / "out/western-development" / DATE / "web"
    assert (edition / "digest.md").is_file() and not (edition / "briefing.docx").exists()


def test_an_unknown_format_is_one_line_naming_its_line_and_the_choices(make_config):
    config = make_config(audiences={"web": {"template": "public", "formats": ["docx", "odt"]}})
    result = run_cli("validate", str(config))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = next(l for l in result.stderr.splitlines() if "odt" in l)
    assert re.search(r"briefing\.yaml:\d+: audiences\.web\.formats\.1: unknown format \"odt\" \(choose from docx, md, "
                     r"pdf\)", line), result.stderr


def test_pdf_without_libreoffice_is_one_line_before_anything_is_built(make_config, tmp_path: Path):
    """No soffice on the PATH: build and validate say so in one line (the program, the audience, the fix),
    exit 2, and nothing is written. Runs everywhere: the PATH is emptied for the command."""
    config = make_config(audiences={"board": {"template": "executive", "formats": ["docx", "md", "pdf"]},
                                    "analyst": {"template": "analyst"}})
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    for command in ("build", "validate"):
        result = subprocess.run([sys.executable, "-m", "briefing", command, str(config)], capture_output=True,
                                text=True, cwd=ROOT, timeout=120, env=env)
        assert result.returncode == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "soffice" in lines[0] and "audience board" in lines[0] and "audiences.board.formats" in lines[0]
        assert "apt-get install libreoffice-writer-nogui" in lines[0] and "drop pdf from formats" in lines[0]
    assert not (config.parent / "out").exists()


def fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return folder


def test_a_failed_conversion_is_a_build_failure_and_nothing_is_published(make_config, tmp_path: Path):
    """LibreOffice that fails (exit 1, no PDF): the build fails (exit 1, a fault of the machine), one line, no
    edition published, no staging left."""
    config = make_config(audiences={"board": {"template": "executive", "formats": ["docx", "md", "pdf"]}})
    bin = fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2; exit 1')
    env = {**os.environ, "PATH": f"{bin}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "briefing", "build", str(config), "--date", DATE],
                            capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "LibreOffice wrote no PDF" in result.stderr and "could not be loaded" in result.stderr
    day = config.parent / "out/western-development" / DATE
    assert not (day / "board").exists() and not [p for p in day.parent.rglob("*.tmp")]


def test_a_conversion_that_hangs_is_ended_at_its_timeout(tmp_path: Path, monkeypatch):
    from briefing.render.pdf import ConversionError, to_pdf

    bin = fake_soffice(tmp_path / "bin", "sleep 60")
    monkeypatch.setenv("PATH", f"{bin}{os.pathsep}{os.environ['PATH']}")
    (tmp_path / "briefing.docx").write_bytes(b"PK")
    with pytest.raises(ConversionError, match=r"took more than 1 s"):
        to_pdf(tmp_path / "briefing.docx", tmp_path / "pdf", timeout=1)
