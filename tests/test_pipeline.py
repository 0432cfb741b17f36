"""End to end through the real command: the Word file read back, the digest, the manifest."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document as Word
from docx.oxml.ns import qn

from conftest import ROOT, run_cli
from conftest import SIX


def _paragraphs(path: Path):
    return Word(str(path)).paragraphs


def test_both_audiences_have_every_file(sample_build: Path):
    for audience in ("executive", "analyst"):
        folder = sample_build / audience
        assert (folder / "briefing.docx").stat().st_size > 10_000
        assert (folder / "digest.md").is_file() and (folder / "manifest.json").is_file()
        assert list((folder / "charts").glob("*.png"))
    assert not [p for p in sample_build.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_word_briefing_reads_back(sample_build: Path):
    doc = Word(str(sample_build / "analyst" / "briefing.docx"))
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text[:len(s)] for p, s in zip(numbered, SIX)] == list(SIX)
    assert all("习近平" in p.text for p in numbered) and len(numbered) == 6
    assert "（习近平强调；新华社2024年4月23日，第6段）" in numbered[0].text
    assert any(p.style.name == "List Bullet 2" and p.text.startswith("强化科技创新") for p in doc.paragraphs)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["新变化", "摘要", "重要指示"] and "图表" in headings
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == "西部大开发简报"
    assert len(doc.inline_shapes) == 3  # the comparison, the share (中欧班列) and the rate (城镇化率) apart
    assert not [p.text for p in doc.paragraphs if "{{" in p.text or "{%" in p.text]
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert doc.core_properties.title == "西部大开发简报" and doc.core_properties.subject == "研究人员版"
    header = doc.sections[0].header.paragraphs[0].text
    assert header == "内部资料\t\t西部大开发简报 · 研究人员版 · 2024年4月23日"
    table_text = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "26.9万亿元" in table_text and "增长31.2%（2019—2023年）" in table_text


def test_executive_is_the_short_cut(sample_build: Path):
    doc = Word(str(sample_build / "executive" / "briefing.docx"))
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 6
    assert not [p for p in doc.paragraphs if p.style.name == "List Bullet 2"]  # no supporting actions
    assert len(doc.tables[0].rows) == 1 + 3  # header and the three figures that changed most
    assert len(doc.inline_shapes) == 1


def test_digest_names_sources_and_links_charts(sample_build: Path):
    folder = sample_build / "analyst"
    digest = (folder / "digest.md").read_text(encoding="utf-8")
    for i, s in enumerate(SIX, 1):
        assert f"{i}. **{s}" in digest
    assert "李强表示：要认真学习领会" in digest and "丁薛祥表示" in digest
    assert "| 地区生产总值（2023年） | 26.9万亿元 | 增长31.2%（2019—2023年） | 新华社第24段 |" in digest
    assert "⚑ 地区生产总值 2019—2023年：文中年均增长4.9%，按总量计算为7.0%" in digest
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", digest)
    assert len(links) == 3 and all((folder / link).is_file() for link in links)  # a share and a rate: two charts
    assert "已处理：移出插入正文的方框“习近平强调——” （6条要点）" in digest


def test_manifest(sample_build: Path):
    manifest = json.loads((sample_build / "analyst" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audience"] == "analyst" and manifest["date"] == "2024-04-23" and manifest["version"]
    files = manifest["inputs"]["files"]
    assert {i["kind"] for i in files} == {"config", "source", "table", "template"}
    assert all(len(i["sha256"]) == 64 for i in files) and len(manifest["inputs"]["digest"]) == 64
    outputs = {o["path"] for o in manifest["outputs"]}
    assert {"briefing.docx", "digest.md", "analysis.json"} <= outputs and any(o.startswith("charts/") for o in outputs)
    assert "timings" not in manifest  # nothing in it depends on when or how fast the build ran
    assert manifest["config"]["sha256"]


def test_chart_is_a_real_png(sample_build: Path):
    png = next((sample_build / "analyst" / "charts").glob("compare-*.png"))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_rebuild_replaces_the_edition(project: Path):
    for _ in range(2):
        result = run_cli("build", str(project / "briefing.yaml"), "--date", "2024-05-01", "--audience", "executive")
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # not a terminal: silent on success
    day = project / "out" / "western-development" / "2024-05-01"
    assert sorted(p.name for p in day.iterdir()) == ["executive"]


def test_extract_json():
    result = run_cli("extract", str(ROOT / "data/sources/xinhua-2024-04-23-western-development.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "directives", "summary", "indicators"}
    assert set(data["document"]) >= {"title", "language", "date", "paragraphs", "repairs"}
    first = data["directives"][0]
    assert set(first) >= {"speaker", "verb", "text", "actions", "paragraph", "rank"}
    gdp = next(i for i in data["indicators"] if i["name"] == "地区生产总值" and i["period"] == "2023")
    assert (gdp["value"], gdp["unit"], gdp["normalized"]) == ("26.9", "万亿元", {"value": 26.9e12, "unit": "元"})
    text = "".join(p["text"] for p in data["document"]["paragraphs"])
    # Extractive: the news lead first, condensed (no dateline, one post before the name); every other sentence the
    # source's, a leading pronoun replaced by the speaker's name or a dropped subject given it ("习近平强调，要…").
    lead, *rest = data["summary"]
    assert lead.startswith("中共中央总书记习近平4月23日下午在重庆主持召开")
    assert rest and all(s.replace("习近平", "他", 1) in text or any(s.removeprefix(said) in text for said in
                        ("", "习近平强调，", "习近平指出，")) for s in rest)
    assert not any(s.startswith("他") for s in data["summary"])


def test_init_makes_a_project_that_builds(tmp_path: Path):
    folder = tmp_path / "new"
    assert run_cli("init", str(folder)).returncode == 0
    result = run_cli("build", "--date", "2025-03-14", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "out/northeast/2025-03-14/analyst/briefing.docx").is_file()
    assert (folder / "templates/executive/briefing.docx").is_file()


def test_a_library_warning_during_a_build_is_one_named_warning_of_the_build(tmp_path, monkeypatch, capsys):
    """P33: matplotlib's warnings (a figure it cannot lay out) are the build's warnings, said once, never raw
    text with a source line on stderr."""
    import shutil
    import warnings

    from briefing import pipeline
    from briefing.config import load_config

    shutil.copy(ROOT / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    drawn = pipeline.draw_charts

    def warning_draw(*args, **kwargs):
        for _ in range(3):
            warnings.warn("Tight layout not applied. axes sizes collapsed to zero", UserWarning)
        return drawn(*args, **kwargs)

    monkeypatch.setattr(pipeline, "draw_charts", warning_draw)
    report = pipeline.build(load_config(tmp_path / "briefing.yaml"), date="2024-04-23")
    assert report.warnings.count("charts: UserWarning: Tight layout not applied. axes sizes collapsed to zero") == 1
    assert "UserWarning" not in capsys.readouterr().err


def test_the_manifest_records_the_table_as_it_was_read_not_as_it_is_later(tmp_path, monkeypatch):
    """P6 for tables: a table rewritten just after it was read is recorded by the bytes parsed, so the next build
    sees the change and rebuilds (it would else be 'up to date' with an edition of the older figures)."""
    import hashlib
    import shutil

    from briefing import pipeline
    from briefing.config import load_config
    from briefing.ingest import tables

    shutil.copy(ROOT / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    table = tmp_path / "data/indicators/western-region.csv"
    parsed = hashlib.sha256(table.read_bytes()).hexdigest()
    read_grid = tables.read_grid

    def read_then_rewrite(path, *args, **kwargs):
        grid = read_grid(path, *args, **kwargs)
        if Path(path) == table:
            table.write_text(table.read_text(encoding="utf-8").replace(",26.9,", ",27.9,"), encoding="utf-8")
        return grid

    config = load_config(tmp_path / "briefing.yaml")  # it reads the table too (validate's check)
    monkeypatch.setattr(tables, "read_grid", read_then_rewrite)
    pipeline.build(config, date="2024-04-23")
    manifest = json.loads((tmp_path / "out/western-development/2024-04-23/analyst/manifest.json").read_text("utf-8"))
    assert [f["sha256"] for f in manifest["inputs"]["files"] if f["kind"] == "table"] == [parsed]
    monkeypatch.setattr(tables, "read_grid", read_grid)
    assert not pipeline.build(config, date="2024-04-23").skipped  # the rewritten table is a change
