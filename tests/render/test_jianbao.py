"""The 简报 after GB/T 9704 (its 期号 kept with the editions, its 版记, no bullets, a tidy headline) and the
editions without a sources section saying that a source failed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document as Word

from briefing.ingest.repair import parse_text
from conftest import ROOT, run_cli


def _project(tmp_path: Path, **audience) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data", dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "briefing.yaml").read_text(encoding="utf-8"))
    config["audiences"] = {"jianbao": {"template": "jianbao", "title": "工作简报", **audience}}
    path = tmp_path / "briefing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _build(config: Path, date: str, *more: str) -> Path:
    result = run_cli("build", str(config), "--date", date, *more)
    assert result.returncode == 0, result.stderr
    return config.parent / "out" / "western-development" / date / "jianbao"


def _issue(edition: Path) -> tuple[int, str, str]:
    manifest = json.loads((edition / "manifest.json").read_text(encoding="utf-8"))
    word = [p.text for p in Word(str(edition / "briefing.docx")).paragraphs if p.style.name == "Issue Number"]
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    return manifest["issue"]["number"], word[0], next(line for line in digest.splitlines() if line.endswith("期"))


def test_the_issue_number_counts_editions_and_restarts_each_year(tmp_path: Path):
    config = _project(tmp_path)
    assert _issue(_build(config, "2026-12-01")) == (1, "第1期", "第1期")  # was 第335期: the day of the year
    assert _issue(_build(config, "2026-12-02", "--force"))[0] == 2
    assert _issue(_build(config, "2026-12-01", "--force"))[0] == 1  # a rebuild keeps its number
    assert _issue(_build(config, "2026-12-03", "--force"))[0] == 3
    assert _issue(_build(config, "2027-01-04", "--force")) == (1, "第1期", "第1期")


def test_first_issue_continues_a_series(tmp_path: Path):
    config = _project(tmp_path, first_issue=12)
    assert _issue(_build(config, "2026-12-01")) == (12, "第12期", "第12期")
    assert _issue(_build(config, "2026-12-08", "--force"))[0] == 13


def test_first_issue_and_distribution_are_checked(tmp_path: Path):
    config = _project(tmp_path, first_issue=0, distribution={"抄": ["某单位"], "报": {"a": 1}})
    result = run_cli("validate", str(config))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "audiences.jianbao.first_issue: expected 1 or more, got 0" in result.stderr
    assert 'audiences.jianbao.distribution.抄: unknown line "抄"' in result.stderr
    assert "audiences.jianbao.distribution.报: expected a text or a list of texts" in result.stderr


def _tail(edition: Path) -> tuple[list[str], str]:
    doc = Word(str(edition / "briefing.docx"))
    imprint = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
               if p.style.name == "Imprint"]
    return imprint, (edition / "digest.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def jianbao(tmp_path_factory) -> Path:
    """A 简报 with an issuer and two of the 版记's lines."""
    config = _project(tmp_path_factory.mktemp("jianbao"), issuer="西部开发研究室",
                      distribution={"报": ["省委办公厅", "省政府办公厅"], "发": "各市（州）发展改革委"})
    return _build(config, "2026-12-01")


def test_the_imprint_block_from_the_audience(jianbao: Path):
    imprint, digest = _tail(jianbao)
    assert imprint == ["报：省委办公厅，省政府办公厅。", "发：各市（州）发展改革委。", "西部开发研究室\t2026年12月1日印发"]
    assert digest.rstrip().endswith("---\n\n报：省委办公厅，省政府办公厅。\n\n发：各市（州）发展改革委。\n\n"
                                    "西部开发研究室　　2026年12月1日印发\n\n---")


def test_no_imprint_without_settings_and_only_the_printed_line_with_an_issuer(tmp_path: Path):
    imprint, digest = _tail(_build(_project(tmp_path / "none"), "2026-12-01"))
    assert imprint == [] and "印发" not in digest and "报：" not in digest
    imprint, digest = _tail(_build(_project(tmp_path / "issuer", issuer="研究室"), "2026-12-01"))
    assert imprint == ["研究室\t2026年12月1日印发"] and "研究室　　2026年12月1日印发" in digest


def test_no_bullets_in_the_jianbao(jianbao: Path):
    edition = jianbao
    doc = Word(str(edition / "briefing.docx"))
    styles = {p.style.name for p in doc.paragraphs if p.text.strip()}
    assert not [s for s in styles if "Bullet" in s or s.startswith("List")], styles
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("（一）要坚持把发展特色优势产业作为主攻方向") for t in texts), texts
    assert any(t.startswith("1．") for t in texts)  # a directive's actions: the third level of 公文 numbering
    digest = (edition / "digest.md").read_text(encoding="utf-8")
    assert not [line for line in digest.splitlines() if line.lstrip().startswith(("- ", "* ", "+ "))]
    assert "\n（一）**要坚持把发展特色优势产业作为主攻方向" in digest


def test_a_headline_loses_the_spaces_between_chinese_characters():
    from briefing.languages.common import headline

    assert headline("  全省 春耕  备耕 工作会议召开　部署 “三夏” 准备  ") == "全省春耕备耕工作会议召开部署“三夏”准备"
    assert headline("2026 年 第 1 季度  GDP 增长 5%") == "2026 年第 1 季度 GDP 增长 5%"
    assert headline("Ports  and   harbours") == "Ports and harbours"
    document = parse_text("全省 春耕  备耕 工作会议召开\n\n会议强调，要抓好春耕生产。\n", "spring", "spring.txt")
    assert document.title == "全省春耕备耕工作会议召开"


def test_the_jianbao_headline_is_tidied(jianbao: Path):
    title = [p.text for p in Word(str(jianbao / "briefing.docx")).paragraphs if p.style.name == "Title"]
    assert title == ["习近平主持召开新时代推动西部大开发座谈会强调进一步形成大保护大开放高质量发展新格局"
                     "奋力谱写西部大开发新篇章"]


@pytest.fixture(scope="module")
def executive(tmp_path_factory) -> Path:
    """The sample beside an empty source (which fails), for the executive, an English minister made from it and
    the analyst; the folder of their editions."""
    project = tmp_path_factory.mktemp("executive")
    shutil.copytree(ROOT / "data", project / "data")
    (project / "data" / "sources" / "empty.txt").write_bytes(b"")
    config = yaml.safe_load((ROOT / "briefing.yaml").read_text(encoding="utf-8"))
    config["audiences"] = {"executive": {"template": "executive"}, "analyst": {"template": "analyst"},
                           "minister": {"template": "executive", "language": "en"}}
    (project / "briefing.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-04-23")
    assert result.returncode == 0, result.stderr
    return project / "out" / "western-development" / "2024-04-23"


def test_an_edition_without_its_sources_section_says_a_source_failed(executive: Path):
    out = executive
    for audience, note in (("executive", "注：1个来源未能读取，本期据其余来源编写。"),
                           ("minister", "Note: 1 source could not be read; this edition is written from the others.")):
        paragraphs = [p.text for p in Word(str(out / audience / "briefing.docx")).paragraphs]
        assert note in paragraphs[:4], paragraphs[:6]
        digest = (out / audience / "digest.md").read_text(encoding="utf-8")
        assert note in digest.split("##", 1)[0], digest[:400]
    analyst = (out / "analyst" / "digest.md").read_text(encoding="utf-8")  # it lists them in its sources section
    assert "本期据其余来源编写" not in analyst and "**未能读取的来源**" in analyst


def test_the_executive_opens_with_key_points(executive: Path):
    out = executive
    for audience, heading in (("executive", "要点"), ("minister", "Key points")):
        doc = Word(str(out / audience / "briefing.docx"))
        headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert headings[:2] == [heading, "重要指示" if audience == "executive" else "Directives"], headings
        digest = (out / audience / "digest.md").read_text(encoding="utf-8")
        points = digest.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()
        assert points and (audience != "executive" or len(points) <= 160), points
