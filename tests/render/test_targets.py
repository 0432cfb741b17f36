"""A target is shown as one in every output: extract (json, md), the digest and the Word briefing."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from docx import Document as WordDocument

from conftest import run_cli

SOURCE = ("临江市发展情况\n\n2023年，临江市常住人口城镇化率为64.2%。\n\n"
          "到2027年，临江市常住人口城镇化率达到70%。\n")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "2024-06-15-linjiang.txt").write_text(SOURCE, encoding="utf-8")
    config = {"title": "临江简报", "name": "linjiang", "sources": ["sources/*.txt"],
              "indicators": [{"from_sources": True}], "audiences": {"analyst": {"template": "analyst"}}}
    (tmp_path / "briefing.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_extract_marks_a_target(tmp_path: Path):
    source = _project(tmp_path) / "sources" / "2024-06-15-linjiang.txt"
    data = json.loads(run_cli("extract", str(source), "--format", "json").stdout)
    assert [(i["period"], i["value"], i["status"]) for i in data["indicators"]] == [
        ("2023", "64.2", "actual"), ("2027", "70", "target")]
    markdown = run_cli("extract", str(source), "--format", "md").stdout
    assert "| 2027年（目标） | 70% |" in markdown and "| 2023年 | 64.2% |" in markdown  # in the document's language


def test_the_digest_and_the_word_briefing_show_a_target_as_one(tmp_path: Path):
    project = _project(tmp_path)
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-06-16", "--out", str(project / "out"))
    assert result.returncode == 0, result.stderr
    edition = project / "out" / "linjiang" / "2024-06-16" / "analyst"
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert "| 2027年（目标） | 70% |" in digest and "| 2023年 | 64.2% |" in digest
    word = WordDocument(str(edition / "briefing.docx"))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "2027年（目标）" in cells and "2023年" in cells
