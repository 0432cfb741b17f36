"""A Word template is sandboxed like the digest: it sees data and rendered XML, never the document being built.

Each case of the hostile-input report's P1 (word/tpl_save, word/overwrite, word/exfil, word/tpl_attr,
word/tpl_docx, word/image_desc) is put into a copy of the analyst template, then run through the real
command: `templates check` and `build` refuse it with one line, and nothing outside the edition changes.
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document as Word

from briefing.templating import BUILTIN_TEMPLATES
from conftest import ROOT, copy_project, run_cli

sys.path.insert(0, str(ROOT / "tools"))
from make_golden import DATE  # noqa: E402


def with_paragraph(docx: Path, text: str) -> None:
    """Put a paragraph holding `text` first in the body of a Word file (as an author typing a tag would)."""
    original = docx.read_bytes()
    docx.unlink()
    with zipfile.ZipFile(io.BytesIO(original)) as zin, zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                run = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                data = data.replace(b"<w:body>", b"<w:body>" + run, 1)
            zout.writestr(item, data)


def hostile_project(tmp_path: Path, tag: str) -> Path:
    """The sample project with its analyst template a copy of the built-in one, `tag` typed into it."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    folder = project / "templates" / "analyst"
    shutil.copytree(BUILTIN_TEMPLATES / "analyst", folder)
    with_paragraph(folder / "briefing.docx", tag)
    return project


@pytest.mark.parametrize("tag, build", [
    ("{{{{ charts[0].image.tpl.save('{victim}') }}}}", True),                                    # word/tpl_save
    ("{{{{ charts[0].image.tpl.replace_zipname('docProps/app.xml', '{secret}') }}}}", True),     # word/exfil
    ("{{{{ charts[0].image.tpl }}}}", False),                                                    # word/tpl_attr
    ("{{{{ charts[0].image.tpl.docx.core_properties.title }}}}", False),                         # word/tpl_docx
    ("{{{{ charts[0].image.image_descriptor }}}}", False),                                       # word/image_desc
    ("{{{{ charts[0].path }}}}", False),                                                         # the scratch path
])
def test_a_word_template_cannot_reach_the_document_it_renders(tmp_path: Path, tag: str, build: bool):
    """`templates check` (which renders for trial) refuses each; `build` too, for those that wrote or read
    files (the others fail the same way: the build runs the same render)."""
    victim, secret = tmp_path / "victim.txt", tmp_path / "secret.txt"
    victim.write_text("precious", encoding="utf-8")
    secret.write_text("the secret", encoding="utf-8")
    project = hostile_project(tmp_path, tag.format(victim=victim, secret=secret))
    config = str(project / "briefing.yaml")
    commands = [("templates", "check", "analyst", "--config", config)] + [("build", config, "--date", DATE)] * build
    for command in commands:
        result = run_cli(*command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "templates/analyst/briefing.docx" in result.stderr and "charts[0]" in result.stderr, result.stderr
        assert victim.read_text(encoding="utf-8") == "precious"
    assert not list((project / "out").rglob("briefing.docx")), "no edition is published"


def test_charts_still_show_in_the_word_briefing(tmp_path: Path):
    project = copy_project(tmp_path)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", DATE)
    assert result.returncode == 0, result.stderr
    edition = project / "out/western-development" / DATE
    for audience in ("executive", "analyst"):
        doc = Word(str(edition / audience / "briefing.docx"))
        charts = sorted((edition / audience / "charts").glob("*.png"))
        assert charts and len(doc.inline_shapes) == len(charts), audience
        blips = {shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in doc.inline_shapes}
        assert all(doc.part.related_parts[rid].content_type == "image/png" for rid in blips)
